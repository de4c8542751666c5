"""The review screen: FSRS flashcards of your saved words, each with the sentence you met it in.

Front: the word, and its sentence with the word highlighted. Space or Enter reveals pinyin, meaning
and the glossary entry; 1-4 grade Again / Hard / Good / Easy. ``t`` switches to typed pinyin: type
the reading with tone numbers (``zhong4 yao4``) or marks (``zhòngyào``) and Enter; a right answer is graded Good, a wrong
one Again, and the correct answer is shown. ``s`` shows statistics (:mod:`reader.ui.stats_screen`).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from .base import DictionaryReady, GlossaryReady

from reader.errors import UserError
from reader.store import Store, VocabItem
from reader.store.clock import now_utc
from reader.core.pinyin import answer_matches, to_marks

if TYPE_CHECKING:
    from reader.session import Session

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
PAGE = 200  # cards fetched at a time (a backlog of thousands must not slow the screen down)
REQUEUE_WITHIN = timedelta(minutes=20)  # cards due again this soon come back in the same session


def sentence_with_word(sentence: str, word: str) -> Text:
    text = Text(sentence)
    if word:
        text.highlight_words([word], style="bold reverse", case_sensitive=True)
    return text


# The review's phases: what the screen shows and which keys work follow from the phase alone.
QUESTION = "question"  # flip cards: the front of the card
ANSWER = "answer"      # flip cards: the answer shown, 1-4 grade
TYPING = "typing"      # typed pinyin: the answer box waits for the reading
CHECKED = "checked"    # typed pinyin: graded, the answer shown, Enter moves on
DONE = "done"          # no card left
PHASES = (QUESTION, ANSWER, TYPING, CHECKED, DONE)


class ReviewScreen(Screen[tuple[str, int] | None]):
    """Review the cards that are due.

    ``phase`` (one of :data:`PHASES`) is the screen's state; :meth:`_draw` draws the screen from it,
    and :meth:`check_action` enables the keys from it. ``typed_mode`` is the user's preference (kept in
    the store) that chooses between the flip-card and the typed-pinyin phases.
    """

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
        Binding("s", "stats", "Stats", id="review.stats",
                tooltip="Reviews per day, retention, the due forecast, words known over time"),
        Binding("o", "open_sentence", "Open article", id="review.open", show=False,
                tooltip="Open the article at the paragraph this card's sentence comes from"),
        Binding("q", "app.quit", "Quit", show=False, id="review.quit",
                tooltip="Quit yuedu (q types a q in a text box; ctrl+q quits from anywhere)"),
    ]

    phase: reactive[str] = reactive(QUESTION, always_update=True, init=False)

    def __init__(self, session: Session) -> None:
        """``session``: the app's; its store is open (the app opens this screen only then), the glossary
        and the dictionary are used once they have loaded."""
        super().__init__()
        self.session = session
        store = self.store
        self.jump_word: str | None = None  # set with a jump: the word to put the cursor on
        self.queue: list[VocabItem] = []
        self.current: VocabItem | None = None
        self.typed_mode = bool(store.get_pref("review.typed_mode", False))
        self.graded: dict[int, int] = {}  # card id -> grades given this session (a card seen again is not "to go")
        self.done = 0
        self.more = True
        self.shown_at = time.monotonic()
        self._wake: Timer | None = None  # brings back a card graded this session once it is due

    @property
    def store(self) -> Store:
        store = self.session.loaded.store
        assert store is not None, "the review screen is opened once the store is open"
        return store

    def compose(self) -> ComposeResult:
        yield Static(Text("Review"), id="review-header")
        with Vertical(id="review-card"):
            yield Static(Text(""), id="review-word")
            yield Static(Text(""), id="review-sentence")
            yield Input(placeholder="type the pinyin (zhong4 yao4 or zhòngyào), then Enter",
                        id="review-typed", classes="hidden")
            yield Static(Text(""), id="review-result")
            yield Static(Text(""), id="review-answer", classes="hidden")
        yield Static(Text(""), id="review-hint")
        yield Footer()

    def on_mount(self) -> None:
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
        glossary = self.session.loaded.glossary
        if glossary is None:
            return None
        try:
            return glossary.get(item.glossary_term or item.word)
        except Exception:
            return None

    def _dictionary_entries(self, item: VocabItem) -> list:
        dictionary = self.session.loaded.dictionary
        if dictionary is None:
            return []
        try:
            return list(dictionary.lookup(item.word))[:3]
        except Exception:
            return []

    def counts(self) -> tuple[int, int]:
        """(cards not yet graded this session, cards graded and coming back this session)."""
        waiting = list(self.queue)
        if self.current is not None and self.phase in (QUESTION, ANSWER, TYPING):
            waiting.append(self.current)
        again = sum(1 for i in waiting if self.graded.get(i.id))
        return len(waiting) - again, again

    def _header(self) -> Text:
        to_go, again = self.counts()
        more = "+" if self.more else ""
        text = Text.assemble(("Review", "bold"), f" · {self.done} done · {to_go}{more} to go")
        if again:
            text.append(f" · {again} again soon")
        text.append(" · typed pinyin" if self.typed_mode else " · flip cards")
        return text

    def _hint(self) -> Text:
        phase = self.phase
        if phase == DONE:
            return Text("s: statistics · Esc: back")
        if phase == ANSWER:
            return Text("1 Again · 2 Hard · 3 Good · 4 Easy")
        if phase == QUESTION:
            return Text("Space or Enter: show the answer")
        if phase == CHECKED:
            return Text("Enter: next card")
        if self.query_one("#review-typed", Input).has_focus:
            return Text("type the pinyin (tone numbers or marks), then Enter · Esc: leave the box (t, s)")
        return Text("Enter: type the answer · t: flip cards · s: statistics")

    def _front(self) -> tuple[Text, Text]:
        """The word and the sentence lines of the card (or of the end of the session)."""
        item = self.current
        if item is None:
            try:
                forecast = self.store.stats(days=30).forecast
            except UserError:
                forecast = []
            nxt = next((i for i, n in enumerate(forecast) if n), None)
            when = ("" if nxt is None else " · next cards due today" if nxt == 0
                    else f" · next cards due in {nxt} day{'s' if nxt != 1 else ''}")
            coming = self._next_due()
            if coming is not None and coming.due is not None:  # a learning step, back this session
                minutes = max(1, round((coming.due - now_utc()).total_seconds() / 60))
                waiting = len(self.queue)
                when = (f" · {waiting} card{'s' if waiting != 1 else ''} again soon: the next in "
                        f"{minutes} min, shown here then")
            return (Text("All done for now", style="bold"),
                    Text(f"{self.done} reviewed this session{when}. Save words while reading (s) "
                         "to have more to review.", style="dim"))
        return (Text(item.word, style="bold"),
                sentence_with_word(item.sentence, item.word) if item.sentence
                else Text("(no sentence saved)", style="dim"))

    def watch_phase(self, _old: str, _new: str) -> None:
        self._draw()

    def _draw(self) -> None:
        """Draw the whole screen from ``phase`` and the current card."""
        phase = self.phase
        word, sentence = self._front()
        self.query_one("#review-word", Static).update(word)
        self.query_one("#review-sentence", Static).update(sentence)
        answer = self.query_one("#review-answer", Static)
        shown = phase in (ANSWER, CHECKED) and self.current is not None
        if shown:
            answer.update(self._answer_text(self.current))
        answer.set_class(not shown, "hidden")
        if phase != CHECKED:
            self.query_one("#review-result", Static).update(Text(""))
        typed = self.query_one("#review-typed", Input)
        typed.set_class(phase not in (TYPING, CHECKED), "hidden")
        if phase not in (TYPING, CHECKED) and typed.has_focus:
            self.set_focus(None)
        self.query_one("#review-header", Static).update(self._header())
        self.query_one("#review-hint", Static).update(self._hint())
        self.refresh_bindings()

    def _take_card(self) -> VocabItem | None:
        """The next card of the queue. A card graded this session (a learning step) comes back when it
        is due, not before: with no other card left ("0 to go"), the last card graded Again is not
        shown again at once; the screen says when it comes back and brings it then."""
        now = now_utc()
        for index, item in enumerate(self.queue):
            if not self.graded.get(item.id) or item.due is None or item.due <= now:
                return self.queue.pop(index)
        return None

    def _next_due(self) -> VocabItem | None:
        """The card graded this session that comes back first (None when none does)."""
        waiting = [i for i in self.queue if i.due is not None]
        return min(waiting, key=lambda i: i.due) if waiting else None

    def _card_due(self) -> None:
        self._wake = None
        if self.phase == DONE and self.current is None and self.is_attached:
            self._next_card()

    def _next_card(self) -> None:
        if self.more and len(self.queue) < PAGE // 4:
            self.current = None
            self._refill()
        self.current = self._take_card()
        self.shown_at = time.monotonic()
        typed = self.query_one("#review-typed", Input)
        typed.value = ""
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        if self.current is None:
            coming = self._next_due()
            if coming is not None:
                wait = (coming.due - now_utc()).total_seconds() if coming.due is not None else 0
                self._wake = self.set_timer(max(0.5, wait), self._card_due)
            self.phase = DONE
        elif self.typed_mode:
            typed.remove_class("hidden")
            typed.focus()  # a new card in typed mode: type straight away
            self.phase = TYPING
        else:
            self.phase = QUESTION

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
        self.graded[item.id] = self.graded.get(item.id, 0) + 1
        if updated.due is not None and updated.due - updated.last_review <= REQUEUE_WITHIN:
            self.queue.append(updated)  # learning steps: see it again this session
        return True

    # ---- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "grade":
            return True if self.phase == ANSWER else None
        if action == "reveal":
            return True if self.phase in (QUESTION, TYPING, CHECKED) else None
        if action == "open_sentence":
            return self.current is not None and self.current.article_id is not None
        return True

    def action_reveal(self) -> None:
        if self.phase == QUESTION:
            self.phase = ANSWER
        elif self.phase == CHECKED:
            self._next_card()
        elif self.phase == TYPING:
            self.query_one("#review-typed", Input).focus()
            self.query_one("#review-hint", Static).update(self._hint())

    def action_grade(self, rating: int) -> None:
        if self.phase == ANSWER and self._grade(int(rating), "flip"):
            self._next_card()

    @on(Input.Submitted, "#review-typed")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.phase == CHECKED:
            self._next_card()
            return
        if self.phase != TYPING or self.current is None:
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
        self.phase = CHECKED

    def on_descendant_focus(self) -> None:
        self._typing_focus()

    def on_descendant_blur(self) -> None:
        self._typing_focus()

    def _typing_focus(self) -> None:
        """The hint says what keys do: typing in the answer box, or the screen's keys."""
        if self.query("#review-hint"):
            self.query_one("#review-hint", Static).update(self._hint())

    def action_toggle_typed(self) -> None:
        self.typed_mode = not self.typed_mode
        try:
            self.store.set_pref("review.typed_mode", self.typed_mode)
        except UserError:
            pass  # a preference not kept is not worth an error box; the mode still changes
        if self.current is not None:
            if self.phase != CHECKED:  # not graded yet: show the same card again, in the new mode
                self.queue.insert(0, self.current)
            self._next_card()
        else:
            self._draw()
        self.notify("typed pinyin: type the reading (tone numbers or marks)" if self.typed_mode else "flip cards",
                    timeout=2)

    def action_stats(self) -> None:
        from .stats_screen import StatsScreen

        def back(_result: object) -> None:
            # Back on the card as it was, the keys in charge (not the answer box): Enter types again.
            self.set_focus(None)
            self._draw()

        self.app.push_screen(StatsScreen(self.session), back)

    def action_undo(self) -> None:
        try:
            item = self.store.undo_review()
        except UserError as exc:
            self.notify(f"cannot undo: {exc}", severity="error", markup=False)
            return
        if item is None:
            self.notify("nothing to undo", timeout=2)
            return
        self.queue = [i for i in self.queue if i.id != item.id]
        if self.current is not None and self.current.id != item.id:
            self.queue.insert(0, self.current)
        self.queue.insert(0, item)
        self.done = max(0, self.done - 1)
        if self.graded.get(item.id):
            self.graded[item.id] -= 1
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
            return
        self.dismiss(None)

    @on(GlossaryReady)
    @on(DictionaryReady)
    def _part_arrived(self) -> None:
        """The glossary or dictionary has loaded: refresh a shown answer."""
        if self.phase in (ANSWER, CHECKED) and self.current is not None:
            self.query_one("#review-answer", Static).update(self._answer_text(self.current))
