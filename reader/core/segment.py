"""Splitting a paragraph into tokens: runs of one script, then words inside the hanzi runs.

The paragraph is first cut into runs by character class (hanzi, Latin letters, digits, spaces,
punctuation, anything else such as emoji); only the hanzi runs go through jieba. Forced spans
(glossary terms, the user's merges) are cut out before jieba sees the text, so they always come
out as one token and never leak into jieba's global state.

jieba is imported on first use only, its cache file lives in ``paths.cache_dir()`` and its
logging is silenced.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .script import is_hanzi

HANZI, LATIN, NUMBER, PUNCT, SPACE, OTHER = "hanzi", "latin", "number", "punct", "space", "other"

# Closing punctuation (no line may start with it) and opening punctuation (no line may end with it).
CLOSING = set("，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%·～~〗〙〛")
OPENING = set("（《「『【〔〈“‘([{〖〘〚")


_JOINERS = {"\u200d", "\u200c", "\ufe0e", "\ufe0f"}


@lru_cache(maxsize=65536)
def char_class(ch: str) -> str:
    """The run class of one character; "mark" for characters that attach to the one before."""
    if is_hanzi(ch):
        return HANZI
    if ch in _JOINERS:
        return "mark"
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Mc") or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
        return "mark"
    if ch.isspace():
        return SPACE
    if cat == "Nd" or ch in "0123456789":
        return NUMBER
    if cat.startswith("L"):
        # Letters of alphabetic scripts (Latin, Greek, Cyrillic, pinyin with marks ...).
        return LATIN
    if cat.startswith("P") or cat in ("Sm", "Sc", "Sk") and ord(ch) < 0x3000 or ch in "～·﹏＿":
        return PUNCT
    return OTHER


# CJK Unified Ideographs, the block every common hanzi is in: all of it is ideographs (a test
# checks this against script.is_hanzi).
_COMMON_HANZI = re.compile("[\u4e00-\u9fff]+")


def split_runs(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) runs covering ``text`` exactly.

    Hanzi, Latin, digit and space characters join runs of their own kind; each punctuation mark is
    its own run except repeats of one mark (…… ——); combining marks, joiners and variation
    selectors stay with the character before them; a ZWJ also pulls in the character after it.
    Digits with an inner point or comma (3.14, 1,000) stay one number.
    """
    runs: list[list] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        cls = char_class(ch)
        if cls == HANZI:
            # the bulk of a Chinese text: a whole stretch of common ideographs in one step
            m = _COMMON_HANZI.match(text, i + 1)
            j = m.end() if m is not None else i + 1
            if runs and runs[-1][0] == HANZI and runs[-1][2] == i:
                runs[-1][2] = j
            else:
                runs.append([HANZI, i, j])
            i = j
            continue
        if cls == "mark":
            if runs:
                runs[-1][2] = i + 1
                if ch == "\u200d" and i + 1 < n:
                    runs[-1][2] = i + 2
                    i += 2
                    continue
            else:
                runs.append([OTHER, i, i + 1])
            i += 1
            continue
        if runs:
            last = runs[-1]
            kind = last[0]
            if kind == cls and cls in (HANZI, LATIN, NUMBER, SPACE) and last[2] == i:
                last[2] = i + 1
                i += 1
                continue
            if cls == PUNCT and kind == PUNCT and text[i - 1] == ch and last[2] == i:
                last[2] = i + 1
                i += 1
                continue
            if (
                cls == NUMBER
                and kind == PUNCT
                and last[2] - last[1] == 1
                and text[last[1]] in ".,"
                and len(runs) >= 2
                and runs[-2][0] == NUMBER
                and runs[-2][2] == last[1]
            ):
                runs.pop()
                runs[-1][2] = i + 1
                i += 1
                continue
        runs.append([cls, i, i + 1])
        i += 1
    return [(k, s, e) for k, s, e in runs]


CEDICT_WORD_FREQ = 5  # a rare word for jieba: most of its own words (63 %) have a frequency of 5 or less


class WordDictionary:
    """What segmentation needs of jieba's dictionary: every word, and every prefix of one (with
    frequency 0), mapped to its frequency; and the sum of the frequencies."""

    __slots__ = ("FREQ", "total")

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self.FREQ = freq
        self.total = total


