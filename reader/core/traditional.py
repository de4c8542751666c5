"""Traditional and variant characters read as their simplified forms, the original kept on screen.

The segmenter, the reading engine and the glossary all work on simplified Chinese; a text in
traditional characters (Big5 files, Taiwan and Hong Kong sources, older literature) would otherwise
be cut into single characters and read wrongly (終於 zhōng wū, 什麽 shí mó, 故鄕 apart). The
annotator reads the simplified twin of a paragraph and gives the tokens back with the original
characters, so :func:`to_simplified` always returns a text of the same length.

1. OpenCC's ``t2s`` conversion (phrase-level: 乾杯 -> 干杯 but 乾隆 stays; 瞭解 -> 了解), applied only
   to a paragraph that holds a traditional character (so simplified text is never touched);
2. 著 standing outside a word is the particle/verb 着 (看著 kànzhe, 著急 zháojí, 穿著) unless it is
   part of a CC-CEDICT word written with 著 (著名, 顯著, 土著, 原著: zhù). OpenCC's own ``tw2s``
   turns 土著 and 原著 into 土着 and 原着, which is why this step is ours;
3. variant characters (鄕 緖 靑 眞 卽: ``data/variants.tsv``, the single characters CC-CEDICT gives
   only as "variant of X", built with ``python -m reader.core.traditional``).

A conversion that would change the length (no such case is known with ``t2s``) falls back to
converting character by character.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

_PATH = Path(__file__).resolve().parent / "data" / "variants.tsv"
_LOCK = threading.Lock()
_STATE: dict | None = None
ZHU_NEXT = frozenset("有书述称录作文之")  # 著有, 著书, 著述 ...: zhù, "to write"
ZHE_BEFORE = frozenset("觉看听想感说笑坐站躺走跑拿带穿戴扶等望守留靠抱背提")  # 覺著有些遠: the particle before 有
# characters OpenCC's t2s maps to a character of another reading, kept for the engine to read:
# 閤 is gé (= 阁: 閤门, 藏閤) as often as hé (= 合), and t2s makes every one 合
KEEP = frozenset("閤")
# words written with a look-alike that the variant table maps elsewhere: 陜 (U+965C) is CC-CEDICT's
# variant of 狭 xiá, but in 陜西 it stands for 陝 (U+965D) Shǎn, as Taiwan and Hong Kong text writes it
MISWRITTEN = (("陜西", "陝西"),)


def _state() -> dict:
    global _STATE
    if _STATE is None:
        with _LOCK:
            if _STATE is None:
                variants: dict[int, str] = {}
                try:
                    for line in _PATH.read_text(encoding="utf-8").splitlines():
                        if line.startswith("#"):
                            continue
                        a, _, b = line.partition("\t")
                        if len(a) == 1 and len(b) == 1:
                            variants[ord(a)] = b
                except OSError:
                    pass
                try:
                    import opencc

                    converter = opencc.OpenCC("t2s.json")
                except Exception:  # pragma: no cover - a declared dependency
                    converter = None
                _STATE = {"variants": variants, "opencc": converter, "zhu": None}
    return _STATE


def _zhu_words() -> frozenset[str]:
    """Simplified CC-CEDICT words written with 著 (著名, 显著, 土著 ...)."""
    st = _state()
    if st["zhu"] is None:
        from . import cedict

        st["zhu"] = frozenset(w for w in cedict.word_readings() if "著" in w)
    return st["zhu"]


_SURROGATE = re.compile("([\ud800-\udfff]+)")


def _convert(text: str, converter) -> str:
    try:
        out = converter.convert(text)
    except UnicodeEncodeError:  # a lone surrogate (a damaged file): convert around it
        return "".join(p if k % 2 else _convert(p, converter) for k, p in enumerate(_SURROGATE.split(text)))
    if len(out) == len(text):
        return out
    pieces = []
    for ch in text:
        c = converter.convert(ch)
        pieces.append(c if len(c) == 1 else ch)
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """``text`` with its traditional and variant characters simplified; always the same length."""
    st = _state()
    for wrong, right in MISWRITTEN:
        if wrong in text:
            text = text.replace(wrong, right)
    text = text.translate(st["variants"])
    converter = st["opencc"]
    if converter is None or not text:
        return text
    simplified = _convert(text, converter)
    if simplified != text and any(ch in KEEP for ch in text):
        simplified = "".join(a if a in KEEP else b for a, b in zip(text, simplified))
    if simplified != text and not _has_traditional(text, simplified):
        # every character OpenCC would change is one simplified text writes too (乾县 Qiánxiàn,
        # 力拚, 变徵之声): a simplified paragraph, left as it is
        simplified = text
    if "著" in simplified:
        simplified = _zhe(simplified)
    return simplified


def _has_traditional(text: str, simplified: str) -> bool:
    """Whether a character OpenCC changed is one simplified text never writes (not in any
    simplified CC-CEDICT headword of two or more characters)."""
    st = _state()
    chars = st.get("simp_chars")
    if chars is None:
        from . import cedict

        chars = st["simp_chars"] = frozenset("".join(cedict.word_readings()))
    return any(a != b and a not in chars for a, b in zip(text, simplified))


def _zhe(text: str) -> str:
    """著 is 着 (the particle, zháo, zhuó: 看著, 睡著, 穿著, as traditional text writes them) unless a
    dictionary word written with 著 holds it, or it is the verb "to write" before its object
    (著有, 著书): zhù. (Simplified text writes 着 for the former, so this changes nothing there.)"""
    words = _zhu_words()
    chars = list(text)
    p = text.find("著")
    while p >= 0:
        keep = text[p + 1 : p + 2] in ZHU_NEXT and text[p - 1 : p] not in ZHE_BEFORE
        for length in (2, 3, 4):
            for start in range(max(0, p - length + 1), p + 1):
                if text[start : start + length] in words:
                    keep = True
                    break
            if keep:
                break
        if not keep:
            chars[p] = "着"
        p = text.find("著", p + 1)
    return "".join(chars)


def build_variants(cedict_gz: str | Path | None = None) -> list[tuple[str, str]]:
    """(variant, simplified) pairs as kept in data/variants.tsv."""
    from . import cedict

    pairs = cedict.variant_pairs(Path(cedict_gz) if cedict_gz else None)
    try:
        import opencc

        conv = opencc.OpenCC("t2s.json")
        pairs = {a: conv.convert(b) if len(conv.convert(b)) == 1 else b for a, b in pairs.items()}
    except Exception:
        pass
    return sorted((a, b) for a, b in pairs.items() if a != b)


if __name__ == "__main__":  # pragma: no cover - maintenance
    import sys

    print("# variant character<TAB>its simplified form: the single characters CC-CEDICT gives only as")
    print("# 'variant of X' (and in no longer headword); built by python -m reader.core.traditional")
    for a, b in build_variants(sys.argv[1] if len(sys.argv) > 1 else None):
        print(f"{a}\t{b}")
