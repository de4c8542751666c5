"""EPUB 2 and 3 books: one book of chapters, read with the standard library's zipfile and lxml.

(ebooklib is AGPL, so it is not used.) The book's reading order is the OPF spine; chapter titles
come from the table of contents (the EPUB 3 nav document, or the EPUB 2 NCX), else from the
chapter's first heading; title and author from the OPF metadata. Images, styles, scripts and
ruby annotations are dropped; headings and paragraphs are kept and cleaned by the text importer.
A spine file with no entry of its own in the table of contents and no heading continues the
chapter before it (books split one chapter over several files).

Each chapter becomes one article whose kicker is the book's title (the library lists "book ·
chapter") and whose front matter names its book (``book``, ``book_id``, ``chapter``, ``chapters``
in the extra map); ids are ``<book id>-<chapter number>`` so the
library lists a book's chapters in reading order. Bad input is a one-line error: not a zip or a
damaged one, no container or package file, no spine, DRM-encrypted content.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ...errors import UserError
from ..article import Article, Block
from ..importer import ImportResult, make_id
from .common import import_body, iso_date, one_line

MAX_ENTRY = 32 * 1024 * 1024  # one XHTML file larger than this is not a chapter
MAX_TOTAL = 256 * 1024 * 1024  # uncompressed text read from one book at most

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
# Font obfuscation is not DRM: the text can be read.
FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}

_BLOCK_TAGS = {"p", "div", "li", "blockquote", "dd", "dt", "pre", "td", "th", "figcaption", "caption", "section",
               "article", "aside", "header", "footer", "main", "body", "tr", "table", "ul", "ol", "dl", "hr", "br"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_DROP_TAGS = {"script", "style", "svg", "img", "rt", "rp", "object", "video", "audio", "math", "head", "title",
              "nav", "figure-img", "iframe", "image"}


@dataclass
class Chapter:
    title: str | None
    href: str
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)


def _xml(data: bytes, name: str, book: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise UserError(f"damaged EPUB: {name} is not readable XML", book)
    return root


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


class _Book:
    def __init__(self, path: Path, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise UserError(f"damaged EPUB: not a readable zip archive ({one_line(exc)})", name) from None
        # Members are checked (CRC) as they are read; only the ones the book needs are read.
        self.read_total = 0

    def read(self, member: str) -> bytes:
        if member not in self.names:
            raise UserError(f"damaged EPUB: {member} is missing", self.name)
        info = self.zip.getinfo(member)
        if info.flag_bits & 0x1:
            raise UserError("this EPUB is encrypted (DRM): yuedu can only read books without DRM", self.name)
        if info.file_size > MAX_ENTRY or self.read_total + info.file_size > MAX_TOTAL:
            raise UserError(f"EPUB too large: {member} holds {info.file_size // 2**20} MiB", self.name)
        try:
            data = self.zip.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise UserError(f"damaged EPUB: cannot read {member} ({one_line(exc)})", self.name) from None
        self.read_total += len(data)
        return data


def _check_drm(book: _Book) -> None:
    if "META-INF/rights.xml" in book.names:
        raise UserError("this EPUB is DRM-protected (META-INF/rights.xml): yuedu can only read books without DRM",
                        book.name)
    if "META-INF/encryption.xml" not in book.names:
        return
    root = _xml(book.read("META-INF/encryption.xml"), "META-INF/encryption.xml", book.name)
    for data in root.iter("{%s}EncryptedData" % NS["enc"]):
        method = data.find("enc:EncryptionMethod", NS)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        if algorithm not in FONT_OBFUSCATION:
            raise UserError("this EPUB is DRM-protected (its chapters are encrypted): yuedu can only read books "
                            "without DRM", book.name)


def _join(base: str, href: str) -> str:
    href = unquote(href.split("#", 1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), href)) if href else ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _toc(book: _Book, opf_path: str, manifest: dict[str, tuple[str, str, str]], spine_toc: str | None) -> dict[str, str]:
    """File path -> title of its first entry in the table of contents (EPUB 3 nav, else EPUB 2 NCX)."""
    titles: dict[str, str] = {}
    nav = next((href for href, _, props in manifest.values() if "nav" in props.split()), None)
    if nav and nav in book.names:
        root = _html(book.read(nav))
        navs = [el for el in root.iter() if _local(el.tag) == "nav"]
        toc = next((el for el in navs if "toc" in (el.get("{%s}type" % NS["epub"]) or el.get("epub:type") or "")),
                   navs[0] if navs else None)
        if toc is not None:
            for a in toc.iter():
                if _local(a.tag) == "a" and a.get("href"):
                    target = _join(nav, a.get("href"))
                    if target and target not in titles and _text(a):
                        titles[target] = _text(a)
    if titles:
        return titles
    ncx = manifest.get(spine_toc or "", (None, "", ""))[0] or next(
        (href for href, media, _ in manifest.values() if media == "application/x-dtbncx+xml"), None
    )
    if ncx and ncx in book.names:
        root = _xml(book.read(ncx), ncx, book.name)
        for point in root.iter("{%s}navPoint" % NS["ncx"]):
            label = point.find("ncx:navLabel/ncx:text", NS)
            content = point.find("ncx:content", NS)
            if label is None or content is None or not content.get("src"):
                continue
            target = _join(ncx, content.get("src"))
            if target and target not in titles and _text(label):
                titles[target] = _text(label)
    return titles


def _html(data: bytes):
    """An XHTML document, parsed leniently (books often carry HTML that is not well-formed XML)."""
    from lxml import etree, html

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        try:
            root = html.fromstring(data, parser=html.HTMLParser(no_network=True, remove_comments=True))
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            root = None  # an empty or unreadable page: no text
    return root if root is not None else etree.Element("html")


_NOTE_TYPES = ("noteref", "footnote", "endnote", "endnotes", "rearnote", "rearnotes", "footnotes", "annoref")
_NOTE_MARK_RE = re.compile(r"^[\[［(（]?(?:\d{1,3}|[*†‡]|注\d{0,3})[\]］)）]?$|^[①-⑳㉑-㉟]$")


def _is_note(el, tag: str) -> bool:
    """A footnote or endnote (EPUB 3 epub:type, or a role), or a note's reference mark: a linked
    superscript holding only a number or a mark, or an unlinked one holding [1], ①, *."""
    kind = (el.get("{%s}type" % NS["epub"]) or "") + " " + (el.get("role") or "").replace("doc-", "")
    if any(word in _NOTE_TYPES for word in kind.split()):
        return True
    linked = (tag == "a" and len(el) == 1 and _local(el[0].tag) == "sup") or (
        tag == "sup" and any(_local(child.tag) == "a" for child in el))
    if linked:
        return bool(_NOTE_MARK_RE.match(_text(el)))
    if tag == "sup":  # unlinked: only a bracketed or circled mark (m<sup>2</sup> is text)
        return bool(_NOTE_MARK_RE.match(_text(el))) and not _text(el).isdigit()
    return False


def _blocks(root) -> list[tuple[str, str]]:
    """Headings and paragraphs of an XHTML body, in document order."""
    body = next((el for el in root.iter() if _local(el.tag) == "body"), root)
    out: list[tuple[str, str]] = []
    pending: list[str] = []

    def flush(kind: str = "paragraph") -> None:
        text = " ".join("".join(pending).split())
        pending.clear()
        if text:
            out.append((kind, text))

    def walk(el) -> None:
        tag = _local(el.tag)
        if tag in _DROP_TAGS or not isinstance(el.tag, str):
            if el.tail:
                pending.append(el.tail)
            return
        if _is_note(el, tag):
            if el.tail:
                pending.append(el.tail)
            return
        if tag in _HEADING_TAGS:
            flush()
            pending.append(_text_without_drops(el))
            flush("heading")
        elif tag in _BLOCK_TAGS:
            flush()
            if el.text:
                pending.append(el.text)
            for child in el:
                walk(child)
            flush()
        else:
            if el.text:
                pending.append(el.text)
            for child in el:
                walk(child)
        if el.tail:
            pending.append(el.tail)

    def _text_without_drops(el) -> str:
        parts: list[str] = []

        def inner(node) -> None:
            if _local(node.tag) in _DROP_TAGS:
                return
            if node.text:
                parts.append(node.text)
            for child in node:
                inner(child)
                if child.tail:
                    parts.append(child.tail)

        inner(el)
        return " ".join("".join(parts).split())

    if body.text:
        pending.append(body.text)
    for child in body:
        walk(child)
    flush()
    return out


def read_book(path: str | Path) -> tuple[dict[str, str], list[Chapter]]:
    """(metadata: title, author, date, publisher, language; chapters in reading order)."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise UserError("no such file", name)
    if p.is_dir():
        raise UserError("is a directory, expected an EPUB file", name)
    book = _Book(p, name)
    if "META-INF/container.xml" not in book.names:
        raise UserError("not an EPUB: META-INF/container.xml is missing", name)
    _check_drm(book)
    container = _xml(book.read("META-INF/container.xml"), "META-INF/container.xml", name)
    rootfile = container.find(".//c:rootfile", NS)
    opf_path = unquote(rootfile.get("full-path", "")) if rootfile is not None else ""
    if not opf_path:
        raise UserError("damaged EPUB: the container names no package (.opf) file", name)
    opf = _xml(book.read(opf_path), opf_path, name)

    def dc(field_name: str) -> str:
        el = opf.find(f".//dc:{field_name}", NS)
        return _text(el) if el is not None else ""

    authors = [_text(el) for el in opf.iterfind(".//dc:creator", NS) if _text(el)]
    meta = {
        "title": dc("title"),
        "author": "、".join(dict.fromkeys(authors)),
        "date": iso_date(dc("date")) or "",
        "publisher": dc("publisher"),
        "language": dc("language"),
    }
    manifest: dict[str, tuple[str, str, str]] = {}
    for item in opf.iterfind(".//opf:manifest/opf:item", NS):
        if item.get("id") and item.get("href"):
            manifest[item.get("id")] = (_join(opf_path, item.get("href")), item.get("media-type", ""),
                                        item.get("properties", ""))
    spine = opf.find(".//opf:spine", NS)
    if spine is None:
        raise UserError("damaged EPUB: its package file has no spine (no reading order)", name)
    refs = [ref for ref in spine.iterfind("opf:itemref", NS) if ref.get("linear", "yes") != "no"]
    order = [manifest[ref.get("idref")] for ref in refs if ref.get("idref") in manifest]
    order = [(href, media) for href, media, _ in order if "html" in media or href.endswith((".html", ".htm", ".xhtml"))]
    if not order:
        raise UserError("damaged EPUB: its spine lists no readable chapters", name)
    titles = _toc(book, opf_path, manifest, spine.get("toc"))

    chapters: list[Chapter] = []
    for href, _ in order:
        blocks = _blocks(_html(book.read(href)))
        if not any(kind == "paragraph" for kind, _ in blocks) and not titles.get(href):
            continue  # a cover or an image page
        heading = next((text for kind, text in blocks[:2] if kind == "heading"), None)
        title = titles.get(href) or heading
        if title is None and chapters:
            chapters[-1].blocks.extend(blocks)  # the rest of the chapter before
            continue
        if blocks and blocks[0][0] == "heading" and title and (blocks[0][1] == title or blocks[0][1] in title):
            blocks = blocks[1:]  # the heading repeats the chapter's title
        chapters.append(Chapter(title, href, blocks))
    chapters = [c for c in chapters if any(kind == "paragraph" for kind, _ in c.blocks)]
    if not chapters:
        raise UserError("this EPUB holds no text (only images or empty pages)", name)
    return meta, chapters


