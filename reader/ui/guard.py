"""The TUI's guards against hostile text and a lost terminal (installed by ``YueduApp.__init__``).

**One place for safe text.** Textual draws every widget's every line through the app's line
filters (``App._filters``, asked for by ``Widget.get_line_filters`` in ``_styles_cache``: border
titles, tables, lists, text areas, toasts and the command palette included). :class:`SafeTextFilter`
is one of them: each segment's text goes through :func:`reader.core.sanitize.safe_text` with
``visible=False`` (a control character takes no cell, so removing it keeps the line's width), so no
stored text (an article title, a glossary entry, a CSV cell, a bookmark excerpt, a file name)
reaches the terminal with a control character in it, whichever widget shows it.

**A terminal that goes away.** SIGTERM and SIGHUP (a closed terminal window, a dropped SSH
connection), and standard input reaching end-of-file or failing (the pty deleted under a process
that ignored SIGHUP) all end the app the same way: the reading position is saved, the terminal is
restored (alternate screen and mouse tracking off) when there is still one, and the process exits
(status 143 after SIGTERM, 129 after SIGHUP, 0 at end-of-file: see :data:`STATUS`). When the app's
own exit does not finish in EXIT_GRACE seconds, or a second signal comes, the terminal is restored
directly and the process ends.
Textual's input thread spins on a terminal at end-of-file; a watcher thread polls the input for
a hang-up (``poll`` without reading, so no key is taken from Textual) and asks the app to exit.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual.filter import LineFilter

from reader.core.sanitize import is_safe, safe_text

if TYPE_CHECKING:
    from textual.app import App
    from textual.color import Color

# After asking the app to exit, how long to wait for it before leaving anyway (seconds).
EXIT_GRACE = 3.0
_POLL_MS = 500


class SafeTextFilter(LineFilter):
    """Removes every character a terminal would obey from the text of each drawn segment."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out = segments
        for index, segment in enumerate(segments):
            text = segment.text
            if segment.control or is_safe(text):
                continue
            if out is segments:
                out = list(segments)
            out[index] = Segment(safe_text(text, visible=False), segment.style, segment.control)
        return out


def save_positions(app: App[Any]) -> None:
    """Save the reading position of every open reader screen (best effort: never raises)."""
    try:
        stack = list(app.screen_stack)
    except Exception:
        return
    for screen in stack:
        save = getattr(screen, "save_position", None)
        if callable(save):
            try:
                save()
            except Exception:
                pass


# Exit status after a signal: 128 + its number, as a shell reports a process the signal ended (143
# for SIGTERM, 129 for SIGHUP), so a script or service manager can tell "ended from outside" from
# "the user quit"; nothing is lost either way (the position is saved first). The terminal's input
# ending (EOF) is not an error: 0.
STATUS = {"term": 128 + signal.SIGTERM, "hup": 128 + signal.SIGHUP, "eof": 0}

# What Textual's driver writes when it stops (mouse, bracketed paste, line wrap, Kitty keyboard
# protocol, alternate screen, cursor, focus reports): written by the last resort below when the
# app's own exit did not finish.
RESTORE = ("\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h\x1b[<u"
           "\x1b[?1049l\x1b[?25h\x1b[?1004l")


def _leave(app: App[Any], why: str) -> None:
    """Save, then ask the app to exit; if it cannot within EXIT_GRACE seconds, or a second signal
    comes, restore the terminal directly and leave anyway."""
    code = STATUS[why]
    if getattr(app, "_yuedu_leaving", False):
        if why != "eof":
            _last_resort(app, code)  # asked twice: do not wait for the exit any longer
        return
    app._yuedu_leaving = True  # type: ignore[attr-defined]
    save_positions(app)
    try:
        # the result too: run_app returns the app's result as the process's exit status
        app.exit(result=code, return_code=code)
    except Exception:
        _last_resort(app, code)
    timer = threading.Timer(EXIT_GRACE, _last_resort, (app, code))
    timer.daemon = True
    timer.start()


