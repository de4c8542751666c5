"""Pilot tests of the library side of the TUI: books shown once with their chapters, chapter keys
in the reader, the chapter list, the search screen, coverage and info, managing articles.

The fixtures (an article folder, a glossary, the dictionary index) are those of test_ui_reader.
"""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from reader.core.importers.epub import import_epub  # noqa: E402
from reader.core.article import dump_article  # noqa: E402

from test_ui_reader import aio, fixture_dirs, make_app, settle  # noqa: E402,F401

DATA = __import__("pathlib").Path(__file__).resolve().parent / "data"


@pytest.fixture
def book_dirs(fixture_dirs):
    """The reader's fixture library plus 道德经 (3 chapters), imported from tests/data."""
    result = import_epub(DATA / "epub" / "daodejing-epub3.epub")
    for article in result.articles:
        (fixture_dirs["library"] / f"{article.id}.md").write_text(dump_article(article), encoding="utf-8")
    fixture_dirs["chapters"] = [a.id for a in result.articles]
    return fixture_dirs


def rows(table) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def row_of(table, text: str) -> list[str]:
    found = [r for r in rows(table) if text in r[0]]
    assert len(found) == 1, (text, rows(table))
    return found[0]


@aio
async def test_a_book_is_one_row_with_its_chapter_count_and_enter_opens_where_the_reader_left_off(book_dirs):
    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        assert table.row_count == 3  # two articles and ONE book (not three chapters)
        book = row_of(table, "道德经")
        assert "3 chapters" in book[0]
        assert book[3] == "—"  # never opened
        assert not any("第二章" in r[0] for r in rows(table))
        table.move_cursor(row=table.get_row_index("book:" + book_dirs["chapters"][0].rsplit("-", 1)[0]))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][0]  # never read: the first chapter
        await pilot.press("right_curly_bracket")  # }: the next chapter
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][1]
        await pilot.press("G")  # to its end: chapter 2 read through
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        book = row_of(table, "道德经")
        assert book[3] not in ("—", "0%", "100%")  # part of the book read
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][1]  # back where the reader left off


@aio
async def test_curly_brackets_move_between_chapters_and_stop_at_the_ends(book_dirs):
    from reader.core.article import load_article

    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_article(load_article(book_dirs["library"] / f"{book_dirs['chapters'][2]}.md"))
        await settle(pilot)
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][2]  # the last chapter: stays
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][0]
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][0]


@aio
async def test_c_lists_the_chapters_with_their_progress_and_enter_opens_one(book_dirs):
    from reader.core.article import load_article

    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_article(load_article(book_dirs["library"] / f"{book_dirs['chapters'][0]}.md"))
        await settle(pilot)
        await pilot.press("G")  # chapter 1 read to its end
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChaptersDialog"
        options = app.screen.query_one("#chapters-list")
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(lines) == 3
        assert "第一章" in lines[0] and "100%" in lines[0] and lines[0].startswith("▸")
        assert "第三章" in lines[2] and lines[2].rstrip().endswith("—")  # never opened
        assert options.highlighted == 0  # on the chapter being read
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.article.id == book_dirs["chapters"][2]


@aio
async def test_c_in_the_library_lists_a_books_chapters(book_dirs):
    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        index = next(i for i, r in enumerate(rows(table)) if "道德经" in r[0])
        table.move_cursor(row=index)
        await pilot.press("c")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChaptersDialog"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.article.id == book_dirs["chapters"][1]


@aio
async def test_chapter_keys_on_an_article_that_is_no_chapter_say_so(book_dirs):
    app = make_app(book_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "c")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.article.id == "test-article"
        assert any("not a chapter of a book" in str(n.message) for n in app._notifications)


# ---------------------------------------------------------------------------- search screen


def result_lines(screen) -> list[str]:
    options = screen.query_one("#search-results")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def search_settled(pilot, query_done: str) -> None:
    for _ in range(100):
        await settle(pilot)
        screen = pilot.app.screen
        if getattr(screen, "_shown_for", None) == query_done and screen._index is not None:
            return
    raise AssertionError("the search did not finish")


