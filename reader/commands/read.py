"""`yuedu` (the library) and `yuedu read PATH|-` (one file, imported on the fly)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "read",
        help="read a text or article file directly (- for standard input)",
        description="Open one file in the reader: an article .md file as it is, any other text (any "
        "encoding) cleaned up by the importer on the fly, without adding it to your library.",
    )
    p.add_argument("path", metavar="PATH|-", help="a text file in any encoding, an article .md file, or -")
    p.set_defaults(func=read_file)


def open_library(args: argparse.Namespace) -> int:
    from reader.ui.app import run_app

    return run_app()


def read_file(args: argparse.Namespace) -> int:
    from reader import early

    # First of all, a process of its own that works out the first screen's pinyin (reader/early.py):
    # it loads the engine while this one reads the file and starts Textual.
    tokens = early.start() if args.path != "-" else None
    from reader.core.article import first_screen_texts
    from reader.session import Session

    try:
        article = Session.article_to_read(args.path)  # a file that cannot be read: one line, exit 2
    except BaseException:
        if tokens is not None:
            tokens.close()
        raise
    if tokens is not None:
        tokens.send(first_screen_texts(article))
    from reader.ui.app import run_app

    return run_app(path=args.path, article=article, early=tokens)
