"""Pinyin: every conversion and every parser of typed pinyin, in one module.

The program's canonical pinyin is lowercase tone-number syllables (1-5, 5 = neutral), ü as ``v``:
``"zhong4 yao4"``. Input comes from CC-CEDICT (``lu:4``, capitals for names), from the glossary
(tone marks, ``xīn zhì``), from pypinyin, or typed by the user (``Zhong4yao4``, ``lü4``, ``nv3``).

- syllables and tones: :data:`VALID_SYLLABLES`, :func:`marks_to_numbers`, :func:`numbers_to_marks`,
  :func:`split_tone`, :func:`is_valid_syllable`, :func:`strip_tones`;
- showing them: :func:`render_syllable` (marks, numbers, zhuyin), 一/不 sandhi (:func:`spoken_tokens`);
- reading what people type: :func:`syllables`, :func:`parse_reading` / :func:`reading_problem` (the
  one rule for a reading fix, ``--pinyin`` and an imported file's pinyin), :func:`answer_matches`
  (review's typed answer).

Small and dependency-free (the standard library, and :mod:`reader.core.script` for what a hanzi is).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from reader.errors import UserError

from .script import is_hanzi

# ------------------------------------------------------------------------- syllables and tones

# Combining marks (after NFD) -> tone number.
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARK_OF_TONE = {v: k for k, v in _TONE_OF_MARK.items()}
_DIAERESIS = "\u0308"

# Every syllable of Mandarin pinyin without its tone (ü written v), as listed by pypinyin's data.
VALID_SYLLABLES = frozenset(
    """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can cang cao ce
cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci
cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan
dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu
gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou hu hua huai huan huang hui hun
huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku
kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long
lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu n na nai
nan nang nao ne nei nen neng ng ni nia nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai
pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan
que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan
shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu
yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split()
)

_NUMBERED = re.compile(r"^([a-zA-ZüÜêÊ:]+?)([1-5])$")


def marks_to_numbers(syllable: str) -> str:
    """``"shēng"`` -> ``"sheng1"``, ``"lǜ"`` -> ``"lv4"``, ``"de"`` -> ``"de5"``; lower-cased.

    A syllable already in numbers is returned lower-cased with ü as v. Only the tone is converted:
    use :func:`is_valid_syllable` to know whether the result is real pinyin.
    """
    text = unicodedata.normalize("NFD", syllable.strip().lower())
    tone = 0
    out = []
    for ch in text:
        if ch in _TONE_OF_MARK:
            tone = tone or _TONE_OF_MARK[ch]
        elif ch == _DIAERESIS:
            if out and out[-1] == "u":
                out[-1] = "v"
        else:
            out.append(ch)
    # NFC: a circumflex left on e (ế -> ê2) is one character again, as pypinyin's tables write it
    base = unicodedata.normalize("NFC", "".join(out)).replace("u:", "v").replace("ü", "v")
    if base and base[-1] in "12345":
        return base if tone == 0 else base[:-1] + str(tone)
    return f"{base}{tone or 5}"


def split_tone(syllable: str) -> tuple[str, int]:
    """``"zhong1"`` -> ``("zhong", 1)``; a syllable without a number, or with a digit that is no
    tone (0, 6-9), has tone 5."""
    if syllable and syllable[-1].isdigit():
        tone = int(syllable[-1])
        return syllable[:-1], tone if 1 <= tone <= 5 else 5
    return syllable, 5


def is_valid_syllable(syllable: str) -> bool:
    """True when the (tone-number or tone-mark) syllable is a real Mandarin syllable."""
    base, _tone = split_tone(marks_to_numbers(syllable))
    return base in VALID_SYLLABLES


