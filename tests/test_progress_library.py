"""One "% read" (issue 12): the library's Read column shows what the reading screen's status line
showed at the place the article was left (reader/core/progress.py), for articles and books alike."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("textual")

from test_ui_library import book_dirs, row_of  # noqa: E402,F401
from test_ui_reader import aio, fixture_dirs, focus_first_paragraph, make_app, settle, status  # noqa: E402,F401


def status_percent(app) -> str:
    return re.search(r"· (\d+)%", status(app)).group(1) + "%"


async def leave_for_the_library(pilot):
    await pilot.press("escape")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "LibraryScreen"
    return pilot.app.screen.query_one("#library-table")


@aio
async def test_library_percent_is_the_status_lines_at_the_place_left(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=table.get_row_index("test-article"))
        await pilot.press("enter")
        await settle(pilot)
        await focus_first_paragraph(pilot)
        await pilot.press("j", "j", "j")  # ¶ 4 of 9
        await settle(pilot)
        shown = status_percent(app)
        table = await leave_for_the_library(pilot)
        assert row_of(table, "测试")[3] == shown
        # read to the end, then back up: the library follows the place, as the status line does
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert status_percent(app) == "100%"
        await pilot.press("k", "k", "k", "k")
        await settle(pilot)
        shown = status_percent(app)
        assert shown != "100%"
        table = await leave_for_the_library(pilot)
        assert row_of(table, "测试")[3] == shown


@aio
async def test_a_place_saved_before_the_percent_was_kept_reads_with_the_same_definition(fixture_dirs):
    from reader.core.article import load_article
    from reader.core.progress import article_percent_read
    from reader.store import open_store

    article = load_article(fixture_dirs["article"])
    with open_store() as store:  # as an older yuedu saved it: no percent
        store.set_position(article.id, 4, article.blocks[4].text, 0, block_count=len(article.blocks))
        assert store.places()[article.id].percent is None
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        assert row_of(table, "测试")[3] == f"{article_percent_read(article, 4)}%"


@aio
async def test_a_books_percent_weighs_its_chapters_by_length_with_the_status_lines_figure(book_dirs):
    from reader.core.article import load_article

    chapters = [load_article(book_dirs["library"] / f"{c}.md") for c in book_dirs["chapters"]]
    app = make_app(book_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.open_article(chapters[0])
        await settle(pilot)
        await focus_first_paragraph(pilot)
        await pilot.press("j")
        await settle(pilot)
        first = int(status_percent(app)[:-1])
        assert 0 < first < 100
        table = await leave_for_the_library(pilot)
        total = sum(c.char_count for c in chapters)
        assert row_of(table, "道德经")[3] == f"{round(first * chapters[0].char_count / total)}%"


def test_places_keep_the_percent_saved_with_the_place():
    from reader.store import open_store

    with open_store() as store:
        _places(store)


def _places(store):
    blocks = ["第一段。", "第二段。", "第三段。"]
    store.set_position("art", 2, blocks[2], 0, block_count=3, percent=100)
    store.set_position("art", 0, blocks[0], 0, block_count=3, percent=33)
    place = store.places()["art"]
    assert (place.block, place.percent) == (0, 33) and place.last_read is not None
    assert store.positions()["art"][0] == 2  # the furthest paragraph is still kept (stats)


@aio
async def test_back_from_reading_only_the_read_articles_row_is_built_again(fixture_dirs, monkeypatch):
    """The loop is not held while every row is built again to compare it (1,000 rows: a visible
    pause): the rows whose place or saved words did not change are left alone."""
    from reader.ui.library_screen import LibraryScreen

    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        table.move_cursor(row=table.get_row_index("test-article"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        built: list[str] = []
        cells = LibraryScreen._cells
        monkeypatch.setattr(LibraryScreen, "_cells", lambda self, item: built.append(item.id) or cells(self, item))
        table = await leave_for_the_library(pilot)
        assert built == ["test-article"]
        assert row_of(table, "测试")[3] == status_percent_of(app, "test-article")


def status_percent_of(app, article_id: str) -> str:
    place = app.session.loaded.store.places()[article_id]
    return f"{place.percent}%"
