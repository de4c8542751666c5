"""The `?` help screen: every key of the screen it was opened from, built from its bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

_KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "space": "space", "pagedown": "PgDn", "pageup": "PgUp",
    "enter": "Enter", "escape": "Esc", "slash": "/", "question_mark": "?", "home": "Home", "end": "End",
    "ctrl+q": "ctrl+q", "ctrl+p": "ctrl+p", "delete": "Del",
}


def key_name(key: str) -> str:
    """A key as it is pressed: ``]`` for right_square_bracket, ``{`` for left_curly_bracket, ``ctrl+q``."""
    from textual.keys import format_key

    key = key.strip()
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    *modifiers, last = key.split("+")
    shown = _KEY_NAMES.get(last) or format_key(last)
    return "+".join([*modifiers, shown])


def key_names(key: str) -> str:
    return " ".join(key_name(k) for k in key.split(","))


def bindings_table(screen: Screen) -> Table:
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    table.add_column("Key", no_wrap=True, style="bold")
    table.add_column("Does")
    seen: set[str] = set()
    for binding in [*getattr(screen, "BINDINGS", []), *screen.app.BINDINGS]:
        if not isinstance(binding, Binding) or binding.action in seen:
            continue
        seen.add(binding.action)
        table.add_row(Text(key_names(binding.key)), Text(binding.tooltip or binding.description))
    table.add_row(Text("ctrl+p"), Text("Command palette: every action above, by name"))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys for the screen underneath."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 96;
            height: 90%;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close", tooltip="Close the help")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            title = Text("Keys", style="bold")
            help_text = getattr(self.under, "HELP", None)
            if help_text:
                title.append("  " + help_text, style="dim")
            yield Static(title)
            yield Static(bindings_table(self.under))
            yield Static(Text(
                "\nPinyin modes (p): on · only over words you don't know yet (new and learning; the default once "
                "you have marked words known) · only over the word under the cursor · off.\n"
                "New words (never marked or saved) are tinted once you have marked words known: ] and [ move to "
                "the next and previous one; K marks a word known, I ignores it; the status line shows the "
                "article's known share of running words.\n"
                "Pinyin in italics, underlined: a reading the engine is unsure of; u / U go to the next / previous "
                "one, e fixes it; the popup says how each reading was decided.\n"
                "Mark the rest known (M, off by default, kept): leaving a paragraph forwards marks its new words "
                "known, as in Lute.\n"
                "Pinyin styles (z): tone marks · tone numbers · zhuyin.\n"
                "Tone colours (t), Pleco's scheme: 1st red, 2nd green, 3rd blue, 4th purple, neutral grey.\n"
                "Underlined words are in the policy glossary: n jumps to the next one.\n"
                "The mouse works too: click a word to look it up, scroll to move between paragraphs.",
                style="dim",
            ))

    def action_close(self) -> None:
        self.dismiss(None)
