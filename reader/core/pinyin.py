"""Pinyin: every conversion and every parser of typed pinyin, in one module.

The program's canonical pinyin is lowercase tone-number syllables (1-5, 5 = neutral), ü as ``v``:
``"zhong4 yao4"``. Input comes from CC-CEDICT (``lu:4``, capitals for names), from the glossary
(tone marks, ``xīn zhì``), from pypinyin, or typed by the user (``Zhong4yao4``, ``lü4``, ``nv3``).
"""

from __future__ import annotations

import re
import unicodedata

from reader.errors import UserError

from .pinyin_marks import is_valid_syllable, marks_to_numbers
from .script import is_hanzi

__all__ = ["PinyinError", "parse_reading", "reading_problem", "syllables"]


class PinyinError(UserError):
    """Typed pinyin that is not a reading of the word (a one-line message for the user)."""


_BAD_TONE = re.compile(r"[06-9]")


def reading_problem(word: str, typed: str, *, whole_word: bool = False) -> str | None:
    """Why ``typed`` is not a reading of ``word``, or None when it is.

    The one rule for pinyin a user types (a reading fix in the reader and ``yuedu corrections set``,
    ``yuedu vocab add/edit --pinyin``, an imported file's pinyin): every syllable real pinyin, tones
    1-5 (as numbers or marks; none = neutral), and one syllable per hanzi of the word. With
    ``whole_word`` (a saved word's pinyin) the count is only checked when the word is all hanzi
    (``AI芯片`` may carry ``AI`` in its pinyin); a reading fix always gives one per hanzi.
    """
    syls = syllables(typed)
    bad = [s for s in syls if not is_valid_syllable(s)]
    if _BAD_TONE.search(typed) or bad or not syls:
        shown = typed.strip()[:40]
        return (f"{shown!r} is not pinyin: write one syllable per hanzi, separated by spaces, "
                "with tone numbers 1-5 or tone marks (zhong4 yao4 or zhòng yào)")
    hanzi = [ch for ch in word if is_hanzi(ch)]
    if whole_word and len(hanzi) != len(word):
        return None
    if not hanzi:
        return f"{word!r} has no hanzi to give a reading to"
    if hanzi and len(syls) != len(hanzi):
        return f"{word} has {len(hanzi)} hanzi but {len(syls)} syllable(s) were given: {' '.join(syls)}"
    return None


def parse_reading(word: str, typed: str, *, whole_word: bool = False) -> list[str]:
    """``typed`` as canonical syllables for ``word``; raises :class:`PinyinError` saying why not."""
    problem = reading_problem(word, typed, whole_word=whole_word)
    if problem is not None:
        raise PinyinError(problem)
    return syllables(typed)


def syllables(text: str) -> list[str]:
    """Split pinyin in any of the usual spellings into canonical syllables.

    >>> syllables("Zhong4yao4")
    ['zhong4', 'yao4']
    >>> syllables("lu:4 nü3 de")
    ['lv4', 'nv3', 'de5']
    >>> syllables("xīn zhì")
    ['xin1', 'zhi4']

    A syllable without a tone number gets tone 5 (neutral). Syllables written together with tone
    marks but no separators (``zhòngyào``) cannot be split reliably and come out as one chunk.
    """
    text = unicodedata.normalize("NFC", text.strip().lower())
    text = text.replace("u:", "v")
    result: list[str] = []
    for chunk in _SEPARATORS.split(text):
        if not chunk:
            continue
        chunk = marks_to_numbers(chunk)
        for syl in _SYLLABLE.findall(chunk):
            result.append(syl if syl[-1] in "12345" else syl + "5")
    return result


_SYLLABLE = re.compile(r"[a-zv]+[1-5]?")
_SEPARATORS = re.compile(r"[\s'’,.·\-_/]+")
