"""`yuedu search TEXT [--json] [--limit N]`: every paragraph of the library that holds TEXT."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="find a text in every article of your library (keyword in context, with title and ¶)",
        description="Search every body paragraph of your library (the bundled articles and those you "
        "imported) for TEXT, an exact substring (no segmentation needed: 创新, 新质生产力, a name). Each hit "
        "is printed as the article's title, the paragraph number (the reader's ¶) and the text around the "
        "match. The index lives in the cache folder and follows the library as articles come and go.",
    )
    p.add_argument("text", metavar="TEXT", help="the text to find")
    p.add_argument("--json", action="store_true",
                   help='print a JSON list of {"article", "title", "paragraph", "text"} (the whole paragraph)')
    p.add_argument("--limit", metavar="N", type=int, default=0,
                   help="show at most N hits (default: all)")
    p.set_defaults(func=run_search)


def open_index():
    """The library's search index, brought up to date with the article files."""
    from reader import paths
    from reader.core.search import SearchIndex

    index = SearchIndex(paths.cache_dir() / "search.sqlite3")
    index.sync(paths.library_folders())  # the session's folders (Session.library_folders), without a session
    return index


def run_search(args: argparse.Namespace) -> int:
    import sys

    from reader.core.sanitize import safe_line
    from reader.errors import UserError

    query = " ".join(args.text.split())
    if not query:
        raise UserError("give a text to search for (yuedu search 创新)")
    if args.limit < 0:
        raise UserError("--limit must be 0 (all) or more")
    with open_index() as index:
        hits = index.search(query, limit=args.limit or None)
    if args.json:
        import json

        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        return 0 if hits else 1
    if not hits:
        print(f"no paragraph holds {safe_line(query)}", file=sys.stderr)
        return 1
    bold = sys.stdout.isatty()
    for hit in hits:
        left, match, right = (safe_line(part) for part in hit.context(query))
        if bold:
            match = f"\x1b[1;31m{match}\x1b[0m"
        print(f"{safe_line(hit.heading)} ¶{hit.paragraph}  {left}{match}{right}")
    articles = len({h.article for h in hits})
    more = " (limited: --limit 0 shows all)" if args.limit and len(hits) == args.limit else ""
    print(f"{len(hits)} paragraph{'s' if len(hits) != 1 else ''} in {articles} article{'s' if articles != 1 else ''}{more}",
          file=sys.stderr)
    return 0
