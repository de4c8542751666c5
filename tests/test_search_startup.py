"""`yuedu search` starts fast: it imports only what a search needs (no other command, no segmenter,
no pinyin tables, no Rich, no Textual), while `yuedu --help` still lists every command."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.cli import COMMAND_MODULES

# What a search never needs: the other commands, the segmenter and pinyin engine, the user's store,
# the session, the terminal UI and Rich (only commands that draw with it import it).
HEAVY = ("jieba", "pypinyin", "textual", "rich", "yaml", "fsrs", "reader.core.pinyin", "reader.core.annotate",
         "reader.core.article", "reader.store", "reader.session", "reader.ui")

PROBE = """
import json, sys
from reader.cli import main
status = main(sys.argv[1:])
sys.stdout.flush()
sys.__stderr__.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")
sys.exit(status)
"""


def modules_after(*args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300)
    line = next(line for line in run.stderr.splitlines() if line.startswith("MODULES "))
    return run, json.loads(line[len("MODULES "):])


def heavy_in(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_search_imports_nothing_it_does_not_need():
    modules_after("search", "玄之又玄")  # the first search builds the index (that reads articles)
    run, modules = modules_after("search", "玄之又玄")
    assert run.returncode in (0, 1), run.stderr
    assert heavy_in(modules) == []
    other_commands = [m for m in modules if m.startswith("reader.commands.") and m != "reader.commands.search"]
    assert other_commands == []


def test_search_json_imports_nothing_it_does_not_need():
    modules_after("search", "北京")  # the first search builds the index (that reads articles)
    run, modules = modules_after("search", "北京", "--json", "--limit", "3")
    assert run.returncode in (0, 1), run.stderr
    assert isinstance(json.loads(run.stdout), list)
    assert heavy_in(modules) == []


def test_help_still_lists_every_command():
    run = subprocess.run([sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    listed = run.stdout.split("COMMAND", 1)[1]
    for name in COMMAND_MODULES:
        command = {"importer": "import", "library": "list"}.get(name, name)
        assert f"    {command} " in listed or f"    {command}\n" in listed, command


def test_an_unknown_command_still_names_every_command():
    run = subprocess.run([sys.executable, "-m", "reader", "serch", "x"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "invalid choice: 'serch'" in run.stderr
    assert "'search'" in run.stderr and "'lookup'" in run.stderr and "'import'" in run.stderr


def test_a_command_whose_name_is_not_its_module_still_runs():
    run = subprocess.run([sys.executable, "-m", "reader", "list", "--help"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    assert run.stdout.startswith("usage: yuedu list")


RICH_PROBE = """
import sys
from reader.cli_guard import safe_streams
assert "rich.console" not in sys.modules
with safe_streams():
    from rich.console import Console
    Console(force_terminal=True, color_system="standard").print("[bold]粗[/bold] evil\\x1b]0;title\\x07end")
"""


def test_rich_imported_late_still_prints_safely_in_colour():
    # Rich is patched when it is first imported, no longer when every command starts: a command that
    # draws with Rich keeps its colours, and text from files still loses its control characters.
    run = subprocess.run([sys.executable, "-c", RICH_PROBE], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert b"\x1b[1m" in run.stdout  # Rich's own bold
    assert b"\x07" not in run.stdout and b"\x1b]0" not in run.stdout  # the text's title-setting escape
    assert "end".encode() in run.stdout
