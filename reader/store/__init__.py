"""The user's state in SQLite: preferences, reading positions, bookmarks, vocabulary, FSRS review, corrections.

    from reader.store import open_store
    with open_store() as store:
        store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。")

Pure Python (sqlite3 + fsrs); never imports textual.
"""

from __future__ import annotations

from .db import (
    Bookmark,
    Correction,
    ReviewStats,
    Sentence,
    Store,
    VocabItem,
    block_hash,
    open_store,
    reanchor,
)
from .schema import CURRENT_VERSION

__all__ = [
    "Bookmark",
    "CURRENT_VERSION",
    "Correction",
    "ReviewStats",
    "Sentence",
    "Store",
    "VocabItem",
    "block_hash",
    "open_store",
    "reanchor",
]
