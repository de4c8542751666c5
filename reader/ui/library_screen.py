"""The library: every bundled and imported article, with how far you are in each.

A book (an EPUB import: one article per chapter) is one row, with its chapter count and how far it
has been read; Enter opens the chapter last read, ``c`` lists its chapters. Type to filter (title,
source, section, tags, id); Enter opens the highlighted article.

The Known column is each article's coverage: the share of its running words the reader knows
(reader/core/knowledge.py). The word counts behind it are kept in the cache folder
(core/word_counts.py); a worker reads them back (and counts the articles not counted yet, one by
one, while the library is on screen), and a change of knowledge only re-weighs them. ``s`` sorts by
it, easiest first.

``D`` (or Delete) deletes the highlighted article (or book): its files are moved aside into a trash folder of the
data folder, and ``u`` puts them back; the trash is emptied when yuedu quits (undo is then no longer
possible). The user's saved words, reading place and bookmarks are never touched. ``t`` retitles it
(the file's ``title:`` line is rewritten, its id kept).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from .base import AnnotatorReady, DictionaryReady, LibraryReady, OpenArticle, StoreReady, WorkerErrors
from .progress import book_percent, last_read_chapter, percent_at_place

if TYPE_CHECKING:
    from reader.core.article import Article, Book
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
        Binding("ctrl+f", "app.search_library", "Search all", id="library.search",
                tooltip="Search every article for a text (keyword in context; Enter reads it there)"),
        Binding("v", "app.vocabulary", "Vocabulary", id="library.vocab", tooltip="Your saved words"),
        Binding("r", "app.review", "Review", id="library.review", tooltip="Review the words that are due"),
        Binding("B", "app.bookmarks", "Bookmarks", id="library.bookmarks", tooltip="Bookmarks in every article"),
        Binding("L", "app.glossary", "Glossary", id="library.glossary", tooltip="Browse the policy-term glossary"),
        Binding("c", "chapters", "Chapters", id="library.chapters",
                tooltip="The highlighted book's chapters, with how far each has been read"),
        Binding("s", "sort", "Sort", id="library.sort",
                tooltip="Sort by the share of words you know (easiest first), or back to library order"),
        Binding("i", "info", "Info", id="library.info",
                tooltip="Everything the article's file says about it (source, date, its own keys), and its coverage"),
        Binding("t", "retitle", "Title", id="library.retitle", tooltip="Give the highlighted article or book a new title"),
        # capital D: a filter typed on the list starts with its first letter, and that must never delete
        Binding("D,delete", "delete", "Delete", id="library.delete",
                tooltip="Delete the highlighted article or book (u puts it back; your saved words stay)"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="library.undo",
                tooltip="Put back the article or book deleted last"),
        Binding("question_mark", "app.help", "Help", id="library.help", tooltip="Every key, explained"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear", tooltip="Show every article again"),
        Binding("q", "app.quit", "Quit", id="library.quit", tooltip="Quit yuedu (ctrl+q works everywhere)"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.loaded = session.loaded  # what has loaded so far (never loads on the event loop)
        self._articles: list[Article] = []
        self._items: list[Article | Book] = []  # the shelf: articles, and books of chapters
        self._shown: list[Article | Book] = []
        self._positions: dict[str, Any] = {}
        self._saved: dict[str, int] = {}
        self._fill_generation = 0
        # coverage: article id -> (known percent, running words); counted texts kept for re-weighing
        self._coverage: dict[str, tuple[float, int]] = {}
        self._counted: dict[str, Any] = {}
        self._counted_by: Any = None  # the annotator the counts were made with
        self._count_cache: Any = None
        self._coverage_wait: Any = None  # the timer that starts the column once the rows are all in
        self._folder_state: dict[str, tuple[int, int]] | None = None  # the library folders' files, as shown
        self._widest = (0, 0)  # cells: the widest title and source in the table
        self._sort = "library"  # or "known"
        # deletions that u can undo, newest last: (title, articles, their places in the library, moved files)
        self._deleted: list[tuple[str, list[Article], list[int], list[tuple[Any, Any]]]] = []
        self._trash: Any = None  # this run's trash folder (made on the first delete)

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
        table.add_column("Known", key="known")
        table.focus()
        self._parts_arrived()
        # Articles imported from the command line while the library is open appear by themselves: the
        # folders are looked at (names, sizes, times: no file is read) every few seconds, off the loop.
        self.set_interval(self.FOLDER_CHECK_S, self._check_folders)

    def on_screen_resume(self) -> None:
        # Back from reading: progress and saved words changed. The filter is kept, but the keys go to the
        # list again (the filter box had focus when Enter opened the article): q, v, r, B, L and / act, and a
        # letter that is no key starts filtering (on_key).
        self.query_one("#library-table", DataTable).focus()
        self._refresh_cells()
        self._start_coverage()  # words marked known while reading: the column is re-weighed
        self._check_folders()  # articles imported (`yuedu import`) while the reader was elsewhere

    def on_screen_suspend(self) -> None:
        # Counting articles not counted yet annotates them: not while the reader needs the annotator.
        self.workers.cancel_group(self, "library-coverage")

    @on(LibraryReady)
    @on(StoreReady)
    def _parts_arrived(self) -> None:
        """The articles, or the store (progress, saved words, what is due), have loaded."""
        if not self._composed:
            return
        library = self.loaded.library
        if library is not None:
            from reader.core.article import shelf

            self._articles = list(library.articles)
            self._items = shelf(self._articles)
            if self._folder_state is None:
                self._check_folders()  # what the folders hold now, to notice what is added later
        self._fill()
        self._start_coverage()

    @on(AnnotatorReady)
    @on(DictionaryReady)
    def _engine_arrived(self) -> None:
        """The engine or CC-CEDICT: the Known column can be counted."""
        if self._composed:
            self._start_coverage()

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
        store = self.loaded.store
        selected = _key(self._shown[table.cursor_row]) if self._shown and 0 <= table.cursor_row < len(self._shown) else None
        self._shown = [a for a in self._items if self._matches(a, query)]
        if self._sort == "known":  # easiest first; the ones not counted yet last
            self._shown.sort(key=lambda item: -(self._known_of(item) or (-1.0, 0))[0])
        positions: dict[str, Any] = {}
        saved: dict[str, int] = {}
        if store is not None:
            try:  # two queries for the whole list, however many articles
                positions = store.places()
                saved = store.words_saved_by_article()
            except Exception:
                pass
        self._positions = positions
        self._saved = saved
        table.clear()
        self._widest = (0, 0)
        # The rows go in a screenful at a time, a frame apart: the table measures every new cell when it
        # is next idle (a thousand articles at once stood the screen still for a fifth of a second).
        self._fill_generation += 1
        target = next((i for i, a in enumerate(self._shown) if _key(a) == selected), 0) if selected else 0
        self._add_rows(self._fill_generation, 0, target)
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

    def _refresh_cells(self) -> None:
        """Back from reading: the same rows, some cells changed (% read, last read, saved). They are
        changed in place; only a list that is not all there (still filling) or no longer the same is
        filled again (a thousand rows put in again are measured again: a visible pause)."""
        table = self.query_one("#library-table", DataTable)
        if not self._composed or table.row_count != len(self._shown):
            self._fill()
            return
        store = self.loaded.store
        if store is None:
            return
        try:
            places = store.places()
            saved = store.words_saved_by_article()
        except Exception:
            return
        # Only the rows whose place or saved words changed are touched (a thousand rows built again to
        # compare them stood the loop still for a tenth of a second).
        changed = {i for i in places.keys() | self._positions.keys() if places.get(i) != self._positions.get(i)}
        changed |= {i for i in saved.keys() | self._saved.keys() if saved.get(i) != self._saved.get(i)}
        self._positions, self._saved = places, saved
        if changed:
            columns = [k.value for k in table.columns]
            for item in self._shown:
                ids = [c.id for c in getattr(item, "chapters", None) or [item]]
                if not changed.intersection(ids):
                    continue
                key = _key(item)
                if key not in table.rows:
                    self._fill()
                    return
                for column, after in zip(columns, self._cells(item)):
                    if column in ("progress", "last", "saved"):
                        table.update_cell(key, column, after)
        self._show_due()

    ROWS_AT_ONCE = 40  # about a screenful: the first paint measures and draws no more than it shows

    def _add_rows(self, generation: int, start: int, target: int) -> None:
        """Rows ``start`` onwards (at most ROWS_AT_ONCE), then the rest a frame later; ``target``: the
        row the cursor goes to once it is there. A newer fill (``generation``) stops an older one."""
        if generation != self._fill_generation or not self.is_attached:
            return
        table = self.query_one("#library-table", DataTable)
        end = min(len(self._shown), start + self.ROWS_AT_ONCE)
        for item in self._shown[start:end]:
            cells = self._cells(item)
            # the widest title and source so far (the table measures its cells later, when it is idle)
            self._widest = (max(self._widest[0], cells[0].cell_len), max(self._widest[1], cells[1].cell_len))
            table.add_row(*cells, key=_key(item))
        if start <= target < end:
            table.move_cursor(row=target)
        self._fit_columns()
        self.call_after_refresh(self._fit_columns)  # again once the table has measured the new cells
        if end < len(self._shown):
            self.set_timer(0.02, lambda: self._add_rows(generation, end, target))

    def _cells(self, item: Article | Book) -> tuple[Text, ...]:
        positions, saved = self._positions, self._saved
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
            done = percent_at_place(article, position)
            last = position[2] if position else None
            count = saved.get(article.id, 0)
            title = Text(article.title, style="bold")
            if article.kicker:
                title = Text.assemble(Text(article.kicker + " · ", style="dim"), title)
            source = article.source
        # A cell wider than its column (see _fit_columns) ends in "…" rather than running off the screen.
        title.no_wrap, title.overflow = True, "ellipsis"
        return (
            title,
            Text(source or "—", no_wrap=True, overflow="ellipsis"),
            Text(f"{item.char_count:,}", justify="right"),
            Text(f"{done}%" if done is not None else "—", justify="right"),
            Text(_ago(last)),
            Text(str(count) if count else "—", justify="right"),
            self._known_cell(item),
        )

    # Narrowest the title and the source get; on a terminal too narrow for every column at that, the
    # columns that matter least are folded away (drawn 0 wide), in this order.
    TITLE_MIN, SOURCE_MIN = 16, 8
    FOLD_ORDER = ("last", "saved", "source", "chars")
    # The Known column's cells come in after the rows, without measuring the column again: it is as wide
    # as its widest figure ("100.0%") from the start (or its label, "Known ↓" when sorted by it).
    KNOWN_WIDTH = 6

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column on screen: the title (then the source) gets the width the other columns leave, and
        a longer one ends in "…"; each is no wider than its longest cell; on a narrow terminal the least
        needed columns fold away. Called as rows and the Known column come in and when the terminal is
        resized (a few sums, no cell is measured again)."""
        if not self._composed:
            return
        table = self.query_one("#library-table", DataTable)
        width = table.scrollable_content_region.width or table.size.width
        if not width:
            return
        columns = {k.value: c for k, c in table.columns.items()}
        title, source = columns["title"], columns["source"]
        pad = 2 * table.cell_padding

        def natural(column: Any) -> int:
            if column is columns["known"]:
                return max(self.KNOWN_WIDTH, column.label.cell_len)
            widest = self._widest[0] if column is title else self._widest[1] if column is source else 0
            return max(column.content_width, widest, column.label.cell_len)

        folded: set[str] = set()
        while True:
            fixed = sum(pad + (0 if k in folded else natural(c)) for k, c in columns.items()
                        if k not in ("title", "source"))
            source_min = 0 if "source" in folded else min(natural(source), self.SOURCE_MIN)
            if fixed + 2 * pad + self.TITLE_MIN + source_min <= width or len(folded) == len(self.FOLD_ORDER):
                break
            folded.add(self.FOLD_ORDER[len(folded)])
        left = width - fixed - 2 * pad
        natural_title, natural_source = natural(title), natural(source)
        if "source" in folded:
            source_width = 0
        else:
            source_width = min(natural_source, max(self.SOURCE_MIN, left - natural_title, left // 4))
        title_width = min(natural_title, max(self.TITLE_MIN, left - source_width))
        wanted = {k: (title_width if k == "title" else source_width if k == "source" else
                      0 if k in folded else natural(columns[k]) if k == "known" else None) for k in columns}
        changed = False
        for key, column in columns.items():
            want = wanted[key]
            state = (True, column.width) if want is None else (False, want)
            if (column.auto_width, column.width if want is not None else column.width) != state:
                column.auto_width = want is None
                if want is not None:
                    column.width = want
                changed = True
        if changed:
            table._require_update_dimensions = True  # the table's own measure, as when a cell changes
            table._clear_caches()
            table.refresh()

    # ------------------------------------------------------------------ coverage

    def _known_of(self, item: Article | Book) -> tuple[float, int] | None:
        """(known percent, running words) of an article, or of a book over all its chapters."""
        chapters = getattr(item, "chapters", None)
        if chapters is None:
            return self._coverage.get(item.id)
        found = [self._coverage[c.id] for c in chapters if c.id in self._coverage]
        if len(found) < len(chapters):
            return None
        words = sum(w for _p, w in found)
        if not words:
            return (100.0, 0)
        return (round(sum(p * w for p, w in found) / words, 1), words)

    def _known_cell(self, item: Article | Book) -> Text:
        known = self._known_of(item)
        if known is None:
            return Text("…" if self._coverage_possible() else "—", justify="right", style="dim")
        return Text(f"{known[0]:.1f}%", justify="right")

    def _coverage_possible(self) -> bool:
        services = self.loaded
        return not ({"store", "annotator", "dictionary"} & services.failed) and self.session.load_dictionary

    class Coverage(Message):
        """Coverage of some articles (posted by the coverage worker as it goes)."""

        def __init__(self, coverage: dict[str, tuple[float, int]], done: bool) -> None:
            super().__init__()
            self.coverage = coverage
            self.done = done

    def _start_coverage(self) -> None:
        services = self.loaded
        if not self._composed or not self._articles or not self.is_current:
            return
        if services.store is None or services.annotator is None or services.dictionary is None:
            return
        if self._fill_pending():  # the rows first: the column starts once the list is all there
            if self._coverage_wait is None:
                self._coverage_wait = self.set_timer(0.05, self._coverage_waited)
            return
        if self._coverage_wait is not None:  # started now: the wait is over
            self._coverage_wait.stop()
            self._coverage_wait = None
        articles = list(self._articles)
        # after the list is drawn: its first paint does not share the interpreter with the worker
        self.call_after_refresh(self._count_coverage, articles, services.store, services.annotator,
                                services.dictionary)

    def _coverage_waited(self) -> None:
        self._coverage_wait = None
        self._start_coverage()

    def _fill_pending(self) -> bool:
        """Rows still being put in (a screenful a frame)."""
        table = self.query_one("#library-table", DataTable)
        return table.row_count < len(self._shown)

    # The worker shares one interpreter lock with the event loop: it works in small slices and rests after
    # each as long as the slice took (a sleep hands the lock over at once), so the loop keeps at least half
    # the interpreter and a frame or a key never waits long behind the column.
    COVERAGE_SLICE = 20
    BREATH_S = 0.003
    POST_EVERY_S = 0.25  # the column fills in as it comes, a few times a second (each post redraws the rows)

    @work(thread=True, exclusive=True, group="library-coverage", exit_on_error=False)
    def _count_coverage(self, articles: list[Article], store: Any, annotator: Any, dictionary: Any) -> None:
        """What the reader knows (read here, off the loop), the kept word counts (read back and weighed a
        slice at a time, posted as they come), then the articles never counted, one by one (annotating
        them); cancelled when the screen is left."""
        import time

        from reader.core.word_counts import WordCountCache, library_counts
        from reader.store.knowledge import Knowledge

        worker = get_current_worker()
        try:
            states = Knowledge(store).states()  # the store serialises its threads itself
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"coverage: could not read your known words: {exc}",
                                      severity="warning", markup=False)
            return
        if self._counted_by is not annotator:  # a new annotator (a reading fixed): other words, other keys
            self._counted, self._counted_by = {}, annotator
        if self._count_cache is None:
            self._count_cache = WordCountCache()
        cache = self._count_cache
        counted = self._counted
        batch: dict[str, tuple[float, int]] = {}
        shown = time.monotonic()

        def post(done: bool) -> None:
            nonlocal batch, shown
            if batch or done:
                self.post_message(self.Coverage(batch, done))
            batch, shown = {}, time.monotonic()

        def weigh(ids: list[str]) -> None:
            for article_id in ids:
                percent, words, _unknown = counted[article_id].summary(states)
                batch[article_id] = (percent, words)

        todo: list[Article] = []
        for start in range(0, len(articles), self.COVERAGE_SLICE):
            if worker.is_cancelled:
                return
            began = time.monotonic()
            part = articles[start:start + self.COVERAGE_SLICE]
            missing = [a for a in part if a.id not in counted]
            if missing:
                counted.update(library_counts(missing, annotator, dictionary, cache, count_missing=False))
            weigh([a.id for a in part if a.id in counted])
            todo += [a for a in part if a.id not in counted]
            if time.monotonic() - shown > self.POST_EVERY_S:
                post(False)
            time.sleep(max(self.BREATH_S, time.monotonic() - began))
        post(not todo)
        for n, article in enumerate(todo, 1):
            if worker.is_cancelled:
                return
            counted.update(library_counts([article], annotator, dictionary, cache))
            weigh([article.id])
            if n == len(todo) or time.monotonic() - shown > 0.5:
                post(n == len(todo))
            time.sleep(self.BREATH_S)

    @on(Coverage)
    def _coverage_arrived(self, event: Coverage) -> None:
        self._coverage.update(event.coverage)
        if self._sort == "known" and event.done:  # sorted by it: sorted again once the column is whole
            self._fill()
            return
        table = self.query_one("#library-table", DataTable)
        for item in self._shown:
            chapters = getattr(item, "chapters", None)
            ids = [c.id for c in chapters] if chapters is not None else [item.id]
            key = _key(item)
            if key in table.rows and any(i in event.coverage for i in ids):  # rows still to come read it then
                table.update_cell(key, "known", self._known_cell(item))
        self._fit_columns()

    def action_sort(self) -> None:
        self._sort = "library" if self._sort == "known" else "known"
        table = self.query_one("#library-table", DataTable)
        table.columns[_column_key(table, "known")].label = Text("Known ↓" if self._sort == "known" else "Known")
        self._fill()
        table.move_cursor(row=0)
        self.notify("sorted by the share of words you know, easiest first" if self._sort == "known"
                    else "in library order", timeout=2)

    # ------------------------------------------------------------------ articles added meanwhile

    FOLDER_CHECK_S = 2.0

    def _check_folders(self) -> None:
        if self._composed and self.is_current and self.loaded.library is not None:
            self._scan_folders()

    @work(thread=True, exclusive=True, group="library-folders", exit_on_error=False)
    def _scan_folders(self) -> None:
        """The library folders' article files (name, size, time); when they differ from what the list
        shows, the library is read again here and handed to the screen."""
        import os

        seen: dict[str, tuple[int, int]] = {}
        folders = self.session.library_folders()
        for folder in folders:
            try:
                entries = os.scandir(folder)
            except OSError:
                continue
            with entries:
                for entry in entries:
                    if entry.name.endswith(".md") and not entry.name.startswith("."):
                        try:
                            st = entry.stat()
                        except OSError:
                            continue
                        seen[entry.path] = (st.st_size, st.st_mtime_ns)
        if self._folder_state is None:
            self._folder_state = seen
            return
        if seen == self._folder_state:
            return
        from reader.core.article import load_library

        fresh = load_library(folders)
        if get_current_worker().is_cancelled:
            return
        self._folder_state = seen
        self.app.call_from_thread(self._library_reloaded, fresh)

    def _library_reloaded(self, fresh: Any) -> None:
        library = self.loaded.library
        if library is None or not self.is_attached:
            return
        before = {a.id for a in library.articles}
        library.articles[:] = fresh.articles  # the session's library: the reader and search see them too
        library.errors[:] = fresh.errors
        self._library_changed()
        self._start_coverage()
        added = [a for a in fresh.articles if a.id not in before]
        if added:
            self.notify(f"{len(added)} new article{'s' if len(added) != 1 else ''} in your library: "
                        + "; ".join(a.title for a in added[:3]) + ("…" if len(added) > 3 else ""),
                        title="Library", markup=False, timeout=4)

    # ------------------------------------------------------------------ info

    def action_info(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        from .info_dialog import InfoDialog

        self.app.push_screen(InfoDialog(item, self._known_of(item)))

    # ------------------------------------------------------------------ managing articles

    def _library_changed(self) -> None:
        from reader.core.article import shelf

        library = self.loaded.library
        self._articles = list(library.articles)
        self._items = shelf(self._articles)
        self._fill()

    def _owned(self, item: Article | Book) -> list[Article] | None:
        """The articles behind a row, when they are the user's own files (not those bundled with yuedu)."""
        from reader import paths

        articles = list(getattr(item, "chapters", None) or [item])
        bundled = paths.bundled_articles_dir().resolve()
        if any(a.path is None or a.path.resolve().parent == bundled for a in articles):
            self.notify("this article comes with yuedu: it cannot be changed here", severity="warning")
            return None
        return articles

    def action_delete(self) -> None:
        item = self._highlighted()
        library = self.loaded.library
        if item is None or library is None:
            return
        articles = self._owned(item)
        if articles is None:
            return
        import os
        import time

        from reader.core.article import ArticleError, move_aside

        if self._trash is None:
            root = trash_root()
            # what a run that ended without emptying its trash (killed) left: undo went with it
            for leftover in (root.iterdir() if root.is_dir() else ()):
                try:
                    if time.time() - leftover.stat().st_mtime > 86400:
                        empty_trash(leftover)
                except OSError:
                    pass
            self._trash = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        try:
            moved = move_aside([a.path for a in articles], self._trash)  # type: ignore[misc]
        except ArticleError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", markup=False)
            return
        ids = {a.id for a in articles}
        places = [i for i, a in enumerate(library.articles) if a.id in ids]
        library.articles[:] = [a for a in library.articles if a.id not in ids]
        self._deleted.append((item.title, articles, places, moved))
        self._library_changed()
        self.notify(f"deleted “{item.title}” (your saved words stay); u puts it back",
                    title="Deleted", timeout=10, markup=False)

    def action_undo_delete(self) -> None:
        library = self.loaded.library
        if not self._deleted or library is None:
            self.notify("nothing to undo", severity="warning")
            return
        from reader.core.article import put_back

        title, articles, places, moved = self._deleted.pop()
        restored = set(put_back(moved))
        back = [(place, a) for place, a in zip(places, articles) if a.path in restored]
        for place, article in sorted(back, key=lambda pair: pair[0]):
            library.articles.insert(min(place, len(library.articles)), article)
        self._library_changed()
        if len(back) < len(articles):
            self.notify(f"“{title}”: {len(articles) - len(back)} file(s) could not be put back (a file of that name "
                        f"is there now); the copies are in {self._trash}", severity="warning", markup=False)
        else:
            self.notify(f"“{title}” is back", title="Undone", markup=False)
        key = next((_key(i) for i in self._shown if any(a.id == articles[0].id for a in
                                                           (getattr(i, "chapters", None) or [i]))), None)
        if key is not None:
            table = self.query_one("#library-table", DataTable)
            index = next(n for n, i in enumerate(self._shown) if _key(i) == key)
            if index < table.row_count:
                table.move_cursor(row=index)

    def on_unmount(self) -> None:
        # yuedu is quitting (or the library is replaced): undo is no longer possible, the trash goes.
        if self._trash is not None:
            empty_trash(self._trash)

    def action_retitle(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        articles = self._owned(item)
        if articles is None:
            return
        from .retitle_dialog import RetitleDialog

        book = getattr(item, "chapters", None) is not None

        def done(title: str | None) -> None:
            if title:
                self._retitle(item, articles, title, book)

        self.app.push_screen(RetitleDialog(item.title, "book" if book else "article"), done)

    def _retitle(self, item: Article | Book, articles: list[Article], title: str, book: bool) -> None:
        from reader.core.article import ArticleError, load_article, retitle, set_book_title

        library = self.loaded.library
        try:
            if book:
                set_book_title([a.path for a in articles], title)  # type: ignore[misc]
            else:
                retitle(articles[0].path, title)  # type: ignore[arg-type]
            fresh = {a.id: load_article(a.path) for a in articles}  # type: ignore[arg-type]
        except ArticleError as exc:
            self.notify(str(exc), title="Title not changed", severity="error", markup=False)
            return
        library.articles[:] = [fresh.get(a.id, a) for a in library.articles]
        self._library_changed()
        self.notify(f"now titled “{title}”", title="Retitled", markup=False)

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
            if isinstance(binding, Binding):
                keys.update(key for key in binding.key.split(",") if len(key) == 1)
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
        self.post_message(OpenArticle(item))

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
                self.post_message(OpenArticle(chapter))

        self.app.push_screen(ChaptersDialog(item.title, chapters, self._positions, current.id), opened)


def trash_root() -> Any:
    from reader import paths

    return paths.data_dir() / "trash"


def empty_trash(folder: Any) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _column_key(table: DataTable, key: str) -> Any:
    return next(k for k in table.columns if k.value == key)


def _key(item: Article | Book) -> str:
    """The table row key: an article's id, or ``book:`` and the book's id."""
    return f"book:{item.id}" if getattr(item, "chapters", None) is not None else item.id
