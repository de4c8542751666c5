"""`yuedu annotate PATH|- [--format text|json|html] [--style marks|numbers|zhuyin] [--width N]`."""

from __future__ import annotations

import argparse
import sys

FORMATS = ("text", "json", "html")
from reader.core.pinyin import STYLES  # noqa: E402 (marks, numbers, zhuyin)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "annotate",
        help="print a text with pinyin: interlinear text, JSON (one object per line) or an HTML study sheet",
        description="Segment a Chinese text into words and give every hanzi its reading in context "
        "(glossary terms and your reading corrections included).",
    )
    p.add_argument("path", metavar="PATH|-", help="a text file in any encoding, or - for standard input")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--style", choices=STYLES, default="marks", help="pinyin style (default: marks)")
    p.add_argument("--width", type=int, default=None, metavar="N",
                   help="line width for --format text (default: the terminal's, 80 when not a terminal)")
    p.add_argument("--citation", action="store_true",
                   help="show 一 and 不 with their dictionary tones instead of the spoken ones (yī gè, bù shì)")
    p.set_defaults(func=run)


def make_annotator(session=None):
    """The annotator with the glossary and the user's corrections: the session's, the same the
    reader builds (same words, same cache keys). A broken store is a warning, never fatal."""
    from reader.commands import _warn, cli_session
    from reader.errors import UserError

    session = session or cli_session()
    try:
        session.existing_store()
    except UserError as exc:
        _warn(f"reading corrections not applied: {exc}")
        from reader.session import make_annotator as factory

        return factory(session.glossary_or_none())
    return session.annotator


def split_lines(text: str) -> list[str]:
    """Input lines: every line, blank ones too; a final line break does not start a new line."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def run(args: argparse.Namespace) -> int:
    from reader.errors import UserError
    from reader.core.textio import read_text

    if args.width is not None and args.width < 10:
        raise UserError(f"--width must be at least 10 (got {args.width})")
    out = sys.stdout
    if out is None:  # started with its standard output closed (`yuedu annotate f >&-`)
        raise UserError("standard output is closed: nowhere to print", "<stdout>")
    decoded = read_text(args.path)
    lines = split_lines(decoded.text)
    annotator = make_annotator()
    sandhi = not args.citation
    if args.format == "json":
        _json(lines, annotator, args.style, sandhi, out)
    elif args.format == "html":
        _html(lines, annotator, args.style, sandhi, out, decoded.name)
    else:
        width = args.width
        if width is None:
            import shutil

            width = shutil.get_terminal_size((80, 24)).columns if out.isatty() else 80
            width = max(width, 10)
        _text(lines, annotator, args.style, sandhi, width, out)
    out.flush()
    return 0


def _batches(lines: list[str], annotator, size: int = 200):
    for start in range(0, len(lines), size):
        chunk = lines[start : start + size]
        yield from zip(chunk, annotator.annotate_many(chunk))


def _json(lines, annotator, style, sandhi, out) -> None:
    import json

    from reader.core.pinyin import render_syllable, spoken_tokens

    for line, tokens in _batches(lines, annotator):
        spoken = spoken_tokens(tokens, sandhi=sandhi)
        items = []
        for tok, syls in zip(tokens, spoken):
            d = {"text": tok.text, "pinyin": [render_syllable(s, style) for s in syls]}
            if tok.glossary:
                d["glossary"] = tok.glossary
            if tok.pinyin:
                d["how"] = list(tok.decided)  # how each reading was decided
            if tok.unsure:
                d["unsure"] = True
            items.append(d)
        out.write(json.dumps({"text": line, "tokens": items}, ensure_ascii=False) + "\n")


def _text(lines, annotator, style, sandhi, width, out) -> None:
    from reader.core.layout import layout, render_text

    first = True
    for line, tokens in _batches(lines, annotator):
        if not line.strip():
            continue
        if not first:
            out.write("\n")
        first = False
        for row in render_text(layout(tokens, width, style=style, sandhi=sandhi, apostrophes=True)):
            out.write(row + "\n")


_HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="yuedu">
<title>{title}</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 2.6; font-size: 1.25em; color: #222; }}
ruby {{ ruby-position: over; }}
rt {{ font-family: "Noto Sans", "Helvetica Neue", sans-serif; font-size: 0.5em; color: #555; }}
.glossary {{ border-bottom: 2px solid #c60; }}
.t1 {{ color: #c00; }} .t2 {{ color: #080; }} .t3 {{ color: #00c; }} .t4 {{ color: #808; }} .t5 {{ color: #666; }}
footer {{ font-size: 0.6em; color: #888; line-height: 1.4; margin-top: 3em; }}
</style>
</head>
<body>
<h1>{title}</h1>
"""


def _headline(lines: list[str], name: str) -> tuple[str | None, list[str]]:
    """(the article's headline, the lines to annotate): a front matter's title (the front matter is
    not part of the sheet), or the headline the importer finds in a plain text (None when the importer
    finds none and would title the text by its first words)."""
    from reader.core.importer import import_text
    from reader.errors import UserError

    if lines and lines[0].lstrip("\ufeff").strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            from reader.core.article import read_front_matter

            try:
                title = read_front_matter(lines, end, name).get("title")
            except UserError:
                title = None
            if isinstance(title, str) and title.strip():
                return " ".join(title.split()), lines[end + 1:]
        return None, lines
    try:
        result = import_text("\n".join(lines), source_name=name)
    except UserError:
        return None, lines
    guessed = any("no headline found" in r for r in result.repairs[:3])
    return (None if guessed or not result.articles else result.articles[0].title), lines


def _html(lines, annotator, style, sandhi, out, name) -> None:
    from html import escape

    from reader.core.pinyin import render_syllable, spoken_tokens, tone_of
    from reader.core.script import is_hanzi

    # The sheet's title: the article's headline; without one, the file's name without its folders,
    # or the first line for standard input.
    title, lines = _headline(lines, name)
    if title:
        title = title[:200]
    elif name == "<stdin>":
        first = next((line.strip() for line in lines if line.strip()), "")
        title = first[:30] + ("…" if len(first) > 30 else "") or "yuedu"
    else:
        from pathlib import PurePath

        title = PurePath(name).name
    out.write(_HTML_HEAD.format(title=escape(title)))
    for line, tokens in _batches(lines, annotator):
        if not line.strip():
            continue
        parts = []
        spoken = spoken_tokens(tokens, sandhi=sandhi)
        for tok, syls in zip(tokens, spoken):
            if tok.pinyin:
                it = iter(syls)
                rubies = []
                for ch in tok.text:
                    if is_hanzi(ch):
                        s = next(it, "?")
                        rubies.append(
                            f'{escape(ch)}<rp>(</rp><rt class="t{tone_of(s)}">{escape(render_syllable(s, style))}</rt><rp>)</rp>'
                        )
                    else:
                        rubies.append(f"{escape(ch)}<rt></rt>")
                html = "<ruby>" + "".join(rubies) + "</ruby>"
            else:
                html = escape(tok.text)
            if tok.glossary:
                html = f'<span class="glossary" title="{escape(tok.glossary, quote=True)}">{html}</span>'
            parts.append(html)
        out.write("<p>" + "".join(parts) + "</p>\n")
    out.write('<footer>Annotated by yuedu. Readings are chosen in context by a machine and can be wrong.</footer>\n'
              "</body>\n</html>\n")
