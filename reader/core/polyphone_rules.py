"""Context rules for the everyday polyphones that dictionaries and the statistical model get wrong.

Each rule sees the paragraph, the character's position, the word the segmenter put it in, the
words on either side, and the word's dictionary reading when there is one. It returns a
tone-number syllable, or None to leave the decision to the dictionary / model below it.

The rules are grammar, written from how the characters are used (the particles 的/地/得/着/了,
measure-word 只, verb 还 "give back", 长 "grow" ...), not from any test sentence.
"""

from __future__ import annotations

import re
from typing import Callable

from .script import HAN, is_hanzi

# Characters whose readings the rules own: the statistical model never overrules a dictionary
# phrase reading of these (it is confidently wrong on everyday text with them).
COMMON = set("的地得着了为将还行长重处中应分教觉乐调数便曾背给空只假都没好藏参差和发难要通兴看")

NUMERALS = set("一二两三四五六七八九十百千万几半数多每")
DEMONSTRATIVES = set("这那哪某每各另")
PRONOUNS = {"我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "咱", "大家", "谁", "人家", "自己"}
ADVERB_BEFORE_DEI = {"就", "还", "也", "都", "总", "可", "又", "才", "非", "必", "真", "只", "更", "却", "倒", "该", "那", "这", "总是", "还是", "就是", "可是", "也许", "恐怕", "肯定", "一定", "必须", "非得", "现在", "今天", "明天", "马上", "得先", "先", "首先", "只好",
                     "一天", "每天", "每次", "一次", "晚上", "早上", "以后", "后天", "这次", "下次", "每周", "一周", "一年", "每年",
                     "这个月", "下个月", "每个月", "这周", "下周", "今年", "明年", "周末", "须"}
DEI_AFTER_WORDS = tuple(w for w in ADVERB_BEFORE_DEI if len(w) > 1)  # matched across the units (一|天|得)
NUL = "\x00"
PUNCT_END = set("\x00" "，。、；：？！,.;:?!…」』”’）)—")


class Ctx:
    __slots__ = ("text", "p", "ch", "s", "e", "word", "prev_w", "next_w", "phrase", "c1", "c2", "n1", "n2", "ws", "we",
                 "_after", "_before")

    def __init__(self, text, p, s, e, prev_w, next_w, phrase, ws=None, we=None):
        # (s, e): the unit read together (a dictionary word); (ws, we): the segmenter's word
        self.ws = s if ws is None else ws
        self.we = e if we is None else we
        self.text = text
        self.p = p
        self.ch = text[p]
        self.s, self.e = s, e
        self.word = text[s:e]
        self.prev_w = prev_w
        self.next_w = next_w
        self.phrase = phrase
        # neighbours; NUL at the edges so that `c.c1 in "..."` is False there
        self.c1 = text[p - 1] if p >= 1 else NUL
        self.c2 = text[p - 2] if p >= 2 else NUL
        self.n1 = text[p + 1] if p + 1 < len(text) else NUL
        self.n2 = text[p + 2] if p + 2 < len(text) else NUL
        self._after = self._before = None

    @property
    def single(self) -> bool:
        """True when no dictionary word decides this character (a one-character word, or a
        word no dictionary knows)."""
        return self.e - self.s == 1 or self.phrase is None

    @property
    def at_end(self) -> bool:
        """Nothing hanzi follows in the clause."""
        return self.n1 in PUNCT_END or self.n1.isspace()

    def clause_after(self) -> str:
        """Text of the clause after this character (up to the next comma-like mark)."""
        if self._after is not None:
            return self._after
        i = self.p + 1
        n = len(self.text)
        while i < n and self.text[i] not in PUNCT_END:
            i += 1
        self._after = self.text[self.p + 1 : i]
        return self._after

    def clause_before(self) -> str:
        """Text of the clause before this character (back to the last comma-like mark)."""
        if self._before is not None:
            return self._before
        i = self.p - 1
        while i >= 0 and self.text[i] not in PUNCT_END:
            i -= 1
        self._before = self.text[i + 1 : self.p]
        return self._before


# -- the particles ----------------------------------------------------------------------------

def r_de(c: Ctx):  # 的
    if c.single:
        if c.c1 == "打" and c.n1 in "去到回走来":
            return "di1"  # 打的 "take a taxi"
        return "de5?"
    return None


ADV_SUFFIX = set("然地心真断停力速静声快慢细烈重切步意觉般么样乎自续渐度利确底动续紧极常")


def _adverbial(w: str) -> bool:
    """Words that typically precede adverbial 地 (慢慢, 高高兴兴, 认真, 不停, 逐步 ...)."""
    if len(w) >= 2 and (w[-1] == w[-2] or (len(w) == 4 and w[0] == w[1] and w[2] == w[3])):
        return True
    if len(w) >= 2 and w[-1] in ADV_SUFFIX:
        return True
    return len(w) >= 2 and w[-1] in "性化"


DEGREE = set("很更最太挺较越极常")
# nouns beginning with 地 that no adverbial 地 glued to a verb makes (中心|地位, not 耐心地|…)
DI_NOUNS = frozenset({"地位", "地区", "地址", "地点", "地图", "地球", "地铁", "地理", "地产", "地域", "地带", "地段", "地价",
                      "地震", "地质", "地形", "地势", "地主", "地租", "地盘", "地毯", "地板", "地方", "地名", "地表"})  # degree adverbs (非常 ends in 常)


def r_di(c: Ctx):  # 地
    if c.p > c.ws and c.p == c.we - 1 and c.phrase is None:  # (惊天动地 is a word: dì)
        # 静静地, 高高兴兴地 segmented as one word: adverbial 地 after its adverb
        stem = c.text[c.ws : c.p]
        if _adverbial(stem) and stem[-1] not in "土大天本当外各此该草陆基场园":
            return "de5"
    t, p = c.text, c.p
    if p >= 3 and t[p - 1] == t[p - 2] == t[p - 3] and is_hanzi(t[p - 1]):
        return "de5"  # 汪汪汪地吠着: after a sound said three times
    if p == c.e - 1 and c.e - c.s == 2 and p >= 4 and (
            (t[p - 1] == t[p - 3] and t[p - 2] == t[p - 4] and t[p - 1] != t[p - 2])
            or (t[p - 1] == t[p - 2] and t[p - 3] == t[p - 4] and t[p - 1] != t[p - 3])):
        return "de5"  # 很重很重地, 错错落落地 (the words 重地, 落地): after ABAB or AABB
    if p == c.e - 1 and c.e - c.s == 2 and p >= 4 and re.match("([或又越有边一也])[^，。；]\\1[^，。；]$", t[p - 4 : p]):
        return "de5"  # 一歪一倒地 (the word 倒地): after 一X一Y
    if p == c.e - 1 and c.e - c.s == 2 and p >= 2 and t[p - 1] == t[p - 2] and is_hanzi(t[p - 1]) and t[p - 1] not in "天人家年草土":
        return "de5"  # 营营地叫着 (the word 营地): after AA
    if c.p != c.s:
        return None
    if p >= 4 and t[p - 1] == t[p - 2] and t[p - 3] == t[p - 4] and t[p - 1] != t[p - 3] and all(
            is_hanzi(x) for x in t[p - 4 : p]):
        return "de5"  # after an AABB reduplication the segmenter cut apart (伶伶俐俐地, 干干净净地)
    if p >= 2 and t[p - 1] == t[p - 2] and (p == 2 or t[p - 2] != t[p - 3]) and is_hanzi(t[p - 1]) and (
            t[p - 1] not in "天人家年") and c.n1 not in "里裡上下方" and t[p : p + 2] not in DI_NOUNS:
        return "de5"  # after an ABB adjective or an AA word (红惨惨地, 静悄悄地, ，团团地转, 咻咻地喘着)
    if c.single and p >= 4 and t[p - 1] == t[p - 3] and t[p - 2] == t[p - 4] and t[p - 1] != t[p - 2] and all(
            is_hanzi(x) for x in t[p - 4 : p]):
        return "de5"  # after ABAB (一步一步地, 一粒一粒地, 格支格支地)
    if c.single and p >= 4 and t[p - 4] == "不" and t[p - 2] == "不" and t[p - 3] != "得":
        return "de5"  # 不冷不热地
    if c.single and p >= 3 and t[p - 3] == "一" and t[p - 1] == t[p - 2] and is_hanzi(t[p - 1]):
        return "de5"  # 一天天地拖延下去
    if c.single and p >= 4 and re.match("似(.)非\\1$", t[p - 4 : p]):
        return "de5"  # 似睡非睡地
    if c.single and p >= 4 and (re.match("([或又越有边一也])[^，。；]\\1[^，。；]$", t[p - 4 : p]) or re.match("(.)不如\\1$", t[p - 4 : p])):
        return "de5"  # 或作或辍地, 年不如年地: a four-character adverbial
    if c.single and t[p - 1 : p] in ("”", "」") and c.n1 not in "里裡上下方区":
        return "de5"  # “之乎者也”地驳掉他: adverbial after a quoted phrase
    if c.single and (t.endswith(("分外", "格外", "更加", "非常", "十分", "特别"), 0, p) or (p >= 2 and t[p - 2] == "不" and is_hanzi(t[p - 1]))) and c.n1 not in "里裡上下方":
        return "de5"  # 夏天分外地热: an adverb, then adverbial 地
    if c.single and p >= 2 and _pos(t[p - 2 : p]) in ("a", "ad", "z", "d") and c.n1 not in "里裡上下方" and (
            c.c1 not in "土大天本当外各此该草陆基场园"):
        return "de5"  # 他严冷地说: a two-character adjective the reading units cut apart
    if c.single and c.n1 in "里裡" and c.c1 != c.c2:
        return "di4"  # 地里 "in the fields"
    if (c.single and c.c2 == "一" and is_hanzi(c.c1) and c.c1 not in "块片亩处方大小寸尺分顷席"
            and c.next_w and (_pos(c.next_w)[:1] == "v" or _pos(c.next_w) == "zg"
                              or c.text.startswith(("着", "了"), c.p + 1 + len(c.next_w)))):
        return "de5"  # 一列地泊着, 一阵地响: 一 + a measure, adverbial before a verb
    if c.single and c.p == c.s and ("毫无" in c.clause_before() or "毫不" in c.clause_before()):
        return "de5"  # 毫无方向地, 毫不犹豫地: an adverbial phrase, whatever follows
    if c.p == c.we - 1 and c.we - c.ws >= 3 and c.phrase is None and _pos(c.text[c.ws : c.we])[:1] in ("n", "s"):
        return "di4"  # a noun of jieba's dictionary ending in 地 "place" (水源地, 所在地, 根据地): no adverb
    if c.single and c.at_end and "的" in c.clause_before():
        return "di4"  # ending a noun phrase, nothing after it to modify: the noun (…的重要驱动地。)
    before = c.prev_w
    if c.single and c.c2 in DEGREE and c.c1 not in "土大天本当外各此该草陆基场园" and len(before) == 1:
        return "de5"  # 很好地, 更好地回应, 最快地: a degree adverb, an adjective, then adverbial 地
    if before and before[-1] in "的在这那块片亩个些到是于了和与及种土大天本当外各此该":
        return "di4" if c.single else None
    if c.single and p >= 4 and _pos(t[p - 4 : p])[:1] in ("i", "l") and c.n1 not in "里裡上下方":
        return "de5"  # 低声下气地请教: an idiom, then adverbial 地
    if before and _adverbial(before) and before != "什么" and c.word not in DI_NOUNS:
        return "de5"  # 不停地 (also 不停|地下|了, glued wrongly), but 什么地方 "what place"
    if c.single:
        return "de5" if before and len(before) >= 2 and c.e - c.s == 1 and c.n1 and c.n1 not in PUNCT_END else "di4"
    return None


def r_de_dei(c: Ctx):  # 得
    if not c.single:
        if c.word in ("得了", "得到") or c.phrase is not None:
            return None
        return None
    prev = c.prev_w
    if c.text.startswith(FA_STATES + ("要死", "要命", "满地", "一地", "满脸", "满身"), c.p + 1) or (
            c.c1 in "吓惊急慌怕" and c.text.startswith(("赶紧", "连忙", "慌忙"), c.p + 1)):
        return "de5"  # 光耀得发白, 冻得发紫, 胡涂得要死, 吓得赶紧走: the complement of a state
    if c.n1 in "去来下" and (c.n2 in PUNCT_END or c.n2 in "的了吗么") and is_hanzi(c.c1) and c.c1 not in "也还就都总又才先该得只却倒真可非必":
        return "de5"  # 照得去，洗得下的: can (the potential complement)
    if c.c1 in "”’」』":
        return "de5"  # 天女的“好”得明明白白: the complement after a quoted word
    if c.text.startswith(("报应", "好报", "恶报"), c.p + 1) or (c.c1 in "所拾获而很" and c.n1 not in "到了很") or (c.n1 == "着" and c.n2 in "深很了一许") or (c.c1 == "一" and c.n1 in "这那知") or (c.c1 == "亦" and c.n1 not in "到了") or (c.c1 in "如若" and c.n1 == "了") or (c.c1 in "易可难" and c.c2 in "不难" and (c.at_end or c.n1 in "而")) or c.c1 == "白" and c.n1 == "了" or (
            c.n1 in "病疾" or c.n2 in "病疾" or c.text.startswith(("道的", "道之", "道者", "天眼", "风气", "“"), c.p + 1) or c.text.startswith("了“", c.p + 1)):
        return "de2"  # 不易得, 不可得, 白得了, 中年得异疾, 得道的禅师, 得风气之先, 得了“中庸之道”: obtain
    if c.text.startswith(("不受", "再次", "依法", "依照", "依据", "准用", "予以", "免予", "于", "由", "视", "经", "进入", "申请", "请求",
                          "要求", "拒绝", "免除", "暂停", "停止", "延长", "减免", "以", "向", "自行", "径行", "另行"), c.p + 1) and (
            c.c1 in "，者" or c.clause_before().endswith(("者", "人员", "机关", "单位"))) and any(
            x in re.split("[。！？]", c.text[: c.p])[-1] for x in ("者", "之", "因", "依", "规定", "条例", "法", "人员", "机关", "单位", "应")):
        return "de2"  # …者，得再次申请补助; 防疫人员因防疫必要，得进入: "may" (XHC 得 dé, laws and official texts)
    if c.text.startswith(("先", "马上", "赶快", "赶紧", "早点", "快点"), c.p + 1):
        return "dei3"  # 看病得先去一楼挂号: must
    if (prev in PRONOUNS or prev in ADVERB_BEFORE_DEI or c.text.endswith(DEI_AFTER_WORDS, 0, c.p)
            or (prev and prev[-1] in "就还也都总又才先该") and prev not in ("不", "来", "去")):
        if c.n1 and c.n1 not in PUNCT_END and c.n1 not in "到了":
            return "dei3"
    if not prev or c.c1 in PUNCT_END:
        return "dei3" if c.n1 and c.n1 not in "到了" else "de2"
    if c.c1 in "一二三四五六七八九" and c.n1 in "一二三四五六七八九十百千":
        return "de2"  # 二二得四, 三三得九: "makes" (XHC 得 dé)
    if c.c1 == "到" and len(c.prev_w) == 1 and c.next_w and _pos(c.next_w)[:1] in ("t", "s", "f", "n") and c.next_w not in ("很", "好"):
        return "de2"  # 到得傍晚, 到得冬天, 到得背后: "when it came to" (CC-CEDICT 到得 dào dé)
    if (c.n1 == "空" and c.n2 in "儿了时就的，。") or (c.n1 in "到奖票" or (c.n1 == "分" and c.n2 not in "明清开辨外别散")) or (c.n1 == "了" and c.n2 in "第冠亚季奖病金银铜头满高赏一二三四五六七八九十两几") or (c.n1 == "了" and prev and prev[-1] in "她他我你们人队者"):
        return "de2"
    if c.c1 == "不" and prev in ("不",) and c.c2 in "".join(PRONOUNS) + "们":
        return "de2"
    if prev and c.next_w and c.n1 not in "到了":
        from .segment import pos_tag

        nxt = c.next_w
        # a reduplicated one-character word (问问, 想想, 试试) is a verb tried out: jieba's dictionary tags
        # 问问 and 问 nouns; 人人, 天天, 处处 ("every") are not verbs
        redup = c.n1 == c.n2 and is_hanzi(c.n1) and c.n1 not in "人天家年月日个样处事时种件条次" and c.text[c.p + 3 : c.p + 4] != "的"
        if (pos_tag(prev)[:1] == "n" and prev not in ADJ_END and (redup or pos_tag(nxt)[:1] == "v")
                and not (len(prev) == 1 and c.c2 in "也都又就还才") and nxt not in ("没有", "不", "像", "跟", "比")):
            return "dei3"  # a noun, then 得 and a verb: "must" (这件事得问问老师), not the complement's de
    return "de5?"


def r_zhe(c: Ctx):  # 着
    if c.word == "穿着" and c.p == c.e - 1:
        # 穿着 "attire" (zhuó) after 的 / before 很 是 打扮; otherwise "wearing" (zhe)
        return "zhuo2" if c.prev_w.endswith("的") or c.n1 in "很是打讲朴时" or c.at_end else "zhe5"
    if c.phrase is not None and c.word not in ("着",):
        return None
    if c.single:
        if c.n1 == "了" and (c.n2 in PUNCT_END or c.n2 == NUL) and (c.c1 in "于经又都也才就没火灯炉" or c.prev_w in ("终于", "已经")):
            return "zhao2"  # 柴火终于着了。灯着了: caught fire (XHC 着 zháo)
        if c.c1 == "点" and c.c2 in "指打装检评清盘":
            return "zhe5"  # 一手指点着: the verb 指点 and the particle
        if c.c1 in "上又" and c.n1 == "了" and c.p == c.s:
            return "zhao2"  # 头上着了很粗的一下, 背上又着了一下: was hit
        if c.c1 == "得" and c.c2 not in "觉记显懂舍见晓值使怪" and c.n1 in "深很了一许" and c.p == c.s:
            return "zhao2"  # 都得着深厚的趣味: 得着 dé zháo "get" (CC-CEDICT)
        if c.c1 == "遇" and c.p == c.s:
            return "zhao2"  # 遇着 = 遇到: met with (没有遇着能干的主子, 好像遇着了晴天的霹雳)
        if c.c1 in "睡找见猜够摸点烧着" and (c.n1 == "了" or c.at_end) and not (c.c1 == "睡" and c.c2 in "沉熟酣安昏入") and not (
                c.c1 == "烧" and c.c2 in "燃焚灼延"):
            return "zhao2"  # (沉睡着, 熟睡着: sleeping; 猛火焚烧着: burning: the particle)
        if c.c1 in "不得" and c.c2 in "睡找见猜够摸点烧用碰挨怪犯查寻":
            return "zhao2"  # 点不着, 睡不着, 用不着, 找得着
        if c.c1 == "不" and c.c2 in "它他她我你" and c.p >= 3 and c.text[c.p - 3] in "找寻摸猜见":
            return "zhao2"  # 寻它不着: V + object + 不着
        if c.n1 in "急火凉迷慌陆" and not (c.n1 == "火" and c.c1 in "靠烤围对望朝向挨贴"):
            return "zhao2"  # 着急 着火 着凉 着迷 着慌 着陆 (but 靠着火 "by the fire")
        if c.n1 in "手眼重装力落想实笔墨意色":
            if c.text[c.p + 1 : c.p + 3] in ("眼睛", "眼镜", "眼泪", "眼圈", "眼皮", "眼珠"):
                return "zhe5"  # 蒙着眼睛, 戴着眼镜: the aspect particle before a noun
            verb = c.text[c.ws : c.p] if c.ws < c.p else c.prev_w
            if (len(verb) == 1 and is_hanzi(verb) and verb not in "要能会该应需得可肯敢去来好"
                    and _pos(verb)[:1] not in ("r", "p", "d", "c", "u", "m", "f", "q", "t", "s")):
                return "zhe5"  # 拉着手, 扛着重物, 想着想着: a one-character verb and its particle
            if len(verb) == 2 and verb not in SET_ABOUT and _pos(verb)[:1] == "v":
                return "zhe5"  # 希望着意外的…: a verb and its particle (not 应该着手, 开始着手)
            return "zhuo2"  # 着手 着眼 着重 着装 着力 着落 着想 着实 ...
        return "zhe5?"
    return None


def r_le(c: Ctx):  # 了
    if c.phrase is not None and not c.single:
        return None
    if c.single and c.n1 == "事" and c.text.endswith(("可以", "草草", "敷衍", "就此", "便", "就", "算是"), 0, c.p) and (
            c.p + 2 >= len(c.text) or c.text[c.p + 2] in PUNCT_END):
        return "liao3"  # 杀死几个就可以了事: the word 了事 liǎoshì "settle the matter", cut apart
    if c.single or c.word in ("不了", "得了"):
        if c.c1 == "不" and c.c2 not in "为除到" and (c.at_end or c.n1 in "多几这那吗呢啊"):
            return "liao3"
        if c.c1 == "不" and c.p == c.e - 1 and c.word == "不了":
            return "liao3"
        return "le5" if c.single else None
    return None


WEI2_BEFORE = set("成作认称视定改变转化分选评名誉奉推封立聘拜尊任设划列升降编译折沦易退变选晋引视结许")
WEI2_AFTER = {"主", "止", "例", "准", "首", "伍", "期", "生", "限", "重", "最", "佳", "上", "先", "宜", "界", "己", "数", "之", "何", "官", "政", "国", "人", "师", "敌", "伴", "邻", "难", "力", "能"}


BENEFACTIVE_MORE = ("设想", "打算", "考虑", "出力", "效劳", "辩护", "抱不平", "鸣不平", "叫屈", "求情", "说情", "报仇", "出气", "作证", "驱除",
                    "点赞", "赢得", "获得", "争光", "夺得", "喝彩", "叫好", "延命")
WEI4_AFTER_MODAL = frozenset({"要", "也要", "应", "应该", "应当", "会", "能", "可曾", "曾", "曾经", "不曾", "没", "没有",
                              "专门", "特地", "特意", "亲自", "正在", "愿", "愿意", "肯", "再", "先", "想", "须", "必须",
                              "预备", "准备", "打算", "决定", "计划"})
BENEFACTIVE = ("提供", "服务", "效力", "创造", "做出", "作出", "奠定", "带来", "打下", "铺平", "争取", "谋", "贡献", "献", "着想", "操心", "担心", "感到", "高兴", "忙", "发愁", "着急", "难过", "伤心", "担忧", "感动", "欢呼", "骄傲", "自豪", "付出", "买单", "加油", "鼓掌", "祝福", "祈祷", "准备", "负责", "保驾护航", "助力", "赋能", "注入")
BENEFACTIVE_ALL = BENEFACTIVE + BENEFACTIVE_MORE


# verbs that follow 为 "in order to" at the head of a clause (为落实…，为加快…); after a comma a
# bare 为 is more often the copula (X，为 Y 的一种: "is"), so only these are trusted there
PURPOSE = {"平稳", "稳定", "强化", "保障", "协助", "减轻", "因应", "维护", "提升", "照顾", "鼓励", "配合", "落实", "加快", "推动", "实现", "保证", "确保", "方便", "适应", "满足", "解决", "促进", "提高", "加强",
           "进一步", "更好", "贯彻", "保障", "应对", "打造", "推进", "深入", "支持", "帮助", "避免", "防止", "减少",
           "提升", "切实", "全面", "积极", "扩大", "完善", "巩固", "维护", "迎接", "庆祝", "纪念", "配合", "响应",
           "增强", "改善", "保护", "纪念", "探索", "加速", "助力", "服务", "培养", "吸引", "鼓励", "引导", "弥补",
           "做好", "抓好", "办好", "搞好", "管好", "用好", "守好", "建好"}


def _pos(word: str) -> str:
    from .segment import pos_tag

    return pos_tag(word)


FA_STATES = ("发白", "发红", "发黑", "发紫", "发亮", "发黄", "发青", "发抖", "发慌", "发麻", "发烫", "发疼", "发酸", "发软",
             "发胀", "发昏", "发呆", "发愣", "发怵", "发毛", "发闷", "发颤", "发痒", "发涩", "发苦", "发晕", "发僵", "发硬")


def r_wei(c: Ctx):  # 为
    if not c.single:
        if c.word[-1] == "为" and c.p == c.e - 1 and c.word[:-1] and c.word[-2] in WEI2_BEFORE and c.phrase is None:
            return "wei2"
        return None
    if c.c1 in WEI2_BEFORE:
        return "wei2"
    if c.n1 == "着" and c.n2 != "急" or c.n1 == "要" and is_hanzi(c.n2) and c.n2 not in "素求点紧务":
        return "wei4"  # 为着 wèizhe "for the sake of" (CC-CEDICT); 为要进化 "in order to"
    if re.match(f"[{HAN}]{{1,8}}所有([，。；！？、]|$)", c.clause_after() + "。"):
        return "wei2"  # 全部为他们自己所有, 便应为长者所有: owned by (the passive 为…所)
    if (c.p == 0 or c.c1 in "，；。：！？") and 2 <= len(c.clause_after()) <= 4 and c.text.startswith("，", c.p + 1 + len(c.clause_after())) and re.fullmatch(f"[{HAN}]+", c.clause_after()) and c.clause_after() not in ("此", "何", "人", "止", "是"):
        return "wei4"  # ；为阿顺，我…: "for (someone's) sake", a short clause of its own
    if re.match(f"[{HAN}]{{1,5}}计([，。；！？]|$)", c.clause_after() + "。"):
        return "wei4"  # 所以为娜拉计: "for the sake of"
    if re.match(f"[{HAN}]{{1,6}}而[{HAN}]|[{HAN}]{{1,10}}起见|[{HAN}]{{2,10}}的缘故", c.clause_after()) and "以" not in c.clause_before() and not c.clause_after().startswith(("此", "了")):
        return "wei4"  # 为艺术而艺术, 为养老而养老: "for the sake of"
    if re.match(f"[{HAN}]{{1,6}}所(?![需有在以得属谓长])[{HAN}]", c.clause_after()) and not c.clause_after().startswith(("了", "此", "什么")):
        return "wei2"  # 为我所不愿追怀, 为他所骗: the passive 为…所 (XHC 为 wéi ⑥)
    if c.c1 == "以" or "以" in c.clause_before()[:-1] and not any(x in c.clause_before() for x in ("所以", "可以", "以为", "以便", "难以", "以后", "以来", "以上", "以下", "以及", "用以", "得以", "足以", "加以", "予以", "以免", "以往", "以前")):
        return "wei2"
    if c.next_w in PRONOUNS or c.next_w in ("人民", "国家", "社会", "群众", "孩子", "朋友", "别人", "此", "这", "那", "那些", "这些", "他人", "大众", "百姓", "人们", "众人",
                                            "居民", "灾民", "市民", "民众", "学生", "病人", "患者", "农民", "员工", "家长", "长者", "儿童"):
        return "wei4"  # 为他 / 为大家 / 为人民: "for"
    if c.n1 in "这那" and not c.clause_before()[:-1].count("以"):
        return "wei4"  # 为这次比赛忙, 为那件事发愁: "for" this / that
    if c.n1 in WEI2_AFTER:
        return "wei2"
    tail = c.clause_after()[len(c.next_w or "") :]
    if ((c.prev_w in WEI4_AFTER_MODAL or c.prev_w in ("连夜", "亲手", "专程", "主动", "免费", "义务", "一直", "始终", "经常", "常常", "默默"))
            and c.next_w and (_pos(c.next_w)[:1] in ("n", "r", "m") or _pos(c.next_w) == "zg"
                              or c.next_w.endswith(("先生", "女士", "老师", "同志", "师傅", "大夫"))
                              or c.text.startswith(("先生", "女士", "老师", "太太", "小姐"), c.e + len(c.next_w)))
            and not c.next_w[0].isdigit() and c.next_w[0] not in NUMERALS
            and len(tail) > 1 and not _pos(tail).startswith("n")):
        return "wei4"  # 可曾为刘和珍写了, 也要为第一线人员充实: a modal, 为 + whom + a verb: "for" (曾为公司总经理: wéi)
    through = re.match("[^，。；！？]*", c.text[c.p + 1 :]).group(0)  # the clause, quotes and all
    if any(v in through for v in BENEFACTIVE_ALL) and "以" not in c.clause_before() and c.c1 not in "是即乃均皆" and not (
            c.n1 in NUMERALS or c.n1.isdigit()):
        return "wei4"  # 也为理解…提供了, 为“…”自豪, 为中国代表团获得: for
    if c.c1 in "是即乃均皆" or c.prev_w in ("分别", "依次", "分为", "均", "主要", "约", "大约", "仍", "则", "就", "即", "也", "都", "才", "又", "多", "最", "是"):
        return "wei2"
    if (c.c1 in "，。；：！？,.;:!?\x00" or c.c1.isspace()) and (c.next_w in PURPOSE or c.text[c.p + 1 : c.p + 3] in PURPOSE):
        return "wei4"  # a clause opening with 为 and a verb of purpose: 为落实…, 为加快推动…: "in order to"
    if ((c.c1 in "，。；：！？,.;:!?\x00“「‘" or c.c1.isspace()) and c.next_w and _pos(c.next_w)[:1] in ("n", "r")
            and c.next_w not in ("人", "人民") and re.match(f"[{HAN}]{{1,4}}", c.text[c.e + len(c.next_w) :])
            and _pos(c.text[c.e + len(c.next_w) : c.e + len(c.next_w) + 2])[:1] == "v"):
        return "wei4"  # 为全民减税，…: for someone, at the head of a clause
    if (c.c1 in "，。；：！？,.;:!?\x00" or c.c1.isspace()) and c.next_w and (_pos(c.next_w).startswith("v") or (
            _pos(c.next_w)[:1] == "a" and re.match(f"[{HAN}]{{2,}}", c.text[c.e + len(c.next_w) :]))):
        return "wei4"  # any verb after a clause-opening 为 (为支撑…, 为建设…): "in order to" (XHC 为 wèi ④)
    after = c.clause_after()
    if any(v in after for v in BENEFACTIVE_ALL):
        return "wei4"  # 为 X 提供 / 服务 / 创造 ...: "for X"
    if c.n1.isdigit() or c.n1 in NUMERALS - {"多", "数", "每", "几"}:
        return "wei2"
    return "wei4?"


def r_jiang(c: Ctx):  # 将
    if c.single:
        if (c.c1 in "大上中少名猛武良守主副战敌魏蜀吴汉楚秦晋参" and len(c.prev_w) <= 1) or c.n1 in "领士帅官":
            return "jiang4"  # (路上将有刺客: 将 "will" after the word 路上)
        return "jiang1?"
    if c.word == "将门" and c.c1 in "请把要需先":
        return "jiang1"
    return None


HUAN_NEXT = set("给钱清债款书本原手击礼愿乡俗魂宫朝")


def r_hai(c: Ctx):  # 还
    if not c.single:
        if c.word in ("还给", "还清", "还钱", "还款", "还债", "还书", "还本"):
            return "huan2"
        return None
    if c.n1 in HUAN_NEXT:
        return "huan2"
    if c.at_end and c.prev_w not in ("也", "都", "就", "而且", "并且", "呢"):
        return "huan2"
    if c.c1 in "归偿退奉交送返生" and c.p == c.s and len(c.prev_w) <= 1:
        return "huan2"  # (小畜生还要嚷: 还 hái after the word 畜生)
    return "hai2?"


def r_xing(c: Ctx):  # 行
    if c.word == "一行" and c.p == c.e - 1 and c.prev_w in ("这", "那", "哪", "每"):
        return "hang2"
    if c.single:
        if (c.c1 in "一两几三四五六七八九十每这那" or c.prev_w in ("这一", "那一", "一", "同")) and c.n1 not in "人者动走驶进至程使":
            return "hang2"
        return "xing2?"
    return None


ORG = set("局处科厅部院所队组班村县市省校馆社会团站司室系股连营旅师军舰船社厂州镇乡署府监园场店台网办段区委")
ZHANG_NEXT = set("大得出成高胖满了在着起芽肉叶毛牙疮刺锈苔膘个")


def r_zhang(c: Ctx):  # 长
    if c.single:
        if c.c1 and c.c1 in ORG:
            return "zhang3"
        if c.text.startswith(("多高", "多大", "没", "不大", "上天", "成了"), c.p + 1):
            return "zhang3"  # 玉米愿意长多高, 蒿草长没大人的腰, 长不大: grow
        if c.text.endswith(("怎样", "怎么"), 0, c.p) and c.n1 in "的得成大":
            return "zhang3"  # 他们的心怎样长的: how it grew
        if c.p == c.we - 1 and c.we - c.ws >= 3 and c.c1 not in "增延成生助擅专特见漫冗修细狭悠绵深拉加":
            return "zhang3"  # a title no dictionary knows: 检察长, 副县长, 总干事长
        if c.n1 in ZHANG_NEXT and not (c.n1 == "了" and c.c1 in "很太更最真多好"):
            if c.n1 in "了着在" and c.c1 in "很太更最真多好较":
                return "chang2"
            return "zhang3"
        return "chang2?"
    return None


CHONG_NEXT = set("新复逢叠申返建播演读写做来游修组温蹈围峦阳九洗装印录拍刷排选审置启算行又归岚")


def r_zhong(c: Ctx):  # 重
    if c.p == c.s and ((c.n1 == "看" and c.n2 == "到") or (c.n1 == "想" and c.n2 == "起")):
        return "chong2"  # 得以重看到这东西: again
    if c.p == c.s and c.n1 == "到" and c.c1 in "有又再未曾没":
        return "chong2"  # 我没有重到桐庐去: "again"
    if c.p == c.s and c.n1 in CHONG_NEXT and (c.c1 in "又再" or c.n2 in "了过"):
        return "chong2"  # 又重读了一遍, 再重写: "again"
    if c.single and c.c1 == c.n1 and is_hanzi(c.c1) and c.c1 not in DEGREE and c.c1 not in "好真非又不":
        return "chong2"  # 云重云, 坟重坟: layer upon layer (XHC 重 chóng ③)
    if c.single:
        if c.n1 in CHONG_NEXT or c.c1 in "两双多几三四五九" and c.n1 not in "要视量大":
            return "chong2"
        return "zhong4?"
    return None


def r_chu(c: Ctx):  # 处
    if c.single:
        if c.p == c.we - 1 and c.we - c.ws > 1:
            return "chu4"  # 处 ending a word is the noun: 教务处, 办事处, 关键处
        if c.n1 in "于在理置罚分得事世境":
            return "chu3"
        return "chu4?"
    return None


ZHONG4_BEFORE = set("打射击命猜考选看相押说")


def r_zhong1(c: Ctx):  # 中
    if c.single:
        if (c.c1 in ZHONG4_BEFORE and len(c.prev_w) <= 1) or (c.n1 == "了" and c.n2 in "大奖头彩毒计标枪弹埋邪"):
            return "zhong4"
        if c.n1 in "暑毒弹奖标签计邪风状举彩" and c.p == c.s:  # 中暑, 中标, 中状元, 中举
            return "zhong4"
        return "zhong1?"
    return None


def r_ying(c: Ctx):  # 应
    if c.single:
        if c.text.startswith(("依法", "依照", "按照", "予以", "尽快", "立即"), c.p + 1):
            return "ying1"  # 应依法惩处: should
        if c.n1 in "邀聘对付用急变战答声运约试征召验届酬考和接允诺":
            return "ying4"
        if c.c1 in "答响反回适相供报呼感效照对顺":
            return "ying4"
        if c.n1 and (c.n1 in "有当该是以为在于把由从将能可予" or c.n1 in "追去来作做"):
            return "ying1"
        if c.c1 in "不也都就更还亦均" and len(c.prev_w) <= 1 and c.n1 not in "了着过声邀聘":
            return "ying1"  # 不应, 也应: the modal "should"
        if c.text.startswith(("如何", "怎样", "怎么", "清楚", "尽快", "立即"), c.p + 1):
            return "ying1"  # 应如何, 应清楚说明
        if c.next_w and len(c.next_w) >= 2 and _pos(c.next_w)[:1] == "v" and c.n1 not in "了着过声":
            return "ying1"  # the modal "should" before a verb (各地应注意, 应加强); the verb yìng takes 了/声 or is a word (应邀)
        return None
    return None


def r_fen(c: Ctx):  # 分
    if c.single:
        if c.c1 in "成过充部水身名缘本安职天情" and c.p == c.s and c.prev_w and len(c.prev_w) == 1:
            return "fen4"
        return "fen1?"
    return None


JIAO4_WHOM = ("我们", "你们", "他们", "她们", "人家", "大家", "大伙", "众人", "我", "你", "他", "她", "人")
JIAO4_STATES = ("如何不", "怎么不", "怎能不", "怎样不", "怎不", "知道", "晓得", "明白", "看见", "听见", "放心", "担心",
                "害怕", "失望", "为难", "难过", "伤心", "吃亏", "上当", "看不起", "看得起", "相信", "受", "等")


def r_jiao(c: Ctx):  # 教
    if c.single:
        if c.c1 in "请指领调管家助宗佛道回基督天主传任受" or c.n1 in "育室授练师学派会堂徒义条科材龄务研皇廷宗化":
            return "jiao4"
        if _causative_jiao(c):
            return "jiao4"
        return "jiao1?"
    return None


def _causative_jiao(c: Ctx) -> bool:
    """教 jiào "make, let" (XHC: 使，令，让; the written language of Lu Xun's time): 教 + a person + a
    state, an adjective or fixed phrase as jieba's dictionary tags it (教人活泼不得, 教我惭愧, 教人半懂不懂,
    教人着急); 教 jiāo "teach" takes a subject to learn (教我英语, 教孩子识字, 教他游泳)."""
    from .segment import pos_tag

    after = c.text[c.p + 1 :]
    if after.startswith(("把", "拿")) or c.c1 in "更最越" or c.text.endswith(("惟有", "只有", "唯有", "只好", "只得", "父母", "母亲", "父亲"), 0, c.p):
        return True  # 教把这警告递过去, 更教他想念, 惟有教他们留意, 父母教他们再睡: "have (someone) do", "make"
    if re.match(f"[{HAN}]{{1,3}}(赶快|赶紧|立刻|马上|快)?去[拿取买请叫找寻]", after):
        return True  # 便教侍臣赶快去拿木片来: sending someone
    whom = next((w for w in JIAO4_WHOM if after.startswith(w)), None)
    if whom is None:
        return False
    if re.match(f"[{HAN}]得", after[len(whom) :]):
        return True  # 真教人听得头痛
    rest = after[len(whom) :]
    if rest.startswith(("一天比一天", "去", "来")) or re.match(f"[{HAN}]{{1,2}}到[^，。；！？]{{1,8}}[去来]", rest):
        return True  # sending or making someone: 教我去寻, 教他拉到S门去, 教我一天比一天的看不起人
    if len(rest) >= 2 and rest[0] == rest[1] and re.match(f"[{HAN}]", rest[0]) or re.match(f"([{HAN}])一\\1", rest):
        return True  # 教他们学学他, 教我看一看: "let them (have a try)"
    if rest.startswith(("拿出来", "拿来", "拿去", "送来", "送去", "走开", "出去", "回去", "更", "到哪里", "到那里", "哪里", "再", "一切", "不要", "别", "务必", "千万")):
        return True  # 我教他拿出来给你看, 那教我更不敢走, 教人到哪里找: having someone do, making someone feel
    if rest.startswith(JIAO4_STATES) or re.match("(怎么|如何|怎样|怎)(晓得|知道|明白|受得了|不|能|可以|好)", rest):
        return True  # 教我如何不想她, 教人知道, 教他放心: making someone feel or know
    for n in (4, 3, 2):
        tag = pos_tag(rest[:n]) if len(rest) >= n else ""
        if tag:
            return tag.startswith("a") or tag == "l"
    return False


def r_jue(c: Ctx):  # 觉
    if c.single or c.word in ("好觉", "个觉", "一觉"):
        if (c.c1 in "睡好午懒个一大" or c.text.endswith(("一会儿", "一会", "会儿"), 0, c.p)) and c.p == c.e - 1:
            return "jiao4"
        if "睡" in c.clause_after() and c.n1 not in "得着悟醒察":
            return "jiao4"  # 你的觉老没睡足, 连觉也没有好好儿睡过: sleep
        return "jue2" if c.single else None
    return None


def r_le4(c: Ctx):  # 乐
    if c.single:
        if c.c1 in "音器奏声民弦管军爵礼舞" or c.n1 in "器队曲章团谱坛评迷手师府":
            return "yue4"
        return "le4?"
    if c.word in ("乐于助人", "乐于") and c.p == c.s:
        return "le4"
    return None


TIAO_NEXT = set("整节和皮剂理味解料控试配教侃大小高低亮暗快慢好准匀一成得")


def r_diao(c: Ctx):  # 调
    if c.single:
        if c.n1 in TIAO_NEXT or c.c1 in "空协失烹":
            return "tiao2"
        return "diao4?"
    if c.word in ("调小", "调大", "调高", "调低", "调亮", "调暗", "调快", "调慢") and c.p == c.s:
        return "tiao2"
    return None


SHU3_NEXT = set("一了着过到不清得钱数出完落票")


def r_shu(c: Ctx):  # 数
    if c.word.startswith("数一数") and c.p == c.s:
        return "shu3"
    if c.single:
        if c.n1 in "十百千万亿年次日月天个位名种":
            return "shu4"
        if c.n1 in SHU3_NEXT or (c.prev_w in PRONOUNS and c.p == c.s) or c.c1 in "不难屈历细查点清":
            return "shu3"
        return "shu4?"
    return None


def r_na(c: Ctx):  # 那 nà / written for 哪 nǎ (the usage of Lu Xun's time)
    if not c.single:
        return None
    if c.text.startswith(("知道", "晓得", "料到", "想到"), c.p + 1):
        return "na3"  # 那知道: how would one know (哪)
    if c.n1 == "有" and re.match("[^。！？!?]*呢[？?]", c.text[c.p + 1 :]):
        return "na3"  # 那有闲心情和闲工夫来说话呢？: how could there be (哪)
    if c.n1 == "有" and (c.p == 0 or c.c1 in "，。；：！？“「—…,;:!?\"" or c.c1 in "她他我你们"):
        rest = re.match("[^。！？!?]*[。！？!?]?", c.text[c.p + 1 :]).group(0)
        if re.search("呢[。！!]$", rest) or (rest.endswith(("？", "?")) and not re.search("吗|什么|谁|怎|几|多少|么", rest)):
            return "na3"  # 那有闲心情和闲工夫来说话呢？, 那有这一注钱来做聘礼？: how could there be (哪)
    if c.text.endswith(("无论", "不论", "不管"), 0, c.p) or (c.n1 in "一个些" and any(x in c.clause_before() for x in ("无论", "不论", "不管"))):
        return "na3"  # 无论那一面, 无论取那一只: whichever
    if c.n1 in "一个些" and is_hanzi(c.n2 or "") or c.n1 in "个些":
        rest = re.match("[^。！？!?]*[。！？!?]?", c.text[c.p + 1 :]).group(0)
        before = re.split("[。！？!?]", c.text[: c.p])[-1]
        if (rest.endswith(("？", "?")) and not re.search("什么|谁|怎|哪|吗|几|多少", rest) and "是不是" not in rest
                and re.search("究竟|到底", before + rest)):
            return "na3"  # 然而我们究竟正向着那一条路走呢？: which
        if any(x in before for x in ("不知道", "不知", "不了然", "不晓得", "不清楚", "决定")):
            return "na3"  # 不能知道现在说这话的是那一流人: which (an indirect question)
    return None


def r_dang(c: Ctx):  # 当 dāng "when, act as" / dàng "regard as"
    """当 + a person + what they are taken for, with no time in the clause: dàng "regard as, treat as"
    (有的当他们名人, 当他是朋友); 当他来的时候, 当着他的面 stay dāng."""
    if not (c.single and c.next_w in PRONOUNS):
        return None
    after = c.clause_after()
    rest = after[len(c.next_w) :]
    if any(x in after for x in ("时", "之际", "以后", "之后", "以前", "面")) or not rest:
        return None
    if rest.startswith(("是", "作", "做", "成")) or _pos(rest[:2])[:1] == "n" or _pos(rest[:3])[:1] == "n":
        return "dang4"
    return None


def r_he1(c: Ctx):  # 呵 hē (laughing, the interjection opening an utterance) / a the particle ending a clause (XHC ·a)
    if not c.single:
        return None
    if c.c1 == "呵" or c.n1 == "呵" or not (is_hanzi(c.c1) or c.c1 in "”」』）)"):
        return "he1"  # 呵呵, “呵！不得了了: the interjection
    return "a5" if c.at_end else None  # 我来了呵, 这是怎样的悲哀呵，


def r_bian(c: Ctx):  # 便
    if c.single:
        return "pian2" if c.n1 == "宜" else "bian4"
    return None


def r_ceng(c: Ctx):  # 曾
    if c.single:
        if c.text.endswith(("记者", "编辑", "通讯员", "摄影", "报道", "文/", "撰稿"), 0, c.p):
            return "zeng1"  # 记者曾以宁: a reporter's surname
        if c.c1 == "姓" or c.n1 in "祖孙" or c.text[c.p + 1 : c.p + 3] in ("先生", "女士", "老师", "小姐", "同学", "教授", "医生", "书记", "总理", "国藩", "子", "参"):
            return "zeng1"
        return "ceng2?"
    return None


def r_bei(c: Ctx):  # 背
    if c.single or c.word in ("背着", "背起", "背上", "背走", "背包"):
        if c.p != c.s:
            return None
        if c.n1 == "上" and (c.n2 in "的有长冷热凉痒疼痛酸全都也还湿满又被似却是发汗" or c.n2 in PUNCT_END
                            or c.text.startswith(("一样", "一般"), c.p + 2) or _pos(c.text[c.p + 2 : c.p + 4])[:1] == "v"):
            return "bei4"  # 它背上的主人, 背上有一块伤疤, 背上冷冰冰的: the back
        if c.c1 in "牛马驴骡驼象虎狼狗猫鱼脊后手刀椅和与" and c.n1 not in "着起走":
            return "bei4"  # 牛背上, 马背, 手背, 刀背, 胸前和背上: a back, the noun
        if c.n1 in "起走负篓在" or (c.n1 in "着上" and c.n2 not in "手身脸"):
            return "bei1"
        if c.n1 == "了" and c.n2 == "一" and c.text[c.p + 3 : c.p + 4] in tuple("口个袋筐捆包篓担箱麻"):
            return "bei1"  # 背了一口棺材, 背了一袋米: a load on the back
        if c.n1 == "到" and c.clause_after().endswith(("去", "来")):
            return "bei1"  # 从大门外一径背到堂屋里去: carried there
        return "bei4" if c.single else None
    return None


def r_gei(c: Ctx):  # 给
    if c.single:
        return "ji3" if c.c1 in "供补配自" and c.at_end else "gei3"
    return None


def r_kong(c: Ctx):  # 空
    if c.single or c.word in ("有空", "没空", "空白处"):
        if c.n1 in "山谷" and c.single:
            return "kong1"  # 独有空山: an empty mountain (XHC 空山 kōngshān), not 有空 "have time"
        if c.c1 in "有没抽得闲留填偷" or c.n1 in "白闲隙档缺儿地" or c.text.endswith(("一点", "点儿"), 0, c.p):
            return "kong4"
        return "kong1" if c.single else None
    return None


ZHI3_NEXT = set("是有要能会好不在可得剩知想说见听看需用因为顾管怕")


def r_zhi(c: Ctx):  # 只
    if c.single or c.word in ("两只", "一只", "这只", "那只", "几只", "每只"):
        if c.p == c.e - 1 and c.c1 and (c.c1 in NUMERALS or c.c1 in DEMONSTRATIVES) and c.n1 not in ZHI3_NEXT:
            return "zhi1"
        return "zhi3" if c.single else None
    return None


JIA4_BEFORE = set("请放休度病事婚产寒暑年销天周月春节长短告补顾婴丧陪连")


def r_jia(c: Ctx):  # 假
    if c.single:
        if c.c1 in JIA4_BEFORE and c.n1 not in "的话装如设冒象想货币意名":
            return "jia4"
        if c.at_end and any(v in c.clause_before() for v in ("放", "请", "休", "度")):
            return "jia4"  # 放了一周的假, 请三天的假
        return "jia3?"
    return None


def r_dou(c: Ctx):  # 都
    if c.single:
        if (c.c1 in "首国古京旧故建迁定帝陪" and not (len(c.prev_w) > 1 and c.prev_w[-1] in "定古国")) or c.n1 in "城市督统尉护" or (
                c.n1 == "会" and not (is_hanzi(c.n2) and c.n2 not in "区圈报人女男风型中之的")):
            return "du1"
        return "dou1?"
    return None


def r_mei(c: Ctx):  # 没
    if c.single:
        if c.c1 in "淹埋沉覆吞湮出隐泯水河洪潮浪" or c.n1 == "落" or c.n1 == "收" and not c.text.startswith(
                ("收拾", "收到", "收下", "收好", "收回", "收入", "收起", "收进", "收过", "收着", "收完", "收齐", "收获"), c.p + 1):
            return "mo4"  # 淹没, 没落, 没收 "confiscate"; not 没收拾 "had not packed"
        return "mei2?"
    return None


HAO4_NEXT = set("奇学客胜动色战斗强逸恶为事")


def r_hao(c: Ctx):  # 好
    if c.single or (c.p == c.s and c.word in ("好胜心", "好奇心", "好胜")):
        if c.n1 in HAO4_NEXT and c.p == c.s and not (c.n1 == "事" and (c.c1 in "件个是" or c.n2 in "情儿物业")):
            return "hao4"
        if c.c1 in "爱喜嗜癖所友" and c.p == c.s and c.single:
            return "hao4"
        return "hao3" if c.single else None
    return None


def r_cang(c: Ctx):  # 藏
    if c.single:
        if c.c1 in "西宝青经矿储" or c.n1 in "族语文历传药区獒经南北王戏":
            return "zang4"
        return "cang2?"
    return None


def r_can(c: Ctx):  # 参
    if c.single:
        if c.c1 in "人海党丹玄沙苦" or c.n1 == "差":
            return "shen1" if c.n1 != "差" else "cen1"
        return "can1?"
    return None


def r_cha(c: Ctx):  # 差
    if c.single and c.p == c.we - 1 and c.we - c.ws >= 2 and c.c1 not in "出公交邮信钦太很真更最挺较好":
        return "cha1"  # a difference, ending a compound no dictionary knows: 平方差, 价差, 压差
    if c.single:
        if c.c1 in "出公" or c.n1 in "事遣使役":
            return "chai1"
        if c.c1 in "参":
            return "ci1"
        if c.n1 in "别异距错额价":
            return "cha1"
        return "cha4?"
    return None


def r_he(c: Ctx):  # 和
    if c.single:
        if c.c1 in "暖软" and c.p == c.e - 1:
            return "huo5"
        if c.next_w in ("面", "泥", "药") or (c.n1 in "着起了好" and any(x in c.clause_after() for x in ("粉", "面", "泥", "灰"))) or c.text.startswith(("好了面", "好面", "了面", "好了泥", "了一块面"), c.p + 1):
            return "huo2"  # 和面, 和好了面 (knead: XHC 和 huó)
        if c.c1 in "附应唱" and c.p == c.s and c.prev_w and len(c.prev_w) == 1:
            return "he4"
        return "he2?"
    return None


def r_fa(c: Ctx):  # 发
    if c.single:
        if c.c1 in "头理白黑毛短长假金秀卷烫染脱落削束须鬓华紫红灰棕褐乱" and c.p == c.s and not c.prev_w.endswith(("缩短", "延长", "加长", "增长", "成长", "家长", "校长", "部长", "局长", "院长", "明白", "坦白")):
            return "fa4"  # 头发, 白发; not 缩短|发 (shorten the issuing) nor 部长|发 (the minister issued)
        return "fa1?"
    return None


def r_nan(c: Ctx):  # 难
    if c.single:
        if c.c1 in "灾遇苦避患落逃受发责非刁劫罹殉蒙" and c.p == c.s:
            return "nan4"
        return "nan2?"
    return None


def r_yao(c: Ctx):  # 要
    if c.single:
        if c.n1 in "求挟约胁" and c.p == c.s:
            return "yao1"
        return "yao4?"
    return None


TAN_NEXT = set("了着过得起开出回奏唱琴吉钢一下")  # the verb: 弹了一首, 弹得很好, 弹起来, 弹一下
DAN_BEFORE = set("中炸投子导枪炮飞核发流榴哑实空霰燃")  # the noun: 中弹, 投弹, 空弹 (most are words already)


def r_tan(c: Ctx):  # 弹: tán the verb (play, flick, bounce), dàn the noun (bullet, bomb)
    if c.single:
        if c.n1 in TAN_NEXT:
            return "tan2"
        if c.c1 in DAN_BEFORE:
            return "dan4"
    return None


# 子 zǐ after these (a philosopher, a particle, a seed, a numeral: 五子, 孔子, 电子, 瓜子)
ZI3_BEFORE = set("君孔孟老庄墨荀韩诸原电质分粒因种离量中光瓜莲松鱼虾蛋卵精孢棋天太王公世嫡独长次妻其")


def r_zi(c: Ctx):  # 子
    if (c.single and c.p == c.we - 1 and c.we - c.ws >= 2 and c.phrase is None
            and c.c1 not in NUMERALS and c.c1 not in ZI3_BEFORE and not c.c1.isdigit()):
        return "zi5"  # the noun suffix ending a word no dictionary knows: 小叔子, 小孙子 (-zi)
    if (c.e - c.s == 1 and c.ws == c.p and len(c.prev_w) == 1 and c.prev_w not in ZI3_BEFORE
            and (_pos(c.prev_w)[:1] in ("n", "q") or c.prev_w in "锄铲剪钳锯刨锤钩刷梳凿")
            and c.prev_w not in NUMERALS and c.prev_w not in "个只条位名"
            and c.c2 not in NUMERALS and c.c2 not in DEMONSTRATIVES):
        return "zi5"  # the suffix after a one-character noun the segmenter cut off (壶|子 húzi, 碟|子): not 其子, 一子
    if c.e - c.s == 1 and c.p == c.ws and len(c.prev_w) >= 2 and c.c2 not in NUMERALS:
        from .cedict import word_readings

        if word_readings().get(c.c1 + "子", "").split("|")[0].endswith("zi5") and c.prev_w[-2:] + "子" not in word_readings():
            return "zi5"  # 瓦罐|子 (罐子 guànzi), 旗杆|子, 诗集|子: the suffix of the word the last character makes with 子
    return None


TONG1_WHAT = ("电话", "电报", "信", "书信", "函", "邮件", "短信", "文书", "文件", "急电", "密电", "檄文", "手令")


def r_tong(c: Ctx):  # 通 as a measure word after a numeral
    """CC-CEDICT: 通 tōng counts letters, telegrams and phone calls (一通电话); tòng counts a bout of
    an action (一通咳嗽, 骂了一通, 打了三通鼓)."""
    if c.single and c.p == c.s and c.c1 in "一两几三四五":
        if c.text.startswith(TONG1_WHAT, c.p + 1):
            return "tong1"
        if c.n1 in PUNCT_END or c.n1.isspace() or c.n1 in "的" or (c.next_w and _pos(c.next_w)[:1] in ("v", "n")):
            return "tong4"
    return None


# verbs whose 过 may be the directional "over, across" (走过桥, 跳过墙, 翻过山): left to the model
GUO_MOTION = frozenset("拥走跑跳翻越穿跨渡飞爬游经转递传拿送闪扭回侧掉绕漂流滚冲挤钻溜迈趟淌涉驶划驾漫胜超躲避闯熬挨度撑蹦跃挪移抬搬拖拉推扛背运掠滑擦晃扫")
GUO_MODALS = frozenset({"能", "会", "要", "想", "可以", "应该", "得", "该", "肯", "敢", "愿意", "不能", "能够", "打算", "准备"})
TIMES_AFTER = re.compile(r"(?:[我你他她它们]{1,2})?(?:多少|好几|几|[一两二三四五六七八九十百]+)(?:回|次|遍|趟)")


def r_guo(c: Ctx):  # 过 standing alone after a verb of two characters
    """The aspect particle guo5 (挑选过的, 研究过。): a two-character verb rarely takes the
    directional 过 "over" with nothing after it."""
    if c.c1 == "过" and c.c2 != "过" and (c.single or c.word == "过过"):
        return "guo5"  # 过过冬天的人, 过过瘾: the verb 过 and the aspect (or the tried verb) after it
    if (c.single and c.p == c.s and len(c.prev_w) >= 2 and _pos(c.prev_w)[:1] in ("v", "a")
            and (c.n1 in "的" or c.n1 in PUNCT_END)):
        return "guo5"  # (先前曾经干净过，: an adjective takes the aspect too)
    if c.single and c.p == c.s and c.c1 == "有" and c.n1 not in "去来分错失半节头" and c.n1 not in PUNCT_END:
        return "guo5"  # 有过这样的事么: "have had", the aspect
    if (c.single and c.p == c.s and len(c.prev_w) == 1 and _pos(c.prev_w)[:1] == "v"
            and ((c.n1 == "了" and (c.n2 in PUNCT_END or c.n2 == NUL)) or c.n1 in "，。；！？,;!?" or c.n1 == NUL)):
        return "guo5"  # 求过了。吃过了，/ 也和母亲谈过，: a one-character verb, 过 (and 了) closing the clause: the aspect
    if (c.single and c.p == c.s and len(c.prev_w) == 1 and _pos(c.prev_w)[:1] == "v"
            and TIMES_AFTER.match(c.text, c.p + 1)):
        return "guo5"  # 打过多少回架, 劝过我四回, 去过两次: an experience counted
    if (c.single and c.p == c.s and c.prev_w and _pos(c.prev_w)[:1] == "v"
            and any(x in c.clause_before() for x in ("曾经", "曾", "从来", "从没", "从未", "未曾", "没有", "没"))):
        return "guo5"  # 我曾经害过猫, 从没见过: experience, the aspect
    if c.single and c.p == c.s and c.prev_w and _pos(c.prev_w)[:1] == "v":
        if re.match("[^的了着过一几两个些，。；：！？、…“”]{1,3}[来去]", c.text[c.p + 1 :]):
            return "guo4"  # 转过头去, 递过纸包来: the directional 过 … 来 / 去
        if (c.prev_w[-1] not in GUO_MOTION and c.prev_w[-1] != "是" and c.n1 not in "来去头分年节瘾目" and c.prev_w not in GUO_MODALS
                and not re.match("[一二两三四五六七八九十百千几半][成倍半分%％]", c.text[c.p + 1 :])):
            return "guo5"  # 听到过, 拜访过了, 开过一个展览会, 咬过的, 讨过老婆: the aspect after a verb not of motion


def r_shao(c: Ctx):  # 少
    """少 shǎo "few, lack" standing alone; shào "young" lives in words (少年, 少将, 年少) and names."""
    if c.single and c.n1 not in "年将校尉帅爷妇女儿林先东赛" and c.c1 not in "年老阔恶遗":
        return "shao3"
    return None


def r_bao(c: Ctx):  # 剥, 薄: the colloquial reading standing alone
    """XHC: 剥 bāo and 薄 báo are the readings of the character used alone (剥豆, 剥花生皮; 纸很薄,
    待他不薄); bō and bó are those of the compounds (剥削, 剥夺; 薄弱, 单薄), which the dictionaries hold."""
    if not (c.single and c.p == c.s):
        return None
    if c.ch == "剥":
        return "bao1" if is_hanzi(c.n1) else None  # with its object or complement (剥豆, 剥了皮): not the sound 剥！
    if c.n1 == "荷":
        return "bo4"  # 几片薄|荷叶: the word 薄荷 bòhe cut apart
    if (c.c1 in "很太较更最越不也又得变挺真好还么样薄层张件床片" or c.n1 in "的了得些点而薄，。；、！？烟阴云纸板被衣片霭"
            or c.n1 == NUL):
        return "bao2"  # the adjective (纸很薄, 冰也薄, 薄薄的, 一层薄烟, 薄阴的天气): not the surname or a place (薄谷开来)
    return None


RULES: dict[str, Callable[[Ctx], str | None]] = {
    "子": r_zi,
    "的": r_de, "地": r_di, "得": r_de_dei, "着": r_zhe, "了": r_le, "为": r_wei, "将": r_jiang,
    "还": r_hai, "行": r_xing, "长": r_zhang, "重": r_zhong, "处": r_chu, "中": r_zhong1, "应": r_ying,
    "分": r_fen, "教": r_jiao, "觉": r_jue, "乐": r_le4, "调": r_diao, "数": r_shu, "便": r_bian,
    "曾": r_ceng, "背": r_bei, "给": r_gei, "空": r_kong, "只": r_zhi, "假": r_jia, "都": r_dou,
    "没": r_mei, "好": r_hao, "藏": r_cang, "参": r_can, "差": r_cha, "和": r_he, "发": r_fa,
    "难": r_nan, "要": r_yao, "弹": r_tan,
}


# -- the reviewed table of single characters in context (data/context.tsv) ------------------

def _table_rows(name: str):
    """(file name, line number, tab-separated fields) of a reviewed table in data/, comments and blank
    lines skipped. A malformed row is an error: the file ships with the engine and a test reads every row."""
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield path.name, n, line.split("\t")


def _load_context_table() -> dict[str, list[tuple[tuple[tuple[str, tuple[str, ...]], ...], str]]]:
    """char -> [(conditions, reading)], in the file's order."""
    table: dict[str, list] = {}
    for fname, n, row in _table_rows("context.tsv"):
        if len(row) < 3 or not re.fullmatch(r"[a-z]+[1-5]", row[2]):
            raise ValueError(f"{fname}:{n}: a row needs a character, its conditions and a reading like zhong4")
        ch, conds, reading = row[:3]
        parsed = []
        for cond in conds.split():
            name, _, values = cond.partition("=")
            if name not in ("next", "prev", "word", "end", "after", "before", "notnext", "nextpos", "prevpos", "sentence"):
                raise ValueError(f"{fname}:{n}: unknown condition {name!r}")
            parsed.append((name, tuple(v for v in values.split(",") if v)))
        table.setdefault(ch, []).append((tuple(parsed), reading))
    return table


CONTEXT = _load_context_table()


def _holds(c: Ctx, name: str, values: tuple[str, ...]) -> bool:
    if name == "next":
        return c.text.startswith(values, c.p + 1)
    if name == "notnext":
        return not c.text.startswith(values, c.p + 1)
    if name == "prev":
        return c.text.endswith(values, 0, c.p)
    if name == "word":
        return c.e - c.s == 1
    if name in ("nextpos", "prevpos"):
        from .segment import pos_tag

        neighbour = c.next_w if name == "nextpos" else c.prev_w
        return c.e - c.s == 1 and bool(neighbour) and pos_tag(neighbour).startswith(values)
    if name == "end":
        return c.at_end
    if name == "after":
        after = c.clause_after()
        return any(v in after for v in values)
    if name == "sentence":
        sentence = re.split("[。！？!?]", c.text[: c.p])[-1]
        return any(v in sentence for v in values)
    before = c.clause_before()
    return any(v in before for v in values)


def context_reading(c: Ctx) -> str | None:
    """The reviewed table's reading for a single character, or None."""
    for conds, reading in CONTEXT.get(c.ch, ()):
        if all(_holds(c, name, values) for name, values in conds):
            return reading
    return None


# -- the table of verb readings (data/verbs.tsv) ---------------------------------------------

def _load_verbs() -> dict[str, tuple[str, tuple[str, ...]]]:
    """char -> (its verb reading, the complements that show it is the verb)."""
    table = {}
    for fname, n, (ch, reading, comps, *_) in _table_rows("verbs.tsv"):
        if len(ch) != 1 or not comps:
            raise ValueError(f"{fname}:{n}: expected character, reading, complements")
        table[ch] = (reading, tuple(v for v in comps.split(",") if v))
    return table


VERBS = _load_verbs()
# what stands before a verb: auxiliaries, adverbs, "for me" (正在数, 会弹, 帮我缝)
AUX = ("正在", "在", "要", "会", "能", "可以", "去", "来", "先", "再", "又", "还", "都", "也", "别", "不", "没", "就",
       "才", "快", "得", "想", "帮我", "给我", "替我", "帮他", "给他", "帮你", "给你", "随便", "慢慢", "仔细", "好好",
       "自己", "一起", "正", "刚", "刚刚", "已经", "赶紧", "赶快", "轻轻", "用力", "使劲", "学", "喜欢", "爱",
       "里", "上", "以", "用来", "专门", "去年", "今年", "明年", "每年")  # 院子里种白菜, 以种荷花
AUX2 = tuple(a for a in AUX if len(a) > 1)  # these match across the segmenter's cut (帮|我); the rest are whole words


def verb_reading(c: Ctx) -> str | None:
    """A character of data/verbs.tsv standing alone as a verb: its verb reading, or None."""
    hit = VERBS.get(c.ch)
    if hit is None or not c.single:
        return None
    reading, comps = hit
    if c.text.startswith(comps, c.p + 1):
        return reading
    if (c.c1 in "了一" and c.c2 == c.ch) or (c.n1 in "了一" and c.n2 == c.ch):
        return reading  # 数了数, 量一量: the verb said twice
    if c.prev_w in ("怎么", "怎样", "如何", "该怎么", "怎么样"):
        return reading  # 这条丝巾怎么系才好看: a verb asked about
    if (c.prev_w in AUX or c.text.endswith(AUX2, 0, c.p)) and (
            c.n1 in "了着过" or c.next_w in ("多少", "几", "几个") or c.next_w and _pos(c.next_w)[:1] in ("n", "r") and c.next_w not in ("里", "上", "下")):
        return reading  # 正在数星星, 会弹钢琴, 帮我缝衣服
    return None


def r_er(c: Ctx):  # 儿
    """The erhua suffix r after a noun no dictionary lists with it (桃儿, 杏儿, 赶趟儿): 儿 ending a word
    of the segmenter or of pypinyin's phrases; ér "child, son" lives in words (儿子, 女儿, 幸运儿)."""
    if c.p == 0 or not is_hanzi(c.c1) or c.c1 in "女男幼孤婴胎健患育小孩二三四五六七八九":
        return None  # (五儿, 六儿: a child called by a number, ér)
    if not c.single:
        from .cedict import word_readings

        # a word of pypinyin's phrase list ending in 儿 that CC-CEDICT lacks (赶趟儿); CC-CEDICT's own
        # words keep their reading (幸运儿 xìngyùn'ér, 混血儿)
        if c.p == c.e - 1 and c.e - c.s >= 3 and c.word not in word_readings():
            return "r5"
        if c.word in ("会儿", "會兒"):
            return "r5"  # 休息会儿: a moment, huìr (一会儿 yīhuìr in CC-CEDICT), not a syllable er
        return None
    if c.p == c.we - 1 and c.p > c.ws:
        return "r5"  # 桃儿, 杏儿 as the segmenter's words; a 儿 it cuts off is left alone (宏|儿, a name: Hóng'ér)
    before = c.prev_w if c.prev_w and len(c.prev_w) >= 2 and c.text.endswith(c.prev_w, 0, c.p) else c.text[max(c.p - 2, 0) : c.p]
    if c.e - c.s == 1 and (len(before) == 2 or len(before) > 2 and before == c.prev_w) and all(map(is_hanzi, before)) and (
            (_pos(before) or "x")[:2] not in ("nr", "r", "x") or before == c.prev_w and _pos(before)[:2] not in ("nr", "r")):
        return "r5"  # 随手儿, 要价儿, 马路边儿, 一边儿, 脚垫儿, 有些儿: the suffix after a word (names keep ér)
    if c.e - c.s == 1 and c.c2 in "这那哪這" and c.prev_w == c.c1:
        return "r5"  # 这行儿, 那点儿: a demonstrative, a noun and the suffix
    if c.e - c.s == 1 and c.c1 == "干" and c.c2 in "薯菜笋鱼虾肉果豆":
        return "r5"  # 白薯干儿: dried food, the suffix
    if c.e - c.s == 1 and c.text.endswith(("一些", "有些", "小声", "低声", "大声", "静静", "悄悄", "好好", "早早", "偷偷", "轻轻", "慢慢", "远远", "渐渐"), 0, c.p):
        return "r5"  # 小声儿回答, 静静儿的: the suffix after an adverb
    if c.e - c.s == 1 and c.c1 in "天份分" and c.c2 in "成整半一每":
        return "r5"  # 成天儿, 一份儿心: the suffix of a time or a share
    if c.e - c.s == 1 and c.p >= 2 and c.c2 in "个只条根片朵块张颗粒把支本件间座棵枝":
        return "r5"  # 半个环儿, 一朵花儿: a measure word and its noun, no name
    if c.e - c.s == 1 and c.c1 in "肩头脚手眼嘴脸门边点会块片角口尖缝空味事活样盖底灯花鸟歌球猫狗杏梨桃枣瓜豆芽秃道" and (c.n1 in PUNCT_END or c.n1 in "的，、之"):
        return "r5"  # 挨肩儿，头对头儿，: a noun and the suffix, before a pause
    return None


GRAMMAR = frozenset(RULES)  # the characters the grammar rules above read (the table's come next)
# Rules for characters that still join a neighbour into a dictionary word (过|年 -> 过年): not in GRAMMAR.
RULES.update({"少": r_shao, "剥": r_bao, "薄": r_bao, "通": r_tong, "过": r_guo, "儿": r_er, "当": r_dang, "呵": r_he1, "那": r_na})
for _ch in (*CONTEXT, *VERBS):
    RULES.setdefault(_ch, lambda c: None)


# -- words of several dictionary readings, read by their context ------------------------------
# Each sees the word at (c.s, c.e) and returns one of the word's CC-CEDICT readings, or None for
# the word's default (data/word_defaults.tsv, else pypinyin's phrase, else CC-CEDICT's first).

DIRECTION = ("方", "向", "南北", "两", "走向", "长", "宽", "部", "侧", "横", "之间", "线", "轴", "岸", "二", "三")


def w_dongxi(c: Ctx):  # 东西 dōngxi "thing" / dōngxī "east and west"
    before = c.text[: c.s]
    if c.text.startswith(DIRECTION, c.e) or before.endswith(("南北", "横贯", "纵横", "贯通", "连接", "沟通", "中外", "古今", "横跨", "联通", "往来")):
        return "dong1 xi1"
    return "dong1 xi5"


LOCAL_NEXT = ("第一线", "发展", "长照", "资源", "产业", "创生", "治理", "首长", "议员", "财源", "政府", "官员", "财政", "经济", "党委", "政权", "法规", "性", "戏", "病", "志", "特色", "保护", "主义",
              "部门", "债", "当局", "选举", "自治", "层面", "教育", "国企", "银行", "税", "领导", "人大", "议会",
              "干部", "立法", "各级", "机构", "国有", "企业", "专项", "政策", "标准", "武装", "官", "上", "和", "与", "建设", "基层", "事务")


def w_difang(c: Ctx):  # 地方 dìfang "place" / dìfāng "local (as against central)"
    before = c.text[: c.s]
    if c.text.startswith(LOCAL_NEXT, c.e) or before.endswith(("中央", "中央和", "中央与", "中央及", "中央跟", "中央同", "各级", "和", "与", "各", "及", "强化")):
        return "di4 fang1"
    return "di4 fang5"


def w_renjia(c: Ctx):  # 人家 rénjia "others, someone" / rénjiā "household"
    before = c.text[: c.s]  # 有地炉等设备的人家, 小康人家, 几户人家: households
    if c.text.startswith(("处", "所在"), c.e) or before.endswith(("这", "任何", "近水", "临水", "沿河", "街上", "凡有", "必有")) or before.endswith(tuple("户家几百千万数多") + ("大户", "农户", "有钱", "穷", "富", "好", "住户", "沿着", "挨着", "城外", "城里", "村里", "村外", "山里", "山中", "乡下", "附近", "河边", "一家", "几家",
            "小康", "殷实", "什么", "哪", "衰败", "破落", "没落", "这些", "那些", "亲戚", "贫苦", "贫寒", "寒苦", "书香", "普通", "寻常", "平常", "富贵", "官宦", "读书", "种田", "庄户")) or (
            before.endswith("的") and "有" in re.split("[。！？；!?;]", before)[-1]) or c.text.startswith(
            ("户", "屋", "房", "院", "门口", "窗", "的屋", "的房", "的院", "的门", "的窗", "的灯", "灯火", "炊烟"), c.e):
        return "ren2 jia1"
    return "ren2 jia5"


def w_dayi(c: Ctx):  # 大意 dàyi "careless" / dàyì "main idea"
    before = c.text[: c.s]
    if before.endswith(tuple("粗太别很真不可能要") + ("疏忽",)) or c.text.startswith(("了", "失荆州"), c.e):
        return "da4 yi5"
    return None


def w_duoshao(c: Ctx):  # 多少 duōshao "how many" / duōshǎo "more or less"
    sentence_end = re.match("[^。！？!?]*[。！？!?]?", c.text[c.e :]).group(0)
    if c.text.endswith(("还有", "有过"), 0, c.s) and not re.search("[？?吗呢]", sentence_end):
        return "duo1 shao3"  # 还有多少更深的蛰居人…是全没有: "quite a few" (no question)
    if c.text.endswith("的", 0, c.s) and (c.e >= len(c.text) or c.text[c.e] in PUNCT_END or c.text[c.e] in "和与"):
        return "duo1 shao3"  # 灯的多少，明暗: "the number, the amount" (a noun)
    if c.text.startswith(tuple("有也会带能还都可些总得") + ("不同", "不一"), c.e):
        return "duo1 shao3"
    return "duo1 shao5"


def w_jiaohui(c: Ctx):  # 教会 jiàohuì "church" / jiāohuì "teach (someone to)"
    if c.text.startswith(tuple("我你他她它们了孩学大人") + ("自己",), c.e):
        return "jiao1 hui4"
    return None


def w_jingshen(c: Ctx):  # 精神 jīngshén "spirit" / jīngshen "lively, vigour"
    before = c.text[: c.s]
    if (before.endswith(tuple("很真挺太不够有没打又更") + ("特别", "十分", "非常"))
            or c.text.startswith(("头", "抖擞", "了", "起来", "多了", "极了", "不如", "比", "很好", "好"), c.e)):
        return "jing1 shen5"
    return None


def w_didao(c: Ctx):  # 地道 dìdao "authentic" / dìdào "tunnel"
    before = c.text[: c.s]
    if before.endswith(tuple("很真挺太不够最") + ("正宗",)) or c.text.startswith(("的", "地"), c.e):
        return "di4 dao5"
    return None


def w_dafang(c: Ctx):  # 大方 dàfang "generous" / dàfāng "experts"
    if c.text[: c.s].endswith(("贻笑", "见笑于", "方家")):
        return "da4 fang1"
    return "da4 fang5"


def w_duitou(c: Ctx):  # 对头 duìtou "opponent" / duìtóu "correct"
    before = c.text[: c.s]
    if before.endswith(tuple("成是个的老") + ("冤家", "死")):
        return "dui4 tou5"
    return None


def w_shengyi(c: Ctx):  # 生意 shēngyi "business" / shēngyì "vitality"
    if c.text[: c.s].endswith(("一片", "充满", "富有")) or c.text.startswith(("盎然",), c.e):
        return "sheng1 yi4"
    return None


def _complement(first: str):
    """出来 / 起来 after a verb in the same word, a one-character verb, or a word jieba's
    dictionary tags a verb or adjective: the complement, both syllables neutral (逃出来 táo chulai,
    哄笑起来); a verb of its own otherwise (早晨起来 qǐlai, 所以出来 chūlái)."""

    def rule(c: Ctx):
        if c.s > 0 and c.s == c.ws:
            # the verb before and the complement make a CC-CEDICT word of one reading (站起来
            # zhàn qǐlai): the dictionary's reading, as for any word of one reading
            from .cedict import single_readings

            whole = single_readings().get(c.text[c.s - 1 : c.e])
            if whole is not None:
                return " ".join(whole.split()[1:])
        glued = c.s > c.ws or (len(c.prev_w) == 1 and c.prev_w not in NOT_VERB_BEFORE)
        if not glued and c.prev_w in ("了", "将") and c.s >= 2 and is_hanzi(c.text[c.s - 2]) and c.text[c.s - 2] not in NOT_VERB_BEFORE:
            from .cedict import single_readings

            whole = single_readings().get(c.text[c.s - 2] + c.text[c.s : c.e])
            if whole is not None:
                return " ".join(whole.split()[1:])  # 站了起来 as CC-CEDICT's 站起来 zhàn qǐlai
            glued = True  # 笑了起来, 挑了起来, 笑将起来: a verb, 了 / 将, then the complement
        if not glued and len(c.prev_w) > 1:
            from .segment import pos_tag

            glued = pos_tag(c.prev_w)[:1] in ("v", "a", "b", "z") or (  # 哄笑起来, 悲凉起来, 高兴起来 (b), 飘飘然起来 (z)
                first == "qi" and pos_tag(c.prev_w)[:1] in ("i", "l")) or (  # 局促不安起来了, 兴高采烈起来
                first == "qi" and c.prev_w[-1] in ADJ_END) or (  # 脸红起来 (jieba: n); not 早晨起来 (t)
                first == "qi" and len(c.prev_w) == 2 and c.text.startswith(("像", "似", "如"), c.e)) or (  # 错综起来像一天云锦
                first == "qi" and len(c.prev_w) == 2 and (c.text.startswith("了", c.e) or c.e >= len(c.text) or c.text[c.e] in "。！；")
                and pos_tag(c.prev_w)[:1] not in ("t", "m", "q", "r", "d", "p", "c", "f"))  # 飞舞起来了, 生长起来。: "begin to"
        return f"{first}5 lai5" if glued else None

    return rule


SET_ABOUT = frozenset({"应该", "应当", "需要", "必须", "开始", "准备", "决定", "打算", "计划", "努力", "要求", "可以",
                       "能够", "值得", "立即", "马上", "及时", "着手", "重点", "注意"})
NOT_VERB_BEFORE = set("的了是就也都又还才在从把被将要会能可和与或而但我你他她它这那里内中边处再刚先便已早快没不别未")
ADJ_END = set("红黑白黄绿青紫热冷暖凉亮暗胖瘦忙乱闹静涂痛疼酸苦")  # a word ending so, then 起来: "become …"


def _guo_complement(second: str):
    """过去 / 过来 after a verb and before another verb or 了: the directional complement, as CC-CEDICT's
    second reading has it (伸手过去说 guò qu, 扑过来了 guò lai); the noun "the past" (回首过去的几年,
    回顾过去，) and the verb "pass by" keep the first (guò qù)."""

    def rule(c: Ctx):
        from .segment import pos_tag

        if c.s != c.ws or not c.prev_w:
            return None
        if c.prev_w == "了" and c.s >= 2 and is_hanzi(c.text[c.s - 2]) and c.text[c.s - 2] not in NOT_VERB_BEFORE:
            return f"guo4 {second}5"  # 迁移了过去, 转了过来: a verb, 了, then the complement
        verb = pos_tag(c.prev_w)[:1] == "v"  # (not 很快地|过去了: the verb "pass")
        if second == "lai" and len(c.prev_w) == 1 and c.prev_w not in NOT_VERB_BEFORE and pos_tag(c.prev_w)[:1] == "v":
            return "guo4 lai5"  # 便抓过来和…: a one-character verb and the complement 过来
        if verb and second == "lai" and len(c.prev_w) >= 2:
            return "guo4 lai5"  # V过来 is the complement wherever it stands (流转过来75亩, 醒过来。); only 过去 is also "the past"
        if (len(c.prev_w) == 1 and (verb or pos_tag(c.prev_w) in ("zg", "n", "a") and c.prev_w in "奔飞抛溜窜蹿蹩") and c.prev_w not in NOT_VERB_BEFORE
                and (c.e >= len(c.text) or c.text[c.e] in PUNCT_END or c.text[c.e] in "的了吧呢啊")):
            return f"guo4 {second}5"  # 奔过去。跑过来！: a one-character verb and its complement closing the clause
        after = c.text[c.e : c.e + 1]
        then_verb = after in ("了", "说", "道", "看", "问", "叫", "喊") or (c.next_w and pos_tag(c.next_w)[:1] == "v")
        return f"guo4 {second}5" if verb and then_verb else None

    return rule


def w_sunzi(c: Ctx):  # 孙子 sūnzi "grandson" / Sūnzǐ the strategist
    if c.text.startswith(("兵法", "曰", "是春秋", "云", "说：“"), c.e):
        return "sun1 zi3"
    return None


def w_jieguo(c: Ctx):  # 结果 jiēguǒ "bear fruit" / jiéguǒ "result"
    if "开花" in re.split("[。！？]", c.text[: c.s])[-1] and c.text.startswith(("的", "了", "，"), c.e):
        return "jie1 guo3"  # 开花的开花，结果的结果
    if c.text.startswith(("了", "实", "累累"), c.e) and any(x in c.text[max(0, c.s - 8) : c.s] for x in ("树", "藤", "枝", "秧", "花", "番茄", "果", "瓜", "苗", "桃", "梨", "枣")):
        return "jie1 guo3"
    return None


def w_bozhong(c: Ctx):  # 播种 bōzhǒng "sow seeds" / bōzhòng "plant by sowing" (XHC: 播种面积)
    after = c.text[c.e : c.e + 8]
    if after.startswith(("面积", "了", "进度")) or (after[:1].isdigit() or after[:1] in NUMERALS) and ("亩" in after or "公顷" in after):
        return "bo1 zhong4"  # an area sown: 播种面积, 已完成冬小麦播种750万亩
    return None


def w_tongxing(c: Ctx):  # 同行 tóngháng "same trade, a colleague" / tóngxíng "travel together"
    before = c.text[max(0, c.s - 2) : c.s]
    if before.endswith(("便", "就", "一起", "一同", "一道", "结伴", "一路", "相伴", "携手", "并肩", "与之", "愿", "要", "们", "将", "可", "不能", "没有", "不便")):
        return "tong2 xing2"  # after an adverb or a subject: the verb "go together" (我们便同行)
    if c.text.startswith(("者", "人员", "的人", "的还有", "的有"), c.e):
        return "tong2 xing2"  # 同行者, 同行人员, 同行的人: those travelling with someone
    return None


QUESTION_WORDS = ("什么", "谁", "怎", "吗", "为何", "几", "多少", "哪", "何", "啥")


def w_nali(c: Ctx):  # 那里 nàli "there" / written for 哪里 nǎli "where" (the usage of Lu Xun's time)
    """A question about a place with no other question word: 那里 stands for 哪里 (现在又到了那里呢？,
    你到那里去？); not after a person (你们那里呢？ "at your place") nor beside another question word
    (你在那里干什么？)."""
    if c.text.startswith(("还能", "还会", "还肯", "还敢", "会错", "晓得", "知道", "比得上", "及得上", "想到", "想得到", "料到", "配"), c.e):
        return "na3 li5"  # 那里还能有什么言语, 那里会错, 那里知道: "how could", a rhetorical 哪里
    if c.text.startswith("那里", c.e) or c.text.endswith("那里", 0, c.s):
        return "na3 li5"  # “那里那里，”孔子谦虚的说: the modest denial
    if c.text.startswith(("会", "能"), c.e) and c.text[c.e + 1 : c.e + 2] != "的" and c.prev_w in PRONOUNS | {"我们", "你们", "他们"}:
        return "na3 li5"  # 他那里会有恋爱故事呢: "how could he"
    before_all = re.split("[。！？]", c.text[: c.s])[-1]
    if c.text.endswith(("无论", "不论", "不管"), 0, c.s):
        return "na3 li5"  # 无论那里: wherever
    if any(x in before_all for x in ("不知", "不晓得", "究竟", "到底")) and (
            c.text.startswith(("去", "来"), c.e) or c.e >= len(c.text) or c.text[c.e] in "。，？！…"):
        return "na3 li5"  # 不知道弄到那里去了, 究竟是到那里去: where to
    if not c.clause_before().strip("“”「」『』‘’\"' ") and (c.text.startswith(("……", "…", "，那里", "，哪里"), c.e) or c.text.endswith("那里，", 0, c.s)):
        return "na3 li5"  # “那里……。”益堂摇头说, 那里，那里: the modest denial
    i = c.e
    n = len(c.text)
    while i < n and c.text[i] not in "，。；：！？,.;:!?…\n":
        i += 1
    if i >= n or (c.text[i] not in "？?" and not (c.text[i - 1] == "呢" and (c.text[c.e : i] == "有呢" or c.text[c.e : c.e + 1] in "会能肯"))):
        return None  # a question, or 那里有呢 "where would there be such": rhetorical
    clause = c.clause_before() + c.text[c.e : i]
    if any(q in clause for q in QUESTION_WORDS):
        return None
    if c.prev_w and (c.prev_w in PRONOUNS or c.prev_w.endswith(("们", "家", "人"))):
        return None
    return "na3 li5"


def w_duoge(c: Ctx):  # 多个 duōge "many" / a number, 多 "-odd" and the measure word 个 gè
    if c.s > 0 and (c.text[c.s - 1].isdigit() or c.text[c.s - 1] in "十百千万亿"):
        return "duo1 ge4"  # 1400多个县, 十多个产业: not the word 多个 "many"
    return None


def w_laxia(c: Ctx):  # 落下 luòxià "fall" (CC-CEDICT's one reading) / là "leave behind" (XHC 落 là)
    """落下 is là "leave behind, fall behind" after a warning (别落下东西, 可别落下) or before
    what is left behind (落下东西, 落下功课); elsewhere luò "fall" (太阳落下, 落下帷幕)."""
    if c.prev_w in ("别", "可别", "千万别", "不要", "不能", "忘", "没", "怕", "会") or c.next_w in (
            "东西", "什么", "功课", "课程", "作业", "课", "钥匙", "手机", "钱包"):
        return "la4 xia4"
    return None


HANG_NEXT = ("字", "诗", "树", "代码", "文字", "小字", "大字", "数字", "脚印", "泪", "眼泪", "热泪", "白鹭", "大雁", "队")


def w_yihang(c: Ctx):  # 一行 yīxíng "a party travelling together" (CC-CEDICT) / yī háng "one row"
    """A row (XHC 行 háng ①): after 排成 / 站成 / 写 …, or before what stands in rows (一行字, 一行树)."""
    if (c.prev_w.endswith(("成", "写", "写了", "写下", "写着", "读", "读了", "念", "排", "第", "每", "划", "添", "这", "那", "哪", "干", "爱", "同", "句", "字"))
            or c.text[: c.s].endswith(("落了", "漏了", "少了", "多了", "空了", "错了", "空", "跳了", "抄错了", "最后", "最末", "开头", "末尾", "倒数第"))
            or c.next_w.startswith(HANG_NEXT + ("干", "爱", "的人", "里", "中"))  # 这一行 "this trade", 干一行爱一行
            or c.text.startswith("一行", c.e) or c.text.endswith("一行", 0, c.s)):  # 一行一行地写着: row by row
        return "yi1 hang2"
    return None


CHANG2_NEXT = ("雨", "大雨", "暴雨", "大暴雨", "暴风雨", "雷雨", "阵雨", "大风", "大雾", "大战", "恶战", "恶斗", "争斗", "龙虎斗",
               "热闹", "官司", "纠纷", "争吵", "虚惊", "小雨", "透雨", "春雨", "秋雨", "雪", "大雪", "病", "大病", "大火", "风波", "灾难",
               "梦", "噩梦", "春梦", "误会", "虚惊", "空欢喜", "浩劫", "灾", "冰雹", "霜", "洪水",
               "冷雨", "冻雨", "细雨", "毛毛雨", "雷阵雨", "暴风雪", "大祸", "祸", "灾祸", "劫", "战争", "战斗", "血战", "革命", "风暴", "冲突", "争论", "辩论")
JUAN3_NEXT = ("卫生纸", "纸", "胶带", "绳", "布", "铺盖", "毛线", "电线", "钢丝", "胶卷", "凉席", "地毯", "草席", "竹帘")


def w_yichang(c: Ctx):  # 一场: cháng for what runs its course (XHC 场 cháng ②: 一场大雨, 大病一场), else
    # chǎng, the measure of shows and matches (XHC 场 chǎng ④: 一场电影, 一场比赛)
    end = c.e >= len(c.text) or c.text[c.e] in PUNCT_END or c.text[c.e].isspace()
    phrase = c.text[c.e : c.e + 8].split("的")
    if c.next_w.startswith(CHANG2_NEXT) or c.text.startswith(CHANG2_NEXT, c.e) or end or (len(phrase) > 1 and phrase[1].startswith(CHANG2_NEXT + ("纠纷", "大纠纷", "争吵", "战争", "官司"))):
        return "yi1 chang2"  # (一场很重的病, 这一场大纠纷: what runs its course, after 很重的 …)
    return "yi1 chang2" if c.text.startswith(("大纠纷", "纠纷", "争吵", "战争", "官司", "大战"), c.e) else "yi1 chang3"


def w_daoche(c: Ctx):  # 倒车 dǎochē "change trains or buses" / dàochē "reverse a car"
    from .segment import pos_tag

    if c.prev_w and (pos_tag(c.prev_w)[:2] == "ns" or c.prev_w in ("中途", "途中", "半路", "换乘", "一次", "两次", "几次")):
        return "dao3 che1"  # 我们得在郑州倒车, 中途倒车: change (trains) at a place or on the way
    return None


def w_tiaosheng(c: Ctx):  # 调升 tiáoshēng "raise (a rate, a price)" / diàoshēng "promote (to a post)"
    if c.text.startswith(("比率", "幅度", "利率", "费率", "价格", "票价", "税率", "工资", "薪资", "劳工", "基本工资", "时薪", "月薪",
                          "电价", "油价", "水价", "至", "到", "了百分", "百分"), c.e) or re.match(r"(为)?[0-9０-９一二三四五六七八九十百]", c.text[c.e : c.e + 3]):
        return "tiao2 sheng1"  # 随最低工资时薪调升比率公告调整: an amount raised
    return None


def w_yijuan(c: Ctx):  # 一卷: juǎn for a roll (XHC 卷 juǎn ③: 一卷纸), else juàn "a volume"
    if c.next_w.startswith(JUAN3_NEXT) or ("把" in c.clause_before() and (c.e >= len(c.text) or c.text[c.e] in PUNCT_END or c.text[c.e] in "就便")):
        return "yi1 juan3"  # 一卷纸; 牛把尾巴一卷，: the verb "curl", once
    return None


def w_zhaoying(c: Ctx):  # 照应 zhàoying "look after" / zhàoyìng "correlate, echo" (XHC)
    """Looking after someone: after 好好 / 多加 / 请 …, or before a person; else the default."""
    before = c.text[: c.s]
    if before.endswith(("好好", "好生", "多多", "多加", "请", "帮忙", "托人", "嘱托")) or (
            c.next_w in PRONOUNS or c.next_w in ("孩子", "老人", "病人", "家里", "客人")):
        return "zhao4 ying5"
    return None


def w_dianzhe(c: Ctx):  # 点着 diǎnzháo "light" (CC-CEDICT) / 点 + the particle 着 before what is pointed at
    if c.text.startswith(("了",), c.e) or c.e >= len(c.text) or c.text[c.e] in PUNCT_END:
        return None  # 点着了, 把火点着。: lit
    if c.next_w in PRONOUNS or c.next_w in ("对手", "对方", "别人", "人家", "大家") or (
            c.next_w and _pos(c.next_w)[:1] in ("n", "r") and c.next_w not in ("火", "灯", "蜡烛", "烟", "柴", "火柴", "油灯")):
        return "dian3 zhe5"  # 点着对手, 点着头
    return None


def w_beizhe(c: Ctx):  # 背着: bēizhe "carrying on the back" (the default) / bèizhe "with the back to"
    if c.text.startswith(("手", "两手", "双手", "身", "脸", "光", "风", "阳光", "太阳", "窗", "北窗", "南窗", "门", "墙"), c.e):
        return "bei4 zhe5"  # 背着手踱着, 背着身, 背着光
    return None


def w_chengqing(c: Ctx):  # 澄清 chéngqīng "clarify" / dèngqīng "settle (a liquid), become clear" (XHC 澄 dèng)
    near = c.text[max(0, c.s - 16) : c.s] + c.clause_after()
    if any(x in near for x in ("水", "浑", "泥", "池", "汤", "液", "溶液", "杂质", "沉淀")):
        return "deng4 qing1"
    return None


def w_duozhong(c: Ctx):  # 多重 duōchóng "multiple" (CC-CEDICT) / 多 + 重 zhòng "how heavy"
    if c.prev_w in ("有", "这么", "那么", "多么", "有多") or (c.e < len(c.text) and c.text[c.e] in "？?呢啊吗"):
        return "duo1 zhong4"  # 这个箱子有多重？
    return None


def w_lihai(c: Ctx):  # 利害 lìhài "gains and losses" / lìhai "fierce, severe" (= 厉害)
    before = c.text[: c.s]
    if before.endswith(("逐日", "很", "太", "得", "非常", "越来越", "更", "真", "好", "特别", "十分", "更加", "愈加", "尤", "最", "极", "格外", "分外", "这么", "那么")):
        return "li4 hai5"
    return None


DE_DAO_VERBS = frozenset("看听见找买拿吃办做走跑飞想碰摸够闻赶猜学借搬")


def w_dedao(c: Ctx):  # 得到 dédào "obtain" (CC-CEDICT) / V得到 de dào "can (see, reach …)"
    if len(c.prev_w) == 1 and c.prev_w in DE_DAO_VERBS:
        return "de5 dao4"  # 看得到, 听得到, 办得到: the potential complement
    if c.prev_w in ("领会", "感觉", "体会", "意识", "认识", "想象", "觉察", "察觉"):
        return "de5 dao4"  # 才领会得到这名字的相称: can grasp
    if c.text.startswith(("这里", "那里", "哪里", "这儿", "那儿", "哪儿", "这边", "那边"), c.e) and c.clause_after().endswith(("去", "来")):
        return "dei3 dao4"  # 一定得到那里去: "must go there" (得 děi + 到), not "obtain"
    return None


def w_dechu(c: Ctx):  # 得出 déchū "reach (a conclusion)" / V得出 de chū "can (tell, see …)"
    if len(c.prev_w) == 1 and c.prev_w in "辨看听认说想拿做走跑猜分查找写画闻叫答算":
        return "de5 chu1"  # 还辨得出白发，黄袍，青牛: the potential complement
    return None


def w_jiezi(c: Ctx):  # 结子 jiézi "knot" / jiē zǐ "bear seeds" (CC-CEDICT)
    sentence = re.split("[。！？]", c.text[: c.s])[-1]
    if any(x in sentence for x in ("菜", "花", "树", "草", "麦", "稻", "果", "豆", "瓜", "棉")) and not c.text.startswith("的", c.e):
        return "jie1 zi3"  # 还有油菜早经结子: bearing seed
    return None


def w_chuanzhe(c: Ctx):  # 穿着 chuānzhuó "dress, clothing" (CC-CEDICT) / 穿 + the particle 着 before what is worn
    if c.e < len(c.text) and is_hanzi(c.text[c.e]) and not c.text.startswith(("打扮", "讲究", "朴素", "很", "十分", "非常", "也", "都", "要", "上", "方面", "和"), c.e):
        return "chuan1 zhe5"  # 前面的穿着不流行的白纺绸长衫
    return None


def w_gongyang(c: Ctx):  # 供养 gōngyǎng "support (parents)" / gòngyǎng "make offerings" (XHC)
    near = c.text[max(0, c.s - 8) : c.e + 8]
    if any(x in near for x in ("佛", "菩萨", "神", "祖宗", "祖先", "祖像", "香火", "寺", "庙", "灵位", "牌位", "三宝")):
        return "gong4 yang3"
    return "gong1 yang3"  # 不及依赖他们供养, 要供养治人者: support


def w_tudi(c: Ctx):  # 土地 tǔdì "land" / tǔdi "the local earth god" (CC-CEDICT)
    if c.text.startswith(("爷", "公", "庙", "神", "菩萨", "老爷", "婆"), c.e):
        return "tu3 di5"  # 去叩求城隍土地爷爷
    return None


def w_nvren(c: Ctx):  # 女人 nǚrén "woman" / nǚren "wife" (CC-CEDICT)
    if c.text.endswith(("他", "我", "你", "他的", "我的", "你的", "自己的", "人家的"), 0, c.s):
        return "nv3 ren5"  # 他女人, 我的女人: his wife
    return None


def w_meide(c: Ctx):  # 美的 Měidì the company (CC-CEDICT) / 美 + 的 "beautiful"
    if not c.text.startswith(("集团", "公司", "电器", "空调", "冰箱", "品牌", "股份", "置业"), c.e):
        return "mei3 de5"  # 许多美的人和美的事
    return None


def w_zouguo(c: Ctx):  # 走过 zǒuguò "walk past" (CC-CEDICT) / 走 + the aspect 过 (没有向这一方面走过。)
    if (c.e >= len(c.text) or c.text[c.e] in PUNCT_END or c.text.startswith(("的", "了", "一遍", "一次", "几次", "两次", "很多", "不少"), c.e)) and any(
            x in c.clause_before() for x in ("没有", "没", "曾", "从未", "从来", "不曾", "未曾", "也")):
        return "zou3 guo5"
    return None


def w_duhui(c: Ctx):  # 都会 dūhuì "metropolis" (CC-CEDICT) / 都 dōu + the modal 会 "will all"
    if c.e < len(c.text) and is_hanzi(c.text[c.e]) and not c.text.startswith(("区", "圈", "报", "生活", "人", "女", "男", "风", "型", "中心", "之", "的"), c.e):
        return "dou1 hui4"  # 部会都会一体遵循, 他都会用: all … will
    return None


def w_yida(c: Ctx):  # 一打 yī dá "a dozen" / 一 + 打 dǎ "one stroke"
    if c.text.endswith("每", 0, c.s) or c.text.startswith(("桨", "就", "便", "开", "听", "量", "扮", "算", "便是"), c.e):
        return "yi1 da3"  # 随着每一打桨
    return None


def w_shouguo(c: Ctx):  # 受过 shòuguò "take the blame" (CC-CEDICT) / 受 + the aspect 过 (受过高等教育)
    if not c.text.endswith(("代", "替", "为"), 0, c.s) and c.e < len(c.text) and c.text[c.e] not in PUNCT_END:
        return "shou4 guo5"
    return None


def w_nashi(c: Ctx):  # 那是 nàshi "of course" (CC-CEDICT) / 那 + the copula 是 "that is"
    if c.e < len(c.text) and c.text[c.e] not in "！!" and not c.text.endswith("那是", 0, c.s):
        return "na4 shi4"  # 那是：鹅, 那是……: "that is"; 那是！/ 那是那是 "of course" keep nàshi
    return None


def w_gengshen(c: Ctx):  # 更深 gēngshēn "late at night" / 更 gèng + 深 "deeper"
    if c.text.startswith(("的", "了", "一层", "一些", "地"), c.e) or c.text.endswith(("多少", "还要", "越来越", "更加"), 0, c.s):
        return "geng4 shen1"  # 多少更深的蛰居人: "more deeply"
    return None


def w_leilei(c: Ctx):  # 累累 lěilěi "repeatedly, piled up" / léiléi "in clusters" (XHC: 果实累累)
    near = c.text[max(0, c.s - 8) : c.e + 6]
    if any(x in near for x in ("果", "桃", "李", "杏", "梨", "葡萄", "穗", "串", "枝头")):
        return "lei2 lei2"  # 躺在累累的桃李荫下, 果实累累: hanging in clusters
    return None


ZHENGDANG_NEXT = ("的", "一点", "些", "理由", "权益", "权利", "利益", "行为", "手段", "途径", "职业", "防卫", "竞争", "要求", "性", "经营",
                  "渠道", "程序", "关系", "收入", "用途", "合法")


def w_zhengdang(c: Ctx):  # 正当 zhèngdāng "just when" / zhèngdàng "proper, legitimate"
    if c.text.endswith(tuple("最很不较更是为属") + ("合法", "十分", "完全", "非常", "比较"), 0, c.s) or (
            c.text.startswith(ZHENGDANG_NEXT, c.e) and not re.match(".{0,12}(的时候|之时|时|之际)", c.text[c.e :])):
        return "zheng4 dang4"  # 儿童最正当的行为, 正当权益: proper
    return None


def w_koujue(c: Ctx):  # 口角 kǒujiǎo "corner of the mouth" / kǒujué "quarrel"
    if c.text.startswith(("的时候", "起来", "了", "之争", "纠纷", "相争", "不休"), c.e) or re.search(
            "[和与跟同][^，。；！？]{1,6}$", c.text[: c.s]):
        return "kou3 jue2"  # 和别人口角的时候: a quarrel
    return None


def w_yanyu(c: Ctx):  # 言语 yányǔ "speech" / yányu "to speak" (CC-CEDICT)
    if c.text.endswith(("不", "没", "别", "不曾", "未曾", "一声不", "不敢", "不肯", "也不"), 0, c.s) or (
            c.text[c.e : c.e + 1] in ("。", "！", "，", "了")) and c.text.endswith(tuple("不没别"), 0, c.s):
        return "yan2 yu5"  # 他并不言语: to say a word
    return None


def w_nianzhe(c: Ctx):  # 黏着 niánzhuó "adhere" (CC-CEDICT) / 黏 + the particle before what sticks
    if c.next_w and (c.next_w[0] in "一两几些许满" or _pos(c.next_w)[:1] in ("m", "n")):
        return "nian2 zhe5"  # 骨坳里还黏着一丝半缕
    return None


# Words of ONE dictionary reading that a word rule may still read otherwise: 那里 written for 哪里,
# 多个 after a number, 落下 "leave behind", 一行 "one row", 一场 / 一卷 (pypinyin's phrases), 点着 / 黏着 with
# the particle, 多重 "how heavy", 得到 the potential complement.
WRITTEN_FOR = frozenset({"那里", "多个", "落下", "一行", "一场", "一卷", "点着", "多重", "得到", "黏着", "得出", "受过", "那是", "更深", "美的", "走过", "都会", "一打", "穿着"})

WORD_RULES: dict[str, Callable[[Ctx], str | None]] = {
    "那里": w_nali, "倒车": w_daoche, "调升": w_tiaosheng, "多个": w_duoge, "落下": w_laxia, "一行": w_yihang, "一场": w_yichang, "一卷": w_yijuan, "照应": w_zhaoying, "点着": w_dianzhe, "背着": w_beizhe, "澄清": w_chengqing, "多重": w_duozhong, "利害": w_lihai, "得到": w_dedao, "黏着": w_nianzhe, "累累": w_leilei,
    "正当": w_zhengdang, "口角": w_koujue, "言语": w_yanyu, "得出": w_dechu,
    "受过": w_shouguo, "那是": w_nashi, "更深": w_gengshen, "美的": w_meide, "走过": w_zouguo, "都会": w_duhui,
    "一打": w_yida, "女人": w_nvren, "结子": w_jiezi, "土地": w_tudi, "穿着": w_chuanzhe, "供养": w_gongyang,
    "同行": w_tongxing,
    "播种": w_bozhong, "过去": _guo_complement("qu"), "过来": _guo_complement("lai"),
    "结果": w_jieguo,
    "孙子": w_sunzi,
    "对头": w_duitou, "生意": w_shengyi, "出来": _complement("chu"), "起来": _complement("qi"),
    "东西": w_dongxi, "地方": w_difang, "人家": w_renjia, "大意": w_dayi, "多少": w_duoshao,
    "教会": w_jiaohui, "精神": w_jingshen, "地道": w_didao, "大方": w_dafang,
}


def word_rule_reading(text: str, s: int, e: int, prev_w: str, next_w: str) -> tuple[str, ...] | None:
    rule = WORD_RULES.get(text[s:e])
    if rule is None:
        return None
    r = rule(Ctx(text, s, s, e, prev_w, next_w, None))
    return tuple(r.split()) if r else None


# A rule's last resort (marked "?" above) is a guess for everyday text; for these characters the
# statistical model's guess is used instead when no rule fired (measured: better on CPP's odd and
# even halves alike, no loss on everyday sentences).
DEFER = set("为藏")


def rule_reading_how(text: str, p: int, s: int, e: int, prev_w: str, next_w: str, phrase: str | None = None,
                     ws: int | None = None, we: int | None = None) -> tuple[str, str] | None:
    """(reading, how) with how "context" (the reviewed table), "rule" (a rule that saw its
    evidence) or "guess" (a rule's last resort: the character's common reading), or None."""
    rule = RULES.get(text[p])
    if rule is None:
        return None
    c = Ctx(text, p, s, e, prev_w, next_w, phrase, ws, we)
    if c.single and c.ch in CONTEXT:
        r = context_reading(c)
        if r is not None:
            return r, "context"
    if c.single and c.ch in VERBS:
        r = verb_reading(c)
        if r is not None:
            return r, "context"
    r = rule(c)
    if r is None:
        return None
    if r.endswith("?"):
        return None if text[p] in DEFER else (r[:-1], "guess")
    return r, "rule"
