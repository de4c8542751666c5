"""Pinyin as the store keeps it, and the typed-pinyin check of the review screen.

The program's canonical pinyin is lowercase tone-number syllables (1-5, 5 = neutral), ü as ``v``:
``"zhong4 yao4"``. Input comes from CC-CEDICT (``lu:4``, capitals for names), from the glossary
(tone marks, ``xīn zhì``), from pypinyin, or typed by the user (``Zhong4yao4``, ``lü4``, ``nv3``).
"""

from __future__ import annotations

import re
import unicodedata

_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARK_OF_TONE = {v: k for k, v in _TONE_OF_MARK.items()}
_DIAERESIS = "\u0308"
_SYLLABLE = re.compile(r"[a-zv]+[1-5]?")
_SEPARATORS = re.compile(r"[\s'’,.·\-_/]+")


def _chunk_to_numbers(chunk: str) -> str:
    """One chunk (no separators) with tone marks -> letters with the tone digit at its end."""
    text = unicodedata.normalize("NFD", chunk)
    tone = 0
    out: list[str] = []
    for ch in text:
        if ch in _TONE_OF_MARK:
            tone = tone or _TONE_OF_MARK[ch]
        elif ch == _DIAERESIS:
            if out and out[-1] == "u":
                out[-1] = "v"
        else:
            out.append(ch)
    base = "".join(out)
    if tone and base and base[-1] not in "12345":
        base += str(tone)
    return base


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
        chunk = _chunk_to_numbers(chunk)
        for syl in _SYLLABLE.findall(chunk):
            result.append(syl if syl[-1] in "12345" else syl + "5")
    return result


def normalise(text: str) -> str:
    """Canonical form of a pinyin string: space-separated tone-number syllables."""
    return " ".join(syllables(text))


def answer_matches(answer: str, expected: str) -> bool:
    """Is the typed answer the expected reading? Case, spaces, ü/v/u:, tone 5 or none are all forgiven.

    >>> answer_matches("Zhong4yao4", "zhong4 yao4")
    True
    >>> answer_matches("zhong1 yao4", "zhong4 yao4")
    False
    """
    want = syllables(expected)
    return bool(want) and syllables(answer) == want


def _mark_syllable(syl: str) -> str:
    if not syl or syl[-1] not in "12345":
        return syl.replace("v", "ü")
    base, tone = syl[:-1], int(syl[-1])
    base = base.replace("v", "ü")
    if tone == 5:
        return base
    lowered = base.lower()
    if "a" in lowered:
        i = lowered.index("a")
    elif "e" in lowered:
        i = lowered.index("e")
    elif "ou" in lowered:
        i = lowered.index("o")
    else:
        i = -1
        for j in range(len(lowered) - 1, -1, -1):
            if lowered[j] in "aeiouü":
                i = j
                break
        if i < 0:  # m, n, ng: mark the first letter
            i = 0
    return unicodedata.normalize("NFC", base[: i + 1] + _MARK_OF_TONE[tone] + base[i + 1 :])


def to_marks(text: str) -> str:
    """``"zhong4 yao4"`` -> ``"zhòng yào"`` (for exports and display)."""
    return " ".join(_mark_syllable(s) for s in syllables(text))
