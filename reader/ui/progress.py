"""How far an article or a book has been read, as the library and the chapter list show it.

TODO(one "% read"): issue 12 asks for ONE definition of "% read", shared by the library and the
reading screen's status line; the reading-screen helper is making that single function. Until it
lands, this is the library's definition as it was (furthest paragraph reached over the article's
blocks); replace :func:`percent_read` by a call to that function, and nothing else here changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def percent_read(position: Sequence[Any] | None) -> int | None:
    """``position``: (furthest block reached, block count, ...) as ``Store.positions()`` gives it;
    None when the article was never opened (or its length was never recorded)."""
    if not position or not position[1]:
        return None
    return min(100, round(100 * (position[0] + 1) / position[1]))


def book_percent(chapters: Sequence[Any], positions: Mapping[str, Sequence[Any]]) -> int | None:
    """A book's share read: each chapter's share weighted by its length in characters (a chapter never
    opened counts as 0); None when no chapter was ever opened."""
    total = done = 0.0
    opened = False
    for chapter in chapters:
        chars = chapter.char_count or 1
        total += chars
        share = percent_read(positions.get(chapter.id))
        if share is not None:
            opened = True
            done += chars * share / 100
    if not opened:
        return None
    return min(100, round(100 * done / total))


def last_read_chapter(chapters: Sequence[Any], positions: Mapping[str, Sequence[Any]]) -> Any:
    """The chapter read most recently (the first chapter when none was opened)."""
    read = [c for c in chapters if c.id in positions and len(positions[c.id]) > 2 and positions[c.id][2]]
    if not read:
        return chapters[0] if chapters else None
    return max(read, key=lambda c: positions[c.id][2])
