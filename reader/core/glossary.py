"""The policy-term glossary: ``glossary/*.yaml`` (bundled) plus the user's own YAML files.

File format: a YAML list of entries (safe YAML only; see /work/contracts.md and the README)::

    - term: 新质生产力
      pinyin: xīn zhì shēng chǎn lì          # tone marks, one syllable per hanzi, space-separated
      aliases: [新质生产力发展]
      english:
        - text: new quality productive forces
          used_by: Qiushi; Xinhua; China Daily (2024)
          official: true
      literal: new (新) quality (质) production (生产) force (力)
      definition_en: ...
      definition_zh: ...
      origin: ...
      related: [高质量发展]
      tags: [economy]
      sources:
        - name: 2024 Government Work Report
          url: https://...
          used_for: first task of 2024

Loading never constructs anything but plain strings, numbers, booleans, lists and mappings: the file is
*composed* into a node tree (no constructor runs), every node's tag is checked against the standard YAML
tags, and only then turned into values. ``!!python/object...`` and any other tag is refused with a
``file:line:`` error. YAML aliases (``*name``) are refused too (no "billion laughs").

Every problem is reported as ``file:line: message`` (:func:`check_glossary`); :func:`load_glossary`
raises :class:`GlossaryError` (a :class:`~reader.errors.UserError`) or, with ``strict=False``, skips
broken files and entries and lists the problems in :attr:`Glossary.errors`.

Directories are read in order; a later directory's entry with the same term replaces an earlier one
(the user's glossary overrides the bundled one). Duplicate terms or aliases *within* one directory
(across its files) are errors.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

import yaml

from ..errors import UserError
from .sanitize import safe_text
from .pinyin_marks import (
    _TONE_OF_MARK,
    VALID_SYLLABLES,
    has_tone_marks,
    is_valid_syllable,
    marks_to_numbers,
    split_tone,
    strip_tones,
)

MAX_FILE_BYTES = 4 * 1024 * 1024

ENTRY_KEYS = (
    "term", "pinyin", "aliases", "english", "literal", "definition_en", "definition_zh", "origin",
    "related", "tags", "sources",
)
REQUIRED_KEYS = ("term", "pinyin", "english", "definition_en", "definition_zh", "sources")
ENGLISH_KEYS = ("text", "used_by", "official")
SOURCE_KEYS = ("name", "url", "used_for")

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

# Quotes are matched loosely: ‘五子’联动 in the glossary also finds “五子”联动 and 「五子」联动 in a text.
_QUOTES = "‘’“”'\"「」『』＂＇〝〞"
_QUOTE_FOLD = str.maketrans({q: '"' for q in _QUOTES})
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")  # 15x faster than str.translate on long CJK text
# YAML folds a line break inside a long value into a space; between two Chinese characters (or CJK
# punctuation) that space is an artefact, never meant: it is removed.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


def is_hanzi(ch: str) -> bool:
    """A CJK ideograph (one pinyin syllable each), including 〇."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or o == 0x3007
    )


def _has_punctuation(word: str) -> bool:
    return any(unicodedata.category(ch)[0] in "PSZC" for ch in word)


class GlossaryError(UserError):
    """A glossary file that cannot be used; str() is ``file:line: message``."""


