"""Hostile text never reaches the terminal: the one sanitiser, every CLI surface (through a real
subprocess) and every TUI surface (the exact bytes Textual would write to the terminal).

The payload: OSC 2 (retitles the window), OSC 52 (writes the clipboard), ESC[2J ESC[8m (clears the
screen and hides what follows), a C1 CSI (U+009B) and a right-to-left override (U+202E)."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.sanitize import is_safe, safe_line, safe_text

PAYLOAD = "\x1b]2;PWNED\x07\x1b]52;c;cm0gLXJm\x07\x1b[2J\x1b[8mHIDDEN\x9b31m\u202eevil"
# The same in YAML double-quoted escapes (a YAML file cannot hold a raw ESC in plain text).
YAML_PAYLOAD = r"\e]2;PWNED\a\e]52;c;cm0gLXJm\a\e[2J\e[8mHIDDEN\x9b31m\u202Eevil"
BAD_BYTES = ("\x1b", "\x07", "\x9b", "\u202e")
# In the TUI, Textual writes its own escape sequences: the payload's own must not be among them.
BAD_SEQUENCES = ("\x1b]2;PWNED", "\x1b]52;", "\x1b[2J", "\x1b[8m", "\x07", "\x9b", "\u202e")


def assert_harmless(out: str, *, shown: bool = True, tui: bool = False) -> None:
    for bad in BAD_SEQUENCES if tui else BAD_BYTES:
        assert bad not in out, f"{bad!r} reached the terminal"
    if shown:
        assert "PWNED" in out and "HIDDEN" in out, "the hostile text should be shown, made harmless"


# ------------------------------------------------------------------------------ the sanitiser


def test_safe_text_makes_controls_visible_and_keeps_text():
    assert safe_text("新质生产力\n\ttab") == "新质生产力\n\ttab"
    out = safe_text(PAYLOAD)
    assert is_safe(out)
    assert out.startswith("\\u001b]2;PWNED\\u0007")
    assert "\\u009b31m" in out and "\\u202eevil" in out
    assert safe_text("a\r\nb") == "a\nb"
    assert safe_text("a\u2066b\u2069", visible=False) == "ab"
    assert safe_text("bad\udcffname") == "bad\\udcffname"  # a non-UTF-8 file name
    assert safe_line("one\ntwo\tthree") == "one two three"


def test_safe_text_is_json_compatible():
    """The visible form is JSON's own escape: JSON output still reads back to the original."""
    text = json.dumps({"t": "x\x9by\u202ez"}, ensure_ascii=False)
    assert json.loads(safe_text(text)) == {"t": "x\x9by\u202ez"}


# ------------------------------------------------------------------------------ CLI surfaces


ARTICLE = f"""---
id: evil-article
title: "标题{YAML_PAYLOAD}"
source: "日报{YAML_PAYLOAD}"
---

第一段正文，新质生产力。

第二段。
"""

GLOSSARY = f"""
- term: 恶意词条
  pinyin: è yì cí tiáo
  english:
    - text: "hostile entry {YAML_PAYLOAD}"
      used_by: tests
  definition_en: "A test entry {YAML_PAYLOAD}"
  definition_zh: 测试用。
  sources:
    - name: "test {YAML_PAYLOAD}"
"""


@pytest.fixture
def hostile_home(yuedu_home: Path) -> Path:
    """A home with a hostile article, glossary entry, saved word and bookmark (rows written raw, as
    an older yuedu or another program could have left them)."""
    from reader import paths
    from reader.store import open_store

    lib = paths.library_dir()
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "evil-article.md").write_text(ARTICLE, encoding="utf-8")
    gl = paths.user_glossary_dir()
    gl.mkdir(parents=True, exist_ok=True)
    (gl / "evil.yaml").write_text(GLOSSARY, encoding="utf-8")
    check = yuedu_home / "checkme"
    check.mkdir()
    (check / "bad.yaml").write_text(GLOSSARY.replace("  definition_zh:", f'  "key {YAML_PAYLOAD}": 1\n  definition_zh:'),
                                    encoding="utf-8")
    with open_store() as store:
        store.save_word("重要", "zhong4 yao4", "important", sentence="这很重要。")
        store.add_bookmark("evil-article", 0, "第一段正文")
    conn = sqlite3.connect(paths.db_path())
    conn.execute("UPDATE vocab SET definition = ?, note = ?", ("important " + PAYLOAD, PAYLOAD))
    conn.execute("UPDATE sentences SET text = ?", ("这很重要。" + PAYLOAD,))
    conn.execute("UPDATE bookmarks SET excerpt = ?, name = ?", ("第一段" + PAYLOAD, "mark" + PAYLOAD))
    conn.commit()
    conn.close()
    filler = "科研人员专心致志地开展基础研究工作。" * 100  # a few controls in a real text, not a binary file
    (yuedu_home / "evil.txt").write_text("恶意标题" + PAYLOAD + "\n\n正文第一段" + PAYLOAD + "很重要。" + filler + "\n",
                                         encoding="utf-8")
    return yuedu_home


