"""`yuedu corrections list | set WORD PINYIN | merge WORD | split WORD PARTS... | remove ID`.

Your fixes to readings and word boundaries. They apply everywhere (the reader, `yuedu annotate`)
and come before the glossary's and the engine's readings.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corrections",
        help="list, add or remove your fixes to readings and word boundaries",
        description="Your own fixes: a word's reading (set), words that must stay together (merge) or be "
        "split (split). They apply everywhere and win over the glossary and the engine.",
    )
    csub = p.add_subparsers(dest="action", metavar="ACTION")
    lst = csub.add_parser("list", help="show your corrections")
    lst.add_argument("--json", action="store_true", help="print a JSON array (id, kind, word, value, created)")
    lst.set_defaults(func=cmd_list)
    st = csub.add_parser("set", help="fix the reading of a word: yuedu corrections set 长 zhang3")
    st.add_argument("word", help="the word (or single hanzi) in hanzi")
    st.add_argument("pinyin", nargs="+", help="one syllable per hanzi, tone marks or numbers (zhǎng / zhang3)")
    st.set_defaults(func=cmd_set)
    mg = csub.add_parser("merge", help="always keep WORD as one word")
    mg.add_argument("word", help="the word in hanzi")
    mg.set_defaults(func=cmd_merge)
    sp = csub.add_parser("split", help="always split WORD into PARTS: yuedu corrections split 关键处 关键 处")
    sp.add_argument("word", help="the word in hanzi")
    sp.add_argument("parts", nargs="+", help="the parts, in order, that make up WORD")
    sp.set_defaults(func=cmd_split)
    rm = csub.add_parser("remove", help="undo a correction (its ID is in `yuedu corrections list`)")
    rm.add_argument("id", type=int, help="the number shown by `yuedu corrections list`")
    rm.set_defaults(func=cmd_remove)
    p.set_defaults(func=cmd_list)


def _open():
    """The store, through the command line's session (closed with it)."""
    from reader.commands import cli_session

    return cli_session()


def _marks(syllables) -> str:
    from reader.core.pinyin import render_syllables

    return render_syllables(list(syllables), "marks", sep=" ")


def cmd_list(args: argparse.Namespace) -> int:
    with _open() as session:
        store = session.store
        rows = store.list_corrections()
    out = sys.stdout
    if getattr(args, "json", False):
        import json

        data = [{"id": r.id, "kind": r.kind, "word": r.word, "value": list(r.value),
                 "created": r.created.isoformat() if r.created else None} for r in rows]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not rows:
        out.write("No corrections yet. Add one with `yuedu corrections set WORD PINYIN`.\n")
        return 0
    from reader.core.layout import cell_len

    width = max(cell_len(r.word) for r in rows)
    for r in rows:
        if r.kind == "reading":
            what = f"{_marks(r.value)}  ({' '.join(r.value)})"
        elif r.kind == "split":
            what = " | ".join(r.value)
        else:
            what = "one word"
        created = r.created.strftime("%Y-%m-%d") if r.created else ""
        pad = " " * (width - cell_len(r.word))
        out.write(f"{r.id:>4}  {r.kind:<7}  {r.word}{pad}  {what}  {created}\n")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from reader.core.sanitize import safe_line

    word = safe_line(args.word.strip())  # cleaned where it comes in, as any text is
    with _open() as session:
        fix = session.fix_reading(word, " ".join(args.pinyin))  # parsed and checked by the one rule
    sys.stdout.write(f"{word} is now read {_marks(fix.syllables)} everywhere "
                     f"(undo: yuedu corrections remove {fix.correction_id})\n")
    sys.stdout.write(fix.summary() + "\n")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from reader.core.sanitize import safe_line

    word = safe_line(args.word.strip())  # cleaned where it comes in, as any text is
    with _open() as session:
        store = session.store
        cid = store.add_segmentation("merge", word)
    sys.stdout.write(f"{word} is now always one word (undo: yuedu corrections remove {cid})\n")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from reader.core.sanitize import safe_line

    word = safe_line(args.word.strip())  # cleaned where they come in, as any text is
    parts = [safe_line(p.strip()) for p in args.parts if p.strip()]
    with _open() as session:
        store = session.store
        cid = store.add_segmentation("split", word, parts)
    sys.stdout.write(f"{word} is now split as {' | '.join(parts)} (undo: yuedu corrections remove {cid})\n")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from reader.errors import UserError

    with _open() as session:
        store = session.store
        ok = store.remove_correction(args.id)
    if not ok:
        raise UserError(f"no correction with id {args.id} (see `yuedu corrections list`)")
    sys.stdout.write(f"removed correction {args.id}\n")
    return 0
