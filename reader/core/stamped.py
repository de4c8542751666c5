"""Values worked out from data files and kept in the cache folder between runs, each under a stamp
that names what it was made from: a changed stamp, a missing, unreadable or foreign file simply
means working it out again (the cache folder is safe to delete).

The files hold data, never code: no pickles. A value is a tuple (or list) of strings, byte strings
and integers ≥ 0, kept as one small JSON header (the stamp and each item's kind and length) followed by the
items' bytes. Reading checks the magic line, the stamp, every kind and length against the file's
size, and decodes the strings as UTF-8; anything else is not ours and is made again. A file planted
in the cache folder can therefore cost a rebuild, never run anything.

The files are named ``*.data``. Older yuedus named them ``*.pickle``: such a file beside a table
being written (``x.pickle`` beside ``x.data``) is deleted unread. A real pickle found under a
``.data`` name (planted) is never loaded, only replaced.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

MAGIC = b"yuedu-cache 1\n"
_MAX_HEADER = 64 * 1024
_KINDS = {"s": str, "b": bytes, "i": int}


def cached(path: Path, stamp: str, make: Callable[[], Any], kind: type = tuple) -> Any:
    """The value kept at ``path`` under ``stamp``, or ``make()``'s, kept there for next time.
    The value is a ``kind`` (tuple or list) of ``str``, ``bytes`` and ``int`` ≥ 0. A write that
    fails (read-only disk) is not an error."""
    if kind not in (tuple, list):
        raise TypeError("stamped.cached keeps tuples or lists of str, bytes and int")
    value = _read(path, stamp)
    if value is not None:
        return kind(value)
    value = make()
    if not isinstance(value, kind) or not all(type(v) in (str, bytes, int) for v in value):
        raise TypeError("stamped.cached keeps tuples or lists of str, bytes and int")
    try:
        _write(path, stamp, tuple(value))
    except (OSError, TypeError):
        pass
    _remove_old_name(path)
    return value


def _remove_old_name(path: Path) -> None:
    """An older yuedu's file for the same table (``*.pickle``): deleted, never opened."""
    if path.suffix == ".pickle":
        return
    try:
        path.with_suffix(".pickle").unlink()
    except OSError:
        pass


def _read(path: Path, stamp: str) -> tuple | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_HEADER)
    if end < 0:
        return None
    try:
        header = json.loads(data[len(MAGIC):end])
        if not isinstance(header, dict) or header.get("stamp") != stamp:
            return None
        items = header["items"]
        if not isinstance(items, list):
            return None
        out: list = []
        pos = end + 1
        view = memoryview(data)  # slices without copying the (megabytes of) text first
        for entry in items:
            code, length = entry
            if code not in _KINDS or type(length) is not int or length < 0:
                return None
            if code == "i":
                out.append(length)  # an integer is kept in the header itself
                continue
            if pos + length > len(data):
                return None
            chunk = view[pos : pos + length]
            out.append(str(chunk, "utf-8") if code == "s" else chunk.tobytes())
            pos += length
        if pos != len(data):
            return None
        return tuple(out)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _write(path: Path, stamp: str, value: tuple) -> None:
    items: list[list] = []
    chunks: list[bytes] = []
    for v in value:
        if type(v) is int:
            if v < 0:
                raise TypeError("stamped.cached keeps integers ≥ 0")
            items.append(["i", v])
        elif type(v) is str:
            raw = v.encode("utf-8")
            items.append(["s", len(raw)])
            chunks.append(raw)
        else:
            items.append(["b", len(v)])
            chunks.append(v)
    header = json.dumps({"stamp": stamp, "items": items}, ensure_ascii=True).encode("ascii")
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(MAGIC + header + b"\n")
            for chunk in chunks:
                f.write(chunk)
        os.replace(tmp, path)
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def cached_strings(path: Path, stamp: str, make: Callable[[], dict[str, str]]) -> dict[str, str]:
    """:func:`cached` for a table of strings (no key or value holding a newline), kept as two
    newline-joined strings: read back several times faster than a pickled dictionary, since
    unpickling builds its hundred thousand strings one by one."""

    def packed() -> tuple[str, str]:
        table = make()
        return "\n".join(table), "\n".join(table.values())

    keys, values = cached(path, stamp, packed, tuple)
    return dict(zip(keys.split("\n"), values.split("\n"))) if keys else {}


class LazyTable(Mapping):
    """A read-only table of strings that answers look-ups (:meth:`get`) without building itself whole;
    iterating, ``len`` and comparing use :meth:`full`, the whole table as a plain dict (built once)."""

    __slots__ = ()

    def get(self, key, default=None):  # pragma: no cover - each table has its own
        raise NotImplementedError

    def full(self) -> dict[str, str]:  # pragma: no cover - each table has its own
        raise NotImplementedError

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self):
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())

    def keys(self):
        return self.full().keys()

    def items(self):
        return self.full().items()

    def values(self):
        return self.full().values()

    def __eq__(self, other) -> bool:
        if isinstance(other, LazyTable):
            other = other.full()
        return self.full() == other

    __hash__ = None  # type: ignore[assignment]


