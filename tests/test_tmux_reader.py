"""The real app in a real terminal (tmux): open → move → look up → save → quit → reopen, and the
reading position comes back. Skipped when tmux is not installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from test_ui_reader import ARTICLE

TMUX = shutil.which("tmux")
REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Terminal:
    """One tmux session on a tmux server of its own (its own socket, no user config): a test never
    meets another test's server, nor one that is still shutting down."""

    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        self.name = name  # also the server's socket: a new name, a new server

    def tmux(self, *args: str, check: bool = True) -> str:
        out = subprocess.run([TMUX, "-L", self.name, "-f", "/dev/null", *args],
                             capture_output=True, text=True, check=check)
        return out.stdout

    def new_session(self, command: str, width: int = 100, height: int = 30) -> None:
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)

    def start(self, *args: str) -> None:
        command = " ".join([sys.executable, "-m", "reader", *args])
        env = f"YUEDU_HOME={self.home} TERM=xterm-256color"
        self.new_session(f"cd {REPO} && env {env} {command}; sleep 30")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.05)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name, check=False)

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The screen once it shows ``pattern`` (a regex); fails with the screen if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"never saw {pattern!r} on screen:\n{screen}")

    def kill(self) -> None:
        self.tmux("kill-server", check=False)
        socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / self.name
        socket.unlink(missing_ok=True)


@pytest.fixture
def terminal(yuedu_home: Path):
    term = Terminal(yuedu_home, f"yuedu-test-{uuid.uuid4().hex[:8]}")
    yield term
    term.kill()


def test_open_move_lookup_save_quit_reopen(terminal: Terminal, tmp_path: Path):
    article = tmp_path / "test-article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    terminal.start("read", str(article))
    terminal.wait_for(r"headline · 9 ¶")  # the headline has no ¶ number
    terminal.wait_for(r"xīnzhì")  # annotated: pinyin above the words
    # the headline (one stop) -> ¶1 -> subhead -> ¶2 -> ¶3
    terminal.keys("j", "j", "j", "j")
    screen = terminal.wait_for(r"¶ 3/9")
    terminal.keys("l", "l")
    terminal.keys("Enter")
    screen = terminal.wait_for(r"Esc close")
    assert "s save" in screen
    terminal.keys("s")
    terminal.wait_for(r"saved")
    terminal.keys("Escape")
    time.sleep(0.5)  # a lone Esc: sent together with q, a terminal reads alt+q
    terminal.keys("q")
    terminal.wait_for(r"^\s*$|\$ ?$", timeout=20)  # the app is gone
    time.sleep(0.5)
    terminal.kill()

    import sqlite3

    db = terminal.home / "data" / "yuedu.sqlite3"
    with sqlite3.connect(db) as conn:
        words = [r[0] for r in conn.execute("SELECT word FROM vocab")]
    assert len(words) == 1

    terminal.name += "-again"
    terminal.start("read", str(article))
    screen = terminal.wait_for(r"¶ 3/9")
    assert "¶ 3/9" in screen
    terminal.keys("q")


def test_read_from_a_pipe_still_takes_keys_from_the_terminal(terminal: Terminal, tmp_path: Path):
    text = tmp_path / "piped.txt"
    text.write_text("第一段，测试管道。\n\n第二段：中关村。\n", encoding="utf-8")
    command = (f"cd {REPO} && cat {text} | env YUEDU_HOME={terminal.home} {sys.executable} -m reader read -;"
               " echo EXIT=$?; sleep 30")
    terminal.new_session(command, 80, 20)
    terminal.wait_for(r"¶ 1/\d")
    terminal.keys("G")
    terminal.wait_for(r"¶ 2/2")
    terminal.keys("q")
    terminal.wait_for(r"EXIT=0")


def test_stale_lines_and_columns_do_not_size_the_screen(terminal: Terminal, tmp_path: Path):
    """A shell can leave LINES/COLUMNS exported from an older window size. The reader must lay
    itself out for the terminal it is in (status line and footer on the last two rows), and
    follow a resize, not the stale numbers."""
    text = tmp_path / "short.txt"
    text.write_text("第一段，测试窗口大小。\n\n第二段：中关村。\n", encoding="utf-8")
    command = (f"cd {REPO} && env LINES=40 COLUMNS=120 YUEDU_HOME={terminal.home} TERM=xterm-256color "
               f"{sys.executable} -m reader read {text}; sleep 30")
    terminal.new_session(command, 80, 20)
    terminal.wait_for(r"¶ 1/2")

    def rows() -> list[str]:
        return terminal.tmux("capture-pane", "-p", "-N", "-t", terminal.name, check=False).split("\n")

    def settled(status_row: int) -> list[str]:
        """The rows once the status line and the footer (mounted after the text) are in place."""
        deadline = time.monotonic() + 20
        screen = rows()
        while time.monotonic() < deadline:
            if "¶ 1/2" in screen[status_row] and "palette" in screen[status_row + 1]:
                break
            time.sleep(0.2)
            screen = rows()
        return screen

    screen = settled(18)
    assert "¶ 1/2" in screen[18], "\n".join(screen)
    assert "palette" in screen[19], "\n".join(screen)

    terminal.tmux("resize-window", "-t", terminal.name, "-x", "70", "-y", "14")
    screen = settled(12)
    assert "¶ 1/2" in screen[12], "\n".join(screen)
    assert "palette" in screen[13], "\n".join(screen)
    terminal.keys("q")
