"""`yuedu import PATH|- [--into DIR] [--title T] [--source S]`: clean up a text and add it to the library."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="clean up a text (any encoding; - for standard input) and add its articles to your library",
        description="Read a text in any encoding (UTF-8, UTF-16, GB18030/GBK, Big5), repair what a text "
        "extraction of a printed page leaves behind (broken paragraphs, photo credits, half-width "
        "punctuation, repeated phrases), recognise headlines, bylines and subheads, split a page into "
        "its articles, and write one article file per article.",
    )
    p.add_argument("path", metavar="PATH|-", help="the text file to import, or - for standard input")
    p.add_argument(
        "--into", metavar="DIR", default=None,
        help="write the article files here instead of your library folder",
    )
    p.add_argument("--title", metavar="T", default=None, help="title of the (first) article, replacing its headline")
    p.add_argument("--source", metavar="S", default=None, help="the publication, e.g. 科技日报")
    p.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from reader import paths
    from reader.core.importer import import_into
    from reader.errors import UserError

    if args.path == "-" and sys.stdin is not None and sys.stdin.isatty():
        raise UserError("standard input is a terminal: pipe a text in (cat a.txt | yuedu import -)", "<stdin>")
    into = Path(args.into) if args.into else paths.library_dir()
    # The library is the bundled articles plus this folder, and an id may appear only once in it:
    # an article that comes with yuedu is not written again, and a different article that happens to
    # get the id of a bundled one is given its own id.
    bundled: dict[str, Path] = {}
    if not args.into:
        bundled_dir = paths.bundled_articles_dir()
        bundled = {p.stem: p for p in bundled_dir.glob("*.md")} if bundled_dir.is_dir() else {}
    # What the user typed is cleaned where it comes in, as the file's text is (core/sanitize).
    from reader.core.sanitize import safe_line

    args.title = safe_line(args.title) if args.title is not None else None
    args.source = safe_line(args.source) if args.source is not None else None
    report = _binary_stdin(into, args.title, args.source, bundled) if args.path == "-" else None
    if report is None:
        report = import_into(args.path, into, title=args.title, source=args.source, bundled=bundled)
    encoding = f" ({report.encoding})" if report.encoding else ""
    count = len(report.written)
    print(f"imported {count} article{'s' if count != 1 else ''} from {report.source_name}{encoding} into {into}")
    for done in report.written:
        noun = "paragraph" if done.paragraphs == 1 else "paragraphs"
        print(f"  {done.id}  {done.title}  ({done.paragraphs} {noun}, {done.state})  {done.path}")
    if report.repairs:
        print("repairs and recognised furniture:")
        for line in report.repairs:
            print(f"  - {line}")
    return 0


def _binary_stdin(into, title: str | None, source: str | None, bundled):
    """`yuedu import - < book.epub` (or a PDF): the importers read a file, so the bytes go into a
    temporary one first; errors still name <stdin>. None when standard input is a text (read as before)."""
    import dataclasses
    import sys
    import tempfile
    from pathlib import Path

    from reader.core.importer import import_into
    from reader.core.importers import format_of
    from reader.core.textio import read_bytes
    from reader.errors import UserError

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or not hasattr(stream, "peek"):
        return None
    kind = format_of("-", stream.peek(128)[:128])  # looked at, not taken: a text is read as before
    if kind not in ("epub", "pdf"):
        return None
    data, _name = read_bytes("-")
    with tempfile.TemporaryDirectory(prefix="yuedu-stdin-") as folder:
        path = Path(folder) / f"stdin.{kind}"
        path.write_bytes(data)
        try:
            report = import_into(path, into, title=title, source=source, bundled=bundled)
        except UserError as exc:
            raise UserError(exc.message.replace(str(path), "<stdin>"), "<stdin>", exc.line) from None
    return dataclasses.replace(report, source_name="<stdin>")
