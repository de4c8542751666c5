"""Web addresses printed by `yuedu lookup` and `yuedu glossary show` (a glossary entry's sources) stay on one
line however narrow the terminal, so a terminal can open them with a click and they can be copied whole."""

from __future__ import annotations

import re

import pytest

from reader import paths
from reader.core import dictionary as dictmod

WORD = "五子联动"  # glossary/beijing.yaml: three sources with addresses of 42 to 68 characters


@pytest.fixture
def home(dictionary_index, yuedu_home):
    from conftest import place_file

    place_file(dictionary_index, paths.cache_dir() / dictmod.INDEX_NAME)
    return yuedu_home


def urls_of(word: str) -> list[str]:
    from reader.commands import cli_session

    entry = cli_session().glossary.get(word)
    assert entry is not None
    return [s.url for s in entry.sources if s.url]


@pytest.mark.parametrize("command", [("lookup",), ("glossary", "show")])
@pytest.mark.parametrize("columns", [40, 60, 100])
def test_a_source_address_is_printed_unbroken(home, command, columns):
    from conftest import run_cli

    urls = urls_of(WORD)
    assert urls and max(map(len, urls)) > 40
    out = run_cli(*command, WORD, columns=columns)
    assert out.returncode == 0, out.stderr
    lines = [line.strip() for line in out.stdout.splitlines()]
    for url in urls:
        assert url in lines, f"{url} is broken across lines at {columns} columns"
    # The prose around them is still wrapped to the terminal.
    assert all(len(line) <= columns for line in out.stdout.splitlines() if not re.search(r"https?://", line))
