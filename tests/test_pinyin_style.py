"""Pinyin display styles and 一/不 sandhi."""

from __future__ import annotations

import pytest

from reader.core.pinyin import (
    render_syllable,
    render_syllables,
    spoken_syllables,
    tone_of,
    syllable_to_marks as to_marks,
    to_zhuyin,
)


@pytest.mark.parametrize(
    "syl, marks",
    [
        ("zhong1", "zhōng"), ("guo2", "guó"), ("hao3", "hǎo"), ("shi4", "shì"), ("de5", "de"),
        ("lv4", "lǜ"), ("nv3", "nǚ"), ("lve4", "lüè"), ("gui4", "guì"), ("liu2", "liú"),
        ("xiong2", "xióng"), ("zhuang4", "zhuàng"), ("shou3", "shǒu"), ("er2", "ér"), ("yue4", "yuè"),
    ],
)
def test_tone_marks(syl, marks):
    assert render_syllable(syl, "marks") == marks


def test_numbers_and_tones():
    assert render_syllable("lv4", "numbers") == "lv4"
    assert render_syllable("de5", "numbers") == "de5"
    assert [tone_of(s) for s in ("ma1", "ma2", "ma3", "ma4", "ma5", "ma")] == [1, 2, 3, 4, 5, 5]


@pytest.mark.parametrize(
    "syl, zhuyin",
    [
        ("zhong1", "ㄓㄨㄥ"), ("lv4", "ㄌㄩˋ"), ("de5", "˙ㄉㄜ"), ("xue2", "ㄒㄩㄝˊ"), ("yuan2", "ㄩㄢˊ"),
        ("shi4", "ㄕˋ"), ("zi3", "ㄗˇ"), ("wo3", "ㄨㄛˇ"), ("you3", "ㄧㄡˇ"), ("jiong3", "ㄐㄩㄥˇ"),
        ("gui4", "ㄍㄨㄟˋ"), ("lun2", "ㄌㄨㄣˊ"), ("er2", "ㄦˊ"), ("yi1", "ㄧ"),
    ],
)
def test_zhuyin(syl, zhuyin):
    assert render_syllable(syl, "zhuyin") == zhuyin


def test_zhuyin_agrees_with_pypinyin_for_every_dictionary_syllable():
    """pypinyin's own bopomofo converter as an independent reference (it writes the neutral-tone
    dot last; the standard, and we, write it first)."""
    from pypinyin import Style
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.style import convert

    from reader.core.pinyin import marks_to_numbers as marks_to_number

    syllables = {s for v in PINYIN_DICT.values() for s in v.split(",")}
    assert len(syllables) > 1000
    for s in syllables:
        number = marks_to_number(s)
        if number[:-1] in ("m", "n", "ng", "hm", "hng"):
            continue  # interjections (嗯 呣 哼): pypinyin itself is inconsistent about them
        ref = convert(s, Style.BOPOMOFO, strict=True).replace("˙", "")
        assert to_zhuyin(number).replace("˙", "") == ref, s
        assert to_marks(number) == s, s


def test_word_rendering():
    assert render_syllables(["bei3", "jing1"], "marks") == "běijīng"
    assert render_syllables(["bei3", "jing1"], "zhuyin") == "ㄅㄟˇ ㄐㄧㄥ"


@pytest.mark.parametrize(
    "chars, syls, breaks, spoken",
    [
        ("一个", ["yi1", "ge4"], [0], ["yi2", "ge4"]),
        ("一天", ["yi1", "tian1"], [0], ["yi4", "tian1"]),
        ("一起", ["yi1", "qi3"], [0], ["yi4", "qi3"]),
        ("一年", ["yi1", "nian2"], [0], ["yi4", "nian2"]),
        ("不是", ["bu4", "shi4"], [0, 1], ["bu2", "shi4"]),
        ("不好", ["bu4", "hao3"], [0], ["bu4", "hao3"]),
        ("统一战线", ["tong3", "yi1", "zhan4", "xian4"], [0, 2], ["tong3", "yi1", "zhan4", "xian4"]),
        ("第一个", ["di4", "yi1", "ge4"], [0, 2], ["di4", "yi1", "ge4"]),
        ("一月", ["yi1", "yue4"], [0], ["yi1", "yue4"]),
        ("一九四九", ["yi1", "jiu3", "si4", "jiu3"], [0], ["yi1", "jiu3", "si4", "jiu3"]),
    ],
)
def test_sandhi(chars, syls, breaks, spoken):
    assert spoken_syllables(chars, syls, breaks) == spoken
    assert spoken_syllables(chars, syls, breaks, sandhi=False) == syls
