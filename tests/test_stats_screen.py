"""The statistics screen: the review charts, and next to them words known over time and the new words
met per article (issue 13 item 6)."""

from __future__ import annotations

import asyncio
import functools
from datetime import timedelta

import pytest
from textual.app import App
from textual.widgets import Static

from reader.core.article import Article, Block
from reader.session import Session
from reader.store import open_store
from reader.store.db import now_utc
from reader.store.knowledge import Knowledge
from reader.ui.stats_screen import StatsScreen
from reader.ui.stats_widgets import BarChart, bar_rows

TEXT = "我们喜欢北京。我们学习中文，也喜欢看书。"


def aio(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture(scope="module")
def engine():
    from reader.core.annotate import Annotator
    from reader.core.dictionary import Dictionary

    return Annotator(), Dictionary.open()


class Host(App):
    def __init__(self, store, engine, articles) -> None:
        super().__init__()
        self.store, self.engine, self.articles = store, engine, articles

    def on_mount(self) -> None:
        annotator, dictionary = self.engine
        session = Session().provide(store=self.store, annotator=annotator, dictionary=dictionary)
        session.extra_articles.extend(self.articles.values())
        self.push_screen(StatsScreen(session))


async def until(pilot, ready, tries: int = 200) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if ready():
            return
    raise AssertionError("never ready")


@pytest.fixture
def history(monkeypatch):
    """喜欢 known three days ago; article one read two days ago; 北京 known yesterday; article two
    (the same text) read today; 学习 known today, after both were read."""
    import reader.store.db as db
    import reader.store.knowledge as knowledge

    now = now_utc()
    days = {n: now - timedelta(days=n, minutes=2) for n in (3, 2, 1, 0)}
    days["later"] = now - timedelta(minutes=1)

    def at(n):
        monkeypatch.setattr(knowledge, "now_utc", lambda: days[n])
        monkeypatch.setattr(db, "now_utc", lambda: days[n])

    articles = {a: Article(id=a, title=title, blocks=[Block("paragraph", TEXT, 1)])
                for a, title in (("one", "第一篇 北京"), ("two", "第二篇 北京"))}
    with open_store() as store:
        k = Knowledge(store)
        at(3)
        k.mark(["喜欢"], "known")
        at(2)
        store.set_position("one", 0, TEXT, block_count=1)
        at(1)
        k.mark(["北京"], "known")
        at(0)
        store.set_position("two", 0, TEXT, block_count=1)
        at("later")
        k.mark(["学习"], "known")
        monkeypatch.undo()
        yield store, articles


@aio
async def test_words_known_over_time_and_new_words_met_per_article(history, engine):
    store, articles = history
    app = Host(store, engine, articles)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.articles_met is not None)
        known = screen.query_one("#known-chart", BarChart).values
        assert len(known) == 30 and known[-4:] == (1, 1, 2, 3)
        assert "3 today · +3 in the last 30 days" in str(screen.query_one("#known-summary", Static).content)
        # newest read first; 北京 was known when article two was read, not when one was; 学习, known
        # after both, counts as new in both
        (title2, two), (title1, one) = screen.articles_met
        assert (title2, title1) == ("第二篇 北京", "第一篇 北京")
        assert one == two + 1 and two >= 3
        shown = str(screen.query_one("#articles-met", Static).content)
        assert "第二篇 北京" in shown and f" {one}" in shown
        # wide: what you know stands next to the review charts
        review, knowledge = screen.query_one("#review-stats"), screen.query_one("#knowledge-stats")
        assert knowledge.region.x > review.region.x and knowledge.region.y == review.region.y


@aio
async def test_narrow_the_columns_stack_and_the_charts_fit(history, engine):
    store, articles = history
    app = Host(store, engine, articles)
    async with app.run_test(size=(60, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.articles_met is not None)
        review, knowledge = screen.query_one("#review-stats"), screen.query_one("#knowledge-stats")
        assert knowledge.region.x == review.region.x and knowledge.region.y > review.region.y
        for chart in screen.query(BarChart):
            assert chart.region.right <= 60
            assert all(len(line) <= chart.region.width for line in chart.render().plain.split("\n"))


@aio
async def test_before_the_dictionary_loads_the_articles_wait(history):
    store, articles = history
    app = Host(store, (None, None), articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "once the dictionary has loaded" in str(screen.query_one("#articles-met", Static).content)
        assert screen.articles_met is None


def test_bar_rows_scale_to_the_largest_and_show_a_sliver():
    text = bar_rows([("一篇很长很长很长的文章标题啊", 40), ("短", 1), ("零", 0)], width=40, label_width=10)
    lines = text.plain.split("\n")
    assert len(lines) == 3 and lines[0].endswith(" 40") and lines[1].endswith(" 1") and lines[2].endswith(" 0")
    assert lines[1].count("█") == 0 and any(ch in lines[1] for ch in "▏▎▍▌▋▊▉")
    assert lines[0].count("█") > 20


@aio
async def test_closing_while_the_articles_are_counted_is_safe(history, engine):
    """Esc while the worker still annotates: no error when its result arrives."""
    import threading

    store, articles = history
    annotator, dictionary = engine
    release = threading.Event()

    class Slow:
        def __getattr__(self, name):
            return getattr(annotator, name)

        def annotate_many(self, blocks):
            release.wait(5)
            return annotator.annotate_many(blocks)

    fresh = {a: Article(id=a, title="慢", blocks=[Block("paragraph", "慢慢来，比较快。" + a, 1)]) for a in articles}
    app = Host(store, (Slow(), dictionary), fresh)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "counting" in str(screen.query_one("#articles-met", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        release.set()
        await until(pilot, lambda: screen.articles_met is not None)
        await pilot.pause()
    assert app.return_code in (None, 0)
