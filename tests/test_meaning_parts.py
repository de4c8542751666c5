"""The parts' meaning saved for a word the dictionary lacks takes each part's real sense, not a
cross-reference: 提质增效's 效 is "effect; efficacy", not "to imitate (variant of 效[xiao4])"."""

from __future__ import annotations

import pytest


@pytest.fixture
def dictionary(dictionary_index):
    from reader.core.dictionary import Dictionary

    d = Dictionary.open(index_path=dictionary_index)
    yield d
    d.close()


@pytest.mark.parametrize("syllables", [["ti2", "zhi4", "zeng1", "xiao4"], None])
def test_a_part_takes_its_real_sense_not_a_variant_cross_reference(dictionary, syllables):
    from reader.core.meaning import PARTS_MARK, word_meaning

    meaning = word_meaning("提质增效", None, dictionary, syllables=syllables)
    assert meaning.startswith(PARTS_MARK)
    part = meaning.split("效: ")[1]
    assert part.startswith("effect"), meaning
    assert "imitate" not in meaning and "variant of" not in meaning


def test_a_word_the_dictionary_has_keeps_its_own_entry(dictionary):
    from reader.core.meaning import word_meaning

    assert "efficiency" in word_meaning("效率", None, dictionary)


def test_a_single_character_is_not_saved_as_a_variant_cross_reference(dictionary):
    from reader.core.meaning import word_meaning

    assert word_meaning("效", None, dictionary, syllables=["xiao4"]).startswith("effect")
