"""`yuedu list`: the articles in your library (bundled and imported), for scripts and a quick look."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help="list the articles in your library (bundled and imported)",
        description="List the articles in your library: the bundled ones and those you imported "
        "(id, title, paragraphs, characters; a book's chapters together, in reading order, titled "
        "BOOK · CHAPTER). Files that cannot be loaded are reported on stderr.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    p.set_defaults(func=list_articles)


def list_articles(args: argparse.Namespace) -> int:
    from reader import paths
    from reader.commands import cli_session
    from reader.core.article import Article, Book, shelf

    library = cli_session().library
    bundled = paths.bundled_articles_dir().resolve()
    # A book's chapters are listed together, in reading order, each with its book's title: a chapter's
    # own title (学而第一) does not say which book it belongs to.
    listed: list[tuple[Article, str | None, int | None]] = []
    for item in shelf(library.articles):
        if isinstance(item, Book):
            listed += [(c, item.title, n) for n, c in enumerate(item.chapters, 1)]
        else:
            listed.append((item, None, None))
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "book": book,
            "chapter": chapter,
            "source": a.source,
            "paragraphs": len(a.paragraphs),
            "characters": a.char_count,
            "bundled": a.path is not None and a.path.resolve().parent == bundled,
            "path": str(a.path) if a.path else None,
        }
        for a, book, chapter in listed
    ]
    for error in library.errors:
        print(f"yuedu: {error}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            origin = "bundled" if row["bundled"] else "imported"
            title = f"{row['book']} · {row['title']}" if row["book"] else row["title"]
            print(f"{row['id']}\t{title}\t{row['paragraphs']} ¶\t{row['characters']} chars\t{origin}")
        if not rows:
            print("no articles: import one with `yuedu import FILE`", file=sys.stderr)
    return 0
