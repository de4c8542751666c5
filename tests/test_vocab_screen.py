"""Pilot tests of the vocabulary screen's keys, in a tiny app that pushes the screen."""

from __future__ import annotations

import asyncio
import functools

import pytest
from textual.app import App
from textual.widgets import DataTable, Input, Static

from reader.session import Session
from reader.store import open_store
from reader.ui.vocab_screen import EditWordDialog, VocabScreen


def aio(test):
    """Run an async test in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class Host(App):
    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(VocabScreen(Session(load_dictionary=False).provide(store=self.store)), self.results.append)


@pytest.fixture
def store():
    with open_store() as s:
        s.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。", article_id="art-b", block_index=3)
        s.save_word("发展", "fa1 zhan3", "to develop", sentence="发展是硬道理。")
        s.save_word("[bold]改革[/]", "gai3 ge2", "[red]reform[/red]", sentence="深化[bold]改革[/]。",
                    article_id="art-a", block_index=0, note="[i]my note[/i]")
        yield s


def words(screen: VocabScreen) -> list[str]:
    return [item.word for item in screen.items]


def cell_texts(screen: VocabScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


@aio
async def test_lists_newest_first_and_markup_shows_literally(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VocabScreen)
        assert words(screen) == ["[bold]改革[/]", "发展", "重要"]
        rows = cell_texts(screen)
        assert rows[0][0] == "[bold]改革[/]" and rows[0][2] == "[red]reform[/red]" and rows[0][5] == "[i]my note[/i]"
        assert rows[2][1] == "zhòng yào"
        detail = str(screen.query_one("#vocab-detail", Static).content)
        assert "深化[bold]改革[/]。" in detail and "[i]my note[/i]" in detail


@aio
async def test_sort_cycles_through_orders(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("o")  # due soonest: all new, saved order
        assert screen.sort == "due"
        assert words(screen) == ["重要", "发展", "[bold]改革[/]"]
        await pilot.press("o")  # by article: art-a, art-b, then none
        assert words(screen) == ["[bold]改革[/]", "重要", "发展"]
        await pilot.press("o")  # by pinyin
        assert words(screen) == ["发展", "[bold]改革[/]", "重要"]
        await pilot.press("o")
        assert screen.sort == "added"


@aio
async def test_search_filters_by_pinyin_without_tones(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("slash")
        assert screen.query_one("#vocab-search", Input).has_focus
        await pilot.press(*"zhongyao")
        await pilot.pause()
        assert words(screen) == ["重要"]
        await pilot.press("enter")  # back to the table
        assert screen.query_one(DataTable).has_focus
        await pilot.press("slash")  # the search box selects its text on focus: typing replaces it
        await pilot.press(*"develop")
        await pilot.pause()
        assert words(screen) == ["发展"]


@aio
async def test_delete_and_undo(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("down")  # 发展
        await pilot.press("d")
        await pilot.pause()
        assert words(screen) == ["[bold]改革[/]", "重要"]
        assert store.get_word("发展") is None
        await pilot.press("u")
        await pilot.pause()
        assert words(screen) == ["[bold]改革[/]", "发展", "重要"]
        assert screen.selected().word == "发展"
        assert store.get_word("发展") is not None


@aio
async def test_edit_note(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")  # 重要
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditWordDialog)
        assert app.screen.query_one("#edit-note", Input).has_focus  # n: straight to the note
        await pilot.press(*"[b]x")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VocabScreen)
        assert store.get_word("重要").note == "[b]x"
        await pilot.press("n", "escape")  # Esc cancels without saving
        await pilot.pause()
        assert store.get_word("重要").note == "[b]x"


@aio
async def test_enter_jumps_to_the_sentence(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # 发展 has no article: stays
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and isinstance(app.screen, VocabScreen)
        await pilot.press("down", "enter")  # 重要 -> art-b ¶4
        await pilot.pause()
        assert app.results == [("art-b", 3)]


@aio
async def test_escape_closes(store):
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


def test_every_binding_has_a_description_and_tooltip():
    from reader.ui.review_screen import ReviewScreen

    for cls in (VocabScreen, ReviewScreen, EditWordDialog):
        for b in cls.BINDINGS:
            assert b.description and b.tooltip and b.id, (cls.__name__, b.key)


@aio
async def test_a_locked_database_shows_an_error_and_keeps_the_word(store):
    import sqlite3

    store._conn.execute("PRAGMA busy_timeout = 100")
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("d")
            await pilot.pause()
            assert len(screen.items) == 3 and screen.deleted == []
            assert any("locked" in str(n.message) for n in app._notifications)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pilot.press("d")
        await pilot.pause()
        assert len(screen.items) == 2


@aio
async def test_q_quits_except_in_the_search_box(store):
    quits: list[bool] = []

    class QuitHost(Host):
        async def action_quit(self) -> None:
            quits.append(True)

    app = QuitHost(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "q")
        await pilot.pause()
        assert quits == [] and app.screen.query_one("#vocab-search", Input).value == "q"
        await pilot.press("escape")
        app.screen.query_one(DataTable).focus()
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert quits == [True]


@aio
async def test_note_dialog_fits_a_40_column_terminal(store):
    from textual.containers import Vertical

    app = Host(store)
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditWordDialog)
        box = app.screen.query_one(Vertical)
        assert box.region.x >= 0 and box.region.right <= 40


@aio
async def test_edit_pinyin_meaning_and_note(store):
    """e edits a saved word's pinyin (checked as `vocab add --pinyin` checks it), meaning and note, with
    the store function of `yuedu vocab edit`; the table and the review card show the new values."""
    app = Host(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("down", "down")  # 重要
        assert screen.selected().word == "重要"
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditWordDialog)
        pinyin = dialog.query_one("#edit-pinyin", Input)
        assert pinyin.has_focus and pinyin.value == "zhong4 yao4"
        for bad, why in (("zhong7 yao4", "is not pinyin"), ("zhong4 yao4 le5", "2 hanzi"), ("xx yao4", "not pinyin")):
            pinyin.value = bad
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog and why in text_of(dialog, "#edit-error")
            assert store.get_word("重要").pinyin == "zhong4 yao4"  # nothing saved
        pinyin.value = "zhòng yāo"
        dialog.query_one("#edit-meaning", Input).value = "important; [b]vital"
        dialog.query_one("#edit-note", Input).value = "not 重 chóng"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        item = store.get_word("重要")
        assert (item.pinyin, item.definition, item.note) == ("zhong4 yao1", "important; [b]vital", "not 重 chóng")
        row = cell_texts(screen)[screen.query_one(DataTable).cursor_row]
        assert row[:3] == ["重要", "zhòng yāo", "important; [b]vital"] and row[5] == "not 重 chóng"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")  # Esc: nothing changes
        await pilot.pause()
        assert store.get_word("重要").definition == "important; [b]vital"
    from reader.core.pinyin import answer_matches

    assert answer_matches("zhong4 yao1", store.get_word("重要").pinyin)  # the review grades the new reading


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)
