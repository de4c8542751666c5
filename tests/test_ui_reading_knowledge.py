"""Issue 13 on the reading screen: pinyin only over the words you don't know, new words tinted and
reachable with ] / [, the article's coverage in the status line, K/I redraw at once, and the option
that marks the rest of a paragraph known on leaving it."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, screen_lines, settle, status  # noqa: E402,F401

KNOWN = ["是", "一个", "重要", "的", "概念", "我们", "要", "加快", "发展", "推动", "高质量"]


def mark_known(words, state="known"):
    from reader.store import open_store
    from reader.store.knowledge import Knowledge

    with open_store() as store:
        Knowledge(store).mark(words, state)


def first_paragraph(view) -> int:
    return next(i for i, u in enumerate(view.units) if u.kind == "paragraph")


def pinyin_row_of(view, unit: int) -> tuple[str, str]:
    """(pinyin row, hanzi row) of the first line of ``unit`` on screen."""
    frame = view.frame()
    y = next(y for y, r in enumerate(frame) if r is not None and r.unit == unit and r.kind == "text")
    return view.render_line(y - 1).text, view.render_line(y).text


def token_segments(view, unit: int, word: str):
    """The segments drawing ``word`` in the first text row of ``unit``."""
    frame = view.frame()
    y = next(y for y, r in enumerate(frame) if r is not None and r.unit == unit and r.kind == "text")
    return [seg for seg in view.render_line(y) if seg.text.strip() and seg.text.strip() in word]


@aio
async def test_p_cycles_through_four_modes_with_unknown_second(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        assert view.pinyin_mode == "on"  # nothing known yet: pinyin everywhere
        seen = []
        for _ in range(4):
            await pilot.press("p")
            seen.append(view.pinyin_mode)
        assert seen == ["unknown", "cursor", "off", "on"]


@aio
async def test_with_known_words_pinyin_only_over_new_ones_and_K_redraws(fixture_dirs):
    mark_known(KNOWN)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        assert view.pinyin_mode == "unknown"  # the default once the user has said what they know
        unit = first_paragraph(view)
        view.go_to(unit, view.units[unit].text.index("是"))  # cursor on a known word
        await settle(pilot)
        await pilot.press("l")  # cursor to 一个 (known): 是 loses its pinyin
        await settle(pilot)
        pinyin, text = pinyin_row_of(view, unit)
        assert text.lstrip().startswith("新质生产力")
        assert "xīn" in pinyin  # 新质生产力: new, it keeps its pinyin
        assert "shì" not in pinyin and "zhòngyào" not in pinyin and "gàiniàn" not in pinyin
        # new words are tinted, known ones are not
        new_bg = view._style("new").bgcolor
        assert new_bg is not None
        assert any(s.style.bgcolor == new_bg for s in token_segments(view, unit, "新质生产力"))
        assert not any(s.style.bgcolor == new_bg for s in token_segments(view, unit, "概念"))
        # K on a new word: its pinyin and its tint go at once (the line cache follows knowledge)
        view.go_to(unit, view.units[unit].text.index("新质生产力"))
        await settle(pilot)
        await pilot.press("l")  # off the word, so the cursor's own pinyin does not count
        await pilot.press("h")
        await pilot.press("K")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        pinyin, _ = pinyin_row_of(view, unit)
        assert "xīn" not in pinyin
        assert not any(s.style.bgcolor == new_bg for s in token_segments(view, unit, "新质生产力"))
        # tone colours still apply to the pinyin that is shown
        await pilot.press("t")
        await settle(pilot)
        tones = {view._style(f"tone-{n}").color for n in range(1, 6)}
        # (under the cursor a syllable's tone colour is its box's background)
        assert any(seg.style and (seg.style.color in tones or seg.style.bgcolor in tones) for seg in view.render_line(
            next(y for y, r in enumerate(view.frame()) if r is not None and r.unit == unit and r.kind == "pinyin")))


@aio
async def test_brackets_move_to_the_next_and_previous_new_word(fixture_dirs):
    known = [w for w in KNOWN if w not in ("概念", "加快")] + ["新质生产力"]
    mark_known(known)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = first_paragraph(view)
        view.go_to(unit)
        await settle(pilot)
        words = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            words.append(view.current_word()[0])
        tokens = [t.text for t in view.unit_tokens(unit) if t.kind == "hanzi"]
        expected = [w for w in tokens if w not in known]
        assert expected[:2] == ["概念", "加快"]
        assert words[:2] == expected[:2] and words[2] != expected[1], (words, tokens)
        await pilot.press("left_square_bracket")
        assert view.current_word()[0] == "加快"
        # ] goes on into the next paragraphs
        for _ in range(len(expected)):
            await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.focus_unit > unit


@aio
async def test_status_line_shows_the_articles_coverage_and_it_rises_with_K(fixture_dirs):
    mark_known(KNOWN)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        for _ in range(50):
            if screen.coverage is not None:
                break
            await settle(pilot)
        from reader.core.knowledge import coverage
        from reader.core.word_counts import count_text
        from reader.store.knowledge import Knowledge

        services = app.session.loaded
        texts = [b.text for b in screen.article.blocks]
        counted = count_text(services.annotator, "t", texts, services.dictionary)
        expected = coverage(counted.words, Knowledge(services.store).states()).known_percent
        assert 0 < expected < 100
        assert f"known {expected:.1f}%" in status(app)
        view = screen.view
        view.go_to(first_paragraph(view), 0)
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await pilot.press("K")
        await settle(pilot)
        after = coverage(counted.words, Knowledge(services.store).states()).known_percent
        assert after > expected
        assert f"known {after:.1f}%" in status(app)


@aio
async def test_knowledge_is_read_off_the_event_loop(fixture_dirs, monkeypatch):
    from reader.store.knowledge import Knowledge

    threads = []
    real = Knowledge.states

    def spy(self):
        threads.append(threading.current_thread())
        return real(self)

    monkeypatch.setattr(Knowledge, "states", spy)
    mark_known(KNOWN)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert threads and all(t is not threading.main_thread() for t in threads)
        assert app.screen.view.knowledge.get("重要") == "known"


@aio
async def test_mark_rest_known_on_leaving_a_paragraph_is_an_option_off_by_default(fixture_dirs):
    mark_known(KNOWN)
    from reader.store.knowledge import Knowledge

    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = first_paragraph(view)
        view.go_to(unit)
        await settle(pilot)
        new_here = {t.text for t in view.unit_tokens(unit) if view.is_new(t)}
        assert new_here
        await pilot.press("j")  # off by default: nothing marked
        await settle(pilot)
        states = Knowledge(app.session.loaded.store).states()
        assert not any(states.get(w) == "known" for w in new_here)
        await pilot.press("k")
        await pilot.press("M")  # the option on (kept)
        await pilot.press("j")
        await settle(pilot)
        states = Knowledge(app.session.loaded.store).states()
        assert all(states.get(w) == "known" for w in new_here), new_here
        assert app.session.loaded.store.get_pref("reader.mark_rest_known") is True
        # moving back never marks anything
        following = {t.text for t in view.unit_tokens(view.focus_unit) if view.is_new(t)}
        await pilot.press("k")
        await settle(pilot)
        states = Knowledge(app.session.loaded.store).states()
        assert not any(states.get(w) == "known" for w in following)
    app2 = make_app(fixture_dirs)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.screen._mark_rest is True
