"""The library: every bundled and imported article, with how far you are in each.

A book (an EPUB import: one article per chapter) is one row, with its chapter count and how far it
has been read; Enter opens the chapter last read, ``c`` lists its chapters. Type to filter (title,
source, section, tags, id); Enter opens the highlighted article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from .app import WorkerErrors
from .progress import book_percent, last_read_chapter, percent_read

if TYPE_CHECKING:
    from reader.core.article import Article, Book


def _ago(when: Any) -> str:
    """A date as the reader thinks of it: the calendar day (no clock, so snapshots stay stable)."""
    if when is None:
        return "—"
    try:
        return when.strftime("%Y-%m-%d")
    except AttributeError:
        return str(when)[:10]


class LibraryScreen(WorkerErrors, Screen):
    """The articles you can read."""

    HELP = "Your articles. Type to filter, ↑/↓ to choose, Enter to read."

    BINDINGS = [
        Binding("enter", "open", "Read", id="library.open", tooltip="Open the highlighted article"),
        Binding("slash", "filter", "Filter", id="library.filter", tooltip="Filter the list (or just start typing)"),
        Binding("c", "chapters", "Chapters", id="library.chapters",
                tooltip="The highlighted book's chapters, with how far each has been read"),
        Binding("ctrl+f", "app.search_library", "Search all", id="library.search",
                tooltip="Search every article for a text (keyword in context; Enter reads it there)"),
        Binding("v", "app.vocabulary", "Vocabulary", id="library.vocab", tooltip="Your saved words"),
        Binding("r", "app.review", "Review", id="library.review", tooltip="Review the words that are due"),
        Binding("B", "app.bookmarks", "Bookmarks", id="library.bookmarks", tooltip="Bookmarks in every article"),
        Binding("L", "app.glossary", "Glossary", id="library.glossary", tooltip="Browse the policy-term glossary"),
        Binding("question_mark", "app.help", "Help", id="library.help", tooltip="Every key, explained"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear", tooltip="Show every article again"),
        Binding("q", "app.quit", "Quit", id="library.quit", tooltip="Quit yuedu (ctrl+q works everywhere)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._articles: list[Article] = []
        self._items: list[Article | Book] = []  # the shelf: articles, and books of chapters
        self._shown: list[Article | Book] = []
        self._positions: dict[str, Any] = {}

    _composed = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-header"):
            yield Static(Text("阅读 yuedu · library"), id="library-title")
            yield Static(Text(""), id="library-due")
        # select_on_focus off: the first letter typed on the list focuses the box; selecting it then would let
        # the second letter replace the first.
        yield Input(placeholder="type to filter: title, source, tag…", id="library-filter", select_on_focus=False)
        table: DataTable = DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(Text("loading articles…"), id="library-empty")
        yield Footer()

    def on_mount(self) -> None:
        self._composed = True  # children are mounted: services may be shown
        table = self.query_one("#library-table", DataTable)
        table.add_column("Title", key="title")
        table.add_column("Source", key="source")
        table.add_column("Chars", key="chars")
        table.add_column("Read", key="progress")
        table.add_column("Last read", key="last")
        table.add_column("Saved", key="saved")
        table.focus()
        self.on_service_ready("library")

    def on_screen_resume(self) -> None:
        # Back from reading: progress and saved words changed. The filter is kept, but the keys go to the
        # list again (the filter box had focus when Enter opened the article): q, v, r, B, L and / act, and a
        # letter that is no key starts filtering (on_key).
        self.query_one("#library-table", DataTable).focus()
        self._fill()

    def on_service_ready(self, name: str) -> None:
        if not self._composed:
            return
        if name in ("library", "store"):
            library = self.app.services.library  # type: ignore[attr-defined]
            if library is not None:
                from reader.core.article import shelf

                self._articles = list(library.articles)
                self._items = shelf(self._articles)
            self._fill()

    # ------------------------------------------------------------------ table

    def _matches(self, item: Article | Book, query: str) -> bool:
        if not query:
            return True
        chapters = getattr(item, "chapters", None)
        if chapters is not None:  # a book: its title, or any chapter's
            return any(self._matches(chapter, query) for chapter in chapters)
        article = item
        q = query.casefold()
        haystack = " ".join(
            str(x) for x in (article.title, article.kicker, article.source, article.section, article.series,
                             article.column, article.byline, article.id, *article.tags) if x
        ).casefold()
        return all(part in haystack for part in q.split())

    def _fill(self) -> None:
        if not self._composed:
            return
        table = self.query_one("#library-table", DataTable)
        query = self.query_one("#library-filter", Input).value.strip()
        store = self.app.services.store  # type: ignore[attr-defined]
        selected = _key(self._shown[table.cursor_row]) if self._shown and 0 <= table.cursor_row < len(self._shown) else None
        self._shown = [a for a in self._items if self._matches(a, query)]
        positions: dict[str, Any] = {}
        saved: dict[str, int] = {}
        if store is not None:
            try:  # two queries for the whole list, however many articles
                positions = store.positions()
                saved = store.words_saved_by_article()
            except Exception:
                pass
        self._positions = positions
        table.clear()
        for item in self._shown:
            chapters = getattr(item, "chapters", None)
            if chapters is not None:
                done = book_percent(chapters, positions)
                dates = [positions[c.id][2] for c in chapters if c.id in positions]
                last = max(dates) if dates else None
                count = sum(saved.get(c.id, 0) for c in chapters)
                title = Text.assemble(Text(item.title, style="bold"),
                                      Text(f" · {len(chapters)} chapter{'s' if len(chapters) != 1 else ''}", style="dim"))
                source = item.byline or item.source
            else:
                article = item
                position = positions.get(article.id)
                done = percent_read(position)
                last = position[2] if position else None
                count = saved.get(article.id, 0)
                title = Text(article.title, style="bold")
                if article.kicker:
                    title = Text.assemble(Text(article.kicker + " · ", style="dim"), title)
                source = article.source
            table.add_row(
                title,
                Text(source or "—"),
                Text(f"{item.char_count:,}", justify="right"),
                Text(f"{done}%" if done is not None else "—", justify="right"),
                Text(_ago(last)),
                Text(str(count) if count else "—", justify="right"),
                key=_key(item),
            )
        if selected is not None:
            index = next((i for i, a in enumerate(self._shown) if _key(a) == selected), 0)
            table.move_cursor(row=index)
        empty = self.query_one("#library-empty", Static)
        library = self.app.services.library  # type: ignore[attr-defined]
        if library is None:
            empty.update(Text("loading articles…"))
        elif not self._articles:
            empty.update(Text("No articles yet. Import one with: yuedu import FILE"))
        elif not self._shown:
            empty.update(Text(f"Nothing matches “{query}”. Esc shows every article."))
        else:
            empty.update(Text(""))
        empty.display = not self._shown
        self._show_due()

    def _show_due(self) -> None:
        store = self.app.services.store  # type: ignore[attr-defined]
        due = self.query_one("#library-due", Static)
        if store is None:
            due.update(Text(""))
            return
        try:
            count = store.due_count()
        except Exception:
            due.update(Text(""))
            return
        due.update(Text(f"{count} word{'s' if count != 1 else ''} due for review (r)", style="bold" if count else ""))

    # ------------------------------------------------------------------ filtering

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """Type to filter: a printable key that is not one of ours goes to the filter box."""
        box = self.query_one("#library-filter", Input)
        if self.focused is box:
            if event.key in ("down", "up"):
                table = self.query_one("#library-table", DataTable)
                table.action_cursor_down() if event.key == "down" else table.action_cursor_up()
                event.stop()
            elif event.key == "escape":
                self.action_clear_filter()
                event.stop()
            return
        if event.is_printable and event.character and event.character not in self._bound_characters():
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def _bound_characters(self) -> set[str]:
        keys = {"/", "?", " "}
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and len(binding.key) == 1:
                keys.add(binding.key)
        return keys

    def action_filter(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.value = ""
        self.query_one("#library-table", DataTable).focus()
        self._fill()

    @on(DataTable.RowSelected, "#library-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _highlighted(self) -> Article | Book | None:
        table = self.query_one("#library-table", DataTable)
        if not self._shown:
            return None
        return self._shown[max(0, min(table.cursor_row, len(self._shown) - 1))]

    def action_open(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        chapters = getattr(item, "chapters", None)
        if chapters is not None:
            item = last_read_chapter(chapters, self._positions)  # where the reader left off
        self.app.open_article(item)  # type: ignore[attr-defined]

    def action_chapters(self) -> None:
        """The highlighted book's chapter list; Enter opens a chapter."""
        item = self._highlighted()
        chapters = getattr(item, "chapters", None)
        if item is None or chapters is None:
            self.notify("not a book: c lists the chapters of a book", severity="warning")
            return
        from .chapters_dialog import ChaptersDialog

        current = last_read_chapter(chapters, self._positions)

        def opened(chapter: Article | None) -> None:
            if chapter is not None:
                self.app.open_article(chapter)  # type: ignore[attr-defined]

        self.app.push_screen(ChaptersDialog(item.title, chapters, self._positions, current.id), opened)


def _key(item: Article | Book) -> str:
    """The table row key: an article's id, or ``book:`` and the book's id."""
    return f"book:{item.id}" if getattr(item, "chapters", None) is not None else item.id
