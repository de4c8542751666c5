"""What the user types on the command line (`yuedu import --title/--source`, `yuedu corrections set/merge/split`) is
cleaned where it comes in, as the text of a file is: no article file or database row holds a control character,
whatever the terminal later does with it."""

from __future__ import annotations

from pathlib import Path

from reader.core.sanitize import is_safe


def test_title_and_source_typed_at_import_are_cleaned_on_the_way_in(tmp_path: Path):
    from conftest import run_cli

    text = tmp_path / "a.txt"
    text.write_text("科研人员专心致志地开展基础研究工作。\n\n第二段。\n", encoding="utf-8")
    into = tmp_path / "lib"
    title, source = "标题\x1b]2;PWNED\x07\u202e", "日报\x1b[2J\x9b"
    out = run_cli("import", str(text), "--into", str(into), "--title", title, "--source", source)
    assert out.returncode == 0, out.stderr
    [written] = into.glob("*.md")
    raw = written.read_text(encoding="utf-8")
    assert is_safe(raw), raw
    from reader.core.article import load_article

    article = load_article(written)
    assert article.title == "标题\\u001b]2;PWNED\\u0007\\u202e"
    assert article.source == "日报\\u001b[2J\\u009b"


def test_words_typed_at_corrections_set_merge_and_split_are_cleaned_on_the_way_in(yuedu_home: Path):
    import sqlite3

    from conftest import run_cli

    from reader import paths

    assert run_cli("corrections", "merge", "研究\x1b[2J所").returncode == 0
    assert run_cli("corrections", "split", "科研\x1b]2;X\x07人员", "科研\x1b]2;X\x07", "人员").returncode == 0
    assert run_cli("corrections", "set", "重\x1b[8m要", "zhong4", "yao4").returncode == 0
    rows = sqlite3.connect(paths.db_path()).execute("SELECT word, value FROM corrections").fetchall()
    assert rows and all(is_safe(word) and is_safe(parts) for word, parts in rows), rows
    assert rows[0][0] == "研究\\u001b[2J所"


def test_vocab_import_counts_one_row_in_the_singular(tmp_path: Path):
    """(Seen while checking CSV imports by hand: it said "imported 1 rows".)"""
    from conftest import run_cli

    one = tmp_path / "one.csv"
    one.write_text("word,pinyin,definition\n风险,feng1 xian3,risk\n", encoding="utf-8")
    out = run_cli("vocab", "import", str(one))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("imported 1 row (csv): 1 new, 0 already saved")
