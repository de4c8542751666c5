"""Traditional characters read as their simplified forms, one character for one character.

The segmenter, the reading engine and the glossary all work on simplified Chinese; a text in
traditional characters (Big5 files, Taiwan and Hong Kong sources) would otherwise be cut into
single characters and read wrongly (銀行 as yín xíng, 長城 as zhǎng chéng). The annotator reads the
simplified twin of a paragraph and gives the tokens back with the original characters.

``data/t2s.tsv`` maps each traditional character to its most frequent simplified form in
CC-CEDICT, leaving out every character that simplified text also uses (著, 乾, 干, 后 ...), so
simplified text is never changed. Rebuild it with ``python -m reader.core.traditional CEDICT.gz``.
"""

from __future__ import annotations

from pathlib import Path

_TABLE: dict[int, str] | None = None
_PATH = Path(__file__).resolve().parent / "data" / "t2s.tsv"


def _table() -> dict[int, str]:
    global _TABLE
    if _TABLE is None:
        table: dict[int, str] = {}
        try:
            for line in _PATH.read_text(encoding="utf-8").splitlines():
                trad, _, simp = line.partition("\t")
                if len(trad) == 1 and len(simp) == 1:
                    table[ord(trad)] = simp
        except OSError:
            pass
        _TABLE = table
    return _TABLE


def to_simplified(text: str) -> str:
    """``text`` with its traditional characters simplified; always the same length."""
    return text.translate(_table())


def build_table(cedict_gz: str | Path) -> list[tuple[str, str]]:
    """(traditional, simplified) pairs from a CC-CEDICT file (gzip), as kept in data/t2s.tsv."""
    from collections import Counter

    from . import cedict

    pairs: Counter[tuple[str, str]] = Counter()
    simplified_chars: set[str] = set()
    for trad, simp, _pinyin, _defs in cedict.iter_entries(Path(cedict_gz)):
        simplified_chars.update(simp)
        if len(trad) == len(simp):
            pairs.update((a, b) for a, b in zip(trad, simp) if a != b)
    best: dict[str, str] = {}
    for (a, b), _n in pairs.most_common():
        if a not in simplified_chars:
            best.setdefault(a, b)
    return sorted(best.items())


if __name__ == "__main__":  # pragma: no cover - maintenance
    import sys

    for trad, simp in build_table(sys.argv[1]):
        print(f"{trad}\t{simp}")
