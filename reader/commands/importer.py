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
    import dataclasses
    import sys
    from pathlib import Path

    from reader import paths
    from reader.core.article import dump_article
    from reader.errors import UserError
    from reader.core.importer import import_file, write_articles

    if args.path == "-" and sys.stdin is not None and sys.stdin.isatty():
        raise UserError("standard input is a terminal: pipe a text in (cat a.txt | yuedu import -)", "<stdin>")
    result = _binary_stdin(args.title, args.source) if args.path == "-" else None
    if result is None:
        result = import_file(args.path, title=args.title, source=args.source)
    into = Path(args.into) if args.into else paths.library_dir()
    # The library is the bundled articles plus this folder, and an id may appear only once in it:
    # an article that comes with yuedu is not written again, and a different article that happens to
    # get the id of a bundled one is given its own id.
    bundled: dict[str, Path] = {}
    if not args.into:
        bundled_dir = paths.bundled_articles_dir()
        bundled = {p.stem: p for p in bundled_dir.glob("*.md")} if bundled_dir.is_dir() else {}
    states: dict[int, tuple[str, Path]] = {}
    for i, article in enumerate(result.articles):
        same = bundled.get(article.id)
        if same is None:
            continue
        if same.read_bytes() == dump_article(article).encode("utf-8"):
            states[i] = ("already bundled with yuedu, not written again", same)
            continue
        taken = set(bundled) | {a.id for a in result.articles}
        n = 2
        while f"{article.id}-{n}" in taken:
            n += 1
        article.id = f"{article.id}-{n}"
    to_write = dataclasses.replace(result, articles=[a for i, a in enumerate(result.articles) if i not in states])
    before: dict[str, bytes | None] = {}
    for article in to_write.articles:
        target = into / f"{article.id}.md"
        before[article.id] = target.read_bytes() if target.is_file() else None
    written = iter(write_articles(to_write, into))
    encoding = f" ({result.encoding})" if result.encoding else ""
    count = len(result.articles)
    print(f"imported {count} article{'s' if count != 1 else ''} from {result.source_name}{encoding} into {into}")
    for i, article in enumerate(result.articles):
        if i in states:
            state, path = states[i]
        else:
            path = next(written)
            old = before.get(article.id)  # an id taken by another article: written under a new one
            state = "new" if old is None else ("unchanged" if old == dump_article(article).encode("utf-8") else "updated")
        paragraphs = len(article.paragraphs)
        noun = "paragraph" if paragraphs == 1 else "paragraphs"
        print(f"  {article.id}  {article.title}  ({paragraphs} {noun}, {state})  {path}")
    if result.repairs:
        print("repairs and recognised furniture:")
        for line in result.repairs:
            print(f"  - {line}")
    return 0


def _binary_stdin(title: str | None, source: str | None):
    """`yuedu import - < book.epub` (or a PDF): the importers read a file, so the bytes go into a
    temporary one first; errors still name <stdin>. None when standard input is a text (read as before)."""
    import dataclasses
    import sys
    import tempfile
    from pathlib import Path

    from reader.core.importer import import_file
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
            result = import_file(path, title=title, source=source)
        except UserError as exc:
            raise UserError(exc.message.replace(str(path), "<stdin>"), "<stdin>", exc.line) from None
    return dataclasses.replace(result, source_name="<stdin>")
