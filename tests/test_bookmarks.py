"""Bookmarks and positions stay on their paragraph when other paragraphs of the article change."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.store import open_store, reanchor

BLOCKS = ["两会观察", "第一段：经济。", "第二段：科技。", "第三段：教育。", "第四段：民生。"]


@pytest.fixture
def store():
    with open_store() as s:
        yield s


def test_bookmark_survives_a_paragraph_inserted_before_it(store):
    bid = store.add_bookmark("art", 3, BLOCKS[3], name="教育")
    edited = BLOCKS[:1] + ["新插入的一段。", "又一段。"] + BLOCKS[1:]
    [mark] = store.list_bookmarks("art", block_texts=edited)
    assert mark.id == bid and mark.block_index == 5 and edited[5] == BLOCKS[3]
    assert mark.name == "教育" and mark.excerpt == BLOCKS[3]


def test_position_survives_deleted_and_edited_paragraphs(store):
    store.set_position("art", 4, BLOCKS[4], token_index=3)
    edited = [BLOCKS[0], BLOCKS[2] + "（修订）", BLOCKS[4]]
    assert store.get_position("art", edited) == (2, 3)


def test_edited_paragraph_found_by_its_start_then_nearest_index(store):
    long = "这是一个很长的段落，讲述了经济发展的方方面面，包括投资、消费和出口。"
    blocks = ["甲。", long, "乙。"]
    store.set_position("art", 1, long, token_index=4)
    edited = ["甲。", "丙。", long[:-1] + "以及其他。", "乙。"]
    # the paragraph was changed at its end: found by its start; the token index no longer applies
    assert store.get_position("art", edited) == (2, 0)
    # the paragraph is gone entirely: nearest index, clamped
    assert store.get_position("art", ["甲。"]) == (0, 0)
    assert store.get_position("art", []) is None
    assert blocks  # unchanged input


def test_duplicate_paragraphs_pick_the_nearest(store):
    blocks = ["同。", "甲。", "乙。", "丙。", "同。"]
    store.add_bookmark("art", 0, "同。")
    store.add_bookmark("art", 4, "同。")
    marks = store.list_bookmarks("art", block_texts=["新。"] + blocks)
    assert [m.block_index for m in marks] == [1, 5]


def test_reanchor_whitespace_insensitive():
    from reader.store import block_hash

    assert reanchor(0, block_hash("第一段 经济"), "第一段 经济", ["x", "第一段\n经济 "]) == (1, True)


def test_list_and_remove(store):
    a = store.add_bookmark("b-art", 2, "乙。")
    b = store.add_bookmark("a-art", 1, "甲。", name="start")
    assert [m.id for m in store.list_bookmarks()] == [b, a]
    assert [m.id for m in store.list_bookmarks("b-art")] == [a]
    assert store.remove_bookmark(b) is True
    assert store.remove_bookmark(b) is False
    assert [(m.id, m.name) for m in store.list_bookmarks()] == [(a, "")]


def test_bookmarks_cli_json_and_text(store, capsys):
    store.add_bookmark("art", 3, "[bold]第三段[/bold]：教育。", name="[red]x")
    assert main(["bookmarks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["article_id"] == "art" and data[0]["block_index"] == 3
    assert data[0]["name"] == "[red]x" and data[0]["excerpt"].startswith("[bold]")
    assert main(["bookmarks"]) == 0
    out = capsys.readouterr().out
    assert "[bold]第三段[/bold]" in out and "art" in out and "¶ 4" in out  # as the reader writes it


def test_bookmarks_cli_empty(capsys):
    assert main(["bookmarks"]) == 0
    assert "no bookmarks" in capsys.readouterr().out
    assert main(["bookmarks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bookmarks_cli_reanchors_on_the_article_as_it_is_now(store, capsys, yuedu_home):
    from reader import paths

    article = paths.library_dir() / "my-article.md"
    article.write_text("---\nid: my-article\ntitle: 我的文章\n---\n\n第一段。\n\n第二段。\n\n第三段。\n", encoding="utf-8")
    from reader.core.article import load_article

    blocks = [b.text for b in load_article(article).blocks]
    index = blocks.index("第三段。")
    store.add_bookmark("my-article", index, "第三段。", name="three")
    article.write_text("---\nid: my-article\ntitle: 我的文章\n---\n\n新的一段。\n\n第一段。\n\n第二段。\n\n第三段。\n",
                       encoding="utf-8")
    assert main(["bookmarks", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["title"] == "我的文章" and row["block_index"] == index + 1


def test_bookmarks_cli_says_when_the_article_is_gone(store, capsys):
    store.add_bookmark("gone-article", 0, "消失的段落。")
    store.add_bookmark("guan-jian-chu-luo-zi-77395e", 2, "x")
    assert main(["bookmarks"]) == 0
    out = capsys.readouterr().out
    assert "gone-article  (not in your library any more)" in out
    assert "关键处「落子」成就大发展「好棋」  (guan-jian-chu-luo-zi-77395e)" in out
