"""Markdown with front matter of its own (Obsidian, Hugo, Wikisource exports, notes).

An article file that already follows yuedu's format is taken as it is. Any other Markdown file is
imported: its front matter is read leniently (unknown keys are kept, never an error: ``author``
goes to the byline, ``title``/``date``/``source``/``tags`` to theirs, the rest to the article's
``extra`` map), Markdown syntax is reduced to its text (links, emphasis, images, quotes, rules),
footnote markers (``[^1-a]``) and footnote definitions go, and so do Wikisource's header and
footer (licence notes, "取自…", categories, navigation). The text is then cleaned by the text importer.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import UserError
from ..article import ArticleError, _extra_value, parse_article
from ..importer import ImportResult
from .common import import_body, iso_date, one_line

TITLE_KEYS = ("title", "标题", "標題", "name", "chapter_title")
AUTHOR_KEYS = ("author", "authors", "byline", "作者", "creator")
DATE_KEYS = ("date", "published", "pubdate", "日期", "created")
SOURCE_KEYS = ("source", "publisher", "来源", "來源", "出处", "出處")
TAG_KEYS = ("tags", "keywords", "categories", "标签", "標籤")

_FOOTNOTE_MARK_RE = re.compile(r"\[\^[^\]\s]{1,40}\]")
_FOOTNOTE_DEF_RE = re.compile(r"^\s{0,3}\[\^[^\]\s]{1,40}\]:")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK_RE = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_LINK_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)")
_STRIKE_RE = re.compile(r"~~(.+?)~~")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"</?(?:sup|sub|span|small|big|br|ref|references|u|b|i|em|strong|font|div|p)\b[^>]*>", re.I)
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")

# Wikisource's furniture (simplified and traditional): a line matching one of these is dropped, and
# from a licence or "retrieved from" line in the second half of the text on, everything is.
_WIKISOURCE_FOOTER = re.compile(
    r"公有领域|公有領域|Public domain|PD-old|PD-\w+|"
    r"^\s*(?:取自|檢索自|检索自)\s*[“「\"]?https?://|^\s*(?:隐藏)?分类\s*[:：]|^\s*(?:隱藏)?分類\s*[:：]|"
    r"本页面最后修订于|本頁面最後修訂於|此页面最后编辑于|此頁面最後編輯於|"
    r"^\s*(?:这部|此|本)作品在\s*\d{4}\s*年|^\s*(?:這部|此|本)作品在\s*\d{4}\s*年|"
    r"作者逝世已经超过|作者逝世已經超過|知识共享|知識共享|Creative Commons",
    re.I,
)
_WIKISOURCE_LINE = re.compile(
    r"^\s*(?:维基文库，自由的图书馆|維基文庫，自由的圖書館|姊妹计划|姊妹計劃|"
    r"(?:来自|來自|出自)(?:维基文库|維基文庫)|跳转到|跳到導航|跳到导航|跳到搜索)"
    r"|[◄►◀▶]|^\s*(?:上一[章回卷篇]|下一[章回卷篇]|返回)\s*[:：]?\s*\S{0,30}\s*$"
)


def split_front_matter(text: str, name: str) -> tuple[dict[str, object], str, int]:
    """(front matter mapping, body, line number of the body's first line). A file without front
    matter has an empty mapping. Malformed YAML is a one-line error with its line."""
    import yaml

    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise UserError("front matter is not closed by a '---' line", name, 1)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark is not None else 2
        raise UserError(f"front matter: {exc.problem or exc.context or 'invalid YAML'}", name, line) from None
    except yaml.YAMLError as exc:
        raise UserError(f"front matter: {exc}", name, 2) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # date: 2024-02-30, 5,000 digits, deep nesting
        from ..article import _bad_value_line, _short

        raise UserError(f"front matter: a value that cannot be read ({_short(exc)})", name,
                        _bad_value_line(text, exc)) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise UserError("front matter must be a mapping of keys to values", name, 2)
    return {str(k): v for k, v in meta.items()}, "\n".join(lines[end + 1 :]), end + 2


def clean_markdown(body: str) -> tuple[str, list[str]]:
    """Markdown reduced to its text, footnotes and Wikisource furniture removed. Returns the text
    and one-line notes of what was removed."""
    notes: list[str] = []
    body = _COMMENT_RE.sub("", body)
    lines = body.split("\n")

    # Wikisource footer: from the first licence / retrieved-from line in the second half on.
    footer_at = next(
        (i for i in range(len(lines) // 2, len(lines)) if _WIKISOURCE_FOOTER.search(lines[i])), None
    )
    if footer_at is not None:
        dropped = [line for line in lines[footer_at:] if line.strip()]
        lines = lines[:footer_at]
        notes.append(f"removed the Wikisource footer ({len(dropped)} line(s): licence, source, categories)")

    out: list[str] = []
    marks = definitions = furniture = 0
    in_definition = in_fence = False
    for line in lines:
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _FOOTNOTE_DEF_RE.match(line):
            definitions += 1
            in_definition = True
            continue
        if in_definition:
            if line.startswith(("    ", "\t")) and line.strip():
                continue  # a footnote's continuation line
            in_definition = False
        if _LINK_DEF_RE.match(line) or _RULE_RE.match(line):
            out.append("")
            continue
        if _WIKISOURCE_LINE.search(line) or _WIKISOURCE_FOOTER.search(line):
            furniture += 1
            continue
        line, n = _FOOTNOTE_MARK_RE.subn("", line)
        marks += n
        line = _QUOTE_RE.sub("", line)
        line = _IMAGE_RE.sub("", line)
        line = _LINK_RE.sub(r"\1", line)
        line = _REF_LINK_RE.sub(r"\1", line)
        line = _AUTOLINK_RE.sub(r"\1", line)
        line = _TAG_RE.sub("", line)
        line = _STRIKE_RE.sub(r"\1", line)
        line = _CODE_RE.sub(r"\1", line)
        for _ in range(2):
            line = _EMPHASIS_RE.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), line)
        line = re.sub(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?=\S)", r"\1", line)  # list markers
        line = line.rstrip("\\ ")  # hard line-break marks
        out.append(line)
    if marks:
        notes.append(f"removed {marks} footnote marker(s) ([^1] and the like)")
    if definitions:
        notes.append(f"removed {definitions} footnote definition(s)")
    if furniture:
        notes.append(f"removed {furniture} line(s) of Wikisource page furniture (navigation, licence)")
    return "\n".join(out), notes


def import_markdown(
    text: str,
    *,
    source_name: str,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Import Markdown text (with or without front matter of its own)."""
    meta, body, _ = split_front_matter(text, source_name)
    if meta:
        try:
            article = parse_article(text, source_name)
        except ArticleError:
            if "id" in meta:
                raise  # meant as an article file of ours: say what is wrong with it
        else:  # already an article file of ours
            if title and title.strip():
                article.title = one_line(title)
            if source and source.strip():
                article.source = one_line(source)
            article.path = None
            return ImportResult([article], ["already an article file: taken as it is"], source_name, encoding)

    used: set[str] = {"id"}  # our ids come from the content

    def take(keys: tuple[str, ...]) -> tuple[str | None, object | None]:
        for key in keys:
            for name in meta:
                if name.lower() == key and meta[name] not in (None, "", []):
                    return name, meta[name]
        return None, None

    def use(found: tuple[str | None, object | None]) -> object | None:
        if found[0] is not None:
            used.add(found[0])
        return found[1]

    stated_title = use(take(TITLE_KEYS))
    author = use(take(AUTHOR_KEYS))
    date_key, date_value = take(DATE_KEYS)
    date = iso_date(date_value)
    if date is not None:
        used.add(date_key)  # type: ignore[arg-type]  # a date that is not a full date stays in extra
    stated_source = use(take(SOURCE_KEYS))
    tags_value = use(take(TAG_KEYS))
    tags = [one_line(t) for t in tags_value] if isinstance(tags_value, list) else (
        [t for t in re.split(r"[,，、;；]\s*", one_line(tags_value)) if t] if tags_value else []
    )
    placed = {k: one_line(meta[k]) for k in ("kicker", "section", "series", "column", "note") if meta.get(k)}
    used |= set(placed)
    extra = {name: _extra_value(value) for name, value in meta.items() if name not in used}
    cleaned, notes = clean_markdown(body)
    if meta:
        kept = ", ".join(extra) if extra else "none"
        notes.insert(0, f"front matter read; keys kept in the article's extra map: {kept}")
    if not cleaned.strip():
        raise UserError("no text left to import (the Markdown file has only front matter)", source_name)
    result = import_body(
        cleaned,
        source_name=source_name,
        title=title or (one_line(stated_title) if stated_title is not None else None),
        source=source or (one_line(stated_source) if stated_source is not None else None),
        encoding=encoding,
        byline=_extra_value(author) if author is not None else None,
        date=date,
        tags=tags,
        extra=extra,
        repairs=notes,
    )
    for article in result.articles:
        for key, value in placed.items():
            setattr(article, key, value)
    return result


def import_markdown_file(
    path: str | Path, *, title: str | None = None, source: str | None = None
) -> ImportResult:
    from ..textio import read_text

    decoded = read_text(path)
    return import_markdown(decoded.text, source_name=decoded.name, title=title, source=source,
                           encoding=decoded.encoding)
