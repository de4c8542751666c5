"""Word knowledge at the level of one SQLite transaction: setting and logging a word's state, and
what a review does to it (called by :meth:`Store.grade` and :meth:`Store.undo_review` inside their
transactions). Below both :mod:`.db` and :mod:`.knowledge`, so neither imports the other back.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from reader.core.knowledge import KNOWN, LEARNING

from .clock import ts as _ts

# FSRS: a learning word is known once recall is still this likely this far out.
KNOWN_RETRIEVABILITY = 0.9
KNOWN_HORIZON = timedelta(days=30)


def _set(conn: sqlite3.Connection, word: str, state: str, source: str, now: str,
         before: tuple[str, str] | None, review_id: int | None = None) -> None:
    conn.execute(
        "INSERT INTO word_knowledge (word, state, source, changed) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (word) DO UPDATE SET state = excluded.state, source = excluded.source,"
        " changed = excluded.changed", (word, state, source, now))
    _log(conn, word, state, before, source, now, review_id)


def _log(conn: sqlite3.Connection, word: str, state: str, before: tuple[str, str] | None, source: str, now: str,
         review_id: int | None = None) -> None:
    conn.execute(
        "INSERT INTO knowledge_log (word, state, before, before_source, source, changed, review_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (word, state, before[0] if before else None, before[1] if before else None, source, now, review_id))


# ------------------------------------------------------------------- hooks of the review


def after_review(conn: sqlite3.Connection, vocab_id: int, rating: int, card, scheduler, now: datetime,
                 review_id: int) -> None:
    """Called by :meth:`Store.grade` inside its transaction, once the card is rescheduled: a learning
    word that FSRS now expects to be recalled a month out (p >= 0.9) is known; a known word failed
    (Again) is learning again. Ignored words are left alone."""
    row = conn.execute("SELECT word FROM vocab WHERE id = ?", (vocab_id,)).fetchone()
    if row is None:
        return
    word = row[0]
    stored = conn.execute("SELECT state, source FROM word_knowledge WHERE word = ?", (word,)).fetchone()
    state = stored[0] if stored else LEARNING
    before = (stored[0], stored[1]) if stored else None
    if state == KNOWN and rating == 1:
        _set(conn, word, LEARNING, "review", _ts(now), before, review_id)
    elif state == LEARNING and rating > 1:
        if scheduler.get_card_retrievability(card, now + KNOWN_HORIZON) >= KNOWN_RETRIEVABILITY:
            _set(conn, word, KNOWN, "review", _ts(now), before, review_id)


def undo_review(conn: sqlite3.Connection, review_id: int) -> None:
    """Take back what the review ``review_id`` changed (called by :meth:`Store.undo_review`)."""
    for log_id, word, before, before_source in conn.execute(
            "SELECT id, word, before, before_source FROM knowledge_log WHERE review_id = ? ORDER BY id DESC",
            (review_id,)).fetchall():
        if before is None:
            conn.execute("DELETE FROM word_knowledge WHERE word = ?", (word,))
        else:
            conn.execute("UPDATE word_knowledge SET state = ?, source = ? WHERE word = ?",
                         (before, before_source or "user", word))
        conn.execute("DELETE FROM knowledge_log WHERE id = ?", (log_id,))
