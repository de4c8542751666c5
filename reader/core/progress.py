"""How much of an article has been read: one definition, for the reading screen's status line and the
library's "Read" column (so the two never disagree).

% read = the share of the body's characters (every block: paragraphs and subheads) in the blocks up to
and including the one the reader is at. On the headline nothing is read yet (0 %); on the last block,
100 %. The library gives the block of the place it will reopen at (the saved position), the status line
the block in focus: the same article at the same place shows the same figure in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["percent_read", "article_percent_read", "percent_at_place", "book_percent", "paragraph_label"]


def percent_read(block_lengths: Sequence[int], block_index: int | None) -> int:
    """Percent (0-100, rounded) of the characters of ``block_lengths`` in blocks 0..``block_index``;
    None (the headline) or a negative index: 0."""
    if block_index is None or block_index < 0 or not block_lengths:
        return 0
    total = sum(block_lengths)
    if total <= 0:
        return 100 if block_index >= len(block_lengths) - 1 else 0
    through = sum(block_lengths[: block_index + 1])
    return round(100 * through / total)


def article_percent_read(article: Any, block_index: int | None) -> int:
    """:func:`percent_read` of an :class:`reader.core.article.Article` at block ``block_index``."""
    return percent_read([len(b.text) for b in article.blocks], block_index)


def percent_at_place(article: Any, place: Any) -> int | None:
    """The library's "% read" of ``article`` left at ``place`` (a ``Store.places()`` entry: block,
    percent, ...): the figure the status line showed when the place was saved; for a place saved before
    yuedu kept that figure, :func:`article_percent_read` at its paragraph. None: never opened."""
    if place is None:
        return None
    block, percent = place[0], place[1]
    if percent is not None:
        return int(percent)
    blocks = getattr(article, "blocks", None) or []
    return article_percent_read(article, min(block, len(blocks) - 1)) if blocks else 0


def book_percent(chapters: Sequence[Any], places: Any) -> int | None:
    """A book's share read: each chapter's :func:`percent_at_place` weighted by its length in characters
    (a chapter never opened counts as 0), so a book reads as its chapters put end to end; None when no
    chapter was ever opened."""
    total = done = 0.0
    opened = False
    for chapter in chapters:
        chars = chapter.char_count or 1
        total += chars
        share = percent_at_place(chapter, places.get(chapter.id))
        if share is not None:
            opened = True
            done += chars * share / 100
    if not opened:
        return None
    return min(100, round(100 * done / total))


def paragraph_label(article: Any, block_index: int) -> str:
    """How a block is named everywhere (the status line, toasts, the bookmarks dialog, search, `yuedu
    bookmarks`): ``¶ 3``, the body paragraphs counted from 1 (the headline is not one), or ``§ subhead``
    for a subhead."""
    blocks = article.blocks
    if not 0 <= block_index < len(blocks):
        return f"¶ {block_index + 1}"
    if blocks[block_index].is_heading:
        return "§ " + blocks[block_index].text[:12]
    return f"¶ {sum(1 for b in blocks[: block_index + 1] if b.kind == 'paragraph')}"