class _Buckets:
    """The dictionary's words grouped by first character, as the compact cache file keeps them: one
    string of newline-terminated words, an array of their frequencies, and for each first character
    where its words begin in both."""

    __slots__ = ("index", "char_at", "item_at", "words", "freqs", "total")

    def __init__(self, chars: str, char_at: bytes, item_at: bytes, words: str, freqs: bytes, total: int) -> None:
        import array

        self.char_at = array.array("q")
        self.char_at.frombytes(char_at)
        self.item_at = array.array("q")
        self.item_at.frombytes(item_at)
        self.freqs = array.array("q")
        self.freqs.frombytes(freqs)
        if len(self.char_at) != len(chars) + 1 or len(self.item_at) != len(chars) + 1:
            raise ValueError("damaged dictionary buckets")
        self.index = {c: k for k, c in enumerate(chars)}
        self.words = words
        self.total = total

    def fill(self, freq: dict[str, int], chars: Iterable[str]) -> None:
        """Add the words beginning with these characters to ``freq``."""
        index, char_at, item_at, words, freqs = self.index, self.char_at, self.item_at, self.words, self.freqs
        for c in chars:
            k = index.get(c)
            if k is None:
                continue
            keys = words[char_at[k] : char_at[k + 1] - 1].split("\n")
            freq.update(zip(keys, freqs[item_at[k] : item_at[k + 1]].tolist()))


