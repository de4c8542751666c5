"""Issue 13 item 5 in the reader: the popup gives the word's HSK level (in the standard the user
chose, and the others) and its frequency rank."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, settle  # noqa: E402,F401


async def popup_for(pilot, app, start: str, word: str) -> str:
    view = app.screen.view
    unit = next(i for i, u in enumerate(view.units) if u.text.startswith(start))
    view.go_to(unit, view.units[unit].text.index(word))
    await settle(pilot)
    for _ in range(50):  # the frequency table loads with the word counts
        if app.screen._frequency is not None and app.screen._hsk_ready:
            break
        await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    return app.screen.popup.body_text()


@aio
async def test_popup_shows_hsk_level_and_frequency(fixture_dirs):
    from reader.core.knowledge import FrequencyTable, hsk_levels, level_label

    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        body = await popup_for(pilot, app, "第三段", "学习")
        levels = hsk_levels("学习")
        assert f"HSK {level_label(levels['2025'])} (HSK 2025" in body, body
        rank = FrequencyTable.shared().get("学习").rank
        assert f"frequency rank {rank:,} of" in body, body


@aio
async def test_popup_uses_the_standard_the_user_chose(fixture_dirs):
    from reader.core.knowledge import hsk_levels, level_label
    from reader.store import open_store
    from reader.store.knowledge import Knowledge

    with open_store() as store:
        Knowledge(store).set_standard("2.0")
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        body = await popup_for(pilot, app, "第三段", "学习")
        assert f"HSK {level_label(hsk_levels('学习')['2.0'])} (HSK 2.0" in body, body
