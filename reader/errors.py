"""Errors that reach the user as one clear line (the CLI prints them and exits with status 2)."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or state, told in one line, never with a traceback.

    ``path`` and ``line`` (1-based) are prefixed to the message as ``path:line: message``.
    """

    def __init__(self, message: str, path: object | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self.format())

    def format(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"
