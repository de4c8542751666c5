"""Glossary matching: one Aho-Corasick pass vs a naive per-term ``str.find`` loop, same text, same run.

Text: the bundled articles' paragraphs repeated to 1,000,000 characters. Glossary: the full bundled
glossary (every term and alias). Both methods feed the same longest-first overlap resolution, and the
benchmark checks they return identical matches.
"""

from __future__ import annotations

import time

TARGET_CHARS = 1_000_000


def _paragraphs() -> list[str]:
    from reader import paths
    from reader.core.article import load_library

    library = load_library([paths.bundled_articles_dir()])
    paras = [b.text for a in library.articles for b in a.blocks]
    if not paras:
        raise RuntimeError("no bundled articles to build the benchmark text from")
    return paras


def _naive_find_all(glossary, text: str):
    """Baseline: every key with str.find over the whole text, then the same longest-first choice."""
    from reader.core.glossary import _QUOTE_FOLD, _QUOTE_RE, GlossaryMatch

    folded = _QUOTE_RE.sub('"', text)
    keys: dict[str, object] = {}
    for e in glossary.entries:
        for a in e.aliases:
            keys.setdefault(a.translate(_QUOTE_FOLD), e)
    for e in glossary.entries:
        keys[e.term.translate(_QUOTE_FOLD)] = e
    candidates = []
    for key, entry in keys.items():
        i = folded.find(key)
        while i != -1:
            candidates.append((i, i + len(key), entry))
            i = folded.find(key, i + 1)
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(len(text))
    chosen = []
    for start, end, entry in candidates:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, entry))
    chosen.sort(key=lambda c: c[0])
    return [GlossaryMatch(s, e, en, text[s:e]) for s, e, en in chosen]


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    from reader.core.article import Article, Block
    from reader.core.glossary import load_glossary, occurrences

    t = time.perf_counter()
    glossary = load_glossary()
    load_s = time.perf_counter() - t
    keys = sum(len(e.keys) for e in glossary.entries)
    paras = _paragraphs()
    joined = "\n".join(paras)
    reps = TARGET_CHARS // len(joined) + 1
    text = ("\n".join([joined] * reps))[:TARGET_CHARS]
    glossary.find_all("预热")  # build the automaton outside the timing

    ac_s, ac = _best(lambda: glossary.find_all(text))
    naive_s, naive = _best(lambda: _naive_find_all(glossary, text))
    same = [(m.start, m.end, m.entry.term) for m in ac] == [(m.start, m.end, m.entry.term) for m in naive]

    # Per paragraph, as the reader and occurrences() call it.
    para_list = (paras * (TARGET_CHARS // sum(map(len, paras)) + 1))
    n_chars = 0
    cut = []
    for p in para_list:
        if n_chars >= TARGET_CHARS:
            break
        cut.append(p)
        n_chars += len(p)
    per_para_s, _ = _best(lambda: [glossary.find_all(p) for p in cut])
    naive_para_s, _ = _best(lambda: [_naive_find_all(glossary, p) for p in cut], repeat=1)

    # occurrences() over a library of that size (articles of ~40 paragraphs).
    articles = [
        Article(f"a{i}", "t", [Block("paragraph", p, 0) for p in cut[i : i + 40]]) for i in range(0, len(cut), 40)
    ]
    occ_s, occ = _best(lambda: occurrences(glossary, articles))

    # Scaling: the same text with 1,000 extra (synthetic) 4-character terms taken from the articles.
    import dataclasses

    from reader.core.glossary import Glossary

    template = glossary.entries[0]
    extra, seen = [], {k for e in glossary.entries for k in e.keys}
    for p in paras:
        for i in range(0, len(p) - 4, 7):
            w = p[i : i + 4]
            if w not in seen and all("\u4e00" <= c <= "\u9fff" for c in w):
                seen.add(w)
                extra.append(dataclasses.replace(template, term=w, aliases=()))
            if len(extra) >= 1000:
                break
        if len(extra) >= 1000:
            break
    big = Glossary(glossary.entries + extra)
    big.find_all("预热")
    big_s, big_ac = _best(lambda: big.find_all(text), repeat=1)
    big_naive_s, big_naive = _best(lambda: _naive_find_all(big, text), repeat=1)
    big_same = [(m.start, m.end) for m in big_ac] == [(m.start, m.end) for m in big_naive]

    mb = TARGET_CHARS / 1e6
    print(f"glossary: {len(glossary)} entries, {keys} terms+aliases; load_glossary() {load_s * 1000:.1f} ms")
    print(f"text: {len(text):,} characters (bundled articles x{reps}), {len(ac):,} matches; identical results: {same}")
    print(f"{'':34}{'ours (Aho-Corasick)':>22}{'naive str.find loop':>22}{'speed-up':>10}")
    print(
        f"{'one 1M-char string':34}{ac_s * 1000:>17.1f} ms  {naive_s * 1000:>17.1f} ms  {naive_s / ac_s:>8.1f}x"
    )
    print(
        f"{'same text, %d paragraphs' % len(cut):34}{per_para_s * 1000:>17.1f} ms  {naive_para_s * 1000:>17.1f} ms  "
        f"{naive_para_s / per_para_s:>8.1f}x"
    )
    print(
        f"{'1M chars, +%d synthetic terms' % len(extra):34}{big_s * 1000:>17.1f} ms  {big_naive_s * 1000:>17.1f} ms  "
        f"{big_naive_s / big_s:>8.1f}x  (identical: {big_same})"
    )
    print(f"{'throughput (one string)':34}{mb / ac_s:>14.1f} Mchar/s  {mb / naive_s:>14.1f} Mchar/s")
    print(
        f"occurrences() over {len(articles)} articles / {len(cut)} paragraphs: {occ_s * 1000:.1f} ms "
        f"({len(occ)} terms found) -> computed on demand, no disk cache needed"
    )


if __name__ == "__main__":
    main()
