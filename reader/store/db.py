"""The SQLite store: preferences, reading positions, bookmarks, vocabulary, FSRS review, corrections.

Durability: every method that changes something commits before it returns (WAL, ``synchronous=FULL``),
so a change the user saw confirmed survives ``kill -9``. Writes take the write lock up front
(``BEGIN IMMEDIATE``) and wait for another yuedu process for up to ``timeout`` seconds
(``busy_timeout``), so two processes writing at once lose nothing.

Threads: one connection opened with ``check_same_thread=False``, every use under one lock, so the UI
may call from workers and from the main thread.

Damage: a file that is not a readable SQLite database raises :class:`UserError` naming it; the file
is left where it is and a copy is saved next to it as ``<name>.corrupt-<timestamp>``. Nothing is ever
silently replaced.
"""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import json
import shutil
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from reader.core.sanitize import safe_text
from reader.errors import UserError

from reader.core import pinyin as _pinyin
from .clock import UTC, now_utc
from .clock import dt as _dt
from .clock import local_day_start as _local_day_start
from .clock import ts as _ts
from .knowledge_rows import after_review, undo_review
from .schema import CURRENT_VERSION, MIGRATIONS, TABLES

EXCERPT_CHARS = 40
DEFAULT_NEW_PER_DAY = 20
PREF_NEW_PER_DAY = "review.new_per_day"
PREF_RETENTION = "review.desired_retention"

# SQLite primary result codes (extended codes keep these in the low byte).
_BUSY, _LOCKED, _CORRUPT, _NOTADB = 5, 6, 11, 26
_CANTOPEN, _READONLY, _IOERR, _FULL, _PERM, _AUTH = 14, 8, 10, 13, 3, 23


# -------------------------------------------------------------------------------- anchoring


def _normal_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def block_hash(text: str) -> str:
    """A short stable hash of a paragraph's content (whitespace-insensitive)."""
    return hashlib.sha1(_normal_text(text).encode("utf-8")).hexdigest()[:16]


