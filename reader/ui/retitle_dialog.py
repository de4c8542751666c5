"""Give an article (or a book) a new title: the title is typed, Enter saves, Esc cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class RetitleDialog(ModalScreen[str | None]):
    """A text box holding the current title; Enter returns the new one (None: cancelled)."""

    DEFAULT_CSS = """
    RetitleDialog {
        align: center middle;
        & > Vertical {
            width: 72;
            max-width: 100%;
            height: auto;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
        #retitle-error { color: $error; height: auto; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="retitle.cancel", tooltip="Keep the title as it is")]

    def __init__(self, title: str, what: str = "article") -> None:
        super().__init__()
        self.current = title
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text.assemble((f"New title for this {self.what}", "bold"),
                                       ("  Enter: save · Esc: cancel", "dim")))
            yield Input(value=self.current, id="retitle-input", select_on_focus=False)
            yield Static(Text(""), id="retitle-error")

    @on(Input.Submitted, "#retitle-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = " ".join(event.value.split())
        if not title:
            self.query_one("#retitle-error", Static).update(Text("a title cannot be empty"))
            return
        self.dismiss(title if title != self.current else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
