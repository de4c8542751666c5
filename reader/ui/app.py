"""The yuedu Textual app: the library, the reading screen, and the screens they open.

The app paints first and loads later. Everything slow (the store, the glossary, the dictionary,
the segmenter) is loaded by thread workers started from :meth:`YueduApp.on_mount`; each loaded
service is announced to every screen on the stack through :meth:`YueduApp.service_ready`, so a
screen works with what it has and fills in the rest as it arrives. Worker errors are reported in
one place, :meth:`YueduApp.report_worker_error` (a visible notification, never a crash).
"""

from __future__ import annotations

import concurrent.futures
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from reader import paths

from . import guard

if TYPE_CHECKING:
    from reader.core.article import Article, Library

_HERE = Path(__file__).resolve().parent

# Preference keys (values are JSON-able, kept by the store).
PREF_THEME = "ui.theme"
PREF_PINYIN_MODE = "reader.pinyin_mode"  # "on" | "cursor" | "off"
PREF_PINYIN_STYLE = "reader.pinyin_style"  # "marks" | "numbers" | "zhuyin"
PREF_TONE_COLOURS = "reader.tone_colours"  # bool

SERVICES = ("store", "glossary", "dictionary", "annotator", "library")


class Services:
    """What the screens share. Each attribute is None until its worker has loaded it."""

    def __init__(self) -> None:
        self.store: Any = None
        self.glossary: Any = None
        self.dictionary: Any = None
        self.annotator: Any = None
        # the annotator before its engine has loaded: good for what the annotation cache holds
        self.early_annotator: Any = None
        self.library: Library | None = None
        self.occurrences: dict[str, list[tuple[str, int]]] | None = None
        self.failed: set[str] = set()

    def ready(self, name: str) -> bool:
        return getattr(self, name) is not None


