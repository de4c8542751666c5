"""`yuedu read FILE`: the first screen's pinyin, worked out in a process of its own while the reader starts.

Python runs one thread at a time, so loading the engine (the glossary, jieba's words, the dictionaries,
the model) on a thread of the reader's process only starts once Textual has started, and then shares
the processor with it. :func:`start` forks first thing, before the file is read and Textual imported:
the child loads the engine while the parent reads the file, gets the texts of its opening through one
pipe (:meth:`EarlyTokens.send`), annotates them and sends the tokens back through another (the
annotation cache's own encoding, CRC-checked); the reader shows them as soon as they arrive
(:meth:`EarlyTokens.wait`, on a worker thread). The reader's own annotator still loads as before and
takes over once warm: the early tokens are the same ones it makes (the same glossary, the user's
corrections, the same factory), so nothing on screen changes then.

The child never writes to the user's data: the corrections are read read-only
(:func:`reader.store.db.peek`), and when they cannot be read as they stand (an older
database, a lock) it sends nothing and the reader waits for its store as before. It is silent (its
standard streams go to the null device), ignores Ctrl+C, and ends itself after ``CHILD_SECONDS``
whatever happens. Without ``os.fork`` (Windows), for standard input, or with ``YUEDU_EARLY=0`` in the
environment, nothing is forked.
"""

from __future__ import annotations

import json
import os
import select
import signal
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.annotate import Annotator, Token

CHILD_SECONDS = 30  # the child ends itself after this long, whatever it is doing
_MAGIC = b"yuedu-early 1\n"


class EarlyTokens:
    """The parent's end: the forked child's pid, the pipe the texts go to and the one the tokens come
    back through."""

    def __init__(self, pid: int, to_child: int, from_child: int) -> None:
        self.pid = pid
        self._to_child: int | None = to_child
        self._fd = from_child
        self._lock = threading.Lock()
        self._result: dict[str, tuple[Token, ...]] | None = None
        self._done = False

    def send(self, texts: list[str]) -> None:
        """The texts to annotate (the article's opening, once the caller has read it)."""
        fd, self._to_child = self._to_child, None
        if fd is None:
            return
        try:
            _write_all(fd, encode_texts(texts))
        except OSError:
            pass
        finally:
            os.close(fd)

    def wait(self, timeout: float = 10.0) -> dict[str, tuple[Token, ...]]:
        """The tokens of the texts sent, text -> tokens (empty when the child had nothing to send,
        failed or took longer than ``timeout``). Blocks: call it from a worker thread."""
        with self._lock:
            if not self._done:
                self._done = True
                self._result = _decode(self._read(timeout))
                self._close()
            return dict(self._result or {})

    def _read(self, timeout: float) -> bytes:
        chunks: list[bytes] = []
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return b""
            try:
                ready, _, _ = select.select([self._fd], [], [], left)
                if not ready:
                    continue
                data = os.read(self._fd, 1 << 16)
            except OSError:
                return b""
            if not data:
                return b"".join(chunks)
            chunks.append(data)

    def _close(self) -> None:
        for fd in (self._fd, self._to_child):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._to_child = None
        self._end_child()

    def _end_child(self) -> None:
        """Collect the child (no zombie left behind): it ends as soon as it has sent its tokens; one
        still at work when nothing more is wanted from it is stopped first."""
        try:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid == 0:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
        except OSError:
            pass

    def close(self) -> None:
        """The reader is ending, or the file could not be read: nothing more is read from the child,
        and a child still at work is stopped (what it would send is of no use now)."""
        with self._lock:
            if not self._done:
                self._done = True
                self._close()


def start() -> EarlyTokens | None:
    """Fork the child; None where nothing is forked. Call it first thing, before the article is read
    and before Textual is imported (no other thread may be running): the child loads the engine while
    the caller reads the file, then annotates what :meth:`EarlyTokens.send` gives it."""
    if not hasattr(os, "fork") or os.environ.get("YUEDU_EARLY", "1") == "0":
        return None
    if threading.active_count() > 1:
        return None  # forking a process with threads is not safe
    try:
        texts_r, texts_w = os.pipe()
        tokens_r, tokens_w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        for fd in (texts_r, texts_w, tokens_r, tokens_w):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(texts_w)
            os.close(tokens_r)
            _child(texts_r, tokens_w)
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    os.close(texts_r)
    os.close(tokens_w)
    return EarlyTokens(pid, texts_w, tokens_r)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        data = os.read(fd, 1 << 16)
        if not data:
            return b"".join(chunks)
        chunks.append(data)


