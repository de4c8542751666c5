"""Subcommands of `yuedu`: one module each, with ``register(subparsers)``; see :mod:`reader.cli`.

Every command reaches the store, the glossary, the dictionary, the library and the annotator through
one :class:`reader.session.Session` (:func:`cli_session`), as the reader does: the same word gets the
same pinyin, meaning and annotation cache in both.
"""

from __future__ import annotations

import sys
TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing at every start

if TYPE_CHECKING:
    from reader.session import Session


def _warn(message: str) -> None:
    print(f"yuedu: warning: {message}", file=sys.stderr)


def cli_session(**kwargs) -> Session:
    """The command line's session: problems that are not fatal (a broken user glossary file) are one
    warning line on stderr. Use it as a context manager: the store is closed at the end."""
    from reader.session import Session

    return Session(warn=_warn, **kwargs)