def numbers_to_marks(syllable: str) -> str:
    """``"zhong1"`` -> ``"zhōng"``, ``"lv4"``/``"lu:4"`` -> ``"lǜ"``, ``"Bei3"`` -> ``"Běi"``, ``"de5"`` -> ``"de"``.

    Anything that is not letters followed by a tone number (``"C"``, ``"xx5"`` is letters, ``"·"``) is
    returned unchanged apart from ``u:``/``v`` -> ``ü``.
    """
    m = _NUMBERED.match(syllable)
    if not m:
        return syllable
    letters, tone = m.group(1), int(m.group(2))
    letters = letters.replace("u:", "ü").replace("U:", "Ü")
    letters = re.sub(r"v", "ü", letters)
    letters = re.sub(r"V", "Ü", letters)
    if tone == 5:
        return letters
    low = letters.lower()
    if "ê" in low:  # 欸 ê̄ ế ê̌ ề: the tone mark goes on the ê, over its circumflex
        i = low.index("ê")
    elif "a" in low:
        i = low.index("a")
    elif "e" in low:
        i = low.index("e")
    elif "ou" in low:
        i = low.index("o")
    else:
        vowels = [j for j, c in enumerate(low) if c in "aeiouü"]
        if vowels:
            i = vowels[-1]
        else:  # m, n, ng, hm, hng: the mark goes on the nasal
            nasal = [j for j, c in enumerate(low) if c in "mn"]
            if not nasal:
                return letters
            i = nasal[0]
    marked = letters[: i + 1] + _MARK_OF_TONE[tone] + letters[i + 1 :]
    return unicodedata.normalize("NFC", marked)


def numbers_to_marks_text(pinyin: str) -> str:
    """Convert every space-separated syllable: ``"bao1 gan1 zhi4"`` -> ``"bāo gān zhì"``."""
    return " ".join(numbers_to_marks(s) for s in pinyin.split())


def strip_tones(text: str) -> str:
    """Remove tone marks and tone numbers: ``"xīn zhì"`` / ``"xin1 zhi4"`` -> ``"xin zhi"`` (ü as v)."""
    nfd = unicodedata.normalize("NFD", text.lower())
    out = []
    for ch in nfd:
        if ch in _TONE_OF_MARK:
            continue
        if ch == _DIAERESIS:
            if out and out[-1] == "u":
                out[-1] = "v"
            continue
        if ch in "12345":
            continue
        out.append(ch)
    return "".join(out).replace("u:", "v").replace("ü", "v")


def has_tone_marks(text: str) -> bool:
    return any(ch in _TONE_OF_MARK for ch in unicodedata.normalize("NFD", text))


def normalise_syllables(items: Iterable[str]) -> list[str]:
    """One syllable per item, tone marks or numbers, in; lowercase tone-number syllables out
    (``'Zhōng'`` -> ``'zhong1'``; a digit that is no tone -> 5). For lists already cut into syllables
    (the glossary's, the store's corrections)."""
    out = []
    for s in items:
        s = s.strip()
        if not s:
            continue
        low = s.lower().replace("ü", "v").replace("u:", "v")
        if low[-1].isdigit() and low[:-1].isalpha() and low[:-1].isascii():
            tone = int(low[-1])
            out.append(low[:-1] + str(tone if 1 <= tone <= 5 else 5))
        else:
            out.append(marks_to_numbers(s))
    return out


# ------------------------------------------------------------------------------------ showing

STYLES = ("marks", "numbers", "zhuyin")


def tone_of(syl: str) -> int:
    """The tone of a syllable, 1..5 (5 = neutral or unknown)."""
    return split_tone(syl)[1]


@lru_cache(maxsize=4096)
def syllable_to_marks(syl: str) -> str:
    """'zhong1' -> 'zhōng', 'lv4' -> 'lǜ', 'de5' / 'de' -> 'de' (for display: cached)."""
    base, tone = split_tone(syl)
    return numbers_to_marks(f"{base.replace('u:', 'v')}{tone}")


# -- zhuyin ------------------------------------------------------------------------------------
_INITIALS = [
    ("zh", "ㄓ"), ("ch", "ㄔ"), ("sh", "ㄕ"), ("b", "ㄅ"), ("p", "ㄆ"), ("m", "ㄇ"), ("f", "ㄈ"),
    ("d", "ㄉ"), ("t", "ㄊ"), ("n", "ㄋ"), ("l", "ㄌ"), ("g", "ㄍ"), ("k", "ㄎ"), ("h", "ㄏ"),
    ("j", "ㄐ"), ("q", "ㄑ"), ("x", "ㄒ"), ("r", "ㄖ"), ("z", "ㄗ"), ("c", "ㄘ"), ("s", "ㄙ"),
]
_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "ê": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "ong": "ㄨㄥ",
    "i": "ㄧ", "ia": "ㄧㄚ", "io": "ㄧㄛ", "ie": "ㄧㄝ", "iai": "ㄧㄞ", "iao": "ㄧㄠ", "iu": "ㄧㄡ", "iou": "ㄧㄡ",
    "ian": "ㄧㄢ", "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ",
    "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uei": "ㄨㄟ", "uan": "ㄨㄢ",
    "un": "ㄨㄣ", "uen": "ㄨㄣ", "uang": "ㄨㄤ", "ueng": "ㄨㄥ", "uong": "ㄨㄥ",
    "v": "ㄩ", "ve": "ㄩㄝ", "van": "ㄩㄢ", "vn": "ㄩㄣ",
}
_WHOLE = {
    "zhi": "ㄓ", "chi": "ㄔ", "shi": "ㄕ", "ri": "ㄖ", "zi": "ㄗ", "ci": "ㄘ", "si": "ㄙ",
    "m": "ㄇ", "n": "ㄣ", "ng": "ㄫ", "hm": "ㄏㄇ", "hng": "ㄏㄫ", "r": "ㄦ", "e": "ㄜ", "ê": "ㄝ",
}
_TONE_ZHUYIN = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ"}


