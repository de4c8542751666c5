"""The glossary's schema check and loader: located YAML values -> entries, with ``file:line:`` problems.

:func:`check_glossary` / :func:`check_summary` (``yuedu glossary check``) also apply the source rules that
need the whole glossary or a dictionary: each syllable a reading of its character, every ``related``
target an entry or alias (or a CC-CEDICT word, marked ``{cedict: word}``), and proper-noun pinyin
capitalised as CC-CEDICT writes it, and that an ``official: true`` rendering is cited from a page on an
official publisher's site (OFFICIAL_DOMAINS).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..glossary_files import default_dirs, glossary_files  # noqa: F401 (re-exported)
from ..pinyin import has_tone_marks, is_valid_syllable, split_tone
from .index import Glossary
from .model import EnglishRendering, GlossaryEntry, GlossaryError, Related, Source, is_hanzi
from .safe_yaml import _Problem, _read_yaml_file, _V

ENTRY_KEYS = (
    "term", "pinyin", "aliases", "english", "literal", "definition_en", "definition_zh", "origin",
    "origin_date", "related", "tags", "sources", "uncertain",
)
REQUIRED_KEYS = ("term", "pinyin", "english", "definition_en", "definition_zh", "sources")
ENGLISH_KEYS = ("text", "used_by", "official")
SOURCE_KEYS = ("name", "url", "used_for", "date")
UNCERTAIN_FIELDS = (
    "aliases", "english", "literal", "definition_en", "definition_zh", "origin", "origin_date", "related",
    "sources",
)

# Where a national official English rendering may be cited from: the official publishers' own sites, the
# one list of them (the README's source rules name the same). ``(publisher, host, subdomains)``: a URL's host
# must be ``host`` or, when ``subdomains``, end in ``.host``. gov.cn is the central government's site only
# (www.gov.cn, english.www.gov.cn): a city's or province's own site (beijing.gov.cn …) is not the State Council.
OFFICIAL_DOMAINS: tuple[tuple[str, str, bool], ...] = (
    ("Xinhua", "news.cn", True),
    ("Xinhua", "xinhuanet.com", True),
    ("the State Council (gov.cn)", "gov.cn", False),
    ("the State Council (gov.cn)", "www.gov.cn", False),
    ("the State Council (gov.cn)", "english.www.gov.cn", False),
    ("the State Council Information Office (SCIO)", "scio.gov.cn", True),
    ("the State Council Information Office (SCIO)", "china.org.cn", True),  # the SCIO's news portal
    ("China Daily", "chinadaily.com.cn", True),
    ("Qiushi", "qstheory.cn", True),
)
OFFICIAL_PUBLISHERS = tuple(dict.fromkeys(name for name, _h, _s in OFFICIAL_DOMAINS))
OFFICIAL_DOMAINS_SHOWN = ", ".join(f"{'*.' if sub else ''}{host}" for _n, host, sub in OFFICIAL_DOMAINS)
_DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# YAML folds a line break inside a long value into a space; between two Chinese characters (or CJK
# punctuation) that space is an artefact, never meant: it is removed.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


class _EntryReader:
    """Turns one located mapping into a GlossaryEntry, collecting problems."""

    def __init__(self, path: Path, problems: list[_Problem]) -> None:
        self.path = path
        self.name = str(path)
        self.problems = problems
        self.ok = True
        self.english_lines: list[tuple[str, int]] = []
        self.related_lines: list[int] = []

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
        related_items = self.related(fields["related"]) if "related" in fields else ()
        related_lines = list(zip(related_items, self.related_lines))
        tags = self.text_list(fields["tags"], "tags") if "tags" in fields else ()
        sources = self.sources(fields["sources"]) if "sources" in fields else ()
        origin_date = self.date(fields["origin_date"], "origin_date") if "origin_date" in fields else None
        uncertain = self.uncertain(fields["uncertain"], fields) if "uncertain" in fields else ()
        if not self.ok or term is None or pinyin is None:
            return None
        key_lines = [(term, fields["term"].line)]
        if "aliases" in fields and fields["aliases"].kind == "seq":
            key_lines += [(str(a.value).strip(), a.line) for a in fields["aliases"].value]
        return GlossaryEntry(
            term=term, pinyin=pinyin, aliases=aliases, english=english, literal=literal,
            definition_en=definition_en or "", definition_zh=definition_zh or "", origin=origin,
            related=tuple(r.word for r in related_items), tags=tags, sources=sources, origin_date=origin_date,
            uncertain=uncertain, cedict_related=tuple(r.word for r in related_items if r.cedict),
            path=self.path, line=v.line, key_lines=tuple(key_lines), pinyin_line=fields["pinyin"].line,
            field_lines=tuple((k, fv.line) for k, fv in fields.items())
            + tuple((f"english:{t}", n) for t, n in self.english_lines)
            + tuple((f"related:{r.word}", n) for r, n in related_lines),
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
        out: list[EnglishRendering] = []
        official_lines: dict[str | None, list[int]] = {}
        for item in v.value:
            m = self.mapping(item, "an english rendering", ENGLISH_KEYS)
            if m is None:
                continue
            if "text" not in m:
                self.error(item.line, "english rendering is missing 'text'")
                continue
            text = self.text(m["text"], "english text")
            used_by = self.text(m["used_by"], "used_by") if "used_by" in m else None
            official, official_for = False, None
            if "official" in m:
                ov = m["official"]
                if ov.kind == "bool":
                    official = bool(ov.value)
                elif ov.kind == "str":
                    official_for = self.text(ov, "official")
                    official = official_for is not None
                else:
                    self.error(ov.line, "official must be true, false, or whose official rendering it is (e.g. Beijing)")
                if official:
                    official_lines.setdefault(official_for, []).append(ov.line)
            if text is not None:
                if any(e.text == text for e in out):
                    self.error(item.line, f"english rendering {text!r} is listed twice")
                out.append(EnglishRendering(text, used_by, official, official_for))
                self.english_lines.append((text, m["official"].line if official else item.line))
        for whose, lines in official_lines.items():
            if len(lines) > 1:
                self.error(
                    lines[1],
                    f"more than one english rendering is official{f' for {whose}' if whose else ''} "
                    f"(lines {', '.join(map(str, lines))})",
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
            date = self.date(m["date"], "source date") if "date" in m else None
            if name is not None:
                out.append(Source(name, url, used_for, date))
        return tuple(out)


    def date(self, v: _V, what: str) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD (a bare year may be written unquoted)."""
        if v.kind == "int":
            s = str(v.value)
        else:
            s = self.text(v, what)
            if s is None:
                return None
        m = _DATE_RE.match(s)
        if not m:
            self.error(v.line, f"{what} {s!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        try:
            _dt.date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
        except ValueError:
            self.error(v.line, f"{what} {s!r} is not a real date")
            return None
        return s

    def related(self, v: _V) -> tuple[Related, ...]:
        """Items: a term or alias of an entry, or ``{cedict: word}`` for a CC-CEDICT word."""
        if v.kind != "seq":
            self.error(v.line, "related must be a list, e.g. [新发展格局, {cedict: 只争朝夕}]")
            return ()
        if not v.value:
            self.error(v.line, "related is an empty list; leave it out instead")
            return ()
        out: list[Related] = []
        for item in v.value:
            if item.kind == "map":
                m = self.mapping(item, "a related item", ("cedict",))
                if not m or "cedict" not in m:
                    if m is not None:
                        self.error(item.line, "a related mapping needs 'cedict: WORD' (a CC-CEDICT word)")
                    continue
                word = self.text(m["cedict"], "cedict")
                r = Related(word, True) if word else None
            else:
                word = self.text(item, "an item of related")
                r = Related(word) if word else None
            if r is None:
                continue
            if any(o.word == r.word for o in out):
                self.error(item.line, f"{r.word!r} is listed twice in related")
                continue
            out.append(r)
            self.related_lines.append(item.line)
        return tuple(out)

    def uncertain(self, v: _V, fields: dict[str, _V]) -> tuple[tuple[str, str], ...]:
        """``uncertain: {origin: why, ...}``: the claims in these fields could not be sourced."""
        m = self.mapping(v, "uncertain", UNCERTAIN_FIELDS)
        if m is None:
            return ()
        if not v.value:
            self.error(v.line, "uncertain is empty; leave it out instead")
        out = []
        for k, note_v in m.items():
            note = self.text(note_v, f"uncertain {k}")
            if k not in fields:
                self.error(note_v.line, f"uncertain names {k!r}, but the entry has no {k!r}")
            elif note is not None:
                out.append((k, note))
        return tuple(out)


def official_publisher(url: str | None) -> str | None:
    """The official publisher whose site ``url`` is on (see OFFICIAL_DOMAINS), else None."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for name, domain, subdomains in OFFICIAL_DOMAINS:
        if host == domain or (subdomains and host.endswith("." + domain)):
            return name
    return None


_QUOTE_CHARS = re.compile("[\"'‘’“”]")


def _fold(text: str) -> str:
    return " ".join(_QUOTE_CHARS.sub("", text).lower().split())


def _cites_officially(rendering: EnglishRendering, sources: Sequence[Source]) -> bool:
    """A source on an official publisher's site whose ``used_for`` (or name) quotes the rendering."""
    wanted = _fold(rendering.text)
    return any(
        official_publisher(s.url) and (wanted in _fold(s.used_for or "") or wanted in _fold(s.name))
        for s in sources
    )


def _term_label(fields: dict[str, _V]) -> str:
    t = fields.get("term")
    if t is not None and t.kind == "str" and str(t.value).strip():
        return f" {str(t.value).strip()!r}"
    return ""


def _closest(word: str, options: Sequence[str]) -> str | None:
    import difflib

    m = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return m[0] if m else None


def _reading_problems(entries: Iterable[GlossaryEntry]) -> list[_Problem]:
    """Each syllable must be a known reading of its character (pypinyin's data; any tone may be neutral)."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    from ..pinyin import numbers_to_marks

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


def _source_rule_problems(
    entries: Sequence[GlossaryEntry], known: set[str] | None, dictionary: Any | None
) -> list[_Problem]:
    """The source rules a machine can check (``yuedu glossary check``; see the README):

    - a rendering marked ``official: true`` is cited from an official publisher's site: a source whose URL
      is on one of OFFICIAL_DOMAINS quotes the rendering in its ``used_for``; a place's own official
      rendering says whose it is instead (``official: Beijing``);
    - every ``related`` target is a term or alias in ``known``, or is marked ``{cedict: word}`` and is a
      CC-CEDICT headword;
    - proper nouns are capitalised in the pinyin as CC-CEDICT writes them (Liang3 hui4 -> Liǎng huì).
    """
    out: list[_Problem] = []
    for entry in entries:
        where = str(entry.path)
        for r in entry.english:
            if r.official and not r.official_for and not _cites_officially(r, entry.sources):
                out.append(
                    _Problem(
                        where, entry.field_line(f"english:{r.text}"),
                        f"english rendering {r.text!r} of {entry.term!r} is marked official but no source on an "
                        f"official publisher's site ({OFFICIAL_DOMAINS_SHOWN}) quotes it in its used_for: cite "
                        "one, say whose official rendering it is (official: Beijing), or drop official",
                    )
                )
        cedict = set(entry.cedict_related)
        for word in entry.related:
            line = entry.field_line(f"related:{word}")
            if word in cedict:
                if dictionary is not None and not dictionary.contains(word):
                    out.append(_Problem(where, line, f"related {word!r} of {entry.term!r} is marked cedict but is not a CC-CEDICT word"))
            elif known is not None and word not in known:
                out.append(
                    _Problem(
                        where, line,
                        f"related {word!r} of {entry.term!r} is not a term or alias of any entry "
                        "(add the entry, link an existing one, or mark a dictionary word {cedict: WORD})",
                    )
                )
        if dictionary is not None:
            out.extend(_capital_problems(entry, dictionary))
    return out


def _capital_problems(entry: GlossaryEntry, dictionary: Any) -> list[_Problem]:
    """Proper nouns in the term (CC-CEDICT words whose every reading is capitalised, found by longest
    match) must be capitalised at the same syllables in the entry's pinyin."""
    hanzi = [c for c in entry.term if is_hanzi(c)]
    word = "".join(hanzi)
    ours = entry.pinyin.split()
    if len(ours) != len(word):
        return []
    wanted: list[int] = []
    i = 0
    while i < len(word):
        n, found = dictionary.longest_match(word, i)
        if n >= 2 and found:
            readings = [e.pinyin.split() for e in found if len(e.pinyin.split()) == n]
            if readings and all(any(s[:1].isupper() for s in r) for r in readings):
                caps = [k for k, s in enumerate(readings[0]) if s[:1].isupper()]
                if all([k for k, s in enumerate(r) if s[:1].isupper()] == caps for r in readings):
                    wanted.extend(i + k for k in caps)
        i += max(n, 1)
    bad = [k for k in wanted if not ours[k][:1].isupper()]
    if not bad:
        return []
    fixed = " ".join(s[:1].upper() + s[1:] if k in wanted else s for k, s in enumerate(ours))
    return [
        _Problem(
            str(entry.path), entry.pinyin_line or entry.line,
            f"pinyin {entry.pinyin!r}: proper noun{'s' * (len(bad) > 1)} capitalised as CC-CEDICT writes "
            f"{'them' if len(bad) > 1 else 'it'}: {fixed!r}",
        )
    ]


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
    unreadable = False  # a file that could not be read: its terms are unknown, so links to them are not judged
    for group, path in files:
        if not path.exists() and not path.is_symlink():  # a looping or dangling link is reported
            continue
        top = _read_yaml_file(path, problems)
        if top is None:
            unreadable = True
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
            problems.extend(_reading_problems(per_group.get(group, [])))
    if readings:
        known = {k for e in effective.values() for k in e.keys}
        if not any(_is_bundled(d) for d in dirs):
            known |= _bundled_keys()  # a user's file may link to bundled entries
        entries = [e for g in sorted(per_group) for e in per_group[g]]
        problems.extend(_source_rule_problems(entries, None if unreadable else known, _dictionary()))
    order = {str(p): i for i, (_g, p) in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.path, -1), p.line))
    return list(effective.values()), problems, sum(1 for _g, p in files if p.is_file())


def _is_bundled(d: Path | str) -> bool:
    from reader import paths

    try:
        return Path(d).resolve() == paths.bundled_glossary_dir().resolve()
    except OSError:
        return False


def _bundled_keys() -> set[str]:
    from reader import paths

    bundled = paths.bundled_glossary_dir()
    if not bundled.is_dir():
        return set()
    entries, _problems, _n = _read_dirs([bundled])
    return {k for e in entries for k in e.keys}


def _dictionary() -> Any | None:
    """CC-CEDICT (for the capitalisation and cedict rules); None when it cannot be opened."""
    from ..dictionary import Dictionary, DictionaryError

    try:
        return Dictionary.open()
    except DictionaryError:
        return None


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


