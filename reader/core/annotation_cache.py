"""The annotation cache: an in-memory LRU in front of a SQLite file in ``paths.cache_dir()``.

Keys are digests of (engine version, glossary/corrections digest, paragraph text), so a changed
engine, glossary or correction simply misses. The cache is rebuildable: any problem with the file
(corrupt, locked, read-only disk) turns the disk layer off for this run instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

CACHE_FILE = "annotations.sqlite3"


class AnnotationCache:
    def __init__(self, path: Path | None = None, memory_items: int = 4096, disk: bool = True) -> None:
        self._lru: OrderedDict[str, list] = OrderedDict()
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
                conn.execute("CREATE TABLE IF NOT EXISTS ann (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
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
    def get(self, key: str) -> list | None:
        with self._lock:
            hit = self._lru.get(key)
            if hit is not None:
                self._lru.move_to_end(key)
                return hit
            conn = self._db()
            if conn is None:
                return None
            try:
                row = conn.execute("SELECT data FROM ann WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                self._disable()
                return None
            if row is None:
                return None
            try:
                value = json.loads(row[0])
            except ValueError:
                return None
            self._remember(key, value)
            return value

    def get_many(self, keys: Iterable[str]) -> dict[str, list]:
        return {k: v for k in keys if (v := self.get(k)) is not None}

    def put_many(self, items: dict[str, list]) -> None:
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
                conn.executemany(
                    "INSERT OR REPLACE INTO ann (key, data) VALUES (?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in items.items()],
                )
                conn.execute("COMMIT")
            except sqlite3.Error:
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    pass
                self._disable()

    def put(self, key: str, value: list) -> None:
        self.put_many({key: value})

    def clear_memory(self) -> None:
        with self._lock:
            self._lru.clear()

    def close(self) -> None:
        with self._lock:
            self._disable()

    def _remember(self, key: str, value: list) -> None:
        if self._max <= 0:
            return
        self._lru[key] = value
        self._lru.move_to_end(key)
        while len(self._lru) > self._max:
            self._lru.popitem(last=False)
