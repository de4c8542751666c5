"""Issue 11 item 4 on screen: readings the engine is unsure of are marked quietly in the pinyin line,
u / U move the cursor to the next / previous one, e fixes it, and the popup says how each reading was
decided."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from reader.core.article import load_article  # noqa: E402
from test_ui_reader import aio, fixture_dirs, settle  # noqa: E402,F401

UNSURE = """---
id: unsure-article
title: 葡萄酒
---

我去过勃艮第，那里的葡萄酒很有名。

第二段没有难读的字。

他的老家在黄陂，离武汉不远。
"""


def make(dirs):
    from reader.ui.app import YueduApp

    path = dirs["library"] / "unsure-article.md"
    path.write_text(UNSURE, encoding="utf-8")
    return YueduApp(article=load_article(path), library_dirs=[dirs["library"]], glossary_dirs=[dirs["glossary"]])


def row_segments(view, unit: int, kind: str):
    frame = view.frame()
    y = next(y for y, r in enumerate(frame) if r is not None and r.unit == unit and r.kind == kind)
    return list(view.render_line(y))


@aio
async def test_unsure_readings_are_marked_and_u_U_move_to_them_and_e_fixes(fixture_dirs):
    app = make(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        first = next(i for i, u in enumerate(view.units) if u.text.startswith("我去过"))
        third = next(i for i, u in enumerate(view.units) if u.text.startswith("他的老家"))
        tokens = view.unit_tokens(first)
        assert any(t.text == "勃艮第" and t.unsure for t in tokens)
        # the mark: italic + underline on the pinyin of 勃艮第 only
        segs = row_segments(view, first, "pinyin")
        marked = "".join(s.text for s in segs if s.style and s.style.italic and s.style.underline)
        assert marked.strip() == "bógěndì", marked
        plain = [s for s in segs if s.text.strip() == "wǒ"]
        assert plain and not plain[0].style.italic
        # u from the top: 勃艮第, then 黄陂 two paragraphs on; U back
        await pilot.press("u")
        await settle(pilot)
        assert (view.focus_unit, view.current_word()[0]) == (first, "勃艮第")
        await pilot.press("u")
        await settle(pilot)
        assert (view.focus_unit, view.current_word()[0]) == (third, "黄陂")
        await pilot.press("U")
        assert (view.focus_unit, view.current_word()[0]) == (first, "勃艮第")
        # the popup says how the reading was decided, and that it is unsure
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.popup.body_text()
        assert "reading:" in body and "read as in a name" in body and "unsure" in body, body
        await pilot.press("escape")
        # e opens the fix dialog on that word
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixReadingDialog"
        await pilot.press("escape")


@aio
async def test_the_popup_says_a_dictionary_reading_is_from_the_dictionary(fixture_dirs):
    app = make(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        first = next(i for i, u in enumerate(view.units) if u.text.startswith("我去过"))
        view.go_to(first, view.units[first].text.index("葡萄酒"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.popup.body_text()
        assert "reading: the dictionary" in body and "unsure" not in body, body


@aio
async def test_the_mark_survives_the_annotation_cache(fixture_dirs):
    """A text read before comes from the annotation cache: its unsure readings keep their mark."""
    for _ in range(2):
        app = make(fixture_dirs)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            view = app.screen.view
            first = next(i for i, u in enumerate(view.units) if u.text.startswith("我去过"))
            assert any(t.text == "勃艮第" and t.unsure for t in view.unit_tokens(first))
