"""The annotation cache on disk: a SQLite file in ``paths.cache_dir()``.

Keys are digests (bytes) of (engine version, glossary/corrections digest, paragraph text), so a
changed engine, glossary or correction simply misses. Values are bytes (the annotator's compact
form of a paragraph's tokens); reads of many paragraphs go in one query. The in-memory layer is
the annotator's own. The cache is rebuildable: any problem with the file (corrupt, locked,
read-only disk) turns the disk layer off for this run instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Iterable

CACHE_FILE = "annotations.sqlite3"
# format 3: digest and value as blobs (a rowid table: a paragraph's value, a few KB, would spill
# into overflow pages in a table clustered on the key, and read at half the speed); formats 1
# (JSON, "ann") and 2 (text, "ann2") can never hit again and are dropped
TABLE = "ann3"
_OLD_TABLES = ("ann", "ann2")
_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's variable limit


class AnnotationCache:
    def __init__(self, path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._opened = False

    def _db(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._conn
        self._opened = True
        if self._path is None:
            from reader import paths

            self._path = paths.cache_dir() / CACHE_FILE
        for attempt in (1, 2):
            conn = None
            try:
                conn = sqlite3.connect(str(self._path), timeout=2.0, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key BLOB PRIMARY KEY, data BLOB NOT NULL)")
                tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                for old in _OLD_TABLES:
                    if old in tables:
                        try:
                            conn.execute(f"DROP TABLE {old}")
                        except sqlite3.OperationalError:
                            pass  # another process is writing: the next start drops it
                self._conn = conn
                return conn
            except sqlite3.OperationalError:
                # locked by another process, or a read-only disk: no disk layer this run (the file
                # is in use, not damaged, and is left alone)
                try:
                    if conn is not None:
                        conn.close()
                except Exception:
                    pass
                break
            except sqlite3.DatabaseError:
                # a corrupt cache file: it is only a cache, start afresh once
                try:
                    if conn is not None:
                        conn.close()
                except Exception:
                    pass
                if attempt == 1:
                    for suffix in ("", "-wal", "-shm"):
                        try:
                            Path(str(self._path) + suffix).unlink()
                        except OSError:
                            pass
                    continue
            except Exception:
                break
        self._conn = None
        return None

    def _disable(self) -> None:
        try:
            if self._conn is not None:
                self._conn.close()
        except Exception:
            pass
        self._conn = None

    def get(self, key: bytes) -> bytes | None:
        """The stored value of one key, or None."""
        with self._lock:
            conn = self._db()
            if conn is None:
                return None
            try:
                row = conn.execute(f"SELECT data FROM {TABLE} WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                self._disable()
                return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        """The stored values of those ``keys`` that are in the cache."""
        found: dict[bytes, bytes] = {}
        todo = list(keys)
        if not todo:
            return found
        with self._lock:
            conn = self._db()
            if conn is None:
                return found
            try:
                for start in range(0, len(todo), _CHUNK):
                    chunk = todo[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for k, data in conn.execute(f"SELECT key, data FROM {TABLE} WHERE key IN ({marks})", chunk):
                        if isinstance(data, bytes):
                            found[k] = data
            except sqlite3.Error:
                self._disable()
        return found

    def put_many(self, items: dict[bytes, bytes]) -> None:
        if not items:
            return
        with self._lock:
            conn = self._db()
            if conn is None:
                return
            try:
                conn.execute("BEGIN")
                conn.executemany(f"INSERT OR REPLACE INTO {TABLE} (key, data) VALUES (?, ?)", list(items.items()))
                conn.execute("COMMIT")
            except sqlite3.Error:
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    pass
                self._disable()

    def close(self) -> None:
        with self._lock:
            self._disable()
