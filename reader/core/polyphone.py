"""Reading engine: one tone-number syllable per hanzi, polyphones resolved in context.

Layers, first that applies wins (corrections and glossary readings sit above all this, in
:mod:`reader.core.annotate`):

1. our reviewed tables (``data/lexicon.tsv``: readings every dictionary we ship gets wrong, e.g.
   落子 luòzǐ; ``data/decisions.tsv``: where CC-CEDICT and pypinyin disagree and CC-CEDICT slipped);
2. **the dictionary floor**: a multi-character word CC-CEDICT gives one reading is read that way,
   neutral tones included (丈夫 zhàngfu, 一下儿 yíxiàr); the statistical model never overrules it,
   and the context rules only where a rule's character sits in it (the segmenter glues 到|了,
   不停|地下 wrongly: the rules know the particles); then pypinyin's phrases, which a very
   confident statistical prediction (g2pM, below) may overrule;
3. context rules for the common everyday polyphones (的/地/得, 着, 了, 为, 还, 长 ...) in
   :mod:`reader.core.polyphone_rules`;
4. g2pM, a small BiLSTM trained on the CPP polyphone corpus (its weights, run with our own
   batched numpy code), restricted to the character's dictionary readings;
5. pypinyin's single-character reading.

Everything heavy is loaded on first use (``load()``), never at import.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
import os
import pickle
import re
import threading
from pathlib import Path

from .pinyin import marks_to_numbers
from .polyphone_rules import WRITTEN_FOR, COMMON, GRAMMAR, RULES, WORD_RULES, rule_reading_how, word_rule_reading
from .script import is_hanzi

ENGINE_VERSION = "yuedu-reading-1"
G2P_OVERRIDE = 0.999  # model probability needed to overrule a dictionary reading; chosen on CPP dev (0.99: -6, 0.9999: -8 items), not re-tuned since
# Where a word's reading comes from decides whether anything may read it otherwise: our reviewed
# tables and CC-CEDICT's words of one reading are the floor (the model and the rules never
# overrule them); pypinyin's phrases, which give one reading per syllable even where a word has
# two, may be overruled by a very confident model.
FLOOR_SOURCES = frozenset({"lexicon", "cedict", "several"})
NAME_COMMON = 1000  # a name this frequent in jieba's dictionary is well known: its reading is not doubted
# characters whose other readings (dài, huà, ōu ...) a name takes so rarely that their usual reading in a
# rare name is not doubted either (大兴区, 城西区, 清华大学)
NAME_PLAIN = frozenset("大华区中长行会和两西南北东新")  # words no dictionary knows are read by their dictionary sub-words
# The model reads a sentence whole when it has at most WINDOW_MAX characters; a longer one in
# windows of WINDOW_MAX, each position with WINDOW_CONTEXT characters of context on either side.
# The model's time is its number of steps (the longest row of a batch: a fixed cost per step of
# about 20 us) and rows times steps (the arithmetic). Chosen from 60/10, 30/10, 30/8, 30/6, 24/8,
# 24/6, 20/6, 16/6 on the seed page and the CPP dev sentences (193k characters): 30/6 reads a
# paragraph alone in a third less time than 60/10 and a whole text no slower; CPP dev 197 wrong
# against 198, the everyday sets unchanged, and of all 193k readings one differs (蒙藏 měng, right).
WINDOW_MAX = 30
WINDOW_CONTEXT = 6
MODEL_BATCH = 128  # windows run through the model together (bench/NOTES.md)
_DATA = Path(__file__).resolve().parent / "data"
# one-character verbs and adverbs that follow 单 "only" (单站在, 单说, 单靠): not a given name after a surname
NOT_GIVEN_NAME = frozenset("站坐走跑说看听是有在要靠凭为就把被给对向从想做吃喝买卖拿用讲写读等留剩作去来经到见任住当")
# Surnames read otherwise than the character's common reading (shared/docs/readings.md: names)
SURNAME_READINGS = {"单": "shan4", "解": "xie4", "区": "ou1", "查": "zha1", "仇": "qiu2", "曾": "zeng1",
                    "朴": "piao2", "盖": "ge3", "乐": "yue4", "缪": "miao4", "覃": "qin2", "召": "shao4",
                    "种": "chong2", "尉": "yu4", "繁": "po2", "员": "yun4", "句": "gou1", "任": "ren2",
                    "华": "hua4"}
_SENT_END = re.compile(r"[。！？!?；;\n]")

def cedict_words() -> Mapping[str, str]:
    """Multi-character simplified words with exactly one reading in CC-CEDICT (see
    :mod:`reader.core.cedict`, the one reader of the file)."""
    from . import cedict

    return cedict.single_readings()


def _pypinyin_tables() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """pypinyin's phrase readings (word -> its first reading of each syllable, tone numbers,
    space-separated; words with one syllable per character) and its first reading of each single
    character. Kept in the cache folder: read back in a twentieth of a second where importing
    pypinyin's tables takes a third of one."""
    import importlib.util
    from importlib import metadata

    from reader import paths

    from .stamped import cached_buckets

    def phrases() -> dict[str, str]:
        from pypinyin.constants import PHRASES_DICT

        return {w: " ".join(marks_to_numbers(s[0]) for s in entry)
                for w, entry in PHRASES_DICT.items() if entry and len(entry) == len(w)}

    def single() -> dict[str, str]:
        from pypinyin.constants import PINYIN_DICT

        return {chr(cp): marks_to_numbers(value.split(",")[0]) for cp, value in PINYIN_DICT.items() if value}

    try:
        base = Path(importlib.util.find_spec("pypinyin").origin).parent  # without importing it
        files = [base / "phrases_dict.py", base / "pinyin_dict.py"]
        source_id = f"{metadata.version('pypinyin')}:" + ":".join(f"{f.stat().st_mtime_ns}-{f.stat().st_size}" for f in files)
    except Exception:
        source_id = "unknown"
    stamp = f"2|{ENGINE_VERSION}|{source_id}"
    folder = paths.cache_dir()
    return (cached_buckets(folder / "pypinyin-phrases.buckets.data", stamp, phrases,
                           replaces=folder / "pypinyin-phrases.data"),
            cached_buckets(folder / "pypinyin-characters.buckets.data", stamp, single,
                           replaces=folder / "pypinyin-characters.data"))


