"""The session layer: one lookup, one save, one reading fix, one annotator for every front end."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.article import Article, Block
from reader.errors import UserError
from reader.session import LookupContext, Session


def test_lookup_gives_entry_pinyin_and_the_meaning_saved():
    session = Session()
    found = session.lookup("新质生产力", levels=True)
    assert found.entry is not None and found.entry.term == "新质生产力"
    assert found.pinyin == "xin1 zhi4 sheng1 chan3 li4"
    assert found.meaning == "new quality productive forces"
    assert found.levels is not None and found.levels["hsk"]["standard"] == "2025"
    plain = session.lookup("中国")
    assert plain.entry is None and plain.dictionary and plain.pinyin == "zhong1 guo2"


def test_lookup_in_context_uses_the_token_and_the_longest_match():
    session = Session()
    ann = session.annotator
    text = "他是董事长。"
    token = next(t for t in ann.annotate(text) if t.text == "董事长")
    found = session.lookup("董事长", LookupContext(text, 2, 5, token))
    assert found.syllables == token.pinyin
    # a word CC-CEDICT lacks: the longest dictionary match from where it starts
    odd = session.lookup("董事长是", LookupContext("董事长是", 0, 4, None))
    assert odd.headword == "董事长" and odd.dictionary


def test_lookup_without_loading_says_the_dictionary_is_loading():
    session = Session()
    found = session.lookup("中国", load=False)
    assert found.dictionary == () and found.dictionary_note == "(the dictionary is still loading…)"
    assert Session(load_dictionary=False).lookup("中国").dictionary_note == "(the dictionary is not available)"


def test_fix_reading_swaps_the_corrections_into_the_live_annotator():
    session = Session()
    ann = session.annotator
    before = ann.config_digest()
    assert [t.pinyin for t in ann.annotate("董事长") if t.text == "董事长"] == [("dong3", "shi4", "zhang3")]
    session.save_word("董事长", sentence="他是董事长。")
    fix = session.fix_reading("董事长", "dǒng shì cháng")
    assert fix.syllables == ("dong3", "shi4", "chang2") and fix.applied
    assert fix.updated_words == ("董事长",)
    assert session.annotator is ann  # the same annotator: corrections swapped in, nothing rebuilt
    assert ann.config_digest() != before
    assert [t.pinyin for t in ann.annotate("董事长") if t.text == "董事长"] == [("dong3", "shi4", "chang2")]
    assert session.store.get_word("董事长").pinyin == "dong3 shi4 chang2"


@pytest.mark.parametrize("typed", ["dong3 shi4", "zhang7 shi4 chang2", "xx1 shi4 chang2", ""])
def test_fix_reading_refuses_what_is_not_a_reading(typed):
    session = Session()
    with pytest.raises(UserError):
        session.fix_reading("董事长", typed)
    assert session.store.list_corrections() == []


def test_save_word_with_typed_pinyin_checks_it_and_updates_a_saved_word():
    session = Session()
    first = session.save_word("重要", sentence="这很重要。")
    assert not first.existed and first.item.pinyin == "zhong4 yao4" and first.item.definition
    with pytest.raises(UserError):
        session.save_word("重要", pinyin="zhong4")
    again = session.save_word("重要", pinyin="zhong4 yao5")
    assert again.existed and again.item.pinyin == "zhong4 yao5"


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i:03}", title=f"文章{i}", blocks=[Block("paragraph", "我们", 0), Block("paragraph", "你们", 1)])
            for i in range(n)]


def _count_queries(store) -> list[str]:
    seen: list[str] = []
    conn: sqlite3.Connection = store._conn
    conn.set_trace_callback(seen.append)
    return seen


def test_library_rows_take_a_fixed_number_of_queries():
    session = Session()
    store = session.store
    articles = _articles(200)
    for article in articles[:50]:
        store.set_position(article.id, 0, "我们", 0, block_count=2)
    session.save_word("我们", sentence="我们", article_id="a001")
    seen = _count_queries(store)
    rows = session.library_rows(articles)
    few = len(seen)
    seen.clear()
    session.library_rows(articles[:2])
    assert len(seen) == few <= 4  # the same for 2 articles as for 200
    assert [r.percent for r in rows[:2]] == [50, 50] and rows[60].percent is None
    assert rows[1].saved == 1 and rows[0].saved == 0


def test_loaded_never_loads_and_the_annotator_is_warm_only_after_warm_up():
    session = Session()
    loaded = session.loaded
    assert (loaded.store, loaded.glossary, loaded.dictionary, loaded.library) == (None, None, None, None)
    assert not session.has("store")  # asking the view opened nothing
    session.load_glossary()
    session.load_store()
    annotator = session.build_annotator()
    assert loaded.early_annotator is annotator and loaded.annotator is None  # built, engine not loaded
    assert session.warm_annotator() is annotator and loaded.annotator is annotator
    assert session.annotator is annotator  # the one live annotator


def test_find_article_and_occurrences_cover_an_article_read_from_a_file(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.md").write_text("---\nid: in-library\ntitle: 甲\n---\n\n发展新质生产力。\n", encoding="utf-8")
    session = Session(library_dirs=[library])
    outside = Article(id="from-file", title="乙", blocks=[Block("paragraph", "培育新质生产力。", 0)])
    session.extra_articles.append(outside)
    assert session.find_article("from-file") is outside
    assert session.find_article("in-library") is None  # the library is not loaded yet: never loaded here
    assert session.index_occurrences() is None
    session.load_library()
    session.load_glossary()
    assert session.find_article("in-library").title == "甲"
    found = session.index_occurrences()
    assert sorted(a for a, _block in found["新质生产力"]) == ["from-file", "in-library"]


def test_prefs_wait_for_the_store_and_never_fail_a_read():
    session = Session()
    assert session.pref("reader.pinyin_mode", "on") == "on" and session.set_pref("reader.pinyin_mode", "off") is False
    session.load_store()
    assert session.set_pref("reader.pinyin_mode", "cursor") is True
    assert session.pref("reader.pinyin_mode", "on") == "cursor"
    session.close()
    assert session.pref("reader.pinyin_mode", "on") == "on"  # closed: the default, no exception
