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


def test_list_shows_each_chapter_with_its_book(tmp_path):
    """An EPUB's chapters are listed under their book's title (the chapter titles alone, 学而第一（上）,
    do not say which book they belong to), in reading order, and --json names the book and chapter."""
    from pathlib import Path

    epub = Path(__file__).parent / "data" / "epub" / "lunyu-epub2.epub"
    out = yuedu("import", str(epub))
    assert out.returncode == 0, out.stderr.decode()
    out = yuedu("list")
    assert out.returncode == 0, out.stderr.decode()
    lines = [line for line in out.stdout.decode().splitlines() if "学而第一" in line]
    assert len(lines) == 2
    titles = [line.split("\t")[1] for line in lines]
    assert titles == ["论语 · 学而第一（上）", "论语 · 学而第一（下）"]
    rows = json.loads(yuedu("list", "--json").stdout)
    chapters = [r for r in rows if r.get("book") == "论语"]
    assert [(r["title"], r["chapter"]) for r in chapters] == [("学而第一（上）", 1), ("学而第一（下）", 2)]
    loose = [r for r in rows if r["bundled"]]
    assert loose and all(r["book"] is None and r["chapter"] is None for r in loose)