@aio
async def test_ctrl_f_in_the_library_searches_every_article_and_enter_reads_there(fixture_dirs):
    from reader.core.article import load_library
    from reader.core.search import scan

    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SearchScreen"
        await pilot.press(*"科技")
        await search_settled(pilot, "科技")
        expected = scan(load_library([fixture_dirs["library"]]).articles, "科技")
        lines = result_lines(screen)
        assert len(lines) == len(expected) >= 3
        for line, hit in zip(lines, expected):
            assert hit.title in line and f"¶ {hit.paragraph}" in line and "科技" in line
        # the match is highlighted in each line
        prompt = screen.query_one("#search-results").get_option_at_index(0).prompt
        assert any(prompt.plain[s.start:s.end] == "科技" and "reverse" in str(s.style) for s in prompt.spans)
        assert f"{len(expected)} paragraphs" in str(screen.query_one("#search-status").content)
        await pilot.press("down")  # the second hit
        await pilot.press("enter")
        await settle(pilot)
        reading = app.screen
        assert type(reading).__name__ == "ReadingScreen"
        assert reading.article.id == expected[1].article
        number, _count = reading.paragraph_number()
        assert number == expected[1].paragraph
        word, start, _end = reading.view.current_word()
        assert reading.units[reading.view.focus_unit].text[start:start + 2] == "科技"  # the cursor on the match


@aio
async def test_ctrl_f_works_in_the_reader_too_and_escape_goes_back(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchScreen"
        await pilot.press(*"另一篇")
        await search_settled(pilot, "另一篇")
        lines = result_lines(app.screen)
        assert len(lines) == 1 and "第二篇文章" in lines[0] and "¶ 1" in lines[0]
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen" and app.screen.article.id == "test-article"
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press(*"没有这个词")
        await search_settled(pilot, "没有这个词")
        assert result_lines(app.screen) == []
        assert "no paragraph holds" in str(app.screen.query_one("#search-status").content)


@aio
async def test_a_slow_search_runs_off_the_event_loop_and_its_stale_result_is_dropped(fixture_dirs, monkeypatch):
    import threading

    from reader.core.search import SearchIndex

    release = threading.Event()
    started = threading.Event()
    real = SearchIndex.search

    def slow(self, query, limit=None):
        if query == "科技":
            started.set()
            release.wait(10)  # a search that takes long (a big library)
        return real(self, query, limit)

    monkeypatch.setattr(SearchIndex, "search", slow)
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"科技")
        for _ in range(100):
            if started.is_set():
                break
            await pilot.pause(0.02)
        assert started.is_set()
        # the search is still running: keys are still handled at once
        await pilot.press(*"创新")
        await pilot.pause()
        assert screen.query_one("#search-query").value == "科技创新"
        release.set()
        await search_settled(pilot, "科技创新")
        lines = result_lines(screen)
        assert lines and all("科技创新" in line for line in lines)  # the newest text's hits, not 科技's


# ---------------------------------------------------------------------------- coverage and info

EXTRA = """---
id: extra-article
title: 自带键的文章
source: 测试出版社
translator: 某译者
url: https://example.org/x
edition: 2
---

我们一起学习中文。这是一篇很短的文章。
"""


def known_cell(table, key: str) -> str:
    return str(table.get_row_at(table.get_row_index(key))[6])


