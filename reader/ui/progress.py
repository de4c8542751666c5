"""How far a book has been read, as the library and the chapter list show it.

"% read" itself has one definition, reader/core/progress.py (the status line's, and the library's via
:func:`reader.core.progress.percent_at_place`); this module only picks the chapter to reopen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reader.core.progress import book_percent, percent_at_place

__all__ = ["book_percent", "last_read_chapter", "percent_at_place"]


def last_read_chapter(chapters: Sequence[Any], places: Mapping[str, Sequence[Any]]) -> Any:
    """The chapter read most recently (the first chapter when none was opened)."""
    read = [c for c in chapters if c.id in places and len(places[c.id]) > 2 and places[c.id][2]]
    if not read:
        return chapters[0] if chapters else None
    return max(read, key=lambda c: places[c.id][2])
