"""Importers for the formats people read in, each returning the importer's :class:`ImportResult`.

The newspaper clean-up of :mod:`reader.core.importer` stays the one place where text is cleaned:
each format here only gets the text out of its container (Markdown front matter and syntax, a
saved web page, an EPUB book, a PDF's text layer) and hands it to :func:`import_text`.

:func:`import_special` is the dispatcher the importer's entry points call first: it returns None
for a plain text file, which the text importer then reads as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..importer import ImportResult

# Suffix -> format. Content is sniffed too (a PDF or EPUB with another name is still found).
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".epub": "epub",
    ".pdf": "pdf",
}


def format_of(path: str | Path, head: bytes = b"") -> str | None:
    """The format of a file from its first bytes, then its suffix (None: plain text)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"mimetypeapplication/epub+zip" in head[:100]:
        return "epub"
    return SUFFIXES.get(Path(str(path)).suffix.lower())


def import_special(
    path_or_dash: str | Path, *, title: str | None = None, source: str | None = None
) -> ImportResult | None:
    """Import a Markdown, HTML, EPUB or PDF file; None when it is none of these (plain text)."""
    if str(path_or_dash) == "-":
        return None  # standard input: the text importer (it takes Markdown front matter too)
    path = Path(path_or_dash)
    head = b""
    try:
        with path.open("rb") as handle:
            head = handle.read(128)
    except OSError:
        return None  # the text reader reports it
    kind = format_of(path, head)
    if kind == "markdown":
        from .markdown import import_markdown_file

        return import_markdown_file(path, title=title, source=source)
    if kind == "html":
        from .html import import_html_file

        return import_html_file(path, title=title, source=source)
    if kind == "epub":
        from .epub import import_epub

        return import_epub(path, title=title, source=source)
    if kind == "pdf":
        from .pdf import import_pdf

        return import_pdf(path, title=title, source=source)
    return None


_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)


def import_decoded(decoded, *, title: str | None = None, source: str | None = None) -> ImportResult | None:
    """A text already read (a file with another suffix, or standard input; a DecodedText or a
    DecodedStream) that is Markdown with front matter or a web page: imported as such; None for
    any other text (which is then never decoded whole here)."""
    first_line = next(iter(decoded.lines()), "").lstrip("\ufeff")
    if first_line.strip() == "---":
        from .markdown import import_markdown

        return import_markdown(decoded.text.lstrip("\ufeff"), source_name=decoded.name, title=title,
                               source=source, encoding=decoded.encoding)
    # (the first 2,000 characters after any BOMs; a text is decoded whole only when it is a page)
    if _HTML_START.match(decoded.head(4000).lstrip("\ufeff")[:2000]):
        from .html import import_html

        return import_html(decoded.text.lstrip("\ufeff"), source_name=decoded.name, title=title, source=source)
    return None


def readable_article(result: ImportResult):
    """The one article `yuedu read FILE` shows: the first article of a page, or a whole book (its
    chapters one after another, each headed by its title)."""
    from ..article import Article, Block

    first = result.articles[0]
    if "book" not in first.extra or len(result.articles) == 1:
        return first
    blocks: list[Block] = []
    for chapter in result.articles:
        blocks.append(Block("heading", chapter.title, 0))
        blocks.extend(chapter.blocks)
    extra = {k: v for k, v in first.extra.items() if k not in ("chapter", "chapters")}
    return Article(
        id=first.extra.get("book_id", first.id), title=first.extra["book"], blocks=blocks,
        byline=first.byline, source=first.source, date=first.date, tags=list(first.tags), extra=extra,
    )
