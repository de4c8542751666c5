"""`yuedu known hsk|add|ignore|remove|list|import`: say which words you know."""

from __future__ import annotations

import argparse
import sys

STANDARD_CHOICES = ("2.0", "3.0", "2025")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "known", help="say which words you know (HSK levels, words, a word list); list them",
        description="The words you know are left without pinyin in the reader's 'unknown words' mode and "
        "count as known in `yuedu coverage`. Nothing is marked known but by these commands, the reader's K, "
        "and review: a saved word becomes known once FSRS expects you to recall it a month out, and a known "
        "word you fail in review is learning again. With no action: how many words are in each state.")
    ks = p.add_subparsers(dest="known_command", metavar="ACTION")

    h = ks.add_parser("hsk", help="mark every word of HSK levels 1 to LEVEL known")
    h.add_argument("level", type=int, metavar="LEVEL", help="1-6, or 7-9 (the advanced band) for HSK 3.0 and 2025")
    h.add_argument("--standard", choices=STANDARD_CHOICES, default=None,
                   help="which word lists: 2.0 (2009-10), 3.0 (the 2021 standard) or 2025 (the exam syllabus; "
                   "default: the one you chose last, else 2025). Also the levels shown by lookup and coverage")
    h.set_defaults(func=hsk)

    a = ks.add_parser("add", help="mark words known")
    a.add_argument("words", nargs="+", metavar="WORD")
    a.set_defaults(func=lambda args: _mark(args.words, "known"))

    i = ks.add_parser("ignore", help="ignore words (names, foreign words): never counted as unknown")
    i.add_argument("words", nargs="+", metavar="WORD")
    i.set_defaults(func=lambda args: _mark(args.words, "ignored"))

    r = ks.add_parser("remove", help="take the mark off words (known or ignored -> new, or learning if saved)")
    r.add_argument("words", nargs="*", metavar="WORD")
    r.add_argument("--hsk", type=int, default=None, metavar="LEVEL",
                   help="take back `known hsk`: the words of levels 1 to LEVEL it marked (and nothing you marked "
                   "yourself)")
    r.add_argument("--standard", choices=STANDARD_CHOICES, default=None, help="with --hsk: which lists")
    r.set_defaults(func=remove)

    ls = ks.add_parser("list", help="the words you know (or ignore, or are learning)")
    ls.add_argument("--state", choices=["known", "ignored", "learning", "all"], default="known")
    ls.add_argument("--json", action="store_true", help="a JSON array of {word, state, source, changed, hsk}")
    ls.set_defaults(func=list_)

    st = ks.add_parser("stats", help="words known at the end of each of the last days")
    st.add_argument("--days", type=int, default=30, metavar="N", help="how many days back (default 30)")
    st.add_argument("--json", action="store_true", help='a JSON array of {"date", "known"}')
    st.set_defaults(func=stats)

    im = ks.add_parser("import", help="mark known the words of a word list or a Pleco/Anki/CSV export "
                       "(the first column)")
    im.add_argument("file", metavar="FILE", help="a text file in any encoding (- for standard input)")
    im.set_defaults(func=import_)

    p.set_defaults(func=summary)


def _checked_words(words: list[str]) -> list[str]:
    from reader.core.script import is_hanzi
    from reader.errors import UserError
    from reader.store.knowledge import clean_word

    out = []
    for raw in words:
        word = clean_word(raw)
        if not word or not any(is_hanzi(ch) for ch in word) or any(
                not (is_hanzi(ch) or ch.isalnum() or ch == "·") for ch in word):
            raise UserError(f"not a Chinese word: {raw!r}")
        out.append(word)
    return out


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _mark(words: list[str], state: str) -> int:
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    words = _checked_words(words)
    with cli_session() as session:
        store = session.store
        report = Knowledge(store).mark(words, state)
    print(f"{'known' if state == 'known' else 'ignored'}: {' '.join(words)}"
          + (f" ({report.unchanged:,} already)" if report.unchanged else ""))
    return 0


def _standard(args_standard: str | None, knowledge) -> str:
    from reader.core.knowledge import check_standard

    return check_standard(args_standard) if args_standard else knowledge.standard()


