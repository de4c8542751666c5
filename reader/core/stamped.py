"""Values worked out from data files and kept in the cache folder between runs, each under a stamp
that names what it was made from: a changed stamp, a missing or unreadable file simply means
working it out again (the cache folder is safe to delete)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable


def cached(path: Path, stamp: str, make: Callable[[], Any], kind: type) -> Any:
    """The value kept at ``path`` under ``stamp``, or ``make()``'s, kept there for next time.
    Files of our own cache folder only; a write that fails (read-only disk) is not an error."""
    try:
        with open(path, "rb") as f:
            saved, value = pickle.load(f)
        if saved == stamp and isinstance(value, kind):
            return value
    except Exception:
        pass
    value = make()
    try:
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump((stamp, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


def cached_strings(path: Path, stamp: str, make: Callable[[], dict[str, str]]) -> dict[str, str]:
    """:func:`cached` for a table of strings (no key or value holding a newline), kept as two
    newline-joined strings: read back several times faster than a pickled dictionary, since
    unpickling builds its hundred thousand strings one by one."""

    def packed() -> tuple[str, str]:
        table = make()
        return "\n".join(table), "\n".join(table.values())

    keys, values = cached(path, stamp, packed, tuple)
    return dict(zip(keys.split("\n"), values.split("\n"))) if keys else {}