@aio
async def test_known_column_shows_each_articles_coverage_and_follows_what_the_reader_marks_known(fixture_dirs):
    from reader.core.knowledge import coverage
    from reader.core.word_counts import count_text
    from reader.store.knowledge import Knowledge

    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        services = app.session.loaded
        articles = services.library.articles
        states = Knowledge(services.store).states()
        for article in articles:  # the reference: counted afresh, no cache, the full coverage()
            counted = count_text(services.annotator, article.title, [b.text for b in article.blocks],
                                 services.dictionary)
            expected = coverage(counted.words, states).known_percent
            assert known_cell(table, article.id) == f"{expected:.1f}%"
        before = float(known_cell(table, "second-article").rstrip("%"))
        Knowledge(services.store).mark(["这", "是", "另", "一", "篇", "文章", "的", "第一", "段"], "known")
        table.move_cursor(row=table.get_row_index("second-article"))
        await pilot.press("enter")  # read it, come back: the column is weighed again
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        after = float(known_cell(table, "second-article").rstrip("%"))
        assert after > before


@aio
async def test_s_sorts_the_library_by_coverage_easiest_first(fixture_dirs):
    from reader.store.knowledge import Knowledge

    (fixture_dirs["library"] / "zz-last.md").write_text(EXTRA, encoding="utf-8")  # last in library order
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        Knowledge(app.session.loaded.store).mark(["我们", "一起", "学习", "中文", "这", "是", "一", "篇", "很", "短", "的",
                                            "文章"], "known")
        app.screen._start_coverage()
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        order = [str(k.value) for k in table.rows]
        assert order[-1] == "extra-article"  # library order: by file name
        await pilot.press("s")
        await settle(pilot)
        values = [float(str(table.get_row_at(i)[6]).rstrip("%")) for i in range(table.row_count)]
        assert values == sorted(values, reverse=True) and values[0] > values[-1]
        assert str(table.rows.__iter__().__next__().value) == "extra-article"  # all its words known: first
        assert "↓" in str(table.columns[next(k for k in table.columns if k.value == "known")].label)
        await pilot.press("s")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == order


@aio
async def test_i_shows_the_articles_info_with_its_own_front_matter_keys(fixture_dirs):
    (fixture_dirs["library"] / "extra-article.md").write_text(EXTRA, encoding="utf-8")
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=table.get_row_index("extra-article"))
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "InfoDialog"
        rows = dict(dialog.rows)
        assert rows["translator"] == "某译者" and rows["url"] == "https://example.org/x" and rows["edition"] == "2"
        assert rows["source"] == "测试出版社" and rows["title"] == "自带键的文章"
        assert rows["known"].endswith("running words")
        assert "某译者" in app.export_screenshot() and "translator" in app.export_screenshot()  # on screen
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"


@aio
async def test_i_on_a_book_shows_the_books_info(book_dirs):
    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=next(i for i in range(table.row_count) if "道德经" in str(table.get_row_at(i)[0])))
        await pilot.press("i")
        await settle(pilot)
        rows = dict(app.screen.rows)
        assert rows["book"] == "道德经" and rows["author"] == "老子" and rows["chapters"] == "3"


# ---------------------------------------------------------------------------- managing articles


@aio
async def test_D_deletes_an_article_aside_u_puts_it_back_and_saved_words_stay(fixture_dirs, yuedu_home):
    library = fixture_dirs["library"]
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        store = app.session.loaded.store
        store.save_word("文章", "wen2 zhang1", "article", sentence="这是另一篇文章的第一段。",
                        article_id="second-article", block_index=0)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=table.get_row_index("second-article"))
        await pilot.press("D")
        await settle(pilot)
        assert not (library / "second-article.md").exists(), [str(n.message) for n in app._notifications]
        trashed = list((yuedu_home / "data" / "trash").rglob("second-article.md"))
        assert len(trashed) == 1  # moved aside, not unlinked
        assert "second-article" not in [str(k.value) for k in table.rows]
        assert app.find_article("second-article") is None
        assert store.get_word("文章") is not None  # the saved word stays
        assert any("u puts it back" in str(n.message) for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert (library / "second-article.md").exists() and not trashed[0].exists()
        assert "second-article" in [str(k.value) for k in table.rows]
        assert app.find_article("second-article") is not None
        await pilot.press("D")  # deleted again, then yuedu quits: undo is no longer possible, the trash goes
        await settle(pilot)
        assert list((yuedu_home / "data" / "trash").rglob("second-article.md"))
    assert not list((yuedu_home / "data" / "trash").rglob("*.md"))
    assert not (library / "second-article.md").exists()


@aio
async def test_delete_on_a_book_deletes_all_its_chapters_and_u_brings_the_book_back(book_dirs):
    library = book_dirs["library"]
    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=next(i for i in range(table.row_count) if "道德经" in str(table.get_row_at(i)[0])))
        await pilot.press("delete")
        await settle(pilot)
        assert not any((library / f"{c}.md").exists() for c in book_dirs["chapters"])
        assert table.row_count == 2
        await pilot.press("u")
        await settle(pilot)
        assert all((library / f"{c}.md").exists() for c in book_dirs["chapters"])
        assert table.row_count == 3 and "3 chapters" in str(table.get_row_at(table.cursor_row)[0])


