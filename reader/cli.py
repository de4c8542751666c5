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


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, told the terminal's width: argparse asks shutil for it, and importing
    shutil (with bz2, lzma and zlib) is a few milliseconds of every command's start."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() tells it: $COLUMNS, the terminal, or 80."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """Every parser (and subcommand parser: argparse makes them of the same class) uses _Formatter."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def _parser(modules: tuple[str, ...]) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = _Parser(
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
