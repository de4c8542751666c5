"""An article's (or a book's) info: what its file says about it, its own front matter keys (the
``extra`` map: an EPUB's book, a Markdown file's keys of its own), its length and its coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.sanitize import safe_text

if TYPE_CHECKING:
    from reader.core.article import Article, Book

# keys the book row already says in its own words (or that only number the chapters)
_BOOK_KEYS = ("book", "book_id", "chapter", "chapters")


def info_rows(item: Article | Book, known: tuple[float, int] | None) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order a reader wants them; empty fields left out."""
    chapters = getattr(item, "chapters", None)
    rows: list[tuple[str, str]] = []
    if chapters is not None:
        first = chapters[0]
        rows += [("book", item.title), ("author", item.byline or ""), ("source", item.source or ""),
                 ("date", first.date or ""), ("chapters", str(len(chapters)))]
        extra = {k: v for k, v in first.extra.items() if k not in _BOOK_KEYS}
        paragraphs = sum(len(c.paragraphs) for c in chapters)
        where = str(first.path.parent) if first.path else ""
    else:
        article = item
        rows += [("title", article.title), ("kicker", article.kicker or ""), ("source", article.source or ""),
                 ("section", article.section or ""), ("series", article.series or ""),
                 ("column", article.column or ""), ("byline", article.byline or ""), ("date", article.date or ""),
                 ("note", article.note or ""), ("tags", "、".join(article.tags))]
        if article.extra.get("book"):
            rows.append(("book", f"{article.extra['book']}, chapter {article.extra.get('chapter', '?')}"
                                 f" of {article.extra.get('chapters', '?')}"))
        extra = {k: v for k, v in article.extra.items() if k not in _BOOK_KEYS}
        paragraphs = len(article.paragraphs)
        where = str(article.path) if article.path else ""
        rows.append(("id", article.id))
    rows += [(key, value) for key, value in extra.items()]
    rows.append(("length", f"{item.char_count:,} characters, {paragraphs:,} paragraphs"))
    if known is not None:
        rows.append(("known", f"{known[0]:.1f}% of {known[1]:,} running words"))
    rows.append(("file" if chapters is None else "folder", where))
    return [(label, value) for label, value in rows if value]


class InfoDialog(ModalScreen[None]):
    """Everything known about the highlighted article or book; any key closes it."""

    DEFAULT_CSS = """
    InfoDialog {
        align: center middle;
        & > VerticalScroll {
            width: 84;
            max-width: 100%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [Binding("escape,q,i,enter", "close", "Close", id="info.close", tooltip="Close the info")]

    def __init__(self, item: Article | Book, known: tuple[float, int] | None = None) -> None:
        super().__init__()
        self.item = item
        self.known = known
        self.rows = info_rows(item, known)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        chapters = getattr(self.item, "chapters", None)
        extra = set((chapters[0] if chapters else self.item).extra) - set(_BOOK_KEYS)
        for label, value in self.rows:
            # keys of the file's own (the extra map) in italics: they are the file's words, not ours
            table.add_row(Text(safe_text(label), style="italic" if label in extra else ""), Text(safe_text(value)))
        with VerticalScroll():
            yield Static(table, id="info-table")

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event: Any) -> None:
        self.dismiss(None)
