"""Tone marks <-> tone numbers for pinyin syllables, and the set of valid pinyin syllables.

Small and dependency-free: the glossary stores pinyin with tone marks (``xīn zhì``), the program works
in tone numbers (``xin1 zhi4``, ü as ``v``, 5 = neutral), and CC-CEDICT writes numbers with ``u:`` for ü
and capitals for proper names (``Bei3 jing1``).
"""

from __future__ import annotations

import re
import unicodedata

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
    base = "".join(out).replace("u:", "v").replace("ü", "v")
    if base and base[-1] in "12345":
        return base if tone == 0 else base[:-1] + str(tone)
    return f"{base}{tone or 5}"


def split_tone(syllable: str) -> tuple[str, int]:
    """``"zhong1"`` -> ``("zhong", 1)``; a syllable without a number has tone 5."""
    if syllable and syllable[-1] in "12345":
        return syllable[:-1], int(syllable[-1])
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
