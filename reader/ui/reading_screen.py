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

from .app import PREF_PINYIN_MODE, PREF_PINYIN_STYLE, PREF_TONE_COLOURS, WorkerErrors
from .article_view import PINYIN_MODES, PINYIN_STYLES, ArticleView, article_units
from .popup import LookupPopup, lookup_text, render_pinyin
from .status import StatusLine

if TYPE_CHECKING:
    from reader.core.article import Article

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
        Binding("p", "pinyin_mode", "Pinyin", id="read.pinyin", tooltip="Pinyin: on / only on the cursor word / off"),
        Binding("t", "tone_colours", "Tones", id="read.tones", tooltip="Tone colours on/off (1 red, 2 green, 3 blue, 4 purple)"),
        Binding("z", "pinyin_style", "Style", show=False, id="read.style", tooltip="Pinyin style: marks / numbers / zhuyin"),
        Binding("n", "next_term", "Next term", show=False, id="read.next_term",
                tooltip="Jump to the next glossary term (underlined)"),
        Binding("s", "save", "Save", id="read.save", tooltip="Save the word to your vocabulary, with its sentence"),
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

    def __init__(self, article: Article, block_index: int | None = None, offset: int = 0) -> None:
        super().__init__()
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
        self._save_timer: Any = None
        # Prefix sums for the status line (a book has thousands of paragraphs: no loops per key).
        self._paragraphs_before: list[int] = []
        self._chars_through: list[int] = []
        paragraphs = chars = 0
        for unit in self.units:
            self._paragraphs_before.append(paragraphs)
            paragraphs += unit.kind == "paragraph"
            if unit.block_index is not None:  # the body only: on the headline nothing is read yet
                chars += len(unit.text)
            self._chars_through.append(chars)
        self._paragraph_count = paragraphs

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
        for name in ("store", "annotator"):
            if getattr(self.app.services, name) is not None:  # type: ignore[attr-defined]
                self.on_service_ready(name)
        self._update_status()

    # ------------------------------------------------------------------ services

    def on_service_ready(self, name: str) -> None:
        if not self._composed:
            return
        if name == "store":
            self._apply_prefs()
            self._restore_position()
        elif name == "early_annotator":
            # ask again for what is on screen: the cache may hold it
            self.view._requested = ()
            self.view.invalidate()
        elif name == "annotator":
            view = self.view
            # A new annotator (first load, or after a reading fix): annotate again what is on screen.
            view._requested = ()
            if any(t is not None for t in view.tokens):
                self._reannotate_all()
            view.invalidate()
            self._update_status()
        elif name in ("dictionary", "glossary", "occurrences"):
            if self.popup.is_open:
                self._show_lookup()

    def _apply_prefs(self) -> None:
        app = self.app
        view = self.view
        mode = app.pref(PREF_PINYIN_MODE, "on")  # type: ignore[attr-defined]
        style = app.pref(PREF_PINYIN_STYLE, "marks")  # type: ignore[attr-defined]
        tones = app.pref(PREF_TONE_COLOURS, False)  # type: ignore[attr-defined]
        view.pinyin_mode = mode if mode in PINYIN_MODES else "on"
        view.pinyin_style = style if style in PINYIN_STYLES else "marks"
        view.tone_colours = bool(tones)
        view.invalidate()
        self._update_status()

    def _restore_position(self) -> None:
        store = self.app.services.store  # type: ignore[attr-defined]
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

    # ------------------------------------------------------------------ annotation

    @on(ArticleView.NeedsAnnotation)
    def _needs_annotation(self, event: ArticleView.NeedsAnnotation) -> None:
        services = self.app.services  # type: ignore[attr-defined]
        if services.annotator is not None:
            self._annotate(event.units)
        elif services.early_annotator is not None:
            self._annotate_from_cache(event.units)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def _annotate_from_cache(self, units: list[int]) -> None:
        """While the engine loads: the paragraphs the annotation cache holds (a text read before)."""
        annotator = self.app.services.early_annotator  # type: ignore[attr-defined]
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
    def _annotate(self, units: list[int], force: bool = False) -> None:
        """Annotate paragraphs, the ones on screen first (the view orders them)."""
        annotator = self.app.services.annotator  # type: ignore[attr-defined]
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
        services = self.app.services  # type: ignore[attr-defined]
        if annotator is not services.annotator and annotator is not services.early_annotator:
            return  # made by an annotator that has since been replaced
        view = self.view
        if view.tokens[unit] is None or force:
            view.set_tokens(unit, list(tokens))

    def _reannotate_all(self) -> None:
        """A new annotator (a reading was fixed): what is on screen is annotated again in place (no
        flash of raw text); the rest is dropped and annotated again when it comes into view."""
        view = self.view
        frame = view.frame()
        visible = list(dict.fromkeys([view.focus_unit, *(r.unit for r in frame if r is not None)]))
        for unit in range(len(view.units)):
            if view.tokens[unit] is not None and unit not in visible:
                view.tokens[unit] = None
                view._version[unit] += 1
        view._requested = ()
        self._annotate(visible, force=True)

    def annotate_now(self, unit: int) -> list[Any]:
        """Tokens of a unit, annotating it right here if it has not been yet (used by `n`)."""
        view = self.view
        annotator = self.app.services.annotator  # type: ignore[attr-defined]
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
        self.app.first_paint()  # type: ignore[attr-defined]
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

    def action_next_paragraph(self) -> None:
        self.view.next_paragraph()

    def action_previous_paragraph(self) -> None:
        self.view.previous_paragraph()

    def action_next_page(self) -> None:
        self.view.next_page()

    def action_previous_page(self) -> None:
        self.view.previous_page()

    def action_first(self) -> None:
        self.view.first()

    def action_last(self) -> None:
        self.view.last()

    def action_next_word(self) -> None:
        self.view.next_word()

    def action_previous_word(self) -> None:
        self.view.previous_word()

    def go_to_block(self, block_index: int, offset: int = 0) -> None:
        unit = self._unit_of_block.get(block_index)
        if unit is not None:
            self.view.go_to(unit, offset)

    # ------------------------------------------------------------------ status and position

    def paragraph_number(self) -> tuple[int, int]:
        """(N, M): the body paragraph in focus (or the next one, on a headline/subhead) of M."""
        focus = self.view.focus_unit
        number = min(self._paragraphs_before[focus] + 1, self._paragraph_count)
        return number, self._paragraph_count

    def percent_read(self) -> int:
        total = self._chars_through[-1] or 1
        return round(100 * self._chars_through[self.view.focus_unit] / total)

    def _update_status(self) -> None:
        if not self._composed:
            return
        view = self.view
        number, count = self.paragraph_number()
        mode = {"on": "pinyin", "cursor": "pinyin: cursor", "off": "pinyin off"}[view.pinyin_mode]
        status = Text(no_wrap=True, overflow="ellipsis")
        # Visible separators, not runs of spaces alone: "¶ 15/21 · 74%" reads right even where spaces
        # at the edge of a styled span get squeezed (some SVG renderers draw them narrow).
        status.append(f"¶ {number}/{count} · {self.percent_read()}%", style="bold")
        status.append(f" · {mode} · {view.pinyin_style}{' · tones' if view.tone_colours else ''} · ", style="dim")
        status.append(self.article.title)
        services = self.app.services  # type: ignore[attr-defined]
        if services.annotator is None:
            status.append("  · loading pinyin…", style="dim italic")
        self._status.set(status)

    def _schedule_position_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.3, self.save_position)

    def save_position(self) -> None:
        store = self.app.services.store  # type: ignore[attr-defined]
        if store is None:
            return
        view = self.view
        unit = self.units[view.focus_unit]
        if unit.block_index is None:
            block, text, offset = 0, self.article.blocks[0].text, 0
        else:
            block, text, offset = unit.block_index, unit.text, view.cursor
        try:
            store.set_position(self.article.id, block, text, offset, block_count=len(self.article.blocks))
        except Exception as exc:
            self.notify(f"could not save your place: {exc}", severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.save_position()

    # ------------------------------------------------------------------ lookup

    def _word_info(self) -> dict[str, Any]:
        """The word under the cursor, with what we know of it."""
        view = self.view
        token = view.current_token()
        word, start, end = view.current_word()
        unit = view.focus_unit
        text = self.units[unit].text
        services = self.app.services  # type: ignore[attr-defined]
        glossary = services.glossary
        entry = None
        term = getattr(token, "glossary", None) if token is not None else None
        if glossary is not None:
            if term:
                entry = glossary.get(term)
            if entry is None:
                entry = glossary.get(word)
            if entry is None:
                for match in glossary.find_all(text):
                    if match.start <= start < match.end:
                        entry = match.entry
                        break
        syllables = list(getattr(token, "pinyin", ()) or ())
        if entry is not None and not syllables and word == entry.term:
            syllables = list(entry.syllables)
        return {"token": token, "word": word, "start": start, "end": end, "unit": unit, "entry": entry,
                "syllables": syllables}

    def _dictionary_entries(self, info: dict[str, Any]) -> tuple[list[Any], str | None, str]:
        """Entries for the word; when the word has none, Zhongwen-style longest match from the cursor."""
        services = self.app.services  # type: ignore[attr-defined]
        dictionary = services.dictionary
        word = info["word"]
        if dictionary is None:
            if not self.app.load_dictionary or "dictionary" in services.failed:  # type: ignore[attr-defined]
                return [], "(the dictionary is not available)", word
            return [], "(the dictionary is still loading…)", word
        entries = list(dictionary.lookup(word))
        if not entries and info["entry"] is not None:
            return [], None, word  # a glossary term CC-CEDICT lacks: the glossary says it all
        if not entries:
            text = self.units[info["unit"]].text
            length, found = dictionary.longest_match(text, info["start"])
            if found:
                return list(found), None, text[info["start"]: info["start"] + length]
            return [], "(not in the dictionary)", word
        return entries, None, word

    def _show_lookup(self) -> None:
        if not self.popup.is_mounted:
            self.call_after_refresh(self._show_lookup)  # a key pressed before the first frame
            return
        view = self.view
        token = view.current_token()
        if token is None or not view._is_word(token):
            self.popup.hide()
            return
        info = self._word_info()
        services = self.app.services  # type: ignore[attr-defined]
        entries, note, headword = self._dictionary_entries(info)
        style = view.pinyin_style
        pinyin = render_pinyin(info["syllables"], style) if info["syllables"] else ""
        places = None
        entry = info["entry"]
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
        word = info["word"] if headword == info["word"] else f"{info['word']} → {headword}"
        content = lookup_text(word, pinyin, entry=entry, places=places, dict_entries=entries, dict_note=note,
                              style=style, saved=saved)
        popup = self.popup
        popup.show(content)
        self._popup_for = (view.focus_unit, view.cursor_token)
        self.call_after_refresh(self._place_popup)

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
            self.app.back_to_library()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ display settings

    def action_pinyin_mode(self) -> None:
        view = self.view
        view.pinyin_mode = PINYIN_MODES[(PINYIN_MODES.index(view.pinyin_mode) + 1) % len(PINYIN_MODES)]
        self.app.set_pref(PREF_PINYIN_MODE, view.pinyin_mode)  # type: ignore[attr-defined]
        self._display_changed()

    def action_tone_colours(self) -> None:
        view = self.view
        view.tone_colours = not view.tone_colours
        self.app.set_pref(PREF_TONE_COLOURS, view.tone_colours)  # type: ignore[attr-defined]
        self._display_changed()

    def action_pinyin_style(self) -> None:
        view = self.view
        view.pinyin_style = PINYIN_STYLES[(PINYIN_STYLES.index(view.pinyin_style) + 1) % len(PINYIN_STYLES)]
        self.app.set_pref(PREF_PINYIN_STYLE, view.pinyin_style)  # type: ignore[attr-defined]
        self._display_changed()

    def _display_changed(self) -> None:
        self.view.invalidate()
        self._update_status()
        if self.popup.is_open:
            self._show_lookup()

    # ------------------------------------------------------------------ glossary terms

    def action_next_term(self) -> None:
        """Move the cursor to the next glossary term after it, in this or a later paragraph."""
        services = self.app.services  # type: ignore[attr-defined]
        glossary = services.glossary
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
        services = self.app.services  # type: ignore[attr-defined]
        if services.store is None:
            self.notify("your vocabulary store is not open" + (" (see the error above)" if "store" in services.failed else " yet"),
                        severity="warning")
        return services.store

    def action_save(self) -> None:
        view = self.view
        token = view.current_token()
        if token is None or not view._is_word(token):
            return
        store = self._store()
        if store is None:
            return
        info = self._word_info()
        from reader.core.meaning import word_meaning

        entry = info["entry"]
        definition = word_meaning(info["word"], entry, self.app.services.dictionary,  # type: ignore[attr-defined]
                                  open_dictionary=False, syllables=list(info["syllables"]))
        unit = self.units[info["unit"]]
        sentence = sentence_around(unit.text, info["start"], info["end"])
        try:
            store.save_word(
                info["word"], " ".join(info["syllables"]), definition,
                glossary_term=entry.term if entry is not None else None, sentence=sentence,
                article_id=self.article.id, block_index=unit.block_index,
            )
        except Exception as exc:
            self.notify(f"not saved: {exc}", severity="error", markup=False)
            return
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
        if token is None or not view._is_word(token):
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
        self.notify(f"{word} marked {state}{already}", title="Known words", markup=False)

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

        def done(syllables: list[str] | None) -> None:
            if syllables:
                self._apply_reading(word, syllables)

        self.app.push_screen(FixReadingDialog(word, current), done)

    def _apply_reading(self, word: str, syllables: list[str]) -> None:
        store = self.app.services.store  # type: ignore[attr-defined]
        try:
            fix = store.set_reading(word, syllables)
        except Exception as exc:
            self.notify(f"reading not saved: {exc}", severity="error", markup=False)
            return
        self.notify(f"{word} now reads {' '.join(syllables)}; {fix.summary()}",
                    title="Reading fixed", markup=False)
        self.app.rebuild_annotator()  # type: ignore[attr-defined]

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
        number, _count = self.paragraph_number()
        self.notify(f"bookmarked ¶ {number}", title="Bookmark", markup=False)

    def action_glossary(self) -> None:
        """On a glossary term: its full entry (with where else it occurs); otherwise the list."""
        info = self._word_info() if self.view.current_token() is not None else None
        if info is not None and info["entry"] is not None:
            from .glossary_screen import GlossaryEntryScreen

            self.app.push_screen(GlossaryEntryScreen(info["entry"]))
        else:
            self.app.action_glossary()  # type: ignore[attr-defined]

    def action_bookmarks(self) -> None:
        self.app.action_bookmarks(self.article.id)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ chapters of a book

    def _chapters(self) -> list[Any]:
        """The chapters of this article's book, in reading order ([] for an article that is no chapter)."""
        library = self.app.services.library  # type: ignore[attr-defined]
        if library is None:
            return []
        return library.chapters(self.article)

    def _no_chapters(self) -> bool:
        if not self.article.extra.get("book"):
            self.notify("this article is not a chapter of a book", severity="warning")
            return True
        if self.app.services.library is None:  # type: ignore[attr-defined]
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
        self.app.open_article(chapters[index])  # type: ignore[attr-defined]

    def action_chapters(self) -> None:
        if self._no_chapters():
            return
        from .chapters_dialog import ChaptersDialog

        self.save_position()  # the list shows this chapter's progress as it is now
        store = self.app.services.store  # type: ignore[attr-defined]
        try:
            positions = store.positions() if store is not None else {}
        except Exception:
            positions = {}

        def opened(chapter: Any) -> None:
            if chapter is not None and chapter.id != self.article.id:
                self.app.open_article(chapter)  # type: ignore[attr-defined]

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