class WorkerErrors:
    """Mixin for screens: their workers' failures go to the app's one error handler.

    (``Worker.StateChanged`` does not bubble, so each node that starts workers forwards it.)
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            app = self.app  # type: ignore[attr-defined]
            app.report_worker_error(event.worker)


class YueduApp(App[int]):
    """阅读 yuedu."""

    TITLE = "阅读 yuedu"
    # Absolute, so that subclasses defined elsewhere (benchmarks, tests) find them too.
    CSS_PATH = [_HERE / name for name in ("app.tcss", "library.tcss", "reading.tcss", "dialogs.tcss")]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit", tooltip="Quit yuedu"),
    ]

    def __init__(
        self,
        path: str | None = None,
        start: str = "library",
        *,
        article: Article | None = None,
        library_dirs: list[Path] | None = None,
        glossary_dirs: list[Path] | None = None,
        load_dictionary: bool = True,
    ) -> None:
        """``article``: open this article directly (``yuedu read``); ``library_dirs`` and
        ``glossary_dirs`` replace the default folders (tests and benchmarks use them);
        ``load_dictionary=False`` skips CC-CEDICT (the popup then says so)."""
        super().__init__()
        if start not in ("library", "review", "vocab"):
            raise ValueError(f"unknown start screen {start!r}")
        self.start = start
        self.path = path
        self.article = article
        self.library_dirs = library_dirs
        self.glossary_dirs = glossary_dirs
        self.load_dictionary = load_dictionary
        self.services = Services()
        self._annotator_has_glossary = False
        self._annotator_has_store = False  # built with the store's corrections (or none exist)
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
            self.push_screen(ReadingScreen(self.article))
        else:
            from .library_screen import LibraryScreen

            self.push_screen(LibraryScreen())
        # Paint first: the loaders (threads that compete for the GIL) start after the first frame.
        self.call_after_refresh(self._start_loaders)

    def _start_loaders(self) -> None:
        self._load_store()
        self._load_library()
        self._load_glossary()
        self._load_annotator()
        if self.load_dictionary:
            self._load_dictionary()

    @work(thread=True, exclusive=True, group="load-store", exit_on_error=False)
    def _load_store(self) -> None:
        from reader.store import open_store

        try:
            store = open_store()
        except Exception:
            self.call_from_thread(self._mark_failed, "store")
            raise
        self.call_from_thread(self._set_service, "store", store)

    @work(thread=True, exclusive=True, group="load-library", exit_on_error=False)
    def _load_library(self) -> None:
        from reader.core.article import load_library

        dirs = self.library_dirs or [paths.bundled_articles_dir(), paths.library_dir()]
        library = load_library(dirs)
        self.call_from_thread(self._set_service, "library", library)
        for error in library.errors[:3]:
            self.call_from_thread(self.notify, str(error), title="Article skipped", severity="warning", timeout=8, markup=False)

    @work(thread=True, exclusive=True, group="load-glossary", exit_on_error=False)
    def _load_glossary(self) -> None:
        from reader.core.glossary import load_glossary

        try:
            # Not strict: a broken user glossary file is reported and skipped, the rest still loads.
            glossary = load_glossary(self.glossary_dirs, strict=False)
        except Exception:
            self.call_from_thread(self._mark_failed, "glossary")
            raise
        if glossary.errors:
            more = f" (and {len(glossary.errors) - 1} more; run `yuedu glossary check`)" if len(glossary.errors) > 1 else ""
            self.call_from_thread(
                self.notify, glossary.errors[0] + more, title="Glossary problem: entries skipped",
                severity="error", timeout=12, markup=False,
            )
        self.call_from_thread(self._set_service, "glossary", glossary)

    @work(thread=True, exclusive=True, group="load-dictionary", exit_on_error=False)
    def _load_dictionary(self) -> None:
        from reader.core.dictionary import Dictionary

        try:
            dictionary = Dictionary.open()
        except Exception:
            self.call_from_thread(self._mark_failed, "dictionary")
            raise
        self.call_from_thread(self._set_service, "dictionary", dictionary)

    @work(thread=True, exclusive=True, group="load-annotator", exit_on_error=False)
    def _load_annotator(self, corrections_rows: list | None = None) -> None:
        """Build the annotator once the glossary (its segmentation words) and the store (the
        user's corrections) are known. A newer call replaces this one (the worker group is
        exclusive): a replaced worker never installs what it built."""
        import time

        from reader.core.annotate import Annotator, Corrections

        worker = get_current_worker()
        services = self.services
        # The glossary feeds the segmenter, the store holds the corrections: wait (briefly) for both.
        for _ in range(200):
            glossary_known = services.glossary is not None or "glossary" in services.failed
            store_known = services.store is not None or "store" in services.failed
            if glossary_known and store_known:
                break
            time.sleep(0.01)
        glossary = services.glossary
        has_store = corrections_rows is not None or services.store is not None
        if corrections_rows is None and services.store is not None:
            corrections_rows = self.call_from_thread(services.store.list_corrections)
        words = glossary.segmentation_words() if glossary is not None else None
        corrections = Corrections.from_rows(corrections_rows) if corrections_rows else None
        annotator = Annotator(glossary_words=words, corrections=corrections)
        if worker.is_cancelled:
            return
        # What the annotation cache holds shows at once (a text read before); the rest waits for
        # the engine (jieba, the dictionaries, the model: about a second).
        self.call_from_thread(self._set_service, "early_annotator", annotator)
        annotator.first_screen(self._first_screen_texts())
        annotator.warm_up()
        if worker.is_cancelled:
            return
        self._annotator_has_glossary = glossary is not None
        self._annotator_has_store = has_store
        self.call_from_thread(self._set_service, "annotator", annotator)

    def _first_screen_texts(self, chars: int = 3000) -> list[str]:
        """The texts `yuedu read` shows first (the article's opening units, about a screenful or
        two): the annotator loads what they need first and has them ready when the screen asks."""
        if self.article is None:
            return []
        from .article_view import article_units

        texts, total = [], 0
        for unit in article_units(self.article):
            texts.append(unit.text)
            total += len(unit.text)
            if total >= chars:
                break
        return texts

    def rebuild_annotator(self) -> None:
        """Re-create the annotator with the store's current corrections (after a fix)."""
        rows = self.services.store.list_corrections() if self.services.store is not None else None
        self._load_annotator(rows)

    def _mark_failed(self, name: str) -> None:
        self.services.failed.add(name)
        self.service_ready(name)

    def _set_service(self, name: str, value: Any) -> None:
        setattr(self.services, name, value)
        if name == "annotator":
            # The segmenter's dictionaries are hundreds of thousands of long-lived objects: keep
            # them out of the garbage collector's full scans, which would otherwise stall a key
            # press now and then for a tenth of a second.
            import gc

            gc.freeze()
        if name == "store":
            self._apply_prefs()
            if self.start in ("review", "vocab"):
                self._push_study(self.start)
            rows = value.list_corrections()
            if rows and not self._annotator_has_store:
                # The annotator was built (or is being built) before the store came: build it
                # again with the user's corrections.
                self._load_annotator(rows)
        if name in ("glossary", "library"):
            self._index_occurrences()
        if name == "glossary" and self.services.annotator is not None and not self._annotator_has_glossary:
            self.rebuild_annotator()  # the glossary came late: its terms must be one word each
        self.service_ready(name)

    def service_ready(self, name: str) -> None:
        """Tell every screen on the stack that a service has arrived."""
        for screen in list(self.screen_stack):
            handler = getattr(screen, "on_service_ready", None)
            if handler is not None:
                handler(name)

    @work(thread=True, exclusive=True, group="occurrences", exit_on_error=False)
    def _index_occurrences(self) -> None:
        glossary, library = self.services.glossary, self.services.library
        if glossary is None or library is None:
            return
        from reader.core.glossary import occurrences

        articles = list(library.articles)
        if self.article is not None and all(a.id != self.article.id for a in articles):
            articles.append(self.article)
        found = occurrences(glossary, articles)
        self.call_from_thread(setattr, self.services, "occurrences", found)
        self.call_from_thread(self.service_ready, "occurrences")

    def first_paint(self) -> None:
        """Called once the article's text is first drawn (the start-up benchmark hooks in here)."""

    # ------------------------------------------------------------------ errors

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_error(event.worker)

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
        store = self.services.store
        if store is None:
            return default
        try:
            return store.get_pref(key, default)
        except Exception:
            return default

    def set_pref(self, key: str, value: Any) -> None:
        store = self.services.store
        if store is None:
            return
        try:
            store.set_pref(key, value)
        except Exception as exc:  # a locked database: say so, keep going
            self.notify(f"could not save preference: {exc}", severity="warning", markup=False)

    def _apply_prefs(self) -> None:
        theme = self.pref(PREF_THEME, None)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def watch_theme(self, theme: str) -> None:
        if self.services.store is not None:
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

        screen = ReadingScreen(article, block_index=block_index, offset=offset)
        if isinstance(self.screen, ReadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def back_to_library(self) -> None:
        """Leave the current screen for the library (built now if `yuedu read` skipped it)."""
        from .library_screen import LibraryScreen

        if any(isinstance(s, LibraryScreen) for s in self.screen_stack[:-1]):
            self.pop_screen()
        else:
            self.switch_screen(LibraryScreen())

    def find_article(self, article_id: str) -> Article | None:
        if self.article is not None and self.article.id == article_id:
            return self.article
        library = self.services.library
        return library.get(article_id) if library is not None else None

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

    def action_glossary(self) -> None:
        from .glossary_screen import GlossaryBrowser

        if not isinstance(self.screen, GlossaryBrowser):
            self.push_screen(GlossaryBrowser())

    def action_bookmarks(self, article_id: str | None = None) -> None:
        from .dialogs import BookmarksScreen

        if self.services.store is None:
            self.notify("the store is not open", severity="warning")
            return

        def go(result: tuple[str, int] | None) -> None:
            if result is not None:
                self.jump_to(*result)

        self.push_screen(BookmarksScreen(self.services.store, article_id, self.find_article), go)

    def action_vocabulary(self) -> None:
        self._push_study("vocab")

    def action_review(self) -> None:
        self._push_study("review")

    def _push_study(self, which: str) -> None:
        store = self.services.store
        if store is None:
            self.notify("the store is not open yet" if "store" not in self.services.failed else "the store could not be opened",
                        severity="warning")
            return
        try:
            if which == "vocab":
                from .vocab_screen import VocabScreen as screen_class
            else:
                from .review_screen import ReviewScreen as screen_class
        except ImportError:
            self.notify(f"the {which} screen is not available in this build", severity="warning")
            return
        if isinstance(self.screen, screen_class):
            return
        screen = screen_class(store, **self._study_kwargs(screen_class))

        def jump(result: Any) -> None:
            if isinstance(result, tuple) and len(result) == 2 and result[0]:
                # with the cursor on the word itself, not on the paragraph's first word
                self.jump_to(result[0], int(result[1]), find=getattr(screen, "jump_word", None))

        self.push_screen(screen, jump)

    def _study_kwargs(self, screen_class: type) -> dict[str, Any]:
        import inspect

        params = inspect.signature(screen_class.__init__).parameters
        kwargs: dict[str, Any] = {}
        if "dictionary" in params:
            kwargs["dictionary"] = lambda: self.services.dictionary
        if "glossary" in params:
            kwargs["glossary"] = lambda: self.services.glossary
        return kwargs

    def on_unmount(self) -> None:
        store = self.services.store
        if store is not None:
            try:
                store.close()
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


def _read_article(path: str) -> Article:
    """`yuedu read PATH|-`: an article file (front matter) is loaded as is, without importing the
    importer (start-up time); anything else goes through the importer."""
    if path != "-" and path.endswith(".md"):
        try:
            with open(path, "rb") as handle:
                head = handle.read(4)
        except OSError:
            head = b""
        if head.startswith(b"---") or head.startswith(b"\xef\xbb\xbf-"):
            from reader.core.article import ArticleError, load_article

            try:
                return load_article(path)
            except ArticleError:
                pass  # Markdown with front matter of its own: the importer reads it
    if path != "-":
        from reader.core.read_cache import cached_article

        return cached_article(path)  # cleaned once, then kept in the cache folder by content
    from reader.core.importer import article_from_file

    return article_from_file(path)


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


def run_app(path: str | None = None, start: str = "library") -> int:
    """Run the reader: the library, or ``path`` (a file or ``-``) opened directly.

    A file that cannot be read raises :class:`reader.errors.UserError` before the app
    starts (the CLI prints it in one line and exits 2).
    """
    article = None
    if path is not None:
        article = _read_article(path)
        if path == "-" and not sys.stdin.isatty():
            _reattach_terminal()
    _forget_stale_terminal_size()
    app = YueduApp(path=path, start=start, article=article)
    result = app.run()
    return int(result or 0)