def hsk(args: argparse.Namespace) -> int:
    from reader.core.knowledge import STANDARD_NAMES, level_label, words_up_to
    from reader.errors import UserError
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    with cli_session() as session:
        store = session.store
        k = Knowledge(store)
        standard = _standard(args.standard, k)
        try:
            words = words_up_to(args.level, standard)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        report = k.mark(words, "known", source=f"hsk:{standard}", bulk=True)
        k.set_standard(standard)
    levels = "level 1" if args.level == 1 else f"levels 1-{level_label(args.level)}"
    line = f"{STANDARD_NAMES[standard]} {levels}: {_plural(len(words), 'word')}; {report.changed:,} marked known"
    if report.unchanged:
        line += f", {report.unchanged:,} already known"
    if report.kept:
        line += f", {_plural(report.kept, 'ignored word')} left as {'it is' if report.kept == 1 else 'they are'}"
    print(line)
    print(f"undo: yuedu known remove --hsk {args.level} --standard {standard}")
    return 0


def remove(args: argparse.Namespace) -> int:
    from reader.core.knowledge import words_up_to
    from reader.errors import UserError
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    if not args.words and args.hsk is None:
        raise UserError("name the words to take the mark off, or --hsk LEVEL")
    words = _checked_words(args.words)
    with cli_session() as session:
        store = session.store
        k = Knowledge(store)
        if args.hsk is not None:
            standard = _standard(args.standard, k)
            try:
                listed = set(words_up_to(args.hsk, standard))
            except ValueError as exc:
                raise UserError(str(exc)) from None
            words += [w for w in k.marked_by(f"hsk:{standard}") if w in listed]
        n = k.forget(words)
    print(f"took the mark off {_plural(n, 'word')}")
    return 0


def list_(args: argparse.Namespace) -> int:
    import json

    from reader.core.knowledge import hsk_level, level_label
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    with cli_session() as session:
        store = session.store
        k = Knowledge(store)
        items = k.list(None if args.state == "all" else args.state)
        standard = k.standard()
    if args.json:
        rows = []
        for i in items:
            d = i.to_json()
            d["hsk"] = hsk_level(i.word, standard)
            rows.append(d)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not items:
        what = {"known": "known", "ignored": "ignored", "learning": "being learnt", "all": "marked"}[args.state]
        print(f"no words {what} yet" + (" (yuedu known hsk 3, yuedu known add WORD…)" if args.state == "known"
                                        else ""))
        return 0
    out = sys.stdout
    for i in items:
        level = hsk_level(i.word, standard)
        out.write(f"{i.word}\t{i.state}\t{'HSK ' + level_label(level) if level else ''}\t{i.source}\n")
    return 0


def import_(args: argparse.Namespace) -> int:
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge, read_word_list

    words, name = read_word_list(args.file)
    with cli_session() as session:
        store = session.store
        report = Knowledge(store).mark(words, "known", source="import")
    line = f"{name}: {_plural(len(words), 'word')}; {report.changed:,} marked known"
    if report.unchanged:
        line += f", {report.unchanged:,} already known"
    print(line)
    return 0


def stats(args: argparse.Namespace) -> int:
    import json

    from reader.errors import UserError
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    if not 1 <= args.days <= 3650:
        raise UserError(f"--days must be between 1 and 3650 (got {args.days})")
    with cli_session() as session:
        store = session.store
        series = Knowledge(store).known_over_time(days=args.days)
    if args.json:
        print(json.dumps([{"date": d.isoformat(), "known": n} for d, n in series]))
        return 0
    first, last = series[0][1], series[-1][1]
    change = last - first
    print(f"words known: {last:,} today, {'+' if change >= 0 else ''}{change:,} over the last {args.days} "
          f"day{'s' * (args.days != 1)}")
    if any(n for _d, n in series):
        from reader.ui.stats_widgets import bar_chart_lines  # the review statistics' chart

        for row in bar_chart_lines([n for _d, n in series], height=4, bar_width=1):
            print(("  " + row).rstrip())
        print(f"  {series[0][0].isoformat()}" + " " * max(1, len(series) - 20) + series[-1][0].isoformat())
    return 0


def summary(args: argparse.Namespace) -> int:
    from reader.core.knowledge import STANDARD_DOCS, STANDARD_NAMES
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    with cli_session() as session:
        store = session.store
        k = Knowledge(store)
        counts = k.counts()
        standard = k.standard()
    print(f"known {counts['known']:,} · learning {counts['learning']:,} · ignored {counts['ignored']:,}"
          f"  (HSK levels: {STANDARD_NAMES[standard]}, {STANDARD_DOCS[standard]})")
    if not counts["known"]:
        print("say what you know: yuedu known hsk 3, yuedu known add WORD…, yuedu known import FILE")
    return 0
