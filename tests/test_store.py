"""The store's API as the reader and the review screen use it."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from reader import paths
from reader.errors import UserError
from reader.store import CURRENT_VERSION, open_store


@pytest.fixture
def store():
    with open_store() as s:
        yield s


def test_opens_at_the_data_dir_with_wal_and_foreign_keys(store):
    assert store.path == paths.db_path()
    assert store.path.is_file()
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_prefs_round_trip_json_values(store):
    assert store.get_pref("pinyin.mode", "on") == "on"
    store.set_pref("pinyin.mode", "cursor")
    store.set_pref("colours", {"tone1": "red", "on": True, "list": [1, 2]})
    store.set_pref("pinyin.mode", "off")
    assert store.get_pref("pinyin.mode") == "off"
    assert store.get_pref("colours") == {"tone1": "red", "on": True, "list": [1, 2]}
    with open_store() as again:
        assert again.get_pref("pinyin.mode") == "off"


def test_saving_a_word_twice_adds_the_sentence_not_a_duplicate(store):
    store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。", article_id="a", block_index=2)
    item = store.save_word("重要", "zhong4 yao4", "important", sentence="非常重要。", article_id="b", block_index=7,
                           tags=["hsk3"])
    again = store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。")
    words = store.list_vocab()
    assert [w.word for w in words] == ["重要"]
    assert [s.text for s in again.sentences] == ["这很重要。", "非常重要。"]
    assert [(s.article_id, s.block_index) for s in item.sentences] == [("a", 2), ("b", 7)]
    assert again.tags == ("hsk3",)
    assert store.words_saved_by_article() == {"a": 1, "b": 1}


def test_word_keeps_its_fields(store):
    item = store.save_word("新质生产力", "xīn zhì shēng chǎn lì", "new quality productive forces",
                           glossary_term="新质生产力", sentence="发展新质生产力", tags=["policy"], note="[bold]x[/]")
    got = store.get_word("新质生产力")
    assert got == item
    assert got.pinyin == "xin1 zhi4 sheng1 chan3 li4"  # canonical numbers
    assert got.glossary_term == "新质生产力"
    assert got.note == "[bold]x[/]"
    assert got.is_new and got.state == "new"


def test_empty_word_is_refused(store):
    with pytest.raises(UserError):
        store.save_word("  ", "", "")


def test_delete_and_undo(store):
    store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。")
    store.save_word("发展", "fa1 zhan3", "develop")
    removed = store.delete_word("重要")
    assert removed is not None and removed.word == "重要"
    assert [w.word for w in store.list_vocab()] == ["发展"]
    assert store.get_word("重要") is None
    assert store.delete_word("重要") is None
    back = store.restore_word(removed.id)
    assert back is not None and back.sentence == "这很重要。"
    assert sorted(w.word for w in store.list_vocab()) == ["发展", "重要"]


def test_saving_a_deleted_word_brings_it_back(store):
    store.save_word("重要", "zhong4 yao4", "important", sentence="一")
    store.delete_word("重要")
    item = store.save_word("重要", "", "", sentence="二")
    assert item.deleted is None
    assert [s.text for s in item.sentences] == ["一", "二"]
    assert item.pinyin == "zhong4 yao4"


def test_search_and_sort(store):
    store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。", article_id="b", block_index=1)
    store.save_word("发展", "fa1 zhan3", "to develop", article_id=None, note="economy")
    store.save_word("改革", "gai3 ge2", "reform", sentence="深化改革", article_id="a", block_index=4)
    assert [w.word for w in store.list_vocab(sort="added")] == ["改革", "发展", "重要"]
    assert [w.word for w in store.list_vocab(sort="article")] == ["改革", "重要", "发展"]
    assert [w.word for w in store.list_vocab(search="zhongyao")] == ["重要"]
    assert [w.word for w in store.list_vocab(search="zhòng")] == ["重要"]
    assert [w.word for w in store.list_vocab(search="develop")] == ["发展"]
    assert [w.word for w in store.list_vocab(search="economy")] == ["发展"]
    assert [w.word for w in store.list_vocab(search="深化")] == ["改革"]
    assert [w.word for w in store.list_vocab(article_id="a")] == ["改革"]


def test_positions_and_progress(store):
    blocks = ["标题", "第一段。", "第二段。", "第三段。"]
    assert store.get_position("art", blocks) is None
    assert "art" not in store.positions()
    store.set_position("art", 2, blocks[2], 3, block_count=4)
    store.set_position("art", 1, blocks[1], 0)
    assert store.get_position("art", blocks) == (1, 0)
    furthest, count, last_read = store.positions()["art"]
    assert (furthest, count) == (2, 4) and last_read is not None
    store.set_position("art", 2, blocks[2], 5)
    with open_store() as again:
        assert again.get_position("art", blocks) == (2, 5)


def test_corrections(store):
    store.set_reading("行长", ["xing2", "zhang3"])
    rid2 = store.set_reading("行长", ["hang2", "zhang3"])
    mid = store.add_segmentation("merge", "新质生产力")
    sid = store.add_segmentation("split", "研究生命", ["研究", "生命"])
    rows = store.list_corrections()
    assert [(c.kind, c.word, c.value) for c in rows] == [
        ("reading", "行长", ["hang2", "zhang3"]),
        ("merge", "新质生产力", []),
        ("split", "研究生命", ["研究", "生命"]),
    ]
    assert {c.id for c in rows} == {rid2, mid, sid} and len(rows) == 3
    assert store.remove_correction(mid) is True
    assert store.remove_correction(mid) is False
    assert [c.word for c in store.list_corrections()] == ["行长", "研究生命"]
    with pytest.raises(UserError):
        store.set_reading("行长", ["hang2"])
    with pytest.raises(UserError):
        store.add_segmentation("split", "研究生命", ["研究", "生"])


def test_threads_share_one_store(store):
    errors = []

    def work(n):
        try:
            for i in range(30):
                store.save_word(f"词{n}-{i}", "ci2", "word")
                store.list_vocab()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(store.list_vocab()) == 120


def test_library_summaries_in_one_call(store):
    store.save_word("甲", "", "", sentence="一", article_id="a")
    store.save_word("乙", "", "", sentence="二", article_id="a")
    store.save_word("甲", "", "", sentence="三", article_id="b")
    store.save_word("丙", "", "", sentence="四", article_id="b")
    store.delete_word("丙")
    assert store.words_saved_by_article() == {"a": 2, "b": 1}
    store.set_position("a", 4, "x", block_count=10)
    [(max_block, count, last)] = store.positions().values()
    assert (max_block, count) == (4, 10) and last is not None
