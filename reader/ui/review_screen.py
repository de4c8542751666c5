"""The review screen: FSRS flashcards of your saved words, each with the sentence you met it in.

Front: the word, and its sentence with the word highlighted. Space or Enter reveals pinyin, meaning
and the glossary entry; 1-4 grade Again / Hard / Good / Easy. ``t`` switches to typed pinyin: type
the reading with tone numbers (``zhong4 yao4``) or marks (``zhòngyào``) and Enter; a right answer is graded Good, a wrong
one Again, and the correct answer is shown. ``s`` shows statistics: reviews per day, retention and
the due forecast for the next 30 days.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Sparkline, Static

from reader.errors import UserError
from reader.store import Store, VocabItem
from reader.core.pinyin import answer_matches, to_marks

from .stats_widgets import BarChart

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
PAGE = 200  # cards fetched at a time (a backlog of thousands must not slow the screen down)
REQUEUE_WITHIN = timedelta(minutes=20)  # cards due again this soon come back in the same session


def sentence_with_word(sentence: str, word: str) -> Text:
    text = Text(sentence)
    if word:
        text.highlight_words([word], style="bold reverse", case_sensitive=True)
    return text


class ReviewScreen(Screen[tuple[str, int] | None]):
    """Review the cards that are due."""

    CSS_PATH = "study.tcss"
    AUTO_FOCUS = ""  # focus is managed: the answer box only in typed mode
    HELP = ("Review your saved words. Space or Enter shows the answer; 1 Again, 2 Hard, 3 Good, 4 Easy. "
            "t: typed-pinyin mode (tone numbers or marks, graded for you). s: statistics. Esc: back.")

    BINDINGS = [
        Binding("escape", "close", "Back", id="review.close", tooltip="End the review and go back"),
        Binding("space,enter", "reveal", "Answer", id="review.reveal",
                tooltip="Show the pinyin, meaning and glossary entry (then Enter moves on in typed mode)"),
        Binding("1", "grade(1)", "Again", id="review.again", tooltip="Forgot it: see it again soon"),
        Binding("2", "grade(2)", "Hard", id="review.hard", tooltip="Recalled with difficulty"),
        Binding("3", "grade(3)", "Good", id="review.good", tooltip="Recalled"),
        Binding("4", "grade(4)", "Easy", id="review.easy", tooltip="Recalled at once: see it much later"),
        Binding("u", "undo", "Undo", id="review.undo",
                tooltip="Take back the last grade and show that card again"),
        Binding("t", "toggle_typed", "Typing", id="review.typed",
                tooltip="Answer by typing the pinyin, tone numbers (zhong4 yao4) or marks (zhòngyào); graded automatically"),
        Binding("s", "toggle_stats", "Stats", id="review.stats",
                tooltip="Reviews per day, retention, and the due forecast for the next 30 days"),
        Binding("o", "open_sentence", "Open article", id="review.open", show=False,
                tooltip="Open the article at the paragraph this card's sentence comes from"),
        Binding("q", "app.quit", "Quit", show=False, id="review.quit",
                tooltip="Quit yuedu (q types a q in a text box; ctrl+q quits from anywhere)"),
    ]

    def __init__(self, store: Store, *, glossary: Callable[[], Any] | None = None,
                 dictionary: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.store = store
        self.glossary = glossary
        self.dictionary = dictionary
        self.jump_word: str | None = None  # set with a jump: the word to put the cursor on
        self.queue: list[VocabItem] = []
        self.current: VocabItem | None = None
        self.revealed = False
        self.typed_mode = bool(store.get_pref("review.typed_mode", False))
        self.awaiting_next = False  # typed mode: graded, Enter moves on
        self.showing_stats = False
        self.done = 0
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static(Text("Review"), id="review-header")
        with Vertical(id="review-card"):
            yield Static(Text(""), id="review-word")
            yield Static(Text(""), id="review-sentence")
            yield Input(placeholder="type the pinyin (zhong4 yao4 or zhòngyào), then Enter",
                        id="review-typed", classes="hidden")
            yield Static(Text(""), id="review-result")
            yield Static(Text(""), id="review-answer", classes="hidden")
        with Vertical(id="review-stats", classes="hidden"):
            yield Static(Text(""), id="review-stats-summary")
            yield Static(Text("Reviews per day, last 30 days", style="bold"))
            yield Sparkline([0] * 30, id="review-sparkline")
            yield BarChart([0] * 30, title="Cards due, next 30 days", labels=("today", "+29 d"),
                           id="review-forecast")
        yield Static(Text(""), id="review-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.more = True
        self._refill()
        self._next_card()

    def _refill(self) -> None:
        """Fetch the next page of due cards when the session queue runs low."""
        if not self.more:
            return
        try:
            page = self.store.review_queue(limit=PAGE)
        except UserError as exc:
            self.notify(f"cannot read the cards: {exc}", severity="error", timeout=10, markup=False)
            page = []
        self.more = len(page) >= PAGE
        have = {i.id for i in self.queue} | ({self.current.id} if self.current else set())
        fresh = [i for i in page if i.id not in have]
        # fresh cards go before the learning cards re-queued for later in the session
        learning = [i for i in self.queue if not i.is_new and i.reps and i.state != "review"]
        others = [i for i in self.queue if i not in learning]
        self.queue = others + fresh + learning

    # ---- helpers

    def _glossary_entry(self, item: VocabItem):
        getter = self.glossary
        glossary = getter() if callable(getter) else getter
        if glossary is None:
            return None
        try:
            return glossary.get(item.glossary_term or item.word)
        except Exception:
            return None

    def _dictionary_entries(self, item: VocabItem) -> list:
        getter = self.dictionary
        dictionary = getter() if callable(getter) else getter
        if dictionary is None:
            return []
        try:
            return list(dictionary.lookup(item.word))[:3]
        except Exception:
            return []

    def _header(self) -> None:
        remaining = len(self.queue) + (1 if self.current else 0)
        more = "+" if self.more else ""
        text = Text.assemble(("Review", "bold"), f" · {self.done} done · {remaining}{more} to go")
        text.append(" · typed pinyin" if self.typed_mode else " · flip cards")
        self.query_one("#review-header", Static).update(text)

    def _hint(self) -> None:
        hint = self.query_one("#review-hint", Static)
        if self.showing_stats:
            hint.update(Text("s: back to the cards · Esc: back"))
        elif self.current is None:
            hint.update(Text("s: statistics · Esc: back"))
        elif self.typed_mode:
            typing = self.query_one("#review-typed", Input).has_focus
            if self.awaiting_next:
                hint.update(Text("Enter: next card"))
            elif typing:
                hint.update(Text("type the pinyin (tone numbers or marks), then Enter · Esc: leave the box (t, s)"))
            else:
                hint.update(Text("Enter: type the answer · t: flip cards · s: statistics"))
        elif self.revealed:
            hint.update(Text("1 Again · 2 Hard · 3 Good · 4 Easy"))
        else:
            hint.update(Text("Space or Enter: show the answer"))

    def _next_card(self) -> None:
        if self.more and len(self.queue) < PAGE // 4:
            self.current = None
            self._refill()
        self.current = self.queue.pop(0) if self.queue else None
        self.revealed = False
        self.awaiting_next = False
        self.shown_at = time.monotonic()
        word = self.query_one("#review-word", Static)
        sentence = self.query_one("#review-sentence", Static)
        answer = self.query_one("#review-answer", Static)
        typed = self.query_one("#review-typed", Input)
        self.query_one("#review-result", Static).update(Text(""))
        answer.add_class("hidden")
        if self.current is None:
            word.update(Text("All done for now", style="bold"))
            try:
                forecast = self.store.stats(days=30).forecast
            except UserError:
                forecast = []
            nxt = next((i for i, n in enumerate(forecast) if n), None)
            when = ("" if nxt is None else " · next cards due today" if nxt == 0
                    else f" · next cards due in {nxt} day{'s' if nxt != 1 else ''}")
            sentence.update(Text(f"{self.done} reviewed this session{when}. Save words while reading (s) "
                                 "to have more to review.", style="dim"))
            typed.add_class("hidden")
        else:
            item = self.current
            word.update(Text(item.word, style="bold"))
            sentence.update(sentence_with_word(item.sentence, item.word) if item.sentence
                            else Text("(no sentence saved)", style="dim"))
            typed.set_class(not self.typed_mode, "hidden")
            typed.value = ""
            if self.typed_mode and not self.showing_stats:
                typed.focus()
            elif typed.has_focus:
                self.set_focus(None)
        self._header()
        self._hint()
        self.refresh_bindings()

    def _answer_text(self, item: VocabItem) -> Text:
        text = Text()
        if item.pinyin:
            text.append(to_marks(item.pinyin), style="bold")
            text.append(f"  ({item.pinyin})\n", style="dim")
        if item.definition:
            text.append(item.definition + "\n")
        else:
            for e in self._dictionary_entries(item):
                text.append(f"{to_marks(e.pinyin)}  ", style="dim")
                text.append("; ".join(e.definitions) + "\n")
        entry = self._glossary_entry(item)
        if entry is not None:
            text.append("\nGlossary: ", style="bold")
            text.append(entry.term)
            for rendering in list(entry.english)[:3]:
                text.append("\n  · ")
                text.append(rendering.text, style="italic")
                if getattr(rendering, "official", False):
                    text.append("  (official)", style="dim")
            if entry.definition_en:
                text.append("\n")
                text.append(entry.definition_en)
        if item.note:
            text.append("\nNote: ", style="dim")
            text.append(item.note)
        if item.sentences and len(item.sentences) > 1:
            text.append("\nAlso met in:", style="dim")
            for s in item.sentences[:-1][-2:]:
                text.append("\n  ")
                text.append_text(sentence_with_word(s.text, item.word))
        return text

    def _show_answer(self) -> None:
        if self.current is None:
            return
        self.revealed = True
        answer = self.query_one("#review-answer", Static)
        answer.update(self._answer_text(self.current))
        answer.remove_class("hidden")
        self._hint()
        self.refresh_bindings()

    def _grade(self, rating: int, mode: str) -> bool:
        """Record the grade; False (and a visible error) when the store could not save it."""
        item = self.current
        if item is None:
            return False
        elapsed = int((time.monotonic() - self.shown_at) * 1000)
        try:
            updated = self.store.grade(item.id, rating, duration_ms=elapsed, mode=mode)
        except (UserError, KeyError) as exc:
            self.notify(f"not saved: {exc}", title="Review", severity="error", timeout=8, markup=False)
            return False
        self.done += 1
        if updated.due is not None and updated.due - updated.last_review <= REQUEUE_WITHIN:
            self.queue.append(updated)  # learning steps: see it again this session
        return True

    # ---- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "grade":
            return None if (self.showing_stats or self.current is None or not self.revealed or self.typed_mode) \
                else True
        if action == "reveal":
            return None if (self.showing_stats or self.current is None or (self.revealed and not self.typed_mode)) \
                else True
        if action == "open_sentence":
            return self.current is not None and self.current.article_id is not None
        return True

    def action_reveal(self) -> None:
        if self.current is None or self.showing_stats:
            return
        if self.typed_mode:
            if self.awaiting_next:
                self._next_card()
            else:
                self.query_one("#review-typed", Input).focus()
                self._hint()
            return
        if not self.revealed:
            self._show_answer()

    def action_grade(self, rating: int) -> None:
        if self.current is None or not self.revealed or self.showing_stats or self.typed_mode:
            return
        if self._grade(int(rating), "flip"):
            self._next_card()

    @on(Input.Submitted, "#review-typed")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.current is None:
            return
        if self.awaiting_next:
            self._next_card()
            return
        answer = event.value.strip()
        if not answer:
            return
        item = self.current
        right = answer_matches(answer, item.pinyin)
        if not self._grade(3 if right else 1, "typed"):
            return
        result = Text()
        if right:
            result.append("✓ right", style="bold green")
            result.append(f"  {to_marks(item.pinyin)}  (graded Good)")
        else:
            result.append("✗ not quite", style="bold red")
            result.append(" — you typed ")
            result.append(answer, style="italic")
            result.append(", the answer is ")
            result.append(f"{item.pinyin}  ({to_marks(item.pinyin)})", style="bold")
            result.append("  (graded Again)")
        self.query_one("#review-result", Static).update(result)
        self.awaiting_next = True
        self._show_answer()

    def action_toggle_typed(self) -> None:
        self.typed_mode = not self.typed_mode
        try:
            self.store.set_pref("review.typed_mode", self.typed_mode)
        except UserError:
            pass  # a preference not kept is not worth an error box; the mode still changes
        if self.current is not None:
            if not self.awaiting_next:  # not graded yet: show the same card again, in the new mode
                self.queue.insert(0, self.current)
            self._next_card()
        self.notify("typed pinyin: type the reading (tone numbers or marks)" if self.typed_mode else "flip cards",
                    timeout=2)
        self._header()
        self._hint()
        self.refresh_bindings()

    def action_toggle_stats(self) -> None:
        self.showing_stats = not self.showing_stats
        self.query_one("#review-stats").set_class(not self.showing_stats, "hidden")
        self.query_one("#review-card").set_class(self.showing_stats, "hidden")
        if self.showing_stats:
            self.set_focus(None)
            self._fill_stats()
        elif self.typed_mode and self.current is not None:
            self.query_one("#review-typed", Input).focus()
        self._hint()
        self.refresh_bindings()

    def _fill_stats(self) -> None:
        try:
            stats = self.store.stats(days=30)
        except UserError as exc:
            self.query_one("#review-stats-summary", Static).update(Text(f"cannot read the statistics: {exc}"))
            return
        per_day = [n for _day, n in stats.reviews_per_day]
        summary = Text()
        summary.append("Cards: ", style="bold")
        summary.append(f"{stats.total} saved · {stats.new} new · {stats.learning} learning · "
                       f"{stats.review} in review · {stats.due_now} to review now\n")
        summary.append("Reviews: ", style="bold")
        summary.append(f"{sum(per_day)} in the last 30 days · {per_day[-1] if per_day else 0} today\n")
        summary.append("Retention: ", style="bold")
        summary.append("no reviews yet" if stats.retention is None else
                       f"{stats.retention:.0%} of reviews in the last 30 days were not Again")
        self.query_one("#review-stats-summary", Static).update(summary)
        self.query_one("#review-sparkline", Sparkline).data = per_day or [0]
        self.query_one("#review-forecast", BarChart).values = tuple(stats.forecast)

    def action_undo(self) -> None:
        if self.showing_stats:
            return
        try:
            item = self.store.undo_review()
        except UserError as exc:
            self.notify(f"cannot undo: {exc}", severity="error", markup=False)
            return
        if item is None:
            self.notify("nothing to undo", timeout=2)
            return
        self.queue = [i for i in self.queue if i.id != item.id]
        if self.current is not None:
            self.queue.insert(0, self.current)
        self.queue.insert(0, item)
        self.done = max(0, self.done - 1)
        self.current = None
        self._next_card()
        self.notify(f"took back the grade of {item.word}", timeout=3, markup=False)

    def action_open_sentence(self) -> None:
        item = self.current
        if item is not None and item.article_id:
            self.jump_word = item.word  # the app puts the cursor on it
            self.dismiss((item.article_id, item.block_index or 0))

    def action_close(self) -> None:
        typed = self.query_one("#review-typed", Input)
        if typed.has_focus:  # leave the answer box, so t and s work
            self.set_focus(None)
            self._hint()
            return
        if self.showing_stats:
            self.action_toggle_stats()
            return
        self.dismiss(None)

    def on_service_ready(self, name: str) -> None:
        """Called by the app when the glossary or dictionary has loaded: refresh a shown answer."""
        if name in ("glossary", "dictionary") and self.revealed and self.current is not None:
            self.query_one("#review-answer", Static).update(self._answer_text(self.current))
