"""The chapter list of a book: every chapter with how far it has been read; Enter opens one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .progress import book_percent, percent_at_place

if TYPE_CHECKING:
    from reader.core.article import Article


class ChaptersDialog(ModalScreen["Article | None"]):
    """A book's chapters in reading order, each with its % read; the current one highlighted."""

    DEFAULT_CSS = """
    ChaptersDialog {
        align: center middle;
        & > Vertical {
            width: 72;
            max-width: 100%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            background: $panel;
        }
        #chapters-title { height: auto; padding: 0 1; }
        #chapters-list { height: auto; max-height: 100%; border: none; }
    }
    """

    BINDINGS = [
        Binding("escape,q,c", "close", "Close", id="chapters.close", tooltip="Close the chapter list"),
    ]

    def __init__(self, book: str, chapters: Sequence[Article], positions: Mapping[str, Sequence[Any]],
                 current: str | None = None) -> None:
        super().__init__()
        self.book = book
        self.chapters = list(chapters)
        self.positions = positions
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            done = book_percent(self.chapters, self.positions)
            yield Static(Text.assemble(
                (self.book, "bold"),
                (f"  {len(self.chapters)} chapters · {done if done is not None else 0}% read", "dim"),
            ), id="chapters-title")
            yield OptionList(id="chapters-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        width = len(str(len(self.chapters)))
        highlighted = 0
        for n, chapter in enumerate(self.chapters, start=1):
            share = percent_at_place(chapter, self.positions.get(chapter.id))
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("▸ " if chapter.id == self.current else "  ", style="bold")
            line.append(f"{n:>{width}}. ", style="dim")
            line.append(chapter.title, style="bold" if chapter.id == self.current else "")
            line.append(f"  {share}%" if share is not None else "  —", style="dim")
            options.add_option(Option(line, id=chapter.id))
            if chapter.id == self.current:
                highlighted = n - 1
        options.highlighted = highlighted
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.chapters):
            self.dismiss(self.chapters[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
