"""`yuedu lookup WORD [--json]`: the glossary entry (if any), then the CC-CEDICT entries."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lookup",
        help="look a word up: policy glossary first, then the CC-CEDICT dictionary",
        description="Look a Chinese word up (simplified or traditional): the glossary entry if there is one "
        "(renderings, who uses them, origin, how many of your articles use it), then every CC-CEDICT "
        "entry. Exit status 1 when nothing is found (close matches go to stderr).",
    )
    p.add_argument("word", metavar="WORD", help="a word in hanzi, e.g. 新质生产力 or 國家")
    p.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.commands import cli_session
    from reader.errors import UserError

    word = args.word.strip()
    if not word:
        raise UserError("nothing to look up: WORD is empty")
    with cli_session() as session:
        found = session.lookup(word, levels=True)
        entry, dict_entries = found.entry, list(found.dictionary)
        occ = library_occurrences(session) if entry is not None else {}
        suggestions: list[str] = []
        if not found.found:
            suggestions = close_matches(word, session.glossary, session.dictionary)

    if args.json:
        out = {
            "word": word,
            "glossary": entry_json(entry, occ.get(entry.term, [])) if entry is not None else None,
            "dictionary": [dict_entry_json(e) for e in dict_entries],
        }
        if not found.found:
            out["close_matches"] = suggestions
        out.update(found.levels or {})  # HSK levels and frequency
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif found.found:
        from rich.console import Group

        from reader.core.knowledge import word_line

        parts: list[Any] = []
        if entry is not None:
            parts.extend(render_entry(entry, occ.get(entry.term, [])))
        if dict_entries:
            if parts:
                parts.append(_text(""))
            parts.extend(render_dict_entries(dict_entries))
        standard = found.levels["hsk"]["standard"] if found.levels else "2025"
        parts.append(_indented(_text(word_line(dict_entries[0].simplified if dict_entries else word, standard),
                                     "dim"), 0))
        console().print(Group(*parts))

    if not found.found:
        msg = f"yuedu: {word}: not found"
        if suggestions:
            msg += "; close matches: " + ", ".join(suggestions)
        print(msg, file=sys.stderr)
        return 1
    return 0


# ----------------------------------------------------------------------------- shared with `yuedu glossary`


def console():
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Output piped into `head` and the like: not an error (rich would exit with status 1).
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0)

        def print(self, *objects, crop: bool = False, **kwargs) -> None:  # type: ignore[override]
            # Not cropped to the terminal: the renderables wrap themselves, and a web address that is
            # wider than the terminal is printed whole (the terminal folds it, it can still be clicked).
            super().print(*objects, crop=crop, **kwargs)

    # No markup, no highlighting: glossary and dictionary text is printed exactly as written.
    return _Console(highlight=False, markup=False, emoji=False)


def _text(s: str = "", style: str = ""):
    from rich.text import Text

    return Text(s, style=style)


def load_glossary_for_cli():
    """The bundled + user glossary; a broken file is reported on stderr and skipped, never fatal."""
    from reader.commands import cli_session

    return cli_session().glossary


def library_occurrences(session) -> dict[str, list[tuple[str, int]]]:
    """Where each glossary term occurs in the library: {term: [(article id, block index)]}."""
    from reader.core.glossary import occurrences

    return occurrences(session.glossary, session.library.articles)


def close_matches(word: str, glossary, dictionary, limit: int = 10) -> list[str]:
    out = [e.term for e in glossary.search(word)[:5]]
    out += [t for t in glossary.close_matches(word) if t not in out]
    for w in dictionary.close_matches(word, limit=limit):
        if w not in out:
            out.append(w)
    return out[:limit]


def entry_json(entry, occ: list[tuple[str, int]]) -> dict[str, Any]:
    from reader.core.glossary import entry_data

    return entry_data(entry, occ)


def dict_entry_json(e) -> dict[str, Any]:
    return {
        "simplified": e.simplified,
        "traditional": e.traditional,
        "pinyin": e.pinyin,
        "pinyin_marks": e.pinyin_marks,
        "definitions": list(e.definitions),
    }


class _Indented:
    """A Text wrapped to the terminal width minus ``level`` and indented, with no trailing padding
    (rich's Padding pads every line to the widest, which leaves trailing spaces in pipes and files)."""

    def __init__(self, text, level: int) -> None:
        self.text = text
        self.level = level

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        width = max(10, options.max_width - self.level)
        for line in _wrap(self.text, console, width):
            line.rstrip()
            yield Segment(" " * self.level)
            yield from line.render(console)
            yield Segment.line()


_URL = re.compile(r"https?://\S+")


def _wrap(text, console, width: int):
    """``text`` wrapped to ``width``, except that a web address is never broken: a line holding one longer
    than the room left is broken only between words, and the address stands whole on its own line
    (wider than the terminal if it must), so it can still be clicked and copied."""
    from rich._wrap import divide_line
    from rich.text import Lines

    out = Lines()
    for line in text.split(allow_blank=True):
        plain = line.plain
        if not any(len(m.group()) > width - 1 for m in _URL.finditer(plain)):
            out.extend(line.wrap(console, width))
            continue
        pieces = line.divide(divide_line(plain, width, fold=False))
        out.extend(pieces)
    return out


def _indented(text, level: int = 2):
    return _Indented(text, level)


def render_entry(entry, occ: list[tuple[str, int]]) -> list[Any]:
    """The glossary entry as the popup and the glossary browser show it, with its sources and tags."""
    from reader.core.glossary import entry_text

    return [_indented(entry_text(entry, places=len({a for a, _b in occ}), sources=True, tags=True), 0)]


def render_dict_entries(entries) -> list[Any]:
    from rich.text import Text

    out: list[Any] = [Text("CC-CEDICT", style="dim")]
    for e in entries:
        head = Text()
        head.append(e.headword(), style="bold")
        head.append("  ")
        head.append(e.pinyin_marks, style="cyan")
        out.append(_indented(head))
        for i, d in enumerate(e.definitions, 1):
            out.append(_indented(Text(f"{i}. {d}"), 4))
    return out