def _child(texts_fd: int, tokens_fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a shell reaches the whole group: not ours
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handlers (if any) are not ours
    signal.alarm(CHILD_SECONDS)
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)
    annotator = prepare()
    if annotator is None:
        return
    texts = decode_texts(_read_all(texts_fd))
    if texts:
        _write_all(tokens_fd, encode_frame(annotate_first_screen(annotator, texts)))
    os.close(tokens_fd)


def prepare() -> Annotator | None:
    """The annotator the reader makes (the default glossary's words, the user's corrections), with its
    engine loaded as far as it can be before the text is known; None when the corrections cannot be
    read as they stand (the reader then waits for its own)."""
    from reader.core.annotate import Corrections
    from reader.core.glossary_words import annotator_words
    from reader.core.polyphone import shared_engine
    from reader.session import make_annotator
    from reader.store.db import apply_cache_limit, peek

    found = peek()
    if found is None:
        return None
    apply_cache_limit(found.cache_mb)  # the child keeps what it annotates under the user's cap
    annotator = make_annotator(None, Corrections.from_rows(found.corrections), words=annotator_words())
    shared_engine().load()
    return annotator


def annotate_first_screen(annotator: Annotator, texts: list[str]) -> list[tuple[str, tuple[Token, ...]]]:
    """(text, tokens) for each text: from the annotation cache where it has them, else annotated (and
    then kept there, as the reader would)."""
    found = annotator.cached_many(texts)
    if any(tokens is None for tokens in found):  # a text never seen: load what it needs
        annotator.first_screen(texts)
        annotator.warm_up(complete=False)  # one screen, then the process ends
        found = annotator.annotate_many(texts)
    return [(text, tuple(tokens)) for text, tokens in zip(texts, found) if tokens is not None]


def encode_texts(texts: list[str]) -> bytes:
    return json.dumps([t for t in texts if isinstance(t, str)], ensure_ascii=True).encode("ascii")


def decode_texts(data: bytes) -> list[str]:
    try:
        texts = json.loads(data)
    except ValueError:
        return []
    return [t for t in texts if isinstance(t, str)] if isinstance(texts, list) else []


def encode_frame(items: list[tuple[str, tuple[Token, ...]]]) -> bytes:
    from reader.core.annotate import _to_raw

    header: list[list[int]] = []
    body: list[bytes] = []
    for text, tokens in items:
        raw = _to_raw(tokens)
        if raw is None:
            continue
        data = text.encode("utf-8", "surrogatepass")
        header.append([len(data), len(raw)])
        body += [data, raw]
    return _MAGIC + json.dumps(header).encode("ascii") + b"\n" + b"".join(body)


def _decode(frame: bytes) -> dict[str, tuple[Token, ...]]:
    """text -> tokens from a frame; anything malformed gives nothing (the reader then waits for its own
    annotator, as it would without the child)."""
    if not frame.startswith(_MAGIC):
        return {}
    from reader.core.annotate import _from_raw

    end = frame.find(b"\n", len(_MAGIC))
    try:
        header = json.loads(frame[len(_MAGIC):end]) if end > 0 else None
        if not isinstance(header, list):
            return {}
        out: dict[str, tuple[Token, ...]] = {}
        pos = end + 1
        for text_len, raw_len in header:
            if type(text_len) is not int or type(raw_len) is not int or text_len < 0 or raw_len < 0:
                return {}
            text = frame[pos : pos + text_len].decode("utf-8", "surrogatepass")
            raw = frame[pos + text_len : pos + text_len + raw_len]
            pos += text_len + raw_len
            if pos > len(frame):
                return {}
            tokens = _from_raw(raw, text)
            if tokens is None or "".join(t.text for t in tokens) != text:
                return {}
            out[text] = tokens
        return out if pos == len(frame) else {}
    except (ValueError, TypeError, UnicodeDecodeError):
        return {}