def yuedu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True,
                          input=stdin, env={**os.environ, "COLUMNS": "400"}, timeout=120)


CLI_SURFACES = {
    "annotate text": ("annotate", "{home}/evil.txt"),
    "annotate html": ("annotate", "{home}/evil.txt", "--format", "html"),
    "import": ("import", "{home}/evil.txt"),
    "list": ("list",),
    "lookup": ("lookup", "恶意词条"),
    "glossary show": ("glossary", "show", "恶意词条"),
    "glossary list": ("glossary", "list"),
    "glossary search": ("glossary", "search", "hostile"),
    "glossary check": ("glossary", "check", "{home}/checkme"),
    "vocab list": ("vocab", "list"),
    "vocab export -o -": ("vocab", "export", "--format", "csv", "-o", "-"),
    "bookmarks": ("bookmarks",),
}


@pytest.mark.parametrize("surface", sorted(CLI_SURFACES))
def test_cli_surface_never_prints_a_control_character(hostile_home: Path, surface: str):
    args = [a.format(home=hostile_home) for a in CLI_SURFACES[surface]]
    result = yuedu(*args)
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    # the importer's title stops at the first ';', so only the first word of the payload shows
    assert_harmless(out, shown=surface != "import")


def test_cli_json_keeps_its_escaping(hostile_home: Path):
    result = yuedu("list", "--json")
    assert_harmless(result.stdout, shown=False)
    rows = json.loads(result.stdout)
    evil = next(r for r in rows if r["id"] == "evil-article")
    assert "PWNED" in evil["title"]  # still valid JSON that names the title


def test_cli_file_name_with_an_escape_is_shown_harmless(yuedu_home: Path):
    bad = yuedu_home / "name\x1b]2;PWNED\x07.txt"
    result = yuedu("annotate", str(bad))  # no such file: the error names it
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "PWNED" in result.stderr


# ------------------------------------------------------------------------------ TUI surfaces


def aio(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def terminal_text(app) -> str:
    """Exactly what Textual writes to the terminal for a full redraw of the current screen."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)


async def wait(pilot, rounds: int = 20) -> None:
    from textual.worker import WorkerCancelled, WorkerFailed

    for _ in range(rounds):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            pass
        services = pilot.app.session.loaded
        if all(getattr(services, n) is not None for n in ("store", "glossary", "library")):
            break
    await pilot.pause(0.1)


def make_app(home: Path, *, read: bool):
    from reader import paths
    from reader.core.article import load_article
    from reader.ui.app import YueduApp

    article = load_article(paths.library_dir() / "evil-article.md") if read else None
    return YueduApp(article=article, load_dictionary=False)


@aio
async def test_tui_library_table(hostile_home: Path):
    app = make_app(hostile_home, read=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait(pilot)
        out = terminal_text(app)
        assert "标题" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out


@aio
async def test_tui_status_line_and_article(hostile_home: Path):
    app = make_app(hostile_home, read=True)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait(pilot)
        out = terminal_text(app)
        assert_harmless(out, tui=True)


@aio
async def test_tui_bookmarks_dialog(hostile_home: Path):
    app = make_app(hostile_home, read=True)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait(pilot)
        await pilot.press("B")
        await wait(pilot)
        out = terminal_text(app)
        assert "第一段" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out


@aio
async def test_tui_vocabulary_screen(hostile_home: Path):
    app = make_app(hostile_home, read=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait(pilot)
        await pilot.press("v")
        await wait(pilot)
        out = terminal_text(app)
        assert "重要" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out


@aio
async def test_tui_review_screen(hostile_home: Path):
    app = make_app(hostile_home, read=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait(pilot)
        await pilot.press("r")
        await wait(pilot)
        await pilot.press("space")  # show the answer: definition and sentence
        await wait(pilot)
        out = terminal_text(app)
        assert "重要" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out


@aio
async def test_tui_glossary_screen(hostile_home: Path):
    app = make_app(hostile_home, read=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait(pilot)
        await pilot.press("L")
        await wait(pilot)
        for key in "恶意":
            await pilot.press(key)
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        out = terminal_text(app)
        assert "恶意" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out


@aio
async def test_tui_popup(hostile_home: Path):
    """The popup over a word whose saved definition and glossary entry carry the payload."""
    from reader import paths

    lib = paths.library_dir()
    text = ARTICLE.replace("第一段正文，新质生产力。", "恶意词条在这里。")
    (lib / "evil-article.md").write_text(text, encoding="utf-8")
    app = make_app(hostile_home, read=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait(pilot)
        view = app.screen.view
        view.go_to(next(i for i, u in enumerate(view.units) if u.kind == "paragraph"))
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        out = terminal_text(app)
        assert "恶意词条" in out
        assert_harmless(out, shown=False, tui=True)
        assert "PWNED" in out