_MISSING = object()


class BucketTable(LazyTable):
    """A table of strings read bucket by bucket: the words that begin with one character are parsed
    the first time one of them is looked up. The first screen of a text looks up a few hundred words,
    which costs a few milliseconds, where building the whole dictionary of a hundred thousand took a
    tenth of a second (yuedu read's early process, reader/early.py, waits for it). Iterating, ``len``
    and comparing build the whole table once (a plain dict from then on)."""

    __slots__ = ("_index", "_key_at", "_value_at", "_keys", "_values", "_buckets", "_full", "_count")

    def __init__(self, chars: str, key_at: bytes, value_at: bytes, keys: str, values: str, count: int) -> None:
        import array

        self._key_at = array.array("q")
        self._key_at.frombytes(key_at)
        self._value_at = array.array("q")
        self._value_at.frombytes(value_at)
        if (len(self._key_at) != len(chars) + 1 or len(self._value_at) != len(chars) + 1
                or self._key_at[-1] != len(keys) or self._value_at[-1] != len(values)
                or keys.count("\n") != count or values.count("\n") != count
                or any(a > b for a, b in zip(self._key_at, self._key_at[1:]))
                or any(a > b for a, b in zip(self._value_at, self._value_at[1:]))):
            raise ValueError("damaged table buckets")
        self._index = {c: k for k, c in enumerate(chars)}
        self._keys, self._values, self._count = keys, values, count
        self._buckets: dict[str, dict[str, str]] = {}
        self._full: dict[str, str] | None = None

    def _bucket(self, first: str) -> dict[str, str]:
        bucket = self._buckets.get(first)
        if bucket is None:
            k = self._index.get(first)
            if k is None:
                bucket = {}
            else:
                keys = self._keys[self._key_at[k] : self._key_at[k + 1] - 1].split("\n")
                values = self._values[self._value_at[k] : self._value_at[k + 1] - 1].split("\n")
                bucket = dict(zip(keys, values))
            self._buckets[first] = bucket
        return bucket

    def get(self, key, default=None):
        full = self._full
        if full is not None:
            return full.get(key, default)
        if type(key) is not str or not key:
            return default
        return self._bucket(key[0]).get(key, default)

    def full(self) -> dict[str, str]:
        """The whole table as a plain dict (built once)."""
        if self._full is None:
            table: dict[str, str] = {}
            for first in self._index:
                table.update(self._bucket(first))
            self._full = table
            self._buckets = {}
        return self._full

    def __len__(self) -> int:
        return self._count if self._full is None else len(self._full)

    def __repr__(self) -> str:
        return f"<BucketTable of {len(self)} entries>"


def cached_buckets(path: Path, stamp: str, make: Callable[[], dict[str, str]], *,
                   replaces: Path | None = None) -> BucketTable:
    """:func:`cached_strings`, read back bucket by bucket (:class:`BucketTable`): the keys grouped by
    their first character, kept as two newline-joined strings with, for each first character, where
    its keys and values begin. No key may be empty, and no key or value may hold a newline.
    ``replaces``: the file an older yuedu kept the same table in (deleted, never read)."""
    import array

    if replaces is not None:
        try:
            replaces.unlink()
        except OSError:
            pass

    def packed() -> tuple:
        table = make()
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, value in table.items():
            if not key or "\n" in key or "\n" in value:
                raise ValueError("a table of non-empty one-line strings")
            groups.setdefault(key[0], []).append((key, value))
        chars, key_at, value_at, keys, values = [], array.array("q"), array.array("q"), [], []
        kpos = vpos = 0
        for first, items in groups.items():
            chars.append(first)
            key_at.append(kpos)
            value_at.append(vpos)
            for key, value in items:
                keys.append(key)
                values.append(value)
                kpos += len(key) + 1
                vpos += len(value) + 1
        key_at.append(kpos)
        value_at.append(vpos)
        return ("t1", "".join(chars), key_at.tobytes(), value_at.tobytes(),
                "".join(k + "\n" for k in keys), "".join(v + "\n" for v in values), len(keys))

    value = cached(path, stamp, packed, tuple)
    try:
        tag, chars, key_at, value_at, keys, values, count = value
        if tag != "t1":
            raise ValueError(tag)
        return BucketTable(chars, key_at, value_at, keys, values, count)
    except (ValueError, TypeError):
        value = packed()  # a damaged or foreign file: made again (the next write replaces it)
        return BucketTable(*value[1:])
