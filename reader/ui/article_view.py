"""ArticleView: the article as interlinear pinyin + hanzi, rendered line by line.

The core's :func:`reader.core.layout.layout` places every word of a paragraph in a box of terminal
cells (a hanzi is two cells); this widget draws each layout line as two screen rows (pinyin above
hanzi) with the Line API, so nothing is ever handed to Rich's word wrapper (which only breaks at
spaces and would cut Chinese anywhere).

Only what is on screen is laid out: the paragraph in focus is placed a quarter of the way down,
with the end of the previous paragraph above it and the following ones below, dimmed. Layouts are
cached per (paragraph, width, style, pinyin on/off), so a key press redraws a screenful of cached
lines. Before a paragraph is annotated (segmenter still loading) it is shown with one box per
character and no pinyin; the annotated layout replaces it when the worker delivers it.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.core.article import Unit, article_units  # noqa: F401 (app.py imports article_units from here)
from reader.core.script import HAN, HAN_RE

WORD_KINDS = frozenset({"hanzi", "latin", "number", "other"})
_HAN = HAN_RE
_RUN = re.compile(
    rf"(?P<hanzi>[{HAN}])"
    r"|(?P<latin>[A-Za-z][A-Za-z'’\-]*)"
    r"|(?P<number>[0-9０-９][0-9０-９.,%％]*)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>[\u3000-\u303f\uff00-\uffef\u2010-\u206f!-/:-@\[-`{-~·「」『』【】《》〈〉])"
    r"|(?P<other>.)",
    re.S,
)


@dataclass(frozen=True)
class RawToken:
    """A stand-in token (one per hanzi) used until the segmenter has annotated a paragraph."""

    text: str
    kind: str
    pinyin: tuple[str, ...] = ()
    glossary: str | None = None


def raw_tokens(text: str) -> list[RawToken]:
    return [RawToken(m.group(), m.lastgroup or "other") for m in _RUN.finditer(text)]


def paragraph_label(article: Any, block_index: int) -> str:
    """How the reader names a block: reader.core.progress.paragraph_label (the one numbering, the CLI's too)."""
    from reader.core.progress import paragraph_label as label

    return label(article, block_index)


class Row(NamedTuple):
    unit: int
    line: int  # index into the unit's layout lines; -1 for a blank separator row
    kind: str  # "pinyin" | "text" | "blank"


# "unknown": pinyin over the words the user does not know yet (new and learning ones) and the cursor word
PINYIN_MODES = ("on", "unknown", "cursor", "off")
PINYIN_STYLES = ("marks", "numbers", "zhuyin")


class ArticleView(Widget, can_focus=True):
    """The article, one paragraph in focus, a word cursor, pinyin above the words.

    Display settings are reactive (set them; the view lays out again): ``pinyin_mode`` ("on",
    "cursor", "off"), ``pinyin_style`` ("marks", "numbers", "zhuyin"), ``tone_colours``. Annotation
    comes from outside: the view posts :class:`NeedsAnnotation`, the owner answers with
    :meth:`set_tokens`; :meth:`request_annotation` and :meth:`reannotate` when the annotator changes.
    """

    pinyin_mode: reactive[str] = reactive("on", init=False)
    pinyin_style: reactive[str] = reactive("marks", init=False)
    tone_colours: reactive[bool] = reactive(False, init=False)

    COMPONENT_CLASSES = {
        "article-view--dim",
        "article-view--pinyin",
        "article-view--cursor",
        "article-view--glossary",
        "article-view--new",
        "article-view--unsure",
        "article-view--kicker",
        "article-view--title",
        "article-view--meta",
        "article-view--byline",
        "article-view--note",
        "article-view--heading",
        "article-view--match",
        "article-view--tone-1",
        "article-view--tone-2",
        "article-view--tone-3",
        "article-view--tone-4",
        "article-view--tone-5",
    }

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        padding: 0 2;
        /* dim, cursor, new and match are blended over the theme's background in Python (see
           ArticleView._resolve_style: a partial style would drop the alpha), then held to contrast floors */
        & > .article-view--dim { color: $foreground 58%; }
        & > .article-view--pinyin { color: $text-secondary; }
        & > .article-view--cursor { background: $accent 45%; text-style: bold; }
        & > .article-view--glossary { text-style: underline; }
        /* a word the user has never marked (once they have said what they know), as Lute tints it */
        & > .article-view--new { background: $primary 22%; }
        /* a reading the engine is unsure of: quiet, in the pinyin line only (u / U go to the next) */
        & > .article-view--unsure { text-style: italic underline; }
        & > .article-view--kicker { color: $secondary; text-style: italic; }
        & > .article-view--title { color: $primary; text-style: bold; }
        & > .article-view--meta { color: $text-muted; text-style: italic; }
        & > .article-view--byline { color: $text-muted; text-style: italic; }
        & > .article-view--note { text-style: italic; }
        & > .article-view--heading { color: $primary; text-style: bold; }
        & > .article-view--match { background: $warning 40%; }
        /* Pleco's tone colours: 1 red, 2 green, 3 blue, 4 purple, neutral grey. */
        & > .article-view--tone-1 { color: #e8474c; }
        & > .article-view--tone-2 { color: #3fb34f; }
        & > .article-view--tone-3 { color: #4a86e8; }
        & > .article-view--tone-4 { color: #b061d9; }
        & > .article-view--tone-5 { color: #8c8c8c; }
    }
    """

    class Moved(Message):
        """The paragraph in focus or the word under the cursor changed."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> ArticleView:
            return self.view

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.Moved)

    class WordClicked(Message):
        """A word was clicked: the screen opens the lookup popup."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> ArticleView:
            return self.view

    class NeedsAnnotation(Message):
        """These units are on screen (first) or about to be, and are not annotated yet."""

        def __init__(self, view: ArticleView, units: list[int]) -> None:
            super().__init__()
            self.view = view
            self.units = units

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.NeedsAnnotation)

    class Painted(Message):
        """Posted once, the first time the article's text is drawn."""

    def __init__(self, units: list[Unit], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.units = units
        self.tokens: list[list[Any] | None] = [None] * len(units)
        self._raw: dict[int, list[RawToken]] = {}
        self._starts: dict[tuple[int, int], list[int]] = {}
        self._layouts: dict[tuple, list[Any]] = {}
        self._version = [0] * len(units)
        self.focus_unit = 0
        self.cursor = 0  # character offset in the focused unit's text
        self.max_width = 0  # cells per line at most (0: the whole width); the screen sets the preference
        # what the user knows: word -> "learning" | "known" | "ignored" (a word not in it is new)
        self.knowledge: Mapping[str, str] = {}
        self.knowledge_version = 0
        self.mark_new = False  # tint new words (once the user has said what they know)
        self.match: tuple[int, int, int] | None = None  # (unit, start, end) of a search hit
        self._pages: list[tuple[tuple[int, int], tuple[int, int]]] = []  # PgDn moves: (from, to)
        self._frame: list[Row | None] = []
        self._frame_key: tuple | None = None
        self._painted = False
        self._requested: tuple[int, ...] = ()
        self.last_render_time = 0.0
        self.render_times: deque[float] = deque(maxlen=16)  # when recent render passes ended (benchmarks)
        self._style_cache: dict[str, Style] = {}
        self._strips: dict[tuple, Strip] = {}
        self._pass: tuple[list[Row | None], Style] | None = None

    # ------------------------------------------------------------------ model

    def unit_tokens(self, unit: int) -> list[Any]:
        tokens = self.tokens[unit]
        if tokens is not None:
            return tokens
        raw = self._raw.get(unit)
        if raw is None:
            raw = self._raw[unit] = raw_tokens(self.units[unit].text)
        return raw

    def token_starts(self, unit: int) -> list[int]:
        key = (unit, self._version[unit])
        starts = self._starts.get(key)
        if starts is None:
            starts, pos = [], 0
            for token in self.unit_tokens(unit):
                starts.append(pos)
                pos += len(token.text)
            self._starts[key] = starts
        return starts

    def is_annotated(self, unit: int) -> bool:
        return self.tokens[unit] is not None

    def set_tokens(self, unit: int, tokens: list[Any] | None) -> None:
        """Install a paragraph's annotation (or drop it, with None, to show it raw again)."""
        if "".join(t.text for t in tokens or ()) != self.units[unit].text and tokens is not None:
            raise ValueError("tokens do not reproduce the paragraph text")
        self.tokens[unit] = tokens
        self._version[unit] += 1
        self._frame_key = None
        self.refresh()
        if unit == self.focus_unit:
            self.post_message(self.Moved(self))

    def token_at(self, unit: int, offset: int) -> int:
        starts = self.token_starts(unit)
        import bisect

        return max(0, bisect.bisect_right(starts, offset) - 1)

    @property
    def cursor_token(self) -> int:
        return self.token_at(self.focus_unit, self.cursor)

    def current_token(self) -> Any | None:
        tokens = self.unit_tokens(self.focus_unit)
        if not tokens:
            return None
        return tokens[min(self.cursor_token, len(tokens) - 1)]

    def current_word(self) -> tuple[str, int, int]:
        """(text, start, end) of the token under the cursor, in the focused unit's text."""
        index = self.cursor_token
        starts = self.token_starts(self.focus_unit)
        tokens = self.unit_tokens(self.focus_unit)
        if not tokens:
            return "", 0, 0
        start = starts[index]
        return tokens[index].text, start, start + len(tokens[index].text)

    def is_word(self, token: Any) -> bool:
        """A token the cursor stops on and the popup looks up."""
        return token.kind in WORD_KINDS

    # ------------------------------------------------------------------ knowledge

    def set_knowledge(self, states: Mapping[str, str], mark_new: bool) -> None:
        """What the user knows changed (loaded, or a word marked): draw again (the layout stays)."""
        self.knowledge = states
        self.mark_new = mark_new
        self.knowledge_version += 1
        self.refresh()

    def word_state(self, token: Any) -> str | None:
        """"new", "learning", "known" or "ignored" for a Chinese word; None for anything else."""
        if token is None or getattr(token, "kind", None) != "hanzi" or isinstance(token, RawToken):
            return None
        return self.knowledge.get(token.text, "new")

    def is_new(self, token: Any) -> bool:
        return self.word_state(token) == "new"

    def _pinyin_shown(self, token: Any, is_cursor: bool) -> bool:
        mode = self.pinyin_mode
        if mode == "on" or is_cursor:
            return True
        if mode == "unknown":
            return self.word_state(token) in ("new", "learning")
        return False

    def find_word(self, test, forward: bool = True, annotate=None, limit: int = 40) -> bool:
        """Move the cursor to the next (or previous) word for which ``test(token)`` holds, in this
        paragraph or the following (preceding) ones. ``annotate(unit)`` annotates a paragraph not
        annotated yet (at most ``limit`` of them per search). False when there is none."""
        unit = self.focus_unit
        here = self.cursor_token
        budget = limit
        while 0 <= unit < len(self.units):
            if not self.is_annotated(unit) and unit != self.focus_unit:
                if annotate is None or budget <= 0:
                    return False
                budget -= 1
                annotate(unit)
            tokens = self.unit_tokens(unit)
            if unit == self.focus_unit:
                order = range(here + 1, len(tokens)) if forward else range(here - 1, -1, -1)
            else:
                order = range(len(tokens)) if forward else range(len(tokens) - 1, -1, -1)
            for i in order:
                if self.is_word(tokens[i]) and test(tokens[i]):
                    self.focus_unit = unit
                    self.cursor = self.token_starts(unit)[i]
                    self._changed()
                    return True
            unit += 1 if forward else -1
        return False

    # ------------------------------------------------------------------ moves

    def _changed(self) -> None:
        self._frame_key = None
        self.refresh()
        self.post_message(self.Moved(self))

    def go_to(self, unit: int, offset: int = 0) -> None:
        unit = max(0, min(unit, len(self.units) - 1))
        self.focus_unit = unit
        self.cursor = max(0, min(offset, max(0, len(self.units[unit].text) - 1)))
        self._snap_to_word(forward=True)
        self._changed()

    def _snap_to_word(self, forward: bool) -> None:
        tokens = self.unit_tokens(self.focus_unit)
        if not tokens:
            return
        index = self.cursor_token
        order = range(index, len(tokens)) if forward else range(index, -1, -1)
        for i in order:
            if self.is_word(tokens[i]):
                self.cursor = self.token_starts(self.focus_unit)[i]
                return

    @property
    def body_start(self) -> int:
        """Index of the first unit of the body (the units before it are the headline group)."""
        return next((i for i, u in enumerate(self.units) if u.block_index is not None), len(self.units))

    def in_headline(self, unit: int | None = None) -> bool:
        return (self.focus_unit if unit is None else unit) < self.body_start

    def next_paragraph(self) -> bool:
        """The next paragraph; from the headline (kicker, title, source, byline: one stop), ¶ 1."""
        target = self.body_start if self.in_headline() else self.focus_unit + 1
        if target >= len(self.units):
            return False
        self.go_to(target)
        return True

    def previous_paragraph(self) -> bool:
        if self.focus_unit == 0:
            return False
        if self.focus_unit == self.body_start:
            # back to the headline: its title (or the first of its lines)
            self.go_to(next((i for i, u in enumerate(self.units[: self.body_start]) if u.kind == "title"), 0))
            return True
        self.go_to(self.focus_unit - 1)
        return True

    def first(self) -> None:
        self.go_to(0)

    def last(self) -> None:
        self.go_to(len(self.units) - 1)

    def next_word(self) -> bool:
        tokens = self.unit_tokens(self.focus_unit)
        starts = self.token_starts(self.focus_unit)
        for i in range(self.cursor_token + 1, len(tokens)):
            if self.is_word(tokens[i]):
                self.cursor = starts[i]
                self._changed()
                return True
        return self.next_paragraph()

    def previous_word(self) -> bool:
        tokens = self.unit_tokens(self.focus_unit)
        starts = self.token_starts(self.focus_unit)
        for i in range(self.cursor_token - 1, -1, -1):
            if self.is_word(tokens[i]):
                self.cursor = starts[i]
                self._changed()
                return True
        if self.focus_unit == 0:
            return False
        self.focus_unit -= 1
        tokens = self.unit_tokens(self.focus_unit)
        self.cursor = self.token_starts(self.focus_unit)[-1] if tokens else 0
        self._snap_to_word(forward=False)
        self._changed()
        return True

    def _page_target(self) -> tuple[int, int] | None:
        """Where PgDn goes from here: (unit, cursor offset), or None for "the next paragraph"."""
        frame = self.frame()
        if not frame:
            return None
        focus = self.focus_unit
        bottom = frame[-1]
        below_cut = bottom is not None and bottom.unit == focus and bottom.line < len(self._lines(focus)) - 1
        if below_cut:
            # The focused paragraph runs past the screen: the cursor goes to its first hidden line.
            line = self._lines(focus)[bottom.line + 1]
            if line.cells:
                return focus, self.token_starts(focus)[line.cells[0].token_index]
        visible_complete = {r.unit for r in frame if r is not None}
        last_row_unit = next((r.unit for r in reversed(frame) if r is not None), focus)
        target = last_row_unit if last_row_unit > focus else focus + 1
        if target in visible_complete and target == last_row_unit and self._unit_fits(frame, target):
            target += 1
        return min(target, len(self.units) - 1), 0

    def next_page(self) -> None:
        """Focus the first paragraph that is not wholly on screen (or scroll within a long one)."""
        before = (self.focus_unit, self.cursor)
        target = self._page_target()
        if target is None:
            self.next_paragraph()
        elif target[0] == self.focus_unit and target[1]:
            self.cursor = target[1]
            self._snap_to_word(forward=True)
            self._changed()
        else:
            self.go_to(*target)
        after = (self.focus_unit, self.cursor)
        if after != before:
            self._pages.append((before, after))
            del self._pages[:-200]

    def previous_page(self) -> None:
        """The exact reverse of PgDn: back to where the last PgDn started (when nothing else moved
        since), else to the paragraph from which PgDn would come here."""
        here = (self.focus_unit, self.cursor)
        if self._pages and self._pages[-1][1] == here:
            before, _after = self._pages.pop()
            self.focus_unit, self.cursor = before
            self._changed()
            return
        self._pages.clear()
        focus = self.focus_unit
        if focus == 0:
            return
        saved = (self.focus_unit, self.cursor)
        best = focus - 1
        try:
            for unit in range(focus - 1, max(-1, focus - 60), -1):
                self.focus_unit, self.cursor = unit, 0
                target = self._page_target()
                reach = target[0] if target is not None else unit + 1
                if reach == focus:
                    best = unit
                elif reach < focus:
                    break
        finally:
            self.focus_unit, self.cursor = saved
            self._frame_key = None
        self.go_to(best)

    def _unit_fits(self, frame: list[Row | None], unit: int) -> bool:
        rows = [r for r in frame if r is not None and r.unit == unit and r.kind == "text"]
        return len(rows) == len(self._lines(unit))

    # ------------------------------------------------------------------ layout

    @property
    def text_width(self) -> int:
        """Cells per line: the widget's width, at most ``max_width`` (0: no limit)."""
        width = self.size.width
        if self.max_width > 0:
            width = min(width, self.max_width)
        return max(8, width)

    @property
    def margin(self) -> int:
        """Blank cells left of the text: a width limit centres the text in a wide terminal."""
        return max(0, (self.size.width - self.text_width) // 2)

    def _lines(self, unit: int) -> list[Any]:
        from reader.core.layout import layout

        width = self.text_width
        pinyin = self.pinyin_mode != "off"
        key = (unit, self._version[unit], width, self.pinyin_style, pinyin)
        lines = self._layouts.get(key)
        if lines is None:
            if len(self._layouts) > 4000:
                self._layouts.clear()
            # apostrophes: tone-mark pinyin as the orthography writes it (biānzhě'àn, not biānzhěàn)
            lines = layout(self.unit_tokens(unit), width, style=self.pinyin_style, pinyin=pinyin, sandhi=True,
                           apostrophes=True)
            self._layouts[key] = lines
        return lines

    def _unit_rows(self, unit: int) -> list[Row]:
        rows: list[Row] = []
        pinyin = self.pinyin_mode != "off"
        for index, _ in enumerate(self._lines(unit)):
            if pinyin:
                rows.append(Row(unit, index, "pinyin"))
            rows.append(Row(unit, index, "text"))
        return rows

    def cursor_line(self) -> int:
        """Index of the layout line holding the cursor in the focused unit."""
        token = self.cursor_token
        for index, line in enumerate(self._lines(self.focus_unit)):
            if any(cell.token_index == token for cell in line.cells):
                return index
            if line.cells and line.cells[0].token_index > token:
                return max(0, index - 1)
        return max(0, len(self._lines(self.focus_unit)) - 1)

    def frame(self) -> list[Row | None]:
        """The rows on screen, top to bottom (None = blank)."""
        height = self.size.height
        key = (self.focus_unit, self.cursor_token, self.size, self.max_width, self.pinyin_mode, self.pinyin_style,
               tuple(self._version[max(0, self.focus_unit - 3): self.focus_unit + 40]))
        if key == self._frame_key:
            return self._frame
        if height <= 0 or not self.units:
            self._frame = []
            self._frame_key = key
            return self._frame
        focus = self.focus_unit
        focus_rows = self._unit_rows(focus)
        per_line = 2 if self.pinyin_mode != "off" else 1
        cursor_row = self.cursor_line() * per_line
        top = min(max(1, height // 4), height - 1)
        if top + cursor_row + per_line > height:
            top = max(0, height // 3) - cursor_row
        rows: list[Row | None] = []
        # Above: the tail of the previous units.
        above: list[Row | None] = []
        unit = focus - 1
        while len(above) < top and unit >= 0:
            chunk: list[Row | None] = [*self._unit_rows(unit), None]
            above = chunk + above
            unit -= 1
        if len(above) < top and top > 0:
            top = len(above)  # start of the article: no empty band above the headline
        above = above[len(above) - top:] if top > 0 else []
        rows.extend(above)
        start = 0 if top >= 0 else -top
        rows.extend(focus_rows[start:])
        unit = focus + 1
        while len(rows) < height and unit < len(self.units):
            rows.append(None)
            rows.extend(self._unit_rows(unit))
            unit += 1
        rows = rows[:height]
        self._frame = rows
        self._frame_key = key
        self._request_annotation(rows, unit)
        return rows

    def _request_annotation(self, rows: list[Row | None], next_unit: int) -> None:
        on_screen = sorted({r.unit for r in rows if r is not None}, key=lambda u: (u != self.focus_unit, u))
        ahead = list(range(next_unit, min(len(self.units), next_unit + 8)))
        behind = list(range(max(0, self.focus_unit - 3), self.focus_unit))
        wanted = tuple(u for u in [*on_screen, *ahead, *behind] if self.tokens[u] is None)
        if wanted and wanted != self._requested:
            self._requested = wanted
            self.post_message(self.NeedsAnnotation(self, list(dict.fromkeys(wanted))))

    def on_resize(self, event: events.Resize) -> None:
        self._frame_key = None
        self.refresh()

    def invalidate(self) -> None:
        """Lay out and draw again (the display settings call it when they change)."""
        self._frame_key = None
        self.refresh()

    def watch_pinyin_mode(self) -> None:
        self.invalidate()

    def watch_pinyin_style(self) -> None:
        self.invalidate()

    def watch_tone_colours(self) -> None:
        self.invalidate()

    def request_annotation(self) -> None:
        """Ask again (:class:`NeedsAnnotation`) for what is on screen and not annotated: an annotator
        came that may give it."""
        self._requested = ()
        self.invalidate()

    def reannotate(self) -> list[int]:
        """The annotator changed (a reading was fixed): what is on screen keeps its tokens until the
        new ones are installed (no flash of raw text); the rest is dropped and asked for again when it
        comes into view. Returns the units on screen, the focused one first, to annotate now."""
        frame = self.frame()
        visible = list(dict.fromkeys([self.focus_unit, *(r.unit for r in frame if r is not None)]))
        for unit in range(len(self.units)):
            if self.tokens[unit] is not None and unit not in visible:
                self.tokens[unit] = None
                self._version[unit] += 1
        self.request_annotation()
        return visible

    # ------------------------------------------------------------------ rendering

    def _style(self, name: str) -> Style:
        style = self._style_cache.get(name)
        if style is None:
            style = self._style_cache[name] = self._resolve_style(name)
        return style

    def _resolve_style(self, name: str) -> Style:
        """A component's style as it reaches the screen. Colours with alpha (``$accent 45%``) are
        blended over the widget's background here (a partial Rich style cannot carry alpha, and would
        draw them solid), and the colours that matter for reading are held to WCAG contrast floors:
        dimmed paragraphs at least DIM_CONTRAST against the background and less than the text in focus,
        the cursor's text at least CURSOR_CONTRAST against the cursor. ANSI themes (colours the
        terminal decides) get the terminal's own faint and reverse video instead."""
        from textual.color import Color

        partial = self.get_component_rich_style(f"article-view--{name}", partial=True)
        if name not in _BLENDED:
            return partial
        base = self.rich_style
        fg, bg = _rgb(base.color), _rgb(base.bgcolor)
        if fg is None or bg is None:
            if name == "dim":
                return Style(dim=True)
            if name == "cursor":
                return Style(reverse=True, bold=True)
            return partial
        styles = self.get_component_styles(f"article-view--{name}")
        back = Color(*bg)
        surface = back + styles.background if styles.has_rule("background") else back
        colour = surface + styles.color if styles.has_rule("color") else None
        out_bg: tuple[int, int, int] | None = surface.rgb if styles.has_rule("background") else None
        out_fg: tuple[int, int, int] | None = colour.rgb if colour is not None else None
        if name == "dim":
            # dimmer than the focused text, and still readable
            alpha = styles.color.a if styles.has_rule("color") else 0.58
            full = contrast(fg, bg)
            floor = min(DIM_CONTRAST, full)
            out_fg = _mix(bg, fg, alpha)
            while contrast(out_fg, bg) < floor and alpha < 1:
                alpha = min(1.0, alpha + 0.02)
                out_fg = _mix(bg, fg, alpha)
        elif name == "cursor":
            out_fg = readable_on(out_bg or bg, fg)
        elif out_bg is not None:
            # a tint behind the text (new words, search hits): the text on it stays readable
            alpha = styles.background.a
            while contrast(fg, out_bg) < CURSOR_CONTRAST and alpha > 0.05:
                alpha -= 0.03
                out_bg = _mix(bg, styles.background.rgb, alpha)
        return partial + Style(color=_rich(out_fg) if out_fg else None, bgcolor=_rich(out_bg) if out_bg else None)

    def _cursor_on(self, style: Style) -> Style:
        """The cursor over a tone-coloured syllable: the tone's colour becomes the box, the text on it
        black or white (whichever reads better), so the tone still shows and the word stays readable."""
        key = f"cursor-on:{style.color}"
        found = self._style_cache.get(key)
        if found is None:
            tone = _rgb(style.color)
            if tone is None:
                found = style + self._style("cursor")
            else:
                found = style + Style(bgcolor=_rich(tone), color=_rich(readable_on(tone)), bold=True)
            self._style_cache[key] = found
        return found

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if hasattr(self, "_strips"):
            self._style_cache.clear()
            self._strips.clear()
            self._frame_key = None

    def render_lines(self, crop: Any) -> list[Strip]:
        # One frame and one base style per pass, not per line.
        self._pass = (self.frame(), self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None
            self.render_times.append(time.perf_counter())

    def render_line(self, y: int) -> Strip:
        frame, base = self._pass if self._pass is not None else (self.frame(), self.rich_style)
        width = self.size.width
        if y >= len(frame) or frame[y] is None:
            return Strip.blank(width, base)
        row = frame[y]
        assert row is not None
        strip = self._cached_row(row, width, base)
        if not self._painted and row.kind == "text":
            self._painted = True
            self.post_message(self.Painted())
        self.last_render_time = time.perf_counter()
        return strip

    def _cached_row(self, row: Row, width: int, base: Style) -> Strip:
        """Rows are cached: a key press redraws mostly rows it has drawn before."""
        unit = row.unit
        focused = unit == self.focus_unit
        line = self._lines(unit)[row.line]
        cursor = self.cursor_token if focused else -1
        if cursor >= 0 and not any(c.token_index == cursor for c in line.cells):
            cursor = -2  # focused, but the cursor is on another line
        match = self.match if self.match and self.match[0] == unit else None
        key = (unit, self._version[unit], row.line, row.kind, focused, cursor, width, self.margin, self.pinyin_mode,
               self.pinyin_style, self.tone_colours, match, base, self.knowledge_version, self.mark_new)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 3000:
                self._strips.clear()
            strip = self._strips[key] = self._render_row(row, width, base)
        return strip

    def _render_row(self, row: Row, width: int, base: Style) -> Strip:
        unit = row.unit
        line = self._lines(unit)[row.line]
        tokens = self.unit_tokens(unit)
        focused = unit == self.focus_unit
        kind = self.units[unit].kind
        style = base
        if kind != "paragraph":
            style = style + self._style(kind)
        if not focused:
            style = style + self._style("dim")
        pinyin_style = style + self._style("pinyin") if focused else style
        cursor = self.cursor_token if focused else -1
        tones_on = self.tone_colours and focused
        match = self.match if self.match and self.match[0] == unit else None
        starts = self.token_starts(unit) if match else None
        segments: list[Segment] = []
        margin = self.margin
        if margin:
            segments.append(Segment(" " * margin, base))
        x = 0
        width -= margin
        for cell in line.cells:
            if cell.x > x:
                segments.append(Segment(" " * (cell.x - x), base))
                x = cell.x
            # the columns this box draws: on the pinyin row, its pinyin may run on over the closing mark
            # after it (layout's overhang), and that mark then draws only what is left of its box
            span = max(0, cell.x + cell.width + (cell.overhang if row.kind == "pinyin" else 0) - x)
            token = tokens[cell.token_index] if cell.token_index < len(tokens) else None
            is_cursor = cell.token_index == cursor
            box_style = style
            if row.kind == "pinyin":
                text = cell.pinyin
                if not self._pinyin_shown(token, is_cursor):
                    text = ""
                box_style = pinyin_style
                if text and getattr(token, "unsure", False):
                    box_style = box_style + self._style("unsure")
            else:
                text = cell.text
                if token is not None and getattr(token, "glossary", None):
                    box_style = box_style + self._style("glossary")
                if self.mark_new and focused and self.is_new(token):
                    box_style = box_style + self._style("new")
                if match and starts is not None:
                    token_start = starts[cell.token_index]
                    if token_start < match[2] and token_start + len(token.text if token else "") > match[1]:
                        box_style = box_style + self._style("match")
            if is_cursor:
                box_style = box_style + self._style("cursor")
            used = cell_len(text)
            pad = max(0, span - used)
            left = pad // 2
            if left:
                segments.append(Segment(" " * left, style + self._style("cursor") if is_cursor else base))
            if tones_on and cell.tones and text:
                segments.extend(self._toned(text, cell, box_style, row.kind == "pinyin", is_cursor))
            else:
                segments.append(Segment(text, box_style))
            right = pad - left
            if right:
                segments.append(Segment(" " * right, style + self._style("cursor") if is_cursor else base))
            x += max(span, used)
        if x < width:
            segments.append(Segment(" " * (width - x), base))
        return Strip(segments, margin + max(width, x)).crop(0, width + margin)

    def _toned(self, text: str, cell: Any, style: Style, is_pinyin: bool, is_cursor: bool = False) -> list[Segment]:
        """Colour each syllable (pinyin row) or each hanzi (text row) by its tone."""
        tones = cell.tones
        parts: list[str] | None
        if is_pinyin:
            # the syllables as the layout rendered them (core/layout.py), one per tone
            syllables = cell.syllables
            parts = None
            if len(syllables) == len(tones) and syllables:
                sep = " " if " " in text and "".join(syllables) != text else ""  # zhuyin: spaced
                parts = []
                for i, syl in enumerate(syllables):
                    if i and sep:
                        parts.append(sep)
                    parts.append(syl)
                if "".join(parts) != text:
                    parts = None
        else:
            hanzi = [ch for ch in text if _HAN.match(ch)]
            if len(hanzi) != len(tones):
                return [Segment(text, style)]
            parts = list(text)
        if parts is None:
            return [Segment(text, style)]
        if is_pinyin:
            # a long word's syllable may start with its sub-word space (" shēng"): the space is a
            # segment of its own, uncoloured, like the spaces between words
            parts = [q for part in parts for q in ((" ", part[1:]) if part[:1] == " " and part.strip() else (part,))]
        segments: list[Segment] = []
        tone_iter = iter(tones)
        for part in parts:
            if (is_pinyin and part.isspace()) or (not is_pinyin and not _HAN.match(part)):
                segments.append(Segment(part, style))
                continue
            tone = next(tone_iter, 5)
            toned = style + self._style(f"tone-{tone if 1 <= tone <= 5 else 5}")
            segments.append(Segment(part, self._cursor_on(toned) if is_cursor else toned))
        return segments

    # ------------------------------------------------------------------ mouse

    def hit(self, x: int, y: int) -> tuple[int, int] | None:
        """(unit, token index) of the word drawn at widget content coordinates (x, y)."""
        frame = self.frame()
        if not (0 <= y < len(frame)) or frame[y] is None:
            return None
        row = frame[y]
        assert row is not None
        x -= self.margin
        for cell in self._lines(row.unit)[row.line].cells:
            if cell.x <= x < cell.x + cell.width:
                return row.unit, cell.token_index
        return None

    def word_region(self) -> tuple[int, int, int, int] | None:
        """(x, top row, width, rows) of the cursor's box on screen, in widget content coordinates."""
        frame = self.frame()
        token = self.cursor_token
        rows = [y for y, r in enumerate(frame) if r is not None and r.unit == self.focus_unit]
        for y in rows:
            row = frame[y]
            assert row is not None
            if row.kind != "text":
                continue
            for cell in self._lines(row.unit)[row.line].cells:
                if cell.token_index == token:
                    has_pinyin = self.pinyin_mode != "off"
                    top = y - 1 if has_pinyin and y > 0 else y
                    return cell.x + self.margin, top, cell.width, (2 if has_pinyin and y > 0 else 1)
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        found = self.hit(offset.x, offset.y)
        if found is None:
            return
        unit, index = found
        token = self.unit_tokens(unit)[index]
        self.focus_unit = unit
        self.cursor = self.token_starts(unit)[index]
        self._changed()
        if self.is_word(token):
            self.post_message(self.WordClicked(self))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.next_paragraph()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.previous_paragraph()


# ---------------------------------------------------------------------- colours as they reach the screen

DIM_CONTRAST = 3.2      # dimmed paragraphs against the background (WCAG's 3:1 for large text, with a margin)
CURSOR_CONTRAST = 4.5   # the cursor's text against the cursor (WCAG AA for text)
_BLENDED = frozenset({"dim", "cursor", "new", "match"})


def _rgb(color: Any) -> tuple[int, int, int] | None:
    """A Rich colour's RGB, or None for a colour the terminal decides (ANSI, default)."""
    if color is None or color.is_default or color.triplet is None:
        return None
    return tuple(color.triplet)  # type: ignore[return-value]


def _rich(rgb: tuple[int, int, int]) -> Any:
    from rich.color import Color as RichColor

    return RichColor.from_rgb(*rgb)


def _mix(under: tuple[int, int, int], over: tuple[int, int, int], alpha: float) -> tuple[int, int, int]:
    return tuple(round(u + (o - u) * alpha) for u, o in zip(under, over))  # type: ignore[return-value]


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(back: tuple[int, int, int], prefer: tuple[int, int, int] | None = None) -> tuple[int, int, int]:
    """The text colour for ``back``: ``prefer`` (the theme's text) when it keeps CURSOR_CONTRAST,
    else black or white, whichever contrasts more."""
    if prefer is not None and contrast(prefer, back) >= CURSOR_CONTRAST:
        return prefer
    black, white = (0, 0, 0), (255, 255, 255)
    return black if contrast(black, back) >= contrast(white, back) else white
