"""The yuedu Textual app: the library, the reading screen, and the screens they open.

The app paints first and loads later. The parts of the session (reader/session.py: the store, the
glossary, the dictionary, the library, the annotator) are loaded by thread workers started after the
first frame; as each arrives the app posts its typed message (reader/ui/base.py: ``StoreReady``,
``AnnotatorReady`` ...) to every screen on the stack, so a screen works with what it has and fills in
the rest as it comes. The annotator is built once the glossary and the store are known (each loaded
or failed), never by waiting in a loop. Screens get the session through their constructors and ask
the app for navigation with messages (``OpenArticle``, ``JumpTo`` ...); they never import this
module. Worker errors are reported in one place, :meth:`YueduApp.report_worker_error` (a visible
notification, never a crash).
"""

from __future__ import annotations

import concurrent.futures
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from reader import paths
from reader.session import Session

from . import guard
from .base import (
    PREF_THEME,
    AnnotatorReady,
    BackToLibrary,
    DictionaryReady,
    EarlyTokensReady,
    GlossaryReady,
    JumpTo,
    LibraryReady,
    OccurrencesReady,
    OpenArticle,
    PartFailed,
    ShowBookmarks,
    ShowGlossary,
    StoreReady,
    WorkerFailed,
)

if TYPE_CHECKING:
    from reader.core.article import Article

_HERE = Path(__file__).resolve().parent


