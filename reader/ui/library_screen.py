"""The library: every bundled and imported article, with how far you are in each.

Type to filter (title, source, section, tags, id); Enter opens the highlighted article.
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

from .base import LibraryReady, OpenArticle, StoreReady, WorkerErrors

if TYPE_CHECKING:
    from reader.core.article import Article
    from reader.session import Session


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
        Binding("v", "app.vocabulary", "Vocabulary", id="library.vocab", tooltip="Your saved words"),
        Binding("r", "app.review", "Review", id="library.review", tooltip="Review the words that are due"),
        Binding("B", "app.bookmarks", "Bookmarks", id="library.bookmarks", tooltip="Bookmarks in every article"),
        Binding("L", "app.glossary", "Glossary", id="library.glossary", tooltip="Browse the policy-term glossary"),
        Binding("question_mark", "app.help", "Help", id="library.help", tooltip="Every key, explained"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear", tooltip="Show every article again"),
        Binding("q", "app.quit", "Quit", id="library.quit", tooltip="Quit yuedu (ctrl+q works everywhere)"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.loaded = session.loaded  # what has loaded so far (never loads on the event loop)
        self._articles: list[Article] = []
        self._shown: list[Article] = []

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
        self._parts_arrived()

    def on_screen_resume(self) -> None:
        # Back from reading: progress and saved words changed. The filter is kept, but the keys go to the
        # list again (the filter box had focus when Enter opened the article): q, v, r, B, L and / act, and a
        # letter that is no key starts filtering (on_key).
        self.query_one("#library-table", DataTable).focus()
        self._fill()

    @on(LibraryReady)
    @on(StoreReady)
    def _parts_arrived(self) -> None:
        """The articles, or the store (progress, saved words, what is due), have loaded."""
        if not self._composed:
            return
        library = self.loaded.library
        if library is not None:
            self._articles = list(library.articles)
        self._fill()

    # ------------------------------------------------------------------ table

    def _matches(self, article: Article, query: str) -> bool:
        if not query:
            return True
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
        selected = self._shown[table.cursor_row].id if self._shown and 0 <= table.cursor_row < len(self._shown) else None
        self._shown = [a for a in self._articles if self._matches(a, query)]
        table.clear()
        # the session's rows: a fixed number of queries however many articles (not three per row)
        for row in self.session.library_rows(self._shown):
            article, last, saved = row.article, row.last_read, row.saved
            progress_text = f"{row.percent}%" if row.percent is not None else "—"
            title = Text(article.title, style="bold")
            if article.kicker:
                title = Text.assemble(Text(article.kicker + " · ", style="dim"), title)
            table.add_row(
                title,
                Text(article.source or "—"),
                Text(f"{article.char_count:,}", justify="right"),
                Text(progress_text, justify="right"),
                Text(_ago(last)),
                Text(str(saved) if saved else "—", justify="right"),
                key=article.id,
            )
        if selected is not None:
            index = next((i for i, a in enumerate(self._shown) if a.id == selected), 0)
            table.move_cursor(row=index)
        empty = self.query_one("#library-empty", Static)
        library = self.loaded.library
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
        store = self.loaded.store
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

    def action_open(self) -> None:
        table = self.query_one("#library-table", DataTable)
        if not self._shown:
            return
        row = max(0, min(table.cursor_row, len(self._shown) - 1))
        self.post_message(OpenArticle(self._shown[row]))