@lru_cache(maxsize=4096)
def to_zhuyin(syl: str) -> str:
    base, tone = split_tone(syl)
    base = base.lower().replace("ü", "v").replace("u:", "v")
    if base in _WHOLE:
        body = _WHOLE[base]
    else:
        initial, zh_initial, rest = "", "", base
        if base.startswith("y"):
            rest = base[1:]
            if rest.startswith("u"):  # yu yue yuan yun
                rest = "v" + rest[1:]
            elif not rest.startswith("i"):  # ya ye yao you yan yang yong
                rest = "i" + rest
        elif base.startswith("w"):
            rest = base[1:]
            if not rest.startswith("u"):  # wa wo wai wei wan wen wang weng
                rest = "u" + rest
        else:
            for lat, zy in _INITIALS:
                if base.startswith(lat):
                    initial, zh_initial, rest = lat, zy, base[len(lat) :]
                    break
            if initial in ("j", "q", "x") and rest.startswith("u"):
                rest = "v" + rest[1:]
        final = _FINALS.get(rest)
        if final is None:
            return syl  # not a pinyin syllable we know: show it as it is
        body = zh_initial + final
    if tone == 5:
        return "˙" + body
    return body + _TONE_ZHUYIN[tone]


def render_syllable(syl: str, style: str = "marks") -> str:
    """One syllable in a display style: "marks" (zhōng), "numbers" (zhong1), "zhuyin" (ㄓㄨㄥ)."""
    if style == "numbers":
        base, tone = split_tone(syl)
        return f"{base}{tone}" if base and base != "?" else base
    if style == "zhuyin":
        return to_zhuyin(syl)
    return syllable_to_marks(syl)


def render_syllables(syls: Sequence[str], style: str = "marks", sep: str = "") -> str:
    """A word's syllables joined (marks/numbers: no separator, like textbooks; zhuyin: a space)."""
    if style == "zhuyin" and not sep:
        sep = " "
    return sep.join(render_syllable(s, style) for s in syls)


# -- 一 / 不 sandhi -------------------------------------------------------------------------------
_NUMERAL_CHARS = set("〇零一二三四五六七八九十百千万亿两第")
_NO_YI_SANDHI_AFTER = set("第初十")
_NO_YI_SANDHI_BEFORE = set("月号日")


def spoken_syllables(
    chars: str,
    syllables: Sequence[str],
    word_breaks: Sequence[int] = (),
    sandhi: bool = True,
) -> list[str]:
    """The syllables as spoken: 一 and 不 take the tones textbooks print (yí gè, yì tiān, bú shì).

    ``chars`` and ``syllables`` are parallel (one syllable per character, hanzi only).
    ``word_breaks``: indexes where a new word starts (一 at the end of a word such as 统一, 唯一,
    第一 keeps its citation tone). With ``sandhi=False`` the syllables are returned unchanged.
    Third-tone sandhi is not shown (textbooks do not print it).
    """
    out = list(syllables)
    if not sandhi:
        return out
    breaks = set(word_breaks)
    n = len(out)
    for k in range(n - 1):
        ch = chars[k]
        if ch not in "一不":
            continue
        nxt = out[k + 1]
        nxt_tone = tone_of(nxt) if nxt not in ("?", "") else 0
        if ch == "不":
            if out[k] == "bu4" and nxt_tone == 4:
                out[k] = "bu2"
            continue
        if out[k] != "yi1":
            continue
        if (k + 1) in breaks and k not in breaks:
            continue  # 统一 | 战线, 唯一, 之一: 一 ends a longer word
        if k > 0 and k not in breaks and chars[k - 1] in _NUMERAL_CHARS | _NO_YI_SANDHI_AFTER:
            continue  # 第一, 十一, 一一
        if chars[k + 1] in _NUMERAL_CHARS or chars[k + 1] in _NO_YI_SANDHI_BEFORE:
            continue  # 一九四九, 一月, 一号
        if nxt_tone in (4, 5):
            out[k] = "yi2"
        elif nxt_tone in (1, 2, 3):
            out[k] = "yi4"
    return out


