"""The one rule for text that is safe to show on a terminal.

Any text that came from outside (a file, a YAML entry, a CSV cell, a database row, a file name, what
the user typed) may hold characters a terminal obeys instead of showing: ESC starts a control
sequence (``ESC]2;…`` retitles the window, ``ESC]52;…`` writes the clipboard, ``ESC[2J`` clears
the screen), C1 controls (U+0080–U+009F) do the same on some terminals, and the bidirectional
overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows them.

:func:`safe_text` makes such text harmless: newline and tab are kept; every other C0 control, DEL,
every C1 control, the bidi overrides and isolates, the line and paragraph separators (U+2028,
U+2029) and lone surrogates (what a non-UTF-8 file name or argument decodes to) are made visible
as ``\\uXXXX`` (the same escape JSON uses, so JSON output stays valid JSON that reads back to the
original text), or removed with ``visible=False`` (where the width on screen must not change).

The check is one regular-expression search, so clean text (nearly all of it) costs almost nothing.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline; DEL and the C1 controls; bidi embeddings, overrides and isolates;
# line and paragraph separators; lone surrogates.
UNSAFE_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff"
)
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")
_UNSAFE_CRLF = re.compile(f"\r\n|[{UNSAFE_CHARS}]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\r\n":
        return "\n"
    return f"\\u{ord(ch):04x}"


def _removed(match: re.Match[str]) -> str:
    return "\n" if match.group() == "\r\n" else ""


def is_safe(text: str) -> bool:
    """True when ``text`` holds nothing a terminal would obey."""
    return _UNSAFE.search(text) is None


def safe_text(text: str, *, visible: bool = True) -> str:
    """``text`` with every character a terminal would obey made visible as ``\\uXXXX`` (or removed
    with ``visible=False``); newline and tab are kept, and CR LF becomes LF."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE_CRLF.sub(_visible if visible else _removed, text)


def safe_line(text: str) -> str:
    """:func:`safe_text` for a one-line field (a title, a word, a file name): newlines and tabs
    become spaces too."""
    text = safe_text(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def safe_data(value: object) -> object:
    """:func:`safe_text` applied to every string inside ``value`` (lists, tuples and dict keys and
    values, as a YAML or JSON reader returns them); anything else is returned as it is."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [safe_data(v) for v in value]
    if isinstance(value, tuple):
        return tuple(safe_data(v) for v in value)
    if isinstance(value, dict):
        return {safe_data(k): safe_data(v) for k, v in value.items()}
    return value


__all__ = ["UNSAFE_CHARS", "is_safe", "safe_data", "safe_line", "safe_text"]