class YueduApp(App[int]):
    """阅读 yuedu."""

    TITLE = "阅读 yuedu"
    # Absolute, so that subclasses defined elsewhere (benchmarks, tests) find them too.
    CSS_PATH = [_HERE / name for name in ("app.tcss", "library.tcss", "reading.tcss", "dialogs.tcss")]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit", tooltip="Quit yuedu"),
        Binding("ctrl+f", "search_library", "Search all", show=False, priority=True, id="app.search",
                tooltip="Search every article of the library (keyword in context; Enter reads it there)"),
    ]

    def __init__(
        self,
        start: str = "library",
        *,
        article: Article | None = None,
        library_dirs: list[Path] | None = None,
        glossary_dirs: list[Path] | None = None,
        load_dictionary: bool = True,
        early: Any = None,
    ) -> None:
        """``article``: open this article directly (``yuedu read``); ``early``: its first screen's
        tokens on their way from another process (reader/early.py); ``library_dirs`` and
        ``glossary_dirs`` replace the default folders (tests and benchmarks use them);
        ``load_dictionary=False`` skips CC-CEDICT (the popup then says so)."""
        super().__init__()
        if start not in ("library", "review", "vocab"):
            raise ValueError(f"unknown start screen {start!r}")
        self.start = start
        self._study_asked: str | None = None  # a study screen asked for before the store opened
        self.article = article
        self.early = early
        self.load_dictionary = load_dictionary
        # The parts and the use cases, shared with the command line (reader/session.py).
        self.session = Session(library_dirs=library_dirs, glossary_dirs=glossary_dirs,
                               load_dictionary=load_dictionary)
        if article is not None:
            self.session.extra_articles.append(article)
        self._annotator_started = False
        self._library_started = False
        guard.install(self)  # hostile text and a lost terminal: see reader/ui/guard.py

    # ------------------------------------------------------------------ start-up

    def on_load(self) -> None:
        # Thread workers (the loaders, annotation) run on daemon threads: quitting never waits for
        # jieba or the dictionary index to finish loading (asyncio would join its usual pool).
        import asyncio

        asyncio.get_running_loop().set_default_executor(DaemonThreadExecutor())
        guard.on_load(self)

    def on_mount(self) -> None:
        if self.article is not None:
            from .reading_screen import ReadingScreen

            # `yuedu read`: the library is built only if the reader goes back to it.
            self.push_screen(ReadingScreen(self.session, self.article))
            if self.early is not None:
                self._receive_early()
        else:
            from .library_screen import LibraryScreen

            self.push_screen(LibraryScreen(self.session))
        # Paint first: the loaders (threads that compete for the GIL) start after the first frame.
        self.call_after_refresh(self._start_loaders)

    def _start_loaders(self) -> None:
        self._load("store", self.session.load_store, StoreReady)
        if self.article is None:
            self._load_library_once()
        # `yuedu read`: the library (every article file read) waits until the first screen has its
        # pinyin; loaded beside the glossary and the store, it held their threads back (the GIL).
        self._load("glossary", self.session.load_glossary, GlossaryReady)
        if self.load_dictionary:
            self._load("dictionary", self.session.load_dictionary_part, DictionaryReady)

    @work(thread=True, exclusive=True, group="early", exit_on_error=False)
    def _receive_early(self) -> None:
        """The first screen's tokens from the process `yuedu read` forked (it only waits on a pipe)."""
        tokens = self.early.wait()
        if tokens and not get_current_worker().is_cancelled:
            self.call_from_thread(self._announce, EarlyTokensReady(tokens))

    def _load_library_once(self) -> None:
        if not self._library_started:
            self._library_started = True
            self._load("library", self.session.load_library, LibraryReady)

    def _load(self, name: str, load: Callable[[], Any], ready: Callable[[Any], Message]) -> None:
        """Load one part on a worker thread; then, on the event loop, its message to the app and to every
        screen (or ``PartFailed``, the error being reported by :meth:`report_worker_error`)."""

        def work_() -> None:
            try:
                part = load()
            except Exception:
                self.call_from_thread(self._arrived, PartFailed(name))
                raise
            self.call_from_thread(self._arrived, ready(part))

        self.run_worker(work_, name=f"load {name}", group=f"load-{name}", thread=True, exclusive=True,
                        exit_on_error=False)

    def _arrived(self, message: Message) -> None:
        self.post_message(message)  # the app's own handlers below
        self._announce(message)

    # What each part's arrival lets the app show or start (one handler per message).

    @on(StoreReady)
    def _store_arrived(self) -> None:
        self._apply_prefs()
        if self.start in ("review", "vocab"):
            self._push_study(self.start)
        elif self._study_asked is not None:  # `v` or `r` pressed while the store was opening
            self._push_study(self._study_asked)
        self._study_asked = None
        self._start_annotator()

    @on(GlossaryReady)
    def _glossary_arrived(self, message: GlossaryReady) -> None:
        errors = message.glossary.errors
        if errors:
            more = f" (and {len(errors) - 1} more; run `yuedu glossary check`)" if len(errors) > 1 else ""
            self.notify(errors[0] + more, title="Glossary problem: entries skipped", severity="error", timeout=12,
                        markup=False)
        self._start_annotator()
        self._index_occurrences()

    @on(LibraryReady)
    def _library_arrived(self, message: LibraryReady) -> None:
        for error in message.library.errors[:3]:
            self.notify(str(error), title="Article skipped", severity="warning", timeout=8, markup=False)
        self._index_occurrences()

    @on(PartFailed)
    def _part_failed(self) -> None:
        self._start_annotator()  # without the glossary, or without the user's corrections

    def _start_annotator(self) -> None:
        """Once the glossary (its words) and the store (the user's corrections) are known, each loaded or
        failed: build the annotator, once."""
        loaded, failed = self.session.loaded, self.session.failed
        known = (loaded.store is not None or "store" in failed) and (loaded.glossary is not None or "glossary" in failed)
        if known and not self._annotator_started:
            self._annotator_started = True
            self._load_annotator()

    def _announce(self, message: Message) -> None:
        """Post ``message`` to the app's listeners and to every screen on the stack (one copy each)."""
        import copy

        for screen in list(self.screen_stack):
            screen.post_message(copy.copy(message))

    @work(thread=True, exclusive=True, group="load-annotator", exit_on_error=False)
    def _load_annotator(self) -> None:
        """Build the session's annotator (cheap), then load its engine (about a second)."""
        session = self.session
        annotator = session.build_annotator()
        # What the annotation cache holds shows at once (a text read before); the rest waits for
        # the engine (jieba, the dictionaries, the model).
        self.call_from_thread(self._announce, AnnotatorReady(annotator, warm=False))
        try:
            from reader.core.article import first_screen_texts

            annotator.first_screen(first_screen_texts(self.article) if self.article is not None else [])
            session.warm_annotator()
        except Exception:
            self.call_from_thread(self._load_library_once)  # the reader still goes back to its library
            raise
        if get_current_worker().is_cancelled:
            return
        self.call_from_thread(self._annotator_warm, annotator)

    def _annotator_warm(self, annotator: Any) -> None:
        # The segmenter's dictionaries are hundreds of thousands of long-lived objects: keep them out
        # of the garbage collector's full scans, which would otherwise stall a key press now and then
        # for a tenth of a second.
        import gc

        gc.freeze()
        self._announce(AnnotatorReady(annotator, warm=True))
        self._load_library_once()

    @work(thread=True, exclusive=True, group="occurrences", exit_on_error=False)
    def _index_occurrences(self) -> None:
        """Where each glossary term occurs (once the glossary and the library have both loaded)."""
        found = self.session.index_occurrences()
        if found is not None:
            self.call_from_thread(self._announce, OccurrencesReady(found))

    def first_paint(self) -> None:
        """Called once the article's text is first drawn (base.FirstPaintHook; the start-up benchmark
        hooks in here)."""

    # ------------------------------------------------------------------ errors

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_error(event.worker)

    @on(WorkerFailed)
    def _worker_failed(self, message: WorkerFailed) -> None:
        self.report_worker_error(message.worker)

    def report_worker_error(self, worker: Worker) -> None:
        """The one place where a failed load becomes a visible notification."""
        from reader.errors import UserError

        error = worker.error
        what = worker.name.lstrip("_").replace("_", " ") or "background task"
        if isinstance(error, UserError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
        self.notify(message, title=f"{what.capitalize()} failed", severity="error", timeout=12, markup=False)

    # ------------------------------------------------------------------ preferences

    def pref(self, key: str, default: Any) -> Any:
        return self.session.pref(key, default)

    def set_pref(self, key: str, value: Any) -> None:
        try:
            self.session.set_pref(key, value)
        except Exception as exc:  # a locked database: say so, keep going
            self.notify(f"could not save preference: {exc}", severity="warning", markup=False)

    def _apply_prefs(self) -> None:
        theme = self.pref(PREF_THEME, None)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def watch_theme(self, theme: str) -> None:
        if self.session.loaded.store is not None:
            self.set_pref(PREF_THEME, theme)

    # ------------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a palette command."""
        seen: set[str] = set()
        for node in (screen.focused, screen) if screen.focused is not None else (screen,):
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                key = self.get_key_display(binding)
                title = f"{binding.description} ({key})"
                yield SystemCommand(title, binding.tooltip or binding.description, _runner(node, binding.action))
        yield from super().get_system_commands(screen)

    # ------------------------------------------------------------------ navigation

    def open_article(self, article: Article, block_index: int | None = None, offset: int = 0) -> None:
        """Read ``article`` (replacing the article being read, if any)."""
        from .reading_screen import ReadingScreen

        screen = ReadingScreen(self.session, article, block_index=block_index, offset=offset)
        if isinstance(self.screen, ReadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def back_to_library(self) -> None:
        """Leave the current screen for the library (built now if `yuedu read` skipped it)."""
        from .library_screen import LibraryScreen

        self._load_library_once()
        if any(isinstance(s, LibraryScreen) for s in self.screen_stack[:-1]):
            self.pop_screen()
        else:
            self.switch_screen(LibraryScreen(self.session))

    def find_article(self, article_id: str) -> Article | None:
        return self.session.find_article(article_id)

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article, message.block_index, message.offset)

    @on(JumpTo)
    def _jump_to(self, message: JumpTo) -> None:
        self.jump_to(message.article_id, message.block_index, message.find)

    @on(BackToLibrary)
    def _back_to_library(self) -> None:
        self.back_to_library()

    @on(ShowGlossary)
    def _show_glossary(self) -> None:
        self.action_glossary()

    @on(ShowBookmarks)
    def _show_bookmarks(self, message: ShowBookmarks) -> None:
        self.action_bookmarks(message.article_id)

    def jump_to(self, article_id: str, block_index: int, find: str | None = None) -> None:
        """Open an article at a paragraph (from the vocabulary, bookmarks, glossary occurrences);
        with ``find``, the cursor goes to that text in the paragraph."""
        from .library_screen import LibraryScreen
        from .reading_screen import ReadingScreen

        article = self.find_article(article_id)
        if article is None:
            self.notify(f"article {article_id!r} is not in your library", severity="warning", markup=False)
            return
        while len(self.screen_stack) > 2 and not isinstance(self.screen, (LibraryScreen, ReadingScreen)):
            self.pop_screen()
        offset = 0
        if find and 0 <= block_index < len(article.blocks):
            offset = max(0, article.blocks[block_index].text.find(find))
        screen = self.screen
        if isinstance(screen, ReadingScreen) and screen.article.id == article_id:
            screen.go_to_block(block_index, offset)
        else:
            self.open_article(article, block_index=block_index, offset=offset)

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_search_library(self) -> None:
        from .search_screen import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.action_focus_query()
        else:
            self.push_screen(SearchScreen(self.session))

    def action_glossary(self) -> None:
        from .glossary_screen import GlossaryBrowser

        if not isinstance(self.screen, GlossaryBrowser):
            self.push_screen(GlossaryBrowser(self.session))

    def action_bookmarks(self, article_id: str | None = None) -> None:
        from .dialogs import BookmarksScreen

        if self.session.loaded.store is None:
            self.notify("the store is not open", severity="warning")
            return

        def go(result: tuple[str, int] | None) -> None:
            if result is not None:
                self.jump_to(*result)

        self.push_screen(BookmarksScreen(self.session.loaded.store, article_id, self.find_article), go)

    def action_vocabulary(self) -> None:
        self._push_study("vocab")

    def action_review(self) -> None:
        self._push_study("review")

    def _push_study(self, which: str) -> None:
        loaded = self.session.loaded
        store = loaded.store
        if store is None:
            if "store" in self.session.failed:
                self.notify("the store could not be opened", severity="warning")
            else:  # still opening (a slow disk): the screen opens as soon as the store is there
                self._study_asked = which
            return
        from .review_screen import ReviewScreen
        from .vocab_screen import VocabScreen

        screen: VocabScreen | ReviewScreen
        # The study screens take the session (its store open; the other parts used once loaded).
        if which == "vocab":
            if isinstance(self.screen, VocabScreen):
                return
            screen = VocabScreen(self.session)
        else:
            if isinstance(self.screen, ReviewScreen):
                return
            screen = ReviewScreen(self.session)

        def jump(result: Any) -> None:
            if isinstance(result, tuple) and len(result) == 2 and result[0]:
                # with the cursor on the word itself, not on the paragraph's first word
                self.jump_to(result[0], int(result[1]), find=getattr(screen, "jump_word", None))

        self.push_screen(screen, jump)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot: saved into the data folder's screenshots/ (not ~/Downloads, which
        may not exist); Textual's toast says where."""
        if path is None:
            folder = paths.data_dir() / "screenshots"
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.notify(f"cannot save a screenshot in {folder}: {exc.strerror or exc}", title="Screenshot",
                            severity="error", markup=False)
                return None
            path = str(folder)
        return super().deliver_screenshot(filename, path, time_format)

    def on_unmount(self) -> None:
        try:
            self.session.close()
        except Exception:
            pass


