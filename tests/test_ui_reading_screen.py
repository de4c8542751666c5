"""Issue 12, the reading screen: the headline is the headline (no ¶ number, the first j goes to ¶ 1),
a text without a headline does not repeat its first words above itself, PgUp undoes PgDn exactly,
one toast at a time, a maximum line width (kept; a wide terminal centres the text), the popup's pinyin
grouped as on the page, Enter on a glossary popup opens where the term occurs, one "% read"."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_ui_reader import (  # noqa: E402,F401
    aio,
    fixture_dirs,
    focus_first_paragraph,
    make_app,
    screen_lines,
    settle,
    status,
)

PLAIN = "今天天气很好，我们去公园散步。公园里有很多人。\n\n下午我们回家做饭。\n"


@aio
async def test_a_plain_text_without_headline_does_not_repeat_its_first_words(fixture_dirs, tmp_path):
    from reader.core.importer import article_from_file
    from reader.ui.app import YueduApp

    path = tmp_path / "walk.txt"
    path.write_text(PLAIN, encoding="utf-8")
    article = article_from_file(str(path))
    assert article.title.startswith("今天天气很好")  # the library names it by its first words
    app = YueduApp(article=article, library_dirs=[fixture_dirs["library"]], glossary_dirs=[fixture_dirs["glossary"]])
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        text = "\n".join(screen_lines(app.screen.view))
        assert text.count("今天天气") == 1, text
        assert [u.kind for u in app.screen.view.units] == ["paragraph", "paragraph"]
        assert "¶ 1/2" in status(app)


@aio
async def test_pgup_is_the_exact_reverse_of_pgdn(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        view = app.screen.view
        await focus_first_paragraph(pilot)
        places = [(view.focus_unit, view.cursor)]
        for _ in range(3):
            await pilot.press("space")
            await settle(pilot)
            places.append((view.focus_unit, view.cursor))
        assert len(set(places)) == 4
        for expected in reversed(places[:-1]):
            await pilot.press("pageup")
            await settle(pilot)
            assert (view.focus_unit, view.cursor) == expected
        # after another move, PgUp goes to the paragraph whose PgDn comes here
        await pilot.press("space")
        await pilot.press("j")
        await settle(pilot)
        here = view.focus_unit
        await pilot.press("pageup")
        await settle(pilot)
        back = view.focus_unit
        assert back < here
        await pilot.press("space")
        await settle(pilot)
        assert view.focus_unit == here


@aio
async def test_toasts_do_not_pile_up(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_first_paragraph(pilot)
        for key in ("b", "l", "b", "l", "b", "K"):
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        shown = [n for n in app._notifications]
        assert len(shown) == 1, [n.message for n in shown]
        assert "marked known" in shown[0].message
        assert len(app.screen.query("Toast")) <= 1


@aio
async def test_max_line_width_centres_the_text_and_is_kept(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        view = await focus_first_paragraph(pilot)
        assert view.max_width == 100  # the default
        lines = [line for line in screen_lines(view) if line.strip()]
        from rich.cells import cell_len

        widths = [cell_len(line.rstrip()) - (len(line) - len(line.lstrip())) for line in lines]
        lefts = {len(line) - len(line.lstrip()) for line in lines if line.strip()}
        assert max(widths) <= 100 and max(widths) > 80
        assert min(lefts) == (view.size.width - 100) // 2  # centred
        await pilot.press("w")
        await settle(pilot)
        assert view.max_width == 120
        widths = [cell_len(line.strip()) for line in screen_lines(view)]
        assert max(widths) > 100
        assert app.session.loaded.store.get_pref("reader.max_width") == 120
        # the cursor word is still where the mouse finds it
        region = view.word_region()
        assert region is not None and view.hit(region[0], region[1] + region[3] - 1) == (view.focus_unit, view.cursor_token)
    app2 = make_app(fixture_dirs)
    async with app2.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert app2.screen.view.max_width == 120


@aio
async def test_popup_pinyin_grouped_as_on_the_page_and_enter_opens_where_it_occurs(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = await focus_first_paragraph(pilot)
        assert view.current_word()[0] == "新质生产力"
        page = "\n".join(screen_lines(view))
        assert "xīnzhì shēngchǎnlì" in page
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.popup.body_text()
        assert body.startswith("新质生产力  xīnzhì shēngchǎnlì"), body
        await pilot.press("enter")  # keys on the popup
        await pilot.press("enter")  # where it occurs
        await settle(pilot)
        assert type(app.screen).__name__ == "GlossaryEntryScreen"
        from textual.widgets import OptionList

        places = app.screen.query_one("#entry-places", OptionList)
        assert app.screen.focused is places and places.option_count >= 1
        await pilot.press("enter")  # reads there
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.view.current_word()[0] == "新质生产力"


def test_percent_read_is_one_definition():
    from reader.core.progress import percent_read

    assert percent_read([10, 30, 60], None) == 0
    assert percent_read([10, 30, 60], 0) == 10
    assert percent_read([10, 30, 60], 1) == 40
    assert percent_read([10, 30, 60], 2) == 100
    assert percent_read([], 0) == 0


@aio
async def test_status_line_percent_is_the_core_definition(fixture_dirs):
    from reader.core.progress import article_percent_read

    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = await focus_first_paragraph(pilot)
        article = app.screen.article
        for _ in range(4):
            await pilot.press("j")
            block = view.units[view.focus_unit].block_index
            assert f"· {article_percent_read(article, block)}%" in status(app)
