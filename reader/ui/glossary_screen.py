"""The glossary browser (`L`): search the policy-term glossary by hanzi, pinyin (with or without
tones) or English, keep one tag, order by relevance/pinyin or by date of origin; Enter opens the full
entry (with its sources and their dates), and the articles it occurs in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from .base import GlossaryReady, JumpTo, OccurrencesReady, WorkerErrors
from .article_view import paragraph_label
from reader.core.glossary import entry_text

if TYPE_CHECKING:
    from reader.session import Session

SORT_OPTIONS = [("best match, then pinyin", "best"), ("date of origin, oldest first", "origin")]


def entry_line(entry: Any, *, dated: bool = False) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    if dated:
        line.append(f"{entry.origin_date_label:<11} ", style="cyan")
    line.append(entry.term, style="bold")
    line.append("  ")
    line.append(entry.pinyin, style="italic")
    best = entry.official_english or (entry.english[0] if entry.english else None)
    if best is not None:
        line.append("  " + best.text, style="dim")
    return line


class GlossaryBrowser(WorkerErrors, Screen):
    """Every glossary entry; type to search."""

    HELP = (
        "Type to search by hanzi, pinyin (xinzhi, xīn zhì, xin1 zhi4) or English; Enter opens an entry. "
        "Tab reaches the tag filter and the order (best match or date of origin)."
    )

    DEFAULT_CSS = """
    #glossary-filters {
        height: auto;
        margin: 0 1;
    }
    #glossary-filters Select {
        width: 1fr;
    }
    #glossary-list {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="glossary.close", tooltip="Back to where you were"),
        Binding("down", "cursor_down", "Down", show=False, id="glossary.down", tooltip="Next entry"),
        Binding("up", "cursor_up", "Up", show=False, id="glossary.up", tooltip="Previous entry"),
        Binding("enter", "open", "Open entry", id="glossary.open", tooltip="Show the full entry"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._entries: list[Any] = []

    _composed = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Glossary: policy and science terms", style="bold"), id="glossary-title")
        yield Input(placeholder="search: hanzi, pinyin with or without tones, English", id="glossary-search")
        with Horizontal(id="glossary-filters"):
            yield Select([], prompt="every tag", allow_blank=True, id="glossary-tag")
            yield Select(SORT_OPTIONS, allow_blank=False, value="best", id="glossary-sort")
        yield OptionList(id="glossary-list")
        yield Footer()

    def on_mount(self) -> None:
        self._composed = True  # children are mounted: services may be shown
        self.query_one("#glossary-search", Input).focus()
        self._fill()

    @on(GlossaryReady)
    def _glossary_arrived(self) -> None:
        if self._composed:
            self._fill()

    @on(Input.Changed, "#glossary-search")
    @on(Select.Changed, "#glossary-tag")
    @on(Select.Changed, "#glossary-sort")
    def _changed(self) -> None:
        self._fill()

    def _fill_tags(self, glossary: Any) -> None:
        select = self.query_one("#glossary-tag", Select)
        if getattr(select, "_filled_from", None) is glossary:
            return
        select._filled_from = glossary  # type: ignore[attr-defined]
        select.set_options([(Text(f"{tag} ({n})"), tag) for tag, n in glossary.tags()])

    @on(Input.Submitted, "#glossary-search")
    def _submitted(self) -> None:
        self.action_open()

    def _fill(self) -> None:
        glossary = self.session.loaded.glossary
        options = self.query_one("#glossary-list", OptionList)
        options.clear_options()
        if glossary is None:
            options.add_option(Option(Text("loading the glossary…", style="dim"), disabled=True))
            self._entries = []
            return
        self._fill_tags(glossary)
        query = self.query_one("#glossary-search", Input).value
        tag = self.query_one("#glossary-tag", Select).value
        tag = tag if isinstance(tag, str) else None
        by_origin = self.query_one("#glossary-sort", Select).value == "origin"
        self._entries = glossary.search(query, tag=tag, sort="origin" if by_origin else None)
        if not self._entries:
            what = f"“{query}”" + (f" tagged {tag}" if tag else "") if query else f"the tag {tag}"
            options.add_option(Option(Text(f"nothing matches {what}", style="dim"), disabled=True))
            return
        options.add_options([Option(entry_line(e, dated=by_origin)) for e in self._entries])
        options.highlighted = 0

    def action_cursor_down(self) -> None:
        self.query_one("#glossary-list", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#glossary-list", OptionList).action_cursor_up()

    @on(OptionList.OptionSelected, "#glossary-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#glossary-list", OptionList).highlighted = event.option_index
        self.action_open()

    def action_open(self) -> None:
        index = self.query_one("#glossary-list", OptionList).highlighted
        if index is None or not (0 <= index < len(self._entries)):
            return
        self.app.push_screen(GlossaryEntryScreen(self.session, self._entries[index]))

    def action_close(self) -> None:
        self.app.pop_screen()


class GlossaryEntryScreen(WorkerErrors, Screen):
    """One glossary entry in full, and where it occurs in your library (Enter jumps there)."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="entry.close", tooltip="Back to the glossary list"),
    ]

    def __init__(self, session: Session, entry: Any) -> None:
        super().__init__()
        self.session = session
        self.entry = entry
        self._places: list[tuple[str, int]] = []

    _composed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="entry-box"):
            with VerticalScroll(id="entry-scroll"):
                yield Static(self._body(), id="entry-body")
            yield Static(Text("Where it occurs (Enter: read there)", style="bold"), id="entry-places-title")
            yield OptionList(id="entry-places")
        yield Footer()

    def _body(self) -> Text:
        return entry_text(self.entry, sources=True, tags=True)

    def on_mount(self) -> None:
        self._composed = True  # children are mounted: services may be shown
        self._fill_places()

    @on(OccurrencesReady)
    def _occurrences_arrived(self) -> None:
        if self._composed:
            self._fill_places()

    def _fill_places(self) -> None:
        services = self.session.loaded
        options = self.query_one("#entry-places", OptionList)
        options.clear_options()
        if services.occurrences is None:
            options.add_option(Option(Text("indexing your library…", style="dim"), disabled=True))
            return
        self._places = list(services.occurrences.get(self.entry.term, []))
        if not self._places:
            options.add_option(Option(Text("not in the body text of any article in your library", style="dim"), disabled=True))
            return
        for article_id, block in self._places:
            article = self.session.find_article(article_id)
            line = Text(no_wrap=True, overflow="ellipsis")
            label = paragraph_label(article, block) if article is not None else f"¶ {block + 1}"
            line.append((article.title if article else article_id) + f"  {label}  ", style="bold")
            if article is not None and block < len(article.blocks):
                line.append(article.blocks[block].text[:40] + "…", style="dim")
            options.add_option(Option(line))
        options.highlighted = 0
        options.focus()  # Enter reads at the highlighted place

    @on(OptionList.OptionSelected, "#entry-places")
    def _go(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self._places):
            article_id, block = self._places[event.option_index]
            article = self.session.find_article(article_id)
            surface = self.entry.term
            if article is not None and 0 <= block < len(article.blocks):
                # The cursor lands on the term itself (or on the alias used there).
                text = article.blocks[block].text
                for key in (self.entry.term, *self.entry.aliases):
                    if key in text:
                        surface = key
                        break
            self.post_message(JumpTo(article_id, block, find=surface))

    def action_close(self) -> None:
        self.app.pop_screen()