class Segmenter:
    """jieba word segmentation, loaded on first use (thread-safe)."""

    def __init__(self) -> None:
        self._dict: WordDictionary | None = None
        self._jieba = None
        self._lock = threading.Lock()
        self._logp: dict[str, float] = {}  # fragment -> log-probability, or _PREFIX
        self._memo_for: tuple[int, int] | None = None  # the dictionary and total it was made for
        # loading by first character (load_for): the dictionary being filled, the compact file's
        # buckets, and the first characters whose words are in it already
        self._partial: WordDictionary | None = None
        self._buckets: _Buckets | None = None
        self._have: set[str] = set()

    def load(self) -> WordDictionary:
        """The whole dictionary (every word of every first character)."""
        if self._dict is not None:
            return self._dict
        with self._lock:
            if self._dict is None:
                if self._partial is not None and self._buckets is not None:
                    # fill in the rest, in place: the same dictionary object as load_for gave
                    self._buckets.fill(self._partial.FREQ, set(self._buckets.index) - self._have)
                    self._dict = self._partial
                else:
                    self._dict = self._load_dictionary()
        return self._dict

    def load_for(self, text: str) -> WordDictionary:
        """A dictionary that holds every word beginning with a character of ``text`` (all that
        segmenting ``text`` looks up), read from a compact file in the cache folder bucket by
        bucket: the first screen of a text never seen needs a tenth of the dictionary, and this
        costs a tenth of the time ``load`` does. Later calls add the buckets they need to the same
        dictionary; ``load`` completes it."""
        d = self._dict
        if d is not None:
            return d
        with self._lock:
            if self._dict is not None:
                return self._dict
            if self._partial is None:
                buckets = self._load_buckets()
                if buckets is None:  # no compact file (a read-only cache folder): the whole of it
                    self._dict = self._load_dictionary()
                    return self._dict
                self._buckets = buckets
                self._partial = WordDictionary({}, buckets.total)
            missing = set(text) - self._have
            if missing:
                self._buckets.fill(self._partial.FREQ, missing)  # type: ignore[union-attr]
                self._have |= missing
            return self._partial

    def _load_buckets(self) -> "_Buckets | None":
        """The dictionary of ``_load_dictionary``, its words grouped by first character, kept in the
        cache folder (made once from the whole dictionary)."""
        import array

        from reader import paths

        from .stamped import cached

        def make() -> tuple[str, str, bytes, bytes, str, bytes, int]:
            whole = self._dict or self._load_dictionary()
            ordered = sorted(whole.FREQ.items(), key=lambda kv: kv[0][0])
            chars, char_at, item_at, parts, k, pos = [], array.array("q"), array.array("q"), [], 0, 0
            for i, (w, _) in enumerate(ordered):
                if not chars or w[0] != chars[-1]:
                    chars.append(w[0])
                    char_at.append(pos)
                    item_at.append(i)
                parts.append(w)
                pos += len(w) + 1
            char_at.append(pos)
            item_at.append(len(ordered))
            values = array.array("q", (f for _, f in ordered))
            return ("b1", "".join(chars), char_at.tobytes(), item_at.tobytes(), "\n".join(parts) + "\n",
                    values.tobytes(), whole.total)

        try:
            value = cached(paths.cache_dir() / "jieba-buckets.data", f"b1|{self._dictionary_stamp()}", make, tuple)
            tag, chars, char_at, item_at, words, freqs, total = value
        except (OSError, ValueError, TypeError):
            return None
        if tag != "b1":
            return None
        return _Buckets(chars, char_at, item_at, words, freqs, total)

    def jieba_tokenizer(self):
        """A jieba Tokenizer on this same dictionary, for jieba's own ways of cutting (its HMM)."""
        words = self.load()
        with self._lock:
            if self._jieba is None:
                tok = self._new_tokenizer()
                tok.FREQ, tok.total = words.FREQ, words.total
                tok.initialized = True
                self._jieba = tok
        return self._jieba

    @staticmethod
    def _new_tokenizer():
        import logging

        import jieba

        from reader import paths

        jieba.setLogLevel(logging.ERROR)
        logging.getLogger("jieba").setLevel(logging.ERROR)
        tok = jieba.Tokenizer()
        tok.tmp_dir = str(paths.cache_dir())
        tok.cache_file = "jieba.cache"
        return tok

    def _load_dictionary(self) -> WordDictionary:
        """jieba's dictionary, with the CC-CEDICT words added (below), kept in the cache folder as
        one string of words and an array of their frequencies: read back in a third of the time
        jieba takes to read its own cache of it (measured: 0.3 s against 1.0-1.3 s for its half a
        million entries, most of the annotator's start-up), and without importing jieba at all.
        Built the first time with jieba's own ``initialize()``."""
        import array

        from reader import paths

        from .stamped import cached

        built: list[WordDictionary] = []

        def make() -> tuple[str, bytes, int]:
            tok = self._new_tokenizer()
            tok.initialize()
            self._add_cedict_words(tok)
            built.append(WordDictionary(tok.FREQ, tok.total))
            return "\n".join(tok.FREQ), array.array("q", tok.FREQ.values()).tobytes(), tok.total

        words, freqs, total = cached(paths.cache_dir() / "jieba-dictionary.data", self._dictionary_stamp(), make, tuple)
        if built:
            return built[0]
        values = array.array("q")
        values.frombytes(freqs)
        keys = words.split("\n")
        if len(keys) != len(values):  # not what make() writes: build it afresh
            make()
            return built[0]
        return WordDictionary(dict(zip(keys, values.tolist())), total)

    @staticmethod
    def _dictionary_stamp() -> str:
        """What the dictionary is made from: jieba's dict.txt, CC-CEDICT, and the frequency given to
        the CC-CEDICT words added."""
        import importlib.util
        from importlib import metadata

        from .cedict import stamp as cedict_stamp

        try:
            spec = importlib.util.find_spec("jieba")  # finds the package without running it
            source = Path(spec.origin).with_name("dict.txt")
            st = source.stat()
            source_id = f"{metadata.version('jieba')}:{source}:{st.st_mtime_ns}:{st.st_size}"
        except Exception:
            source_id = "unknown"
        return f"1|{source_id}|{cedict_stamp()}|{CEDICT_WORD_FREQ}"

    def _add_cedict_words(self, tok) -> None:
        """jieba's dictionary dates from before 微信 and 区块链: the words of CC-CEDICT (the dictionary
        the reader looks words up in) that jieba lacks, and would cut into loose characters, are
        added as rare words (frequency CEDICT_WORD_FREQ), so that they come out whole where jieba
        has no better cut. A compound jieba already cuts into words (行动 方案) is left alone: a
        long word is harder to read (one unbroken run of pinyin) and has no entry of its own to
        gain. Measured: CPP dev one item better, the everyday sets unchanged; on the seed page 8
        of 429 runs cut differently (微信, 区块链, 重器, 获批, 副院长 ...)."""
        for word in self._loose_cedict_words(tok):
            tok.add_word(word, CEDICT_WORD_FREQ)

    def _loose_cedict_words(self, tok) -> list[str]:
        """The CC-CEDICT words jieba lacks and cuts into loose characters (a quarter of a second;
        the dictionary they are added to is kept, see ``_load_dictionary``)."""
        from .cedict import single_readings as cedict_words

        freq = tok.FREQ
        missing = [w for w in cedict_words() if not freq.get(w)]
        # cut as jieba's dictionary has it, before any addition
        return [w for w in missing if any(len(piece) == 1 for piece in self.route(w, tok))]

    def cut(self, text: str) -> list[str]:
        """Words of a run of hanzi: jieba's route through its dictionary, then the reviewed
        splits (data/segment_splits.tsv: 有效应对 -> 有效 应对) and people's names (马兴瑞)."""
        self.load_for(text)
        splits = _splits()
        if splits and _splits_re().search(text):
            words: list[str] = []
            for piece, fixed in _cut_at(text, splits):
                words.extend(fixed if fixed else self.route(piece))
        else:
            words = self.route(text)
        return join_names(complement_cut(words))

    def route(self, sentence: str, tok=None, max_len: int = 0) -> list[str]:
        """jieba's own segmentation without its HMM (``Tokenizer.__cut_DAG_NO_HMM``: the most
        probable path through the dictionary's word graph, ties to the longer word), on jieba's
        dictionary, worked out in one backward pass instead of a word graph of lists and a
        generator of tuples, with each fragment's log-probability worked out once: the same
        words, in less than half the time (a test compares the two on the seed page and the CPP
        sentences). For runs of hanzi only, which is all it is given. ``max_len``: words of at
        most this many characters only (0: any), to cut a long word into its parts."""
        tok = tok or self._dict or self._partial
        freq = tok.FREQ
        logtotal = math.log(tok.total)
        if self._memo_for != (id(tok), tok.total) or len(self._logp) > 500_000:
            self._logp = {}  # a new dictionary, or words added since (they change the total)
            self._memo_for = (id(tok), tok.total)
        known = self._logp
        get = known.get
        log = math.log
        n = len(sentence)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            best_end = k + 1
            i = k
            frag = sentence[k]
            while True:
                v = get(frag)
                if v is None:
                    f = freq.get(frag)
                    if f is None:  # no word starts with this fragment
                        break
                    v = known[frag] = log(f) - logtotal if f else _PREFIX
                if v != _PREFIX and (not max_len or i - k < max_len):
                    value = v + score[i + 1]
                    if best is None or value >= best:  # max() over (score, end) pairs: ties to the later end
                        best = value
                        best_end = i + 1
                i += 1
                if i >= n:
                    break
                frag = sentence[k : i + 1]
            if best is None:  # no word starts here: the character alone (jieba: frequency or 1)
                best = log(freq.get(sentence[k]) or 1) - logtotal + score[k + 1]
            score[k] = best
            end[k] = best_end
        words = []
        k = 0
        while k < n:
            words.append(sentence[k : end[k]])
            k = end[k]
        return words