def _load_table(name: str) -> dict[str, str]:
    """word -> reading (space-separated syllables) from a reviewed table in data/."""
    out: dict[str, str] = {}
    path = _DATA / name
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            word, _, rest = line.partition("\t")
            syl = rest.split("\t")[0].split()
            if len(syl) == len(word):
                out[word] = " ".join(syl)
    return out


def _load_lexicon() -> dict[str, tuple[str, ...]]:
    """Our reviewed tables: ``data/lexicon.tsv`` (readings no dictionary we ship has right) and
    ``data/decisions.tsv`` (where CC-CEDICT and pypinyin disagree and pypinyin is right)."""
    words: dict[str, tuple[str, ...]] = {}
    for name in ("decisions.tsv", "lexicon.tsv"):
        path = _DATA / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            word, _, rest = line.partition("\t")
            syl = tuple(rest.split("\t")[0].split("#")[0].split())
            if len(syl) == len(word):
                words[word] = syl
    return words


class G2PModel:
    """g2pM's BiLSTM (Park & Lee 2020, trained on CPP), evaluated batched in numpy."""

    def __init__(self) -> None:
        import sys

        if "numpy" not in sys.modules:
            # The recurrent step multiplies tiny matrices; BLAS threads only add overhead there
            # (measured 5x slower with 2 threads). Only when nobody imported numpy before us.
            for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(var, "1")
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
        self._fuse()
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
        # padded candidate table for vectorised choice: row per polyphone, -1 = no candidate
        self.cand_row = {ch: k for k, ch in enumerate(self.cands)}
        width = max(len(c[1]) for c in self.cands.values())
        table = np.full((len(self.cands), width), -1, np.int64)
        for ch, k in self.cand_row.items():
            table[k, : len(self.cands[ch][1])] = self.cands[ch][1]
        self.cand_table = table
        self._names = [self.cands[ch][0] for ch in self.cand_row]
        # by code point: the character's model index (<UNK> past the last known character) and
        # its row in the candidate table (-1: not a polyphone)
        top = max(ord(ch) for ch in [*self.char2idx, *self.cand_row] if len(ch) == 1) + 1
        self.code_idx = np.full(top + 1, self.unk, np.int64)
        self.code_cand = np.full(top + 1, -1, np.int64)
        for ch, k in self.char2idx.items():
            if len(ch) == 1:
                self.code_idx[ord(ch)] = k
        for ch, k in self.cand_row.items():
            if len(ch) == 1:
                self.code_cand[ord(ch)] = k

    def _fuse(self) -> None:
        """Both directions stacked, gate-major, so that one batched step serves both and each
        gate is one contiguous block: input weights folded into per-character gate contributions
        (bias included), gates in the order [i f o g], the sigmoid gates pre-scaled by 1/2 so that
        one tanh serves all (sigmoid(x) = (1 + tanh(x/2)) / 2)."""
        np = self.np
        H = self.fw[1].shape[0]
        order = {"i": 0, "f": 1, "g": 2, "o": 3}  # PyTorch's gate order in the weight rows
        gates = ("i", "f", "o", "g")
        emb, w_hh = [], []
        for wih, whh, b in (self.fw, self.bw):
            per_gate_in, per_gate_hh = [], []
            for g in gates:
                cols = slice(order[g] * H, (order[g] + 1) * H)
                scale = 1.0 if g == "g" else 0.5
                per_gate_in.append((self.emb @ wih[:, cols] + b[cols]) * scale)  # (V, H)
                per_gate_hh.append(whh[:, cols] * scale)  # (H, H)
            emb.append(np.stack(per_gate_in, axis=1).astype(np.float32))  # (V, 4, H)
            w_hh.append(per_gate_hh)
        self.emb_fw, self.emb_bw = emb
        # (4, 2, H, H): gate, direction
        self.w_gates = np.array([[w_hh[d][k] for d in range(2)] for k in range(4)], dtype=np.float32)
        self.h_size = H

    def _run_both(self, x, xr):
        """Forward states over x and backward states over xr (x reversed per row), together:
        (B, T, H) each. The state is (direction, row, unit); each time step is one broadcast
        matrix product giving (gate, direction, row, unit) and a handful of element-wise
        operations on contiguous blocks, for both directions at once."""
        np = self.np
        H = self.h_size
        batch, steps = x.shape
        pre = np.empty((steps, 4, 2, batch, H), np.float32)  # time-major
        pre[:, :, 0] = self.emb_fw[x.T].transpose(0, 2, 1, 3)
        pre[:, :, 1] = self.emb_bw[xr.T].transpose(0, 2, 1, 3)
        out = np.empty((steps, 2, batch, H), np.float32)
        c = np.zeros((2, batch, H), np.float32)
        z = np.empty((4, 2, batch, H), np.float32)
        tmp = np.empty((2, batch, H), np.float32)
        w = self.w_gates
        sig, i_, f_, o_, g_ = z[:3], z[0], z[1], z[2], z[3]
        h = np.zeros((1, 2, batch, H), np.float32)
        for t in range(steps):
            np.matmul(h, w, out=z)
            z += pre[t]
            np.tanh(z, out=z)
            sig *= 0.5
            sig += 0.5
            np.multiply(i_, g_, out=tmp)
            c *= f_
            c += tmp
            np.tanh(c, out=tmp)
            np.multiply(o_, tmp, out=out[t])
            h = out[t][None]
        return out[:, 0].transpose(1, 0, 2), out[:, 1].transpose(1, 0, 2)

    def is_polyphone(self, ch: str) -> bool:
        return ch in self.cands

    def predict(self, sentences: list[str], positions: list[list[int]]) -> list[list[tuple[str, float]]]:
        """For each sentence, (reading, probability) at each requested position (a polyphone)."""
        np = self.np
        results: list[list[tuple[str, float]]] = [[] for _ in sentences]
        todo = [k for k, pos in enumerate(positions) if pos]
        # batch sentences of similar length together
        todo.sort(key=lambda k: len(sentences[k]))
        top = len(self.code_idx) - 1  # code points past the table read as <UNK>
        for start in range(0, len(todo), MODEL_BATCH):
            group = todo[start : start + MODEL_BATCH]
            sents = [sentences[k] for k in group]
            batch = len(group)
            lens = np.fromiter(map(len, sents), np.int64, batch)
            codes = np.minimum(np.frombuffer("".join(sents).encode("utf-32-le", "surrogatepass"), np.uint32), top)
            flat = self.code_idx[codes]
            # rows [BOS c1 .. cn EOS PAD ...] and, for the backward direction, [EOS cn .. c1 BOS PAD ...]
            firsts = np.cumsum(lens) - lens
            rows = np.repeat(np.arange(batch), lens)
            cols = np.arange(len(flat)) - np.repeat(firsts, lens) + 1
            x = np.zeros((batch, int(lens.max()) + 2), np.int64)
            xr = np.zeros_like(x)
            x[rows, cols] = flat
            xr[rows, np.repeat(lens, lens) - cols + 1] = flat
            every = np.arange(batch)
            x[:, 0] = self.bos
            x[every, lens + 1] = self.eos
            xr[:, 0] = self.eos
            xr[every, lens + 1] = self.bos
            fw, bw = self._run_both(x, xr)
            counts = [len(positions[k]) for k in group]
            pos = np.fromiter(itertools.chain.from_iterable(positions[k] for k in group), np.int64, sum(counts))
            rj = np.repeat(every, counts)
            hid = np.concatenate([fw[rj, pos + 1], bw[rj, lens[rj] - pos]], axis=1)
            logits = np.maximum(hid @ self.w0 + self.b0, 0) @ self.w1 + self.b1  # (P, classes)
            chars = self.code_cand[codes[firsts[rj] + pos]]  # each position's row in the candidate table
            cand = self.cand_table[chars]  # (P, K)
            v = np.take_along_axis(logits, np.maximum(cand, 0), axis=1)
            v = np.where(cand >= 0, v, -np.inf)
            v = v - v.max(axis=1, keepdims=True)
            e = np.exp(v)
            e /= e.sum(axis=1, keepdims=True)
            best = e.argmax(axis=1)
            prob = e[np.arange(len(best)), best]
            names = self._names
            owners = itertools.chain.from_iterable(itertools.repeat(k, c) for k, c in zip(group, counts))
            for k, row, b_, pr in zip(owners, chars.tolist(), best.tolist(), prob.tolist()):
                results[k].append((names[row][b_], pr))
        return results


