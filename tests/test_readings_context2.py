"""Readings found wrong on the grown real-text dev sets and the everyday dev set (issue 11, round 3):
each case is a general rule or a reviewed table row, with a sentence it reads and, where a rule could
overreach, a sentence it must leave alone."""

from __future__ import annotations

import pytest

from test_readings import reading


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # 教 jiào "make, let" (XHC 使，令): a person, then a state (adjective or fixed phrase)
        ("主顾也没有好声气，教人活泼不得。", "教", "jiao4"),
        ("有时反更分明，教我惭愧，催我自新。", "教", "jiao4"),
        ("这件事真教人着急。", "教", "jiao4"),
        # ... and 教 jiāo "teach" where a subject to learn follows
        ("他教我英语。", "教", "jiao1"),
        ("老师教孩子识字。", "教", "jiao1"),
        # a verb and its complement that make a CC-CEDICT word of one reading: the dictionary's
        ("看时又全没有人。站起来向外一望。", "起来", "qi3 lai5"),
        ("大家都哄笑起来。", "起来", "qi5 lai5"),  # the complement after a verb, as before
        # 中 zhòng "hit, pass": 中状元
        ("将来一定要中状元。", "中", "zhong4"),
        # separable words with 了 / 过 inside read as the word (折本 shéběn, 睡觉 jiào)
        ("总要捐几回钱，折了本；", "折", "she2"),
        ("他睡过觉了。", "觉", "jiao4"),
        ("他睡过觉了。", "过", "guo5"),
        # ... but not a reduplication, nor a particle taken for the second half
        ("他数了数钱。", "数", "shu3"),
        ("河水没过了膝盖。", "没", "mo4"),
        # 为 "in order to" heading a clause with a verb of purpose
        ("朱文忠表示，为做好春运工作，国铁集团将增开列车。", "为", "wei4"),
        # reviewed table rows (lexicon.tsv): 秋种 / 抢种 zhòng, 豆壳 ké
        ("华北地区秋种有序开展。", "秋种", "qiu1 zhong4"),
        ("河北加紧抢种冬小麦。", "抢种", "qiang3 zhong4"),
        ("今年春种进展顺利，要抓紧夏种。", "春种", "chun1 zhong4"),
        ("今年春种进展顺利，要抓紧夏种。", "夏种", "xia4 zhong4"),
        ("豆荚豆壳全抛在河水里。", "豆壳", "dou4 ke2"),
        # 播种 bōzhòng for an area sown (XHC 播种面积), bōzhǒng "sow seeds" otherwise
        ("目前已完成冬小麦播种750万亩。", "播种", "bo1 zhong4"),
        ("春天是播种的季节。", "播种", "bo1 zhong3"),
        # 得 děi "must" between a noun and a verb; the complement's de after a verb
        ("时间得抓紧。", "得", "dei3"),
        ("他跑得很快。", "得", "de5"),
        # segmentation (segment_splits.tsv): 不小心 切, not 不小 心切
        ("我不小心切到了手指。", "切", "qie1"),
        # 那是 / 真是 are CC-CEDICT's interjections (nàshi, zhēnshi) only where they end a clause
        ("現在又到了那裡呢？那是誰？", "是", "shi4"),
        ("我那時真是太聰明了。", "是", "shi4"),
        ("你真是的！", "真是", "zhen1 shi5"),
        # 过去 / 过来 after a verb and before a verb: the complement (CC-CEDICT guò qu); the noun and
        # the verb "pass" keep guò qù
        ("一面扣上衣服；伸手过去说，“你给我罢。”", "过去", "guo4 qu5"),
        ("回首过去的几年，变化很大。", "过去", "guo4 qu4"),
        ("日子很快地过去了。", "过去", "guo4 qu4"),
        # 得分 "score" only where 分 is not the start of 分明, 分清 ...
        ("只有一条灰白的路，看得分明。", "得", "de5"),
        ("这场比赛他得分最多。", "得", "de2"),
        # context rows: 倒 dào "on the contrary" before a verb of feeling; 还 hái before 回头
        ("老栓倒觉爽快。", "倒", "dao4"),
        ("一个还回头看他。", "还", "hai2"),
        ("他把书还回图书馆。", "还", "huan2"),
    ],
)
def test_reading_in_context(text, word, expected):
    assert reading(text, word) == expected


def test_a_name_joined_once_is_one_word_throughout_the_paragraph():
    """曾彭华 after a title is a name (曾 Zēng); later in the paragraph, with nothing beside it that says
    "name", the same three characters are still that name, not 曾 céng "once" and two loose characters."""
    from test_readings import _ANN

    text = "社区工作人员曾彭华于5月25日不慎摔伤。由于工作较多，曾彭华决定坚守岗位。"
    words = [t.text for t in _ANN.annotate(text) if t.kind == "hanzi"]
    assert words.count("曾彭华") == 2
    assert [t.pinyin for t in _ANN.annotate(text) if t.text == "曾彭华"] == [("zeng1", "peng2", "hua2")] * 2
