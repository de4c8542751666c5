"""Showing tone-number syllables: tone marks, tone numbers or zhuyin, and 一/不 tone sandhi.

Inside the program a syllable is lowercase letters plus a tone digit 1–5 (5 = neutral), ü as
``v``: ``"zhong1"``, ``"lv4"``, ``"de5"``. Everything here is pure and cheap (cached).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .pinyin_marks import numbers_to_marks
from .script import is_hanzi

STYLES = ("marks", "numbers", "zhuyin")


def split_syllable(syl: str) -> tuple[str, int]:
    """'zhong1' -> ('zhong', 1); a syllable without a digit is neutral (5)."""
    if syl and syl[-1].isdigit():
        tone = int(syl[-1])
        return syl[:-1], tone if 1 <= tone <= 5 else 5
    return syl, 5


def tone_of(syl: str) -> int:
    """The tone of a syllable, 1..5 (5 = neutral or unknown)."""
    return split_syllable(syl)[1]


@lru_cache(maxsize=4096)
def to_marks(syl: str) -> str:
    """'zhong1' -> 'zhōng', 'lv4' -> 'lǜ', 'de5' / 'de' -> 'de' (one converter: reader.core.pinyin_marks)."""
    base, tone = split_syllable(syl)
    return numbers_to_marks(f"{base.replace('u:', 'v')}{tone}")


# -- zhuyin ------------------------------------------------------------------------------------
_INITIALS = [
    ("zh", "ㄓ"), ("ch", "ㄔ"), ("sh", "ㄕ"), ("b", "ㄅ"), ("p", "ㄆ"), ("m", "ㄇ"), ("f", "ㄈ"),
    ("d", "ㄉ"), ("t", "ㄊ"), ("n", "ㄋ"), ("l", "ㄌ"), ("g", "ㄍ"), ("k", "ㄎ"), ("h", "ㄏ"),
    ("j", "ㄐ"), ("q", "ㄑ"), ("x", "ㄒ"), ("r", "ㄖ"), ("z", "ㄗ"), ("c", "ㄘ"), ("s", "ㄙ"),
]
_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ê": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "ong": "ㄨㄥ",
    "i": "ㄧ", "ia": "ㄧㄚ", "io": "ㄧㄛ", "ie": "ㄧㄝ", "iai": "ㄧㄞ", "iao": "ㄧㄠ", "iu": "ㄧㄡ", "iou": "ㄧㄡ",
    "ian": "ㄧㄢ", "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ",
    "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uei": "ㄨㄟ", "uan": "ㄨㄢ",
    "un": "ㄨㄣ", "uen": "ㄨㄣ", "uang": "ㄨㄤ", "ueng": "ㄨㄥ", "uong": "ㄨㄥ",
    "v": "ㄩ", "ve": "ㄩㄝ", "van": "ㄩㄢ", "vn": "ㄩㄣ",
}
_WHOLE = {
    "zhi": "ㄓ", "chi": "ㄔ", "shi": "ㄕ", "ri": "ㄖ", "zi": "ㄗ", "ci": "ㄘ", "si": "ㄙ",
    "m": "ㄇ", "n": "ㄣ", "ng": "ㄫ", "hm": "ㄏㄇ", "hng": "ㄏㄫ", "r": "ㄦ", "e": "ㄜ", "ê": "ㄝ",
}
_TONE_ZHUYIN = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ"}


@lru_cache(maxsize=4096)
def to_zhuyin(syl: str) -> str:
    base, tone = split_syllable(syl)
    base = base.lower().replace("ü", "v").replace("u:", "v")
    if base in _WHOLE:
        body = _WHOLE[base]
    else:
        initial, zh_initial, rest = "", "", base
        if base.startswith("y"):
            rest = base[1:]
            if rest.startswith("u"):  # yu yue yuan yun
                rest = "v" + rest[1:]
            elif not rest.startswith("i"):  # ya ye yao you yan yang yong
                rest = "i" + rest
        elif base.startswith("w"):
            rest = base[1:]
            if not rest.startswith("u"):  # wa wo wai wei wan wen wang weng
                rest = "u" + rest
        else:
            for lat, zy in _INITIALS:
                if base.startswith(lat):
                    initial, zh_initial, rest = lat, zy, base[len(lat) :]
                    break
            if initial in ("j", "q", "x") and rest.startswith("u"):
                rest = "v" + rest[1:]
        final = _FINALS.get(rest)
        if final is None:
            return syl  # not a pinyin syllable we know: show it as it is
        body = zh_initial + final
    if tone == 5:
        return "˙" + body
    return body + _TONE_ZHUYIN[tone]


def render_syllable(syl: str, style: str = "marks") -> str:
    """One syllable in a display style: "marks" (zhōng), "numbers" (zhong1), "zhuyin" (ㄓㄨㄥ)."""
    if style == "numbers":
        base, tone = split_syllable(syl)
        return f"{base}{tone}" if base and base != "?" else base
    if style == "zhuyin":
        return to_zhuyin(syl)
    return to_marks(syl)


def render_syllables(syls: Sequence[str], style: str = "marks", sep: str = "") -> str:
    """A word's syllables joined (marks/numbers: no separator, like textbooks; zhuyin: a space)."""
    if style == "zhuyin" and not sep:
        sep = " "
    return sep.join(render_syllable(s, style) for s in syls)


