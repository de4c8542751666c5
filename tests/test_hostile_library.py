"""One bad file never takes the library down: each is one warning line naming it, the rest loads
(bundled articles included), and nothing hangs or eats the machine's memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import paths

GOOD = """---
id: good-article
title: 好文章
---

新质生产力是一个重要的概念。
"""


def article(head: str) -> str:
    return f"---\nid: bad-one\ntitle: 坏文章\n{head}\n---\n\n正文。\n"


BAD = {
    "bad-date.md": article("date: 2024-02-30"),
    "long-number.md": article("source: " + "9" * 5000),
    "deep.md": article("tags: " + "[" * 100_000),
}


def yuedu(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture
def hostile_library() -> Path:
    lib = paths.library_dir()
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "good-article.md").write_text(GOOD, encoding="utf-8")
    for name, text in BAD.items():
        (lib / name).write_text(text, encoding="utf-8")
    return lib


@pytest.mark.parametrize("name", sorted(BAD))
def test_one_bad_value_is_one_line_and_the_rest_loads(hostile_library: Path, name: str):
    for other in BAD:
        if other != name:
            (hostile_library / other).unlink()
    result = yuedu("list")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "good-article" in result.stdout
    assert "bundled" in result.stdout  # the bundled articles are still there
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1 and lines[0].startswith(f"yuedu: {hostile_library / name}:")


def test_bad_date_names_its_line(hostile_library: Path):
    result = yuedu("list")
    assert f"{hostile_library / 'bad-date.md'}:4: front matter" in result.stderr


def test_fifo_and_dev_zero_are_not_read(hostile_library: Path):
    os.mkfifo(hostile_library / "fifo.md")
    os.symlink("/dev/zero", hostile_library / "zero.md")
    result = yuedu("list", timeout=30)  # before: hung forever on the FIFO, or ate all memory
    assert result.returncode == 0
    assert "good-article" in result.stdout
    assert "fifo.md: not a regular file" in result.stderr
    assert "zero.md: not a regular file" in result.stderr


def test_lookup_survives_a_bad_library(hostile_library: Path):
    os.mkfifo(hostile_library / "fifo.md")
    result = yuedu("lookup", "新质生产力", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "xīn" in result.stdout


def test_reading_a_bad_article_directly_is_one_line(hostile_library: Path):
    result = yuedu("read", str(hostile_library / "bad-date.md"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "bad-date.md:4:" in result.stderr


# Root reads every folder (CI runs as root): there the child runs without the two capabilities that
# let it (setpriv), so a folder with no permissions is unreadable to it as to any user.
_NO_DAC = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def _without_root_reads() -> list[str] | None:
    """The command prefix that makes a folder's permissions count for this process's children, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv and subprocess.run([setpriv, *_NO_DAC, "true"], capture_output=True).returncode == 0:
        return [setpriv, *_NO_DAC]
    return None


def test_an_unreadable_library_folder_is_reported(hostile_library: Path, monkeypatch):
    prefix = _without_root_reads()
    if prefix is None:  # no way to drop root's reads: the folder cannot be listed, as the OS would say
        from conftest import run_cli

        real_scandir = os.scandir

        def scandir(path=".", *args):
            if Path(path) == hostile_library:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path, *args)

        monkeypatch.setattr(os, "scandir", scandir)
        result = run_cli("list")
    else:
        hostile_library.chmod(0)
        try:
            result = subprocess.run([*prefix, sys.executable, "-m", "reader.cli", "list"], capture_output=True,
                                    text=True, env=dict(os.environ), timeout=60, stdin=subprocess.DEVNULL)
        finally:
            hostile_library.chmod(0o755)
    assert result.returncode == 0 and "cannot read the folder" in result.stderr
    assert "好文章" not in result.stdout  # its articles are not listed (nothing was read)


def test_a_looping_glossary_symlink_is_reported(tmp_path: Path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    os.symlink("loop.yaml", folder / "loop.yaml")
    result = yuedu("glossary", "check", str(folder))
    assert result.returncode != 0
    assert "loop.yaml:1:" in result.stderr + result.stdout
    assert "ok" not in result.stdout
