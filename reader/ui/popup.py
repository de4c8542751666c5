"""The lookup popup: a word, its pinyin, its glossary entry first, then its dictionary entries.

All text is built as Rich ``Text`` (never markup), so an entry like ``[jie1]`` or an article
word like ``[bold]`` shows literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static


def render_pinyin(syllables: Sequence[str], style: str) -> str:
    """Tone-number syllables in the user's style, space-separated."""
    from reader.core.pinyin import render_syllable

    out = []
    for syl in syllables:
        syl = syl.strip()
        if not syl:
            continue
        norm = syl.lower().replace("u:", "v").replace("ü", "v")
        try:
            out.append(render_syllable(norm, style))
        except Exception:
            out.append(syl)
    return " ".join(out)


_HOW = {
    "correction": "your correction",
    "glossary": "the glossary",
    "dictionary": "the dictionary",
    "reviewed": "a reviewed table",
    "context": "the words around it (a reviewed table)",
    "rule": "a rule",
    "word-rule": "a rule for this word",
    "guess": "a guess",
    "default": "the usual reading",
    "name": "read as in a name",
}


def describe_how(how: str) -> str:
    """A user's words for how the engine decided a reading (a ``Token.how`` entry)."""
    if how.startswith("model:"):
        try:
            return f"the model, {float(how[6:]):.1%} sure"
        except ValueError:
            return "the model"
    if how.startswith("dictionary>model:"):
        try:
            return f"the dictionary (the model would read it otherwise, {float(how[17:]):.0%})"
        except ValueError:
            return "the dictionary"
    return _HOW.get(how, how)


def reading_how_text(token: Any) -> Text:
    """One line: how the word's reading was decided, syllable by syllable where they differ, and
    the unsure mark (``e`` fixes a reading)."""
    from reader.core.pinyin import render_syllable

    text = Text()
    pinyin = tuple(getattr(token, "pinyin", ()) or ())
    if not pinyin:
        return text
    decided = tuple(getattr(token, "decided", ()) or ()) or ("dictionary",) * len(pinyin)
    unsure = bool(getattr(token, "unsure", False))
    text.append("reading: ", style="dim")
    if len(set(decided)) == 1:
        text.append(describe_how(decided[0]))
    else:
        parts = []
        for syl, how in zip(pinyin, decided):
            try:
                shown = render_syllable(syl, "marks")
            except Exception:
                shown = syl
            parts.append(f"{shown} {describe_how(how)}")
        text.append("; ".join(parts))
    if unsure:
        text.append("  ? unsure: e fixes it", style="bold")
    return text


def level_text(levels: dict[str, int | None] | None, standard: str, frequency: Any | None) -> Text:
    """The word's HSK level (in ``standard``, then the other standards) and frequency rank, one line;
    empty when neither is known."""
    from reader.core.knowledge import STANDARD_NAMES, level_label

    text = Text()
    if levels is not None:
        mine = levels.get(standard)
        others = ", ".join(f"{s}: {level_label(v)}" for s, v in levels.items() if s != standard and v)
        if mine:
            text.append(f"HSK {level_label(mine)}", style="bold")
            text.append(f" ({STANDARD_NAMES.get(standard, standard)}{'; ' + others if others else ''})", style="dim")
        elif others:
            text.append(f"not in {STANDARD_NAMES.get(standard, standard)}", style="dim")
            text.append(f" ({others})", style="dim")
        else:
            text.append("in no HSK list", style="dim")
    if frequency is not None:
        if text.plain:
            text.append(" · ", style="dim")
        text.append(f"frequency rank {frequency.rank:,} of {frequency.words:,}", style="dim")
    return text


def lookup_text(
    word: str,
    pinyin: str,
    *,
    entry: Any | None = None,
    places: int | None = None,
    dict_entries: Sequence[Any] | None = None,
    dict_note: str | None = None,
    style: str = "marks",
    saved: bool = False,
) -> Text:
    """What the popup shows for ``word``."""
    text = Text()
    text.append(word, style="bold")
    if pinyin:
        text.append("  ")
        text.append(pinyin, style="italic")
    if saved:
        text.append("  ★ saved", style="dim")
    text.append("\n")
    if entry is not None:
        text.append("\n")
        from reader.core.glossary import entry_text

        text.append_text(entry_text(entry, places=places))
        text.append("\n")
    if dict_entries:
        text.append("\n")
        for item in dict_entries:
            head = item.simplified
            if item.traditional and item.traditional != item.simplified:
                head += f" ({item.traditional})"
            text.append(head, style="bold")
            text.append("  ")
            text.append(render_pinyin(item.pinyin.split(), style), style="italic")
            text.append("\n")
            for number, definition in enumerate(item.definitions, 1):
                text.append(f" {number}. ", style="dim")
                text.append(definition + "\n")
    elif dict_note:
        text.append("\n")
        text.append(dict_note, style="dim italic")
        text.append("\n")
    text.rstrip()
    return text


class LookupPopup(VerticalScroll, can_focus=True):
    """A scrollable panel floating next to the word it explains."""

    DEFAULT_CSS = """
    LookupPopup {
        layer: overlay;
        position: absolute;
        width: 60;
        height: auto;
        max-height: 20;
        background: $panel;
        border: round $accent;
        border-subtitle-color: $text-muted;
        border-subtitle-align: right;
        padding: 0 1;
        display: none;
        scrollbar-size-vertical: 1;
        &.-open { display: block; }
        &:focus { border: round $warning; }
        & > Static { width: 1fr; height: auto; }
    }
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="popup.down", tooltip="Scroll the popup"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="popup.up", tooltip="Scroll the popup"),
        Binding("enter", "places", "Where it occurs", show=False, id="popup.places",
                tooltip="A glossary term: its full entry and where it occurs in your library (Enter reads there)"),
    ]

    entry: Any = None  # the glossary entry shown, if any (Enter opens where it occurs)

    def action_places(self) -> None:
        if self.entry is None:
            self.notify("not a glossary term: no list of places", timeout=2)
            return
        from .glossary_screen import GlossaryEntryScreen

        self.app.push_screen(GlossaryEntryScreen(self.screen.session, self.entry))  # type: ignore[attr-defined]

    HINT = "Esc close · s save · e fix · n next term · b bookmark"  # Esc first: a narrow popup cuts the end

    def compose(self):
        yield Static(Text(""), id="popup-body")

    FOCUS_HINT = "j/k ↑/↓ scroll · Esc close"  # the keys are on the popup now: say so
    FOCUS_HINT_TERM = "j/k scroll · Enter where it occurs · Esc close"

    def on_mount(self) -> None:
        self.border_subtitle = self.HINT

    def on_focus(self) -> None:
        self.border_subtitle = self.FOCUS_HINT_TERM if self.entry is not None else self.FOCUS_HINT

    def on_blur(self) -> None:
        self.border_subtitle = self.HINT

    shown: Text = Text("")

    def show(self, content: Text) -> None:
        self.shown = content
        self.query_one("#popup-body", Static).update(content)
        self.scroll_home(animate=False)
        self.add_class("-open")

    def hide(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def body_text(self) -> str:
        content = self.query_one("#popup-body", Static).content
        return str(content)
