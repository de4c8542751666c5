"""`yuedu read FILE`: the first screen's pinyin comes before the library is read (the library's loader held
the glossary's and the store's threads back), and the library still loads for the way back."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, settle  # noqa: E402,F401


@aio
async def test_the_library_is_read_after_the_first_screen_has_its_pinyin(fixture_dirs):
    app = make_app(fixture_dirs, load_dictionary=False)
    order: list[str] = []
    session = app.session
    load_library, warm = session.load_library, session.warm_annotator

    def library():
        order.append("library")
        return load_library()

    def warm_annotator():
        result = warm()
        order.append("annotator warm")
        return result

    session.load_library, session.warm_annotator = library, warm_annotator
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert order == ["annotator warm", "library"]
        assert app.session.loaded.library is not None
        await pilot.press("escape")  # back to the library, which has its articles
        await settle(pilot)
        from reader.ui.library_screen import LibraryScreen
        from textual.widgets import DataTable

        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#library-table", DataTable).row_count == 2


@aio
async def test_the_library_screen_loads_its_articles_at_once(fixture_dirs):
    app = make_app(fixture_dirs, read=False, load_dictionary=False)
    calls: list[str] = []
    load_library = app.session.load_library
    app.session.load_library = lambda: (calls.append("library"), load_library())[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert calls == ["library"]
