"""Search across the library: type a text, every paragraph that holds it as a keyword-in-context line
(article title, ¶ N, the match highlighted); Enter opens the article at that paragraph.

The index is the one ``yuedu search`` uses (reader/core/search.py, in the cache folder). It is opened
and brought up to date on a worker thread when the screen opens; each search runs on a worker thread
too, the newest one only: a keystroke interrupts the search still running for the text before it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from .base import WorkerErrors

if TYPE_CHECKING:
    from reader.core.search import Hit, SearchIndex
    from reader.session import Session

_HERE = Path(__file__).resolve().parent
LIMIT = 500  # hits listed at most (the count says how many there are)


def kwic(hit: Hit, query: str, width: int) -> Text:
    """One hit as two lines: its article and ¶, then the match in the middle of its context, cut to fit
    ``width`` cells (a hanzi takes two)."""
    from reader.core.sanitize import safe_line

    side = max(4, (width - 6 - 2 * len(query)) // 4)  # characters either side (two cells each)
    left, match, right = (safe_line(part) for part in hit.context(query, side))
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(safe_line(hit.heading), style="bold")
    line.append(f"  ¶ {hit.paragraph}\n", style="dim")
    line.append("  " + left)
    line.append(match, style="reverse bold")
    line.append(right)
    return line


class SearchScreen(WorkerErrors, Screen):
    """Every paragraph of the library that holds the text typed."""

    CSS_PATH = _HERE / "search.tcss"
    HELP = "Search every article: type a text (hanzi, a name, a word); ↑/↓ to choose a hit, Enter to read it there."

    BINDINGS = [
        Binding("escape", "close", "Back", id="search.close", tooltip="Back to where you were"),
        Binding("enter", "open", "Read", id="search.open", tooltip="Open the article at the highlighted paragraph"),
        Binding("ctrl+f", "focus_query", "Search", show=False, id="search.query", tooltip="Type a new search"),
    ]

    class Results(Message):
        """A search has finished (posted by its worker)."""

        def __init__(self, query: str, hits: list[Hit], total: int, error: str | None = None) -> None:
            super().__init__()
            self.query = query
            self.hits = hits
            self.total = total
            self.error = error

    class Ready(Message):
        """The index is open and up to date."""

        def __init__(self, index: SearchIndex | None, error: str | None = None) -> None:
            super().__init__()
            self.index = index
            self.error = error

    def __init__(self, session: Session, query: str = "") -> None:
        super().__init__()
        self.session = session
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()  # one search at a time on the shared connection
        self._initial = query
        self._query = ""
        self._hits: list[Hit] = []
        self._shown_for = ""

    def compose(self) -> ComposeResult:
        yield Static(Text("阅读 yuedu · search every article"), id="search-title")
        yield Input(value=self._initial, placeholder="text to find: 创新, 新质生产力, a name…", id="search-query",
                    select_on_focus=False)
        yield OptionList(id="search-results")
        yield Static(Text("opening the search index…"), id="search-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()
        self._open_index()

    # ------------------------------------------------------------------ the index

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _open_index(self) -> None:
        from reader import paths
        from reader.core.search import SearchIndex

        given = self.session.library_dirs
        dirs = self.session.library_folders()
        # The library the app was given (tests, benchmarks) is searched from an index of its own in memory.
        where = Path(":memory:") if given else paths.cache_dir() / "search.sqlite3"
        try:
            index = SearchIndex(where, shared=True)
            with self._lock:
                index.sync(dirs)
        except Exception as exc:  # shown in the status line: search is unavailable, the app goes on
            self.post_message(self.Ready(None, f"the search index could not be opened: {exc}"))
            return
        self.post_message(self.Ready(index))

    @on(Ready)
    def _ready(self, event: Ready) -> None:
        if event.index is None:
            self._status(event.error or "search is unavailable", error=True)
            return
        if not self.is_attached:
            self._close_index(event.index)
            return
        self._index = event.index
        self._run(self.query_one("#search-query", Input).value)

    def on_unmount(self) -> None:
        if self._index is not None:
            index, self._index = self._index, None
            index.interrupt()
            threading.Thread(target=self._close_index, args=(index,), daemon=True).start()

    def _close_index(self, index: SearchIndex) -> None:
        with self._lock:
            index.close()

    # ------------------------------------------------------------------ searching

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    def _run(self, value: str) -> None:
        query = " ".join(value.split())
        self._query = query
        if self._index is None:
            return  # searched as soon as the index is ready
        if not query:
            self._show(query, [], 0)
            return
        self._index.interrupt()  # the search for the text before this one is of no use now
        self._status("searching…")
        self._search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        import sqlite3

        worker = get_current_worker()
        index = self._index
        with self._lock:
            if worker.is_cancelled or index is None or query != self._query:
                return
            try:
                hits = index.search(query, limit=LIMIT)
                total = len(hits) if len(hits) < LIMIT else index.count(query)
            except sqlite3.OperationalError as exc:
                if "interrupt" in str(exc):
                    return  # a newer search took its place
                self.post_message(self.Results(query, [], 0, f"search failed: {exc}"))
                return
        if not worker.is_cancelled:
            self.post_message(self.Results(query, hits, total))

    @on(Results)
    def _results(self, event: Results) -> None:
        if event.query != self._query:
            return  # stale: the text has changed since
        if event.error:
            self._status(event.error, error=True)
            return
        self._show(event.query, event.hits, event.total)

    def _show(self, query: str, hits: list[Hit], total: int) -> None:
        self._hits = hits
        self._shown_for = query
        options = self.query_one("#search-results", OptionList)
        options.clear_options()
        width = max(20, options.size.width or self.size.width) - 2
        options.add_options([Option(kwic(hit, query, width)) for hit in hits])
        if hits:
            options.highlighted = 0
        if not query:
            self._status("type a text to find it in every article")
        elif not hits:
            self._status(f"no paragraph holds “{query}”")
        else:
            articles = len({h.article for h in hits})
            more = f" (the first {len(hits)} shown)" if total > len(hits) else ""
            self._status(f"{total} paragraph{'s' if total != 1 else ''} in {articles}"
                         f"{'+' if more else ''} article{'s' if articles != 1 else ''}{more} · Enter reads it there")

    def _status(self, message: str, *, error: bool = False) -> None:
        self.query_one("#search-status", Static).update(Text(message, style="bold red" if error else ""))

    def on_resize(self, event: events.Resize) -> None:
        if self._hits:
            self.call_after_refresh(self._show, self._shown_for, self._hits, len(self._hits))

    # ------------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        """↑/↓ in the text box move through the hits."""
        if self.focused is self.query_one("#search-query", Input) and event.key in ("down", "up"):
            options = self.query_one("#search-results", OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def action_open(self) -> None:
        options = self.query_one("#search-results", OptionList)
        index = options.highlighted
        if not self._hits or index is None or not 0 <= index < len(self._hits):
            return
        hit = self._hits[index]
        app: Any = self.app
        article = app.find_article(hit.article)
        if article is None:
            self.notify(f"article {hit.article!r} is not in your library (any more)", severity="warning", markup=False)
            return
        block = article.block_of_paragraph(hit.paragraph)
        self.dismiss_to(hit.article, block if block is not None else 0, self._shown_for)

    def dismiss_to(self, article_id: str, block: int, find: str) -> None:
        app: Any = self.app
        app.pop_screen()
        app.jump_to(article_id, block, find=find)

    def action_close(self) -> None:
        self.app.pop_screen()
