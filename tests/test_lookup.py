"""`yuedu lookup` and `yuedu glossary` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import paths
from reader.core import dictionary as dictmod

DATA = Path(__file__).parent / "data" / "glossary"


@pytest.fixture(scope="session")
def full_index(dictionary_index) -> Path:
    """The real CC-CEDICT index (conftest: built once for the whole run)."""
    return dictionary_index


@pytest.fixture
def home(full_index, yuedu_home) -> Path:
    """A YUEDU_HOME whose cache already has the dictionary index (no rebuild per test; the shared
    cache folder keeps it from the first test on)."""
    from conftest import place_file

    place_file(full_index, paths.cache_dir() / dictmod.INDEX_NAME)
    return yuedu_home


def yuedu(*args: str) -> subprocess.CompletedProcess:
    """`yuedu ARGS` in this process, in a 100-column terminal (conftest.run_cli)."""
    from conftest import run_cli

    return run_cli(*args)


def add_user_glossary(*files: Path) -> None:
    for f in files:
        shutil.copy(f, paths.user_glossary_dir() / f.name)


def test_lookup_dictionary_word(home):
    r = yuedu("lookup", "包干制")
    assert r.returncode == 0, r.stderr
    assert "bāo gān zhì" in r.stdout
    assert "a system of payment partly in kind and partly in cash" in r.stdout
    assert "包乾制" in r.stdout


def test_lookup_shows_every_reading(home):
    r = yuedu("lookup", "行")
    assert r.returncode == 0
    assert "xíng" in r.stdout and "háng" in r.stdout


def test_lookup_glossary_entry_first_then_dictionary(home):
    add_user_glossary(DATA / "good" / "policy.yaml", DATA / "good" / "science.yaml")
    r = yuedu("lookup", "生产力")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.index("productive forces") < out.index("CC-CEDICT") < out.index("productive force\n")
    r = yuedu("lookup", "新质生产力")
    assert "new quality productive forces (official) — Qiushi; Xinhua" in r.stdout
    assert "Literally: new (新) quality (质)" in r.stdout
    assert "CC-CEDICT" not in r.stdout  # not in the dictionary


def test_lookup_not_found_exits_1_with_close_matches(home):
    r = yuedu("lookup", "挂帅揭榜")
    assert r.returncode == 1
    assert r.stdout == ""
    assert "not found; close matches:" in r.stderr and "挂帅" in r.stderr


def test_lookup_json_shape(home):
    add_user_glossary(DATA / "good" / "policy.yaml")
    data = json.loads(yuedu("lookup", "國家", "--json").stdout)
    assert data["word"] == "國家" and data["glossary"] is None
    assert data["dictionary"][0]["simplified"] == "国家"
    assert data["dictionary"][0]["pinyin"] == "guo2 jia1" and data["dictionary"][0]["pinyin_marks"] == "guó jiā"
    r = yuedu("lookup", "‘五子’联动", "--json")
    data = json.loads(r.stdout)
    g = data["glossary"]
    assert g["term"] == "五子联动" and g["syllables"] == ["wu3", "zi3", "lian2", "dong4"]
    assert g["english"][0] == {"text": "Five Key Initiatives", "used_by": "Beijing government (2023)", "official": True, "official_for": "Beijing"}
    assert isinstance(g["articles"], int) and data["dictionary"] == []
    r = yuedu("lookup", "挂帅揭榜", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 1 and data["glossary"] is None and data["dictionary"] == []
    assert "挂帅" in data["close_matches"]


def test_rich_markup_in_glossary_text_is_printed_literally(home):
    text = (DATA / "user_override" / "mine.yaml").read_text(encoding="utf-8")
    text = text.replace("definition_en: My own definition (test fixture).", 'definition_en: "[bold red]x[/bold red] [link=http://e]y[/link]"')
    (paths.user_glossary_dir() / "mine.yaml").write_text(text, encoding="utf-8")
    r = yuedu("lookup", "新质生产力")
    assert r.returncode == 0, r.stderr
    assert "[bold red]x[/bold red] [link=http://e]y[/link]" in r.stdout


def test_broken_user_glossary_is_a_warning_not_a_failure(home):
    (paths.user_glossary_dir() / "broken.yaml").write_text("- term: [oops\n", encoding="utf-8")
    r = yuedu("lookup", "国家")
    assert r.returncode == 0
    assert "warning" in r.stderr and "broken.yaml:" in r.stderr
    assert "guó jiā" in r.stdout


def test_lookup_occurrence_count_comes_from_the_library(home):
    add_user_glossary(DATA / "good" / "science.yaml")
    article = "---\nid: test-zgc\ntitle: 中关村\n---\n\n中关村的企业。\n\n## 中关村\n\n没有。\n"
    (paths.library_dir() / "test-zgc.md").write_text(article, encoding="utf-8")
    data = json.loads(yuedu("lookup", "中关村", "--json").stdout)
    assert {"article": "test-zgc", "block": 0} in data["glossary"]["occurrences"]
    assert {"article": "test-zgc", "block": 1} in data["glossary"]["occurrences"]
    assert data["glossary"]["articles"] >= 1


# ------------------------------------------------------------------------------------------ yuedu glossary


def test_glossary_check_reports_file_line_and_exits_1():
    r = yuedu("glossary", "check", str(DATA / "bad_entries"), str(DATA / "dup_alias"))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 9
    assert lines[0].startswith(f"{DATA / 'bad_entries' / 'errors.yaml'}:2: ")
    assert lines[-1].startswith(f"{DATA / 'dup_alias' / 'two.yaml'}:3: ")


def test_glossary_check_ok():
    r = yuedu("glossary", "check", str(DATA / "good"))
    assert r.returncode == 0
    assert r.stdout.strip() == "5 entries in 2 files, ok"


def test_glossary_check_refuses_python_tags_without_running_them(tmp_path):
    marker = tmp_path / "PWNED"
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "evil.yaml").write_text(
        f'- term: !!python/object/apply:os.system ["touch {marker}"]\n  pinyin: x\n', encoding="utf-8"
    )
    r = yuedu("glossary", "check", str(tmp_path / "g"))
    assert r.returncode == 1 and "evil.yaml:1: YAML tag !!python/object/apply:os.system is not allowed" in r.stdout
    assert not marker.exists()
    (paths.user_glossary_dir() / "evil.yaml").write_text(
        (tmp_path / "g" / "evil.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    r = yuedu("glossary", "show", "包干制")
    assert not marker.exists()


def test_glossary_check_defaults_to_bundled_and_user(tmp_path):
    add_user_glossary(DATA / "user_override" / "mine.yaml")
    r = yuedu("glossary", "check")
    assert "mine.yaml" not in r.stdout  # the user's file is valid
    if r.returncode == 0:
        assert r.stdout.rstrip().endswith(", ok")


def test_glossary_show_list_and_search():
    add_user_glossary(DATA / "good" / "policy.yaml", DATA / "good" / "science.yaml")
    r = yuedu("glossary", "show", "独角兽")
    assert r.returncode == 0 and "独角兽企业" in r.stdout and "unicorn company" in r.stdout
    r = yuedu("glossary", "list")
    assert r.returncode == 0 and "新质生产力" in r.stdout and "xīn zhì shēng chǎn lì" in r.stdout
    r = yuedu("glossary", "search", "xinzhi")
    assert r.returncode == 0 and r.stdout.splitlines()[0].startswith("新质生产力")
    r = yuedu("glossary", "show", "没有这个词")
    assert r.returncode == 1 and "not in the glossary" in r.stderr


def test_glossary_list_into_a_pipe_closed_early_is_not_an_error():
    # `yuedu glossary list | head -1`: the reader of the pipe goes away after one line.
    p = subprocess.Popen([sys.executable, "-m", "reader", "glossary", "list"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=dict(os.environ))
    assert p.stdout is not None and p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode() if p.stderr else ""
    assert p.wait(timeout=60) == 0, err
    assert "Traceback" not in err


def test_glossary_search_prints_one_line_per_entry(home):
    out = yuedu("glossary", "search", "e")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert len(lines) > 10
    assert all("  " in line and any("\u4e00" <= ch <= "\u9fff" for ch in line.split("  ")[0]) for line in lines)


def test_glossary_check_says_where_your_own_entries_go(yuedu_home):
    out = yuedu("glossary", "check")
    assert out.returncode == 0
    assert str(yuedu_home / "config" / "glossary") in out.stderr
