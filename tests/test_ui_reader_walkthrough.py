"""Walk-through findings (issue 12/13 follow-up), each as a user meets it: a word saved with `s` is no
longer tinted new, one ¶ numbering everywhere, key names shown as keys in the help, a library that fits
a 100-column terminal, articles imported meanwhile appear in a running library, a sensible sense for
the parts of a word the dictionary lacks."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, settle, status  # noqa: E402,F401
from test_ui_reading_knowledge import KNOWN, first_paragraph, mark_known, token_segments  # noqa: E402


@aio
async def test_a_word_saved_with_s_is_no_longer_tinted_new_at_once(fixture_dirs):
    mark_known(KNOWN)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = first_paragraph(view)
        new_bg = view._style("new").bgcolor
        view.go_to(unit, view.units[unit].text.index("是"))
        await settle(pilot)
        assert any(s.style.bgcolor == new_bg for s in token_segments(view, unit, "新质生产力"))
        await pilot.press("h")  # the cursor on 新质生产力
        assert view.current_token().text == "新质生产力"
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("l")  # the cursor off the word: its own look, not the cursor's
        await settle(pilot)
        assert view.word_state(next(t for t in view.unit_tokens(unit) if t.text == "新质生产力")) == "learning"
        assert not any(s.style.bgcolor == new_bg for s in token_segments(view, unit, "新质生产力"))
        assert "xīn" in view.render_line(  # still being learnt: it keeps its pinyin
            next(y for y, r in enumerate(view.frame()) if r is not None and r.unit == unit and r.kind == "pinyin")
        ).text


@aio
async def test_a_bookmark_has_one_number_in_the_toast_the_dialog_and_yuedu_bookmarks(fixture_dirs, capsys):
    import shutil

    from reader import paths
    from reader.cli import main
    from reader.core.article import load_article
    from reader.ui.app import YueduApp

    library = paths.library_dir()
    library.mkdir(parents=True, exist_ok=True)
    path = library / "test-article.md"
    shutil.copy(fixture_dirs["article"], path)  # a subhead before ¶ 2
    app = YueduApp(article=load_article(path), library_dirs=[library], glossary_dirs=[fixture_dirs["glossary"]])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        view.go_to(next(i for i, u in enumerate(view.units) if u.text.startswith("第三段")))
        await settle(pilot)
        assert "¶ 3/9" in status(app)
        await pilot.press("b")
        await settle(pilot)
        assert "bookmarked ¶ 3" in [n.message for n in app._notifications]
        await pilot.press("B")
        await settle(pilot)
        shown = str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        assert "¶ 3" in shown
    capsys.readouterr()
    assert main(["bookmarks"]) == 0
    out = capsys.readouterr().out
    assert "#1  ¶ 3  " in out, out  # not ¶4: the subhead is no paragraph, as in the reader
    assert main(["bookmarks", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)[0]["paragraph"] == "¶ 3"


def screen_text(app) -> str:
    """The terminal's text as drawn (every row of the screen, through the compositor)."""
    from rich.console import Console

    console = Console(width=app.size.width, record=True, file=open("/dev/null", "w"), color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


@aio
async def test_the_help_screen_shows_keys_as_they_are_pressed(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(120, 100)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        text = screen_text(app)
        assert "Next new word" in text or "next new word" in text.lower()
        assert "_bracket" not in text and "curly" not in text and "square" not in text, text
        keys = [line.split("│", 1)[1].split() for line in text.splitlines() if "│" in line]
        rows = {k[0] for k in keys if k}
        assert {"]", "[", "}", "{"} <= rows, rows


LONG = """---
id: long-title
title: 以习近平新时代中国特色社会主义思想为指导全面推进中国式现代化建设的若干重要问题研究
kicker: 深入学习贯彻党的二十届三中全会精神
source: 人民日报海外版
---

这是第一段，讲一件小事。
"""


@pytest.mark.parametrize("width", [60, 100, 160])
@aio
async def test_the_library_fits_the_terminal_and_a_long_title_ends_in_an_ellipsis(fixture_dirs, width):
    (fixture_dirs["library"] / "long-title.md").write_text(LONG, encoding="utf-8")
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        assert table.virtual_size.width <= table.scrollable_content_region.width
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "Title" in line and "Source" in line)
        # at 60 columns the least needed ones (Last read) fold away; the rest are on screen
        for label in ("Chars", "Read", "Saved", "Known") + (("Last read",) if width >= 80 else ()):
            assert label in header, header
        row = next(line for line in text.splitlines() if "深入学习贯彻" in line)
        if width <= 100:
            assert "…" in row and "问题研究" not in row, row
        else:  # the room there is goes to the title (the table measures its cells later: not cut before it)
            assert "中国式现代化" in row and "人民日报海外版" in row, row
        assert "—" in row  # the columns after the title are on screen
        await pilot.resize_terminal(100, 24) if width == 160 else None
        await settle(pilot)
        assert table.virtual_size.width <= table.scrollable_content_region.width


@aio
async def test_an_article_imported_from_the_command_line_appears_in_the_running_library(fixture_dirs):
    from reader.cli import main

    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        assert table.row_count == 2
        text = fixture_dirs["library"].parent / "new.txt"
        text.write_text("一篇新来的文章\n\n这是新文章的第一段，讲一件小事。\n", encoding="utf-8")
        assert main(["import", str(text), "--into", str(fixture_dirs["library"])]) == 0
        for _ in range(100):  # within the folder check's few seconds, nothing pressed
            await pilot.pause(0.05)
            if table.row_count == 3:
                break
        assert any("一篇新来的文章" in str(table.get_row_at(i)[0]) for i in range(table.row_count))
        # and on return from reading, at once
        (fixture_dirs["library"] / "third.md").write_text(
            "---\nid: third\ntitle: 第三篇\n---\n\n第三篇的正文。\n", encoding="utf-8")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        assert any("第三篇" in str(table.get_row_at(i)[0]) for i in range(table.row_count))


@aio
async def test_a_bookmark_made_on_the_headline_is_named_as_the_list_names_it(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")  # the headline
        await settle(pilot)
        assert "headline" in status(app)
        await pilot.press("b")
        await settle(pilot)
        toast = [n.message for n in app._notifications][-1]
        await pilot.press("B")
        await settle(pilot)
        shown = str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        assert toast == "bookmarked ¶ 1" and "¶ 1" in shown, (toast, shown)


@aio
async def test_a_known_share_of_100_percent_is_shown_whole(fixture_dirs):

    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        annotator = app.session.loaded.annotator
        words = {t.text for b in app.session.find_article("second-article").blocks
                 for t in annotator.annotate_many([b.text])[0] if t.kind == "hanzi"}
        mark_known(sorted(words))
        app.screen.on_screen_resume()  # as on return from reading: the column is weighed again
        await settle(pilot)
        for _ in range(100):
            if app.screen._coverage.get("second-article", (0,))[0] == 100.0:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "第二篇文章" in line)
        assert "100.0%" in row, row