def spoken_tokens(tokens: Sequence, sandhi: bool = True) -> list[tuple[str, ...]]:
    """Per token, its syllables as spoken (see :func:`spoken_syllables`); context crosses tokens
    (不 | 是 → bú shì) but not non-hanzi tokens."""
    result: list[tuple[str, ...]] = [tuple(t.pinyin) for t in tokens]
    if not sandhi:
        return result
    k = 0
    n = len(tokens)
    while k < n:
        if not tokens[k].pinyin:
            k += 1
            continue
        # a stretch of adjacent hanzi tokens
        j = k
        chars: list[str] = []
        syls: list[str] = []
        breaks: list[int] = []
        owners: list[int] = []
        while j < n and tokens[j].pinyin:
            breaks.append(len(syls))
            hz = [c for c in tokens[j].text if is_hanzi(c)]
            chars.extend(hz)
            syls.extend(tokens[j].pinyin)
            owners.append(j)
            j += 1
        if any(c in "一不" for c in chars) and len(chars) == len(syls):
            spoken = spoken_syllables("".join(chars), syls, breaks, True)
            pos = 0
            for t in owners:
                m = len(tokens[t].pinyin)
                result[t] = tuple(spoken[pos : pos + m])
                pos += m
        k = j
    return result


# ------------------------------------------------------------------------ a pinyin search query

_PREFIXES = frozenset(v[:i] for v in VALID_SYLLABLES for i in range(1, len(v) + 1))


def parse_query(q: str) -> list[tuple[str, int | None, bool]] | None:
    """Cut a pinyin search query into ``(base, tone or None, complete)`` syllables, or None when it is
    not pinyin (the glossary's search).

    Accepts tone marks (``xīnzhì``), numbers (``xin1zhi4``), none (``xinzhi``) or a mix, spaces or not;
    the last syllable may be incomplete (``zhongg``).
    """
    nfd = unicodedata.normalize("NFD", q.replace("u:", "v"))
    chunks: list[list[tuple[str, int | None]]] = [[]]
    for ch in nfd:
        cur = chunks[-1]
        if "a" <= ch <= "z":
            cur.append((ch, None))
        elif ch in _TONE_OF_MARK and cur:
            cur[-1] = (cur[-1][0], _TONE_OF_MARK[ch])
        elif ch == "\u0308" and cur and cur[-1][0] == "u":
            cur[-1] = ("v", cur[-1][1])
        elif ch in "12345" and cur:
            cur.append(("#", int(ch)))
            chunks.append([])
        elif ch in " '’-":
            chunks.append([])
        else:
            return None
    out: list[tuple[str, int | None, bool]] = []
    chunks = [c for c in chunks if c]
    for ci, chunk in enumerate(chunks):
        digit = chunk.pop()[1] if chunk[-1][0] == "#" else None
        letters = "".join(c for c, _t in chunk)
        i = 0
        while i < len(letters):
            j = next((j for j in range(min(len(letters), i + 6), i, -1) if letters[i:j] in VALID_SYLLABLES), None)
            last_chunk = ci == len(chunks) - 1
            if j is None:
                if last_chunk and letters[i:] in _PREFIXES:
                    out.append((letters[i:], None, False))
                    break
                return None
            tones = [t for _c, t in chunk[i:j] if t]
            tone = tones[0] if tones else (digit if j == len(letters) else None)
            out.append((letters[i:j], tone, True))
            i = j
    return out or None


# ------------------------------------------------------------------------ reading typed pinyin

