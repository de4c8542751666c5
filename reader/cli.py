"""The `yuedu` command line.

Each subcommand lives in its own module under :mod:`reader.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (called with the parsed
arguments, returning an exit status). Heavy imports happen inside ``func``, never at import
time, so ``yuedu --help`` stays instant.

Every run goes through :mod:`reader.cli_guard`: all printed text is made safe to show, and every
failure is one line on stderr with exit status 2; no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

# Order here is the order in `yuedu --help`.
COMMAND_MODULES = (
    "read",
    "library",
    "importer",
    "search",
    "annotate",
    "lookup",
    "glossary",
    "vocab",
    "review",
    "bookmarks",
    "corrections",
    "known",
    "coverage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yuedu",
        description="阅读 yuedu: read Chinese in the terminal, with pinyin, dictionary and glossary popups, "
        "and review what you save. With no command, opens your library.",
    )
    parser.add_argument("--version", action="version", version=f"yuedu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"reader.commands.{name}").register(sub)
    from .cli_guard import add_encoding_options

    add_encoding_options(parser)  # --encoding for every command that reads a text file
    return parser


def main(argv: list[str] | None = None) -> int:
    from .cli_guard import guarded, safe_streams

    with safe_streams():
        return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        from .commands.read import open_library

        func = open_library
    return func(args)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