@dataclass(frozen=True)
class EnglishRendering:
    text: str
    used_by: str | None = None
    official: bool = False


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None
    used_for: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    pinyin: str  # tone marks, one syllable per hanzi, space-separated
    aliases: tuple[str, ...] = ()
    english: tuple[EnglishRendering, ...] = ()
    literal: str | None = None
    definition_en: str = ""
    definition_zh: str = ""
    origin: str | None = None
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    path: Path | None = field(default=None, compare=False)
    line: int = field(default=0, compare=False)
    key_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)
    pinyin_line: int = field(default=0, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        """The file line where the term or an alias is written (the entry's line when unknown)."""
        return next((n for k, n in self.key_lines if k == key), self.line)

    @cached_property
    def syllables(self) -> list[str]:
        """Tone-number syllables of the term, one per hanzi: ``["xin1", "zhi4", ...]``."""
        return [marks_to_numbers(s) for s in self.pinyin.split()]

    @property
    def official_english(self) -> EnglishRendering | None:
        """The rendering marked official, else None."""
        return next((e for e in self.english if e.official), None)

    @property
    def keys(self) -> tuple[str, ...]:
        """The term and its aliases: every string that names this entry."""
        return (self.term, *self.aliases)

    @cached_property
    def _toneless(self) -> str:
        return "".join(strip_tones(s) for s in self.syllables)


class GlossaryMatch(NamedTuple):
    start: int
    end: int
    entry: GlossaryEntry
    surface: str  # the text as it appears in the paragraph


# --------------------------------------------------------------------------------------------- parsing


@dataclass
class _Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _V(NamedTuple):
    """A value read from YAML with the 1-based line it starts on."""

    value: Any
    line: int
    kind: str  # "str" | "int" | "float" | "bool" | "null" | "timestamp" | "seq" | "map"


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def _read_yaml_file(path: Path, problems: list[_Problem]) -> _V | None:
    """Read one file into located values; on any problem add it and return None. Never runs code."""
    name = str(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # a device or a pipe (a link to /dev/zero, a FIFO): reading it could block or never end
            problems.append(_Problem(name, 1, "not a regular file (a device or a pipe), expected a YAML file"))
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(_Problem(name, 1, f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"))
            return None
        data = path.read_bytes()
    except IsADirectoryError:
        problems.append(_Problem(name, 1, "is a directory, not a YAML file"))
        return None
    except OSError as exc:
        problems.append(_Problem(name, 1, f"cannot read: {exc.strerror or exc}"))
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(_Problem(name, line, "binary data (NUL byte), not a UTF-8 YAML file"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            _Problem(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        )
        return None
    if not text.strip():
        problems.append(_Problem(name, 1, "file is empty; expected a YAML list of entries (- term: ...)"))
        return None
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        problems.append(_Problem(name, line, f"invalid YAML: {problem}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(_Problem(name, 1, f"invalid YAML: {exc}"))
        return None
    except RecursionError:
        problems.append(_Problem(name, 1, "invalid YAML: nested too deeply"))
        return None
    if node is None:
        problems.append(_Problem(name, 1, "no entries (only comments); expected a YAML list of entries"))
        return None
    if "*" in text:  # report a YAML alias where it is used, not where its anchor is
        for event in yaml.parse(text, Loader=loader_cls):
            if isinstance(event, yaml.AliasEvent):
                problems.append(_Problem(name, event.start_mark.line + 1, _ALIAS_MESSAGE))
                return None
    soft: list[tuple[int, str]] = []
    try:
        value = _to_values(node, set(), soft)
    except _Refused as exc:
        problems.append(_Problem(name, exc.line, exc.message))
        return None
    except RecursionError:
        problems.append(_Problem(name, 1, "invalid YAML: nested too deeply"))
        return None
    problems.extend(_Problem(name, line, message) for line, message in soft)
    return value


_ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in glossary files; write the value out"


def _to_values(node: Any, seen: set[int], soft: list[tuple[int, str]]) -> _V:
    """Located values from a composed node. Unsafe things raise _Refused; lesser problems go to soft."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Refused(line, _ALIAS_MESSAGE)
    seen.add(id(node))
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        if tag not in _SCALAR_TAGS:
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        kind = tag.removeprefix(_STD)
        value: Any = safe_text(node.value)  # text that enters yuedu is safe to show
        if kind == "bool":
            value = node.value.lower() in ("yes", "true", "on", "y")
        elif kind == "null":
            value = None
        return _V(value, line, kind)
    if isinstance(node, yaml.SequenceNode):
        if tag != _STD + "seq":
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        return _V([_to_values(n, seen, soft) for n in node.value], line, "seq")
    if isinstance(node, yaml.MappingNode):
        if tag != _STD + "map":
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        out: dict[str, tuple[_V, _V]] = {}
        for key_node, value_node in node.value:
            key = _to_values(key_node, seen, soft)
            if key.kind == "seq" or key.kind == "map":
                raise _Refused(key.line, "a mapping key must be plain text")
            if key_node.tag == _STD + "merge":
                raise _Refused(key.line, "YAML merge keys (<<) are not allowed in glossary files")
            k = str(key.value) if key.value is not None else "null"
            value_v = _to_values(value_node, seen, soft)
            if k in out:
                soft.append((key.line, f"duplicate key {k!r} (first at line {out[k][0].line})"))
                continue
            out[k] = (key, value_v)
        return _V(out, line, "map")
    raise _Refused(line, "unsupported YAML node")  # pragma: no cover


def _show_tag(tag: str) -> str:
    if tag.startswith(_STD):
        return "!!" + tag.removeprefix(_STD)
    return tag


class _EntryReader:
    """Turns one located mapping into a GlossaryEntry, collecting problems."""

    def __init__(self, path: Path, problems: list[_Problem]) -> None:
        self.path = path
        self.name = str(path)
        self.problems = problems
        self.ok = True

    def error(self, line: int, message: str) -> None:
        self.ok = False
        self.problems.append(_Problem(self.name, line, message))

    def text(self, v: _V, what: str) -> str | None:
        if v.kind in ("seq", "map"):
            self.error(v.line, f"{what} must be text, not a {'list' if v.kind == 'seq' else 'mapping'}")
            return None
        if v.kind == "null":
            self.error(v.line, f"{what} is empty")
            return None
        if v.kind not in ("str", "timestamp"):
            self.error(v.line, f"{what} must be text, not {v.kind} {v.value!r} (put it in quotes)")
            return None
        s = _CJK_GAP.sub("", str(v.value).strip())
        if not s:
            self.error(v.line, f"{what} is empty")
            return None
        return s

    def text_list(self, v: _V, what: str) -> tuple[str, ...]:
        if v.kind != "seq":
            self.error(v.line, f"{what} must be a list, e.g. [{what[:-1] if what.endswith('s') else 'item'}, ...]")
            return ()
        if not v.value:
            self.error(v.line, f"{what} is an empty list; leave it out instead")
            return ()
        out = []
        for item in v.value:
            s = self.text(item, f"an item of {what}")
            if s is not None:
                if s in out:
                    self.error(item.line, f"{s!r} is listed twice in {what}")
                else:
                    out.append(s)
        return tuple(out)

    def mapping(self, v: _V, what: str, allowed: Sequence[str]) -> dict[str, _V] | None:
        if v.kind != "map":
            self.error(v.line, f"{what} must be a mapping ({', '.join(allowed)})")
            return None
        out = {}
        for k, (kv, vv) in v.value.items():
            if k not in allowed:
                self.error(kv.line, f"unknown key {k!r} in {what} (allowed: {', '.join(allowed)})")
            else:
                out[k] = vv
        return out

    def read(self, v: _V) -> GlossaryEntry | None:
        if v.kind != "map":
            self.error(v.line, "each entry must be a mapping starting with 'term:'")
            return None
        fields: dict[str, _V] = {}
        for k, (kv, vv) in v.value.items():
            if k not in ENTRY_KEYS:
                hint = _closest(k, ENTRY_KEYS)
                self.error(kv.line, f"unknown key {k!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
            else:
                fields[k] = vv
        for k in REQUIRED_KEYS:
            if k not in fields:
                self.error(v.line, f"entry{_term_label(fields)} is missing required key {k!r}")
        term = self.text(fields["term"], "term") if "term" in fields else None
        if term is not None and not any(is_hanzi(c) for c in term):
            self.error(fields["term"].line, f"term {term!r} has no Chinese characters")
        pinyin = self.pinyin(fields["pinyin"], term) if "pinyin" in fields else None
        aliases = self.text_list(fields["aliases"], "aliases") if "aliases" in fields else ()
        if term is not None and term in aliases:
            self.error(fields["aliases"].line, f"alias {term!r} is the term itself")
        english = self.english(fields["english"]) if "english" in fields else ()
        literal = self.text(fields["literal"], "literal") if "literal" in fields else None
        definition_en = self.text(fields["definition_en"], "definition_en") if "definition_en" in fields else None
        definition_zh = self.text(fields["definition_zh"], "definition_zh") if "definition_zh" in fields else None
        origin = self.text(fields["origin"], "origin") if "origin" in fields else None
        related = self.text_list(fields["related"], "related") if "related" in fields else ()
        tags = self.text_list(fields["tags"], "tags") if "tags" in fields else ()
        sources = self.sources(fields["sources"]) if "sources" in fields else ()
        if not self.ok or term is None or pinyin is None:
            return None
        key_lines = [(term, fields["term"].line)]
        if "aliases" in fields and fields["aliases"].kind == "seq":
            key_lines += [(str(a.value).strip(), a.line) for a in fields["aliases"].value]
        return GlossaryEntry(
            term=term, pinyin=pinyin, aliases=aliases, english=english, literal=literal,
            definition_en=definition_en or "", definition_zh=definition_zh or "", origin=origin,
            related=related, tags=tags, sources=sources, path=self.path, line=v.line,
            key_lines=tuple(key_lines), pinyin_line=fields["pinyin"].line,
        )

    def pinyin(self, v: _V, term: str | None) -> str | None:
        s = self.text(v, "pinyin")
        if s is None:
            return None
        s = unicodedata.normalize("NFC", s)
        syllables = s.split()
        bad = [p for p in syllables if not is_valid_syllable(p)]
        if bad:
            self.error(
                v.line,
                f"pinyin {s!r}: {', '.join(repr(b) for b in bad)} "
                f"{'is not a pinyin syllable' if len(bad) == 1 else 'are not pinyin syllables'} "
                "(write one syllable per hanzi, separated by spaces, with tone marks)",
            )
            return None
        if any(p[-1].isdigit() for p in syllables):
            self.error(v.line, f"pinyin {s!r}: write tone marks (xīn zhì), not tone numbers")
            return None
        if term is not None:
            hanzi = sum(1 for c in term if is_hanzi(c))
            if hanzi != len(syllables):
                self.error(
                    v.line,
                    f"pinyin {s!r} has {len(syllables)} syllable{'s' * (len(syllables) != 1)} but term "
                    f"{term!r} has {hanzi} hanzi (one syllable per hanzi, separated by spaces)",
                )
                return None
        if not has_tone_marks(s) and syllables:
            # All-neutral pinyin is almost always a forgotten tone mark.
            self.error(v.line, f"pinyin {s!r} has no tone marks")
            return None
        return s

    def english(self, v: _V) -> tuple[EnglishRendering, ...]:
        if v.kind != "seq":
            self.error(v.line, "english must be a list of renderings (- text: ..., used_by: ...)")
            return ()
        if not v.value:
            self.error(v.line, "english needs at least one rendering")
            return ()
        out = []
        official_lines = []
        for item in v.value:
            m = self.mapping(item, "an english rendering", ENGLISH_KEYS)
            if m is None:
                continue
            if "text" not in m:
                self.error(item.line, "english rendering is missing 'text'")
                continue
            text = self.text(m["text"], "english text")
            used_by = self.text(m["used_by"], "used_by") if "used_by" in m else None
            official = False
            if "official" in m:
                if m["official"].kind != "bool":
                    self.error(m["official"].line, "official must be true or false")
                else:
                    official = bool(m["official"].value)
                    if official:
                        official_lines.append(m["official"].line)
            if text is not None:
                if any(e.text == text for e in out):
                    self.error(item.line, f"english rendering {text!r} is listed twice")
                out.append(EnglishRendering(text, used_by, official))
        if len(official_lines) > 1:
            self.error(
                official_lines[1],
                f"more than one english rendering is official (lines {', '.join(map(str, official_lines))})",
            )
        return tuple(out)

    def sources(self, v: _V) -> tuple[Source, ...]:
        if v.kind != "seq":
            self.error(v.line, "sources must be a list (- name: ..., url: ..., used_for: ...)")
            return ()
        if not v.value:
            self.error(v.line, "sources needs at least one source")
            return ()
        out = []
        for item in v.value:
            m = self.mapping(item, "a source", SOURCE_KEYS)
            if m is None:
                continue
            if "name" not in m:
                self.error(item.line, "source is missing 'name'")
                continue
            name = self.text(m["name"], "source name")
            url = self.text(m["url"], "url") if "url" in m else None
            if url is not None and not _URL_RE.match(url):
                self.error(m["url"].line, f"url {url!r} does not look like an http(s) address")
            used_for = self.text(m["used_for"], "used_for") if "used_for" in m else None
            if name is not None:
                out.append(Source(name, url, used_for))
        return tuple(out)


def _term_label(fields: dict[str, _V]) -> str:
    t = fields.get("term")
    if t is not None and t.kind == "str" and str(t.value).strip():
        return f" {str(t.value).strip()!r}"
    return ""


def _closest(word: str, options: Sequence[str]) -> str | None:
    import difflib

    m = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return m[0] if m else None


def glossary_files(dirs: Iterable[Path | str]) -> list[tuple[int, Path]]:
    """(group index, file) for every ``*.yaml``/``*.yml`` in each dir (sorted), or the file itself."""
    out: list[tuple[int, Path]] = []
    for i, d in enumerate(dirs):
        p = Path(d)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".yaml", ".yml") and not f.name.startswith("."))
            out.extend((i, f) for f in files)
        else:
            out.append((i, p))
    return out


def _reading_problems(entries: Iterable[GlossaryEntry]) -> list[_Problem]:
    """Each syllable must be a known reading of its character (pypinyin's data; any tone may be neutral)."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    from .pinyin_marks import numbers_to_marks

    out = []
    for entry in entries:
        hanzi = [c for c in entry.term if is_hanzi(c)]
        for ch, syl in zip(hanzi, entry.syllables):
            raw = pinyin_dict.get(ord(ch))
            if not raw:
                continue  # a character pypinyin does not know: nothing to compare with
            known = [to_tone3(r, neutral_tone_with_five=True).replace("ü", "v") for r in raw.split(",")]
            base, tone = split_tone(syl)
            if syl in known or (tone == 5 and any(split_tone(k)[0] == base for k in known)):
                continue
            shown = ", ".join(dict.fromkeys(numbers_to_marks(k) for k in known))
            out.append(
                _Problem(
                    str(entry.path), entry.pinyin_line or entry.line,
                    f"pinyin {numbers_to_marks(syl)!r} is not a reading of {ch} in {entry.term!r} (known: {shown})",
                )
            )
    return out


def _read_dirs(
    dirs: Sequence[Path | str], *, readings: bool = False
) -> tuple[list[GlossaryEntry], list[_Problem], int]:
    """Read and validate every file; return (entries in effect, problems, number of files).

    ``readings`` also checks every syllable against the character's known readings (slower: it loads
    pypinyin's table; `yuedu glossary check` does it, loading for the reader does not).
    """
    problems: list[_Problem] = []
    files = glossary_files(dirs)
    for d in dirs:
        p = Path(d)
        if not p.exists():
            problems.append(_Problem(str(p), 1, "no such file or directory"))
    per_group: dict[int, list[GlossaryEntry]] = {}
    for group, path in files:
        if not path.exists() and not path.is_symlink():  # a looping or dangling link is reported
            continue
        top = _read_yaml_file(path, problems)
        if top is None:
            continue
        if top.kind != "seq":
            what = {"map": "a mapping", "str": "text"}.get(top.kind, top.kind)
            problems.append(_Problem(str(path), top.line, f"expected a YAML list of entries (- term: ...), found {what}"))
            continue
        for item in top.value:
            entry = _EntryReader(path, problems).read(item)
            if entry is not None:
                per_group.setdefault(group, []).append(entry)
    # Duplicates inside one directory (across its files); later directories override earlier ones.
    effective: dict[str, GlossaryEntry] = {}
    for group in sorted(per_group):
        claimed: dict[str, tuple[GlossaryEntry, str]] = {}
        kept: list[GlossaryEntry] = []
        for entry in per_group[group]:
            clash = None
            for kind, key in [("term", entry.term)] + [("alias", a) for a in entry.aliases]:
                if key in claimed:
                    other, other_kind = claimed[key]
                    where = f"{other.path}:{other.line_of(key)}"
                    if kind == "term" and other_kind == "term":
                        msg = f"duplicate term {key!r} (also at {where})"
                    elif kind == "term":
                        msg = f"term {key!r} is already an alias of {other.term!r} ({where})"
                    elif other_kind == "term":
                        msg = f"alias {key!r} of {entry.term!r} is already a term ({where})"
                    else:
                        msg = f"alias {key!r} of {entry.term!r} is already an alias of {other.term!r} ({where})"
                    problems.append(_Problem(str(entry.path), entry.line_of(key), msg))
                    clash = clash or msg
            if clash:
                continue
            for kind, key in [("term", entry.term)] + [("alias", a) for a in entry.aliases]:
                claimed[key] = (entry, kind)
            kept.append(entry)
        for entry in kept:
            effective.pop(entry.term, None)  # re-insert so an override takes the later position
            effective[entry.term] = entry
        if readings:
            problems.extend(_reading_problems(per_group[group]))
    order = {str(p): i for i, (_g, p) in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.path, -1), p.line))
    return list(effective.values()), problems, sum(1 for _g, p in files if p.is_file())


def default_dirs() -> list[Path]:
    from reader import paths

    return [paths.bundled_glossary_dir(), paths.user_glossary_dir()]


def check_glossary(dirs: Sequence[Path | str] | None = None) -> list[str]:
    """Validate glossary directories (or files); return every problem as ``file:line: message``."""
    dirs = default_dirs() if dirs is None else list(dirs)
    _entries, problems, _n = _read_dirs(dirs, readings=True)
    return [str(p) for p in problems]


def check_summary(dirs: Sequence[Path | str] | None = None) -> tuple[list[str], int, int]:
    """(problems, number of entries in effect, number of files): for ``yuedu glossary check``."""
    dirs = default_dirs() if dirs is None else list(dirs)
    entries, problems, nfiles = _read_dirs(dirs, readings=True)
    return [str(p) for p in problems], len(entries), nfiles


def load_glossary(dirs: Sequence[Path | str] | None = None, *, strict: bool = True) -> Glossary:
    """Load the glossary. Default dirs: the bundled glossary, then ``paths.user_glossary_dir()``.

    A later directory's entry replaces an earlier one with the same term. With ``strict`` (default),
    any problem raises :class:`GlossaryError` naming the file and line (and how many more there are).
    With ``strict=False`` broken files and entries are skipped and listed in ``Glossary.errors``: the
    reader can show them and keep working. A missing bundled directory is not an error.
    """
    if dirs is None:
        dirs = [d for d in default_dirs() if d.exists()]
    entries, problems, _n = _read_dirs(list(dirs))
    if problems and strict:
        first = problems[0]
        more = f" (and {len(problems) - 1} more; run `yuedu glossary check`)" if len(problems) > 1 else ""
        raise GlossaryError(first.message + more, first.path, first.line)
    return Glossary(entries, errors=[str(p) for p in problems])


# --------------------------------------------------------------------------------------------- glossary


class Glossary:
    """The loaded glossary: lookup, matching in text, search."""

    def __init__(self, entries: Iterable[GlossaryEntry], errors: Sequence[str] = ()) -> None:
        self.entries: list[GlossaryEntry] = list(entries)
        self.errors: list[str] = list(errors)
        self._by_key: dict[str, GlossaryEntry] = {}
        for entry in self.entries:  # terms win over aliases; later entries over earlier
            for alias in entry.aliases:
                self._by_key.setdefault(alias, entry)
        for entry in self.entries:
            self._by_key[entry.term] = entry
        self._by_folded = {k.translate(_QUOTE_FOLD): e for k, e in self._by_key.items()}
        self._lock = threading.Lock()
        self._automaton: Any = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def get(self, term_or_alias: str) -> GlossaryEntry | None:
        """The entry named by a term or alias (quotes in the word are matched loosely)."""
        word = term_or_alias.strip()
        hit = self._by_key.get(word)
        if hit is not None:
            return hit
        hit = self._by_folded.get(word.translate(_QUOTE_FOLD))
        if hit is not None:
            return hit
        stripped = "".join(c for c in word if c not in _QUOTES)
        if stripped != word:
            hit = self._by_key.get(stripped)
            if hit is not None:
                return hit
        from .traditional import to_simplified

        simplified = to_simplified(word)
        if simplified != word:  # written in traditional characters: 新質生產力
            return self.get(simplified)
        return None

    # ---- matching

    def _get_automaton(self) -> Any:
        if self._automaton is None:
            with self._lock:
                if self._automaton is None:
                    import ahocorasick

                    # (key length, entry) per folded key; a term wins over another entry's alias.
                    a = ahocorasick.Automaton()
                    for entry in self.entries:
                        for alias in entry.aliases:
                            k = alias.translate(_QUOTE_FOLD)
                            if not a.exists(k):
                                a.add_word(k, (len(k), entry))
                    for entry in self.entries:
                        k = entry.term.translate(_QUOTE_FOLD)
                        a.add_word(k, (len(k), entry))
                    if len(a):
                        a.make_automaton()
                    self._automaton = a
        return self._automaton

    def find_all(self, text: str) -> list[GlossaryMatch]:
        """Every term and alias in ``text``, longest first, no overlaps; returned in text order.

        One Aho-Corasick pass finds all candidates; the longest claim their span first (ties: the
        leftmost), shorter candidates overlapping a claimed span are dropped.
        """
        automaton = self._get_automaton()
        if not text or not len(automaton):
            return []
        folded = _QUOTE_RE.sub('"', text) if _QUOTE_RE.search(text) else text
        candidates = [(end + 1 - n, end + 1, entry) for end, (n, entry) in automaton.iter(folded)]
        candidates.sort(key=_start_of)
        out: list[GlossaryMatch] = []
        i, count = 0, len(candidates)
        # Sweep clusters of overlapping candidates: a lone candidate is taken as is; inside a cluster the
        # longest claim their span first (ties: leftmost).
        while i < count:
            start, end, entry = candidates[i]
            j = i + 1
            reach = end
            while j < count and candidates[j][0] < reach:
                reach = max(reach, candidates[j][1])
                j += 1
            if j == i + 1:
                out.append(GlossaryMatch(start, end, entry, text[start:end]))
            else:
                chosen: list[tuple[int, int, GlossaryEntry]] = []
                for c in sorted(candidates[i:j], key=lambda c: (c[0] - c[1], c[0])):
                    if all(c[1] <= k[0] or c[0] >= k[1] for k in chosen):
                        chosen.append(c)
                chosen.sort(key=_start_of)
                out.extend(GlossaryMatch(s, e, en, text[s:e]) for s, e, en in chosen)
            i = j
        return out

    def segmentation_words(self) -> dict[str, list[str] | None]:
        """Every term and alias without punctuation -> its tone-number syllables (one per hanzi) or None.

        An alias gets syllables when it is a contiguous part of its term (its syllables are the term's);
        otherwise None (the annotator reads it itself).
        """
        out: dict[str, list[str] | None] = {}
        for entry in self.entries:
            syl = entry.syllables
            if not _has_punctuation(entry.term):
                out[entry.term] = list(syl)
            for alias in entry.aliases:
                if _has_punctuation(alias) or alias in out:
                    continue
                out[alias] = _alias_syllables(entry.term, syl, alias)
        return out

    def close_matches(self, word: str, limit: int = 5) -> list[str]:
        """Terms whose term or an alias resembles ``word`` (difflib), for "not found" messages."""
        import difflib

        word = word.strip()
        if not word:
            return []
        out: list[str] = []
        for key in difflib.get_close_matches(word, list(self._by_key), n=limit * 2, cutoff=0.5):
            term = self._by_key[key].term
            if term not in out:
                out.append(term)
        return out[:limit]

    # ---- search

    def search(self, query: str) -> list[GlossaryEntry]:
        """Entries matching ``query``: hanzi (term or alias), pinyin with or without tones
        (``xinzhi``, ``xīn zhì``, ``xin1 zhi4``) or English (renderings, literal gloss, definition, tags).
        Best matches first. An empty query lists every entry in pinyin order.
        """
        from .traditional import to_simplified

        q = to_simplified(unicodedata.normalize("NFC", query.strip()))
        if not q:
            return sorted(self.entries, key=lambda e: (e._toneless, e.term))
        scored: list[tuple[int, GlossaryEntry]] = []
        for entry in self.entries:
            score = _score(entry, q)
            if score:
                scored.append((score, entry))
        scored.sort(key=lambda se: (-se[0], se[1]._toneless, se[1].term))
        return [e for _s, e in scored]


def _start_of(candidate: tuple[int, int, GlossaryEntry]) -> int:
    return candidate[0]


def _alias_syllables(term: str, syllables: Sequence[str], alias: str) -> list[str] | None:
    i = term.find(alias)
    if i < 0 or len(syllables) != sum(1 for c in term if is_hanzi(c)):
        return None
    before = sum(1 for c in term[:i] if is_hanzi(c))
    count = sum(1 for c in alias if is_hanzi(c))
    return list(syllables[before : before + count])


_PREFIXES = frozenset(v[:i] for v in VALID_SYLLABLES for i in range(1, len(v) + 1))


def _parse_pinyin_query(q: str) -> list[tuple[str, int | None, bool]] | None:
    """Cut a pinyin query into ``(base, tone or None, complete)`` syllables, or None when it is not pinyin.

    Accepts tone marks (``xīnzhì``), numbers (``xin1zhi4``), none (``xinzhi``) or a mix, spaces or not;
    the last syllable may be incomplete (``zhongg``).
    """
    nfd = unicodedata.normalize("NFD", q.replace("u:", "v"))
    chunks: list[list[tuple[str, int | None]]] = [[]]
    for ch in nfd:
        cur = chunks[-1]
        if "a" <= ch <= "z":
            cur.append((ch, None))
        elif ch in _TONE_OF_MARK and cur:
            cur[-1] = (cur[-1][0], _TONE_OF_MARK[ch])
        elif ch == "\u0308" and cur and cur[-1][0] == "u":
            cur[-1] = ("v", cur[-1][1])
        elif ch in "12345" and cur:
            cur.append(("#", int(ch)))
            chunks.append([])
        elif ch in " '’-":
            chunks.append([])
        else:
            return None
    out: list[tuple[str, int | None, bool]] = []
    chunks = [c for c in chunks if c]
    for ci, chunk in enumerate(chunks):
        digit = chunk.pop()[1] if chunk[-1][0] == "#" else None
        letters = "".join(c for c, _t in chunk)
        i = 0
        while i < len(letters):
            j = next((j for j in range(min(len(letters), i + 6), i, -1) if letters[i:j] in VALID_SYLLABLES), None)
            last_chunk = ci == len(chunks) - 1
            if j is None:
                if last_chunk and letters[i:] in _PREFIXES:
                    out.append((letters[i:], None, False))
                    break
                return None
            tones = [t for _c, t in chunk[i:j] if t]
            tone = tones[0] if tones else (digit if j == len(letters) else None)
            out.append((letters[i:j], tone, True))
            i = j
    return out or None


def _pinyin_score(entry: GlossaryEntry, query: list[tuple[str, int | None, bool]]) -> int:
    syl = [split_tone(s) for s in entry.syllables]
    n = len(query)
    for k in range(len(syl) - n + 1):
        ok = True
        for i, (base, tone, _complete) in enumerate(query):
            ebase, etone = syl[k + i]
            if tone is not None and tone != etone:
                ok = False
                break
            if ebase == base or (i == n - 1 and ebase.startswith(base)):
                continue
            ok = False
            break
        if ok:
            if k == 0:
                return 75 if n == len(syl) and syl[-1][0] == query[-1][0] else 70
            return 55
    return 0


def _score(entry: GlossaryEntry, q: str) -> int:
    if any(is_hanzi(c) for c in q):
        qf = q.translate(_QUOTE_FOLD)
        best = 0
        for i, key in enumerate(entry.keys):
            k = key.translate(_QUOTE_FOLD)
            alias_penalty = 0 if i == 0 else 5
            if k == qf:
                best = max(best, 100 - alias_penalty)
            elif k.startswith(qf):
                best = max(best, 90 - alias_penalty)
            elif qf in k:
                best = max(best, 80 - alias_penalty)
        if not best and (q in entry.definition_zh or any(q in r for r in entry.related)):
            best = 10
        return best
    low = q.casefold()
    best = 0
    # pinyin: the query is cut into syllables (tones optional per syllable) and matched in sequence
    query_syllables = _parse_pinyin_query(low)
    if query_syllables:
        best = max(best, _pinyin_score(entry, query_syllables))
    # English
    words = low.split()
    for rendering in entry.english:
        t = rendering.text.casefold()
        if t == low:
            best = max(best, 66 if rendering.official else 64)
        elif low in t:
            best = max(best, 48)
        elif all(w in t for w in words):
            best = max(best, 45)
    if entry.tags and low in (t.casefold() for t in entry.tags):
        best = max(best, 35)
    if entry.literal and low in entry.literal.casefold():
        best = max(best, 30)
    if low in entry.definition_en.casefold():
        best = max(best, 20)
    elif len(words) > 1 and all(w in entry.definition_en.casefold() for w in words):
        best = max(best, 15)
    return best


# --------------------------------------------------------------------------------------------- occurrences


def occurrences(glossary: Glossary, articles: Iterable[Any]) -> dict[str, list[tuple[str, int]]]:
    """Where each entry occurs: ``{term: [(article_id, block_index), ...]}`` in library order.

    ``block_index`` indexes ``article.blocks`` (headings included). Terms that occur nowhere are absent.
    One Aho-Corasick pass per block.
    """
    out: dict[str, list[tuple[str, int]]] = {}
    for article in articles:
        for i, block in enumerate(article.blocks):
            seen: set[str] = set()
            for m in glossary.find_all(block.text):
                term = m.entry.term
                if term not in seen:
                    seen.add(term)
                    out.setdefault(term, []).append((article.id, i))
    return out


def article_count(occ: dict[str, list[tuple[str, int]]], term: str) -> int:
    """How many distinct articles ``term`` occurs in (for "in 3 articles")."""
    return len({a for a, _b in occ.get(term, ())})
