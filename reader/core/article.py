"""The article model and its on-disk format.

An article is one Markdown file with YAML front matter::

    ---
    id: bj-innovation-centre          # stable id: [a-z0-9][a-z0-9-]*, unique in the library
    title: 关键处「落子」成就大发展「好棋」
    kicker: 北京国际科技创新中心          # optional line printed above the headline
    source: 科技日报
    section: 两会特刊
    series: 创新驱动筑高地
    column: 新思路
    byline: 本报记者 华凌
    date: 2024-03-01                   # only when known
    note: 编者按 ...                    # editor's note
    tags: [科技, 北京]
    ---

    First paragraph.

    ## A subhead

    Next paragraph.

Body paragraphs are separated by blank lines; lines inside one paragraph are joined (with no
space between Chinese characters). Subheads are ``## `` lines. The loader reports anything wrong
as ``file:line: message`` through :class:`ArticleError`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

FRONT_MATTER_KEYS = (
    "id", "title", "kicker", "source", "section", "series", "column", "byline", "date", "note", "tags",
)
REQUIRED_KEYS = ("id", "title")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_CJK_END = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


class ArticleError(UserError):
    """An article file that cannot be loaded; str() is ``file:line: message``."""


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "heading"
    text: str
    line: int  # 1-based line of the block's first line in its file (0 when not from a file)

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass
class Article:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    kicker: str | None = None
    source: str | None = None
    section: str | None = None
    series: str | None = None
    column: str | None = None
    byline: str | None = None
    date: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)  # front matter keys of its own (book, chapter, ...)

    @property
    def paragraphs(self) -> list[Block]:
        """Body paragraphs only (no subheads)."""
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def char_count(self) -> int:
        """Length in characters of the body text (what a reader would call the article's length)."""
        return sum(len(b.text) for b in self.blocks)

    def block_of_paragraph(self, number: int) -> int | None:
        """The block index of body paragraph ``number`` (1-based: the reader's and the search's ¶ N)."""
        seen = 0
        for index, block in enumerate(self.blocks):
            if block.kind == "paragraph":
                seen += 1
                if seen == number:
                    return index
        return None

    def front_matter(self) -> dict[str, object]:
        data: dict[str, object] = {}
        for key in FRONT_MATTER_KEYS:
            value = getattr(self, key)
            if value in (None, "", []):
                continue
            data[key] = list(value) if key == "tags" else value
        for key, value in self.extra.items():
            if key not in data and key not in FRONT_MATTER_KEYS:
                data[key] = value
        return data


@dataclass(frozen=True)
class Unit:
    """One thing the reader steps through: a headline, byline, subhead or body paragraph."""

    kind: str  # "kicker" | "title" | "meta" | "byline" | "note" | "heading" | "paragraph"
    text: str
    block_index: int | None  # index in article.blocks; None for the headline group


def title_repeats_text(article: Article) -> bool:
    """Whether the title only repeats the start of the first paragraph: a plain text without a
    headline, titled by its first words (the importer's ``_first_clause``, cut with "…"). Such a
    title names the text in the library; the reader does not show it above the same words."""
    title = (article.title or "").strip().rstrip("…").strip()
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), "")
    if not title or not first or article.kicker:
        return False
    head = first.lstrip(" \t\u3000“”‘’\"'「『《（(")
    return head.startswith(title) or first.strip().startswith(title)


def article_units(article: Article) -> list[Unit]:
    units: list[Unit] = []
    if article.kicker:
        units.append(Unit("kicker", article.kicker, None))
    if not title_repeats_text(article):
        units.append(Unit("title", article.title, None))
    meta = " · ".join(x for x in (article.source, article.section, article.series, article.column, article.date) if x)
    if meta:
        units.append(Unit("meta", meta, None))
    if article.byline:
        units.append(Unit("byline", article.byline, None))
    if article.note:
        units.append(Unit("note", article.note, None))
    for index, block in enumerate(article.blocks):
        units.append(Unit("heading" if block.is_heading else "paragraph", block.text, index))
    return units


def first_screen_texts(article: Article, chars: int = 3000) -> list[str]:
    """The texts `yuedu read` shows first (the article's opening units, about a screenful or two): what
    the annotator loads for and annotates before anything else."""
    texts, total = [], 0
    for unit in article_units(article):
        texts.append(unit.text)
        total += len(unit.text)
        if total >= chars:
            break
    return texts


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: no space between CJK characters, one space otherwise."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and not (_CJK_END.search(out) or _CJK_START.search(line)):
            out += " "
        out += line
    return out


def dump_article(article: Article) -> str:
    """Serialise an article to its Markdown file text (deterministic: same article, same bytes)."""
    return "".join(article_pieces(article))


