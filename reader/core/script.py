"""What is a hanzi: the one answer every module asks (segmenter, importer, store, views, dialogs).

A hanzi here is a character read with one pinyin syllable: the CJK Unified Ideographs (the main
block, extension A and the supplementary planes' extensions), the compatibility ideographs, and
〇 (U+3007 IDEOGRAPHIC NUMBER ZERO, líng, as in 二〇二四), which Unicode files under symbols.
Two answers to this question drifted apart once (a reading fix for 二〇二四 was accepted and then
dropped); keep it here only.
"""

from __future__ import annotations

import re

__all__ = ["HAN", "HAN_RE", "is_hanzi", "count_hanzi", "hanzi_of"]

# The ranges, for a regular expression's character class: f"[{HAN}]".
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"


def __getattr__(name: str):  # noqa: ANN202 - HAN_RE, compiled on first use (2 ms that `yuedu search` skips)
    if name == "HAN_RE":
        global HAN_RE
        HAN_RE = re.compile(f"[{HAN}]")
        return HAN_RE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_hanzi(ch: str) -> bool:
    """One character read with one syllable (〇 included)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or o == 0x3007
    )


def count_hanzi(text: str) -> int:
    """How many hanzi (and so how many syllables) ``text`` has."""
    return sum(1 for ch in text if is_hanzi(ch))


def hanzi_of(text: str) -> list[str]:
    """The hanzi of ``text``, in order."""
    return [ch for ch in text if is_hanzi(ch)]