@aio
async def test_t_retitles_an_article_in_its_file_keeping_its_id(fixture_dirs):
    from reader.core.article import load_article

    path = fixture_dirs["library"] / "second-article.md"
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=table.get_row_index("second-article"))
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "RetitleDialog"
        box = app.screen.query_one("#retitle-input")
        assert box.value == "第二篇文章"
        box.value = ""
        await pilot.press(*"新的标题: [b]不粗[/b]", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        article = load_article(path)
        assert article.title == "新的标题: [b]不粗[/b]" and article.id == "second-article"
        assert article.source == "人民日报" and [b.text for b in article.blocks] == ["这是另一篇文章的第一段。"]
        table = app.screen.query_one("#library-table")
        assert str(table.get_row_at(table.get_row_index("second-article"))[0]) == "新的标题: [b]不粗[/b]"
        await pilot.press("t", "escape")  # Esc keeps the title
        await settle(pilot)
        assert load_article(path).title == "新的标题: [b]不粗[/b]"


@aio
async def test_t_on_a_book_retitles_every_chapter(book_dirs):
    from reader.core.article import load_article

    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=next(i for i in range(table.row_count) if "道德经" in str(table.get_row_at(i)[0])))
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#retitle-input").value = "老子道德经"
        await pilot.press("enter")
        await settle(pilot)
        for chapter in book_dirs["chapters"]:
            article = load_article(book_dirs["library"] / f"{chapter}.md")
            assert article.extra["book"] == "老子道德经" and article.kicker == "老子道德经"
        assert any("老子道德经 · 3 chapters" == str(table.get_row_at(i)[0]) for i in range(table.row_count))


@aio
async def test_a_filter_typed_on_the_list_never_deletes(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"di")  # lowercase d is no key: it starts the filter
        await settle(pilot)
        assert app.screen.query_one("#library-filter").value == "di"
        assert len(list(fixture_dirs["library"].glob("*.md"))) == 2


@aio
async def test_bundled_articles_are_not_deleted(fixture_dirs, monkeypatch):
    from reader import paths

    monkeypatch.setattr(paths, "bundled_articles_dir", lambda: fixture_dirs["library"])
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert (fixture_dirs["library"] / "second-article.md").exists()
        assert any("comes with yuedu" in str(n.message) for n in app._notifications)


def test_importing_the_same_text_again_with_a_title_updates_it_instead_of_adding_a_copy(tmp_path):
    from reader.cli import main

    text = tmp_path / "t.txt"
    text.write_text("一篇测试文章的标题\n\n这是第一段，讲一件小事。\n\n这是第二段，讲另一件小事。\n", encoding="utf-8")
    into = tmp_path / "lib"
    assert main(["import", str(text), "--into", str(into)]) == 0
    [first] = into.glob("*.md")
    assert main(["import", str(text), "--into", str(into), "--title", "新标题"]) == 0
    assert list(into.glob("*.md")) == [first]  # the same file, the same id (the reading place, bookmarks)
    assert "title: 新标题" in first.read_text(encoding="utf-8")
