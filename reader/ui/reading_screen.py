"""The reading screen: one article, a paragraph in focus, a word cursor, the lookup popup."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from .base import (
    PREF_PINYIN_MODE,
    PREF_PINYIN_STYLE,
    PREF_TONE_COLOURS,
    AnnotatorReady,
    BackToLibrary,
    EarlyTokensReady,
    FirstPaintHook,
    OpenArticle,
    ShowBookmarks,
    ShowGlossary,
    StoreReady,
    WorkerErrors,
)

# Reading preferences kept by the store (beside the app's).
PREF_MARK_REST_KNOWN = "reader.mark_rest_known"  # bool: leaving a paragraph forwards marks its new words known
PREF_MAX_WIDTH = "reader.max_width"  # int: cells per line at most (0: the terminal's width)
DEFAULT_MAX_WIDTH = 100
MAX_WIDTHS = (60, 80, 100, 120, 0)  # what `w` steps through
STATUS_MODES = {"on": "pinyin", "unknown": "pinyin: new words", "cursor": "pinyin: cursor", "off": "pinyin off"}
from ..core.article import article_units
from .article_view import PINYIN_MODES, PINYIN_STYLES, ArticleView
from .popup import LookupPopup, lookup_text, render_pinyin
from .status import StatusLine

if TYPE_CHECKING:
    from reader.core.article import Article
    from reader.session import Session

_SENTENCE_END = re.compile(r"[^。！？!?；;…]*(?:[。！？!?；;]+|…+|$)[”’」』）)]*")
ANNOTATE_BATCH = 8  # paragraphs annotated together after the first (see ReadingScreen._annotate)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span [start, end)."""
    for match in _SENTENCE_END.finditer(text):
        if not match.group():
            continue
        s, e = match.span()
        if s <= start < e or (s < end <= e):
            return match.group().strip()
    return text.strip()


