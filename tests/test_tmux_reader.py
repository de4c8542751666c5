"""The real app in a real terminal (tmux): open → move → look up → save → quit → reopen, and the
reading position comes back. Skipped when tmux is not installed."""

from __future__ import annotations

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
    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        self.name = name

    def start(self, *args: str) -> None:
        command = " ".join([sys.executable, "-m", "reader", *args])
        env = f"YUEDU_HOME={self.home} TERM=xterm-256color"
        subprocess.run(
            [TMUX, "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30",
             f"cd {REPO} && env {env} {command}; sleep 30"],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.05)

    def screen(self) -> str:
        out = subprocess.run([TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

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
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(yuedu_home: Path):
    term = Terminal(yuedu_home, f"yuedu-test-{uuid.uuid4().hex[:8]}")
    yield term
    term.kill()


def test_open_move_lookup_save_quit_reopen(terminal: Terminal, tmp_path: Path):
    article = tmp_path / "test-article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    terminal.start("read", str(article))
    terminal.wait_for(r"¶ 1/9")
    terminal.wait_for(r"xīnzhì")  # annotated: pinyin above the words
    # kicker, title, meta, byline -> ¶1 -> subhead -> ¶2 -> ¶3
    terminal.keys("j", "j", "j", "j", "j", "j", "j")
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
    subprocess.run([TMUX, "new-session", "-d", "-s", terminal.name, "-x", "80", "-y", "20", command], check=True)
    terminal.wait_for(r"¶ 1/\d")
    terminal.keys("G")
    terminal.wait_for(r"¶ 2/2")
    terminal.keys("q")
    terminal.wait_for(r"EXIT=0")
