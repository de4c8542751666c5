"""The policy-term glossary: ``glossary/*.yaml`` (bundled) plus the user's own YAML files.

File format: a YAML list of entries (safe YAML only; the README's glossary section has the rules)::

    - term: 新质生产力
      pinyin: xīn zhì shēng chǎn lì          # tone marks, one syllable per hanzi; proper nouns capitalised
      aliases: [新质生产力发展]
      english:
        - text: new quality productive forces
          used_by: Qiushi; Xinhua; China Daily (2024)
          official: true                    # or whose official rendering it is: official: Beijing
      literal: new (新) quality (质) production (生产) force (力)
      definition_en: ...
      definition_zh: ...
      origin: ...
      origin_date: 2023-09                  # YYYY, YYYY-MM or YYYY-MM-DD; for sorting by date of origin
      related: [高质量发展, {cedict: 生产力}]  # entries or aliases, or CC-CEDICT words marked so
      tags: [economy]
      sources:
        - name: 2024 Government Work Report
          url: https://...
          date: 2024-03-05
          used_for: first task of 2024
      uncertain:                            # claims that could not be sourced, shown beside the field
        origin: the month rests on one secondary source

The package: :mod:`.safe_yaml` (reading YAML into plain located values; nothing is ever constructed),
:mod:`.validate` (schema, source rules, loading), :mod:`.index` (lookup, matching, search, tags,
occurrences), :mod:`.render` (the one rendering of an entry), :mod:`.model` (the data classes).

Every problem is reported as ``file:line: message`` (:func:`check_glossary`); :func:`load_glossary`
raises :class:`GlossaryError` (a :class:`~reader.errors.UserError`) or, with ``strict=False``, skips
broken files and entries and lists the problems in :attr:`Glossary.errors`.

Directories are read in order; a later directory's entry with the same term replaces an earlier one
(the user's glossary overrides the bundled one). Duplicate terms or aliases *within* one directory
(across its files) are errors.
"""

from __future__ import annotations

from .index import SORTS, Glossary, article_count, occurrences
from .model import (
    _QUOTE_FOLD,
    _QUOTE_RE,
    EnglishRendering,
    GlossaryEntry,
    GlossaryError,
    GlossaryMatch,
    Related,
    Source,
    is_hanzi,
)
from .render import entry_data, entry_text, source_line
from .safe_yaml import MAX_FILE_BYTES
from .validate import (
    ENTRY_KEYS,
    OFFICIAL_DOMAINS,
    OFFICIAL_PUBLISHERS,
    REQUIRED_KEYS,
    check_glossary,
    check_summary,
    default_dirs,
    glossary_files,
    load_glossary,
)

__all__ = [
    "ENTRY_KEYS", "MAX_FILE_BYTES", "OFFICIAL_DOMAINS", "OFFICIAL_PUBLISHERS", "REQUIRED_KEYS", "SORTS", "EnglishRendering",
    "Glossary", "GlossaryEntry", "GlossaryError", "GlossaryMatch", "Related", "Source", "_QUOTE_FOLD",
    "_QUOTE_RE", "article_count", "check_glossary", "check_summary", "default_dirs", "entry_data", "entry_text",
    "glossary_files", "is_hanzi", "load_glossary", "occurrences", "source_line",
]
