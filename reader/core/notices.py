"""Notices: something the user should hear about that is not a reason to stop (a damaged row
skipped, a backup made, an encoding guessed).

They travel as Python warnings of class :class:`Notice`, so any layer can give one without knowing
who shows it: the command line prints each as a ``yuedu: warning: ...`` line on stderr, the TUI as
a notification. The text is made safe to show where it is printed.
"""

from __future__ import annotations

import warnings


class Notice(UserWarning):
    """A one-line message for the user (``str()`` is the line)."""


def notify(message: str, path: object | None = None, line: int | None = None) -> None:
    """Give a notice, ``path:line: message`` when a file (and line) is known."""
    where = "" if path is None else (f"{path}:{line}: " if line is not None else f"{path}: ")
    warnings.warn(Notice(where + message), stacklevel=2)


__all__ = ["Notice", "notify"]
