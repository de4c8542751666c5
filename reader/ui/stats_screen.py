"""The statistics screen (``s`` on the review screen): the review charts, and beside them what you know.

Review: cards, reviews per day, retention and the due forecast. Knowledge (issue 13): the words known
at the end of each of the last 30 days (from the knowledge log), and the new words met in each of the
articles read most recently: the distinct words of the article (names and numbers left out) that were
neither known nor ignored when it was last read. Counting an article's words is done in a worker (it
annotates an article whose counts are not in the cache yet); the screen shows the rest first.

It is a screen of its own, pushed over the review: closing it (Esc or ``s``) returns to the card
exactly as it was left, with the keys (not a text box) in charge.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from reader.errors import UserError
from reader.store import Store

from .base import AnnotatorReady, DictionaryReady
from .stats_widgets import BarChart, bar_rows

if TYPE_CHECKING:
    from reader.session import Session

DAYS = 30
ARTICLES = 10  # the articles read most recently, in the chart of new words met


def new_words_met(counted: Any, states: dict[str, str]) -> int:
    """Distinct words of a counted text (names and numbers left out) neither known nor ignored in
    ``states`` (word -> stored state, as the user's knowledge stood when the text was read)."""
    from reader.core.knowledge import IGNORED, KNOWN

    return sum(1 for word, count in counted.words.items()
               if count.kind == "word" and states.get(word) not in (KNOWN, IGNORED))


class StatsScreen(Screen[None]):
    """Your review statistics and what you know."""

    CSS_PATH = "study.tcss"
    AUTO_FOCUS = ""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # wide: the two columns side by side
    HELP = ("Statistics: cards, reviews per day, retention, the cards due in the next 30 days; words known "
            "over time and the new words met per article. Esc or s: back.")

    BINDINGS = [
        Binding("escape,s", "close", "Back", id="stats.close", tooltip="Back to the review"),
        Binding("q", "app.quit", "Quit", show=False, id="stats.quit", tooltip="Quit yuedu"),
    ]

    def __init__(self, session: Session) -> None:
        """``session``: the app's; its store is open, the annotator and the dictionary are used once
        they have loaded (the new words met are counted then)."""
        super().__init__()
        self.session = session
        self.articles_met: list[tuple[str, int]] | None = None  # (title, new words met), newest read first
        self._counting = False

    @property
    def store(self) -> Store:
        store = self.session.loaded.store
        assert store is not None, "the statistics screen is opened once the store is open"
        return store

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Statistics", "bold")), id="stats-header")
        with VerticalScroll(id="stats-body"):
            with Horizontal(id="stats-columns"):
                with Vertical(id="review-stats", classes="stats-column"):
                    yield Static(Text("Review", style="bold underline"))
                    yield Static(Text(""), id="review-stats-summary")
                    yield Static(Text(f"Reviews per day, last {DAYS} days", style="bold"))
                    yield Sparkline([0] * DAYS, id="review-sparkline")
                    yield BarChart([0] * DAYS, title=f"Cards due, next {DAYS} days",
                                   labels=("today", f"+{DAYS - 1} d"), id="review-forecast")
                with Vertical(id="knowledge-stats", classes="stats-column"):
                    yield Static(Text("What you know", style="bold underline"))
                    yield Static(Text(""), id="known-summary")
                    yield BarChart([0] * DAYS, title=f"Words known, last {DAYS} days",
                                   labels=(f"-{DAYS - 1} d", "today"), id="known-chart")
                    yield Static(Text("New words met per article (read most recently first)", style="bold"))
                    yield Static(Text(""), id="articles-met")
        yield Static(Text("Esc or s: back to the cards"), id="stats-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_review()
        self._fill_known()
        self._count_articles()

    def on_resize(self) -> None:
        self._show_articles()

    # ---- review

    def _fill_review(self) -> None:
        try:
            stats = self.store.stats(days=DAYS)
        except UserError as exc:
            self.query_one("#review-stats-summary", Static).update(Text(f"cannot read the statistics: {exc}"))
            return
        per_day = [n for _day, n in stats.reviews_per_day]
        summary = Text()
        summary.append("Cards: ", style="bold")
        summary.append(f"{stats.total} saved · {stats.new} new · {stats.learning} learning · "
                       f"{stats.review} in review · {stats.due_now} to review now\n")
        summary.append("Reviews: ", style="bold")
        summary.append(f"{sum(per_day)} in the last {DAYS} days · {per_day[-1] if per_day else 0} today\n")
        summary.append("Retention: ", style="bold")
        summary.append("no reviews yet" if stats.retention is None else
                       f"{stats.retention:.0%} of reviews in the last {DAYS} days were not Again")
        self.query_one("#review-stats-summary", Static).update(summary)
        self.query_one("#review-sparkline", Sparkline).data = per_day or [0]
        self.query_one("#review-forecast", BarChart).values = tuple(stats.forecast)

    # ---- knowledge

    def _fill_known(self) -> None:
        from reader.store.knowledge import Knowledge

        try:
            series = Knowledge(self.store).known_over_time(days=DAYS)
        except UserError as exc:
            self.query_one("#known-summary", Static).update(Text(f"cannot read what you know: {exc}"))
            return
        first, last = series[0][1], series[-1][1]
        change = last - first
        summary = Text()
        summary.append("Words known: ", style="bold")
        summary.append(f"{last:,} today · {'+' if change >= 0 else ''}{change:,} in the last {DAYS} days")
        if not last:
            summary.append("\nsay what you know: yuedu known hsk 3, K on a word while reading", style="dim")
        self.query_one("#known-summary", Static).update(summary)
        self.query_one("#known-chart", BarChart).values = tuple(n for _d, n in series)

    def _count_articles(self) -> None:
        """Read what the store holds here (positions, knowledge then) and count the words in a worker."""
        from reader.store.knowledge import Knowledge

        annotator, dictionary = self.session.loaded.annotator, self.session.loaded.dictionary
        if self._counting or self.articles_met is not None:
            return
        if annotator is None or dictionary is None:
            self._show_articles("(counted once the dictionary has loaded)")
            return
        try:
            read = sorted(self.store.positions().items(), key=lambda kv: kv[1][2], reverse=True)
            knowledge = Knowledge(self.store)
            todo = []
            for article_id, (_block, _count, when) in read:
                article = self.session.find_article(article_id)
                if article is not None:
                    todo.append((article, knowledge.states_at(when)))
                if len(todo) >= ARTICLES:
                    break
        except UserError as exc:
            self._show_articles(f"cannot read the articles read: {exc}")
            return
        if not todo:
            self.articles_met = []
            self._show_articles()
            return
        self._counting = True
        self._show_articles("counting the words…")
        app = self.app  # taken here: the worker's thread cannot find it once the screen is closed
        self.run_worker(lambda: self._count(app, todo, annotator, dictionary), thread=True, exclusive=True,
                        group="stats-articles", name="new words met per article", exit_on_error=False)

    def _count(self, app: Any, todo: list[tuple[Any, dict[str, str]]], annotator: Any, dictionary: Any) -> None:
        """On a worker thread: each article's word counts (from the cache, or counted now and kept)."""
        from reader.core.word_counts import WordCountCache, library_counts

        cache = WordCountCache()
        try:
            counts = library_counts([a for a, _s in todo], annotator, dictionary, cache)
        finally:
            cache.close()
        rows = [(article.title, new_words_met(counts[article.id], states))
                for article, states in todo if article.id in counts]
        app.call_from_thread(self._counted, rows)

    def _counted(self, rows: list[tuple[str, int]]) -> None:
        self._counting = False
        self.articles_met = rows
        if self.is_attached:  # closed while counting: nothing to show
            self._show_articles()

    def _show_articles(self, message: str | None = None) -> None:
        found = self.query("#articles-met")
        if not found:
            return
        target = found.first(Static)
        if message is not None:
            target.update(Text(message, style="dim"))
            return
        rows = self.articles_met
        if rows is None:
            return
        if not rows:
            target.update(Text("no article read yet", style="dim"))
            return
        width = max(30, (target.size.width or self.size.width // 2) - 1)
        target.update(bar_rows(rows, width, label_width=min(24, width // 2)))

    @on(AnnotatorReady)
    @on(DictionaryReady)
    def _part_arrived(self) -> None:
        """The annotator or the dictionary has loaded: count the articles once both are there."""
        self._count_articles()

    def action_close(self) -> None:
        self.dismiss(None)