def _last_resort(app: App[Any], code: int) -> None:
    """The exit did not finish (a worker that will not stop, the loop stuck, a terminal that does
    not take output): the position is saved and the store commits every change before it returns,
    so leaving now loses nothing. Put the terminal back as the driver would, then end the process."""
    restore_terminal(app)
    os._exit(code)


def restore_terminal(app: App[Any] | None = None) -> None:
    """Write :data:`RESTORE` to the terminal without ever blocking, and put back the terminal
    settings the driver found (best effort: never raises)."""
    import fcntl
    import termios

    driver = getattr(app, "_driver", None) if app is not None else None
    try:
        out = driver._file.fileno() if driver is not None else sys.__stderr__.fileno()
    except Exception:
        out = 2
    try:
        if os.isatty(out):
            flags = fcntl.fcntl(out, fcntl.F_GETFL)
            fcntl.fcntl(out, fcntl.F_SETFL, flags | os.O_NONBLOCK)
            try:
                os.write(out, RESTORE.encode())
            finally:
                fcntl.fcntl(out, fcntl.F_SETFL, flags)
    except OSError:
        pass
    attrs = getattr(driver, "attrs_before", None)
    if attrs is not None:
        try:
            termios.tcsetattr(driver.fileno, termios.TCSANOW, attrs)
        except (termios.error, OSError, AttributeError):
            pass


def _install_signals(app: App[Any]) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    for sig, why in ((signal.SIGTERM, "term"), (signal.SIGHUP, "hup")):
        if sig == signal.SIGHUP and signal.getsignal(sig) == signal.SIG_IGN:
            continue  # started under nohup: the hang-up watcher still ends a reader with no terminal
        try:
            loop.add_signal_handler(sig, _leave, app, why)
        except (NotImplementedError, RuntimeError, ValueError):
            pass


def _watch_input(app: App[Any]) -> None:
    """A daemon thread that sees the terminal's input hang up or fail (without reading it)."""
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, ValueError, OSError):
        return
    if not os.isatty(fd):
        return  # tests and headless runs: no terminal to lose

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, select.POLLHUP | select.POLLERR | select.POLLNVAL)
        while True:
            try:
                events = poller.poll(_POLL_MS)
            except OSError:
                events = [(fd, select.POLLERR)]
            if any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events):
                try:
                    app.call_from_thread(_leave, app, "eof")
                except Exception:
                    _leave(app, "eof")
                return
            if getattr(app, "_yuedu_leaving", False) or not app.is_running:
                return  # the app ended normally: nothing to watch

    threading.Thread(target=watch, name="yuedu-tty-watch", daemon=True).start()


def install(app: App[Any]) -> None:
    """Add the safe-text filter to ``app`` (from its ``__init__``)."""
    app._filters.append(SafeTextFilter())


def _show_notices(app: App[Any]) -> None:
    """Notices (:class:`reader.core.notices.Notice`: a damaged log copied aside, a row skipped) are
    shown as notifications, from any thread, instead of being printed over the screen."""
    import warnings

    from reader.core.notices import Notice

    previous = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if not issubclass(category, Notice):
            return previous(message, category, filename, lineno, file, line)
        text = str(message)
        try:
            if threading.get_ident() == app._thread_id:
                app.notify(text, title="yuedu", severity="warning", timeout=12)
            else:
                app.call_from_thread(app.notify, text, title="yuedu", severity="warning", timeout=12)
        except Exception:
            pass

    warnings.showwarning = show
    warnings.simplefilter("always", Notice)


def on_load(app: App[Any]) -> None:
    """From the app's ``on_load`` (the event loop is running): the signal and hang-up handlers,
    and notices shown as notifications."""
    _install_signals(app)
    _watch_input(app)
    _show_notices(app)


__all__ = ["STATUS", "SafeTextFilter", "install", "on_load", "restore_terminal", "save_positions"]
