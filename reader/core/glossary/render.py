"""The one rendering of a glossary entry, for every front end (the popup, the glossary browser,
`yuedu lookup` and `yuedu glossary show`).

Pure: it builds a Rich :class:`~rich.text.Text` (data appended as text, never parsed as markup, so an entry
holding ``[bold]`` shows it literally) and knows nothing of Textual. What a front end may leave out is a
keyword: the popup is short (no sources), the browser and the command line show everything.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

UNCERTAIN_STYLE = "italic yellow"


def _uncertain(text: Text, entry: Any, name: str) -> None:
    note = entry.uncertain_note(name) if hasattr(entry, "uncertain_note") else None
    if note:
        text.append("  ? uncertain: ", style=UNCERTAIN_STYLE)
        text.append(note + "\n", style=UNCERTAIN_STYLE)


def source_line(source: Any) -> Text:
    """``name (date) — used for`` on one line (the URL goes on the next line in :func:`entry_text`)."""
    line = Text()
    line.append(source.name)
    date = getattr(source, "date", None)
    if date:
        line.append(f" ({date})", style="cyan")
    if getattr(source, "used_for", None):
        line.append(f" — {source.used_for}", style="dim")
    return line


def entry_text(
    entry: Any,
    *,
    places: int | None = None,
    sources: bool = False,
    tags: bool = False,
) -> Text:
    """One glossary entry as Text: head, renderings (official ones marked, with who uses them), literal
    gloss, definitions, origin, aliases, related terms, and (``sources``/``tags``) its sources with their
    dates and its tags. Every claim marked uncertain in the entry is flagged beside its field.
    ``places``: in how many of the user's articles it occurs (None: not known, not shown)."""
    text = Text()
    text.append("GLOSSARY", style="bold reverse")
    text.append("  ")
    text.append(entry.term, style="bold")
    text.append("  ")
    text.append(entry.pinyin, style="italic")
    text.append("\n")
    if places is not None:
        # a line of its own: after the pinyin it wrapped mid-phrase ("in 1" / "article")
        text.append(f"used in {places} article{'s' if places != 1 else ''} in your library\n", style="dim")
    for rendering in entry.english:
        label = getattr(rendering, "official_label", None) or ("official" if getattr(rendering, "official", False) else None)
        text.append("• ", style="dim")
        text.append(rendering.text, style="bold" if label else "")
        if label:
            text.append(f" ({label})", style="dim")
        used_by = getattr(rendering, "used_by", None)
        if used_by:
            text.append(f" — {used_by}", style="dim")
        text.append("\n")
    _uncertain(text, entry, "english")
    if getattr(entry, "literal", None):
        text.append("Literally: ", style="bold")
        text.append(entry.literal + "\n")
        _uncertain(text, entry, "literal")
    if getattr(entry, "definition_en", None):
        text.append(entry.definition_en.strip() + "\n")
        _uncertain(text, entry, "definition_en")
    if getattr(entry, "definition_zh", None):
        text.append(entry.definition_zh.strip() + "\n")
        _uncertain(text, entry, "definition_zh")
    origin_date = getattr(entry, "origin_date", None)
    if getattr(entry, "origin", None):
        if origin_date:
            text.append("Origin", style="bold")
            text.append(f" ({origin_date})", style="cyan")
            text.append(": ", style="bold")
        else:
            text.append("Origin: ", style="bold")
        text.append(entry.origin.strip() + "\n")
        _uncertain(text, entry, "origin")
        _uncertain(text, entry, "origin_date")
    aliases = getattr(entry, "aliases", ())
    if aliases:
        text.append("Also: ", style="bold")
        text.append("、".join(aliases) + "\n")
        _uncertain(text, entry, "aliases")
    related = getattr(entry, "related", ())
    if related:
        cedict = set(getattr(entry, "cedict_related", ()))
        text.append("Related: ", style="bold")
        text.append("、".join(f"{r} (CC-CEDICT)" if r in cedict else r for r in related) + "\n")
        _uncertain(text, entry, "related")
    if sources and getattr(entry, "sources", ()):
        text.append("Sources\n", style="bold")
        for source in entry.sources:
            text.append("• ")
            text.append_text(source_line(source))
            if getattr(source, "url", None):
                text.append("\n  " + source.url, style="dim underline")
            text.append("\n")
        _uncertain(text, entry, "sources")
    if tags and getattr(entry, "tags", ()):
        text.append("Tags: " + ", ".join(entry.tags) + "\n", style="dim")
    text.rstrip()
    return text


def entry_data(entry: Any, occ: list[tuple[str, int]] | None = None) -> dict[str, Any]:
    """One entry as plain data (``--json``): every field, sources with dates, uncertain claims, and
    where it occurs (``occ``: ``[(article_id, block_index), ...]``)."""
    occ = occ or []
    return {
        "term": entry.term,
        "pinyin": entry.pinyin,
        "syllables": list(entry.syllables),
        "aliases": list(entry.aliases),
        "english": [
            {"text": e.text, "used_by": e.used_by, "official": e.official}
            | ({"official_for": e.official_for} if e.official_for else {})
            for e in entry.english
        ],
        "literal": entry.literal,
        "definition_en": entry.definition_en,
        "definition_zh": entry.definition_zh,
        "origin": entry.origin,
        "origin_date": entry.origin_date,
        "related": list(entry.related),
        "related_cedict": list(entry.cedict_related),
        "tags": list(entry.tags),
        "sources": [{"name": s.name, "url": s.url, "date": s.date, "used_for": s.used_for} for s in entry.sources],
        "uncertain": dict(entry.uncertain),
        "articles": len({a for a, _b in occ}),
        "occurrences": [{"article": a, "block": b} for a, b in occ],
        "file": f"{entry.path}:{entry.line}" if entry.path else None,
    }
