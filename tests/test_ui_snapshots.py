"""SVG snapshots of the reader (pytest-textual-snapshot).

Regenerate after an intended change with ``.venv/bin/pytest tests/test_ui_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/__snapshots__/test_ui_snapshots/`` before committing them.

Deterministic: the fixture article and glossary of ``test_ui_reader``, a fresh YUEDU_HOME per test,
fixed terminal sizes, no clock on screen, every loader finished before the picture is taken.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from test_ui_reader import fixture_dirs, make_app, settle  # noqa: E402,F401


def first_paragraph(view) -> int:
    return next(i for i, u in enumerate(view.units) if u.kind == "paragraph")


def reading(fixture_dirs, *, keys=(), unit=None, word=None):
    """Reading screen on the fixture article, cursor on ``word`` of the unit starting with ``unit``."""

    async def before(pilot) -> None:
        await settle(pilot)
        view = pilot.app.screen.view
        index = first_paragraph(view) if unit is None else next(
            i for i, u in enumerate(view.units) if u.text.startswith(unit))
        offset = view.units[index].text.index(word) if word else 0
        view.go_to(index, offset)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return before


def test_reading_pinyin_on(snap_compare, fixture_dirs):
    """Pinyin (tone marks) above each word, the first paragraph in focus (others dimmed), the cursor
    on 新质生产力 (highlighted and underlined: a glossary term), the status line ¶ 1/9."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30), run_before=reading(fixture_dirs))


def test_reading_pinyin_off(snap_compare, fixture_dirs):
    """`p` three times: pinyin off; the hanzi lines close up, nothing else moves."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30),
                        run_before=reading(fixture_dirs, keys=("p", "p", "p")))


def test_reading_pinyin_cursor_only(snap_compare, fixture_dirs):
    """`p` twice: pinyin only above the word under the cursor; the lines keep their places."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30),
                        run_before=reading(fixture_dirs, keys=("p", "p")))


def test_reading_tone_colours(snap_compare, fixture_dirs):
    """`t`: tone colours in the focused paragraph (1 red, 2 green, 3 blue, 4 purple, neutral grey)
    on both the pinyin syllables and the hanzi."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30),
                        run_before=reading(fixture_dirs, keys=("t",)))


def test_popup_over_glossary_term(snap_compare, fixture_dirs):
    """Enter on 新质生产力: the popup below the word (never over it) shows the word, its pinyin, the
    GLOSSARY entry first (official English in bold, other renderings, literal, definitions, origin
    with its literal [bold] brackets, 'in 1 article'), then the CC-CEDICT entries."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30),
                        run_before=reading(fixture_dirs, keys=("enter",)))


def test_popup_over_ordinary_word(snap_compare, fixture_dirs):
    """Enter on 学习 in ¶ 3: no glossary section, the dictionary entry (to learn; to study)."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(100, 30),
                        run_before=reading(fixture_dirs, unit="第三段", word="学习", keys=("enter",)))


def test_reading_40_columns(snap_compare, fixture_dirs):
    """40 columns: lines wrap between words (no word cut, no line starting with closing punctuation),
    pinyin still aligned over its word."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(40, 30), run_before=reading(fixture_dirs))


def test_reading_160_columns(snap_compare, fixture_dirs):
    """160 columns: long lines, several paragraphs on screen, the one in focus bright."""
    assert snap_compare(make_app(fixture_dirs), terminal_size=(160, 30),
                        run_before=reading(fixture_dirs, unit="第二段"))


def test_library_screen(snap_compare, fixture_dirs):
    """The library: both fixture articles with source, length, progress (— when unread), last read,
    saved words; the due count in the header; the markup-looking title shown literally."""

    async def before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(make_app(fixture_dirs, read=False), terminal_size=(100, 20), run_before=before)