# Directional complements: a word no dictionary knows that is a character and one of these is
# read as the verb and the complement (落下来, 跑出去), whatever jieba's route says.
DIRECTIONAL = frozenset({"下来", "上来", "出来", "进来", "回来", "过来", "起来", "下去", "上去", "出去", "进去",
                         "回去", "过去"})


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
            self.phrases, self.single = _pypinyin_tables()
            self.cedict = cedict_words()
            from . import cedict

            self.several = cedict.several_readings()
            self.defaults = _load_table("word_defaults.tsv")
            self.names = cedict.name_words()
            self.word_readings = cedict.word_readings()
            self.lexicon = _load_lexicon()
            try:
                self.model: G2PModel | None = G2PModel()
            except Exception:  # the model is an improvement, not a requirement
                self.model = None
            self._phrase_cache: dict[str, tuple[str, ...] | None] = {}
            self._char_cache: dict[str, str] = {}
            self._subword_cache: dict[str, list] = {}
            from .segment import split_pairs

            self.split_pairs = split_pairs()
            # a character CC-CEDICT gives one reading is read that way (颇 pō, where pypinyin's
            # first reading is pǒ), and the model never reads it otherwise
            self.char_one = {c: r for c, r in cedict.char_readings().items() if "|" not in r}
            if self.model is not None:
                for ch in [c for c in self.model.cands if c in self.char_one and c not in RULES]:
                    del self.model.cands[ch]
            # characters a rule or the model may read otherwise than the dictionary word they are in
            self._special = frozenset(RULES) | frozenset(self.model.cands if self.model is not None else ())
            self._loaded = True

    def complete(self) -> None:
        """The tables read bucket by bucket (stamped.LazyTable) made whole, plain dicts: the first
        screen needed a few buckets, steady annotating looks words up faster in a dict."""
        from . import cedict
        from .stamped import LazyTable

        self.load()
        with self._lock:
            for name in ("phrases", "single", "cedict", "several", "word_readings"):
                table = getattr(self, name)
                if isinstance(table, LazyTable):
                    setattr(self, name, table.full())
        cedict.complete()

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
            # CC-CEDICT first (a word with one reading there), then pypinyin's phrases: CEDICT
            # is better on neutral tones (头发 tóufa) and on rarer words (落差 luòchā, 夺得 duódé)
            ced = self.cedict.get(word)
            if ced is not None:
                hit = (tuple(ced.split()), "cedict")
            else:
                phrase = self.phrases.get(word)
                several = self.several.get(word)
                if several is not None:
                    # a word of several CC-CEDICT readings (东西, 地方): its reviewed default,
                    # else pypinyin's phrase when it is one of them, else CC-CEDICT's first; a
                    # word rule may read its other sense (see _prepare)
                    options = several.split("|")
                    default = self.defaults.get(word) or (phrase if phrase in options else None)
                    # with a reviewed default or pypinyin's phrase among its readings, the model
                    # does not overrule it (only a word rule does); else CC-CEDICT's first, which
                    # the model may
                    hit = (tuple(default.split()), "several") if default else (tuple(options[0].split()), "several?")
                elif phrase is not None:
                    hit = (tuple(self._neutral_from_cedict(word, phrase.split())), "phrase")
        if len(self._phrase_cache) > 200_000:
            self._phrase_cache.clear()
        self._phrase_cache[word] = hit  # type: ignore[assignment]
        return hit

    @staticmethod
    def _jieba_word(word: str) -> bool:
        """Whether jieba's dictionary has the word (华泰 does: a company, not a name the segmenter joined)."""
        from .segment import shared_segmenter

        return bool(shared_segmenter().load_for(word).FREQ.get(word))

    def _known(self, word: str) -> bool:
        """A word one of the dictionaries knows (pypinyin's phrases or CC-CEDICT): two look-ups
        rather than one set of both, which took a fifth of the engine's loading time to build."""
        return word in self.phrases or word in self.word_readings

    @staticmethod
    def _final(hit: tuple[tuple[str, ...], str], word: str) -> bool:
        """Whether a dictionary reading of ``word`` is final: the floor (a word our reviewed
        tables or CC-CEDICT give one reading) with no character a context rule reads. The
        rules still see a floor word with such a character, since the segmenter glues words
        wrongly (不停|地下|了, 这|一行|字, 我|还给|你) and a particle to its verb (到了, 穿着); the
        model never overrules a floor word."""
        return hit[1] in FLOOR_SOURCES and RULES.keys().isdisjoint(word)

    def _neutral_from_cedict(self, word: str, syllables: list[str]) -> list[str]:
        """pypinyin's reading of a word CC-CEDICT lacks, with the neutral tones of the
        CC-CEDICT words inside it (这时候: 时候 shíhou -> zhè shíhou; 小叔子: 叔子 -> shūzi)."""
        cedict = self.cedict
        n = len(word)
        out = list(syllables)
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + 5) + (1 if i > 0 else 0)):
                if j - i >= n:
                    continue
                sub = cedict.get(word[i:j])
                if sub is None:
                    continue
                for k, syl in enumerate(sub.split()):
                    mine = out[i + k]
                    if syl[-1] == "5" and mine[-1] != "5" and syl[:-1] == mine[:-1]:
                        out[i + k] = syl
        return out

    def _rare(self, word: str) -> bool:
        """A word jieba's dictionary counts fewer than NAME_COMMON times (勃艮第, 黄陂, not 清华大学)."""
        from .segment import shared_segmenter

        return shared_segmenter().load_for(word).FREQ.get(word, 0) < NAME_COMMON

    def char_reading(self, ch: str) -> str:
        hit = self._char_cache.get(ch)
        if hit is None:
            hit = self._char_cache[ch] = self.char_one.get(ch) or self.single.get(ch, "?")
        return hit

    # -- the paragraph --------------------------------------------------------------------
    def read(self, text: str, words: list[tuple[int, int]]) -> list[str | None]:
        """Readings for every ideograph inside ``words`` (hanzi token spans of ``text``): a list
        with one entry per character of ``text``, the syllable, or None for a character that is
        no ideograph or lies outside the words."""
        return self.read_many([(text, words)])[0]

    def read_many(self, items: list[tuple[str, list[tuple[int, int]]]]) -> list[list[str | None]]:
        """:meth:`read` for several paragraphs, with one batched model run."""
        return [readings for readings, _ in self.read_many_how(items)]

    def read_many_how(self, items: list[tuple[str, list[tuple[int, int]]]]) -> list[tuple[list[str | None], dict[int, str]]]:
        """:meth:`read_many`, each paragraph's readings with how they were decided: position ->
        "reviewed" (our tables), "context" (the reviewed table of neighbours), "rule", "guess" (a
        rule's last resort), "word-rule", "default" (a word of several readings, no rule
        deciding), "name" (a polyphone in a proper name), "model:P" (the statistical model, P its probability); a position not listed
        was read from a dictionary ("dictionary")."""
        self.load()
        prepared = [self._prepare(text, words) for text, words in items]
        if self.model is not None:
            sentences: list[str] = []
            positions: list[list[int]] = []
            where: list[tuple[int, int]] = []  # (item index, offset)
            for k, ((text, _), (_, pending, _, _, _)) in enumerate(zip(items, prepared)):
                if pending:
                    for sent, pos, off in self._windows(text, pending):
                        sentences.append(sent)
                        positions.append(pos)
                        where.append((k, off))
            if sentences:
                preds = self.model.predict(sentences, positions)
                for (k, off), ps, pr in zip(where, positions, preds):
                    readings, _, phrase_pos, _, how = prepared[k]
                    for p, (reading, prob) in zip(ps, pr):
                        pos = off + p
                        if pos in phrase_pos and readings[pos][-1:] == "5" and reading[:-1] == readings[pos][:-1]:
                            continue  # a dictionary's neutral tone (小丫头 yātou): CPP, the model's teacher, writes full tones
                        if pos not in phrase_pos or prob > phrase_pos[pos]:
                            readings[pos] = reading
                            how[pos] = f"model:{prob:.3f}"
                        elif reading != readings[pos]:
                            how[pos] = f"dictionary>model:{prob:.3f}"  # the model would read it otherwise
        out = []
        for (text, _), (readings, _, _, several, how) in zip(items, prepared):
            # a word of several dictionary readings ends up with one of them, whatever the model
            # said of its characters one by one
            for s, e, default in several:
                if " ".join(readings[s:e]) not in self.several[text[s:e]].split("|"):
                    readings[s:e] = default
                    for p in range(s, e):
                        how[p] = "default"
            # citation tones for 一 and 不; sandhi is shown at display time
            for ch, spoken, citation in (("一", ("yi2", "yi4"), "yi1"), ("不", ("bu2",), "bu4")):
                p = text.find(ch)
                while p >= 0:
                    if readings[p] in spoken:
                        readings[p] = citation
                    p = text.find(ch, p + 1)
            out.append((readings, how))
        return out

    def _prepare(self, text: str, words: list[tuple[int, int]]):
        """(readings, pending, phrase_pos): the reading of every ideograph inside ``words`` (a
        list indexed by position, None elsewhere), the polyphones the model should look at, and
        for those of them read from a dictionary word the probability the model needs to
        overrule that reading."""
        model = self.model
        readings: list[str | None] = [None] * len(text)
        phrase_pos: dict[int, float] = {}
        pending: list[int] = []
        units: list[tuple[int, int, tuple | None]] = []
        word_of: list[tuple[int, int]] = []  # the segmenter's word each unit belongs to
        slow: list[int] = []  # units a rule or the model may read otherwise than a dictionary
        several: list[tuple[int, int, tuple]] = []  # words of several readings the model may touch
        how: dict[int, str] = {}  # how a reading was decided, where it was not a dictionary's
        special = self._special
        infix = "了" in text or "过" in text  # a separable word (X了Y) is possible
        char_cache = self._char_cache
        word_reading = self.word_reading
        # The common cases take their reading at once: a character no rule and no model reads
        # otherwise, and a dictionary word with no such character in it (such words are
        # ideographs only: the dictionaries hold nothing else).
        # two loose characters that make a word CC-CEDICT gives one reading are read as that word
        # (穿|上 -> 穿上 chuānshang: the segmenter cut them apart, the dictionary has them together),
        # unless a context rule reads one of them (X中|的, 教|孩子: the rules know better)
        cedict = self.cedict
        merged: list[tuple[int, int]] = []
        i, n = 0, len(words)
        while i < n:
            s, e = words[i]
            if (e - s == 1 and i + 1 < n and words[i + 1] == (e, e + 1) and text[s : e + 1] in cedict
                    and text[s] not in GRAMMAR and text[e] not in GRAMMAR and "不" not in text[s : e + 1]
                    and "一" not in text[s : e + 1] and text[s : e + 1] not in self.split_pairs):
                merged.append((s, e + 1))
                i += 2
            else:
                merged.append((s, e))
                i += 1
        for s, e in merged:
            if e - s == 1:
                ch = text[s]
                if ch in special:
                    slow.append(len(units))
                else:
                    r = char_cache.get(ch)  # only ideographs are ever cached
                    if r is None and is_hanzi(ch):
                        r = self.char_reading(ch)
                    readings[s] = r
                units.append((s, e, None))
                word_of.append((s, e))
                continue
            if e - s == 2 and text[s + 1] == "是" and text[s:e] in CLAUSE_END_WORDS and not _ends_clause(text, e):
                # 那是 "of course", 真是 "really!" are words only where they end what is said; before
                # more words they are 那 / 真 and the verb 是 (那是谁, 真是太聪明了): shì
                for p in range(s, e):
                    readings[p] = self.char_reading(text[p])
                    how[p] = "rule"
                units.append((s, e, (tuple(readings[s:e]), "lexicon")))
                word_of.append((s, e))
                continue
            hit = word_reading(text[s:e])
            if hit is not None:
                if hit is not None and (self._final(hit, text[s:e]) or special.isdisjoint(text[s:e])) and text[s:e] not in WORD_RULES:
                    readings[s:e] = hit[0]
                    if hit[1] in ("lexicon", "several", "several?"):
                        label = "reviewed" if hit[1] == "lexicon" else "default"
                        for p in range(s, e):
                            how[p] = label
                    elif hit[1] == "cedict" and text[s:e] in self.names:
                        rare = self._rare(text[s:e])
                        for p in range(s, e):
                            if text[p] in special and ((rare and text[p] not in NAME_PLAIN) or hit[0][p - s] != self.single.get(text[p])):
                                how[p] = "name"  # a polyphone in a proper name, read otherwise than usual or rare
                else:
                    slow.append(len(units))
                units.append((s, e, hit))
                word_of.append((s, e))
            else:
                if (text[s] in SURNAME_READINGS and (
                        e - s == 3 and not self._known(text[s : s + 2])
                        and (not self._known(text[s + 1 : e]) or text[s + 1 : e] in self.names)
                        or e - s == 2 and not self._known(text[s:e]) and text[s + 1] not in SURNAME_READINGS
                        and text[s + 1] not in NOT_GIVEN_NAME
                        and not self._jieba_word(text[s:e]))):
                    # a three-character word no dictionary knows, starting with a surname of
                    # its own reading: a person's name (单霁翔 Shàn, 解振华 Xiè, 仇小平 Qiú; of two: 华凌 Huà,
                    # joined as a name by the segmenter, as no dictionary knows it)
                    readings[s] = SURNAME_READINGS[text[s]]
                    how[s] = "rule"
                    units.append((s, s + 1, ((readings[s],), "lexicon")))
                    word_of.append((s, e))
                    s += 1
                for sub in self._subwords(text, s, e):
                    slow.append(len(units))
                    units.append(sub)
                    word_of.append((s, e))
        cands = model.cands if model is not None else {}
        for k in slow:
            s, e, hit = units[k]
            ws, we = word_of[k]
            if hit is not None and text[s:e] in WORD_RULES and (hit[1] in ("several", "several?") or text[s:e] in WRITTEN_FOR):
                prev_w = text[units[k - 1][0] : units[k - 1][1]] if k > 0 and units[k - 1][1] == s else ""
                nxt = units[k + 1] if k + 1 < len(units) else None
                next_w = text[nxt[0] : nxt[1]] if nxt is not None and nxt[0] == e else ""
                chosen = word_rule_reading(text, s, e, prev_w, next_w)
                label = "default" if hit[1] in ("several", "several?") else None
                if chosen is not None:
                    hit = (chosen, "several")
                    label = "word-rule"
                readings[s:e] = hit[0]
                if label is not None:
                    for p in range(s, e):
                        how[p] = label
                continue
            if hit is not None and (self._final(hit, text[s:e]) or special.isdisjoint(text[s:e])):
                readings[s:e] = hit[0]
                if hit[1] in ("lexicon", "several", "several?"):
                    label = "reviewed" if hit[1] == "lexicon" else "default"
                    for p in range(s, e):
                        how[p] = label
                elif hit[1] == "cedict" and text[s:e] in self.names:
                    self._mark_name(text, s, e, hit[0], how, special, range(s, e))
                continue
            if hit is not None and hit[1] in ("several", "several?"):
                several.append((s, e, hit[0]))
            # a floor word with a character a rule reads: the rules may read it otherwise (a
            # word the segmenter glued wrongly), the model may not
            floor = hit is not None and hit[1] in FLOOR_SOURCES
            neighbours = None  # (previous word, next word), worked out only for a rule's character
            by_phrase = []  # positions read as the dictionary word reads them
            for p in range(s, e):
                ch = text[p]
                if not is_hanzi(ch):
                    continue
                phrase = hit[0][p - s] if hit is not None else None
                r = None
                if infix and e - s == 1 and (ch in "了过" or text[e : e + 1] in ("了", "过") or text[s - 1 : s] in ("了", "过")):
                    r = self._separable(text, units, k)
                if r is None and ch in RULES:
                    if neighbours is None:
                        prev_w = text[units[k - 1][0] : units[k - 1][1]] if k > 0 and units[k - 1][1] == s else ""
                        nxt = units[k + 1] if k + 1 < len(units) else None
                        next_w = text[nxt[0] : nxt[1]] if nxt is not None and nxt[0] == e else ""
                        neighbours = (prev_w, next_w)
                    r = rule_reading_how(text, p, s, e, neighbours[0], neighbours[1], phrase, ws, we)
                if r is not None:
                    readings[p] = r[0]
                    how[p] = r[1]
                elif phrase is not None:
                    readings[p] = phrase
                    by_phrase.append(p)
                    if hit[1] in ("lexicon", "several", "several?"):
                        how[p] = "reviewed" if hit[1] == "lexicon" else "default"
                    # the model may overrule pypinyin's reading of a word of two or three
                    # characters, never a fixed expression of four or more (号啕大哭 háotáo)
                    if ch in cands and ch not in COMMON and not floor and e - s < 4:
                        phrase_pos[p] = G2P_OVERRIDE
                        pending.append(p)
                else:
                    readings[p] = char_cache.get(ch) or self.char_reading(ch)
                    if ch in cands:
                        pending.append(p)
            if hit is not None and hit[1] == "cedict" and by_phrase and text[s:e] in self.names:
                # as on the path above, but not for the grammar rules' characters, whose names never took
                # this path's mark (长城, 长江: 长 is read zhǎng alone more often than not)
                self._mark_name(text, s, e, hit[0], how, special, [p for p in by_phrase if text[p] not in GRAMMAR])
        return readings, pending, phrase_pos, several, how

    def _mark_name(self, text: str, s: int, e: int, reading, how: list, special, positions) -> None:
        """Label "name" the polyphones of a proper name (CC-CEDICT's reading) read otherwise than the
        character usually is, or any in a rare name (勃艮第, 帖木儿): the unsure mark's cue."""
        rare = self._rare(text[s:e])
        for p in positions:
            if text[p] in special and ((rare and text[p] not in NAME_PLAIN) or reading[p - s] != self.single.get(text[p])):
                how[p] = "name"  # a polyphone in a proper name, read otherwise than usual or rare

    def _separable(self, text: str, units: list, k: int) -> tuple[str, str] | None:
        """A separable word (离合词) with 了 or 过 inside: X了Y / X过Y, where the characters X and Y
        stand alone and XY is a word CC-CEDICT gives one reading, reads X and Y as XY does (折了本
        shé: 折本 shéběn; 理了发 fà; 中了奖 zhòng; 睡过觉 jiào), and the 了 / 过 between them as the
        aspect particle. Not a reduplication (数了数, 看了看). (reading, "rule") for the unit ``k``,
        or None."""
        s, e, _ = units[k]
        n = len(units)

        def single(j: int) -> bool:
            return 0 <= j < n and units[j][1] - units[j][0] == 1

        for x, y, mine in ((k, k + 2, 0), (k - 2, k, 1), (k - 1, k + 1, None)):
            if not (single(x) and single(x + 1) and single(y)):
                continue
            xs, ys = units[x][0], units[y][0]
            if (units[x + 1][0] != xs + 1 or ys != xs + 2 or text[xs + 1] not in "了过" or text[xs] == text[ys]
                    or text[ys] in "了过着的地得为一"  # 没过了膝盖: no word 没了 there; 成了为养老而…: no 成为; 划了一下午: no 划一
                    or (text[xs + 1] == "过" and text[ys + 1 : ys + 2] in ("来", "去"))  # 转过脸去: directional
                    or (text[ys] == "好" and text[ys + 1 : ys + 2] in ("几", "多", "久", "些"))):  # 转了好几圈: no 转好
                continue
            word = self.cedict.get(text[xs] + text[ys])
            if word is not None:
                if mine is None:  # the 了 or 过 inside: the aspect particle (睡过觉 guo)
                    return ("guo5" if text[xs + 1] == "过" else "le5"), "rule"
                return word.split()[mine], "rule"
        return None

    def _subwords(self, text: str, s: int, e: int) -> list[tuple[int, int, tuple | None]]:
        """A word no dictionary knows, cut into dictionary words: jieba's most probable path
        through its dictionary without the word itself (这时候 -> 这 时候, where the longest
        match from the left would give 这时 候), a piece without a reading of its own cut again,
        longest match first."""
        word = text[s:e]
        known = self._subword_cache.get(word)
        if known is not None:
            return [(s + a, s + b, hit) for a, b, hit in known]
        from .segment import shared_segmenter

        seg = shared_segmenter()
        seg.load_for(word)
        out: list[tuple[int, int, tuple | None]] = []
        i = s
        pieces = seg.route(word, max_len=e - s - 1) if e - s > 2 else [word]
        if e - s == 3 and word[1:] in DIRECTIONAL and pieces != [word[0], word[1:]]:
            pieces = [word[0], word[1:]]  # 落下来 -> 落 + 下来 (xià lai), not 落下 + 来: a verb and its complement
        for piece in pieces:
            j = i + len(piece)
            hit = self.word_reading(piece) if len(piece) > 1 else None
            if piece in CLAUSE_END_WORDS and j < e:  # 真是|太 (the word 真是太): 真 + 是, not 真是 zhēnshi
                hit = None
            if hit is not None:
                out.append((i, j, hit))
            else:
                out.extend(self._longest_first(text, i, j))
            i = j
        if len(self._subword_cache) > 100_000:
            self._subword_cache.clear()
        self._subword_cache[word] = [(a - s, b - s, hit) for a, b, hit in out]
        return out

    def _longest_first(self, text: str, s: int, e: int) -> list[tuple[int, int, tuple | None]]:
        out: list[tuple[int, int, tuple | None]] = []
        i = s
        while i < e:
            for j in range(min(e, i + 8), i + 1, -1):
                hit = self.word_reading(text[i:j]) if j - i < e - s or (i, j) != (s, e) else None
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
            if b - a <= WINDOW_MAX:
                yield text[a:b], [p - a for p in ps], a
                continue
            # a long sentence: windows of at most WINDOW_MAX characters, each position with at
            # least WINDOW_CONTEXT characters of context on either side (where the sentence has them)
            i = 0
            while i < len(ps):
                first = ps[i]
                j = i
                while j + 1 < len(ps) and ps[j + 1] - first <= WINDOW_MAX - 2 * WINDOW_CONTEXT:
                    j += 1
                wa = max(a, first - WINDOW_CONTEXT)
                wb = min(b, max(ps[j] + WINDOW_CONTEXT + 1, wa + WINDOW_MAX))
                wa = max(a, min(wa, wb - WINDOW_MAX))
                yield text[wa:wb], [p - wa for p in ps[i : j + 1]], wa
                i = j + 1


# Words CC-CEDICT gives a neutral tone as interjections, which are those words only at the end of a
# clause (那是！ nàshi "of course"; 真是的 zhēnshi): elsewhere they are two words.
CLAUSE_END_WORDS = frozenset({"那是", "真是"})
_CLAUSE_END = frozenset("，。！？；：、…—─,.!?;:\n\"'”’」』）)的啊呀吧")


def _ends_clause(text: str, e: int) -> bool:
    return e >= len(text) or text[e] in _CLAUSE_END or text[e].isspace()


_ENGINE = ReadingEngine()


def shared_engine() -> ReadingEngine:
    return _ENGINE
