"""A one-line status bar that repaints without asking for a new layout (cheap on every key)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """One line of text; ``set()`` only repaints (its size never changes)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text("")

    def set(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    @property
    def content(self) -> Text:
        return self._text

    def render(self) -> Text:
        return self._text
