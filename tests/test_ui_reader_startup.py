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


@aio
async def test_v_pressed_while_the_store_opens_opens_the_vocabulary_once_it_is_open(fixture_dirs):
    """On a slow disk the library's rows are drawn before the store is open: `v` then is not lost (it used to
    show "not open yet" and nothing else), the vocabulary opens when the store does."""
    import threading

    from reader.ui.library_screen import LibraryScreen
    from reader.ui.vocab_screen import VocabScreen

    app = make_app(fixture_dirs, read=False, load_dictionary=False)
    release = threading.Event()
    load_store = app.session.load_store

    def slow_store():
        release.wait(30)
        return load_store()

    app.session.load_store = slow_store
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert app.session.loaded.store is None
        await pilot.press("v")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LibraryScreen)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, VocabScreen)
