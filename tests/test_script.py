"""One answer to "is this a hanzi?" (reader/core/script.py), 〇 included, asked by every layer: a
reading typed for 二〇二四 is taken whole and its tones are drawn on all four characters."""

from __future__ import annotations

import pytest

from reader.core.script import HAN_RE, count_hanzi, is_hanzi


@pytest.mark.parametrize("ch", ["中", "〇", "㐀", "𠀀", "豈"])
def test_hanzi(ch):
    assert is_hanzi(ch) and HAN_RE.fullmatch(ch)


@pytest.mark.parametrize("ch", ["a", "1", "，", "。", "〆", "ー", " "])
def test_not_hanzi(ch):
    assert not is_hanzi(ch) and not HAN_RE.fullmatch(ch)


def test_a_reading_typed_for_a_year_written_with_zero_is_taken():
    from reader.core.pinyin import reading_problem, parse_reading

    assert parse_reading("二〇二四", "er4 ling2 er4 si4") == ["er4", "ling2", "er4", "si4"]
    assert reading_problem("二〇二四", "er4 er4 si4")  # 4 hanzi: 3 syllables are not enough


def test_every_layer_counts_the_zero():
    from reader.store.db import _is_cjk
    from reader.store.exchange import _has_hanzi

    assert count_hanzi("二〇二四年") == 5
    assert _is_cjk("〇") and _has_hanzi("〇")


def test_the_reading_view_colours_the_zero_by_its_tone():
    from reader.ui.article_view import _RUN

    kinds = [m.lastgroup for m in _RUN.finditer("二〇二四")]
    assert kinds == ["hanzi"] * 4
