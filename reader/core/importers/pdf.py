"""PDFs with a text layer, read with pypdf (BSD).

Text comes out in reading order from the positions of the text on the page, not the order of the
content stream: fragments are gathered into lines by their baseline, lines read top to bottom, and
a page set in two columns is read column by column. Running headers and footers (the same line at
the top or bottom of several pages, page numbers aside) and page numbers are dropped. A paragraph
starts at an indented line (by position or by leading full-width spaces) or after a gap larger
than the line spacing; its lines are joined as the importer joins newspaper text (no space between
hanzi), also across a page break. The text is then cleaned by the text importer.

A PDF without any text (a scan) and an encrypted PDF that needs a password are one-line errors.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from ...errors import UserError
from ..article import join_lines
from ..importer import ImportResult
from .common import import_body, iso_date, one_line

_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–·•|｜]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})(?:\s*页)?"
    r"(?:\s*(?:/|of|共)\s*\d{1,4}\s*页?)?[\s\-—–·•|｜]*$|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$",
    re.I,
)
_INDENT_RE = re.compile(r"^[\u3000\u00a0 ]{2,}|^\u3000")


@dataclass
class _Line:
    y: float
    x: float
    size: float
    text: str
    page: int
    column: int = 0

    @property
    def right(self) -> float:
        return self.x + _width(self.text, self.size)


def _width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E80 else size * 0.5 for ch in text)


def _fragments(page) -> list[tuple[float, float, float, str]]:
    """(y, x, font size, text) of every piece of text the page shows, in user space."""
    found: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size) -> None:
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[0] * cm[0]) + abs(tm[3] * cm[3])) / 2 or 1.0
        size = float(font_size or 10) * scale
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                found.append((y - k * size * 1.2, x, size, part))

    page.extract_text(visitor_text=visit)
    return found


def _lines(fragments: list[tuple[float, float, float, str]], page_no: int) -> list[_Line]:
    """Fragments on one baseline (within half a font size) make one line, read left to right."""
    lines: list[_Line] = []
    for y, x, size, text in sorted(fragments, key=lambda f: (-f[0], f[1])):
        line = lines[-1] if lines else None
        if line is not None and abs(line.y - y) <= max(line.size, size) * 0.5:
            pieces = sorted([(line.x, line.text), (x, text)]) if x < line.x else [(line.x, line.text), (x, text)]
            line.x = pieces[0][0]
            line.text = pieces[0][1] + pieces[1][1] if _touching(pieces, size) else pieces[0][1] + " " + pieces[1][1]
            line.size = max(line.size, size)
        else:
            lines.append(_Line(y, x, size, text, page_no))
    for line in lines:
        line.text = line.text.rstrip()
    return lines


def _touching(pieces: list[tuple[float, str]], size: float) -> bool:
    (x0, t0), (x1, t1) = pieces
    gap = x1 - (x0 + _width(t0, size))
    cjk = bool(t0) and bool(t1) and (ord(t0[-1]) > 0x2E80 or ord(t1[0]) > 0x2E80)
    return cjk or gap < size * 0.25


def _columns(fragments: list[tuple[float, float, float, str]], width: float) -> list[list[tuple[float, float, float, str]]]:
    """A page set in two columns (no text crosses the middle, both halves hold lines of text) is read
    column by column: text across the whole width above the columns, the left column, the right one,
    then text across the width below. Otherwise the page is one column."""
    if width <= 0 or len(fragments) < 6:
        return [fragments]
    mid = width / 2

    def crosses(f: tuple[float, float, float, str]) -> bool:
        return f[1] < mid - 2 and f[1] + _width(f[3], f[2]) > mid + 2

    left = [f for f in fragments if not crosses(f) and f[1] < mid]
    right = [f for f in fragments if not crosses(f) and f[1] >= mid]
    across = [f for f in fragments if crosses(f)]
    if len({round(f[0]) for f in left}) < 3 or len({round(f[0]) for f in right}) < 3:
        return [fragments]
    if len(across) > max(1, len(fragments) // 10):
        return [fragments]
    top = max(f[0] for f in left + right)
    return [[f for f in across if f[0] > top], left, right, [f for f in across if f[0] <= top]]


def _furniture(pages: list[list[_Line]]) -> set[int]:
    """ids of header, footer and page-number lines (the first and last two lines of each page)."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    edges: list[tuple[_Line, str]] = []
    for lines in pages:
        ordered = sorted(lines, key=lambda ln: -ln.y)
        for line in ordered[:2]:
            edges.append((line, "top"))
        for line in ordered[-2:]:
            if all(line is not e[0] for e in edges):
                edges.append((line, "bottom"))
    counts: dict[tuple[str, str], int] = {}
    for line, where in edges:
        counts[(key(line.text), where)] = counts.get((key(line.text), where), 0) + 1
    dropped: set[int] = set()
    for line, where in edges:
        repeated = len(pages) >= 2 and counts[(key(line.text), where)] >= max(2, len(pages) // 2)
        if repeated or _PAGE_NUMBER_RE.match(line.text.strip()):
            dropped.add(id(line))
    return dropped


def paragraphs_of(pages: list[list[_Line]]) -> list[str]:
    """The body text as paragraphs, in reading order, furniture dropped, lines joined."""
    dropped = _furniture(pages)
    body = [[ln for ln in lines if id(ln) not in dropped] for lines in pages]
    gaps = [a.y - b.y for lines in body for a, b in zip(lines, lines[1:]) if 0 < a.y - b.y < a.size * 3]
    leading = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[list[str]] = []
    for lines in body:
        if not lines:
            continue
        previous: _Line | None = None
        margins: dict[int, float] = {}
        for ln in lines:
            margins[ln.column] = min(margins.get(ln.column, ln.x), ln.x)
        for ln in lines:
            margin = margins[ln.column]
            indent = _INDENT_RE.match(ln.text) is not None or margin + ln.size * 1.5 < ln.x < margin + ln.size * 6
            gap = previous is not None and leading > 0 and (previous.y - ln.y) > leading * 1.5
            size_change = previous is not None and abs(previous.size - ln.size) > 1.0
            start = not paragraphs or indent or gap or size_change
            text = ln.text.strip(" \u3000\u00a0")
            if start:
                paragraphs.append([text])
            else:
                paragraphs[-1].append(text)
            previous = ln
    return [join_lines(p) for p in paragraphs if any(p)]


def _stated(value: object) -> str:
    """A metadata value a person wrote (not a tool's placeholder such as "untitled" or "anonymous")."""
    text = one_line(value or "")
    if text.lower() in ("untitled", "anonymous", "unknown", "unspecified", "none", "null", "author", "title"):
        return ""
    if re.match(r"^(?:Microsoft Word - |Microsoft PowerPoint - )|\.(?:docx?|pptx?|odt|tex|indd)$", text, re.I):
        return ""
    return text


def read_pdf(path: str | Path) -> tuple[dict[str, str], list[str]]:
    """(metadata: title, author, date; the paragraphs) of a PDF's text layer."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's business
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise UserError("no such file", name)
    if p.is_dir():
        raise UserError("is a directory, expected a PDF file", name)
    try:
        reader = PdfReader(p)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError, ValueError):
                opened = 0
            if not opened:
                raise UserError("this PDF is encrypted and needs a password: save a copy without one first", name)
        pages: list[list[_Line]] = []
        for number, page in enumerate(reader.pages, start=1):
            width = float(page.mediabox.width)
            lines: list[_Line] = []
            for k, column in enumerate(_columns(_fragments(page), width)):
                for line in _lines(column, number):
                    line.column = k
                    lines.append(line)
            pages.append(lines)
        info = reader.metadata or {}
        meta = {
            "title": _stated(info.get("/Title")),
            "author": _stated(info.get("/Author")),
            "date": iso_date(re.sub(r"^D:(\d{4})(\d{2})(\d{2}).*", r"\1-\2-\3", str(info.get("/CreationDate", ""))))
            or "",
        }
    except UserError:
        raise
    except FileNotDecryptedError:
        raise UserError("this PDF is encrypted and needs a password: save a copy without one first", name) from None
    except Exception as exc:  # whatever a damaged file makes pypdf raise: one line for the user
        raise UserError(f"damaged PDF: {one_line(exc) or type(exc).__name__}", name) from None
    if not any(pages):
        raise UserError("this PDF has no text layer (a scan?): yuedu reads PDFs with text; run OCR on it first", name)
    return meta, paragraphs_of(pages)


def import_pdf(path: str | Path, *, title: str | None = None, source: str | None = None) -> ImportResult:
    name = str(path)
    meta, paragraphs = read_pdf(path)
    author = meta["author"] or None
    if author:  # the author's name standing alone under the title is a byline, not text
        paragraphs = [p for k, p in enumerate(paragraphs) if not (k < 3 and p == author)]
    # The creation date of a PDF is when the file was made, not when the text was written: not used.
    result = import_body(
        "\n\n".join(paragraphs),
        source_name=name,
        title=title or meta["title"] or None,
        source=source,
        byline=author,
    )
    # Counted after the cleaning: a headline in the text layer became the title, not a paragraph.
    held = sum(len(a.paragraphs) for a in result.articles)
    result.repairs.insert(0, f"PDF: {held} paragraph(s) from its text layer, in reading order; running headers, "
                          "footers and page numbers dropped")
    return result