def complement_cut(words: list[str]) -> list[str]:
    """A verb glued to 出 with 来 left alone (伸出|来, 提出|来, 露出|来) or glued to the next verb
    (拿出|来讲) is the verb and the complement 出来: 伸|出来, 拿|出来|讲. (A 来 that starts a word of
    its own, 来自, is not touched.)"""
    if not any(w[:1] in "来去" for w in words):
        return words
    out: list[str] = []
    for w in words:
        if w[:1] == "来" and len(w) <= 2 and w not in LAI_WORDS and out and len(out[-1]) == 2 and out[-1][1] == "出":
            verb = out.pop()
            out.extend((verb[0], "出来") + ((w[1],) if len(w) == 2 else ()))
            continue  # 拿出|来讲 -> 拿|出来|讲 (a verb, the complement and the next verb)
        if (w in ("来", "去") and out and len(out[-1]) == 2 and out[-1][1] + w in COMPLEMENTS
                and pos_tag(out[-1][0]).startswith("v") and out[-1][0] not in "经通"):
            verb = out.pop()
            out.extend((verb[0], verb[1] + w))
            continue  # 转过|来 -> 转|过来: the verb and its directional complement
        out.append(w)
    return out


COMPLEMENTS = frozenset({"过来", "过去", "进来", "进去", "回来", "回去", "上来", "上去", "下来", "下去", "起来"})


