"""Readings a user walk-through saw wrong on screen (checked against CC-CEDICT / 现代汉语词典)."""

from __future__ import annotations

import pytest

from reader.core.annotate import Annotator

from test_readings import reading

_ANN = Annotator()


def words(text: str) -> list[str]:
    return [t.text for t in _ANN.annotate(text) if t.text.strip()]


@pytest.mark.parametrize("text, word, expected", [
    # 为 wèi "in order to" before any verb at a clause's head (XHC 为 wèi), not only the listed ones
    ("为支撑高质量发展，我们要努力。", "为", "wei4"),
    ("为建设科技强国，要加快改革。", "为", "wei4"),
    # 还 huán "give back" before 了 and what is returned (亏空 "a debt")
    ("他终于还了亏空。", "还", "huan2"),
    # the surname 华 is Huà (XHC: 华 Huà 姓), in a byline's name
    ("本报记者 华凌", "华", "hua4"),
])
def test_reading(text, word, expected):
    assert reading(text, word) == expected


@pytest.mark.parametrize("text, word, expected", [
    ("他还了解这件事。", "还", "hai2"),  # 还 hái "still" + 了解 "understand"
    ("这还了得！", "还", "hai2"),
    ("新华社记者报道。", "华", "hua2"),  # 新华社, a word: 华 huá
    ("他为人民服务。", "为", "wei4"),
    ("他被选为代表。", "为", "wei2"),
])
def test_controls(text, word, expected):
    assert reading(text, word) == expected


def test_a_book_is_one_measure_word_and_book_not_this_book():
    assert words("昨天他还了我一本书。")[-4:-1] == ["一", "本", "书"]


@pytest.mark.parametrize("text, name", [
    ("本报记者 华凌", "华凌"),
    ("新华社记者 张继红 摄", "张继红"),
    ("本报记者 华凌 刘垠", "刘垠"),
    ("记者 王小明 报道：今天下雨。", "王小明"),
])
def test_a_bylines_name_is_one_word(text, name):
    assert name in words(text)


def test_no_name_where_the_words_say_otherwise():
    assert "要认真" not in words("记者 要认真") and "要" in words("记者 要 认真")