_SYLLABLE = re.compile(r"[a-zv]+[1-5]?")
_SEPARATORS = re.compile(r"[\s'’,.·\-_/]+")
_MARKED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def syllables(text: str) -> list[str]:
    """Split pinyin in any of the usual spellings into canonical syllables.

    >>> syllables("Zhong4yao4")
    ['zhong4', 'yao4']
    >>> syllables("lu:4 nü3 de")
    ['lv4', 'nv3', 'de5']
    >>> syllables("xīn zhì")
    ['xin1', 'zhi4']

    A syllable without a tone number gets tone 5 (neutral). Syllables written together with tone
    marks but no separators (``zhòngyào``) cannot be split reliably and come out as one chunk.
    """
    text = unicodedata.normalize("NFC", text.strip().lower())
    text = text.replace("u:", "v")
    result: list[str] = []
    for chunk in _SEPARATORS.split(text):
        if not chunk:
            continue
        chunk = marks_to_numbers(chunk)
        for syl in _SYLLABLE.findall(chunk):
            result.append(syl if syl[-1] in "12345" else syl + "5")
    return result


def normalise(text: str) -> str:
    """Canonical form of a pinyin string: space-separated tone-number syllables."""
    return " ".join(syllables(text))


def answer_matches(answer: str, expected: str) -> bool:
    """Is the typed answer the expected reading? Case, spaces, ü/v/u:, tone 5 or none are all forgiven.

    >>> answer_matches("Zhong4yao4", "zhong4 yao4")
    True
    >>> answer_matches("zhong1 yao4", "zhong4 yao4")
    False
    >>> answer_matches("zhòngyào", "zhong4 yao4")
    True
    """
    want = syllables(expected)
    if not want:
        return False
    if syllables(answer) == want:
        return True
    # Tone marks typed run together (zhòngyào, Xī'ān, as an IME writes them) cannot be cut into
    # syllables reliably: compare with the expected reading written the same way instead.
    typed = unicodedata.normalize("NFC", answer.strip().lower()).replace("u:", "ü").replace("v", "ü")
    typed = _SEPARATORS.sub("", typed)
    return any(ch in _MARKED for ch in typed) and typed == "".join(numbers_to_marks(s) for s in want)


def to_marks(text: str) -> str:
    """``"zhong4 yao4"`` -> ``"zhòng yào"`` (for exports and display)."""
    return " ".join(numbers_to_marks(s) for s in syllables(text))


class PinyinError(UserError):
    """Typed pinyin that is not a reading of the word (a one-line message for the user)."""


_BAD_TONE = re.compile(r"[06-9]")


def reading_problem(word: str, typed: str, *, whole_word: bool = False) -> str | None:
    """Why ``typed`` is not a reading of ``word``, or None when it is.

    The one rule for pinyin a user types (a reading fix in the reader and ``yuedu corrections set``,
    ``yuedu vocab add/edit --pinyin``, an imported file's pinyin): every syllable real pinyin, tones
    1-5 (as numbers or marks; none = neutral), and one syllable per hanzi of the word. With
    ``whole_word`` (a saved word's pinyin) the count is only checked when the word is all hanzi
    (``AI芯片`` may carry ``AI`` in its pinyin); a reading fix always gives one per hanzi.
    """
    syls = syllables(typed)
    bad = [s for s in syls if not is_valid_syllable(s)]
    if _BAD_TONE.search(typed) or bad or not syls:
        shown = typed.strip()[:40]
        return (f"{shown!r} is not pinyin: write one syllable per hanzi, separated by spaces, "
                "with tone numbers 1-5 or tone marks (zhong4 yao4 or zhòng yào)")
    hanzi = [ch for ch in word if is_hanzi(ch)]
    if whole_word and len(hanzi) != len(word):
        return None
    if not hanzi:
        return f"{word!r} has no hanzi to give a reading to"
    if hanzi and len(syls) != len(hanzi):
        return f"{word} has {len(hanzi)} hanzi but {len(syls)} syllable(s) were given: {' '.join(syls)}"
    return None


def parse_reading(word: str, typed: str, *, whole_word: bool = False) -> list[str]:
    """``typed`` as canonical syllables for ``word``; raises :class:`PinyinError` saying why not."""
    problem = reading_problem(word, typed, whole_word=whole_word)
    if problem is not None:
        raise PinyinError(problem)
    return syllables(typed)


def pinyin_problem(word: str, pinyin: str) -> str | None:
    """Why a saved word's ``pinyin`` is not a reading of it (``vocab add --pinyin``, an imported
    file's pinyin column), or None: :func:`reading_problem` for a whole saved word."""
    return reading_problem(word, pinyin, whole_word=True)
