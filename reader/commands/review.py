"""`yuedu review`: open the app straight on the review screen."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review your saved words (spaced repetition, FSRS)",
                       description="Open the review screen: the words due today, then new ones up to the "
                       "daily limit, scheduled by FSRS.")
    p.add_argument("--stats", action="store_true", help="print review statistics instead of opening the app")
    p.add_argument("--new-per-day", type=int, metavar="N", default=None,
                   help="set how many new words a day's reviews bring in (default 20), then exit")
    p.set_defaults(func=run)


def print_stats() -> int:
    from reader.commands import cli_session
    from reader.ui.stats_widgets import bar_chart_lines

    with cli_session() as session:
        store = session.store
        stats = store.stats(days=30)
    per_day = [n for _d, n in stats.reviews_per_day]
    print(f"cards: {stats.total} ({stats.new} new, {stats.learning} learning, {stats.review} in review); "
          f"{stats.due_now} to review now")
    retention = "no reviews yet" if stats.retention is None else f"{stats.retention:.0%}"
    print(f"reviews in the last 30 days: {sum(per_day)} (today {per_day[-1]}); retention: {retention}")
    if not any(stats.forecast):
        print("due in the next 30 days: none of the words you have reviewed (new words are not counted)")
        return 0
    print("due in the next 30 days:")
    for line in bar_chart_lines(stats.forecast, height=4, bar_width=2):
        print("  " + line)
    print("  today" + " " * max(1, 2 * len(stats.forecast) - 10) + "+29 d")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.new_per_day is not None:
        from reader.errors import UserError
        from reader.commands import cli_session
        from reader.store.db import PREF_NEW_PER_DAY

        if not 0 <= args.new_per_day <= 1000:
            raise UserError("--new-per-day must be between 0 and 1000")
        with cli_session() as session:
            store = session.store
            store.set_pref(PREF_NEW_PER_DAY, args.new_per_day)
        print(f"new words per day: {args.new_per_day}")
        return 0
    if args.stats:
        return print_stats()
    from reader.errors import UserError

    try:
        from reader.ui.app import run_app
    except ImportError as exc:
        raise UserError(f"the review screen needs the app, which is missing from this build ({exc})") from None
    return run_app(start="review")
