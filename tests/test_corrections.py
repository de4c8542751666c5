"""`yuedu corrections`: fixes are stored, listed, applied everywhere and reversible."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.commands.annotate import make_annotator


def run(capsys, *args):
    status = main(["corrections", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def reading_of(word: str, text: str) -> tuple[str, ...]:
    ann = make_annotator()
    for tok in ann.annotate(text):
        if tok.text == word:
            return tok.pinyin
    raise AssertionError(f"{word} is not a token of {text}: {[t.text for t in ann.annotate(text)]}")


def test_set_list_apply_remove(capsys):
    status, out, _ = run(capsys, "list")
    assert status == 0 and "No corrections" in out
    assert reading_of("董事长", "他是董事长。") == ("dong3", "shi4", "zhang3")

    status, out, _ = run(capsys, "set", "董事长", "dǒng", "shì", "cháng")
    assert status == 0 and "dǒng shì cháng" in out
    assert reading_of("董事长", "公司董事长说") == ("dong3", "shi4", "chang2")

    status, out, _ = run(capsys, "list")
    assert "董事长" in out and "reading" in out and "dong3 shi4 chang2" in out
    cid = int(out.split()[0])

    status, out, _ = run(capsys, "remove", str(cid))
    assert status == 0
    assert reading_of("董事长", "公司董事长说") == ("dong3", "shi4", "zhang3")


def test_merge_and_split(capsys):
    assert run(capsys, "merge", "科创金融")[0] == 0
    assert reading_of("科创金融", "中关村科创金融改革") == ("ke1", "chuang4", "jin1", "rong2")
    assert run(capsys, "split", "关键处", "关键", "处")[0] == 0
    ann = make_annotator()
    assert [t.text for t in ann.annotate("关键处")] == ["关键", "处"]


@pytest.mark.parametrize(
    "args",
    [
        ["set", "董事长", "dong3", "shi4"],  # too few syllables
        ["set", "abc", "a1"],  # no hanzi
        ["split", "关键处", "关", "处"],  # parts do not make the word
        ["remove", "999"],
        ["merge", "长"],  # one character: nothing to merge
        ["merge", "长 城"],  # a space is not part of a word
        ["set", "长", "xx9"],  # not a syllable
        ["set", "行长", "hangzhang"],  # two syllables run together
        ["set", "长", "zhang7"],  # no tone 7
    ],
)
def test_bad_corrections_are_one_line_errors(capsys, args):
    status, out, err = run(capsys, *args)
    assert status == 2
    assert err.startswith("yuedu: ") and err.count("\n") == 1 and "Traceback" not in err


def test_markup_like_word_is_stored_literally(capsys):
    assert run(capsys, "merge", "[bold]重要")[0] == 0
    _, out, _ = run(capsys, "list")
    assert "[bold]重要" in out


def test_list_json_for_scripts(capsys):
    assert run(capsys, "set", "董事长", "dong3", "shi4", "chang2")[0] == 0
    assert run(capsys, "split", "关键处", "关键", "处")[0] == 0
    import json

    status, out, _ = run(capsys, "list", "--json")
    assert status == 0
    rows = json.loads(out)
    assert [(r["kind"], r["word"], r["value"]) for r in rows] == [
        ("reading", "董事长", ["dong3", "shi4", "chang2"]),
        ("split", "关键处", ["关键", "处"]),
    ]