def article_pieces(article: Article) -> Iterator[str]:
    """:func:`dump_article`'s text in pieces: the front matter first, then one piece per block (a
    long article is written a block at a time, never built whole)."""
    import yaml

    head = yaml.safe_dump(
        article.front_matter(), allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    yield f"---\n{head}---\n"
    for block in article.blocks:
        yield f"\n## {block.text}\n" if block.is_heading else f"\n{block.text}\n"


def read_front_matter(lines: list[str], end: int, name: str) -> dict:
    """The YAML mapping between the opening ``---`` (``lines[0]``) and ``lines[end]``: the one reader
    of front matter (articles, and Markdown files brought in by the importer). Anything wrong is an
    :class:`ArticleError` with its line: malformed YAML, and values Python cannot hold (a date that
    does not exist, a number of 5,000 digits, nesting 100,000 deep)."""
    import yaml

    block = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark is not None else 2
        problem = exc.problem or exc.context or "invalid YAML"
        raise ArticleError(f"front matter: {problem}", name, line) from None
    except yaml.YAMLError as exc:
        raise ArticleError(f"front matter: {exc}", name, 2) from None
    except RecursionError:
        raise ArticleError("front matter: nested too deeply to read", name, 2) from None
    except (ValueError, OverflowError, TypeError) as exc:
        raise ArticleError(f"front matter: a value that cannot be read ({_short(exc)})", name,
                           _bad_value_line(lines[: end + 1], exc)) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError("front matter must be a mapping of keys to values", name, 2)
    return meta


def parse_article(text: str, path: str | Path = "<article>") -> Article:
    """Parse article file text; raise :class:`ArticleError` (``file:line: message``) when it is wrong.

    Three steps: where the front matter ends (:func:`_front_matter_end`), its values checked
    (:func:`_front_matter_values`), the body's subheads and paragraphs (:func:`_body_blocks`)."""
    name = str(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    end = _front_matter_end(lines, name)
    values, extra = _front_matter_values(read_front_matter(lines, end, name), lines, end, name)
    blocks = _body_blocks(lines, end, name)
    return Article(
        blocks=blocks, path=Path(path) if name != "<article>" else None, extra=extra, **values  # type: ignore[arg-type]
    )


def _front_matter_end(lines: list[str], name: str) -> int:
    """The index of the line that closes the front matter (it opens on the first line)."""
    if not lines or lines[0].strip() != "---":
        raise ArticleError("expected YAML front matter starting with '---' on the first line", name, 1)
    try:
        return next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ArticleError("front matter is not closed by a '---' line", name, 1) from None


def _front_matter_values(meta: dict, lines: list[str], end: int, name: str) -> tuple[dict[str, object], dict[str, str]]:
    """The article's own keys, checked (an error names the key's line), and the file's other keys
    as one line of text each (kept, never an error)."""

    def key_line(key: str) -> int:
        for i in range(1, end):
            if re.match(rf"^{re.escape(key)}\s*:", lines[i]):
                return i + 1
        return 2

    # Keys of a file's own are kept, never an error: author becomes the byline, the rest the extra map.
    if meta.get("author") is not None and not meta.get("byline"):
        meta["byline"] = _extra_value(meta.pop("author")) or None
    extra = {str(k): _extra_value(v) for k, v in meta.items() if k not in FRONT_MATTER_KEYS}
    meta = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS}
    for key in REQUIRED_KEYS:
        if key not in meta or meta[key] in (None, ""):
            raise ArticleError(f"front matter needs {key!r}", name, 2)
    values: dict[str, object] = {}
    for key, value in meta.items():
        if key == "tags":
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(t, (str, int)) for t in value):
                raise ArticleError("'tags' must be a list of words", name, key_line(key))
            values[key] = [str(t) for t in value]
        elif key == "date":
            if isinstance(value, (_dt.date, _dt.datetime)):
                value = value.isoformat()
            if not isinstance(value, str) or not value.strip():
                raise ArticleError("'date' must be a date like 2024-03-01", name, key_line(key))
            values[key] = value.strip()
        else:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise ArticleError(f"{key!r} must be text", name, key_line(key))
            values[key] = value.strip()
    if not ID_RE.match(values["id"]):  # type: ignore[arg-type]
        raise ArticleError(
            f"'id' {values['id']!r} must be lowercase letters, digits and hyphens", name, key_line("id")
        )
    return values, extra