def excerpt_of(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = _normal_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reanchor(index: int, hash_: str, excerpt: str, block_texts: Sequence[str]) -> tuple[int, bool] | None:
    """Where is the paragraph now? Returns (index, exact) or None when the article has no blocks.

    Same content at the same index wins; then the same content elsewhere (nearest to the old index);
    then a paragraph starting like the excerpt (edited at its end); then the nearest index.
    """
    n = len(block_texts)
    if n == 0:
        return None
    if 0 <= index < n and block_hash(block_texts[index]) == hash_:
        return index, True
    same = [i for i, t in enumerate(block_texts) if block_hash(t) == hash_]
    if same:
        return min(same, key=lambda i: (abs(i - index), i)), True
    head = excerpt.rstrip("…")[: max(8, len(excerpt) // 2)]
    if head:
        alike = [i for i, t in enumerate(block_texts) if _normal_text(t).startswith(head)]
        if alike:
            return min(alike, key=lambda i: (abs(i - index), i)), False
    return min(max(index, 0), n - 1), False


# ------------------------------------------------------------------------------- records


class Place(NamedTuple):
    """Where an article was left: its paragraph (block index), the % read there when it was saved (None:
    saved by a yuedu older than that figure), and when."""

    block: int
    percent: int | None
    last_read: datetime


@dataclass(frozen=True)
class Bookmark:
    id: int
    article_id: str
    block_index: int
    name: str
    excerpt: str
    created: datetime
    block_hash: str = ""

    def to_json(self) -> dict:
        d = asdict(self)
        d["created"] = self.created.isoformat()
        d.pop("block_hash")
        return d


@dataclass(frozen=True)
class Sentence:
    text: str
    article_id: str | None
    block_index: int | None
    added: datetime

    def to_json(self) -> dict:
        return {"text": self.text, "article_id": self.article_id, "block_index": self.block_index,
                "added": self.added.isoformat()}


@dataclass(frozen=True)
class VocabItem:
    id: int
    word: str
    pinyin: str                 # canonical tone numbers, "zhong4 yao4"
    definition: str
    glossary_term: str | None
    tags: tuple[str, ...]
    note: str
    added: datetime
    sentences: tuple[Sentence, ...] = ()
    due: datetime | None = None
    state: str = "new"          # "new" | "learning" | "review" | "relearning"
    reps: int = 0
    last_review: datetime | None = None
    stability: float | None = None
    deleted: datetime | None = None

    @property
    def sentence(self) -> str:
        """The latest sentence the word was met in ("" when none)."""
        return self.sentences[-1].text if self.sentences else ""

    @property
    def article_id(self) -> str | None:
        for s in reversed(self.sentences):
            if s.article_id:
                return s.article_id
        return None

    @property
    def block_index(self) -> int | None:
        for s in reversed(self.sentences):
            if s.article_id:
                return s.block_index
        return None

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "word": self.word,
            "pinyin": self.pinyin,
            "definition": self.definition,
            "glossary_term": self.glossary_term,
            "tags": list(self.tags),
            "note": self.note,
            "added": self.added.isoformat(),
            "sentences": [s.to_json() for s in self.sentences],
            "due": self.due.isoformat() if self.due else None,
            "state": self.state,
            "reps": self.reps,
            "last_review": self.last_review.isoformat() if self.last_review else None,
        }


@dataclass(frozen=True)
class Correction:
    id: int
    kind: str                   # "reading" | "merge" | "split"
    word: str
    value: list[str]            # syllables (reading), parts (split), [] (merge)
    created: datetime


def _correction(row: Sequence) -> Correction:
    """A row of the corrections table (id, kind, word, value, created)."""
    return Correction(row[0], row[1], row[2], list(json.loads(row[3] or "[]")), _dt(row[4]))


@dataclass(frozen=True)
class ReviewStats:
    reviews_per_day: list[tuple[date, int]]     # the last `days` local days, oldest first
    retention: float | None                    # share of non-Again reviews over the window
    forecast: list[int]                        # cards due on each of the next `days` days (0 = today, overdue included)
    total: int
    new: int
    learning: int
    review: int
    due_now: int


_STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}

_VOCAB_SELECT = """
SELECT v.id, v.word, v.pinyin, v.definition, v.glossary_term, v.tags, v.note, v.added, v.deleted,
       c.due, c.state, c.last_review, c.stability,
       (SELECT COUNT(*) FROM review_log r WHERE r.vocab_id = v.id) AS reps
FROM vocab v LEFT JOIN cards c ON c.vocab_id = v.id
"""


# ----------------------------------------------------------------------------------- store


class Store:
    """The user's state. Create with :func:`open_store`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._scheduler = None
        self._scheduler_key: tuple | None = None
        self._undo_reviews: list[tuple[int, int, tuple]] = []  # (log id, vocab id, card row before)
        self.read_only: str | None = None  # why writes are refused (opened read-only on a full disk)

    # ---- plumbing

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed before the block's caller returns.

        ``durable``: fsync the commit (survives power loss as well as kill -9). Without it the commit
        is still complete and survives the process being killed, only not a power cut (WAL with
        synchronous=NORMAL): used for the reading position, written on every paragraph step.
        """
        if self.read_only:
            raise UserError(self.read_only, self.path)
        with self._lock, _translate_errors(self.path):
            conn = self._conn
            if conn is None:
                raise RuntimeError("the store is closed")
            if not durable:
                conn.execute("PRAGMA synchronous = NORMAL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                if not durable:
                    conn.execute("PRAGMA synchronous = FULL")

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _translate_errors(self.path):
            if self._conn is None:
                raise RuntimeError("the store is closed")
            yield self._conn

    # ---- damaged rows

    def _rows(self, rows: Sequence, make, table: str, *, named: bool = True) -> list:
        """``make(row)`` for each row; a row whose stored values cannot be read (a bad date, bad JSON)
        is left in the database, skipped, and named in a notice, so one bad row never hides the rest."""
        out = []
        bad: list[str] = []
        for row in rows:
            try:
                out.append(make(row))
            except (ValueError, TypeError, OverflowError, KeyError, AttributeError) as exc:
                bad.append(f"{row[0]!r}" if named else "?")
                reason = str(exc).split("\n")[0][:80]
        if bad:
            from reader.core.notices import notify

            which = f" (id {', '.join(bad[:5])}{' …' if len(bad) > 5 else ''})" if named else ""
            notify(f"{len(bad)} damaged row{'s' * (len(bad) != 1)} in table {table}{which} not shown: {reason}; "
                   "left as they are in the database", self.path)
        return out

    # ---- preferences

    def get_pref(self, key: str, default=None):
        with self._read() as conn:
            row = conn.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_pref(self, key: str, value) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO prefs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    # ---- reading positions

    def set_position(self, article_id: str, block_index: int, block_text: str, token_index: int = 0,
                     *, block_count: int | None = None, percent: int | None = None) -> None:
        """Remember where the reader is. ``block_count`` (blocks in the article) lets :meth:`positions` give a share;
        ``percent``: the % read there (reader.core.progress, as the status line shows it), for :meth:`places`.

        Called on every paragraph step, so it is committed without an fsync: it survives the process
        being killed, and at worst a power cut loses the last few steps."""
        with self._write(durable=False) as conn:
            conn.execute(
                """INSERT INTO positions (article_id, block_index, block_hash, excerpt, token_index, updated,
                                          max_block, block_count, percent)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (article_id) DO UPDATE SET
                       block_index = excluded.block_index, block_hash = excluded.block_hash,
                       excerpt = excluded.excerpt, token_index = excluded.token_index, updated = excluded.updated,
                       max_block = max(positions.max_block, excluded.max_block),
                       block_count = CASE WHEN excluded.block_count > 0 THEN excluded.block_count
                                          ELSE positions.block_count END,
                       percent = excluded.percent""",
                (article_id, int(block_index), block_hash(block_text), excerpt_of(block_text), int(token_index),
                 _ts(now_utc()), int(block_index), int(block_count or 0),
                 None if percent is None else max(0, min(100, int(percent)))),
            )

    def get_position(self, article_id: str, block_texts: Sequence[str]) -> tuple[int, int] | None:
        """(block_index, token_index) in the article as it is now, re-anchored on the paragraph's content.

        The token index is kept only when the same paragraph was found; otherwise it is 0.
        """
        with self._read() as conn:
            row = conn.execute(
                "SELECT block_index, block_hash, excerpt, token_index FROM positions WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        found = reanchor(row[0], row[1], row[2], block_texts)
        if found is None:
            return None
        index, exact = found
        return index, (row[3] if exact else 0)

    def positions(self) -> dict[str, tuple[int, int, datetime]]:
        """Every article's (furthest block, block count, last read): one query for the library screen."""
        with self._read() as conn:
            rows = conn.execute("SELECT article_id, max_block, block_count, updated FROM positions").fetchall()
        return dict(self._rows(rows, lambda r: (r[0], (r[1], r[2], _dt(r[3]))), "positions"))

    def places(self) -> dict[str, Place]:
        """Every article's saved place (paragraph, % read there, last read): one query for the library and
        the chapter list, whose "% read" is the status line's at that place (reader.core.progress)."""
        with self._read() as conn:
            rows = conn.execute("SELECT article_id, block_index, percent, updated FROM positions").fetchall()
        return dict(self._rows(rows, lambda r: (r[0], Place(r[1], r[2], _dt(r[3]))), "positions"))

    # ---- bookmarks

    def add_bookmark(self, article_id: str, block_index: int, block_text: str, name: str = "") -> int:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO bookmarks (article_id, block_index, block_hash, excerpt, name, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, int(block_index), block_hash(block_text), safe_text(excerpt_of(block_text)),
                 safe_text(name.strip()),
                 _ts(now_utc())),
            )
            return int(cur.lastrowid)

    def list_bookmarks(self, article_id: str | None = None, *,
                       block_texts: Sequence[str] | None = None) -> list[Bookmark]:
        """Bookmarks, by article then paragraph. With ``block_texts`` (of ``article_id``) the paragraph
        indexes are re-anchored on content, as for positions."""
        sql = "SELECT id, article_id, block_index, name, excerpt, created, block_hash FROM bookmarks"
        args: tuple = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args = (article_id,)
        with self._read() as conn:
            rows = conn.execute(sql + " ORDER BY article_id, block_index, id", args).fetchall()
        marks = self._rows(rows, lambda r: Bookmark(r[0], r[1], r[2], r[3], r[4], _dt(r[5]), r[6]), "bookmarks")
        if block_texts is not None and article_id is not None:
            moved = []
            for b in marks:
                found = reanchor(b.block_index, b.block_hash, b.excerpt, block_texts)
                moved.append(b if found is None else
                             Bookmark(b.id, b.article_id, found[0], b.name, b.excerpt, b.created, b.block_hash))
            marks = sorted(moved, key=lambda b: (b.block_index, b.id))
        return marks

    def remove_bookmark(self, bookmark_id: int) -> bool:
        with self._write() as conn:
            return conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount > 0

    # ---- vocabulary

    def save_word(self, word: str, pinyin: str, definition: str, *, glossary_term: str | None = None,
                  sentence: str = "", article_id: str | None = None, block_index: int | None = None,
                  tags: Sequence[str] = (), note: str = "") -> VocabItem:
        """Save a word (or add the new sentence to a word already saved). Committed when this returns.

        A word saved before keeps its pinyin/definition snapshot (blanks are filled in); tags are merged;
        a non-empty note replaces the old one; a deleted word comes back.
        """
        word, pinyin, definition, sentence, tags, note = self._clean(word, pinyin, definition, sentence, tags, note)
        with self._write() as conn:
            vocab_id = self._save_tx(conn, word, pinyin, definition, glossary_term, sentence, article_id,
                                     block_index, tags, note)
            item = self._get(conn, "v.id = ?", (vocab_id,))
        assert item is not None
        return item

    @staticmethod
    def _save_tx(conn: sqlite3.Connection, word: str, pinyin: str, definition: str, glossary_term: str | None,
                 sentence: str, article_id: str | None, block_index: int | None, tags: tuple[str, ...],
                 note: str) -> int:
        now = _ts(now_utc())
        row = conn.execute("SELECT id, pinyin, definition, tags, note FROM vocab WHERE word = ?", (word,)).fetchone()
        if row is None:
            cur = conn.execute(
                "INSERT INTO vocab (word, pinyin, definition, glossary_term, tags, note, added)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (word, pinyin, definition, glossary_term, json.dumps(list(tags), ensure_ascii=False), note, now),
            )
            vocab_id = int(cur.lastrowid)
            conn.execute("INSERT INTO cards (vocab_id, due) VALUES (?, ?)", (vocab_id, now))
        else:
            vocab_id = row[0]
            merged = tuple(dict.fromkeys(tuple(json.loads(row[3] or "[]")) + tags))
            conn.execute(
                """UPDATE vocab SET pinyin = ?, definition = ?, glossary_term = coalesce(?, glossary_term),
                          tags = ?, note = ?, deleted = NULL WHERE id = ?""",
                (row[1] or pinyin, row[2] or definition, glossary_term,
                 json.dumps(list(merged), ensure_ascii=False), note or row[4], vocab_id),
            )
            conn.execute("INSERT OR IGNORE INTO cards (vocab_id, due) VALUES (?, ?)", (vocab_id, now))
        if sentence:
            conn.execute(
                "INSERT OR IGNORE INTO sentences (vocab_id, text, article_id, block_index, added)"
                " VALUES (?, ?, ?, ?, ?)",
                (vocab_id, sentence, article_id, block_index, now),
            )
        _refresh_search(conn, vocab_id)
        return vocab_id

    @staticmethod
    def _clean(word: str, pinyin: str, definition: str, sentence: str, tags: Sequence[str], note: str) -> tuple:
        # what enters the store is safe to show (the CLI, the TUI, a CSV import, an older file)
        word, definition, sentence, note = (safe_text(t or "") for t in (word, definition, sentence, note))
        tags = [safe_text(t) for t in tags if t]
        word = unicodedata.normalize("NFC", word or "").strip()
        if not word:
            raise UserError("cannot save an empty word")
        if any(ch in word for ch in "\n\r\t"):
            raise UserError(f"a word cannot contain line breaks or tabs: {word!r}")
        return (word, _pinyin.normalise(pinyin) if pinyin else "", (definition or "").strip(),
                _normal_text(sentence or ""), tuple(dict.fromkeys(t.strip() for t in tags if t and t.strip())),
                (note or "").strip())

    def get_word(self, word: str, *, include_deleted: bool = False) -> VocabItem | None:
        word = unicodedata.normalize("NFC", word).strip()
        with self._read() as conn:
            item = self._get(conn, "v.word = ?", (word,))
        if item is None or (item.deleted and not include_deleted):
            return None
        return item

    def _get(self, conn: sqlite3.Connection, where: str, args: tuple) -> VocabItem | None:
        items = self._items(conn, where, args)
        return items[0] if items else None

    def _items(self, conn: sqlite3.Connection, where: str = "1", args: tuple = (), order: str = "v.id",
               limit: int | None = None, offset: int = 0) -> list[VocabItem]:
        sql = f"{_VOCAB_SELECT} WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        rows = conn.execute(sql, args).fetchall()
        if not rows:
            return []
        sentences: dict[int, list[Sentence]] = {}
        ids = [r[0] for r in rows]
        srows: list = []
        for start in range(0, len(ids), 900):  # under SQLite's 999 host-parameter floor
            chunk = ids[start:start + 900]
            srows += conn.execute(
                "SELECT vocab_id, text, article_id, block_index, added, id FROM sentences"
                f" WHERE vocab_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        srows.sort(key=lambda s: s[5])
        for vocab_id, sentence in self._rows([(s[5], s) for s in srows],
                                             lambda r: (r[1][0], Sentence(r[1][1], r[1][2], r[1][3], _dt(r[1][4]))),
                                             "sentences"):
            sentences.setdefault(vocab_id, []).append(sentence)
        return self._rows(rows, lambda r: self._item(r, sentences.get(r[0], ())), "vocab")

    @staticmethod
    def _item(r: tuple, sentences: Sequence[Sentence]) -> VocabItem:
        last_review = _dt(r[11])
        return VocabItem(
            id=r[0], word=r[1], pinyin=r[2], definition=r[3], glossary_term=r[4],
            tags=_tags(r[5]), note=r[6], added=_dt(r[7]), deleted=_dt(r[8]),
            due=_dt(r[9]), state="new" if last_review is None else _STATE_NAMES.get(r[10], "learning"),
            last_review=last_review, stability=r[12], reps=r[13], sentences=tuple(sentences),
        )

    def list_vocab(self, *, search: str | None = None, sort: str = "added", due_only: bool = False,
                   article_id: str | None = None, include_deleted: bool = False,
                   now: datetime | None = None) -> list[VocabItem]:
        """Saved words. ``sort``: "added" (newest first), "due" (soonest first), "article", "word".
        ``search`` matches word, pinyin (with or without tones/spaces), definition, note, tags, sentences.
        ``due_only``: the review queue (due cards, then today's allowance of new ones)."""
        if due_only:
            items = self.review_queue(now=now)
        else:
            with self._read() as conn:
                items = self._items(conn, "1" if include_deleted else "v.deleted IS NULL")
        if article_id is not None:
            items = [i for i in items if any(s.article_id == article_id for s in i.sentences)]
        if search and search.strip():
            where, args = _search_sql(search)
            with self._read() as conn:
                found = {r[0] for r in conn.execute(f"SELECT v.id FROM vocab v WHERE {where}", args)}
            items = [i for i in items if i.id in found]
        if due_only and sort == "due":
            return items
        far = datetime.max.replace(tzinfo=UTC)
        if sort == "added":
            items.sort(key=lambda i: (i.added, i.id), reverse=True)
        elif sort == "due":
            items.sort(key=lambda i: (i.due or far, i.id))
        elif sort == "article":
            items.sort(key=lambda i: (i.article_id is None, i.article_id or "", i.block_index or 0, i.id))
        elif sort == "word":
            items.sort(key=lambda i: (i.pinyin, i.word))
        else:
            raise ValueError(f"unknown sort {sort!r}")
        return items

    def vocab_page(self, *, search: str | None = None, sort: str = "added", offset: int = 0,
                   limit: int = 200) -> list[VocabItem]:
        """One page of the saved words (not deleted), in the order and with the search of
        :meth:`list_vocab`, found and ordered by SQLite: the vocabulary screen pages through 100,000
        words without reading them all."""
        if sort not in _SORT_SQL:
            raise ValueError(f"unknown sort {sort!r}")
        where, args = "v.deleted IS NULL", ()
        if search and search.strip():
            cond, args = _search_sql(search)
            where += f" AND {cond}"
        with self._read() as conn:
            return self._items(conn, where, args, order=_SORT_SQL[sort], limit=max(0, int(limit)),
                               offset=max(0, int(offset)))

    def vocab_count(self, *, search: str | None = None) -> int:
        """How many saved words (not deleted) match ``search`` (all of them without one)."""
        where, args = "v.deleted IS NULL", ()
        if search and search.strip():
            cond, args = _search_sql(search)
            where += f" AND {cond}"
        with self._read() as conn:
            return conn.execute(f"SELECT COUNT(*) FROM vocab v WHERE {where}", args).fetchone()[0]

    def delete_word(self, word_or_id: str | int) -> VocabItem | None:
        """Delete a word (it can be brought back with :meth:`restore_word`). Returns it, or None if not saved."""
        col = "id" if isinstance(word_or_id, int) else "word"
        key = word_or_id if isinstance(word_or_id, int) else unicodedata.normalize("NFC", word_or_id).strip()
        with self._write() as conn:
            item = self._get(conn, f"v.{col} = ? AND v.deleted IS NULL", (key,))
            if item is None:
                return None
            conn.execute("UPDATE vocab SET deleted = ? WHERE id = ?", (_ts(now_utc()), item.id))
        return item

    def restore_word(self, word_or_id: str | int) -> VocabItem | None:
        """Undo :meth:`delete_word`: the word comes back with its sentences and review history."""
        col = "id" if isinstance(word_or_id, int) else "word"
        key = word_or_id if isinstance(word_or_id, int) else unicodedata.normalize("NFC", word_or_id).strip()
        with self._write() as conn:
            if conn.execute(f"UPDATE vocab SET deleted = NULL WHERE {col} = ?", (key,)).rowcount == 0:
                return None
            return self._get(conn, f"v.{col} = ?", (key,))

    def update_word(self, word: str, *, pinyin: str | None = None, definition: str | None = None,
                    note: str | None = None) -> VocabItem | None:
        """Replace the pinyin, definition and/or note of a saved word (None leaves a field as it is), in one
        transaction. Returns the updated item, or None when the word is not saved."""
        word = unicodedata.normalize("NFC", word or "").strip()
        with self._write() as conn:
            row = conn.execute("SELECT id FROM vocab WHERE word = ? AND deleted IS NULL", (word,)).fetchone()
            if row is None:
                return None
            if pinyin is not None:
                conn.execute("UPDATE vocab SET pinyin = ? WHERE id = ?", (_pinyin.normalise(pinyin), row[0]))
            if definition is not None:
                conn.execute("UPDATE vocab SET definition = ? WHERE id = ?", (safe_text(definition.strip()), row[0]))
            if note is not None:
                conn.execute("UPDATE vocab SET note = ? WHERE id = ?", (safe_text(note.strip()), row[0]))
            _refresh_search(conn, row[0])
            return self._get(conn, "v.id = ?", (row[0],))

    def words_saved_by_article(self) -> dict[str, int]:
        """{article_id: words saved from it}: one query for the whole library screen."""
        with self._read() as conn:
            return dict(conn.execute(
                "SELECT s.article_id, COUNT(DISTINCT s.vocab_id) FROM sentences s JOIN vocab v ON v.id = s.vocab_id"
                " WHERE s.article_id IS NOT NULL AND v.deleted IS NULL GROUP BY s.article_id").fetchall())

    # ---- review (FSRS)

    def new_per_day(self) -> int:
        try:
            return max(0, int(self.get_pref(PREF_NEW_PER_DAY, DEFAULT_NEW_PER_DAY)))
        except (TypeError, ValueError):
            return DEFAULT_NEW_PER_DAY

    def new_introduced_today(self, now: datetime | None = None) -> int:
        start = _ts(_local_day_start(now or now_utc()))
        with self._read() as conn:
            return conn.execute("SELECT COUNT(*) FROM review_log WHERE state = 0 AND reviewed >= ?",
                                (start,)).fetchone()[0]

    def review_queue(self, now: datetime | None = None, *, new_limit: int | None = None,
                     limit: int | None = None) -> list[VocabItem]:
        """Cards to review now: due cards first (most overdue first), then new cards (oldest saved first),
        as many as today's allowance of new cards leaves (``review.new_per_day``, default 20).
        ``limit``: at most this many (the review screen takes a page at a time)."""
        now = now or now_utc()
        allowance = self.new_per_day() if new_limit is None else new_limit
        remaining = max(0, allowance - self.new_introduced_today(now))
        with self._read() as conn:
            due = self._items(conn, "v.deleted IS NULL AND c.last_review IS NOT NULL AND c.due <= ?",
                              (_ts(now),), order="c.due, v.id", limit=limit)
            if limit is not None:
                remaining = min(remaining, max(0, limit - len(due)))
            new = self._items(
                conn,
                "v.id IN (SELECT v.id FROM vocab v JOIN cards c ON c.vocab_id = v.id"
                " WHERE v.deleted IS NULL AND c.last_review IS NULL ORDER BY v.added, v.id LIMIT ?)",
                (remaining,), order="v.added, v.id") if remaining else []
        return due + new

    def due_count(self, now: datetime | None = None) -> int:
        """How many cards a review session would show now (due cards + today's new-card allowance)."""
        now = now or now_utc()
        remaining = max(0, self.new_per_day() - self.new_introduced_today(now))
        with self._read() as conn:
            due = conn.execute(
                "SELECT COUNT(*) FROM cards c JOIN vocab v ON v.id = c.vocab_id"
                " WHERE v.deleted IS NULL AND c.last_review IS NOT NULL AND c.due <= ?", (_ts(now),)).fetchone()[0]
            new = conn.execute(
                "SELECT COUNT(*) FROM cards c JOIN vocab v ON v.id = c.vocab_id"
                " WHERE v.deleted IS NULL AND c.last_review IS NULL").fetchone()[0]
        return due + min(new, remaining)

    def _get_scheduler(self):
        from fsrs import Scheduler

        retention = self.get_pref(PREF_RETENTION, 0.9)
        try:
            retention = min(0.99, max(0.7, float(retention)))
        except (TypeError, ValueError):
            retention = 0.9
        key = (retention,)
        if self._scheduler is None or self._scheduler_key != key:
            self._scheduler = Scheduler(desired_retention=retention)
            self._scheduler_key = key
        return self._scheduler

    def grade(self, vocab_id: int, rating: int, *, now: datetime | None = None, duration_ms: int | None = None,
              mode: str = "flip") -> VocabItem:
        """Record a review (1 Again, 2 Hard, 3 Good, 4 Easy) and reschedule the card with FSRS."""
        from fsrs import Card, Rating, State

        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, not {rating!r}")
        if mode not in ("flip", "typed"):
            raise ValueError(f"unknown review mode {mode!r}")
        now = (now or now_utc()).astimezone(UTC)
        scheduler = self._get_scheduler()
        with self._write() as conn:
            row = conn.execute(
                "SELECT state, step, stability, difficulty, due, last_review FROM cards WHERE vocab_id = ?",
                (vocab_id,)).fetchone()
            if row is None:
                raise KeyError(f"no card for vocabulary item {vocab_id}")
            was_new = row[5] is None
            card = Card(card_id=vocab_id, state=State(row[0]), step=row[1], stability=row[2], difficulty=row[3],
                        due=_dt(row[4]), last_review=_dt(row[5]))
            card, _log = scheduler.review_card(card, Rating(rating), review_datetime=now)
            conn.execute(
                "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
                " WHERE vocab_id = ?",
                (card.state.value, card.step, card.stability, card.difficulty, _ts(card.due),
                 _ts(card.last_review or now), vocab_id))
            cur = conn.execute(
                "INSERT INTO review_log (vocab_id, rating, reviewed, duration_ms, mode, state) VALUES (?, ?, ?, ?, ?, ?)",
                (vocab_id, rating, _ts(now), duration_ms, mode, 0 if was_new else row[0]))
            after_review(  # learnt -> known, failed -> learning again
                conn, vocab_id, rating, card, scheduler, now, int(cur.lastrowid))
            item = self._get(conn, "v.id = ?", (vocab_id,))
        self._undo_reviews.append((int(cur.lastrowid), vocab_id, tuple(row)))
        del self._undo_reviews[:-50]
        assert item is not None
        return item

    def undo_review(self) -> VocabItem | None:
        """Take back the last grade given through this store (this session): the card is as it was and the
        review is gone from the log. Returns the card, or None when there is nothing to undo."""
        while self._undo_reviews:
            log_id, vocab_id, before = self._undo_reviews.pop()
            with self._write() as conn:
                latest = conn.execute("SELECT MAX(id) FROM review_log WHERE vocab_id = ?", (vocab_id,)).fetchone()[0]
                if latest != log_id:
                    continue  # reviewed again elsewhere since: that grade stands
                conn.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
                undo_review(conn, log_id)  # and what that grade did to the word's knowledge
                conn.execute(
                    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
                    " WHERE vocab_id = ?", (*before, vocab_id))
                return self._get(conn, "v.id = ?", (vocab_id,))
        return None

    def review_log(self, vocab_id: int | None = None, *, limit: int | None = None) -> list[dict]:
        """Reviews, newest first: dicts with vocab_id, word, rating, reviewed, duration_ms, mode."""
        sql = ("SELECT r.vocab_id, v.word, r.rating, r.reviewed, r.duration_ms, r.mode FROM review_log r"
               " JOIN vocab v ON v.id = r.vocab_id")
        args: list = []
        if vocab_id is not None:
            sql += " WHERE r.vocab_id = ?"
            args.append(vocab_id)
        sql += " ORDER BY r.reviewed DESC, r.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        with self._read() as conn:
            rows = conn.execute(sql, args).fetchall()
        return self._rows(rows, lambda r: {"vocab_id": r[0], "word": r[1], "rating": r[2], "reviewed": _dt(r[3]),
                                           "duration_ms": r[4], "mode": r[5]}, "review_log")

    def stats(self, days: int = 30, now: datetime | None = None) -> ReviewStats:
        """Reviews per day and retention over the last ``days`` days; due forecast for the next ``days``."""
        now = now or now_utc()
        today = _local_day_start(now)
        first = today - timedelta(days=days - 1)
        horizon = today + timedelta(days=days)
        with self._read() as conn:
            log = conn.execute("SELECT reviewed, rating FROM review_log WHERE reviewed >= ?",
                               (_ts(first),)).fetchall()
            dues = conn.execute(
                "SELECT c.due FROM cards c JOIN vocab v ON v.id = c.vocab_id"
                " WHERE v.deleted IS NULL AND c.last_review IS NOT NULL AND c.due < ?", (_ts(horizon),)).fetchall()
            counts = dict(conn.execute(
                "SELECT CASE WHEN c.last_review IS NULL THEN 0 ELSE c.state END, COUNT(*)"
                " FROM cards c JOIN vocab v ON v.id = c.vocab_id WHERE v.deleted IS NULL GROUP BY 1").fetchall())
        per_day = {(first + timedelta(days=i)).date(): 0 for i in range(days)}
        passed = 0
        log = self._rows(log, lambda r: (_dt(r[0]), r[1]), "review_log", named=False)
        for reviewed, rating in log:
            day = reviewed.astimezone().date()
            if day in per_day:
                per_day[day] += 1
            passed += rating > 1
        forecast = [0] * days
        for due in self._rows(dues, lambda r: _dt(r[0]), "cards", named=False):
            offset = (due.astimezone().date() - today.date()).days
            forecast[max(0, offset)] += 1 if offset < days else 0
        return ReviewStats(
            reviews_per_day=sorted(per_day.items()),
            retention=(passed / len(log)) if log else None,
            forecast=forecast,
            total=sum(counts.values()),
            new=counts.get(0, 0),
            learning=counts.get(1, 0) + counts.get(3, 0),
            review=counts.get(2, 0),
            due_now=self.due_count(now),
        )

    # ---- reading corrections

    def set_reading(self, word: str, syllables: list[str]) -> int:
        """Fix the reading of a word (replaces an earlier fix of the same word). Returns the correction id."""
        word = unicodedata.normalize("NFC", word).strip()
        syls = _pinyin.syllables(" ".join(syllables))
        if not word or not syls:
            raise UserError("a reading needs a word and its pinyin")
        hanzi = [ch for ch in word if _is_cjk(ch)]
        if hanzi and len(hanzi) == len(word) and len(syls) != len(hanzi):
            raise UserError(f"{word} has {len(hanzi)} characters but {len(syls)} syllables were given: {' '.join(syls)}")
        with self._write() as conn:
            conn.execute("DELETE FROM corrections WHERE kind = 'reading' AND word = ?", (word,))
            cur = conn.execute("INSERT INTO corrections (kind, word, value, created) VALUES ('reading', ?, ?, ?)",
                               (word, json.dumps(syls), _ts(now_utc())))
            updated = _correct_saved_words(conn, word, syls)
            return ReadingFix(int(cur.lastrowid), updated)

    def add_segmentation(self, kind: str, word: str, parts: list[str] | None = None) -> int:
        """Make ``word`` one token ("merge") or split it into ``parts`` ("split"); replaces earlier ones for it."""
        word = unicodedata.normalize("NFC", word).strip()
        if kind not in ("merge", "split"):
            raise ValueError(f"kind must be 'merge' or 'split', not {kind!r}")
        if not word:
            raise UserError("a segmentation fix needs a word")
        if any(ch.isspace() for ch in word):
            raise UserError(f"{word!r} has a space in it: give the word as it is written, without spaces")
        if len(word) < 2:
            raise UserError(f"{word} is a single character: there is nothing to {kind}")
        value: list[str] = []
        if kind == "split":
            value = [p.strip() for p in (parts or []) if p.strip()]
            if len(value) < 2 or "".join(value) != word:
                raise UserError(f"the parts {' '.join(value) or '(none)'} do not make up {word}")
        with self._write() as conn:
            conn.execute("DELETE FROM corrections WHERE kind IN ('merge', 'split') AND word = ?", (word,))
            cur = conn.execute("INSERT INTO corrections (kind, word, value, created) VALUES (?, ?, ?, ?)",
                               (kind, word, json.dumps(value, ensure_ascii=False), _ts(now_utc())))
            return int(cur.lastrowid)

    def list_corrections(self) -> list[Correction]:
        with self._read() as conn:
            rows = conn.execute("SELECT id, kind, word, value, created FROM corrections ORDER BY id").fetchall()
        return self._rows(rows, _correction, "corrections")

    def remove_correction(self, correction_id: int) -> bool:
        if not -(2**63) <= int(correction_id) < 2**63:
            return False  # no row has an id SQLite cannot even hold
        with self._write() as conn:
            return conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount > 0

    # ---- import helpers

    def save_words(self, rows: Sequence[dict]) -> tuple[int, int]:
        """Save many words in ONE transaction (all or nothing). Each row: the keyword arguments of
        :meth:`save_word` (word, pinyin, definition, sentence, article_id, tags, note). Returns (added, updated)."""
        cleaned = []
        for row in rows:
            word, pinyin, definition, sentence, tags, note = self._clean(
                row["word"], row.get("pinyin", ""), row.get("definition", ""), row.get("sentence", ""),
                row.get("tags", ()), row.get("note", ""))
            cleaned.append((word, pinyin, definition, row.get("glossary_term"), sentence, row.get("article_id"),
                            row.get("block_index"), tags, note))
        added = updated = 0
        with self._write() as conn:
            for args in cleaned:
                existed = conn.execute("SELECT 1 FROM vocab WHERE word = ?", (args[0],)).fetchone() is not None
                self._save_tx(conn, *args)
                if existed:
                    updated += 1
                else:
                    added += 1
        return added, updated


class ReadingFix(int):
    """The id of a reading correction, with the saved words (``updated``) whose pinyin it changed."""

    updated: tuple[str, ...]

    def __new__(cls, correction_id: int, updated: Sequence[str] = ()) -> ReadingFix:
        obj = super().__new__(cls, correction_id)
        obj.updated = tuple(updated)
        return obj

    def summary(self) -> str:
        """How many saved words the correction changed (the CLI and the reader both say this)."""
        if not self.updated:
            return "no saved words changed"
        n = len(self.updated)
        return f"{n} saved word{'s' if n != 1 else ''} changed: {', '.join(self.updated)}"


def _correct_saved_words(conn: sqlite3.Connection, word: str, syls: list[str]) -> list[str]:
    """Put a corrected reading into every saved word that holds ``word`` (the word itself, or a longer saved
    word containing it where the saved pinyin has one syllable per character). Returns the words changed."""
    if not syls or len(syls) != len(word):
        return []
    changed: list[str] = []
    rows = conn.execute("SELECT id, word, pinyin FROM vocab WHERE instr(word, ?) > 0", (word,)).fetchall()
    for vid, saved, pinyin in rows:
        old = _pinyin.syllables(pinyin or "")
        if len(old) != len(saved):
            if saved != word:
                continue
            new = list(syls)
        else:
            new = list(old)
            start = saved.find(word)
            while start >= 0:
                new[start:start + len(word)] = syls
                start = saved.find(word, start + len(word))
        if new != old:
            conn.execute("UPDATE vocab SET pinyin = ? WHERE id = ?", (" ".join(new), vid))
            _refresh_search(conn, vid)
            changed.append(saved)
    return changed


def _tags(text: str | None) -> tuple[str, ...]:
    return () if not text or text == "[]" else tuple(json.loads(text))


from reader.core.script import is_hanzi as _is_cjk  # noqa: E402 (one answer to "is this a hanzi")


_LATEST_ARTICLE = ("(SELECT s.{col} FROM sentences s WHERE s.vocab_id = v.id AND s.article_id IS NOT NULL"
                   " ORDER BY s.id DESC LIMIT 1)")
# The orders of list_vocab, in SQL (the same keys as its Python sorts).
_SORT_SQL = {
    "added": "v.added DESC, v.id DESC",
    "due": "c.due IS NULL, c.due, v.id",
    "article": (f"{_LATEST_ARTICLE.format(col='article_id')} IS NULL, "
                f"coalesce({_LATEST_ARTICLE.format(col='article_id')}, ''), "
                f"coalesce({_LATEST_ARTICLE.format(col='block_index')}, 0), v.id"),
    "word": "v.pinyin, v.word",
}
def search_text(word: str, pinyin: str, definition: str, note: str, tags_json: str | None,
                glossary_term: str | None) -> str:
    """What the vocabulary search looks in for one word, lowercased: the word, its pinyin with and
    without spaces, tones or tone marks, the meaning, note, tags and glossary term (kept in
    ``vocab.search``; a word's sentences are searched where they are)."""
    pinyin = pinyin or ""
    marks = _pinyin.to_marks(pinyin)
    toneless = "".join(ch for ch in pinyin if not ch.isdigit() and ch != " ")
    try:
        tags = " ".join(_tags(tags_json))
    except (ValueError, TypeError):
        tags = tags_json or ""
    return "\n".join([word or "", pinyin, pinyin.replace(" ", ""), toneless, marks, marks.replace(" ", ""),
                      definition or "", note or "", tags, glossary_term or ""]).lower()


def _refresh_search(conn: sqlite3.Connection, vocab_id: int) -> None:
    row = conn.execute("SELECT word, pinyin, definition, note, tags, glossary_term FROM vocab WHERE id = ?",
                       (vocab_id,)).fetchone()
    if row is not None:
        conn.execute("UPDATE vocab SET search = ? WHERE id = ?", (search_text(*row), vocab_id))


def _fill_search(conn: sqlite3.Connection) -> None:
    """Words saved before version 4 (or by another program) get their search text."""
    rows = conn.execute("SELECT id, word, pinyin, definition, note, tags, glossary_term FROM vocab"
                        " WHERE search = ''").fetchall()
    if not rows:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("UPDATE vocab SET search = ? WHERE id = ?", [(search_text(*r[1:]), r[0]) for r in rows])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _like(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere (its own % _ and \\ taken literally)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _search_sql(query: str) -> tuple[str, dict]:
    """The one rule of the vocabulary search, as SQL over ``vocab v``: the query (case ignored) in
    the word's search text (:func:`search_text`) or in a sentence it was saved with; spaces in the
    query are optional (``zhongyao`` finds ``zhong4 yao4``)."""
    q = query.strip().lower()
    compact = q.replace(" ", "") or q
    cond = ("(v.search LIKE :q ESCAPE '\\' OR v.search LIKE :c ESCAPE '\\'"
            " OR v.id IN (SELECT s.vocab_id FROM sentences s WHERE s.text LIKE :q ESCAPE '\\'))")
    return cond, {"q": _like(q), "c": _like(compact)}


# ------------------------------------------------------------------------------ opening


@contextlib.contextmanager
def _translate_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _user_error(exc, path) from None


def _user_error(exc: sqlite3.DatabaseError, path: Path) -> Exception:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(exc)
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return UserError("the database is locked by another program (another yuedu still writing?); "
                         "try again in a moment", path)
    if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return _corrupt(path, text)
    if code == _FULL:
        return UserError("the disk is full: nothing was saved", path)
    if code in (_CANTOPEN, _PERM, _AUTH):
        return UserError(f"cannot open the database ({text})", path)
    if code == _READONLY:
        return UserError(f"the database is read-only ({text})", path)
    if code == _IOERR:
        return UserError(f"cannot read or write the database ({text})", path)
    return exc


def _corrupt(path: Path, reason: str) -> UserError:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.corrupt-{stamp}")
    kept = ""
    try:
        # Each command run on the same damaged file would otherwise leave one more copy of it.
        same = [c for c in sorted(path.parent.glob(path.name + ".corrupt-*"))
                if not c.name.endswith("-wal") and path.is_file() and c.stat().st_size == path.stat().st_size
                and filecmp.cmp(c, path, shallow=False)]
        if same:
            copy = same[0]
        if path.is_file() and not copy.exists():
            shutil.copy2(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.is_file():
                shutil.copy2(wal, copy.with_name(copy.name + "-wal"))
        if copy.exists():
            kept = f"; a copy was saved as {copy}"
    except OSError as err:
        kept = f"; could not copy it aside ({err.strerror or err})"
    return UserError(f"not a readable yuedu database ({reason}). It was left untouched{kept}. "
                     "Move it away to start afresh, or restore a backup", path)


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def migrate(conn: sqlite3.Connection, path: Path, target: int = CURRENT_VERSION) -> int:
    """Bring the database up to ``target`` in one transaction. Returns the version it was at."""
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
                if tables:
                    raise UserError("this SQLite file is not a yuedu database (it has tables "
                                    f"{', '.join(sorted(tables)[:5])}); it was left untouched", path)
            if version > CURRENT_VERSION:
                raise UserError(f"the database was written by a newer yuedu (schema {version}, this one knows "
                                f"up to {CURRENT_VERSION}); upgrade yuedu", path)
            for n in range(version, target):
                for statement in _statements(MIGRATIONS[n]):
                    conn.execute(statement)
            if version < target:
                problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise UserError(f"migration left {len(problems)} dangling rows; nothing was changed", path)
                conn.execute(f"PRAGMA user_version = {int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return version


_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER, _WAL_FRAME_HEADER = 32, 24


def wal_damage(wal: Path) -> str | None:
    """What is wrong with a write-ahead log file, or None when it looks whole (or is absent/empty).

    A WAL is a 32-byte header and whole frames (24 bytes + one page each): a file cut short (a
    full disk, a copy interrupted, a crash of the disk) ends in part of a frame, and SQLite silently
    drops every frame from the first bad one on, committed words included."""
    try:
        size = wal.stat().st_size
        if size == 0:
            return None
        with open(wal, "rb") as fh:
            head = fh.read(_WAL_HEADER)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot read it ({exc.strerror or exc})"
    if len(head) < _WAL_HEADER:
        return f"truncated ({size} bytes, shorter than its header)"
    magic = int.from_bytes(head[0:4], "big")
    page_size = int.from_bytes(head[8:12], "big")
    if magic not in _WAL_MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return "not a SQLite write-ahead log (bad header)"
    frames, rest = divmod(size - _WAL_HEADER, _WAL_FRAME_HEADER + page_size)
    if rest:
        return f"truncated (its last frame is cut short after {frames} whole frames)"
    return None


def _check_before_opening(path: Path) -> None:
    """Before anything is written: a damaged WAL is copied aside (with the database) and reported,
    and a SQLite file that is not yuedu's is refused while it is open read-only (never switched to
    WAL mode or migrated)."""
    wal = path.with_name(path.name + "-wal")
    damage = wal_damage(wal)
    if damage is not None:
        from reader.core.notices import notify

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = path.with_name(f"{path.name}.wal-damaged-{stamp}")
        try:
            shutil.copy2(path, copy)
            shutil.copy2(wal, copy.with_name(copy.name + "-wal"))
            kept = f"the database and its log were copied to {copy} (and {copy.name}-wal) first"
        except OSError as exc:
            kept = f"they could not be copied aside ({exc.strerror or exc})"
        notify(f"the write-ahead log {wal.name} is damaged: {damage}; {kept}. SQLite keeps every whole "
               "change in it; changes after the damage may be missing", path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return  # the read-write open reports the problem
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in (_CORRUPT, _NOTADB):
            raise _user_error(exc, path) from None
        return  # locked or the like: the read-write open says so
    finally:
        conn.close()
    if version == 0 and tables and not tables <= TABLES:
        raise UserError("this SQLite file is not a yuedu database (it has tables "
                        f"{', '.join(sorted(tables)[:5])}); it was left untouched", path)


class Peek(NamedTuple):
    """What `yuedu read`'s early process needs of the store: the corrections and the cache cap."""

    corrections: list[Correction]
    cache_mb: object  # the preference ``cache.annotations_mb`` as stored (None: not set)


def peek(path: Path | str | None = None) -> Peek | None:
    """The user's corrections and annotation-cache cap, read without opening the store for writing
    (``yuedu read`` works out the first screen's pinyin in a process of its own while the reader
    starts): none when there is no database yet; None when it cannot be read as it stands (an older
    schema, a damaged row, a lock, anything odd), and the caller then waits for :func:`open_store`,
    which reports it."""
    from reader.core import annotation_cache

    if path is None:
        from reader import paths

        path = paths.db_path()
    path = Path(path)
    try:
        if not path.exists():
            return Peek([], None)
        if not path.is_file() or path.stat().st_size == 0:
            return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (OSError, sqlite3.Error):
        return None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != CURRENT_VERSION:
            return None
        rows = conn.execute("SELECT id, kind, word, value, created FROM corrections ORDER BY id").fetchall()
        pref = conn.execute("SELECT value FROM prefs WHERE key = ?", (annotation_cache.PREF_LIMIT_MB,)).fetchone()
        return Peek([_correction(r) for r in rows], json.loads(pref[0]) if pref is not None else None)
    except (sqlite3.Error, ValueError, TypeError, OverflowError, KeyError, AttributeError):
        return None
    finally:
        conn.close()


def open_store(path: Path | str | None = None, *, timeout: float = 10.0, check: bool = True) -> Store:
    """Open (creating or migrating as needed) the store at ``path`` (default ``paths.db_path()``).

    ``timeout``: seconds to wait for another process holding the write lock.
    ``check``: run ``PRAGMA quick_check`` first, so a damaged file is reported at once rather than midway.
    Raises :class:`UserError` naming the file when it is corrupt, locked, unreadable or not yuedu's.
    """
    if path is None:
        from reader import paths

        path = paths.db_path()
    path = Path(path)
    if path.is_dir():
        raise UserError("is a directory, expected the yuedu database file", path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder for the database ({exc.strerror or exc})", path.parent) from None
    if path.is_file() and path.stat().st_size > 0:
        _check_before_opening(path)
    try:
        return _open_read_write(path, timeout, check)
    except UserError:
        if not (path.is_file() and _disk_full(path.parent)):
            raise
        return _open_read_only(path)


def _disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def _open_read_only(path: Path) -> Store:
    """A full disk: SQLite cannot even make the files WAL mode reads through, so the database is
    read as it is on disk (all of it, when yuedu closed it cleanly: the log is empty then). Reading
    and exporting work; a change says the disk is full."""
    from reader.core.notices import notify

    wal = path.with_name(path.name + "-wal")
    unsaved = wal.is_file() and wal.stat().st_size > 0
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if unsaved else "&immutable=1")
    with _translate_errors(path):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except BaseException:
            conn.close()
            raise
    if version != CURRENT_VERSION:
        conn.close()
        raise UserError("the disk is full, and the database needs an update that writes to it: free some space", path)
    notify("the disk is full: your data is open read-only (reading and exporting work; nothing can be saved "
           "until some space is freed)", path.parent)
    store = Store(conn, path)
    store.read_only = "the disk is full: nothing was saved (free some space and try again)"
    return store


def _open_read_write(path: Path, timeout: float, check: bool) -> Store:
    conn = None
    try:
        with _translate_errors(path):
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            # Reading the header first: a non-database file fails here, before anything is written.
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if check:
                problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
                if problems != ["ok"]:
                    raise _corrupt(path, "; ".join(problems[:3]))
            if mode.lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if conn.execute("PRAGMA user_version").fetchone()[0] != CURRENT_VERSION:
                migrate(conn, path)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    store = Store(conn, path)
    try:
        with _translate_errors(path):
            _fill_search(conn)
    except UserError:
        pass  # read-only or locked: the words keep an empty search text until the next open
    _apply_cache_limit(store)
    return store


def _apply_cache_limit(store: Store) -> None:
    """The user's cap on the annotation cache (preference ``cache.annotations_mb``), if set."""
    from reader.core import annotation_cache

    try:
        apply_cache_limit(store.get_pref(annotation_cache.PREF_LIMIT_MB))
    except (UserError, sqlite3.Error):
        pass


def apply_cache_limit(mb: object) -> None:
    """Cap the annotation cache at the preference's value ``mb`` (None: not set, the default cap)."""
    from reader.core import annotation_cache

    if mb is None:
        return
    try:
        annotation_cache.set_limit_mb(mb)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        pass  # a bad value keeps the default cap
