"""The annotation cache: an in-memory LRU in front of a SQLite file in ``paths.cache_dir()``.

Keys are digests of (engine version, glossary/corrections digest, paragraph text), so a changed
engine, glossary or correction simply misses. Values are strings (the annotator's compact form of
a paragraph's tokens); reads of many paragraphs go in one query. The cache is rebuildable: any
problem with the file (corrupt, locked, read-only disk) turns the disk layer off for this run
instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

CACHE_FILE = "annotations.sqlite3"
TABLE = "ann2"  # format 2: one string per paragraph (format 1, JSON, lived in "ann")
_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's variable limit


class AnnotationCache:
    def __init__(self, path: Path | None = None, memory_items: int = 4096, disk: bool = True) -> None:
        self._lru: OrderedDict[str, str] = OrderedDict()
        self._max = memory_items
        self._lock = threading.Lock()
        self._path = path
        self._disk = disk
        self._conn: sqlite3.Connection | None = None
        self._opened = False

    # -- disk ----------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection | None:
        if not self._disk:
            return None
        if self._opened:
            return self._conn
        self._opened = True
        if self._path is None:
            from reader import paths

            self._path = paths.cache_dir() / CACHE_FILE
        for attempt in (1, 2):
            try:
                conn = sqlite3.connect(str(self._path), timeout=2.0, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
                conn.execute("DROP TABLE IF EXISTS ann")  # the old format's rows can never hit
                self._conn = conn
                return conn
            except sqlite3.DatabaseError:
                # a corrupt cache file: it is only a cache, start afresh once
                try:
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

    # -- public --------------------------------------------------------------------------
    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored values of those ``keys`` that are in the cache."""
        found: dict[str, str] = {}
        with self._lock:
            todo = []
            for k in keys:
                hit = self._lru.get(k)
                if hit is not None:
                    self._lru.move_to_end(k)
                    found[k] = hit
                else:
                    todo.append(k)
            if not todo:
                return found
            conn = self._db()
            if conn is None:
                return found
            try:
                for start in range(0, len(todo), _CHUNK):
                    chunk = todo[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for k, data in conn.execute(f"SELECT key, data FROM {TABLE} WHERE key IN ({marks})", chunk):
                        if isinstance(data, str):
                            found[k] = data
                            self._remember(k, data)
            except sqlite3.Error:
                self._disable()
        return found

    def put_many(self, items: dict[str, str]) -> None:
        if not items:
            return
        with self._lock:
            for k, v in items.items():
                self._remember(k, v)
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

    def clear_memory(self) -> None:
        with self._lock:
            self._lru.clear()

    def close(self) -> None:
        with self._lock:
            self._disable()

    def _remember(self, key: str, value: str) -> None:
        if self._max <= 0:
            return
        self._lru[key] = value
        self._lru.move_to_end(key)
        while len(self._lru) > self._max:
            self._lru.popitem(last=False)