# words beginning with 来 that stand on their own after V出 (提出来自各方的意见 is rare beside 拿出来讲)
LAI_WORDS = frozenset({"来自", "来到", "来往", "来源", "来回", "来临", "来访", "来信", "来电", "来宾", "来客", "来年",
                       "来日", "来人", "来意", "来历", "来路", "来势", "来袭", "来函", "来者", "来华", "来京", "来沪"})


# -- reviewed splits and people's names -----------------------------------------------------------

_SPLITS: dict[str, list[str]] | None = None
DATELINE = ("日电", "日讯", "日消息")


def _splits() -> dict[str, list[str]]:
    """data/segment_splits.tsv: a string jieba cuts across a better word boundary -> its words."""
    global _SPLITS
    if _SPLITS is None:
        table: dict[str, list[str]] = {}
        path = Path(__file__).resolve().parent / "data" / "segment_splits.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                key, _, parts = line.partition("\t")
                words = parts.split("\t")[0].split()
                if "".join(words) == key:
                    table[key] = words
        _SPLITS = table
    return _SPLITS


_TAGS: dict[str, str] | None = None
_TAGS_LOCK = threading.Lock()


def pos_tag(word: str) -> str:
    """The part of speech jieba's dictionary gives a word ("v", "a", "n", "t" ...; "" if none).
    The tag is the word's, not its use in a sentence (jieba.posseg does no more for a word it
    knows), so rules ask it only where the word's class is what matters (哄笑 v + 起来: the
    complement). Kept in the cache folder; read the first time a rule asks."""
    global _TAGS
    if _TAGS is None:
        with _TAGS_LOCK:
            if _TAGS is None:
                _TAGS = _load_tags()
    return _TAGS.get(word, "")