class ReadingScreen(WorkerErrors, Screen):
    """Read an article with pinyin above the words; look words up; save them."""

    HELP = "Read paragraph by paragraph; move the word cursor with h/l; Enter looks a word up."

    BINDINGS = [
        Binding("j,down", "next_paragraph", "Next ¶", id="read.next", tooltip="Next paragraph"),
        Binding("k,up", "previous_paragraph", "Prev ¶", id="read.prev", tooltip="Previous paragraph"),
        Binding("space,pagedown", "next_page", "Page", show=False, id="read.page",
                tooltip="Next page: the first paragraph not wholly on screen"),
        Binding("pageup", "previous_page", "Page back", show=False, id="read.page_back", tooltip="Previous page"),
        Binding("g,home", "first", "First ¶", show=False, id="read.first", tooltip="First paragraph (the headline)"),
        Binding("G,end", "last", "Last ¶", show=False, id="read.last", tooltip="Last paragraph"),
        Binding("l,right", "next_word", "Next word", show=False, id="read.word_next", tooltip="Word cursor to the next word"),
        Binding("h,left", "previous_word", "Prev word", show=False, id="read.word_prev",
                tooltip="Word cursor to the previous word"),
        Binding("enter", "lookup", "Look up", id="read.lookup",
                tooltip="Look the word under the cursor up: glossary first, then the dictionary; "
                        "Enter again to scroll the popup with j/k"),
        Binding("escape", "close", "Close/back", show=False, id="read.close",
                tooltip="Close the popup or the search; otherwise back to the library"),
        Binding("p", "pinyin_mode", "Pinyin", id="read.pinyin",
                tooltip="Pinyin: on / only over words you don't know yet (and the cursor word) / only on the cursor "
                        "word / off"),
        Binding("t", "tone_colours", "Tones", id="read.tones", tooltip="Tone colours on/off (1 red, 2 green, 3 blue, 4 purple)"),
        Binding("w", "max_width", "Line width", show=False, id="read.width",
                tooltip="Longest line: 60 / 80 / 100 / 120 cells / the whole terminal (a wide terminal centres the "
                        "text; kept)"),
        Binding("z", "pinyin_style", "Style", show=False, id="read.style", tooltip="Pinyin style: marks / numbers / zhuyin"),
        Binding("n", "next_term", "Next term", show=False, id="read.next_term",
                tooltip="Jump to the next glossary term (underlined)"),
        Binding("s", "save", "Save", id="read.save", tooltip="Save the word to your vocabulary, with its sentence"),
        Binding("right_square_bracket", "next_new", "Next new word", show=False, id="read.new_next",
                tooltip="Cursor to the next new word (one you have not marked or saved: tinted)"),
        Binding("left_square_bracket", "previous_new", "Prev new word", show=False, id="read.new_prev",
                tooltip="Cursor to the previous new word"),
        Binding("u", "next_unsure", "Next unsure", show=False, id="read.unsure_next",
                tooltip="Cursor to the next reading the engine is unsure of (pinyin in italics, underlined); "
                        "e fixes it"),
        Binding("U", "previous_unsure", "Prev unsure", show=False, id="read.unsure_prev",
                tooltip="Cursor to the previous unsure reading"),
        Binding("M", "toggle_mark_rest", "Mark rest known", show=False, id="read.mark_rest",
                tooltip="Option (off by default): on leaving a paragraph forwards, mark its new words known, as "
                        "Lute does"),
        Binding("K", "mark_known", "Known", show=False, id="read.known",
                tooltip="Mark the cursor word known (it stops counting as new)"),
        Binding("I", "mark_ignored", "Ignore", show=False, id="read.ignore",
                tooltip="Ignore the cursor word (a name, a number: never counted as unknown)"),
        Binding("e", "fix_reading", "Fix reading", show=False, id="read.fix",
                tooltip="Correct the word's pinyin (type tone numbers: zhong4 yao4)"),
        Binding("b", "bookmark", "Bookmark", show=False, id="read.bookmark", tooltip="Bookmark this paragraph"),
        Binding("B", "bookmarks", "Bookmarks", show=False, id="read.bookmarks", tooltip="Bookmarks in this article"),
        Binding("slash", "search", "Search", show=False, id="read.search", tooltip="Search in the article"),
        Binding("v", "app.vocabulary", "Vocabulary", show=False, id="read.vocab", tooltip="Your saved words"),
        Binding("r", "app.review", "Review", show=False, id="read.review", tooltip="Review the words that are due"),
        Binding("L", "glossary", "Glossary", show=False, id="read.glossary",
                tooltip="The glossary: the full entry of the term under the cursor, or the searchable list"),
        Binding("question_mark", "app.help", "Help", id="read.help", tooltip="Every key, explained"),
        Binding("q", "app.quit", "Quit", id="read.quit", tooltip="Quit yuedu (your place is kept)"),
        # a book's chapters (EPUB imports)
        Binding("right_curly_bracket", "next_chapter", "Next chapter", show=False, id="read.next_chapter",
                tooltip="A book: the next chapter"),
        Binding("left_curly_bracket", "previous_chapter", "Prev chapter", show=False, id="read.prev_chapter",
                tooltip="A book: the previous chapter"),
        Binding("c", "chapters", "Chapters", show=False, id="read.chapters",
                tooltip="A book: its chapters, with how far each has been read (Enter opens one)"),
    ]

    def __init__(self, session: Session, article: Article, block_index: int | None = None, offset: int = 0) -> None:
        super().__init__()
        self.session = session
        self.loaded = session.loaded  # what has loaded so far (never loads on the event loop)
        self.article = article
        self.units = article_units(article)
        self._start_block = block_index
        self._start_offset = offset
        self._unit_of_block = {u.block_index: i for i, u in enumerate(self.units) if u.block_index is not None}
        self._annotate_lock = threading.Lock()
        self._position_restored = False
        self._search_query = ""
        self._popup_for: tuple[int, int] | None = None
        self._rest_mounted = False
        self._early: dict | None = None  # `yuedu read`: the opening's tokens from reader/early.py
        self._save_timer: Any = None
        # Prefix sums for the status line (a book has thousands of paragraphs: no loops per key).
        self._paragraphs_before: list[int] = []
        paragraphs = 0
        for unit in self.units:
            self._paragraphs_before.append(paragraphs)
            paragraphs += unit.kind == "paragraph"
        self._paragraph_count = paragraphs
        self._block_lengths = [len(b.text) for b in article.blocks]
        self._percent_cache: dict[int | None, int] = {}
        self._has_known = False  # the user has said what they know (known words exist)
        self._knowledge_loaded = False
        self._counted: Any = None  # the article's running words (reader.core.word_counts.CountedText)
        self._coverage: float | None = None
        self._counting = False
        self._mark_rest = False
        self._standard = "2025"  # the HSK standard the user chose (`known hsk --standard`)
        self._hsk_ready = False  # the HSK lists are loaded (the knowledge worker loads them)
        self._frequency: Any = None  # jieba's word frequencies (the counting worker loads them)

    # ------------------------------------------------------------------ toasts

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """One toast at a time over the text: a new one replaces the ones before it (errors stay until
        they time out: they must be seen). Shown at once, not through the message queue, so that keys
        pressed in a burst (K K K) replace each other too."""
        app = self.app
        try:
            from textual.notifications import Notification

            notes = app._notifications
            for old in list(notes):
                if old.severity != "error":
                    del notes[old]
            notes.add(Notification(message, title, severity,
                                   app.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup))
            app._refresh_notifications()
        except Exception:  # another Textual: its own way (toasts may then stack)
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # ------------------------------------------------------------------ compose

    _composed = False

    def compose(self) -> ComposeResult:
        self._view = ArticleView(self.units, id="article")
        self._popup = LookupPopup(id="popup")
        yield self._view
        self._status = StatusLine(id="status")
        yield self._status

    @property
    def view(self) -> ArticleView:
        return self._view

    @property
    def popup(self) -> LookupPopup:
        return self._popup

    def on_mount(self) -> None:
        self._composed = True  # children are mounted: services may be shown
        view = self.view
        view.focus()
        if self._start_block is not None:
            view.go_to(self._unit_of_block.get(self._start_block, 0), self._start_offset)
            self._position_restored = True
        self._apply_prefs()
        self.set_timer(0.5, self._mount_rest)  # in case nothing was drawn (a zero-height terminal)
        if self.loaded.store is not None:
            self._store_ready()
        if self.loaded.annotator is not None:
            self._annotator_ready()
        self._show_early()
        self._update_status()

    # ------------------------------------------------------------------ the session's parts arrive

    @on(StoreReady)
    def _store_ready(self) -> None:
        if not self._composed:
            return
        self._apply_prefs()
        self._restore_position()
        self._load_knowledge()

    @on(AnnotatorReady)
    def _annotator_arrived(self, message: AnnotatorReady) -> None:
        if not self._composed:
            return
        if message.warm:
            self._annotator_ready()
        else:
            self.view.request_annotation()  # ask again for what is on screen: the cache may hold it

    @on(EarlyTokensReady)
    def _early_tokens(self, message: EarlyTokensReady) -> None:
        """`yuedu read`: the opening's tokens, from the process that worked them out while the app
        started; each paragraph not annotated yet shows them (the annotator makes the same ones)."""
        self._early = message.tokens
        if self._composed:
            self._show_early()

    def _show_early(self) -> None:
        early, self._early = self._early, None
        if not early or self.loaded.annotator is not None:
            return  # the annotator is warm: it annotates (a reading fixed since is not undone)
        view = self.view
        for unit, item in enumerate(self.units):
            tokens = early.get(item.text)
            if tokens is not None and view.tokens[unit] is None:
                view.set_tokens(unit, list(tokens))

    def _annotator_ready(self) -> None:
        """The engine has loaded: what is on screen is annotated (again, in place, if the cache gave it)."""
        view = self.view
        if any(t is not None for t in view.tokens):
            self._reannotate_all()
        else:
            view.request_annotation()
        self._update_status()
        self._start_counting()

    def on_glossary_ready(self) -> None:
        self._refresh_popup()

    def on_dictionary_ready(self) -> None:
        self._refresh_popup()
        self._start_counting()

    def on_occurrences_ready(self) -> None:
        self._refresh_popup()

    def on_part_failed(self) -> None:
        self._refresh_popup()

    def _refresh_popup(self) -> None:
        if self._composed and self.popup.is_open:
            self._show_lookup()

    def _apply_prefs(self) -> None:
        session = self.session
        view = self.view
        mode = session.pref(PREF_PINYIN_MODE, None)
        if mode not in PINYIN_MODES:  # never chosen: over unknown words once the user said what they know
            mode = "unknown" if self._has_known else "on"
        style = session.pref(PREF_PINYIN_STYLE, "marks")
        tones = session.pref(PREF_TONE_COLOURS, False)
        view.pinyin_mode = mode
        view.pinyin_style = style if style in PINYIN_STYLES else "marks"
        view.tone_colours = bool(tones)  # reactive: the view lays out again
        self._mark_rest = bool(session.pref(PREF_MARK_REST_KNOWN, False))
        width = session.pref(PREF_MAX_WIDTH, DEFAULT_MAX_WIDTH)
        view.max_width = width if isinstance(width, int) and not isinstance(width, bool) and width >= 0 \
            else DEFAULT_MAX_WIDTH
        view.invalidate()
        self._update_status()

    def _restore_position(self) -> None:
        store = self.loaded.store
        if store is None or self._position_restored:
            return
        self._position_restored = True
        try:
            found = store.get_position(self.article.id, [b.text for b in self.article.blocks])
        except Exception as exc:
            self.notify(f"could not read your place: {exc}", severity="warning", markup=False)
            return
        if found is None:
            return
        block, offset = found
        if (block, offset) == (0, 0):
            return  # the top: stay on the headline (reading had not gone past the first word)
        unit = self._unit_of_block.get(block)
        if unit is not None:
            self.view.go_to(unit, offset)

    # ------------------------------------------------------------------ knowledge and coverage

    @work(thread=True, exclusive=True, group="knowledge", exit_on_error=False)
    def _load_knowledge(self) -> None:
        """What the user knows, read off the event loop (thousands of words after `known hsk 4`)."""
        store = self.loaded.store
        if store is None:
            return
        from reader.store.knowledge import Knowledge

        knowledge = Knowledge(store)
        states = knowledge.states()
        has_known = knowledge.has_known_words()
        self._standard = knowledge.standard()
        self.app.call_from_thread(self._knowledge_ready, states, has_known)
        from reader.core.knowledge import STANDARDS, hsk_words

        for standard in STANDARDS:  # the popup's HSK levels, loaded here and not on the first lookup
            hsk_words(standard)
        self._hsk_ready = True

    def _knowledge_ready(self, states: dict[str, str], has_known: bool) -> None:
        if not self.is_attached:
            return
        self._knowledge_loaded = True
        self._has_known = has_known
        self.view.set_knowledge(states, mark_new=has_known)
        self._apply_prefs()  # the default pinyin mode depends on it
        self._update_coverage()

    def _set_word_state(self, words: list[str], state: str) -> None:
        """Words just marked: draw them again and weigh the coverage again (no store round trip)."""
        states = dict(self.view.knowledge)
        for word in words:
            states[word] = state
        if state == "known":
            self._has_known = True
        self.view.set_knowledge(states, mark_new=self._has_known)
        self._update_coverage()

    def _start_counting(self) -> None:
        """Count the article's running words (for its coverage) once the engine and CC-CEDICT are here."""
        services = self.loaded
        if self._counting or self._counted is not None or services.annotator is None or services.dictionary is None:
            return
        self._counting = True
        self._count_words(services.annotator, services.dictionary)

    @work(thread=True, exclusive=True, group="count-words", exit_on_error=False)
    def _count_words(self, annotator: Any, dictionary: Any) -> None:
        """The article's word counts, from the word-count cache (shared with `yuedu coverage` and the
        library) or counted here, a few paragraphs at a time so the screen's annotation goes first."""
        lock = self._annotate_lock
        worker = get_current_worker()

        class Polite:
            """The annotator, shared: a few paragraphs per turn of the lock."""

            config_digest = annotator.config_digest  # the same counts (the same cache key) as the annotator's

            def annotate_many(self, batch: list[str]) -> list[Any]:
                out: list[Any] = []
                for k in range(0, len(batch), ANNOTATE_BATCH):
                    if worker.is_cancelled:
                        raise RuntimeError("cancelled")
                    with lock:
                        out.extend(annotator.annotate_many(batch[k : k + ANNOTATE_BATCH]))
                return out

        try:
            from reader.core.knowledge import FrequencyTable

            self._frequency = FrequencyTable.shared()  # for the popup: off the event loop
        except Exception:
            self._frequency = None
        counted = self.session.article_words(self.article, Polite(), dictionary)  # as `yuedu coverage` counts it
        self.app.call_from_thread(self._counted_ready, counted)

    def _counted_ready(self, counted: Any) -> None:
        self._counted = counted
        self._update_coverage()

    def _update_coverage(self) -> None:
        if self._counted is None or not self._knowledge_loaded:
            return
        percent, _words, _unknown = self._counted.summary(self.view.knowledge)
        self._coverage = percent
        self._update_status()

    @property
    def coverage(self) -> float | None:
        """The known share of the article's running words (core/knowledge.py's definition), once known."""
        return self._coverage

    # ------------------------------------------------------------------ annotation

    @on(ArticleView.NeedsAnnotation)
    def _needs_annotation(self, event: ArticleView.NeedsAnnotation) -> None:
        loaded = self.loaded
        if loaded.annotator is not None:
            self._annotate(event.units)
        elif loaded.early_annotator is not None:
            self._annotate_from_cache(event.units)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def _annotate_from_cache(self, units: list[int]) -> None:
        """While the engine loads: the paragraphs the annotation cache holds (a text read before)."""
        annotator = self.loaded.early_annotator
        view = self.view
        todo = [u for u in units if view.tokens[u] is None]
        if not todo or get_current_worker().is_cancelled:
            return
        with self._annotate_lock:
            results = annotator.cached_many([self.units[u].text for u in todo])
        for unit, tokens in zip(todo, results):
            if tokens is not None:
                self.app.call_from_thread(self._install, unit, tokens, annotator)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def _annotate(self, units: list[int]) -> None:
        """Annotate paragraphs, the ones on screen first (the view orders them)."""
        self._annotate_units(units, force=False)

    @work(thread=True, exclusive=True, group="annotate-again", exit_on_error=False)
    def _annotate_again(self, units: list[int]) -> None:
        """Annotate paragraphs that have tokens already, again, in place (a new annotator, a reading
        fixed). A group of its own: the requests for paragraphs without tokens that come meanwhile
        (scrolling, the view asking again) must not cancel it halfway, leaving old readings on screen."""
        self._annotate_units(units, force=True)

    def _annotate_units(self, units: list[int], force: bool) -> None:
        annotator = self.loaded.annotator
        worker = get_current_worker()
        view = self.view
        todo = [u for u in units if force or view.tokens[u] is None]
        # the first paragraph alone (it shows at once), then the rest in small batches: a batch
        # shares one model run and one cache query, and still shows a screenful in pieces
        chunks = [todo[:1]] + [todo[k : k + ANNOTATE_BATCH] for k in range(1, len(todo), ANNOTATE_BATCH)]
        for chunk in chunks:
            if worker.is_cancelled:
                return
            chunk = [u for u in chunk if force or view.tokens[u] is None]
            if not chunk:
                continue
            with self._annotate_lock:
                results = annotator.annotate_many([self.units[u].text for u in chunk])
            for unit, tokens in zip(chunk, results):
                self.app.call_from_thread(self._install, unit, tokens, annotator, force)

    def _install(self, unit: int, tokens: list[Any], annotator: Any, force: bool = False) -> None:
        if annotator is not self.loaded.early_annotator:
            return  # made by an annotator that has since been replaced
        view = self.view
        if view.tokens[unit] is None or force:
            view.set_tokens(unit, list(tokens))

    def _reannotate_all(self) -> None:
        """A new annotator, or new corrections in it: what is on screen is annotated again in place."""
        self._annotate_again(self.view.reannotate())

    def annotate_now(self, unit: int) -> list[Any]:
        """Tokens of a unit, annotating it right here if it has not been yet (used by `n`)."""
        view = self.view
        annotator = self.loaded.annotator
        if view.tokens[unit] is None and annotator is not None:
            with self._annotate_lock:
                tokens = annotator.annotate(self.units[unit].text)
            view.set_tokens(unit, list(tokens))
        return view.unit_tokens(unit)

    # ------------------------------------------------------------------ moves

    @on(ArticleView.Moved)
    def _moved(self, event: ArticleView.Moved) -> None:
        self._update_status()
        self._schedule_position_save()
        if self.popup.is_open:
            self._show_lookup()

    @on(ArticleView.Painted)
    def _painted(self) -> None:
        app = self.app
        if isinstance(app, FirstPaintHook):
            app.first_paint()
        self._mount_rest()

    def _mount_rest(self) -> None:
        """The text is on screen: now the footer and the (hidden) popup."""
        if self._rest_mounted or not self.is_attached:  # also: the timer may fire after a quick quit
            return
        self._rest_mounted = True
        self.mount(Footer())
        self.mount(self._popup)
        self.call_after_refresh(self.refresh_bindings)  # the footer shows the keys once told

    @on(ArticleView.WordClicked)
    def _clicked(self, event: ArticleView.WordClicked) -> None:
        self._show_lookup()

    def _reading_on(self, move) -> None:
        """A move forwards through the text (j, space, l past the end): the paragraphs left behind
        are read; with the option on, their new words become known."""
        before = self.view.focus_unit
        move()
        if self.view.focus_unit > before:
            self._left_paragraphs(range(before, self.view.focus_unit))

    def action_next_paragraph(self) -> None:
        self._reading_on(self.view.next_paragraph)

    def action_previous_paragraph(self) -> None:
        self.view.previous_paragraph()

    def action_next_page(self) -> None:
        self._reading_on(self.view.next_page)

    def action_previous_page(self) -> None:
        self.view.previous_page()

    def action_first(self) -> None:
        self.view.first()

    def action_last(self) -> None:
        self.view.last()

    def action_next_word(self) -> None:
        self._reading_on(self.view.next_word)

    def action_previous_word(self) -> None:
        self.view.previous_word()

    def go_to_block(self, block_index: int, offset: int = 0) -> None:
        unit = self._unit_of_block.get(block_index)
        if unit is not None:
            self.view.go_to(unit, offset)

    # ------------------------------------------------------------------ status and position

    def paragraph_number(self) -> tuple[int, int]:
        """(N, M): the body paragraph in focus (or the next one, on a subhead) of M; N is 0 on the
        headline (it has no ¶ number)."""
        focus = self.view.focus_unit
        if self.view.in_headline(focus):
            return 0, self._paragraph_count
        number = min(self._paragraphs_before[focus] + 1, self._paragraph_count)
        return number, self._paragraph_count

    def percent_read(self) -> int:
        """% read at the paragraph in focus: reader.core.progress.percent_read, as the library shows it."""
        block = self.units[self.view.focus_unit].block_index
        found = self._percent_cache.get(block)
        if found is None:
            from reader.core.progress import percent_read

            if len(self._percent_cache) > 4096:
                self._percent_cache.clear()
            found = self._percent_cache[block] = percent_read(self._block_lengths, block)
        return found

    def _update_status(self) -> None:
        if not self._composed:
            return
        view = self.view
        number, count = self.paragraph_number()
        mode = STATUS_MODES[view.pinyin_mode]
        status = Text(no_wrap=True, overflow="ellipsis")
        # Visible separators, not runs of spaces alone: "¶ 15/21 · 74%" reads right even where spaces
        # at the edge of a styled span get squeezed (some SVG renderers draw them narrow).
        where = f"headline · {count} ¶" if number == 0 else f"¶ {number}/{count}"
        status.append(f"{where} · {self.percent_read()}%", style="bold")
        if self._coverage is not None and self._has_known:
            status.append(f" · known {self._coverage:.1f}%", style="bold")
        status.append(f" · {mode} · {view.pinyin_style}{' · tones' if view.tone_colours else ''} · ", style="dim")
        status.append(self.article.title)
        if self.loaded.annotator is None:
            status.append("  · loading pinyin…", style="dim italic")
        self._status.set(status)

    def _schedule_position_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.3, self.save_position)

    def save_position(self) -> None:
        store = self.loaded.store
        if store is None:
            return
        view = self.view
        unit = self.units[view.focus_unit]
        if unit.block_index is None:
            block, text, offset = 0, self.article.blocks[0].text, 0
        else:
            block, text, offset = unit.block_index, unit.text, view.cursor
        try:
            store.set_position(self.article.id, block, text, offset, block_count=len(self.article.blocks),
                               percent=self.percent_read())
        except Exception as exc:
            self.notify(f"could not save your place: {exc}", severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.save_position()

    # ------------------------------------------------------------------ lookup

    def _word_info(self) -> dict[str, Any]:
        """The word under the cursor, where it stands, and what the session knows of it (from the
        parts loaded so far: never loads anything on the event loop)."""
        from reader.session import LookupContext

        view = self.view
        token = view.current_token()
        word, start, end = view.current_word()
        unit = view.focus_unit
        context = LookupContext(self.units[unit].text, start, end, token)
        found = self.session.lookup(word, context, load=False)
        return {"token": token, "word": word, "start": start, "end": end, "unit": unit, "entry": found.entry,
                "syllables": list(found.syllables), "found": found, "context": context}

    def _show_lookup(self) -> None:
        if not self.popup.is_mounted:
            self.call_after_refresh(self._show_lookup)  # a key pressed before the first frame
            return
        view = self.view
        token = view.current_token()
        if token is None or not view.is_word(token):
            self.popup.hide()
            return
        info = self._word_info()
        found = info["found"]
        services = self.loaded
        style = view.pinyin_style
        pinyin = self._page_pinyin(info, style)
        places = None
        entry = found.entry
        if entry is not None and services.occurrences is not None:
            from reader.core.glossary import article_count

            places = article_count(services.occurrences, entry.term)
        saved = False
        if services.store is not None:
            try:
                item = services.store.get_word(info["word"])
                saved = item is not None
            except Exception:
                pass
        headword = found.headword
        word = info["word"] if headword == info["word"] else f"{info['word']} → {headword}"
        content = lookup_text(word, pinyin, entry=entry, places=places, dict_entries=list(found.dictionary),
                              dict_note=found.dictionary_note, style=style, saved=saved)
        popup = self.popup
        content = self._with_word_facts(content, info)
        popup.show(content)
        self._popup_for = (view.focus_unit, view.cursor_token)
        self.call_after_refresh(self._place_popup)

    def _level_text(self, word: str) -> Text:
        """"HSK 3 (HSK 2025; 2.0: 4, 3.0: 3) · frequency rank 1,234 of 349,046": the word's level in
        the user's standard and the other two, and its rank in jieba's dictionary (once loaded)."""
        from .popup import level_text

        levels = None
        if self._hsk_ready:
            from reader.core.knowledge import hsk_levels

            levels = hsk_levels(word)
        frequency = self._frequency.get(word) if self._frequency is not None else None
        return level_text(levels, self._standard, frequency)

    def _page_pinyin(self, info: dict[str, Any], style: str) -> str:
        """The word's pinyin for the popup, its syllables grouped as the page groups them
        (xīnzhì shēngchǎnlì, Xī'ān), in the dictionary's tones (no tone sandhi)."""
        syllables = [s for s in info["syllables"] if s and s.strip()]
        if not syllables:
            return ""
        from reader.core.layout import word_pinyin

        token = info["token"]
        breaks = tuple(getattr(token, "breaks", ()) or ()) if list(getattr(token, "pinyin", ()) or ()) == syllables else ()
        try:
            return word_pinyin([s.strip().lower().replace("u:", "v").replace("ü", "v") for s in syllables], style,
                               breaks=breaks)
        except Exception:
            return render_pinyin(syllables, style)

    def _with_word_facts(self, content: Text, info: dict[str, Any]) -> Text:
        """The popup's first line (word and pinyin), then what the reader knows of the word: how its
        reading was decided (and whether the engine is unsure), then the rest of the entry."""
        from .popup import reading_how_text

        self.popup.entry = info.get("entry")
        facts = Text()
        how = reading_how_text(info["token"])
        if how.plain:
            facts.append_text(how)
            facts.append("\n")
        level = self._level_text(info["word"])
        if level.plain:
            facts.append_text(level)
            facts.append("\n")
        if not facts.plain:
            return content
        cut = content.plain.find("\n")
        if cut < 0:
            out = content.copy()
            out.append("\n")
            out.append_text(facts)
            out.rstrip()
            return out
        out = content[: cut + 1]
        out.append_text(facts)
        out.append_text(content[cut + 1 :])
        return out

    def _place_popup(self) -> None:
        """Put the popup below the word, or above it when there is more room there: never on it."""
        popup = self.popup
        view = self.view
        if not popup.is_open:
            return
        region = view.word_region()
        area = view.content_region
        screen_w, screen_h = self.size
        width = max(20, min(64, screen_w - 2))
        popup.styles.width = width
        if region is None:
            popup.styles.offset = (max(0, (screen_w - width) // 2), area.y + 1)
            return
        x, top, w, rows = region
        word_x = area.x + x
        word_top = area.y + top
        word_bottom = word_top + rows  # first row below the word
        room_below = area.bottom - word_bottom
        room_above = word_top - area.y
        needed = max(self._popup_height(width), 4)
        if needed <= room_below or room_below >= room_above:
            height = min(needed, max(3, room_below))
            y = word_bottom
        else:
            height = min(needed, max(3, room_above))
            y = word_top - height
        popup.styles.max_height = height
        left = max(0, min(word_x - 2, screen_w - width))
        popup.styles.offset = (left, max(0, y))

    def on_resize(self) -> None:
        # The text has re-wrapped: the word moved; the popup moves with it (and to the new width).
        if self.popup.is_open:
            self.call_after_refresh(self._place_popup)

    def _popup_height(self, width: int) -> int:
        """Rows the popup needs at ``width``: its text wrapped as the popup will wrap it, plus the
        border. Measured from the text itself, not from the last layout (which may be of the previous
        word, or of another width), so the popup goes where it fits."""
        content = self.popup.shown
        inner = max(1, width - 2 - 2)  # border and padding
        lines = content.wrap(self.app.console, inner)
        if len(lines) + 2 > self.size.height:  # it will scroll: the scrollbar takes a column
            lines = content.wrap(self.app.console, max(1, inner - 1))
        return len(lines) + 2

    def action_lookup(self) -> None:
        if self.popup.is_open and self._popup_for == (self.view.focus_unit, self.view.cursor_token):
            # Focus now, not after the queued keys (Widget.focus() defers): a `j` typed right after
            # this Enter must scroll the popup, not move the paragraph behind it.
            self.set_focus(self.popup)
            return
        self._show_lookup()

    def _search_box(self) -> Any:
        """The search box, mounted the first time `/` is pressed (start-up stays light)."""
        found = self.query("#search")
        return found.first() if found else None

    def action_close(self) -> None:
        search = self._search_box()
        if self.popup.is_open:
            self.popup.hide()
            self._popup_for = None
            self.set_focus(self.view)  # at once: the next key (already queued) is the view's
        elif search is not None and search.display:
            search.display = False
            self.view.match = None
            self.view.invalidate()
            self.set_focus(self.view)
        else:
            self.save_position()
            self.post_message(BackToLibrary())

    # ------------------------------------------------------------------ display settings

    def _set_pref(self, key: str, value: Any) -> None:
        try:
            self.session.set_pref(key, value)
        except Exception as exc:  # a locked database: say so, keep going
            self.notify(f"could not save preference: {exc}", severity="warning", markup=False)

    def action_pinyin_mode(self) -> None:
        view = self.view
        view.pinyin_mode = PINYIN_MODES[(PINYIN_MODES.index(view.pinyin_mode) + 1) % len(PINYIN_MODES)]
        self._set_pref(PREF_PINYIN_MODE, view.pinyin_mode)
        self._display_changed()

    def action_max_width(self) -> None:
        view = self.view
        here = view.max_width if view.max_width in MAX_WIDTHS else DEFAULT_MAX_WIDTH
        view.max_width = MAX_WIDTHS[(MAX_WIDTHS.index(here) + 1) % len(MAX_WIDTHS)]
        self._set_pref(PREF_MAX_WIDTH, view.max_width)
        self.notify(f"lines of at most {view.max_width} cells" if view.max_width else "lines as wide as the terminal",
                    title="Line width", markup=False, timeout=2)
        self._display_changed()
        if self.popup.is_open:
            self.call_after_refresh(self._place_popup)

    def action_tone_colours(self) -> None:
        view = self.view
        view.tone_colours = not view.tone_colours
        self._set_pref(PREF_TONE_COLOURS, view.tone_colours)
        self._display_changed()

    def action_pinyin_style(self) -> None:
        view = self.view
        view.pinyin_style = PINYIN_STYLES[(PINYIN_STYLES.index(view.pinyin_style) + 1) % len(PINYIN_STYLES)]
        self._set_pref(PREF_PINYIN_STYLE, view.pinyin_style)
        self._display_changed()

    def _display_changed(self) -> None:
        self._update_status()
        if self.popup.is_open:
            self._show_lookup()

    # ------------------------------------------------------------------ glossary terms

    def action_next_term(self) -> None:
        """Move the cursor to the next glossary term after it, in this or a later paragraph."""
        glossary = self.loaded.glossary
        if glossary is None:
            self.notify("the glossary is still loading", severity="warning")
            return
        view = self.view
        _word, _start, end = view.current_word()
        for unit in range(view.focus_unit, len(self.units)):
            text = self.units[unit].text
            after = end if unit == view.focus_unit else 0
            match = next((m for m in glossary.find_all(text) if m.start >= after), None)
            if match is None:
                continue
            self.annotate_now(unit)
            view.go_to(unit, match.start)
            if self.popup.is_open:
                self._show_lookup()
            return
        self.notify("no more glossary terms in this article")

    # ------------------------------------------------------------------ save, fix, bookmark

    def _store(self) -> Any:
        services = self.loaded
        if services.store is None:
            self.notify("your vocabulary store is not open" + (" (see the error above)" if "store" in services.failed else " yet"),
                        severity="warning")
        return services.store

    def action_save(self) -> None:
        view = self.view
        token = view.current_token()
        if token is None or not view.is_word(token):
            return
        if self._store() is None:
            return
        info = self._word_info()
        unit = self.units[info["unit"]]
        sentence = sentence_around(unit.text, info["start"], info["end"])
        try:
            # the session's use case: the same pinyin and meaning as `yuedu vocab add`
            self.session.save_word(
                info["word"], info["context"], sentence=sentence, article_id=self.article.id,
                block_index=unit.block_index, load=False,
            )
        except Exception as exc:
            self.notify(f"not saved: {exc}", severity="error", markup=False)
            return
        # A saved word is being learnt: drawn so at once (a word marked known or ignored keeps its mark).
        fresh = [w for w in dict.fromkeys((token.text, info["word"])) if w not in self.view.knowledge]
        if fresh:
            self._set_word_state(fresh, "learning")
        self.notify(Text(f"saved {info['word']}").plain, title="Vocabulary", markup=False)
        if self.popup.is_open:
            self._show_lookup()

    def action_mark_known(self) -> None:
        self._mark_word("known")

    def action_mark_ignored(self) -> None:
        self._mark_word("ignored")

    def _mark_word(self, state: str) -> None:
        """``K`` / ``I``: the user says the cursor word is known / to be ignored (only on their word)."""
        view = self.view
        token = view.current_token()
        if token is None or not view.is_word(token):
            self.notify("put the cursor on a word first", severity="warning")
            return
        store = self._store()
        if store is None:
            return
        from reader.store.knowledge import Knowledge

        word = token.text
        try:
            report = Knowledge(store).mark([word], state, source="reader")
        except Exception as exc:
            self.notify(f"not marked: {exc}", severity="error", markup=False)
            return
        already = "" if report.changed else " (already)"
        self._set_word_state([word], state)
        self.notify(f"{word} marked {state}{already}", title="Known words", markup=False)

    # ------------------------------------------------------------------ new words

    def action_next_new(self) -> None:
        self._find_new(forward=True)

    def action_previous_new(self) -> None:
        self._find_new(forward=False)

    def _find_new(self, forward: bool) -> None:
        view = self.view
        if not self._knowledge_loaded:
            self.notify("your known words are still loading", severity="warning")
            return
        annotate = self.annotate_now if self.loaded.annotator is not None else None
        if view.find_word(view.is_new, forward=forward, annotate=annotate):
            if self.popup.is_open:
                self._show_lookup()
            return
        self.notify(f"no new word {'after' if forward else 'before'} the cursor", timeout=2)

    def action_next_unsure(self) -> None:
        self._find_unsure(forward=True)

    def action_previous_unsure(self) -> None:
        self._find_unsure(forward=False)

    def _find_unsure(self, forward: bool) -> None:
        view = self.view
        annotate = self.annotate_now if self.loaded.annotator is not None else None
        if view.find_word(lambda t: bool(getattr(t, "unsure", False)), forward=forward, annotate=annotate):
            if self.popup.is_open:
                self._show_lookup()
            return
        self.notify(f"no unsure reading {'after' if forward else 'before'} the cursor", timeout=2)

    def action_toggle_mark_rest(self) -> None:
        if self._store() is None:
            return
        on = self._mark_rest = not self._mark_rest
        self._set_pref(PREF_MARK_REST_KNOWN, on)
        self.notify("leaving a paragraph forwards marks its new words known" if on
                    else "leaving a paragraph marks nothing", title="Mark the rest known: " + ("on" if on else "off"),
                    markup=False, timeout=3)

    def _left_paragraphs(self, units: range) -> None:
        """The focus went forwards past ``units``: with the option on, their new words become known
        (the words the user did not stop at: what Lute's "mark the rest known" does for a page)."""
        if not self._knowledge_loaded or not self._mark_rest:
            return
        view = self.view
        from reader.core.knowledge import is_number_word

        words = list(dict.fromkeys(t.text for unit in units if view.is_annotated(unit)
                                   for t in view.unit_tokens(unit) if view.is_new(t) and not is_number_word(t.text)))
        if not words:
            return
        store = self._store()
        if store is None:
            return
        from reader.store.knowledge import Knowledge

        try:
            Knowledge(store).mark(words, "known", source="reader")
        except Exception as exc:
            self.notify(f"not marked: {exc}", severity="error", markup=False)
            return
        self._set_word_state(words, "known")
        self.notify(f"{len(words)} new word{'s' if len(words) != 1 else ''} left behind marked known",
                    title="Known words", markup=False, timeout=2)

    def action_fix_reading(self) -> None:
        view = self.view
        token = view.current_token()
        if token is None or token.kind != "hanzi":
            self.notify("put the cursor on a Chinese word to fix its reading", severity="warning")
            return
        if self._store() is None:
            return
        from .dialogs import FixReadingDialog

        word = token.text
        current = " ".join(getattr(token, "pinyin", ()) or ())

        def fix(typed: str) -> Any:
            # parsed, checked, stored and applied by the session; an error is shown in the dialog
            from reader.errors import UserError

            try:
                return self.session.fix_reading(word, typed)
            except UserError:
                raise
            except Exception as exc:  # a locked or damaged database: say so, keep the dialog open
                raise UserError(f"reading not saved: {exc}") from None

        self.app.push_screen(FixReadingDialog(word, current, fix), self._reading_fixed)

    def _reading_fixed(self, fix: Any) -> None:
        """The session stored the fix and swapped it into the live annotator: show it on screen."""
        if fix is None:
            return
        self.notify(f"{fix.word} now reads {' '.join(fix.syllables)}; {fix.summary()}",
                    title="Reading fixed", markup=False)
        if fix.applied:
            self._reannotate_all()
            self._update_status()

    def action_bookmark(self) -> None:
        store = self._store()
        if store is None:
            return
        unit = self.units[self.view.focus_unit]
        block = unit.block_index if unit.block_index is not None else 0
        try:
            store.add_bookmark(self.article.id, block, self.article.blocks[block].text)
        except Exception as exc:
            self.notify(f"bookmark not saved: {exc}", severity="error", markup=False)
            return
        # named as the bookmarks list and `yuedu bookmarks` name it (on the headline: its first paragraph)
        from reader.core.progress import paragraph_label

        self.notify(f"bookmarked {paragraph_label(self.article, block)}", title="Bookmark", markup=False)

    def action_glossary(self) -> None:
        """On a glossary term: its full entry (with where else it occurs); otherwise the list."""
        info = self._word_info() if self.view.current_token() is not None else None
        if info is not None and info["entry"] is not None:
            from .glossary_screen import GlossaryEntryScreen

            self.app.push_screen(GlossaryEntryScreen(self.session, info["entry"]))
        else:
            self.post_message(ShowGlossary())

    def action_bookmarks(self) -> None:
        self.post_message(ShowBookmarks(self.article.id))

    # ------------------------------------------------------------------ chapters of a book

    def _chapters(self) -> list[Any]:
        """The chapters of this article's book, in reading order ([] for an article that is no chapter)."""
        library = self.loaded.library
        if library is None:
            return []
        return library.chapters(self.article)

    def _no_chapters(self) -> bool:
        if not self.article.extra.get("book"):
            self.notify("this article is not a chapter of a book", severity="warning")
            return True
        if self.loaded.library is None:
            self.notify("the library is still loading", severity="warning")
            return True
        if not any(c.id == self.article.id for c in self._chapters()):
            self.notify("this chapter's book is not in your library", severity="warning")
            return True
        return False

    def action_next_chapter(self) -> None:
        self._step_chapter(1)

    def action_previous_chapter(self) -> None:
        self._step_chapter(-1)

    def _step_chapter(self, step: int) -> None:
        if self._no_chapters():
            return
        chapters = self._chapters()
        index = next(i for i, c in enumerate(chapters) if c.id == self.article.id) + step
        if not 0 <= index < len(chapters):
            self.notify("this is the last chapter" if step > 0 else "this is the first chapter")
            return
        self.save_position()
        self.post_message(OpenArticle(chapters[index]))

    def action_chapters(self) -> None:
        if self._no_chapters():
            return
        from .chapters_dialog import ChaptersDialog

        self.save_position()  # the list shows this chapter's progress as it is now
        store = self.loaded.store
        try:
            positions = store.places() if store is not None else {}
        except Exception:
            positions = {}

        def opened(chapter: Any) -> None:
            if chapter is not None and chapter.id != self.article.id:
                self.post_message(OpenArticle(chapter))

        self.app.push_screen(
            ChaptersDialog(self.article.extra["book"], self._chapters(), positions, self.article.id), opened
        )

    # ------------------------------------------------------------------ search

    async def action_search(self) -> None:
        self.popup.hide()
        search = self._search_box()
        if search is None:
            from textual.widgets import Input

            search = Input(placeholder="search in this article (Enter: next hit, Esc: close)", id="search")
            await self.mount(search, before=self._status)
        search.display = True
        search.value = self._search_query
        search.focus()

    def on_input_submitted(self, event: Any) -> None:
        if event.input.id != "search":
            return
        event.stop()
        query = event.value.strip()
        self._search_query = query
        if not query:
            return
        view = self.view
        count = len(self.units)
        _w, start, end = view.current_word()
        here = view.focus_unit
        # From just after the current hit (or the cursor) onwards, wrapping round once.
        from_offset = view.match[1] + 1 if view.match and view.match[0] == here else view.cursor
        for step in range(count + 1):
            unit = (here + step) % count
            text = self.units[unit].text
            begin = from_offset if step == 0 else 0
            found = text.find(query, begin)
            if found >= 0:
                view.match = (unit, found, found + len(query))
                view.go_to(unit, found)
                total = sum(u.text.count(query) for u in self.units)
                number = sum(u.text.count(query) for u in self.units[:unit]) + text[:found].count(query) + 1
                self.notify(f"“{query}”: {number} of {total} in this article", markup=False, timeout=2)
                return
        view.match = None
        view.invalidate()
        self.notify(f"“{query}” is not in this article", severity="warning", markup=False)