def import_epub(path: str | Path, *, title: str | None = None, source: str | None = None) -> ImportResult:
    """Import an EPUB as one book: one article per chapter, in reading order."""
    name = str(path)
    meta, chapters = read_book(path)
    book_title = one_line(title) or meta["title"] or Path(name).stem
    author = meta["author"] or None
    source = one_line(source) or meta["publisher"] or None
    first_blocks = [Block(kind, text, 0) for kind, text in chapters[0].blocks]
    book_id = make_id(Article(id="", title=book_title, kicker=author, blocks=first_blocks))[:72]
    articles: list[Article] = []
    repairs: list[str] = []
    width = max(3, len(str(len(chapters))))
    for n, chapter in enumerate(chapters, start=1):
        chapter_title = chapter.title or f"{book_title} {n}"
        text = "\n\n".join(("# " + text) if kind == "heading" else text for kind, text in chapter.blocks)
        try:
            result = import_body(text, source_name=f"{name}:{chapter.href}", title=chapter_title, source=source)
        except UserError:
            repairs.append(f"skipped {chapter.href}: no text left after cleaning")
            continue
        blocks = [b for article in result.articles for b in article.blocks]
        articles.append(Article(
            id=f"{book_id}-{n:0{width}d}",
            title=result.articles[0].title,
            kicker=book_title,  # the line above the headline: the library lists "book · chapter"
            blocks=blocks,
            byline=author,
            source=source,
            date=meta["date"] or None,
            extra={"book": book_title, "book_id": book_id, "chapter": str(n)},
        ))
    for article in articles:
        article.extra["chapters"] = str(len(articles))
    paragraphs = sum(len(a.paragraphs) for a in articles)
    repairs.insert(0, f"book {book_title}" + (f" by {author}" if author else "")
                   + f": {len(articles)} chapter(s) in reading order, {paragraphs} paragraphs; images and styles dropped")
    return ImportResult(articles, repairs, name, None)
