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
