"""Saved web pages (.html, .htm): the article body only, through trafilatura.

trafilatura (Apache-2.0) finds the main text and leaves menus, advertisements, related links,
comments and footers out; it also reads the headline, author and publication date the page
states (meta tags, ``<time>``, bylines). Its output goes through the text importer, which cleans
it like any other text (punctuation, captions, end marks such as 责任编辑, broken lines).
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import UserError
from ..importer import ImportResult
from .common import import_body, iso_date, one_line

_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BYLINE_PREFIX = re.compile(r"^(?:作者|文|撰文|记者|記者|本报记者|本報記者|by)\s*[:：/／|｜]?\s*", re.I)
_TITLE_SUFFIX = re.compile(r"\s*[_|｜—–-]\s*[^_|｜—–-]{1,30}$")


def _has_article(text: str) -> bool:
    """Some sentences of running text: 20 hanzi or more, and sentence punctuation."""
    return len(_HAN_RE.findall(text)) >= 20 and bool(re.search(r"[。！？!?.；;]", text))


def _text_of_xml(xml: str) -> str:
    """trafilatura's XML output as paragraphs separated by blank lines, headings as ``# `` lines."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, resolve_entities=False))
    main = root.find("main")
    if main is None:
        return ""
    parts: list[str] = []

    def text(el) -> str:
        return " ".join("".join(el.itertext()).split())

    for el in main:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            if text(el):
                parts.append("# " + text(el))
        elif tag == "list":
            parts.extend(text(item) for item in el.iter("item") if text(item))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [text(cell) for cell in row.iter("cell") if text(cell)]
                if cells:
                    parts.append("　".join(cells))
        elif tag in ("p", "quote", "code", "lb", "hi"):
            if text(el):
                parts.append(text(el))
        elif text(el):
            parts.append(text(el))
    return "\n\n".join(parts)


def import_html(
    data: bytes | str,
    *,
    source_name: str,
    title: str | None = None,
    source: str | None = None,
) -> ImportResult:
    """Import a saved web page's article."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            output_format="python",
            date_extraction_params={"extensive_search": False, "original_date": True, "min_date": "1800-01-01"},
        )
        # Precision first (it keeps paragraphs apart on small pages, where the default falls back to
        # the whole page as one block); the default when that finds too little.
        body = ""
        for precise in (True, False):
            xml = trafilatura.extract(
                data, include_comments=False, include_tables=True, output_format="xml", with_metadata=False,
                favor_precision=precise,
            )
            body = _text_of_xml(xml) if xml else ""
            if _has_article(body):
                break
    except Exception as exc:  # a parser deep inside lxml: whatever it raises, one line for the user
        raise UserError(f"cannot read this web page: {one_line(exc) or type(exc).__name__}", source_name) from None
    if not _has_article(body):
        raise UserError("this web page holds no article text (only menus, links or too little text)", source_name)
    stated_title = one_line(getattr(document, "title", None) or "") or None
    if stated_title and len(stated_title) > 20:
        stated_title = _TITLE_SUFFIX.sub("", stated_title)  # "标题_栏目_网站"
    author = one_line(getattr(document, "author", None) or "")
    author = _BYLINE_PREFIX.sub("", author).strip() or None
    date = iso_date(getattr(document, "date", None) or "")
    sitename = one_line(getattr(document, "sitename", None) or "") or None
    tags: list[str] = []
    for value in getattr(document, "tags", None) or []:
        tags += [t for t in re.split(r"[,，、;；]\s*", one_line(value)) if t]
    stated = [f"web page: {'headline ' + stated_title if stated_title else 'no headline stated'}"]
    if author:
        stated.append(f"byline {author}")
    if date:
        stated.append(f"date {date}")
    notes = [", ".join(stated) + " (menus, ads, related links, comments and footer left out)"]
    return import_body(
        body,
        source_name=source_name,
        title=title or stated_title,
        source=source or sitename,
        byline=author,
        date=date,
        tags=tags[:10],
        repairs=notes,
    )


def import_html_file(path: str | Path, *, title: str | None = None, source: str | None = None) -> ImportResult:
    from ..textio import read_bytes

    data, name = read_bytes(path)
    if not data.strip():
        raise UserError("file is empty", name)
    return import_html(data, source_name=name, title=title, source=source)