def _body_blocks(lines: list[str], end: int, name: str) -> list[Block]:
    """The body after the front matter: '## ' subheads and paragraphs (lines up to a blank line)."""
    blocks: list[Block] = []
    pending: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal pending
        if pending:
            blocks.append(Block("paragraph", join_lines(pending), start))
            pending = []

    for index in range(end + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        number = index + 1
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            match = re.match(r"^(#+)\s*(.*)$", stripped)
            assert match is not None
            if match.group(1) != "##":
                raise ArticleError(
                    "only '## ' subheads are allowed in the body (the title belongs in the front matter)", name, number
                )
            if not match.group(2).strip():
                raise ArticleError("empty subhead", name, number)
            flush()
            blocks.append(Block("heading", match.group(2).strip(), number))
            continue
        if not pending:
            start = number
        pending.append(line)
    flush()
    if not any(b.kind == "paragraph" for b in blocks):
        raise ArticleError("article has no body paragraphs", name, end + 1)
    return blocks


def _extra_value(value: object) -> str:
    """A front matter value of a file's own, as one line of text (lists joined with 、)."""
    if value is None:
        return ""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(_extra_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_extra_value(v)}" for k, v in value.items())
    return " ".join(str(value).split())


MAX_ARTICLE_BYTES = 16 * 1024 * 1024  # a long novel is a few MB; anything larger is not an article


def load_article(path: str | Path) -> Article:
    """Load one article file (UTF-8). Anything wrong with it, whatever it is (a device or a pipe
    named ``*.md``, a huge file, a date that does not exist, a number of 5,000 digits, nesting
    100,000 deep), is an :class:`ArticleError` naming the file."""
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("is a directory, expected an article file", p)
        if not stat.S_ISREG(info.st_mode):
            # a FIFO would block the reader forever, a link to /dev/zero would never end
            raise ArticleError("not a regular file (a device, a pipe or a socket): not read", p)
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"file is too large ({info.st_size / 2**20:.0f} MiB; the limit for an article "
                               f"is {MAX_ARTICLE_BYTES // 2**20} MiB)", p)
        with open(p, "rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError("no such file", p) from None
    except IsADirectoryError:
        raise ArticleError("is a directory, expected an article file", p) from None
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}", p) from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"file is too large (the limit for an article is {MAX_ARTICLE_BYTES // 2**20} MiB)", p)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError("not UTF-8 text (use `yuedu import` to bring in other encodings)", p, line) from None
    return parse_article(text, p)


def _short(exc: BaseException, limit: int = 100) -> str:
    text = str(exc).split("\n")[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad_value_line(lines: list[str], exc: BaseException) -> int:
    """The front-matter line a bad value is most likely on (a date, a long number), else 2."""
    for index, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        value = line.partition(":")[2].strip()
        if "date" in str(exc).lower() or "month" in str(exc) or "day" in str(exc):
            if re.match(r"^\d{4}-\d{1,2}-\d{1,2}", value):
                return index
        elif re.match(r"^[-+]?\d{200,}", value):
            return index
    return 2


def book_id_of(article: Article) -> str | None:
    """The book a chapter belongs to (EPUB imports write ``book`` and ``book_id``), else None."""
    if not article.extra.get("book"):
        return None
    return article.extra.get("book_id") or article.extra["book"]


def _chapter_number(article: Article) -> int:
    try:
        return int(article.extra.get("chapter", ""))
    except ValueError:
        return 0


@dataclass
class Book:
    """The chapters of one book (one article each), in reading order."""

    id: str
    title: str
    chapters: list[Article]

    @property
    def char_count(self) -> int:
        return sum(c.char_count for c in self.chapters)

    @property
    def byline(self) -> str | None:
        return self.chapters[0].byline if self.chapters else None

    @property
    def source(self) -> str | None:
        return self.chapters[0].source if self.chapters else None


def shelf(articles: list[Article]) -> list[Article | Book]:
    """The library as a reader sees it: an article stands alone, a book's chapters are one book, placed
    where its first chapter is."""
    books: dict[str, Book] = {}
    items: list[Article | Book] = []
    for article in articles:
        key = book_id_of(article)
        if key is None:
            items.append(article)
            continue
        book = books.get(key)
        if book is None:
            book = books[key] = Book(key, article.extra["book"], [])
            items.append(book)
        book.chapters.append(article)
    for book in books.values():
        book.chapters.sort(key=_chapter_number)  # stable: files in name order when numbers are missing
    return items


@dataclass
class Library:
    articles: list[Article]
    errors: list[ArticleError]

    def get(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def chapters(self, article: Article) -> list[Article]:
        """The chapters of the book ``article`` belongs to, in reading order ([] when it is no chapter)."""
        key = book_id_of(article)
        if key is None:
            return []
        found = [a for a in self.articles if book_id_of(a) == key]
        found.sort(key=_chapter_number)
        return found


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def load_library(dirs: list[Path]) -> Library:
    """Load every ``*.md`` article in ``dirs`` (in order). Bad files are collected as errors, not
    raised, so one broken file never hides the rest; a later duplicate id is an error."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    seen: dict[str, Path | None] = {}
    for directory in dirs:
        if not directory.is_dir():
            continue
        try:
            names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".md") and not e.name.startswith("."))
        except OSError as exc:
            errors.append(ArticleError(f"cannot read the folder: {exc.strerror or exc}", directory))
            continue
        for path in (directory / name for name in names):
            try:
                article = load_article(path)
            except ArticleError as exc:
                errors.append(exc)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file never takes the library down
                errors.append(ArticleError(f"cannot be read ({type(exc).__name__}: {_short(exc)})", path))
                continue
            if article.id in seen:
                earlier = seen[article.id]
                if earlier is not None and _same_bytes(earlier, path):
                    continue  # an identical copy (e.g. a bundled article imported again): not an error
                errors.append(ArticleError(f"duplicate article id {article.id!r} (also in {earlier})", path, 2))
                continue
            seen[article.id] = path
            articles.append(article)
    return Library(articles, errors)


# --------------------------------------------------------------------------- managing article files


def move_aside(files: list[Path], trash: Path) -> list[tuple[Path, Path]]:
    """Move article files into ``trash`` (a folder of the data dir) instead of deleting them, so that
    they can be put back: returns (where it was, where it is now) for each. All or nothing: a file
    that cannot be moved puts back those already moved, then raises :class:`ArticleError`."""
    trash.mkdir(parents=True, exist_ok=True)
    moved: list[tuple[Path, Path]] = []
    for path in files:
        target = trash / path.name
        n = 2
        while target.exists():
            target = trash / f"{path.stem}.{n}{path.suffix}"
            n += 1
        try:
            os.replace(path, target)
        except OSError as exc:
            put_back(moved)
            raise ArticleError(f"cannot be moved to {trash}: {exc.strerror or exc}", path) from None
        moved.append((path, target))
    return moved


def put_back(moved: list[tuple[Path, Path]]) -> list[Path]:
    """Undo :func:`move_aside`: each file back where it was (never over a file that has appeared there
    since: that one is kept, and the moved-aside copy stays in the trash). Returns the paths restored."""
    restored: list[Path] = []
    for original, aside in reversed(moved):
        if original.exists() or not aside.exists():
            continue
        try:
            os.replace(aside, original)
        except OSError:
            continue
        restored.append(original)
    return restored[::-1]


def retitle(path: Path, title: str) -> Article:
    """Give the article file at ``path`` a new title, changing only its ``title:`` line (comments, key
    order and the body stay as they are; the id, and so the reader's place, bookmarks and saved
    words' links, are kept). Written to a temporary file and renamed over the old one. Returns the
    article as it now reads."""
    import yaml

    title = " ".join(title.split())
    if not title:
        raise ArticleError("a title cannot be empty", path)
    before = load_article(path)
    text = path.read_text(encoding="utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom):].split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    line = "title: " + yaml.safe_dump(title, allow_unicode=True, width=10_000, default_style='"').strip()
    at = next((i for i in range(1, end) if re.match(r"^title\s*:", lines[i])), None)
    if at is None:
        lines.insert(1, line)
    else:
        stop = at + 1  # a value continued on indented lines goes with it
        while stop < end and lines[stop][:1] in (" ", "\t"):
            stop += 1
        lines[at:stop] = [line]
    new_text = bom + "\n".join(lines)
    after = parse_article(new_text, path)
    if after.title != title or _body(after) != _body(before) or after.id != before.id:
        raise ArticleError("the title could not be changed without touching the rest of the file", path)
    _write(path, new_text)
    return after


def set_book_title(paths: list[Path], title: str) -> None:
    """A book's new title, in each of its chapter files (their ``book`` key and their kicker, the line
    the library shows above a chapter's title). Every file is checked before any is written."""
    import yaml

    title = " ".join(title.split())
    if not title:
        raise ArticleError("a title cannot be empty", paths[0] if paths else "<book>")
    value = yaml.safe_dump(title, allow_unicode=True, width=10_000, default_style='"').strip()
    texts: list[tuple[Path, str]] = []
    for path in paths:
        article = load_article(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        for key in ("book", "kicker"):
            at = next((i for i in range(1, end) if re.match(rf"^{key}\s*:", lines[i])), None)
            if at is not None:
                lines[at] = f"{key}: {value}"
        new_text = "\n".join(lines)
        after = parse_article(new_text, path)
        if _body(after) != _body(article) or after.extra.get("book") != title:
            raise ArticleError("the book's title could not be changed without touching the rest of the file", path)
        texts.append((path, new_text))
    for path, new_text in texts:
        _write(path, new_text)


def _body(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def _write(path: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file renamed over it)."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ArticleError(f"cannot write: {exc.strerror or exc}", path) from None
