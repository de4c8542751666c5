"""Pinyin as the store keeps it, and the typed-pinyin check of the review screen.

The program's canonical pinyin is lowercase tone-number syllables (1-5, 5 = neutral), ü as ``v``:
``"zhong4 yao4"``. Input comes from CC-CEDICT (``lu:4``, capitals for names), from the glossary
(tone marks, ``xīn zhì``), from pypinyin, or typed by the user (``Zhong4yao4``, ``lü4``, ``nv3``).
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.pinyin import syllables  # noqa: F401  (the one parser; re-exported)
from reader.core.pinyin_marks import numbers_to_marks

_SEPARATORS = re.compile(r"[\s'’,.·\-_/]+")
_MARKED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def normalise(text: str) -> str:
    """Canonical form of a pinyin string: space-separated tone-number syllables."""
    return " ".join(syllables(text))


def answer_matches(answer: str, expected: str) -> bool:
    """Is the typed answer the expected reading? Case, spaces, ü/v/u:, tone 5 or none are all forgiven.

    >>> answer_matches("Zhong4yao4", "zhong4 yao4")
    True
    >>> answer_matches("zhong1 yao4", "zhong4 yao4")
    False
    >>> answer_matches("zhòngyào", "zhong4 yao4")
    True
    """
    want = syllables(expected)
    if not want:
        return False
    if syllables(answer) == want:
        return True
    # Tone marks typed run together (zhòngyào, Xī'ān, as an IME writes them) cannot be cut into
    # syllables reliably: compare with the expected reading written the same way instead.
    typed = unicodedata.normalize("NFC", answer.strip().lower()).replace("u:", "ü").replace("v", "ü")
    typed = _SEPARATORS.sub("", typed)
    return any(ch in _MARKED for ch in typed) and typed == "".join(numbers_to_marks(s) for s in want)


def to_marks(text: str) -> str:
    """``"zhong4 yao4"`` -> ``"zhòng yào"`` (for exports and display)."""
    return " ".join(numbers_to_marks(s) for s in syllables(text))