# -- 一 / 不 sandhi -------------------------------------------------------------------------------
_NUMERAL_CHARS = set("〇零一二三四五六七八九十百千万亿两第")
_NO_YI_SANDHI_AFTER = set("第初十")
_NO_YI_SANDHI_BEFORE = set("月号日")


def spoken_syllables(
    chars: str,
    syllables: Sequence[str],
    word_breaks: Sequence[int] = (),
    sandhi: bool = True,
) -> list[str]:
    """The syllables as spoken: 一 and 不 take the tones textbooks print (yí gè, yì tiān, bú shì).

    ``chars`` and ``syllables`` are parallel (one syllable per character, hanzi only).
    ``word_breaks``: indexes where a new word starts (一 at the end of a word such as 统一, 唯一,
    第一 keeps its citation tone). With ``sandhi=False`` the syllables are returned unchanged.
    Third-tone sandhi is not shown (textbooks do not print it).
    """
    out = list(syllables)
    if not sandhi:
        return out
    breaks = set(word_breaks)
    n = len(out)
    for k in range(n - 1):
        ch = chars[k]
        if ch not in "一不":
            continue
        nxt = out[k + 1]
        nxt_tone = tone_of(nxt) if nxt not in ("?", "") else 0
        if ch == "不":
            if out[k] == "bu4" and nxt_tone == 4:
                out[k] = "bu2"
            continue
        if out[k] != "yi1":
            continue
        if (k + 1) in breaks and k not in breaks:
            continue  # 统一 | 战线, 唯一, 之一: 一 ends a longer word
        if k > 0 and k not in breaks and chars[k - 1] in _NUMERAL_CHARS | _NO_YI_SANDHI_AFTER:
            continue  # 第一, 十一, 一一
        if chars[k + 1] in _NUMERAL_CHARS or chars[k + 1] in _NO_YI_SANDHI_BEFORE:
            continue  # 一九四九, 一月, 一号
        if nxt_tone in (4, 5):
            out[k] = "yi2"
        elif nxt_tone in (1, 2, 3):
            out[k] = "yi4"
    return out


def spoken_tokens(tokens: Sequence, sandhi: bool = True) -> list[tuple[str, ...]]:
    """Per token, its syllables as spoken (see :func:`spoken_syllables`); context crosses tokens
    (不 | 是 → bú shì) but not non-hanzi tokens."""
    result: list[tuple[str, ...]] = [tuple(t.pinyin) for t in tokens]
    if not sandhi:
        return result
    k = 0
    n = len(tokens)
    while k < n:
        if not tokens[k].pinyin:
            k += 1
            continue
        # a stretch of adjacent hanzi tokens
        j = k
        chars: list[str] = []
        syls: list[str] = []
        breaks: list[int] = []
        owners: list[int] = []
        while j < n and tokens[j].pinyin:
            breaks.append(len(syls))
            hz = [c for c in tokens[j].text if _is_hanzi(c)]
            chars.extend(hz)
            syls.extend(tokens[j].pinyin)
            owners.append(j)
            j += 1
        if any(c in "一不" for c in chars) and len(chars) == len(syls):
            spoken = spoken_syllables("".join(chars), syls, breaks, True)
            pos = 0
            for t in owners:
                m = len(tokens[t].pinyin)
                result[t] = tuple(spoken[pos : pos + m])
                pos += m
        k = j
    return result


def _is_hanzi(ch: str) -> bool:
    return is_hanzi(ch)
