"""CSV and Pleco files: no formula injection on export, and imports validated line by line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.errors import UserError
from reader.store import open_store
from reader.store.exchange import export_text, import_vocab, parse_vocab_file

FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


@pytest.fixture
def store():
    with open_store() as s:
        yield s


def test_csv_export_neutralises_formulas(store):
    for i, bad in enumerate(FORMULAS):
        store.save_word(f"重要{i}", "zhong4 yao4", bad, sentence=bad + "这很重要。", note="")
    text = export_text(store.list_vocab(), "csv")
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]
    meanings = [r[2] for r in rows]
    sentences = [r[3] for r in rows]
    for cell in meanings + sentences:
        assert not cell.startswith(("=", "+", "-", "@")), cell
    assert sorted(meanings) == sorted("'" + f for f in FORMULAS)


def test_pleco_export_neutralises_formulas(store):
    store.save_word("重要", "zhong4 yao4", "=1+1")
    text = export_text(store.list_vocab(), "pleco")
    line = text.splitlines()[1]
    assert line.split("\t")[2] == "'=1+1"


def test_neutralised_cells_read_back_as_they_were(store, tmp_path: Path):
    store.save_word("重要", "zhong4 yao4", "=1+1", sentence="@这很重要。")
    out = tmp_path / "words.csv"
    out.write_text(export_text(store.list_vocab(), "csv"), encoding="utf-8")
    _fmt, rows = parse_vocab_file(out)
    assert rows[0]["definition"] == "=1+1" and rows[0]["sentence"] == "@这很重要。"


def test_invalid_pinyin_is_refused_with_file_and_line(tmp_path: Path):
    f = tmp_path / "words.csv"
    f.write_text("重要,zhong4 yao4,important\n发展,zzz9,to develop\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        parse_vocab_file(f)
    assert str(err.value).startswith(f"{f}:2:") and "zzz9" in str(err.value)


def test_pinyin_with_the_wrong_number_of_syllables_is_refused(tmp_path: Path):
    f = tmp_path / "words.csv"
    f.write_text("重要,zhong4,important\n", encoding="utf-8")
    with pytest.raises(UserError, match=rf"{f}:1:.*2 hanzi"):
        parse_vocab_file(f)


def test_a_tab_inside_a_quoted_word_stays_csv(tmp_path: Path):
    f = tmp_path / "words.csv"
    f.write_text('"重要\t",zhong4 yao4,"important, very"\n发展,fa1 zhan3,to develop\n', encoding="utf-8")
    fmt, rows = parse_vocab_file(f)
    assert fmt == "csv"
    assert rows[0]["definition"] == "important, very"


def test_store_problems_name_file_and_line(store, tmp_path: Path):
    f = tmp_path / "words.csv"
    f.write_text('重要,zhong4 yao4,important\n"发展\n发展",,to develop\n', encoding="utf-8")
    with pytest.raises(UserError) as err:
        import_vocab(store, f)
    assert str(err.value).startswith(f"{f}:2:")
    assert store.list_vocab() == []  # all or nothing


def test_control_characters_in_a_csv_are_made_safe(store, tmp_path: Path):
    f = tmp_path / "words.csv"
    f.write_text("重要,zhong4 yao4,\"important\x1b]2;PWNED\x07\"\n" + "发展,fa1 zhan3,grow\n" * 20, encoding="utf-8")
    import_vocab(store, f)
    item = store.get_word("重要")
    assert "\x1b" not in item.definition and "PWNED" in item.definition
