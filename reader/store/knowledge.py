"""What the user knows, word by word: new, learning, known or ignored.

- **new**: never marked (no row, not saved);
- **learning**: saved in the vocabulary (and not deleted), or put back to learning;
- **known**: said so (``yuedu known add``/``hsk``/``import``, ``K`` in the reader), or learnt in review:
  a learning word whose FSRS card, after a passing grade, still has a recall probability of at least
  0.9 thirty days out becomes known by itself; a known word failed in review (Again) is learning again;
- **ignored**: names, numbers, foreign words the user never wants counted as unknown.

Every change is logged (``knowledge_log``): the words known over time, and taking back a review's
change together with the review. Nothing becomes known but by the user's word or the review rule.

    from reader.store import open_store
    from reader.store.knowledge import Knowledge
    with open_store() as store:
        Knowledge(store).mark(["你好", "谢谢"], "known")
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from reader.core.knowledge import IGNORED, KNOWN, LEARNING, NEW

from .clock import dt as _dt
from .clock import local_day_start as _local_day_start
from .clock import now_utc
from .clock import ts as _ts
from .db import Store
from .knowledge_rows import _log, _set

STORED_STATES = (LEARNING, KNOWN, IGNORED)
PREF_STANDARD = "knowledge.hsk_standard"


@dataclass(frozen=True)
class WordState:
    word: str
    state: str
    source: str             # who said so: "user", "hsk:3.0", "import", "review", "reader", "vocabulary"
    changed: datetime | None

    def to_json(self) -> dict:
        return {"word": self.word, "state": self.state, "source": self.source,
                "changed": self.changed.isoformat() if self.changed else None}


@dataclass(frozen=True)
class MarkReport:
    changed: int            # words whose state changed
    unchanged: int          # already in that state
    kept: int               # left as they were (ignored words are not marked known in bulk)


def clean_word(word: str) -> str:
    return unicodedata.normalize("NFC", word or "").strip()


class Knowledge:
    """The per-word knowledge kept in the store (its connection, its lock, its durability)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- reading

    def state(self, word: str) -> str:
        word = clean_word(word)
        with self.store._read() as conn:
            row = conn.execute("SELECT state FROM word_knowledge WHERE word = ?", (word,)).fetchone()
            if row:
                return row[0]
            saved = conn.execute("SELECT 1 FROM vocab WHERE word = ? AND deleted IS NULL", (word,)).fetchone()
        return LEARNING if saved else NEW

    def states(self) -> dict[str, str]:
        """Every word that is not new -> its state (one query each: for coverage and the reader)."""
        with self.store._read() as conn:
            out = {w: LEARNING for (w,) in conn.execute("SELECT word FROM vocab WHERE deleted IS NULL")}
            out.update(conn.execute("SELECT word, state FROM word_knowledge").fetchall())
        return out

    def has_known_words(self) -> bool:
        """Has the user said what they know? (The reader then defaults to pinyin over unknown words.)"""
        with self.store._read() as conn:
            return conn.execute("SELECT 1 FROM word_knowledge WHERE state = 'known' LIMIT 1").fetchone() is not None

    def list(self, state: str | None = KNOWN) -> list[WordState]:
        """Words in ``state`` (None: every word that is not new), in the order they were marked."""
        if state is not None and state not in STORED_STATES:
            raise ValueError(f"no list of {state!r} words")
        with self.store._read() as conn:
            rows = conn.execute("SELECT word, state, source, changed FROM word_knowledge").fetchall()
            saved = conn.execute("SELECT word, added FROM vocab WHERE deleted IS NULL").fetchall()
            order = dict(conn.execute("SELECT word, MAX(id) FROM knowledge_log GROUP BY word").fetchall())
        items = [WordState(w, s, src, _dt(c)) for w, s, src, c in rows]
        marked = {i.word for i in items}
        items += [WordState(w, LEARNING, "vocabulary", _dt(added)) for w, added in saved if w not in marked]
        if state is not None:
            items = [i for i in items if i.state == state]
        never = datetime.min.replace(tzinfo=timezone.utc)
        items.sort(key=lambda i: (i.changed or never, order.get(i.word, 0), i.word))
        return items

    def counts(self) -> dict[str, int]:
        states = self.states()
        return {s: sum(1 for v in states.values() if v == s) for s in (LEARNING, KNOWN, IGNORED)}

    def standard(self) -> str:
        """The HSK standard the user chose (``known hsk --standard``), the 2025 syllabus by default."""
        from reader.core.knowledge import check_standard

        try:
            return check_standard(self.store.get_pref(PREF_STANDARD))
        except ValueError:
            return check_standard(None)

    def set_standard(self, standard: str) -> None:
        self.store.set_pref(PREF_STANDARD, standard)

    # ---- changing

    def mark(self, words: Iterable[str], state: str, *, source: str = "user", bulk: bool = False) -> MarkReport:
        """Put ``words`` in ``state`` ("known", "learning" or "ignored"), in one transaction.
        ``bulk`` (a whole HSK list): words the user ignores are kept as they are."""
        if state not in STORED_STATES:
            raise ValueError(f"cannot mark words {state!r}")
        cleaned = list(dict.fromkeys(w for w in (clean_word(w) for w in words) if w))
        changed = unchanged = kept = 0
        now = _ts(now_utc())
        with self.store._write() as conn:
            current = self._stored(conn, cleaned)
            for word in cleaned:
                before = current.get(word)
                if before is not None and before[0] == state:
                    unchanged += 1
                    continue
                if bulk and before is not None and before[0] == IGNORED:
                    kept += 1
                    continue
                _set(conn, word, state, source, now, before)
                changed += 1
        return MarkReport(changed, unchanged, kept)

    def forget(self, words: Iterable[str], *, source: str = "user") -> int:
        """Take the marks off ``words`` (known or ignored -> new, or learning while saved). Returns
        how many had a mark."""
        cleaned = list(dict.fromkeys(w for w in (clean_word(w) for w in words) if w))
        now = _ts(now_utc())
        n = 0
        with self.store._write() as conn:
            current = self._stored(conn, cleaned)
            for word in cleaned:
                before = current.get(word)
                if before is None:
                    continue
                conn.execute("DELETE FROM word_knowledge WHERE word = ?", (word,))
                _log(conn, word, NEW, before, source, now)
                n += 1
        return n

    def marked_by(self, source: str) -> list[str]:
        """Words whose current mark came from ``source`` (e.g. "hsk:3.0"): for undoing a bulk mark."""
        with self.store._read() as conn:
            return [w for (w,) in conn.execute("SELECT word FROM word_knowledge WHERE source = ?", (source,))]

    @staticmethod
    def _stored(conn: sqlite3.Connection, words: Sequence[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for start in range(0, len(words), 900):
            chunk = words[start:start + 900]
            out.update((w, (s, src)) for w, s, src in conn.execute(
                f"SELECT word, state, source FROM word_knowledge WHERE word IN ({','.join('?' * len(chunk))})",
                chunk))
        return out

    # ---- history

    def states_at(self, when: datetime) -> dict[str, str]:
        """The stored state of each word as it was at ``when`` (replaying the log): what the user knew then."""
        with self.store._read() as conn:
            rows = conn.execute(
                "SELECT word, state FROM knowledge_log WHERE id IN"
                " (SELECT MAX(id) FROM knowledge_log WHERE changed <= ? GROUP BY word)", (_ts(when),)).fetchall()
        return {word: state for word, state in rows if state != NEW}

    def known_over_time(self, days: int = 30, now: datetime | None = None) -> list[tuple[date, int]]:
        """Words known at the end of each of the last ``days`` local days, oldest first."""
        now = now or now_utc()
        first = _local_day_start(now) - timedelta(days=days - 1)
        with self.store._read() as conn:
            rows = conn.execute("SELECT changed, state, before FROM knowledge_log ORDER BY id").fetchall()
        per_day: dict[date, int] = {}
        total = 0
        start_total = 0
        for changed, state, before in rows:
            delta = (state == KNOWN) - (before == KNOWN)
            when = _dt(changed)
            if when < first:
                start_total += delta
            else:
                day = when.astimezone().date()
                per_day[day] = per_day.get(day, 0) + delta
        out = []
        total = start_total
        for i in range(days):
            day = (first + timedelta(days=i)).date()
            total += per_day.get(day, 0)
            out.append((day, total))
        return out


# ------------------------------------------------------------------------- word lists in


def read_word_list(source: str) -> tuple[list[str], str]:
    """The words of a word list, or of a Pleco, Anki ("Notes in Plain Text") or CSV export: the
    first column of every line. Returns (words, the file's display name). Blank lines, Anki's
    ``#header:`` lines and Pleco's ``//category`` lines are skipped, a header row naming the columns
    too; Pleco's ``简体[繁體]`` gives the simplified form. Anything else that is not a Chinese word
    raises :class:`UserError` with the file and line, so nothing of a wrong file is marked."""
    import csv
    import html
    import io
    import re
    from pathlib import Path

    from reader.core.script import is_hanzi
    from reader.core.textio import read_text
    from reader.errors import UserError

    if source != "-" and Path(source).is_file():
        with open(source, "rb") as fh:
            if fh.read(4) == b"PK\x03\x04":
                raise UserError("an Anki package (.apkg) or other zip file, not text: in Anki, export the deck "
                                "as Notes in Plain Text and import that", source)
    decoded = read_text(source)
    name = decoded.name
    lines = decoded.text.splitlines()
    headers = {}
    for line in lines:
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    separators = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
    first = next((ln for ln in lines if ln.strip() and not ln.startswith(("#", "//"))), None)
    if first is None:
        raise UserError("no words in the file (only blank or comment lines)", name)
    if headers.get("separator"):
        delimiter = separators.get(headers["separator"].lower(), headers["separator"][:1])
    else:
        delimiter = next((d for d in ("\t", ",", ";", "|") if d in first), "\t")
    is_html = headers.get("html", "").lower() == "true"
    tag = re.compile(r"<[^>]*>")
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter,
                        quoting=csv.QUOTE_NONE if delimiter == "\t" and not headers else csv.QUOTE_MINIMAL)
    words: list[str] = []
    seen_data = False
    try:
        for cells in reader:
            line_no = reader.line_num
            head = cells[0] if cells else ""
            if is_html:
                head = html.unescape(tag.sub("", head))
            head = head.strip()
            if not head or head.startswith(("#", "//")):
                continue
            head = head.split("[", 1)[0].split()[0] if head.split("[", 1)[0].split() else ""
            has_hanzi = any(is_hanzi(ch) for ch in head)
            if not seen_data and not has_hanzi:
                seen_data = True  # a header row (Word, Simplified, 词语 ...)
                continue
            seen_data = True
            if not has_hanzi:
                raise UserError(f"the first column should be a Chinese word, found {head[:30]!r}", name, line_no)
            if len(head) > 32 or not all(is_hanzi(ch) or ch.isalnum() or ch == "·" for ch in head):
                raise UserError(f"not a Chinese word: {head[:30]!r}", name, line_no)
            words.append(unicodedata.normalize("NFC", head))
    except csv.Error as exc:
        raise UserError(f"bad CSV: {exc}", name, reader.line_num) from None
    if not words:
        raise UserError("no Chinese words in the file", name)
    return list(dict.fromkeys(words)), name
