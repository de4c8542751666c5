"""A lost terminal, with a real pty: SIGTERM, SIGHUP and a terminal that goes away (as a dropped
SSH connection or a killed tmux session does) each save the reading position, restore the
terminal when there still is one, and end the process; nothing is left spinning."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from reader import paths

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "articles" / "guan-jian-chu-luo-zi-77395e.md"
ALT_ON, ALT_OFF, MOUSE_OFF = b"\x1b[?1049h", b"\x1b[?1049l", b"\x1b[?1000l"
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔù"


class Reader:
    """``yuedu read ARTICLE`` on a fresh pty."""

    def __init__(self, *, ignore_hup: bool = False, args: list[str] | None = None,
                 stuck_exit: bool = False) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.environ["TERM"] = "xterm-256color"
                os.environ.pop("LINES", None)
                os.environ.pop("COLUMNS", None)
                if ignore_hup:  # as under `make run` or nohup: the hang-up is not delivered
                    signal.signal(signal.SIGHUP, signal.SIG_IGN)
                argv = ["read", str(ARTICLE)] if args is None else args
                if stuck_exit:  # an app whose exit never finishes (as with a worker that will not stop)
                    os.execv(sys.executable, [sys.executable, "-c", STUCK, *argv])
                os.execv(sys.executable, [sys.executable, "-m", "reader.cli", *argv])
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)
        self.out = b""
        self.closed = False

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self.closed:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.out += data

    def wait_started(self) -> None:
        end = time.monotonic() + 60
        while time.monotonic() < end and ALT_ON not in self.out:
            self.read(0.2)
        assert ALT_ON in self.out, "the reader did not start"
        # the first frame is drawn; wait for the loaders: pinyin on screen (tone marks, which nothing
        # else in the article has) means the annotator, and the store before it, are ready
        while time.monotonic() < end and not any(mark.encode() in self.out for mark in _TONE_MARKS):
            self.read(0.1)
        self.read(0.3)

    def wait_for(self, text: str, seconds: float = 60) -> None:
        """Read until ``text`` has been drawn (after what was read so far)."""
        start, end = len(self.out), time.monotonic() + seconds
        while time.monotonic() < end and text.encode() not in self.out[start:]:
            self.read(0.05)
        assert text.encode() in self.out[start:], f"{text!r} never drawn"

    def press(self, keys: bytes) -> None:
        os.write(self.fd, keys)
        self.read(0.1)

    def close_terminal(self) -> None:
        os.close(self.fd)
        self.closed = True

    def wait_exit(self, seconds: float = 10.0) -> int | None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self.read(0.1) if not self.closed else time.sleep(0.1)
        return None

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        if not self.closed:
            os.close(self.fd)


@pytest.fixture
def reader():
    made: list[Reader] = []

    def start(**kwargs) -> Reader:
        r = Reader(**kwargs)
        made.append(r)
        return r

    yield start
    for r in made:
        r.kill()


STUCK = """
import sys
from textual.app import App
from reader.ui import guard
guard.EXIT_GRACE = 1.0
App.exit = lambda self, *args, **kwargs: None
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def saved_position() -> int | None:
    from reader.store import open_store

    with open_store() as store:
        got = store.positions().get("guan-jian-chu-luo-zi-77395e")
    return None if got is None else got[0]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_restores_the_terminal_saves_and_exits(reader, sig):
    r = reader()
    r.wait_started()
    for _ in range(8):  # past the headline units into the body
        r.press(b"j")
    before = len(r.out)
    os.kill(r.pid, sig)
    code = r.wait_exit()
    assert code is not None, "still running after the signal"
    tail = r.out[before:]
    assert ALT_OFF in tail and MOUSE_OFF in tail, "the terminal was left in the alternate screen"
    assert (saved_position() or 0) >= 3
    # 128 + the signal, as a shell reports a process the signal ended (the user did not quit)
    assert code == 128 + sig


@pytest.mark.parametrize("where", ["library", "help screen", "vocabulary screen"])
def test_sigterm_anywhere_restores_the_terminal(reader, where):
    r = reader(args=["read", str(ARTICLE)] if where == "help screen" else [])
    if where == "help screen":
        r.wait_started()
    else:  # the library's rows are drawn (the bundled article's title)
        r.wait_for("关键处")
    assert ALT_ON in r.out
    if where != "library":
        r.press({"help screen": b"?", "vocabulary screen": b"v"}[where])
        r.wait_for({"help screen": "Does", "vocabulary screen": "No saved words"}[where])
    r.read(0.3)
    before = len(r.out)
    os.kill(r.pid, signal.SIGTERM)
    assert r.wait_exit() == 143
    tail = r.out[before:]
    assert ALT_OFF in tail and MOUSE_OFF in tail


def test_an_exit_that_never_finishes_still_restores_the_terminal(reader):
    """The app's exit is stuck: after the grace period the terminal is put back directly (the
    alternate screen, mouse tracking) and the process ends with SIGTERM's status."""
    r = reader(stuck_exit=True)
    r.wait_started()
    for _ in range(8):
        r.press(b"j")
    before = len(r.out)
    os.kill(r.pid, signal.SIGTERM)
    code = r.wait_exit(15.0)
    assert code == 143, "still running, or ended another way"
    tail = r.out[before:]
    assert ALT_OFF in tail and MOUSE_OFF in tail, "the terminal was left in the alternate screen"
    assert (saved_position() or 0) >= 3


def test_a_terminal_that_goes_away_ends_the_reader(reader):
    """SIGHUP ignored (as under make): the reader still sees its terminal gone, saves and exits,
    instead of spinning on a dead pty."""
    r = reader(ignore_hup=True)
    r.wait_started()
    for _ in range(8):
        r.press(b"j")
    r.close_terminal()
    code = r.wait_exit(15.0)
    assert code == 0, "still running with no terminal (or not a clean exit)"
    assert (saved_position() or 0) >= 2
