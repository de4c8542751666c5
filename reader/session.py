"""The session: what both front ends (the reader and the CLI) share, and the use cases they offer.

A :class:`Session` owns the library, the glossary, the dictionary, the store and the ONE annotator
factory, so a word gets the same pinyin, meaning and annotation cache in the reader and in every
command. It is plain Python (no Textual) and lazy: nothing is loaded until asked for, so a command
pays only for what it uses, and the reader loads each part on a worker thread (``load_*``) while it
shows the text.

Use cases: :meth:`Session.lookup`, :meth:`Session.save_word`, :meth:`Session.fix_reading`,
:meth:`Session.library_rows`, :meth:`Session.article_words` (an article's running words, for its
coverage: the status line's and `yuedu coverage`'s). Imports: core, store, paths and errors only (import-linter checks it).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.annotate import Annotator, Corrections, Token
    from reader.core.article import Article, Library
    from reader.core.dictionary import DictEntry, Dictionary
    from reader.core.glossary import Glossary, GlossaryEntry
    from reader.store import Store, VocabItem

__all__ = [
    "FixResult", "LibraryRow", "LookupContext", "LookupResult", "SaveResult", "Session", "make_annotator",
]

PARTS = ("store", "glossary", "dictionary", "library")


def make_annotator(glossary: Glossary | None, corrections: Corrections | None = None, *,
                   words: tuple[dict, dict] | None = None) -> Annotator:
    """THE annotator factory: the glossary's terms and aliases one word each (labelled with their
    canonical term), the user's corrections on top. The reader and every command build theirs here,
    so they share cache keys (:meth:`Annotator.config_digest`). ``words``: instead of the glossary, what
    the annotator takes of it as kept in the cache folder (reader.core.glossary_words.annotator_words;
    `yuedu read`'s early process, reader/early.py)."""
    from reader.core.annotate import Annotator

    if words is not None:
        return Annotator.from_words(words[0], words[1], corrections)
    if glossary is None:
        return Annotator(corrections=corrections)
    return Annotator.from_glossary(glossary, corrections)


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class LookupContext:
    """Where the word was met: its paragraph, its span there and the annotator's token for it."""

    text: str
    start: int
    end: int
    token: Token | None = None


@dataclass(frozen=True)
class LookupResult:
    """Everything known of a word, as both front ends show it."""

    word: str
    entry: GlossaryEntry | None  # the glossary entry (by the token's term, the word, or a match around it)
    dictionary: tuple[DictEntry, ...]  # CC-CEDICT entries for the headword
    headword: str  # the word, or (nothing in the dictionary) the longest dictionary match from its start
    syllables: tuple[str, ...]  # tone-number pinyin: the token's reading in context, else the glossary's...
    meaning: str  # what `s` and `vocab add` save (reader.core.meaning.word_meaning)
    dictionary_note: str | None = None  # "(the dictionary is still loading…)" and the like
    levels: dict | None = None  # HSK levels and frequency (core.knowledge.word_json), when asked for

    @property
    def found(self) -> bool:
        return self.entry is not None or bool(self.dictionary)

    @property
    def pinyin(self) -> str:
        return " ".join(self.syllables)


@dataclass(frozen=True)
class SaveResult:
    item: VocabItem
    existed: bool  # the word was saved before (kept, with the new sentence added)


@dataclass(frozen=True)
class FixResult:
    """A reading fixed: stored, applied to the live annotator, and carried into the saved words."""

    word: str
    syllables: tuple[str, ...]
    correction_id: int
    updated_words: tuple[str, ...]  # saved words whose pinyin changed with it (胡子 -> also 大胡子)
    applied: bool  # the live annotator took the new corrections (False: none was built yet)

    def summary(self) -> str:
        """How many saved words changed (the words the CLI and the reader both print)."""
        from reader.store.db import ReadingFix

        return ReadingFix(self.correction_id, self.updated_words).summary()


@dataclass(frozen=True)
class LibraryRow:
    """One article in the library screen."""

    article: Article
    percent: int | None  # how far it has been read, None when never opened
    last_read: datetime | None
    saved: int  # words saved from it


# ------------------------------------------------------------------------------- the session


class Loaded:
    """What has loaded so far, never loading anything (the UI's event loop reads this): each part or None."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def store(self) -> Store | None:
        return self._session.peek("store")

    @property
    def glossary(self) -> Glossary | None:
        return self._session.peek("glossary")

    @property
    def dictionary(self) -> Dictionary | None:
        return self._session.peek("dictionary")

    @property
    def library(self) -> Library | None:
        return self._session.peek("library")

    @property
    def early_annotator(self) -> Annotator | None:
        """The annotator, as soon as it is built: good for what the annotation cache holds."""
        return self._session._annotator

    @property
    def annotator(self) -> Annotator | None:
        """The annotator once its engine has loaded (it annotates anything)."""
        return self._session._annotator if self._session.annotator_warm else None

    @property
    def occurrences(self) -> dict[str, list[tuple[str, int]]] | None:
        return self._session.occurrences

    @property
    def failed(self) -> set[str]:
        return self._session.failed


class Session:
    """The parts (lazy, each loaded once, thread-safe) and the use cases."""

    def __init__(
        self,
        *,
        library_dirs: Sequence[Path] | None = None,
        glossary_dirs: Sequence[Path] | None = None,
        load_dictionary: bool = True,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        """``library_dirs``/``glossary_dirs`` replace the default folders (tests, benchmarks);
        ``load_dictionary=False``: no CC-CEDICT (lookups then say so); ``warn``: where problems that
        are not fatal go (a broken user glossary file; the CLI prints them on stderr)."""
        self.library_dirs = list(library_dirs) if library_dirs is not None else None
        self.glossary_dirs = list(glossary_dirs) if glossary_dirs is not None else None
        self.load_dictionary = load_dictionary
        self.warn = warn or (lambda message: None)
        self._parts: dict[str, Any] = {}
        self.failed: set[str] = set()
        self._locks = {name: threading.Lock() for name in (*PARTS, "annotator")}
        self._annotator: Annotator | None = None
        self.annotator_warm = False  # its engine loaded (warm_annotator)
        self.occurrences: dict[str, list[tuple[str, int]]] | None = None
        self.extra_articles: list[Article] = []  # read without being in the library (`yuedu read FILE`)
        self.loaded = Loaded(self)

    # ---- parts

    def provide(self, **parts: Any) -> Session:
        """Parts already at hand, used as if loaded (a test's store, a benchmark's dictionary):
        ``store``, ``glossary``, ``dictionary``, ``library``, or ``annotator`` (taken as warm)."""
        for name, part in parts.items():
            if name == "annotator":
                self._annotator, self.annotator_warm = part, part is not None
            elif name in PARTS:
                self._parts[name] = part
            else:
                raise TypeError(f"no part named {name!r}")
        return self

    def has(self, name: str) -> bool:
        return name in self._parts

    def peek(self, name: str) -> Any:
        """A part if it is loaded, else None (never loads: for the UI's event loop)."""
        return self._parts.get(name)

    def _load(self, name: str, loader: Callable[[], Any]) -> Any:
        if name in self._parts:
            return self._parts[name]
        with self._locks[name]:
            if name not in self._parts:
                try:
                    self._parts[name] = loader()
                except Exception:
                    self.failed.add(name)
                    raise
                self.failed.discard(name)
        return self._parts[name]

    def load_store(self) -> Store:
        from reader.store import open_store

        return self._load("store", open_store)

    def load_glossary(self) -> Glossary:
        def load() -> Glossary:
            from reader.core.glossary import load_glossary

            # Not strict: a broken user glossary file is reported and skipped, the rest still loads.
            glossary = load_glossary(self.glossary_dirs, strict=False)
            if glossary.errors:
                more = (f" (and {len(glossary.errors) - 1} more; run `yuedu glossary check`)"
                        if len(glossary.errors) > 1 else "")
                self.warn(glossary.errors[0] + more)
            return glossary

        return self._load("glossary", load)

    def load_dictionary_part(self) -> Dictionary | None:
        """CC-CEDICT (None when the session was told not to load it)."""
        if not self.load_dictionary:
            return None

        def load() -> Dictionary:
            from reader.core.dictionary import Dictionary

            return Dictionary.open()

        return self._load("dictionary", load)

    def library_folders(self) -> list[Path]:
        """The library's folders: the bundled articles and the user's (or those the session was given)."""
        from reader import paths

        return list(self.library_dirs or paths.library_folders())

    def load_library(self) -> Library:
        def load() -> Library:
            from reader.core.article import load_library

            return load_library(self.library_folders())

        return self._load("library", load)

    @property
    def store(self) -> Store:
        return self.load_store()

    @property
    def glossary(self) -> Glossary:
        return self.load_glossary()

    @property
    def dictionary(self) -> Dictionary | None:
        return self.load_dictionary_part()

    @property
    def library(self) -> Library:
        return self.load_library()

    def existing_store(self) -> Store | None:
        """The store if the user has one (never creates a database: `yuedu annotate` on a fresh machine)."""
        if "store" in self._parts:
            return self._parts["store"]
        from reader import paths

        if not paths.db_path().exists():
            return None
        return self.load_store()

    def close(self) -> None:
        store = self._parts.pop("store", None)
        if store is not None:
            store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the annotator

    def corrections(self) -> Corrections:
        """The user's corrections as the annotator takes them (none when there is no store yet)."""
        from reader.core.annotate import Corrections

        store = self.peek("store") if self.has("store") else self.existing_store()
        return Corrections.from_rows(store.list_corrections()) if store is not None else Corrections()

    def new_annotator(self, glossary: Glossary | None = None, corrections: Corrections | None = None) -> Annotator:
        """Build the annotator from the given parts (the reader, as they arrive) and make it the live one
        (the one :meth:`fix_reading` updates in place)."""
        annotator = make_annotator(glossary, corrections)
        self._annotator = annotator
        return annotator

    def build_annotator(self) -> Annotator:
        """The live annotator from the parts loaded so far (the reader calls this once the glossary
        and the store have loaded or failed): cheap, the engine loads in :meth:`warm_annotator`."""
        store = self.peek("store")
        from reader.core.annotate import Corrections

        corrections = Corrections.from_rows(store.list_corrections()) if store is not None else None
        return self.new_annotator(self.peek("glossary"), corrections)

    def warm_annotator(self) -> Annotator:
        """Load the annotator's engine (jieba, the dictionaries, the model: about a second; a worker's job)."""
        annotator = self.annotator
        annotator.warm_up()
        self.annotator_warm = True
        return annotator

    @property
    def annotator(self) -> Annotator:
        """The live annotator; built on first use from the glossary and the store's corrections."""
        if self._annotator is None:
            with self._locks["annotator"]:
                if self._annotator is None:
                    self._annotator = make_annotator(self.glossary_or_none(), self.corrections())
        return self._annotator

    def find_article(self, article_id: str) -> Article | None:
        """An article by id: one read from a file (``yuedu read``), or the library's (if loaded)."""
        for article in self.extra_articles:
            if article.id == article_id:
                return article
        library = self.peek("library")
        return library.get(article_id) if library is not None else None

    def index_occurrences(self) -> dict[str, list[tuple[str, int]]] | None:
        """Where each glossary term occurs in the library and the articles read from files (None until
        the glossary and the library have loaded)."""
        glossary, library = self.peek("glossary"), self.peek("library")
        if glossary is None or library is None:
            return None
        from reader.core.glossary import occurrences

        articles = list(library.articles)
        articles += [a for a in self.extra_articles if all(a.id != b.id for b in articles)]
        self.occurrences = occurrences(glossary, articles)
        return self.occurrences

    def pref(self, key: str, default: Any) -> Any:
        """A preference from the store, ``default`` while the store is not open or cannot answer."""
        store = self.peek("store")
        if store is None:
            return default
        try:
            return store.get_pref(key, default)
        except Exception:  # noqa: BLE001 - a locked or damaged store: the default
            return default

    def set_pref(self, key: str, value: Any) -> bool:
        """Keep a preference; False when the store is not open. Raises what the store raises."""
        store = self.peek("store")
        if store is None:
            return False
        store.set_pref(key, value)
        return True

    def glossary_or_none(self) -> Glossary | None:
        """The glossary, or None (with a warning) when it cannot be loaded at all."""
        try:
            return self.glossary
        except Exception as exc:  # noqa: BLE001 - the text is still annotated, without glossary terms
            self.warn(f"glossary not loaded: {exc}")
            return None

    # ---- use cases

    def lookup(self, word: str, context: LookupContext | None = None, *, load: bool = True,
               levels: bool = False) -> LookupResult:
        """Look ``word`` up: its glossary entry, its dictionary entries, its pinyin and the meaning `s`
        and `vocab add` save. ``context``: where the reader met it (the token's reading wins, and a word
        the dictionary lacks falls back on the longest match from its start). ``load=False`` uses
        only the parts already loaded (the UI's event loop); ``levels``: add HSK levels and frequency."""
        from reader.core.meaning import word_meaning

        word = word.strip()
        glossary = self.glossary if load else self.peek("glossary")
        dictionary: Dictionary | None
        note = None
        if load:
            dictionary = self.dictionary
        else:
            dictionary = self.peek("dictionary")
        if dictionary is None:
            if not self.load_dictionary or "dictionary" in self.failed:
                note = "(the dictionary is not available)"
            else:
                note = "(the dictionary is still loading…)"
        token = context.token if context is not None else None
        entry = self._entry(glossary, word, context)
        entries = list(dictionary.lookup(word)) if dictionary is not None else []
        headword = word
        if dictionary is not None and not entries:
            if entry is None:
                note = "(not in the dictionary)"
            if entry is None and context is not None:
                length, found = dictionary.longest_match(context.text, context.start)
                if found:
                    entries, note = list(found), None
                    headword = context.text[context.start: context.start + length]
        syllables = self._syllables(word, entry, entries if headword == word else [], token)
        meaning = word_meaning(word, entry, dictionary, open_dictionary=False, syllables=list(syllables))
        levels_json = None
        if levels:
            from reader.core.knowledge import word_json

            levels_json = word_json(entries[0].simplified if entries else word, self.standard())
        return LookupResult(word, entry, tuple(entries), headword, tuple(syllables), meaning, note, levels_json)

    @staticmethod
    def _entry(glossary: Glossary | None, word: str, context: LookupContext | None) -> GlossaryEntry | None:
        if glossary is None:
            return None
        term = getattr(context.token, "glossary", None) if context is not None else None
        entry = glossary.get(term) if term else None
        if entry is None:
            entry = glossary.get(word)
        if entry is None and context is not None:
            for match in glossary.find_all(context.text):
                if match.start <= context.start < match.end:
                    return match.entry
        return entry

    @staticmethod
    def _syllables(word: str, entry: GlossaryEntry | None, entries: list, token: Token | None) -> list[str]:
        """The word's reading: the annotator's in context, else the glossary's, else the dictionary's,
        else pypinyin's."""
        if token is not None and getattr(token, "pinyin", ()):
            return list(token.pinyin)
        if entry is not None and word == entry.term:
            syls = list(entry.syllables)
            if syls:
                return syls
        if token is not None:
            return []
        if entries:
            return list(entries[0].syllables)
        from pypinyin import Style, lazy_pinyin

        from reader.core.pinyin import syllables

        return syllables(" ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")))

    def standard(self) -> str:
        """The HSK standard the user chose (`known hsk --standard`), without creating a database."""
        from reader.core.knowledge import DEFAULT_STANDARD
        from reader.store.knowledge import Knowledge

        store = self.existing_store()
        return Knowledge(store).standard() if store is not None else DEFAULT_STANDARD

    def save_word(self, word: str, context: LookupContext | None = None, *, pinyin: str | None = None,
                  definition: str | None = None, sentence: str = "", article_id: str | None = None,
                  block_index: int | None = None, tags: Sequence[str] = (), note: str = "",
                  load: bool = True) -> SaveResult:
        """Save ``word`` with its pinyin and meaning as :meth:`lookup` finds them (``pinyin`` and
        ``definition``, when given, replace them; typed pinyin is checked by the one rule). A word
        saved before keeps its snapshot, except what is given now."""
        from reader.core.pinyin import parse_reading

        word = unicodedata.normalize("NFC", word).strip()
        if pinyin is not None:
            parse_reading(word, pinyin, whole_word=True)
        typed_pinyin, typed_definition = pinyin, definition
        term = None
        if pinyin is None or definition is None:
            found = self.lookup(word, context, load=load)
            term = found.entry.term if found.entry is not None else None
            pinyin = found.pinyin if pinyin is None else pinyin
            definition = found.meaning if definition is None else definition
        store = self.store
        existed = store.get_word(word) is not None
        item = store.save_word(word, pinyin, definition, glossary_term=term, sentence=sentence,
                               article_id=article_id, block_index=block_index, tags=list(tags), note=note)
        if existed and (typed_pinyin is not None or typed_definition is not None):
            # A word saved before keeps its snapshot, except what the user gives now.
            item = store.update_word(item.word, pinyin=typed_pinyin, definition=typed_definition) or item
        return SaveResult(item, existed)

    def fix_reading(self, word: str, typed: str | Sequence[str]) -> FixResult:
        """Fix ``word``'s reading: parse once and validate once (:func:`reader.core.pinyin.parse_reading`),
        store it (the saved words that hold the word follow), and swap the new corrections into the
        live annotator in place (its cache re-keys; nothing is rebuilt). Raises UserError."""
        from reader.core.pinyin import parse_reading

        word = unicodedata.normalize("NFC", word).strip()
        text = typed if isinstance(typed, str) else " ".join(typed)
        syls = parse_reading(word, text)
        store = self.store
        fix = store.set_reading(word, syls)
        applied = False
        annotator = self._annotator
        if annotator is not None:
            annotator.set_corrections(self.corrections())
            applied = True
        return FixResult(word, tuple(syls), int(fix), tuple(fix.updated), applied)

    def library_rows(self, articles: Iterable[Article]) -> list[LibraryRow]:
        """The library screen's rows: two queries in all, however many articles."""
        store = self.peek("store")
        from reader.core.progress import percent_at_place

        positions: dict = {}
        saved: dict[str, int] = {}
        if store is not None:
            try:
                positions = store.places()
                saved = store.words_saved_by_article()
            except Exception:  # noqa: BLE001 - a locked or damaged store: the list still shows
                positions, saved = {}, {}
        rows = []
        for article in articles:
            percent = last = None
            found = positions.get(article.id)
            if found is not None:
                percent, last = percent_at_place(article, found), found.last_read
            rows.append(LibraryRow(article, percent, last, saved.get(article.id, 0)))
        return rows

    # ---- coverage: one text, one count, one figure for the reader's status line and `yuedu coverage`

    @staticmethod
    def article_to_read(path: str) -> Article:
        """The article `yuedu read PATH` shows (``-``: standard input): an article file as it is, any other
        text (HTML, EPUB, a page of several articles: the first) cleaned as the reader cleans it. What
        `yuedu coverage PATH` counts, so the two give the same figure."""
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

            return cached_article(path)
        from reader.core.importer import article_from_file

        return article_from_file(path)

    def article_words(self, article: Article, annotator: Any = None, dictionary: Any = None) -> Any:
        """The running words of ``article`` (its paragraphs and subheads, not its headline), from the
        word-count cache or counted now and kept: a :class:`reader.core.word_counts.CountedText`, whose
        coverage (:func:`reader.core.knowledge.coverage`) is what the reader's status line and `yuedu
        coverage` show. ``annotator``: the live one by default, or one standing in for it (the
        reader's shares it a few paragraphs at a time; its ``config_digest`` keys the counts)."""
        from reader.core.word_counts import WordCountCache, blocks_key, cached_counts

        annotator = annotator if annotator is not None else self.annotator
        dictionary = dictionary if dictionary is not None else self.dictionary
        texts = [b.text for b in article.blocks]
        key = blocks_key(texts, annotator, dictionary)
        cache = WordCountCache()
        try:
            return cached_counts(cache, key, lambda: (article.title, texts), annotator, dictionary)
        finally:
            cache.close()
