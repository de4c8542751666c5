"""The statistics screen (``s`` on the review screen): reviews per day, retention and the due forecast.

It is a screen of its own, pushed over the review: closing it (Esc or ``s``) returns to the card
exactly as it was left, with the keys (not a text box) in charge.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from reader.errors import UserError
from reader.store import Store

from .stats_widgets import BarChart

DAYS = 30


class StatsScreen(Screen[None]):
    """Your review statistics."""

    CSS_PATH = "study.tcss"
    AUTO_FOCUS = ""
    HELP = "Review statistics: cards, reviews per day, retention, the cards due in the next 30 days. Esc or s: back."

    BINDINGS = [
        Binding("escape,s", "close", "Back", id="stats.close", tooltip="Back to the review"),
        Binding("q", "app.quit", "Quit", show=False, id="stats.quit", tooltip="Quit yuedu"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Statistics", "bold")), id="stats-header")
        with Vertical(id="review-stats"):
            yield Static(Text(""), id="review-stats-summary")
            yield Static(Text(f"Reviews per day, last {DAYS} days", style="bold"))
            yield Sparkline([0] * DAYS, id="review-sparkline")
            yield BarChart([0] * DAYS, title=f"Cards due, next {DAYS} days", labels=("today", f"+{DAYS - 1} d"),
                           id="review-forecast")
        yield Static(Text("Esc or s: back to the cards"), id="stats-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_review()

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

    def action_close(self) -> None:
        self.dismiss(None)