def _load_tags() -> dict[str, str]:
    import importlib.util
    from importlib import metadata

    from reader import paths

    from .stamped import cached_strings

    try:
        source = Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")
        st = source.stat()
        stamp = f"tags1|{metadata.version('jieba')}|{st.st_mtime_ns}|{st.st_size}"
    except Exception:
        return {}

    def make() -> dict[str, str]:
        tags: dict[str, str] = {}
        with open(source, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and "\n" not in parts[0]:
                    tags[parts[0]] = parts[2]
        return tags

    return cached_strings(paths.cache_dir() / "jieba-tags.data", stamp, make)


def split_pairs() -> frozenset[str]:
    """Two one-character words the reviewed splits set side by side (干事创业 -> 干 事 创业: 干事):
    the reading engine must not join them again into the dictionary word they spell."""
    out = set()
    for parts in _splits().values():
        for a, b in zip(parts, parts[1:]):
            if len(a) == 1 and len(b) == 1:
                out.add(a + b)
    return frozenset(out)


_SPLITS_RE: re.Pattern | None = None


def _splits_re() -> re.Pattern:
    """One pattern for every split string, the longest first: where several begin at the same
    character, the longest is taken."""
    global _SPLITS_RE
    if _SPLITS_RE is None:
        keys = sorted(_splits(), key=len, reverse=True)
        _SPLITS_RE = re.compile("|".join(map(re.escape, keys)) if keys else "(?!)")
    return _SPLITS_RE


def _cut_at(text: str, splits: dict[str, list[str]]):
    """(piece, None) for text to route, (key, words) for a reviewed split, left to right."""
    start = 0
    for m in _splits_re().finditer(text):
        if m.start() > start:
            yield text[start : m.start()], None
        yield m.group(), splits[m.group()]
        start = m.end()
    if start < len(text):
        yield text[start:], None


# Common single-character surnames (the hundred most frequent, after the 2020 census lists) and
# the words a name sits beside in news: a title before it (副总理何立峰, 书记马兴瑞), a list mark, or
# a verb of reporting after it. Two or three loose characters there, the first a surname and the
# others no function word, are one word: a name.
SURNAMES = frozenset("华王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇解区查")
NOT_IN_NAMES = frozenset("的了在是和与及对向为被把从到也都就还又而但说等将由于这那个们上下中不有我你他她它之所以其或并")
TITLE_END = ("理", "记", "长", "席", "员", "任", "者", "授", "官", "士", "事", "师", "裁", "使", "督", "导", "总", "家", "人", "、", "兼")
AFTER_NAME = ("在", "出席", "表示", "说", "指出", "强调", "会见", "主持", "参加", "介绍", "称", "认为", "讲话", "同志",
              "先生", "女士", "等", "和", "与", "、", "同", "发表", "致辞", "致电", "签署", "宣布", "率团", "会晤")


def join_names(words: list[str]) -> list[str]:
    """Loose characters that make a person's name, joined (何 立 峰 -> 何立峰)."""
    n = len(words)
    if n < 2:
        return words
    out: list[str] = []
    i = 0
    while i < n:
        w = words[i]
        if len(w) == 1 and w in SURNAMES and i + 1 < n:
            given = 0
            for j in (i + 1, i + 2):
                if j < n and len(words[j]) == 1 and words[j] not in NOT_IN_NAMES:
                    given += 1
                else:
                    break
            if given:
                # the word before, a space or two skipped (a byline: 本报记者 华凌, 新华社记者 张继红 摄)
                prev = next((x for x in reversed(out[-3:]) if x.strip()), "")
                nxt = words[i + given + 1] if i + given + 1 < n else ""
                if (prev and prev.endswith(TITLE_END)) or nxt.startswith(AFTER_NAME):
                    out.append("".join(words[i : i + given + 1]))
                    i += given + 1
                    continue
        out.append(w)
        i += 1
    return out


def _same_names(text: str, out: list[tuple[str, int, int]], words, seg: Segmenter) -> list[tuple[str, int, int]]:
    """A name joined in one place of the paragraph (工作人员曾彭华于…: a title before it) is one word
    wherever else it stands in loose characters (…较多，曾 彭 华决定…: nothing beside it says
    "name" there)."""
    names = set()
    for kind, s, e in out:
        if kind == HANZI and 2 <= e - s <= 3 and text[s] in SURNAMES:
            w = text[s:e]
            if w not in words:
                if not seg.load_for(w).FREQ.get(w):
                    names.add(w)
    if not names:
        return out
    merged: list[tuple[str, int, int]] = []
    i, n = 0, len(out)
    while i < n:
        kind, s, e = out[i]
        if kind == HANZI and e - s == 1 and text[s] in SURNAMES:
            for size in (3, 2):
                run = out[i : i + size]
                if (len(run) == size and all(k == HANZI and b - a == 1 for k, a, b in run)
                        and run[-1][2] - s == size and text[s : s + size] in names):
                    merged.append((HANZI, s, s + size))
                    i += size
                    break
            else:
                merged.append(out[i])
                i += 1
            continue
        merged.append(out[i])
        i += 1
    return merged


# In the route's memo of log-probabilities (all <= 0): a fragment that only begins longer words.
_PREFIX = 1.0

_SEGMENTER = Segmenter()


def shared_segmenter() -> Segmenter:
    return _SEGMENTER


def find_spans(text: str, automaton) -> list[tuple[int, int, str]]:
    """Longest-leftmost, non-overlapping matches of a pyahocorasick automaton: (start, end, key)."""
    if automaton is None or len(automaton) == 0:
        return []
    found = []
    for end_idx, key in automaton.iter(text):
        start = end_idx - len(key) + 1
        found.append((start, end_idx + 1, key))
    # longest first, then leftmost; greedily keep non-overlapping
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken = [False] * (len(text) + 1)
    kept = []
    for s, e, k in found:
        if any(taken[s:e]):
            continue
        for j in range(s, e):
            taken[j] = True
        kept.append((s, e, k))
    kept.sort()
    return kept


def build_automaton(keys: Iterable[str]):
    keys = [k for k in keys if k]
    if not keys:
        return None
    import ahocorasick

    a = ahocorasick.Automaton()
    for k in keys:
        a.add_word(k, k)
    a.make_automaton()
    return a


# What stands before the names of a byline, a space apart: 本报记者 华凌, 新华社记者 张继红 摄.
BYLINE_BEFORE = ("记者", "通讯员", "编辑", "撰稿", "作者", "实习生", "见习记者")


def _byline_name(text: str, a: int, b: int, out: list[tuple[str, int, int]], bylined: set[int]) -> bool:
    """Whether the run of hanzi text[a:b] is a person's name in a byline: two or three hanzi, the
    first a surname, standing alone after a space that follows 记者 (or another byline name)."""
    if not 2 <= b - a <= 3 or text[a] not in SURNAMES or any(ch in NOT_IN_NAMES for ch in text[a + 1 : b]):
        return False
    if len(out) < 2 or not text[out[-1][1] : out[-1][2]].isspace() or b < len(text) and not (
            text[b].isspace() or text[b] in "，、,；;）)"):
        return False
    kind, ps, pe = out[-2]
    return kind == HANZI and (text[ps:pe].endswith(BYLINE_BEFORE) or ps in bylined
                              or text[max(0, pe - 5) : pe].endswith(BYLINE_BEFORE))


def segment(
    text: str,
    forced: Sequence[tuple[int, int]] = (),
    splits: dict[str, list[str]] | None = None,
    segmenter: Segmenter | None = None,
) -> list[tuple[str, int, int]]:
    """Tokens (kind, start, end) covering ``text`` exactly.

    ``forced``: sorted non-overlapping spans; the hanzi of a forced span inside one hanzi run are
    one token (a span with punctuation in it gives one token per stretch of hanzi). ``splits``: word -> parts, applied to hanzi tokens equal to the word.
    """
    seg = segmenter or _SEGMENTER
    from .cedict import word_readings

    words = word_readings()
    out: list[tuple[str, int, int]] = []
    loose = joined = False  # a lone surname character; a word of two or three beginning with one
    bylined: set[int] = set()  # where a byline's names begin
    forced = [f for f in forced if f[1] > f[0]]
    for kind, s, e in split_runs(text):
        if kind != HANZI:
            out.append((kind, s, e))
            continue
        # cut the run at forced span boundaries that fall inside it
        pieces: list[tuple[int, int, bool]] = []
        pos = s
        for fs, fe in forced:
            if fe <= s or fs >= e:
                continue
            a, b = max(fs, s), min(fe, e)
            if a > pos:
                pieces.append((pos, a, False))
            pieces.append((a, b, True))  # the hanzi of a forced span stay together ('五子'联动 -> 五子)
            pos = b
        if pos < e:
            pieces.append((pos, e, False))
        for a, b, whole in pieces:
            if not whole and a == s and out and out[-1][0] == NUMBER and text.startswith(DATELINE, a):
                # a dateline: 北京2月1日电 is the 1st, then 电 "cable", never the word 日电 (NEC)
                out.append((HANZI, a, a + 1))
                a += 1
                if a >= b:
                    continue
            if not whole and a == s and b == e and _byline_name(text, a, b, out, bylined):
                # a byline's name (本报记者 华凌, 新华社记者 张继红 摄): the whole run, one word
                out.append((HANZI, a, b))
                bylined.add(a)
                continue
            if whole or (b - a > 1 and text[a:b] in words):
                # a forced span; or a run that is a dictionary word as it stands (三更 in a line of
                # verse, a word looked up alone): that word, never its pieces (三 | 更 sāngèng)
                out.append((HANZI, a, b))
                continue
            k = a
            for w in seg.cut(text[a:b]):
                out.append((HANZI, k, k + len(w)))
                k += len(w)
                if w[0] in SURNAMES:
                    if len(w) == 1:
                        loose = True
                    elif len(w) <= 3 and w not in words:
                        joined = True
    if loose and joined:  # a name joined in one place may stand loose in another
        out = _same_names(text, out, words, seg)
    if splits:
        final: list[tuple[str, int, int]] = []
        for kind, s, e in out:
            parts = splits.get(text[s:e]) if kind == HANZI else None
            if parts and "".join(parts) == text[s:e]:
                k = s
                for p in parts:
                    final.append((HANZI, k, k + len(p)))
                    k += len(p)
            else:
                final.append((kind, s, e))
        out = final
    return out
