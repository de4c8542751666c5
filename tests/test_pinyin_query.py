"""The glossary's pinyin search query, parsed in core/pinyin.py (one module for every pinyin parser)."""

from __future__ import annotations

from reader.core.pinyin import parse_query


def test_marks_numbers_and_none_cut_into_syllables():
    assert parse_query("xīnzhì") == [("xin", 1, True), ("zhi", 4, True)]
    assert parse_query("xin1zhi4") == [("xin", 1, True), ("zhi", 4, True)]
    assert parse_query("xin zhi") == [("xin", None, True), ("zhi", None, True)]
    assert parse_query("lüse") == [("lv", None, True), ("se", None, True)]


def test_the_last_syllable_may_be_incomplete_and_other_text_is_not_pinyin():
    assert parse_query("zhongg") == [("zhong", None, True), ("g", None, False)]
    assert parse_query("zhongg guo") is None  # only the last may be cut short
    assert parse_query("new quality") is None
    assert parse_query("") is None
