"""The annotation cache on disk: a SQLite file in ``paths.cache_dir()``.

Keys are digests (bytes) of (engine version, glossary/corrections digest, paragraph text), so a
changed engine, glossary or correction simply misses. Values are bytes (the annotator's compact
form of a paragraph's tokens); reads of many paragraphs go in one query. The in-memory layer is
the annotator's own. The cache is rebuildable: any problem with the file (corrupt, locked,
read-only disk) turns the disk layer off for this run instead of failing.

Size: the cache is capped (``DEFAULT_LIMIT_MB``, or the store's preference ``cache.annotations_mb``,
given to :func:`set_limit_mb` when the store opens). Each row keeps when it was last used; when a
write takes the live pages over the cap, the least recently used rows go until it is under 90 % of
it (their pages are reused by later writes, so the file stays about the size of the cap).
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterable

CACHE_FILE = "annotations.sqlite3"
# format 3: digest and value as blobs (a rowid table: a paragraph's value, a few KB, would spill
# into overflow pages in a table clustered on the key, and read at half the speed); formats 1
# (JSON, "ann") and 2 (text, "ann2") can never hit again and are dropped
TABLE = "ann3"
_OLD_TABLES = ("ann", "ann2")
_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's variable limit
DEFAULT_LIMIT_MB = 256
PREF_LIMIT_MB = "cache.annotations_mb"  # the store's preference that overrides the default
_TOUCH_AFTER_MS = 60_000  # a hit marks its row used again only when it was last marked longer ago

_limit_bytes = DEFAULT_LIMIT_MB * 2**20


def set_limit_mb(mb: float | None) -> None:
    """Cap the annotation cache at ``mb`` megabytes (None: the default)."""
    global _limit_bytes
    if mb is None:
        _limit_bytes = DEFAULT_LIMIT_MB * 2**20
        return
    mb = float(mb)
    if not math.isfinite(mb) or mb < 1:
        raise ValueError("the annotation cache needs at least 1 MB")
    _limit_bytes = int(mb * 2**20)


def limit_bytes() -> int:
    return _limit_bytes


def _now_ms() -> int:
    return int(time.time() * 1000)


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
                conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key BLOB PRIMARY KEY, data BLOB NOT NULL,"
                             " used INTEGER NOT NULL DEFAULT 0)")
                columns = {row[1] for row in conn.execute(f"PRAGMA table_info({TABLE})")}
                if "used" not in columns:  # a cache from before the cap: its rows count as least recent
                    conn.execute(f"ALTER TABLE {TABLE} ADD COLUMN used INTEGER NOT NULL DEFAULT 0")
                conn.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_used ON {TABLE} (used)")
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
                row = conn.execute(f"SELECT data, used FROM {TABLE} WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    self._touch(conn, [(key, row[1])])
            except sqlite3.Error:
                self._disable()
                return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def _touch(self, conn: sqlite3.Connection, hits: list[tuple[bytes, int]]) -> None:
        """Mark rows used now (only those not marked in the last minute: reads stay reads)."""
        now = _now_ms()
        stale = [k for k, used in hits if not isinstance(used, int) or now - used > _TOUCH_AFTER_MS]
        if not stale:
            return
        try:
            conn.execute("BEGIN")
            for start in range(0, len(stale), _CHUNK):
                chunk = stale[start : start + _CHUNK]
                conn.execute(f"UPDATE {TABLE} SET used = ? WHERE key IN ({','.join('?' * len(chunk))})",
                             [now, *chunk])
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            # locked by another yuedu writing: the mark is only a hint for the cap
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

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
                hits: list[tuple[bytes, int]] = []
                for start in range(0, len(todo), _CHUNK):
                    chunk = todo[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for k, data, used in conn.execute(
                            f"SELECT key, data, used FROM {TABLE} WHERE key IN ({marks})", chunk):
                        if isinstance(data, bytes):
                            found[k] = data
                            hits.append((k, used))
                self._touch(conn, hits)
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
                now = _now_ms()
                conn.execute("BEGIN")
                conn.executemany(f"INSERT OR REPLACE INTO {TABLE} (key, data, used) VALUES (?, ?, ?)",
                                 [(k, v, now) for k, v in items.items()])
                self._enforce_limit(conn)
                conn.execute("COMMIT")
            except sqlite3.Error:
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    pass
                self._disable()

    @staticmethod
    def _live_bytes(conn: sqlite3.Connection) -> int:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        return (pages - free) * page_size

    def _enforce_limit(self, conn: sqlite3.Connection) -> None:
        """Inside the write transaction: least recently used rows out until under 90 % of the cap."""
        limit = _limit_bytes
        live = self._live_bytes(conn)
        if live <= limit:
            return
        target = int(limit * 0.9)
        for _ in range(8):  # each round removes about what is over; the page estimate is rough
            count = conn.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0]
            if not count:
                return
            n = max(1, math.ceil((live - target) / max(1.0, live / count)))
            conn.execute(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT rowid FROM {TABLE} ORDER BY used LIMIT ?)", (n,))
            live = self._live_bytes(conn)
            if live <= target:
                return

    def size_bytes(self) -> int:
        """The live size of the cache (its pages in use), 0 without a disk layer."""
        with self._lock:
            conn = self._db()
            if conn is None:
                return 0
            try:
                return self._live_bytes(conn)
            except sqlite3.Error:
                return 0

    def close(self) -> None:
        with self._lock:
            self._disable()
