"""The loaded glossary: lookup by term or alias, matching in text (Aho-Corasick), search, tags, and
where each entry occurs in a library."""

from __future__ import annotations

import threading
import unicodedata
from typing import Any, Iterable, Iterator, Sequence

from ..pinyin import parse_query, split_tone
from .model import _QUOTE_FOLD, _QUOTE_RE, _QUOTES, GlossaryEntry, GlossaryMatch, _has_punctuation, is_hanzi

SORTS = ("pinyin", "origin")

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
        from ..traditional import to_simplified

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

    def search(self, query: str, *, tag: str | None = None, sort: str | None = None) -> list[GlossaryEntry]:
        """Entries matching ``query``: hanzi (term or alias), pinyin with or without tones
        (``xinzhi``, ``xīn zhì``, ``xin1 zhi4``) or English (renderings, literal gloss, definition, tags).
        Best matches first. An empty query lists every entry in pinyin order.

        ``tag`` keeps the entries with that tag (case-insensitive); ``sort="origin"`` orders by date of
        origin, oldest first, undated entries last (``"pinyin"``: by pinyin; default: by relevance).
        """
        from ..traditional import to_simplified

        q = to_simplified(unicodedata.normalize("NFC", query.strip()))
        pool = self.with_tag(tag) if tag else self.entries
        if not q:
            hits = sorted(pool, key=lambda e: (e._toneless, e.term))
        else:
            scored: list[tuple[int, GlossaryEntry]] = []
            for entry in pool:
                score = _score(entry, q)
                if score:
                    scored.append((score, entry))
            scored.sort(key=lambda se: (-se[0], se[1]._toneless, se[1].term))
            hits = [e for _s, e in scored]
        if sort == "origin":
            hits.sort(key=lambda e: e.origin_sort_key)  # stable: ties keep their order
        elif sort == "pinyin":
            hits.sort(key=lambda e: (e._toneless, e.term))
        elif sort is not None:
            raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
        return hits

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with its number of entries, most used first."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            for t in entry.tags:
                counts[t] = counts.get(t, 0) + 1
        return sorted(counts.items(), key=lambda tc: (-tc[1], tc[0]))

    def with_tag(self, tag: str) -> list[GlossaryEntry]:
        """The entries tagged ``tag`` (case-insensitive)."""
        t = tag.strip().casefold()
        return [e for e in self.entries if any(x.casefold() == t for x in e.tags)]


def _start_of(candidate: tuple[int, int, GlossaryEntry]) -> int:
    return candidate[0]


def _alias_syllables(term: str, syllables: Sequence[str], alias: str) -> list[str] | None:
    i = term.find(alias)
    if i < 0 or len(syllables) != sum(1 for c in term if is_hanzi(c)):
        return None
    before = sum(1 for c in term[:i] if is_hanzi(c))
    count = sum(1 for c in alias if is_hanzi(c))
    return list(syllables[before : before + count])


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
    query_syllables = parse_query(low)
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
