"""The glossary's data: entries, renderings, sources, matches, and the small text rules they share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ...errors import UserError
from ..script import is_hanzi  # noqa: F401 (the glossary package names it too)
from ..pinyin import marks_to_numbers, strip_tones

# Quotes are matched loosely: ‘五子’联动 in the glossary also finds “五子”联动 and 「五子」联动 in a text.
_QUOTES = "‘’“”'\"「」『』＂＇〝〞"
_QUOTE_FOLD = str.maketrans({q: '"' for q in _QUOTES})
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")  # 15x faster than str.translate on long CJK text


def _has_punctuation(word: str) -> bool:
    return any(unicodedata.category(ch)[0] in "PSZC" for ch in word)


class GlossaryError(UserError):
    """A glossary file that cannot be used; str() is ``file:line: message``."""


@dataclass(frozen=True)
class EnglishRendering:
    text: str
    used_by: str | None = None
    official: bool = False
    # whose official rendering it is when it is not the national one ("Beijing"); None = national
    official_for: str | None = None

    @property
    def official_label(self) -> str | None:
        """``official``, ``official (Beijing)`` or None."""
        if not self.official:
            return None
        return f"official ({self.official_for})" if self.official_for else "official"


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None
    used_for: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: when the source was published


@dataclass(frozen=True)
class Related:
    """A ``related`` target: another entry (term or alias), or a CC-CEDICT word (``cedict``)."""

    word: str
    cedict: bool = False

    def __str__(self) -> str:
        return self.word


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    pinyin: str  # tone marks, one syllable per hanzi, space-separated; proper nouns capitalised
    aliases: tuple[str, ...] = ()
    english: tuple[EnglishRendering, ...] = ()
    literal: str | None = None
    definition_en: str = ""
    definition_zh: str = ""
    origin: str | None = None
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    origin_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: first known use, for sorting
    # (field, note) for every field whose claim could not be sourced; shown to the user beside it
    uncertain: tuple[tuple[str, str], ...] = ()
    cedict_related: tuple[str, ...] = ()  # the related targets that are CC-CEDICT words, not entries
    path: Path | None = field(default=None, compare=False)
    line: int = field(default=0, compare=False)
    key_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)
    pinyin_line: int = field(default=0, compare=False, repr=False)
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def line_of(self, key: str) -> int:
        """The file line where the term or an alias is written (the entry's line when unknown)."""
        return next((n for k, n in self.key_lines if k == key), self.line)

    def field_line(self, name: str) -> int:
        """The file line of a field (``related``, ``english`` …), else the entry's line."""
        return next((n for k, n in self.field_lines if k == name), self.line)

    def uncertain_note(self, name: str) -> str | None:
        """Why the claim in field ``name`` is marked uncertain, or None when it is not."""
        return next((note for k, note in self.uncertain if k == name), None)

    @cached_property
    def syllables(self) -> list[str]:
        """Tone-number syllables of the term, one per hanzi, lower case: ``["xin1", "zhi4", ...]``."""
        return [marks_to_numbers(s).lower() for s in self.pinyin.split()]

    @property
    def official_english(self) -> EnglishRendering | None:
        """The national official rendering, else one labelled official for a place, else None."""
        national = next((e for e in self.english if e.official and not e.official_for), None)
        return national or next((e for e in self.english if e.official), None)

    @property
    def keys(self) -> tuple[str, ...]:
        """The term and its aliases: every string that names this entry."""
        return (self.term, *self.aliases)

    @property
    def origin_date_label(self) -> str:
        """The date of origin for lists: ``2016-04``, ``2016-04?`` when the origin is marked uncertain,
        ``?`` when undated."""
        if not self.origin_date:
            return "?"
        shaky = self.uncertain_note("origin_date") or self.uncertain_note("origin")
        return self.origin_date + ("?" if shaky else "")

    @property
    def origin_sort_key(self) -> str:
        """``origin_date`` for sorting (undated entries last)."""
        return self.origin_date or "9999"

    @cached_property
    def _toneless(self) -> str:
        return "".join(strip_tones(s) for s in self.syllables)


class GlossaryMatch(NamedTuple):
    start: int
    end: int
    entry: GlossaryEntry
    surface: str  # the text as it appears in the paragraph
