"""The vocabulary screen: every saved word in a table; search, sort, edit the pinyin, meaning and note
(the store function of ``yuedu vocab edit``), delete with undo,
and jump to the sentence in its article (the screen dismisses with ``(article_id, block_index)``).

The words are paged from SQLite (:meth:`Store.vocab_page`, :meth:`Store.vocab_count`): the table
holds the rows read so far and reads the next page as the cursor or the scroll nears its end, and a
search is one query, so 100,000 saved words open and search as fast as a hundred
(``bench/bench_vocab_screen.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static

from reader.errors import UserError
from reader.store import Store, VocabItem
from reader.store.db import now_utc
from reader.core.pinyin import to_marks

if TYPE_CHECKING:
    from reader.session import Session

PAGE = 200  # rows read at a time
LARGE = 5000  # from this many words on, a search runs on a worker thread (typing never waits for it)
SORTS = ("added", "due", "article", "word")
SORT_LABELS = {"added": "newest first", "due": "due soonest", "article": "by article", "word": "by pinyin"}


def _due_label(item: VocabItem) -> Text:
    if item.is_new:
        return Text("new", style="italic")
    if item.due is None:
        return Text("")
    if item.due <= now_utc():
        return Text("due now", style="bold")
    return Text(item.due.astimezone().strftime("%Y-%m-%d"))


def _highlighted(sentence: str, word: str) -> Text:
    text = Text(sentence)
    if word:
        text.highlight_words([word], style="bold reverse", case_sensitive=True)
    return text


@dataclass(frozen=True)
class WordEdit:
    """What the edit dialog changed: None for a field left as it was."""

    pinyin: str | None = None
    meaning: str | None = None
    note: str | None = None


class EditWordDialog(ModalScreen[WordEdit | None]):
    """Edit a saved word's pinyin, meaning and note: Tab moves between them, Enter saves, Esc cancels.

    The pinyin is checked as ``yuedu vocab add --pinyin`` checks it (one real syllable per hanzi, tones
    1-5 as numbers or marks); a wrong one is said under the box and nothing is saved."""

    DEFAULT_CSS = """
    EditWordDialog {
        align: center middle;
        & > Vertical { width: 64; max-width: 100%; height: auto; border: round $accent; background: $panel; padding: 0 1; }
        .edit-label { color: $text-muted; height: 1; }
        #edit-error { color: $error; height: auto; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="vocab.edit.cancel", tooltip="Close without saving")]

    def __init__(self, item: VocabItem, focus: str = "pinyin") -> None:
        super().__init__()
        self.item = item
        self.start = focus

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical():
            yield Static(Text.assemble("Edit ", (item.word, "bold"), ("   Tab: next box · Enter: save · Esc: cancel",
                                                                     "dim")))
            yield Static(Text("Pinyin (zhong4 yao4 or zhòng yào)"), classes="edit-label")
            yield Input(value=item.pinyin, placeholder="zhong4 yao4", id="edit-pinyin")
            yield Static(Text("Meaning"), classes="edit-label")
            # the reading is usually typed anew (selected on focus); meaning and note are edited in place
            yield Input(value=item.definition, placeholder="its meaning", id="edit-meaning", select_on_focus=False)
            yield Static(Text("Note"), classes="edit-label")
            yield Input(value=item.note, placeholder="your note", id="edit-note", select_on_focus=False)
            yield Static(Text(""), id="edit-error")

    def on_mount(self) -> None:
        self.query_one(f"#edit-{self.start}", Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        item = self.item
        pinyin = self.query_one("#edit-pinyin", Input).value.strip()
        meaning = self.query_one("#edit-meaning", Input).value.strip()
        note = self.query_one("#edit-note", Input).value.strip()
        if pinyin != item.pinyin:
            from reader.core.pinyin import pinyin_problem  # the rule of `vocab add --pinyin`

            problem = pinyin_problem(item.word, pinyin) if pinyin else "type the pinyin (zhong4 yao4)"
            if problem:
                self.query_one("#edit-error", Static).update(Text(problem))
                self.query_one("#edit-pinyin", Input).focus()
                return
        self.dismiss(WordEdit(pinyin=pinyin if pinyin != item.pinyin else None,
                              meaning=meaning if meaning != item.definition else None,
                              note=note if note != item.note else None))

    def action_cancel(self) -> None:
        self.dismiss(None)


class VocabScreen(Screen[tuple[str, int] | None]):
    """Your saved words."""

    CSS_PATH = "study.tcss"
    AUTO_FOCUS = "#vocab-table"
    HELP = ("Your saved words. Type / to search (hanzi, pinyin with or without tones, English, notes), "
            "o to change the order, e to edit the pinyin, meaning and note (n: the note), d to delete (u undoes), "
            "Enter to read the sentence "
            "in its article.")

    BINDINGS = [
        Binding("escape", "close", "Back", id="vocab.close", tooltip="Close the vocabulary and go back"),
        Binding("slash", "search", "Search", id="vocab.search",
                tooltip="Search by hanzi, pinyin (tones optional), English, note or sentence"),
        Binding("o", "cycle_sort", "Sort", id="vocab.sort", tooltip="Order by: newest, due soonest, article, pinyin"),
        Binding("e", "edit('pinyin')", "Edit", id="vocab.edit",
                tooltip="Edit the pinyin, meaning and note of the selected word"),
        Binding("n", "edit('note')", "Note", id="vocab.note", tooltip="Edit the note of the selected word"),
        Binding("d,delete", "delete", "Delete", id="vocab.delete",
                tooltip="Delete the selected word (u brings it back)"),
        Binding("u", "undo", "Undo delete", id="vocab.undo", tooltip="Bring back the last word you deleted"),
        Binding("enter", "jump", "Go to sentence", id="vocab.jump", show=True,
                tooltip="Open the article at the paragraph where you saved the selected word"),
        Binding("q", "app.quit", "Quit", show=False, id="vocab.quit",
                tooltip="Quit yuedu (q types a q in a text box; ctrl+q quits from anywhere)"),
    ]

    def __init__(self, session: Session) -> None:
        """``session``: the app's; its store is open (the app opens this screen only then)."""
        super().__init__()
        self.session = session
        self.sort = "added"
        self.query_text = ""
        self.items: list[VocabItem] = []  # the rows read so far, in table order
        self.total = 0  # how many words match (all pages)
        self._word_count: int | None = None  # how many words there are (chooses how a search runs)
        self.deleted: list[VocabItem] = []
        self.jump_word: str | None = None  # set with a jump: the word to put the cursor on

    @property
    def store(self) -> Store:
        store = self.session.loaded.store
        assert store is not None, "the vocabulary screen is opened once the store is open"
        return store

    def compose(self) -> ComposeResult:
        yield Static(Text("Vocabulary"), id="vocab-header")
        yield Input(placeholder="/ search: hanzi, pinyin, English, note, sentence", id="vocab-search")
        table: DataTable = DataTable(id="vocab-table", cursor_type="row", zebra_stripes=True)
        table.add_column(Text("Word"), key="word")
        table.add_column(Text("Pinyin"), key="pinyin", width=18)
        table.add_column(Text("Meaning"), key="meaning", width=28)
        table.add_column(Text("Due"), key="due")
        table.add_column(Text("Article"), key="article", width=14)
        table.add_column(Text("Note"), key="note", width=16)
        yield table
        yield Static(Text(""), id="vocab-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.watch(self.table, "scroll_y", self._scrolled, init=False)

    # ---- data

    @property
    def table(self) -> DataTable:
        return self.query_one("#vocab-table", DataTable)

    def selected(self) -> VocabItem | None:
        table = self.table
        if not self.items or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def reload(self, keep_id: int | None = None) -> None:
        """Read the words from the store again and refill the table (keeping the cursor on ``keep_id``,
        and as many rows as were read before, so the cursor's row is still there)."""
        if keep_id is None:
            current = self.selected()
            keep_id = current.id if current else None
        self._show(*self._fetch(self.query_text, self.sort, max(PAGE, len(self.items))), keep_id)

    def _fetch(self, query: str, sort: str, want: int) -> tuple[str, int, list[VocabItem], int, str | None]:
        """(query, how many match, the first ``want`` of them, due count, error): the store's part of a
        reload, safe to run on a worker thread."""
        search = query or None
        try:
            return (query, self.store.vocab_count(search=search),
                    self.store.vocab_page(search=search, sort=sort, offset=0, limit=want), self.store.due_count(),
                    None)
        except UserError as exc:
            return query, 0, [], 0, str(exc)

    def _show(self, query: str, total: int, items: list[VocabItem], due: int, error: str | None,
              keep_id: int | None = None) -> None:
        """Fill the table with what :meth:`_fetch` read (on the event loop)."""
        if query != self.query_text:
            return  # the search changed meanwhile: a newer fetch is on its way
        if error:
            self.notify(f"cannot read the vocabulary: {error}", severity="error", timeout=10, markup=False)
        self.total = total
        self.items = []
        table = self.table
        table.clear()
        self._add_rows(items)
        if keep_id is not None:
            for i, item in enumerate(self.items):
                if item.id == keep_id:
                    table.move_cursor(row=i)
                    break
        header = Text.assemble(
            ("Vocabulary", "bold"), f" · {self.total} word{'s' if self.total != 1 else ''}",
            f" · {due} due" if due else "", f" · {SORT_LABELS[self.sort]}",
        )
        if self.query_text:
            header.append(" · matching ")
            header.append(self.query_text, style="italic")
        self.query_one("#vocab-header", Static).update(header)
        self._show_detail()

    def _add_rows(self, items: list[VocabItem]) -> None:
        table = self.table
        for item in items:
            table.add_row(
                Text(item.word, style="bold"),
                Text(to_marks(item.pinyin), overflow="ellipsis", no_wrap=True),
                Text(item.definition, overflow="ellipsis", no_wrap=True),
                _due_label(item),
                Text(self._article_title(item.article_id), overflow="ellipsis", no_wrap=True),
                Text(item.note, overflow="ellipsis", no_wrap=True),
                key=str(item.id),
            )
        self.items.extend(items)

    def load_more(self) -> bool:
        """Read the next page into the table; False when every matching word is already there."""
        if len(self.items) >= self.total:
            return False
        try:
            more = self.store.vocab_page(search=self.query_text or None, sort=self.sort,
                                         offset=len(self.items), limit=PAGE)
        except UserError as exc:
            self.notify(f"cannot read the vocabulary: {exc}", severity="error", timeout=10, markup=False)
            return False
        known = {str(i.id) for i in self.items}
        more = [i for i in more if str(i.id) not in known]  # a word saved meanwhile shifts the pages
        if not more:
            self.total = len(self.items)
            return False
        self._add_rows(more)
        return True

    def _near_the_end(self) -> None:
        table = self.table
        if table.cursor_row >= len(self.items) - 20 or table.scroll_y >= table.max_scroll_y - 20:
            self.load_more()

    def _scrolled(self, _old: float, _new: float) -> None:
        self._near_the_end()

    def _article(self, article_id: str | None) -> Any:
        if not article_id:
            return None
        try:
            return self.session.find_article(article_id)
        except Exception:
            return None

    def _article_title(self, article_id: str | None) -> str:
        """The article's title as the library shows it (its id only when it is no longer there)."""
        article = self._article(article_id)
        return article.title if article is not None else (article_id or "")

    def _where(self, article_id: str, block_index: int | None) -> str:
        """“title ¶ 3”, the paragraph counted as the reader's status line counts it."""
        article = self._article(article_id)
        if article is None:
            return article_id + (f" ¶ {block_index + 1}" if block_index is not None else "")
        if block_index is None or not 0 <= block_index < len(article.blocks):
            return article.title
        from .article_view import paragraph_label

        return f"{article.title} {paragraph_label(article, block_index)}"

    def _show_detail(self) -> None:
        item = self.selected()
        detail = self.query_one("#vocab-detail", Static)
        if item is None:
            detail.update(Text("No saved words yet: press s on a word while reading." if not self.query_text
                               else "No word matches the search.", style="dim"))
            return
        text = Text()
        text.append(item.word, style="bold")
        text.append(f"  {to_marks(item.pinyin)}  ")
        text.append(item.definition)
        if item.glossary_term:
            text.append("  (glossary: ", style="dim")
            text.append(item.glossary_term, style="dim")
            text.append(")", style="dim")
        for s in item.sentences[-3:]:
            text.append("\n  ")
            text.append_text(_highlighted(s.text, item.word))
            if s.article_id:
                text.append(f"  — {self._where(s.article_id, s.block_index)}", style="dim")
        if item.note:
            text.append("\n  note: ", style="dim")
            text.append(item.note)
        if item.article_id:
            text.append("\n  ⏎ read it in its article", style="dim")
        detail.update(text)

    @on(DataTable.RowHighlighted, "#vocab-table")
    def _highlighted_row(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self._near_the_end()

    @on(DataTable.RowSelected, "#vocab-table")
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    @on(Input.Changed, "#vocab-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if self._all_words() < LARGE:
            self.reload()
            return
        query, sort = self.query_text, self.sort

        def fetch() -> None:
            result = self._fetch(query, sort, PAGE)
            self.app.call_from_thread(self._show, *result)

        self.run_worker(fetch, thread=True, exclusive=True, group="vocab-search", name="vocab search")

    def _all_words(self) -> int:
        if self._word_count is None:
            try:
                self._word_count = self.store.vocab_count()
            except UserError:
                self._word_count = 0
        return self._word_count

    @on(Input.Submitted, "#vocab-search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.table.focus()

    def _store_call(self, fn, *args):
        """Call the store; on failure (locked, damaged) show the error and return False."""
        try:
            return fn(*args)
        except UserError as exc:
            self.notify(f"not saved: {exc}", title="Vocabulary", severity="error", timeout=8, markup=False)
            return False

    # ---- actions

    def action_close(self) -> None:
        search = self.query_one("#vocab-search", Input)
        if search.has_focus:
            self.table.focus()
            return
        self.dismiss(None)

    def action_search(self) -> None:
        self.query_one("#vocab-search", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload()
        self.notify(f"sorted {SORT_LABELS[self.sort]}", timeout=2)

    def action_edit(self, focus: str = "pinyin") -> None:
        item = self.selected()
        if item is None:
            return

        def saved(edit: WordEdit | None) -> None:
            if edit is None or edit == WordEdit():
                return
            updated = self._store_call(lambda: self.store.update_word(item.word, pinyin=edit.pinyin,
                                                                      definition=edit.meaning, note=edit.note))
            if updated is False:
                return
            if updated is None:
                self.notify(f"{item.word} is no longer in your vocabulary", severity="warning", markup=False)
            else:
                self.notify(f"edited {updated.word} [{updated.pinyin}] {updated.definition}", timeout=3,
                            markup=False)
            self.reload(keep_id=item.id)

        self.app.push_screen(EditWordDialog(item, focus), saved)

    def action_delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        row = self.table.cursor_row
        removed = self._store_call(self.store.delete_word, item.id)
        if not removed:
            return
        self.deleted.append(removed)
        self.reload(keep_id=-1)
        if self.items:
            self.table.move_cursor(row=min(row, len(self.items) - 1))
            self._show_detail()
        self.notify(f"deleted {removed.word} — press u to undo", timeout=6, markup=False)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("nothing to undo", timeout=2)
            return
        item = self.deleted[-1]
        if self._store_call(self.store.restore_word, item.id) is False:
            return
        self.deleted.pop()
        self.reload(keep_id=item.id)
        self.notify(f"restored {item.word}", timeout=3, markup=False)

    def action_jump(self) -> None:
        if self.query_one("#vocab-search", Input).has_focus:
            self.table.focus()
            return
        item = self.selected()
        if item is None:
            return
        for s in reversed(item.sentences):
            if s.article_id:
                self.jump_word = item.word  # the app puts the cursor on it
                self.dismiss((s.article_id, s.block_index or 0))
                return
        self.notify(f"{item.word} was not saved from an article", timeout=3, markup=False)
