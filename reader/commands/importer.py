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
    from reader.core.article import dump_article
    from reader.core.errors import UserError
    from reader.core.importer import import_file, write_articles

    if args.path == "-" and sys.stdin is not None and sys.stdin.isatty():
        raise UserError("standard input is a terminal: pipe a text in (cat a.txt | yuedu import -)", "<stdin>")
    result = import_file(args.path, title=args.title, source=args.source)
    into = Path(args.into) if args.into else paths.library_dir()
    before: dict[str, bytes | None] = {}
    for article in result.articles:
        target = into / f"{article.id}.md"
        before[article.id] = target.read_bytes() if target.is_file() else None
    written = write_articles(result, into)
    encoding = f" ({result.encoding})" if result.encoding else ""
    count = len(result.articles)
    print(f"imported {count} article{'s' if count != 1 else ''} from {result.source_name}{encoding} into {into}")
    for article, path in zip(result.articles, written):
        old = before[article.id]
        state = "new" if old is None else ("unchanged" if old == dump_article(article).encode("utf-8") else "updated")
        paragraphs = len(article.paragraphs)
        print(f"  {article.id}  {article.title}  ({paragraphs} paragraphs, {state})  {path}")
    if result.repairs:
        print("repairs and recognised furniture:")
        for line in result.repairs:
            print(f"  - {line}")
    return 0
