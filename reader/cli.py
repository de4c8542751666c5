"""The `yuedu` command line.

Each subcommand lives in its own module under :mod:`reader.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (called with the parsed
arguments, returning an exit status). Heavy imports happen inside ``func``, never at import
time, so ``yuedu --help`` stays instant. A run of one command imports and registers that command's
module only (``yuedu search`` pays for nothing else); ``yuedu --help``, no command or a mistyped one
registers them all.

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
# Commands named otherwise than their module (any other command is registered by the module of its name).
COMMAND_NAMES = {"import": "importer", "list": "library"}


def _command_of(argv: list[str]) -> str | None:
    """The command a command line names: its first word that is not an option (the top-level
    options, --help and --version, take no value)."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported and registered when it
    has one (every module otherwise, so argparse can list them all)."""
    module = COMMAND_NAMES.get(command, command) if command else None
    if module in COMMAND_MODULES:
        parser, sub = _parser((module,))
        if command in sub.choices:
            return parser
    return _parser(COMMAND_MODULES)[0]


def _parser(modules: tuple[str, ...]) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = argparse.ArgumentParser(
        prog="yuedu",
        description="阅读 yuedu: read Chinese in the terminal, with pinyin, dictionary and glossary popups, "
        "and review what you save. With no command, opens your library.",
    )
    parser.add_argument("--version", action="version", version=f"yuedu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"reader.commands.{name}").register(sub)
    from .cli_guard import add_encoding_options

    add_encoding_options(parser)  # --encoding for every command that reads a text file
    return parser, sub


def main(argv: list[str] | None = None) -> int:
    from .cli_guard import guarded, safe_streams

    with safe_streams():
        return guarded(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = build_parser(_command_of(sys.argv[1:] if argv is None else argv))
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
