"""The command line: version, help, the library listing, and errors as one line with status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def yuedu(*args: str, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=dict(os.environ),
        cwd=cwd,
        timeout=120,
    )


def test_version():
    out = yuedu("--version")
    assert out.returncode == 0
    assert out.stdout.decode().startswith("yuedu ")


def test_help_lists_the_commands():
    out = yuedu("--help")
    assert out.returncode == 0
    text = out.stdout.decode()
    for command in ("read", "import", "list"):
        assert command in text


def test_list_shows_the_bundled_articles(repo):
    out = yuedu("list", "--json")
    assert out.returncode == 0, out.stderr.decode()
    rows = json.loads(out.stdout)
    bundled = [r for r in rows if r["bundled"]]
    files = list((repo / "articles").glob("*.md"))
    assert files, "articles/ holds no bundled articles"
    assert len(bundled) == len(files)
    assert all(r["title"] and r["paragraphs"] > 0 for r in bundled)


def test_unknown_command_is_a_usage_error():
    out = yuedu("frobnicate")
    assert out.returncode == 2
    assert b"Traceback" not in out.stderr


@pytest.mark.parametrize("make", ["missing", "directory", "binary", "empty"])
def test_bad_files_for_read_are_one_line_errors(tmp_path, make):
    target = tmp_path / "input.txt"
    if make == "directory":
        target.mkdir()
    elif make == "binary":
        target.write_bytes(bytes(range(256)) * 8)
    elif make == "empty":
        target.write_bytes(b"")
    out = yuedu("read", str(target))
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert "Traceback" not in err
    assert str(target) in err
    assert len(err.strip().splitlines()) == 1