class DaemonThreadExecutor(concurrent.futures.ThreadPoolExecutor):
    """An executor that runs each call on a daemon thread of its own and never waits at shutdown
    (a ThreadPoolExecutor only in name: asyncio accepts no other kind as its default).

    What runs on it (loading jieba, CC-CEDICT, the glossary; annotating) either writes nothing or
    writes atomically (temporary file + rename, SQLite transactions), so a process that ends while
    it runs loses nothing but the work in progress. The user's own data is written on the main
    thread."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: concurrent.futures.Future = concurrent.futures.Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to whoever awaits the future
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=run, name="yuedu-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        return None


def _runner(node: Any, action: str):
    async def run() -> None:
        await node.run_action(action)

    return run


def _reattach_terminal() -> None:
    """After reading an article from a pipe, read keys from the terminal again."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return
    os.dup2(fd, 0)
    os.close(fd)


def _forget_stale_terminal_size() -> None:
    """Drop ``LINES``/``COLUMNS`` from the environment when the screen is a real terminal.

    Textual asks :func:`shutil.get_terminal_size`, which prefers those variables to the terminal
    itself; a shell that exported them once leaves them stale, and the reader is then laid out
    for a screen of another size (status line and footer drawn below the last row) and never
    follows a resize (Textual PR #6153). The terminal's own size is the truth.
    """
    try:
        if not os.isatty(sys.__stdout__.fileno()):
            return
    except (AttributeError, ValueError, OSError):
        return
    for name in ("LINES", "COLUMNS"):
        os.environ.pop(name, None)


def run_app(path: str | None = None, start: str = "library", early: Any = None, article: Article | None = None) -> int:
    """Run the reader: the library, or ``path`` (a file or ``-``) opened directly (``article``: the
    caller read it already).

    A file that cannot be read raises :class:`reader.errors.UserError` before the app
    starts (the CLI prints it in one line and exits 2).
    """
    try:
        if path is not None and article is None:
            article = Session.article_to_read(path)
        if path == "-" and not sys.stdin.isatty():
            _reattach_terminal()
        _forget_stale_terminal_size()
        app = YueduApp(start=start, article=article, early=early)
        result = app.run()
    finally:
        if early is not None:  # `yuedu read`: the process working out the first screen's pinyin
            early.close()
    return int(result or 0)
