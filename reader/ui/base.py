"""What the app and its screens share without importing each other.

- preference keys;
- the messages the app posts to the screens when a part of the session has loaded (one message class
  per part, each with its own handler: ``on_store_ready``, ``on_annotator_ready`` ...);
- the requests the screens post to the app (they bubble up): open an article, jump to a paragraph,
  back to the library, the glossary, the bookmarks (and :class:`FirstPaintHook`, the first paint);
- :class:`WorkerErrors`, the mixin that hands a screen's failed workers to the app's one handler.

Screens import this module, never ``app.py``: the app opens the screens, the screens talk back with
messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.message import Message
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from reader.core.annotate import Annotator
    from reader.core.article import Article, Library
    from reader.core.dictionary import Dictionary
    from reader.core.glossary import Glossary
    from reader.store import Store

# Preference keys (values are JSON-able, kept by the store).
PREF_THEME = "ui.theme"
PREF_PINYIN_MODE = "reader.pinyin_mode"  # "on" | "cursor" | "off"
PREF_PINYIN_STYLE = "reader.pinyin_style"  # "marks" | "numbers" | "zhuyin"
PREF_TONE_COLOURS = "reader.tone_colours"  # bool


# ------------------------------------------------------------------ the app -> the screens: a part loaded


class StoreReady(Message, bubble=False):
    """The store is open (preferences, positions, saved words)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store


class GlossaryReady(Message, bubble=False):
    def __init__(self, glossary: Glossary) -> None:
        super().__init__()
        self.glossary = glossary


class DictionaryReady(Message, bubble=False):
    def __init__(self, dictionary: Dictionary) -> None:
        super().__init__()
        self.dictionary = dictionary


class LibraryReady(Message, bubble=False):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class AnnotatorReady(Message, bubble=False):
    """The session's annotator: first while its engine loads (``warm`` False: it can give what the
    annotation cache holds), then once more when it can annotate anything (``warm`` True)."""

    def __init__(self, annotator: Annotator, warm: bool) -> None:
        super().__init__()
        self.annotator = annotator
        self.warm = warm


class EarlyTokensReady(Message, bubble=False):
    """`yuedu read`: the first screen's tokens, worked out in a process of its own while the app started
    (reader/early.py): text -> tokens, shown until the annotator is warm."""

    def __init__(self, tokens: dict) -> None:
        super().__init__()
        self.tokens = tokens


class OccurrencesReady(Message, bubble=False):
    """Where each glossary term occurs in the library: {term: [(article id, block index)]}."""

    def __init__(self, occurrences: dict[str, list[tuple[str, int]]]) -> None:
        super().__init__()
        self.occurrences = occurrences


class PartFailed(Message, bubble=False):
    """A part could not be loaded (the error was shown); screens stop waiting for it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


# ------------------------------------------------------------------ the screens -> the app (they bubble)


class OpenArticle(Message):
    """Read ``article`` (replacing the article being read, if any)."""

    def __init__(self, article: Article, block_index: int | None = None, offset: int = 0) -> None:
        super().__init__()
        self.article = article
        self.block_index = block_index
        self.offset = offset


class JumpTo(Message):
    """Open an article at a paragraph; with ``find``, the cursor goes to that text in it."""

    def __init__(self, article_id: str, block_index: int, find: str | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.block_index = block_index
        self.find = find


class BackToLibrary(Message):
    """Leave the current screen for the library."""


class ShowGlossary(Message):
    """Open the glossary browser."""


class ShowBookmarks(Message):
    """Open the bookmarks (of one article, or all)."""

    def __init__(self, article_id: str | None = None) -> None:
        super().__init__()
        self.article_id = article_id


@runtime_checkable
class FirstPaintHook(Protocol):
    """An app told, synchronously, when an article's text is first drawn (the start-up benchmark hooks
    in here; a message would arrive a queue later, behind the loaders that start after that frame)."""

    def first_paint(self) -> None: ...


class WorkerFailed(Message):
    def __init__(self, worker: Worker[Any]) -> None:
        super().__init__()
        self.worker = worker


class WorkerErrors:
    """Mixin for screens: their workers' failures go to the app's one error handler.

    (``Worker.StateChanged`` does not bubble, so each node that starts workers forwards it.)
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.app.post_message(WorkerFailed(event.worker))  # type: ignore[attr-defined]
