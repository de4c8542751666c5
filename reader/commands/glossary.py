"""`yuedu glossary check|list|show|search`: validate and browse the policy-term glossary."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "glossary",
        help="check, list, show or search the policy-term glossary",
        description="The policy-term glossary: the bundled glossary/*.yaml plus your own YAML files in "
        "the user glossary folder (they extend it, and an entry with the same term overrides the "
        "bundled one). `yuedu glossary check` says where that folder is.",
    )
    gsub = p.add_subparsers(dest="glossary_command", metavar="ACTION")
    c = gsub.add_parser(
        "check",
        help="validate glossary files; errors as file:line: message, exit 1 when any",
        description="Validate glossary YAML: schema, unknown keys, required and empty fields, pinyin "
        "(valid syllables, one per hanzi), duplicate terms or aliases across the files of a folder, "
        "at most one official rendering, http(s) URLs, dates (YYYY[-MM[-DD]]); and the source rules: an "
        "official rendering names an official publisher (or whose official rendering it is), every related "
        "target is an entry or alias (or a CC-CEDICT word, marked {cedict: WORD}), proper nouns are "
        "capitalised in the pinyin as CC-CEDICT writes them. YAML tags that would build Python objects are "
        "refused without running anything. Default: the bundled and the user glossary.",
    )
    c.add_argument("paths", nargs="*", metavar="DIR", help="glossary folders or files (default: bundled + user)")
    c.set_defaults(func=run_check)
    ls = gsub.add_parser(
        "list",
        help="list the entries: term, pinyin, date of origin, English",
        description="List the glossary: term, pinyin, date of origin (first known use) and the official "
        "English (or the first rendering). --tag keeps one tag's entries; --sort origin orders them by "
        "date of origin, oldest first, undated last.",
    )
    ls.add_argument("--tag", metavar="TAG", help="only entries with this tag (see --tags)")
    ls.add_argument("--sort", choices=("pinyin", "origin"), default="pinyin", help="order (default: pinyin)")
    ls.add_argument("--tags", action="store_true", help="list the tags with their number of entries")
    ls.add_argument("--json", action="store_true", help="print a JSON list")
    ls.set_defaults(func=run_list)
    s = gsub.add_parser("show", help="show one entry in full (term or alias)")
    s.add_argument("term", metavar="TERM")
    s.add_argument("--json", action="store_true", help="print a JSON object")
    s.set_defaults(func=run_show)
    q = gsub.add_parser("search", help="search by hanzi, pinyin (with or without tones) or English")
    q.add_argument("query", metavar="QUERY")
    q.add_argument("--tag", metavar="TAG", help="only entries with this tag")
    q.set_defaults(func=run_search)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _shown(path: Path) -> Path:
    """A path relative to the current folder when it is inside it (shorter `file:line:` messages)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return Path(rel) if not rel.startswith("..") else path


def run_check(args: argparse.Namespace) -> int:
    from reader.core.glossary import check_summary, default_dirs

    dirs = [Path(p) for p in args.paths] if args.paths else [_shown(d) for d in default_dirs()]
    if not args.paths:
        dirs = [d for d in dirs if d.exists()]
    problems, n_entries, n_files = check_summary(dirs)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in the glossary", file=sys.stderr)
        return 1
    if n_files == 0:
        print(f"no glossary files (*.yaml) in {', '.join(map(str, dirs))}", file=sys.stderr)
        return 1
    print(f"{n_entries} entries in {n_files} file{'s' * (n_files != 1)}, ok")
    if not args.paths:
        from reader import paths

        print(f"your own entries go in {paths.user_glossary_dir()}/*.yaml", file=sys.stderr)
    return 0


def _check_tag(glossary, tag: str | None) -> None:
    from reader.errors import UserError

    if tag is not None and not glossary.with_tag(tag):
        known = ", ".join(t for t, _n in glossary.tags())
        raise UserError(f"no glossary entry has the tag {tag!r} (tags: {known})")


def run_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from .lookup import console, load_glossary_for_cli

    glossary = load_glossary_for_cli()
    if args.tags:
        tags = glossary.tags()
        if args.json:
            print(json.dumps([{"tag": t, "entries": n} for t, n in tags], ensure_ascii=False, indent=2))
        else:
            out = console()
            for t, n in tags:
                out.print(Text.assemble((t, "bold"), f"  {n}"), soft_wrap=True)
        return 0
    _check_tag(glossary, args.tag)
    entries = glossary.search("", tag=args.tag, sort=args.sort)
    if args.json:
        data = [
            {
                "term": e.term,
                "pinyin": e.pinyin,
                "origin_date": e.origin_date,
                "origin_uncertain": bool(e.uncertain_note("origin_date") or e.uncertain_note("origin")),
                "english": (e.official_english or e.english[0]).text if e.english else None,
                "tags": list(e.tags),
            }
            for e in entries
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    table = Table(box=None, show_header=True, header_style="dim", pad_edge=False)
    table.add_column("term", no_wrap=True)
    table.add_column("pinyin", style="cyan", no_wrap=True)
    table.add_column("since", style="dim", no_wrap=True)
    table.add_column("English")
    for e in entries:
        english = (e.official_english or e.english[0]).text if e.english else ""
        table.add_row(Text(e.term), Text(e.pinyin), Text(e.origin_date_label), Text(english))
    out = console()
    out.print(table)
    what = f" tagged {args.tag}" if args.tag else ""
    out.print(Text(f"{len(entries)} entries{what}" + (", oldest first" if args.sort == "origin" else ""), style="dim"))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from rich.console import Group

    from . import cli_session
    from .lookup import console, entry_json, library_occurrences, render_entry

    session = cli_session()
    glossary = session.glossary
    entry = glossary.get(args.term)
    if entry is None:
        hits = [e.term for e in glossary.search(args.term)[:8]]
        msg = f"yuedu: {args.term}: not in the glossary"
        if hits:
            msg += "; close matches: " + ", ".join(hits)
        print(msg, file=sys.stderr)
        return 1
    occ = library_occurrences(session).get(entry.term, [])
    if args.json:
        print(json.dumps(entry_json(entry, occ), ensure_ascii=False, indent=2))
    else:
        console().print(Group(*render_entry(entry, occ)))
    return 0


def run_search(args: argparse.Namespace) -> int:
    from rich.text import Text

    from .lookup import console, load_glossary_for_cli

    glossary = load_glossary_for_cli()
    _check_tag(glossary, args.tag)
    hits = glossary.search(args.query, tag=args.tag)
    out = console()
    for e in hits:
        english = (e.official_english or e.english[0]).text if e.english else ""
        line = Text()
        line.append(e.term, style="bold")
        line.append("  ")
        line.append(e.pinyin, style="cyan")
        line.append("  ")
        line.append(english)
        out.print(line, soft_wrap=True)  # one line per entry, also when piped
    if not hits:
        print(f"yuedu: nothing in the glossary matches {args.query!r}", file=sys.stderr)
        return 1
    return 0
