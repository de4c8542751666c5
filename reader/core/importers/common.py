"""What every format importer shares: handing extracted text to the text importer with the
metadata the container stated (title, byline, date, source, keys of its own)."""

from __future__ import annotations

import datetime as _dt
import re

from ..importer import ImportResult, _head_line, import_text

_DATE_RE = re.compile(r"((?:1[5-9]|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def iso_date(value: object) -> str | None:
    """A full calendar date stated in ``value`` (2024-03-01, 2024年3月1日, ISO time stamps), else None."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    match = _DATE_RE.search(value)
    if not match:
        return None
    try:
        return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def one_line(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def import_body(
    text: str,
    *,
    source_name: str,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    byline: str | None = None,
    date: str | None = None,
    tags: list[str] | None = None,
    extra: dict[str, str] | None = None,
    repairs: list[str] | None = None,
) -> ImportResult:
    """Clean ``text`` with the text importer. A title the container states heads the text, so the
    importer never takes the first short line of the body for a headline and drops it; metadata the
    container states wins over what the importer recognised in the text."""
    title = one_line(title) or None
    if title and _head_line(title):
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        if first.lstrip("# ").strip() != title:
            text = f"{title}\n\n{text}"
    result = import_text(text, title=title, source_name=source_name, source=source, encoding=encoding)
    for article in result.articles:
        if byline:
            article.byline = one_line(byline)
        if date:
            article.date = date
        if tags:
            article.tags = list(dict.fromkeys(article.tags + [one_line(t) for t in tags if one_line(t)]))
        if extra:
            article.extra.update({k: v for k, v in extra.items() if v})
    if repairs:
        result.repairs[:0] = repairs
    return result
