"""Small dialogs that return a result: fix a word's reading, pick a bookmark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .article_view import paragraph_label

class FixReadingDialog(ModalScreen[Any]):
    """Type a word's correct reading in tone-number pinyin; Enter saves, Esc cancels.

    ``fix(typed)`` parses, checks and applies it (the session's :meth:`~reader.session.Session.fix_reading`):
    the dialog closes with what it returns, or shows its :class:`~reader.errors.UserError` and stays open."""

    DEFAULT_CSS = """
    FixReadingDialog {
        align: center middle;
        & > Vertical {
            width: 56;
            max-width: 100%;  /* a 40-column terminal: the dialog fits, its text wraps */
            height: auto;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
        #fix-error { color: $error; height: auto; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="fix.cancel", tooltip="Close without saving")]

    def __init__(self, word: str, current: str, fix: Callable[[str], Any]) -> None:
        super().__init__()
        self.word = word
        self.current = current
        self.fix = fix

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text.assemble(("Fix the reading of ", ""), (self.word, "bold")))
            yield Static(Text("Tone numbers, one syllable per character (5 = neutral, v = ü).", style="dim"))
            yield Input(value=self.current, placeholder="zhong4 yao4", id="fix-input")
            yield Static(Text(""), id="fix-error")

    @on(Input.Submitted, "#fix-input")
    def _submitted(self, event: Input.Submitted) -> None:
        from reader.errors import UserError

        try:
            result = self.fix(event.value)
        except UserError as exc:
            self.query_one("#fix-error", Static).update(Text(str(exc)))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class BookmarksScreen(ModalScreen[tuple[str, int] | None]):
    """Your bookmarks (in one article, or everywhere); Enter jumps, d deletes."""

    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 100;
            height: 80%;
            border: round $accent;
            background: $panel;
        }
        OptionList { height: 1fr; border: none; }
    }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="bookmarks.close", tooltip="Back to reading"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete", tooltip="Delete the highlighted bookmark"),
    ]

    def __init__(self, store: Any, article_id: str | None = None, find_article: Any = None) -> None:
        super().__init__()
        self.store = store
        self.article_id = article_id
        self.find_article = find_article or (lambda article_id: None)
        self._marks: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            title = "Bookmarks in this article" if self.article_id else "Bookmarks"
            yield Static(Text.assemble((title, "bold"), ("  Enter: go · d: delete · Esc: close", "dim")))
            yield OptionList(id="bookmark-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        try:
            article = self.find_article(self.article_id) if self.article_id else None
            if article is not None:  # re-anchored on the paragraphs' text, in case the file changed
                self._marks = self.store.list_bookmarks(self.article_id, block_texts=[b.text for b in article.blocks])
            else:
                self._marks = self.store.list_bookmarks(self.article_id)
        except Exception as exc:
            self.notify(f"could not read bookmarks: {exc}", severity="error", markup=False)
            self._marks = []
        if not self._marks:
            options.add_option(Option(Text("No bookmarks yet: press b on a paragraph.", style="dim"), disabled=True))
            return
        for mark in self._marks:
            line = Text()
            article = self.find_article(mark.article_id)
            if not self.article_id:
                line.append(f"{article.title if article else mark.article_id}  ", style="dim")
            label = paragraph_label(article, mark.block_index) if article else f"¶ {mark.block_index + 1}"
            line.append(f"{label}  ", style="bold")
            if mark.name:
                line.append(mark.name + "  ", style="italic")
            line.append(mark.excerpt)
            options.add_option(Option(line))
        options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self._marks):
            mark = self._marks[event.option_index]
            self.dismiss((mark.article_id, mark.block_index))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not (0 <= index < len(self._marks)):
            return
        self.store.remove_bookmark(self._marks[index].id)
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)
