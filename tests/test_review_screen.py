"""Pilot tests of the review screen's keys, in a tiny app that pushes the screen."""

from __future__ import annotations

import asyncio
import functools
from datetime import timedelta
from types import SimpleNamespace

import pytest
from textual.app import App
from textual.widgets import Input, Sparkline, Static

from reader.session import Session
from reader.store import open_store
from reader.ui.review_screen import ReviewScreen
from reader.ui.stats_widgets import BarChart, bar_chart_lines


def aio(test):
    """Run an async test in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class FakeGlossary:
    def get(self, term):
        if term != "新质生产力":
            return None
        return SimpleNamespace(term="新质生产力", english=(SimpleNamespace(text="new quality productive forces",
                                                                         official=True),),
                               definition_en="[bold]growth from innovation[/bold]")


class Host(App):
    def __init__(self, store, glossary=None) -> None:
        super().__init__()
        self.store = store
        self.glossary = glossary
        self.results: list = []

    def on_mount(self) -> None:
        session = Session(load_dictionary=False).provide(store=self.store, glossary=self.glossary)
        self.push_screen(ReviewScreen(session), self.results.append)


@pytest.fixture
def store():
    with open_store() as s:
        s.save_word("新质生产力", "xin1 zhi4 sheng1 chan3 li4", "new productive forces", glossary_term="新质生产力",
                    sentence="加快发展新质生产力。", article_id="art", block_index=2)
        s.save_word("[bold]重要[/]", "zhong4 yao4", "[red]important[/red]", sentence="这很[bold]重要[/]。",
                    note="[i]n[/i]")
        s.save_word("发展", "fa1 zhan3", "develop")
        yield s


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


@aio
async def test_front_reveal_and_grade(store):
    app = Host(store, FakeGlossary())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert text_of(screen, "#review-word") == "新质生产力"
        assert text_of(screen, "#review-sentence") == "加快发展新质生产力。"
        assert not screen.query_one("#review-answer").display
        await pilot.press("3")  # grading before the answer is shown does nothing
        assert screen.current.word == "新质生产力" and store.review_log() == []
        await pilot.press("space")
        answer = text_of(screen, "#review-answer")
        assert screen.query_one("#review-answer").display
        assert "xīn zhì shēng chǎn lì" in answer and "new productive forces" in answer
        assert "new quality productive forces" in answer and "[bold]growth from innovation[/bold]" in answer
        await pilot.press("3")
        await pilot.pause()
        [log] = store.review_log()
        assert log["word"] == "新质生产力" and log["rating"] == 3 and log["mode"] == "flip"
        assert screen.current.word == "[bold]重要[/]"
        assert text_of(screen, "#review-word") == "[bold]重要[/]"  # markup shows literally
        await pilot.press("enter")
        answer = text_of(screen, "#review-answer")
        assert "[red]important[/red]" in answer and "[i]n[/i]" in answer
        await pilot.press("1")
        await pilot.pause()
        assert store.review_log()[0]["rating"] == 1


@aio
async def test_all_four_grades_and_session_end(store, monkeypatch):
    store.set_pref("review.new_per_day", 3)
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        for key in ("4", "4", "2"):
            await pilot.press("space", key)
            await pilot.pause()
        ratings = sorted(r["rating"] for r in store.review_log())
        assert ratings == [2, 4, 4]
        # the Hard card is in learning and comes back in this session, when it is due (not at once);
        # then grade it Easy
        assert screen.current is None and "0 to go · 1 again soon" in header_of(screen)
        await card_comes_back(pilot, monkeypatch)
        assert screen.current is not None and screen.current.word == "发展"
        await pilot.press("space", "4")
        await pilot.pause()
        assert screen.current is None
        assert "All done" in text_of(screen, "#review-word")


async def card_comes_back(pilot, monkeypatch) -> None:
    """Time passes (an hour on the review screen's clock) and the timer that brings back a card
    graded this session fires."""
    import reader.ui.review_screen as review_screen
    from reader.store.clock import now_utc

    screen = pilot.app.screen
    assert screen._wake is not None, "no card is to come back"
    later = now_utc() + timedelta(hours=1)
    monkeypatch.setattr(review_screen, "now_utc", lambda: later)
    screen._card_due()
    await pilot.pause()


@aio
async def test_the_last_card_graded_again_is_not_shown_again_at_once(monkeypatch):
    """One card, graded Again: "0 to go", and the card does not come straight back (it did); the
    screen says it is due again soon, and shows it when it is due."""
    with open_store() as s:
        s.save_word("重要", "zhong4 yao4", "important")
        app = Host(s)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.current is not None and screen.current.word == "重要"
            await pilot.press("space", "1")
            await pilot.pause()
            assert screen.phase == "done" and screen.current is None
            assert "1 done · 0 to go · 1 again soon" in header_of(screen)
            assert "All done" in text_of(screen, "#review-word")
            assert "1 card again soon" in text_of(screen, "#review-sentence")
            await pilot.press("space", "3")  # no card: the keys grade nothing
            await pilot.pause()
            assert len(s.review_log()) == 1
            await card_comes_back(pilot, monkeypatch)
            assert screen.current is not None and screen.current.word == "重要" and screen.phase == "question"
            await pilot.press("space", "4")
            await pilot.pause()
            assert screen.current is None and "0 to go" in header_of(screen)
            assert "again soon" not in header_of(screen)


@aio
async def test_typed_pinyin_right_and_wrong(store):
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("t")
        await pilot.pause()
        typed = screen.query_one("#review-typed", Input)
        assert screen.typed_mode and screen.phase == "typing" and typed.display and typed.has_focus
        await pilot.press(*"Xin1zhi4 sheng1chan3li4", "enter")
        await pilot.pause()
        log = store.review_log()
        assert (log[0]["rating"], log[0]["mode"]) == (3, "typed")
        assert "right" in text_of(screen, "#review-result")
        await pilot.press("enter")  # next card
        await pilot.pause()
        assert screen.current.word == "[bold]重要[/]"
        await pilot.press(*"zhong1 yao4", "enter")
        await pilot.pause()
        assert store.review_log()[0]["rating"] == 1
        result = text_of(screen, "#review-result")
        assert "zhong1 yao4" in result and "zhong4 yao4" in result and "zhòng yào" in result
        # Esc leaves the answer box, then t goes back to flip cards (the preference is kept)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert not screen.typed_mode and not screen.query_one("#review-typed", Input).display
        assert store.get_pref("review.typed_mode") is False
        assert app.results == []  # the first Esc did not close the screen


@aio
async def test_stats_view(store):
    from reader.ui.stats_screen import StatsScreen

    ids = [store.get_word(w).id for w in ("发展", "新质生产力")]
    store.grade(ids[0], 3)
    store.grade(ids[1], 1)
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        review = app.screen
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        summary = text_of(screen, "#review-stats-summary")
        assert "2 in the last 30 days" in summary and "50%" in summary
        assert screen.query_one(Sparkline).data[-1] == 2
        chart = screen.query_one("#review-forecast", BarChart)
        assert len(chart.values) == 30 and sum(chart.values) == 2
        await pilot.press("escape")  # back to the cards, not out of the review
        await pilot.pause()
        assert app.screen is review and app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@aio
async def test_open_article_from_the_card(store):
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert app.results == [("art", 2)]


@aio
async def test_empty_queue(tmp_path):
    with open_store() as s:
        app = Host(s)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert "All done" in text_of(app.screen, "#review-word")
            assert app.screen.phase == "done"
            await pilot.press("space", "3", "s")
            await pilot.pause()
            from reader.ui.stats_screen import StatsScreen

            assert isinstance(app.screen, StatsScreen)


def test_bar_chart_lines():
    # two rows = 16 eighths for the largest value: 8 fills both rows, 4 the bottom row, 1 two eighths
    lines = bar_chart_lines([0, 1, 4, 8], height=2, bar_width=1)
    assert lines == ["   █", " ▂██"]
    # a tiny value next to a huge one still shows a sliver
    assert bar_chart_lines([1, 1000], height=1, bar_width=1) == ["▁█"]
    assert bar_chart_lines([0, 0], height=1, bar_width=1) == ["  "]


def test_review_command_opens_the_app_on_the_review_screen(monkeypatch):
    import reader.ui.app as app_module
    from reader.cli import main

    calls = []
    monkeypatch.setattr(app_module, "run_app", lambda path=None, start="library": calls.append(start) or 0)
    assert main(["review"]) == 0
    assert calls == ["review"]


@aio
async def test_the_app_started_for_review_shows_the_review_screen(store):
    from reader.ui.app import YueduApp

    app = YueduApp(start="review", library_dirs=[], glossary_dirs=[], load_dictionary=False)
    async with app.run_test(size=(100, 32)) as pilot:
        word = None
        for _ in range(100):  # the store opens in a worker; then the app pushes the review screen
            await pilot.pause(0.05)
            if isinstance(app.screen, ReviewScreen) and app.screen.query("#review-word"):
                word = text_of(app.screen, "#review-word")
                if word:
                    break
        assert isinstance(app.screen, ReviewScreen)
        assert word == "新质生产力"


def test_review_stats_command(store, capsys):
    from reader.cli import main

    store.grade(store.get_word("发展").id, 3)
    assert main(["review", "--stats"]) == 0
    out = capsys.readouterr().out
    assert "cards: 3 (2 new, 1 learning, 0 in review)" in out
    assert "retention: 100%" in out


@aio
async def test_a_long_queue_is_fetched_a_page_at_a_time(monkeypatch):
    import reader.ui.review_screen as review_module

    monkeypatch.setattr(review_module, "PAGE", 4)
    with open_store() as s:
        s.set_pref("review.new_per_day", 10)
        for i in range(10):
            s.save_word(f"词{i}", "ci2", "w")
        app = Host(s)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert len(screen.queue) + 1 <= 4  # only a page was fetched
            seen = []
            for _ in range(10):
                seen.append(screen.current.word)
                await pilot.press("space", "4")
                await pilot.pause()
            assert screen.current is None
            assert sorted(seen) == sorted(f"词{i}" for i in range(10))
            assert len(s.review_log()) == 10


@aio
async def test_a_grade_that_cannot_be_saved_keeps_the_card(store):
    import sqlite3

    store._conn.execute("PRAGMA busy_timeout = 100")
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("space", "3")
            await pilot.pause()
            assert screen.current.word == "新质生产力" and screen.done == 0
            assert any("locked" in str(n.message) for n in app._notifications)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pilot.press("3")
        await pilot.pause()
        assert screen.done == 1 and store.review_log()[0]["word"] == "新质生产力"


def test_new_per_day_setting_from_the_command_line(capsys):
    from reader.cli import main

    assert main(["review", "--new-per-day", "5"]) == 0
    with open_store() as s:
        assert s.new_per_day() == 5
    assert main(["review", "--new-per-day", "-1"]) == 2
    assert "between 0 and 1000" in capsys.readouterr().err


@aio
async def test_u_takes_back_the_last_grade(store):
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space", "1")
        await pilot.pause()
        assert screen.current.word == "[bold]重要[/]" and len(store.review_log()) == 1
        await pilot.press("u")
        await pilot.pause()
        assert screen.current.word == "新质生产力" and screen.phase == "question"
        assert store.review_log() == [] and store.get_word("新质生产力").is_new
        assert [i.word for i in screen.queue][:1] == ["[bold]重要[/]"]
        await pilot.press("u")  # nothing more to undo: stays
        await pilot.pause()
        assert screen.current.word == "新质生产力"


@aio
async def test_q_quits_except_in_the_answer_box(store):
    """q quits as on every other screen; in typed mode the answer box takes it as a letter."""
    quits: list[bool] = []

    class QuitHost(Host):
        async def action_quit(self) -> None:
            quits.append(True)

    app = QuitHost(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert quits == [] and app.screen.query_one("#review-typed", Input).value == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert quits == [True]


def header_of(screen) -> str:
    return text_of(screen, "#review-header")


@aio
async def test_the_count_to_go_drops_after_each_grade():
    """Six cards: after the first grade (Good: a learning step, so the card comes back this session)
    the header says 5 to go, not 6 (issue 12); the card coming back is counted apart."""
    with open_store() as s:
        for i in range(6):
            s.save_word(f"词{i}", "ci2", "w")
        app = Host(s)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert "0 done · 6 to go" in header_of(screen)
            await pilot.press("space", "3")
            await pilot.pause()
            assert "1 done · 5 to go · 1 again soon" in header_of(screen)
            await pilot.press("space", "4")  # Easy: not back this session
            await pilot.pause()
            assert "2 done · 4 to go · 1 again soon" in header_of(screen)
            await pilot.press("t")  # typed mode: a graded card no longer counts as to go while its answer shows
            await pilot.pause()
            await pilot.press(*"ci2", "enter")
            await pilot.pause()
            assert screen.phase == "checked" and "3 done · 3 to go · 2 again soon" in header_of(screen)


@aio
async def test_back_from_the_stats_the_keys_work_not_the_typing_box(store):
    """Typed mode, the answer box focused; s (after Esc) opens the statistics; back from them, the
    keys work: t switches to flip cards instead of typing a t into the box (issue 12)."""
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        review = app.screen
        await pilot.press("t")
        await pilot.pause()
        typed = review.query_one("#review-typed", Input)
        assert typed.has_focus
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen is not review
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review and not typed.has_focus
        assert "Enter: type the answer" in text_of(review, "#review-hint")
        await pilot.press("s")  # the keys work: the statistics again, no "s" in the box
        await pilot.pause()
        assert app.screen is not review and typed.value == ""
        await pilot.press("s")  # s closes them too
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is review and typed.value == "" and not review.typed_mode
        assert review.phase == "question"


@aio
async def test_the_screen_is_drawn_from_its_phase(store):
    """Each phase shows its own parts and enables its own keys."""
    app = Host(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        answer, typed = screen.query_one("#review-answer"), screen.query_one("#review-typed", Input)

        def shown() -> tuple[bool, bool, bool, bool]:
            return (answer.display, typed.display, screen.check_action("grade", (3,)) is True,
                    screen.check_action("reveal", ()) is True)

        assert screen.phase == "question" and shown() == (False, False, False, True)
        screen.phase = "answer"
        await pilot.pause()
        assert shown() == (True, False, True, False)
        assert "1 Again" in text_of(screen, "#review-hint")
        await pilot.press("3")
        await pilot.pause()
        assert screen.phase == "question" and shown() == (False, False, False, True)
        await pilot.press("t")
        await pilot.pause()
        assert screen.phase == "typing" and shown() == (False, True, False, True)
        await pilot.press(*"zhong4 yao4", "enter")
        await pilot.pause()
        assert screen.phase == "checked" and shown() == (True, True, False, True)
        assert "Enter: next card" in text_of(screen, "#review-hint")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "typing"
        await pilot.press("escape", "t")  # flip cards; Easy on each card until none is left
        await pilot.pause()
        for _ in range(10):
            if screen.phase == "done":
                break
            await pilot.press("space", "4")
            await pilot.pause()
        assert screen.phase == "done" and shown() == (False, False, False, False)
        assert "All done" in text_of(screen, "#review-word")
