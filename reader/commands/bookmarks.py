"""`yuedu bookmarks [--json]`: every bookmark, by article."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bookmarks", help="list your bookmarks (paragraphs you marked while reading)",
                       description="Every bookmark, by article: its number, paragraph (¶, re-found if the "
                       "article changed), name and the start of the paragraph. Add one while reading (b); remove "
                       "one from the reader's list of bookmarks.")
    p.add_argument("--json", action="store_true", help="print a JSON array (id, article_id, block_index, name, "
                   "excerpt, created, title, paragraph: ¶ N as the reader shows it)")
    p.set_defaults(func=run)


def _articles() -> dict:
    """Articles by id, best effort (a broken library must not break the listing)."""
    try:
        from reader.commands import cli_session

        library = cli_session().library
        return {a.id: a for a in library.articles}
    except Exception:
        return {}


def _titles() -> dict[str, str]:
    return {i: a.title for i, a in _articles().items()}


def run(args: argparse.Namespace) -> int:
    import json

    from reader.commands import cli_session

    with cli_session() as session:
        store = session.store
        marks = store.list_bookmarks()
        articles = _articles() if marks else {}
        if articles:  # re-anchor on the articles as they are now (paragraphs may have moved)
            moved = []
            for article_id in dict.fromkeys(m.article_id for m in marks):
                article = articles.get(article_id)
                moved += store.list_bookmarks(article_id, block_texts=[b.text for b in article.blocks]) if article \
                    else [m for m in marks if m.article_id == article_id]
            marks = moved
    titles = {i: a.title for i, a in articles.items()}

    def where(mark) -> str:
        """The paragraph as the reader names it (its toast, its bookmarks list, search): one numbering."""
        from reader.core.progress import paragraph_label

        article = articles.get(mark.article_id)
        return paragraph_label(article, mark.block_index) if article is not None else f"¶ {mark.block_index + 1}"

    if args.json:
        rows = []
        for m in marks:
            row = m.to_json()
            row["title"] = titles.get(m.article_id)
            row["paragraph"] = where(m)
            rows.append(row)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not marks:
        print("no bookmarks yet (press b on a paragraph while reading)")
        return 0
    current = None
    for m in marks:
        if m.article_id != current:
            current = m.article_id
            title = titles.get(m.article_id)
            print(f"{title}  ({m.article_id})" if title else f"{m.article_id}  (not in your library any more)")
        name = f"  {m.name}" if m.name else ""
        print(f"  #{m.id}  {where(m)}{name}  {m.excerpt}")
    return 0
