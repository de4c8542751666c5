"""The command line's one safe way out: every printed character made safe, every failure one line.

:func:`guarded` wraps a whole command run:

- **Output.** ``sys.stdout`` and ``sys.stderr`` are replaced by :class:`SafeStream` for the run, so
  every printer (``print``, ``sys.stdout.write``, argparse's messages, warnings) goes through
  :func:`reader.core.sanitize.safe_text`: no text from a file, YAML, CSV, database row, file name or
  argument reaches the terminal with a control character in it. Rich consoles render their own
  colour codes around the text: their text segments are made safe before Rich adds its codes
  (:func:`_safe_rich`), and what Rich writes then passes through unchanged. JSON output keeps its
  escaping (``json.dumps`` escapes C0 controls itself; anything else unsafe is written as the same
  ``\\uXXXX`` escape JSON uses, so the output still reads back to the original text).
- **Failures.** A :class:`UserError` is its one line; an ``OSError`` (file name too long, an
  unreadable folder, a full disk, ...) is one line naming the file; text that cannot be encoded
  (a non-UTF-8 argument) likewise; anything unforeseen is one line naming the error, with the
  traceback only when ``YUEDU_DEBUG`` is set. All of these exit with status 2.
- **Notices.** Warnings of :class:`reader.core.notices.Notice` (a damaged row skipped, a backup
  made) are printed as ``yuedu: warning: ...`` lines on stderr.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import warnings
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (2 ms) at every start
if TYPE_CHECKING:
    from typing import Any, TextIO

from .core.sanitize import safe_text
from .errors import UserError


class _Trusted(str):
    """Text a Rich console rendered from already-safe segments (its own style codes included)."""


class SafeStream:
    """A text stream that writes everything through :func:`safe_text`."""

    def __init__(self, raw: TextIO) -> None:
        self._raw = raw
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        if type(text) is not _Trusted:
            text = safe_text(text)
        return self._raw.write(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


_rich_patched = False


def _safe_rich() -> None:
    """Rich consoles make each text segment safe before adding their own codes (once per process).
    Rich is patched when something first imports ``rich.console`` (a command that never draws with
    Rich, such as ``yuedu search``, does not pay for importing it)."""
    global _rich_patched
    if _rich_patched:
        return
    _rich_patched = True
    if "rich.console" in sys.modules:
        _patch_rich()
    else:
        sys.meta_path.insert(0, _PatchRichOnImport())


class _PatchRichOnImport:
    """An import hook that runs :func:`_patch_rich` right after ``rich.console`` is first imported."""

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != "rich.console":
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        from importlib.util import find_spec

        spec = find_spec(name)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module = loader.exec_module

        def exec_and_patch(module):  # type: ignore[no-untyped-def]
            exec_module(module)
            _patch_rich(module.Console)

        loader.exec_module = exec_and_patch
        return spec


def _patch_rich(console_class=None) -> None:  # type: ignore[no-untyped-def]
    try:
        if console_class is None:
            from rich.console import Console as console_class
        from rich.segment import Segment
    except ImportError:  # pragma: no cover - rich is a dependency
        return
    original = console_class._render_buffer

    def render_buffer(self, buffer):  # type: ignore[no-untyped-def]
        clean = [
            seg if seg.control or not seg.text else Segment(safe_text(seg.text), seg.style, seg.control)
            for seg in buffer
        ]
        return _Trusted(original(self, clean))

    console_class._render_buffer = render_buffer  # type: ignore[method-assign]


def _show_notice(message, category, filename, lineno, file=None, line=None) -> None:  # type: ignore[no-untyped-def]
    from .core.notices import Notice

    if issubclass(category, Notice):
        print(f"yuedu: warning: {message}", file=sys.stderr)
    else:
        _default_showwarning(message, category, filename, lineno, file, line)


_default_showwarning = warnings.showwarning


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` write safe text for the duration (restored afterwards)."""
    saved = sys.stdout, sys.stderr, warnings.showwarning
    _safe_rich()
    for stream in (sys.stdout, sys.stderr):
        try:
            # A terminal whose encoding cannot show a character (a GBK terminal and an emoji)
            # gets an escape instead of a UnicodeEncodeError.
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if sys.stdout is not None and not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]
    if sys.stderr is not None and not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    from .core.notices import Notice

    warnings.showwarning = _show_notice
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", Notice)
            warnings.showwarning = _show_notice
            yield
    finally:
        sys.stdout, sys.stderr, warnings.showwarning = saved


def _oserror_line(exc: OSError) -> str:
    name = exc.filename
    where = "" if name is None else f"{safe_text(os.fsdecode(name)) if isinstance(name, bytes) else name}: "
    code = exc.errno
    if code == errno.ENOSPC:
        return f"{where}the disk is full"
    if code == errno.ENAMETOOLONG:
        return f"{where[:80] + '…: ' if len(where) > 82 else where}file name too long"
    if code in (errno.EACCES, errno.EPERM):
        return f"{where}permission denied"
    if code == errno.EROFS:
        return f"{where}read-only file system"
    return f"{where}{exc.strerror or exc}"


def _silence_stdout() -> None:
    """After a failed write to stdout (a full disk), the interpreter's last flush must not fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def guarded(run: Callable[[], int]) -> int:
    """Run one command; every failure becomes one line on stderr and exit status 2."""
    try:
        status = run()
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout()
            raise UserError(f"cannot write the output: {_oserror_line(exc)}", "<stdout>") from None
        return int(status or 0)
    except UserError as exc:
        print(f"yuedu: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is None and exc.errno == errno.ENOSPC:
            _silence_stdout()
            print("yuedu: <stdout>: cannot write the output: the disk is full", file=sys.stderr)
        else:
            print(f"yuedu: {_oserror_line(exc)}", file=sys.stderr)
        return 2
    except UnicodeError as exc:
        print(f"yuedu: text that is not valid in this encoding ({exc.reason}); "
              "set a UTF-8 locale (LANG=C.UTF-8) and give names as UTF-8", file=sys.stderr)
        return 2
    except RecursionError:
        print("yuedu: input nested too deeply to read", file=sys.stderr)
        return 2
    except MemoryError:
        print("yuedu: out of memory (is the input a huge or endless file?)", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        if os.environ.get("YUEDU_DEBUG"):
            raise
        print(f"yuedu: internal error: {type(exc).__name__}: {exc} (YUEDU_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return 2


def add_encoding_options(parser) -> None:  # type: ignore[no-untyped-def]
    """``--encoding NAME`` for every command that reads a text file (a positional ``path`` or
    ``file``): that file is read in NAME instead of a detected encoding."""
    import argparse

    def walk(p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)
        if any(a.dest in ("path", "file") and not a.option_strings for a in p._actions):
            func = p.get_default("func")
            if func is None or any(a.dest == "encoding" for a in p._actions):
                return
            p.add_argument("--encoding", metavar="NAME", default=None,
                           help="the file's encoding (e.g. latin-1, gbk, big5) when detection guesses wrong")

            def with_encoding(args, _func=func):  # type: ignore[no-untyped-def]
                from .core.textio import choose_encoding

                choose_encoding(getattr(args, "encoding", None))
                return _func(args)

            p.set_defaults(func=with_encoding)

    walk(parser)


__all__ = ["SafeStream", "add_encoding_options", "guarded", "safe_streams"]
