"""Search across the library: the index finds exactly what a plain scan finds, and follows the library."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest

from reader.core.article import Article, Block, dump_article, load_library
from reader.core import search
from reader.core.search import SearchIndex, fts5_trigram_available, scan

WORDS = ["创新", "科技", "北京", "人才", "发展", "新质生产力", "揭榜挂帅", "的", "了", "和", "Python", "python",
         "AI", "“引号”", "3.0", "中心", "建设", "改革", "开放", "合作", "区块链", "研究", "企业", "市场"]


def make_article(rng: random.Random, n: int) -> Article:
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        paragraphs.append("".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30))) + "。")
    return Article(id=f"a-{n:04d}", title=f"第{n}篇", blocks=[Block("paragraph", p, 0) for p in paragraphs])


def write(folder: Path, article: Article) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{article.id}.md"
    path.write_text(dump_article(article), encoding="utf-8")
    return path


def keys(hits) -> list[tuple[str, int]]:
    return [(h.article, h.paragraph) for h in hits]


@pytest.fixture
def library(tmp_path):
    rng = random.Random(7)
    folder = tmp_path / "lib"
    for n in range(60):
        write(folder, make_article(rng, n))
    return folder


QUERIES = ["创新", "新质生产力", "质生", "的", "技北", "Python", "python", "PYTHON", "“引号”", "3.0", "。",
           "揭榜挂帅创新", "不存在的词", '"', "AI创新科技", "AI", "ai", "Py", "nP", "I创", "3.", "新。", "。创",
           "开放", "放合", "生力", "区块"]


@pytest.mark.parametrize("use_fts", [True, False])
def test_index_finds_exactly_what_a_scan_finds(tmp_path, library, use_fts):
    if use_fts and not fts5_trigram_available():
        pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    articles = load_library([library]).articles
    with SearchIndex(tmp_path / "index.sqlite3", use_fts=use_fts) as index:
        index.sync([library])
        assert index.mode == ("fts" if use_fts else "scan")
        for query in QUERIES:
            assert keys(index.search(query)) == keys(scan(articles, query)), query
        assert len(index.search("创新")) > 20
        assert index.search("Python") != index.search("python")  # exact, as grep -F
        assert keys(index.search("创新", limit=3)) == keys(scan(articles, "创新"))[:3]


def test_hits_carry_title_paragraph_and_text(tmp_path):
    folder = tmp_path / "lib"
    write(folder, Article(id="one", title="标题一", blocks=[
        Block("paragraph", "第一段没有。", 0), Block("heading", "小标题里有新质生产力", 0),
        Block("paragraph", "第二段讲新质生产力的发展。", 0)]))
    with SearchIndex(tmp_path / "i.sqlite3") as index:
        index.sync([folder])
        [hit] = index.search("新质生产力")  # subheads are not paragraphs
    assert (hit.article, hit.title, hit.paragraph, hit.text) == ("one", "标题一", 2, "第二段讲新质生产力的发展。")
    assert hit.context("新质生产力", width=3) == ("…二段讲", "新质生产力", "的发展…")
    assert hit.context("新质生产力", width=4) == ("第二段讲", "新质生产力", "的发展。")


def test_index_follows_articles_as_they_come_and_go(tmp_path, library):
    with SearchIndex(tmp_path / "i.sqlite3") as index:
        assert index.sync([library])["added"] == 60
        assert index.sync([library]) == {"added": 0, "updated": 0, "removed": 0}  # warm: nothing re-read
        new = write(library, Article(id="zz-new", title="新文章", blocks=[Block("paragraph", "独一无二的句子。", 0)]))
        assert index.sync([library])["added"] == 1
        assert keys(index.search("独一无二")) == [("zz-new", 1)]
        assert keys(index.search("独一")) == [("zz-new", 1)]  # two characters: the pair index
        new.write_text(dump_article(Article(id="zz-new", title="新文章", blocks=[
            Block("paragraph", "改过的句子。", 0), Block("paragraph", "又一个独特说法。", 0)])), encoding="utf-8")
        os.utime(new, ns=(1, 1))  # even an edit that keeps the size and sets an old time is seen
        assert index.sync([library])["updated"] == 1
        assert index.search("独一无二") == [] and keys(index.search("独特说法")) == [("zz-new", 2)]
        assert index.search("独一") == [] and keys(index.search("独特")) == [("zz-new", 2)]
        new.unlink()
        assert index.sync([library])["removed"] == 1
        assert index.search("独特说法") == [] and index.search("独特") == []


def test_a_later_duplicate_id_is_left_out_as_the_library_does(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, Article(id="same", title="先", blocks=[Block("paragraph", "共同的词在这里。", 0)]))
    write(second, Article(id="same", title="后", blocks=[Block("paragraph", "共同的词在那里。", 0)]))
    write(second, Article(id="other", title="别", blocks=[Block("paragraph", "共同的词又在。", 0)]))
    with SearchIndex(tmp_path / "i.sqlite3") as index:
        index.sync([first, second])
        assert [(h.title, h.text) for h in index.search("共同的词")] == [("先", "共同的词在这里。"), ("别", "共同的词又在。")]


def test_the_library_order_is_followed_when_only_the_order_changes(tmp_path):
    # The warm check compares files, sizes, times AND their order: folders given the other way round
    # (or a file that sorts first) re-order the hits and change which duplicate is the article.
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, Article(id="same", title="先", blocks=[Block("paragraph", "共同的词在这里。", 0)]))
    write(second, Article(id="same", title="后", blocks=[Block("paragraph", "共同的词在那里。", 0)]))
    write(second, Article(id="other", title="别", blocks=[Block("paragraph", "共同的词又在。", 0)]))
    with SearchIndex(tmp_path / "i.sqlite3") as index:
        index.sync([first, second])
        assert [h.title for h in index.search("共同的词")] == ["先", "别"]
        assert index.sync([second, first]) == {"added": 0, "updated": 0, "removed": 0}  # nothing re-read
        assert [h.title for h in index.search("共同的词")] == ["别", "后"]
        assert [h.title for h in index.search("共同")] == ["别", "后"]
        write(second, Article(id="aa-first", title="首", blocks=[Block("paragraph", "共同的词最先。", 0)]))
        assert index.sync([second, first])["added"] == 1
        assert [h.title for h in index.search("共同的词")] == ["首", "别", "后"]


@pytest.mark.parametrize("gap", [2**16, 2])
def test_hits_stay_in_library_order_as_files_come_between_others(tmp_path, monkeypatch, gap):
    # Hits are read in paragraph-id order, which must stay the library order: files that sort between
    # two others, again and again at the same place (a small gap runs out of keys at once), before
    # the first, after the last, edited, removed, and folders swapped.
    monkeypatch.setattr(search, "GAP", gap)
    rng = random.Random(11)
    first, second = tmp_path / "a", tmp_path / "b"
    for n in (10, 20, 30):
        write(first, make_article(rng, n))
        write(second, make_article(rng, n + 100))

    def check(dirs):
        index.sync(dirs)
        articles = load_library(dirs).articles
        for query in ("创新", "新质生产力", "的", "AI", "开放合作"):
            assert keys(index.search(query)) == keys(scan(articles, query)), query
            assert keys(index.search(query, limit=4)) == keys(scan(articles, query))[:4], query
        ids = [row[0] for row in index.con.execute("SELECT m.id FROM pmeta m JOIN docs d ON d.id = m.doc"
                                                    " ORDER BY d.ord, m.paragraph")]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)

    with SearchIndex(tmp_path / "i.sqlite3") as index:
        check([first, second])
        for n in range(11, 19):  # each sorts after the one before and before a-0020
            write(first, make_article(rng, n))
            check([first, second])
        for n in range(9, 0, -1):  # each before all the others
            write(first, make_article(rng, n))
            check([first, second])
        write(second, make_article(rng, 999))
        check([first, second])
        edited = make_article(rng, 15)
        write(first, edited)
        (first / "a-0020.md").unlink()
        check([first, second])
        check([second, first])
        check([first, second])


def test_keys_increase_and_are_kept_where_they_can_be():
    for trial in range(300):
        rng = random.Random(trial)
        gap = rng.choice([1, 2, 3, 2**16])
        old = [rng.choice([None, rng.randrange(1, 40), rng.randrange(1, 2**40 + 5)]) for _ in range(rng.randrange(0, 30))]
        original, search.GAP = search.GAP, gap
        try:
            new = search._plan_keys(old)
        finally:
            search.GAP = original
        assert len(new) == len(old)
        assert new == sorted(set(new)) and all(0 < k < search.KEY_LIMIT for k in new)
    assert search._plan_keys([5, 9, None, 12]) == [5, 9, 10, 12]  # a gap with room: the others stay
    assert search._plan_keys([5, 6, None, 7])[0] == 5  # no room: a neighbour is re-keyed, not all


def test_a_damaged_index_is_rebuilt(tmp_path, library):
    path = tmp_path / "i.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with SearchIndex(path) as index:
        index.sync([library])
        assert index.search("创新")


def yuedu(*args: str) -> subprocess.CompletedProcess:
    """`yuedu ARGS` in this process (conftest.run_cli: the CLI's entry point and output guard, no
    interpreter start-up), standard input empty."""
    from conftest import run_cli

    return run_cli(*args)


def test_cli_search_lists_hits_and_follows_imports(tmp_path, yuedu_home):
    text = tmp_path / "page.txt"
    text.write_text("一个标题\n\n第一段写一个很少见的词：蝴蝶效应。\n\n第二段说别的事情。\n", encoding="utf-8")
    assert yuedu("search", "蝴蝶效应").returncode == 1  # not in the library yet
    assert yuedu("import", str(text)).returncode == 0
    out = yuedu("search", "蝴蝶效应")
    assert out.returncode == 0
    assert out.stdout == "一个标题 ¶1  第一段写一个很少见的词：蝴蝶效应。\n"
    data = json.loads(yuedu("search", "科技", "--json").stdout)  # the bundled articles are searched too
    assert data and set(data[0]) == {"article", "title", "paragraph", "text"}
    assert all("科技" in row["text"] and isinstance(row["paragraph"], int) for row in data)
    assert len(json.loads(yuedu("search", "科技", "--json", "--limit", "2").stdout)) == 2
    assert yuedu("search", "别的事情").stdout.startswith("一个标题 ¶2  第二段说别的事情。")
    write(yuedu_home / "data" / "articles", Article(id="esc", title="转义\x1b[2J标题", blocks=[
        Block("paragraph", "带控制字符\x1b[31m的段落。", 0)]))
    shown = yuedu("search", "控制字符").stdout
    assert "\x1b" not in shown and "控制字符" in shown


def test_cli_search_needs_a_text():
    out = yuedu("search", "  ")
    assert out.returncode == 2 and out.stderr.count("\n") == 1


def test_an_index_file_that_cannot_be_opened_still_searches(tmp_path, library):
    blocked = tmp_path / "i.sqlite3"
    blocked.mkdir()  # a folder where the index file should be: SQLite cannot open it
    with SearchIndex(blocked) as index:
        index.sync([library])
        assert len(index.search("创新")) > 20


def test_a_book_chapter_is_named_with_its_book():
    DATA = Path(__file__).resolve().parent / "data" / "epub"
    assert yuedu("import", str(DATA / "daodejing-epub3.epub")).returncode == 0
    out = yuedu("search", "玄之又玄")
    assert out.stdout == "道德经 · 第一章 ¶3  此两者，同出而异名，同谓之玄。玄之又玄，众妙之门。\n"
    [row] = json.loads(yuedu("search", "玄之又玄", "--json").stdout)
    assert row["title"] == "第一章" and row["paragraph"] == 3


def test_cli_search_shows_a_control_character_as_every_command_does(yuedu_home):
    """`yuedu search` makes a control character visible as `\\u001b`, as `yuedu list` and the other commands
    do (one rule, core/sanitize), where it printed a blank that hid that the title holds one."""
    write(yuedu_home / "data" / "articles", Article(id="esc", title="转义\x1b[2J标题", blocks=[
        Block("paragraph", "带控制字符\x1b[31m的段落。", 0)]))
    shown = yuedu("search", "控制字符").stdout
    assert shown == "转义\\u001b[2J标题 ¶1  带控制字符\\u001b[31m的段落。\n"
    listed = yuedu("list").stdout
    assert "转义\\u001b[2J标题" in listed
