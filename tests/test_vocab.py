"""`yuedu vocab ...`: add, list, remove, export (Anki .apkg, CSV, Pleco) and import."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import open_store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def add(capsys, word, *extra):
    status, out, err = run(capsys, "vocab", "add", word, "--pinyin", "x", "--definition", "d", *extra)
    assert status == 0, err
    return out


@pytest.fixture
def words(capsys):
    run(capsys, "vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "important",
        "--sentence", "这很重要。", "--article", "art-1", "--tag", "hsk3")
    run(capsys, "vocab", "add", "发展", "--pinyin", "fa1zhan3", "--definition", "to develop, \"growth\"",
        "--sentence", "发展是第一要务，也是\n硬道理。", "--note", "[bold]mine[/]")
    run(capsys, "vocab", "add", "绿色", "--pinyin", "lü4 se4", "--definition", "green")


def test_add_saves_and_list_json_has_the_fields(capsys, words):
    status, out, _ = run(capsys, "vocab", "list", "--json")
    assert status == 0
    data = json.loads(out)
    by_word = {d["word"]: d for d in data}
    assert set(by_word) == {"重要", "发展", "绿色"}
    for d in data:
        assert {"word", "pinyin", "definition", "sentences", "added", "due"} <= set(d)
    assert by_word["重要"]["pinyin"] == "zhong4 yao4"
    assert by_word["发展"]["pinyin"] == "fa1 zhan3"
    assert by_word["绿色"]["pinyin"] == "lv4 se4"
    assert by_word["重要"]["sentences"][0] == {"text": "这很重要。", "article_id": "art-1", "block_index": None,
                                               "added": by_word["重要"]["sentences"][0]["added"]}
    assert by_word["发展"]["note"] == "[bold]mine[/]"
    assert by_word["重要"]["tags"] == ["hsk3"]


def test_adding_again_adds_the_sentence(capsys, words):
    status, out, _ = run(capsys, "vocab", "add", "重要", "--sentence", "非常重要。")
    assert status == 0 and out.startswith("updated 重要")
    [item] = [d for d in json.loads(run(capsys, "vocab", "list", "--json")[1]) if d["word"] == "重要"]
    assert [s["text"] for s in item["sentences"]] == ["这很重要。", "非常重要。"]
    assert item["definition"] == "important"  # the first snapshot is kept


def test_add_again_with_pinyin_or_definition_replaces_them(capsys, words):
    status, out, _ = run(capsys, "vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "weighty")
    assert status == 0 and out.startswith("updated 重要") and "weighty" in out
    with open_store() as store:
        item = store.get_word("重要")
    assert item.definition == "weighty" and item.pinyin == "zhong4 yao4"
    assert [s.text for s in item.sentences] == ["这很重要。"]  # the sentence is still there


@pytest.mark.parametrize("pinyin", ["zhong4", "zhong7 yao4", "xx yy", "zhòngyào"])
def test_add_with_pinyin_that_does_not_fit_is_refused(capsys, pinyin):
    status, _, err = run(capsys, "vocab", "add", "重要", "--pinyin", pinyin, "--definition", "important")
    assert status == 2 and err.startswith("yuedu: ") and err.count("\n") == 1
    with open_store() as store:
        assert store.get_word("重要") is None


def test_add_fills_pinyin_without_being_told(capsys):
    # --definition given, so no dictionary build is needed; pinyin comes from the dictionary or pypinyin
    status, out, _ = run(capsys, "vocab", "add", "银行", "--definition", "bank")
    assert status == 0
    with open_store() as store:
        assert store.get_word("银行").pinyin == "yin2 hang2"


def test_list_due_shows_new_words_up_to_the_daily_limit(capsys, words):
    with open_store() as store:
        store.set_pref("review.new_per_day", 2)
    data = json.loads(run(capsys, "vocab", "list", "--due", "--json")[1])
    assert [d["word"] for d in data] == ["重要", "发展"]  # oldest first
    status, out, _ = run(capsys, "vocab", "list")
    assert status == 0 and "绿色" in out and "[bold]" not in out  # notes are not in the plain listing


def test_remove_and_restore(capsys, words):
    status, out, _ = run(capsys, "vocab", "remove", "重要")
    assert status == 0 and "restore" in out
    assert "重要" not in run(capsys, "vocab", "list")[1]
    status, _, err = run(capsys, "vocab", "remove", "重要")
    assert status == 2 and "not in your vocabulary" in err
    assert run(capsys, "vocab", "restore", "重要")[0] == 0
    assert "重要" in run(capsys, "vocab", "list")[1]


def test_export_csv_is_anki_importable_and_quoted(capsys, words, tmp_path):
    out = tmp_path / "v.csv"
    assert run(capsys, "vocab", "export", "--format", "csv", "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "#separator:comma" and lines[1] == "#html:false"
    body = "\n".join(ln for ln in text.split("\n") if not ln.startswith("#"))
    rows = list(csv.reader(io.StringIO(body)))
    rows = [r for r in rows if r]
    assert [r[0] for r in rows] == ["重要", "发展", "绿色"]
    fazhan = rows[1]
    assert fazhan[1] == "fā zhǎn"
    assert fazhan[2] == 'to develop, "growth"'  # the comma and quotes survived
    assert fazhan[3] == "发展是第一要务，也是 硬道理。"
    assert rows[0][4] == "art-1" and rows[0][5] == "hsk3"
    assert rows[2][1] == "lǜ sè"


def test_export_pleco_format(capsys, words, tmp_path):
    out = tmp_path / "v.txt"
    assert run(capsys, "vocab", "export", "--format", "pleco", "-o", str(out))[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("//")
    # the sentence is the example line (the word in Pleco's bold), the note a line of its own (issue 12)
    assert lines[1:] == ["重要\tzhong4yao4\timportant\ueab1这很\ueab2重要\ueab3。",
                         '发展\tfa1zhan3\tto develop, "growth"\ueab1\ueab2发展\ueab3是第一要务，也是 硬道理。'
                         '\ueab1Note: [bold]mine[/]',
                         "绿色\tlv4se4\tgreen"]


def test_export_to_dash_writes_standard_output(capsys, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "vocab", "export", "--format", "pleco", "-o", "-")
    assert status == 0
    assert out.splitlines()[1] == "重要\tzhong4yao4\timportant\ueab1这很\ueab2重要\ueab3。"
    status, out, _ = run(capsys, "vocab", "export", "--format", "csv", "-o", "-")
    assert status == 0 and "重要,zhòng yào,important" in out
    status, out, err = run(capsys, "vocab", "export", "--format", "anki", "-o", "-")
    assert status == 2 and err.startswith("yuedu: ") and out == ""
    assert not (tmp_path / "-").exists()


def test_export_anki_is_a_real_apkg(capsys, words, tmp_path):
    out = tmp_path / "v.apkg"
    assert run(capsys, "vocab", "export", "--format", "anki", "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert "collection.anki2" in names
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    notes = [r[0].split("\x1f") for r in conn.execute("SELECT flds FROM notes ORDER BY id")]
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    conn.close()
    [model] = [m for m in models.values() if m["name"] == "yuedu vocabulary"]
    assert [f["name"] for f in model["flds"]] == ["Word", "Pinyin", "Meaning", "Sentence", "Source", "Note"]
    by_word = {n[0]: n for n in notes}
    assert by_word["重要"][1] == "zhòng yào"
    assert by_word["重要"][3] == "这很<b>重要</b>。"
    assert by_word["发展"][2] == "to develop, &quot;growth&quot;"
    assert by_word["发展"][5] == "[bold]mine[/]"  # the user's note (issue 12)
    # a second export keeps the same note guids and model id, so Anki updates instead of duplicating
    out2 = tmp_path / "v2.apkg"
    assert run(capsys, "vocab", "export", "--format", "anki", "-o", str(out2))[0] == 0
    with zipfile.ZipFile(out2) as z:
        (tmp_path / "c2.anki2").write_bytes(z.read("collection.anki2"))
    guids = lambda p: sorted(r[0] for r in sqlite3.connect(p).execute("SELECT guid FROM notes"))  # noqa: E731
    assert guids(tmp_path / "c.anki2") == guids(tmp_path / "c2.anki2")


@pytest.mark.parametrize("fmt", ["csv", "pleco"])
def test_export_then_import_round_trips(capsys, words, tmp_path, yuedu_home, monkeypatch, fmt):
    out = tmp_path / f"v.{fmt}"
    assert run(capsys, "vocab", "export", "--format", fmt, "-o", str(out))[0] == 0
    fresh = tmp_path / "fresh-home"
    fresh.mkdir()
    monkeypatch.setenv("YUEDU_HOME", str(fresh))
    status, report, err = run(capsys, "vocab", "import", str(out))
    assert status == 0, err
    assert "3 new" in report
    with open_store() as store:
        items = {i.word: i for i in store.list_vocab()}
    assert set(items) == {"重要", "发展", "绿色"}
    assert items["绿色"].pinyin == "lv4 se4"
    assert items["发展"].definition == 'to develop, "growth"'
    assert items["重要"].sentence == "这很重要。"  # Pleco too: from its example line
    assert items["发展"].note == "[bold]mine[/]"
    if fmt == "csv":
        assert items["重要"].tags == ("hsk3",)


def test_import_pleco_file_with_traditional_and_categories(capsys, tmp_path):
    f = tmp_path / "pleco.txt"
    f.write_text("//Lesson 1\n重要[重要]\tzhong4yao4\timportant\ueab1significant\n\n"
                 "经济[經濟]\tjing1ji4\teconomy\n", encoding="utf-8")
    status, out, _ = run(capsys, "vocab", "import", str(f))
    assert status == 0 and "2 new" in out
    with open_store() as store:
        assert store.get_word("重要").definition == "important; significant"
        assert store.get_word("经济").pinyin == "jing1 ji4"
    status, out, _ = run(capsys, "vocab", "import", str(f))
    assert "0 new, 2 already saved" in out


def test_import_gbk_csv_with_header(capsys, tmp_path):
    f = tmp_path / "anki.csv"
    f.write_bytes("word,pinyin,meaning\n改革,gǎi gé,reform\n开放,kāi fàng,open\n".encode("gb18030"))
    status, out, err = run(capsys, "vocab", "import", str(f))
    assert status == 0, err
    with open_store() as store:
        assert store.get_word("改革").pinyin == "gai3 ge2"


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("重要,zhong4 yao4,important\nhello,ni3,bad\n", 2, "Chinese word"),
        ("重要\tzhong4yao4\timportant\n经济\t!!!\teconomy\n", 2, "pinyin"),
        ('重要,zhong4,"unclosed\n', None, "CSV"),
    ],
)
def test_bad_import_names_file_and_line_and_saves_nothing(capsys, tmp_path, content, line, message):
    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "vocab", "import", str(f))
    assert status == 2
    prefix = f"yuedu: {f}:{line}:" if line else f"yuedu: {f}:"
    assert err.startswith(prefix) and message in err
    with open_store() as store:
        assert store.list_vocab() == []


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff\xfe" * 200, b"# only comments\n\n"])
def test_import_empty_or_binary_is_a_user_error(capsys, tmp_path, data):
    f = tmp_path / "x.csv"
    f.write_bytes(data)
    status, _, err = run(capsys, "vocab", "import", str(f))
    assert status == 2 and err.startswith(f"yuedu: {f}")


def test_import_missing_file(capsys, tmp_path):
    status, _, err = run(capsys, "vocab", "import", str(tmp_path / "nope.csv"))
    assert status == 2 and "no such file" in err


def test_export_to_a_directory_is_a_user_error(capsys, words, tmp_path):
    status, _, err = run(capsys, "vocab", "export", "--format", "csv", "-o", str(tmp_path))
    assert status == 2 and "directory" in err
    assert not list(Path(tmp_path).glob("*.part"))


def test_import_anki_plain_text_export_with_html(capsys, tmp_path):
    f = tmp_path / "anki.txt"
    f.write_text("#separator:tab\n#html:true\n#tags column:6\n"
                 "重要\tzhòng yào\timportant &amp; <b>major</b><br>big\t这很<b>重要</b>。\t\tHSK3\n"
                 '发展\tfā zhǎn\t"to develop;\tgrow"\t\t\t\n', encoding="utf-8")
    status, out, err = run(capsys, "vocab", "import", str(f))
    assert status == 0, err
    assert "anki text" in out and "2 new" in out
    with open_store() as store:
        item = store.get_word("重要")
        assert item.definition == "important & major big" and item.sentence == "这很重要。"
        assert item.tags == ("HSK3",)
        assert store.get_word("发展").definition == "to develop; grow"


def test_import_semicolon_separated(capsys, tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("#separator:semicolon\n改革;gai3 ge2;reform, opening\n", encoding="utf-8")
    status, out, err = run(capsys, "vocab", "import", str(f))
    assert status == 0, err
    with open_store() as store:
        assert store.get_word("改革").definition == "reform, opening"


def test_list_search_without_matches_does_not_claim_the_list_is_empty(capsys, words):
    status, out, _ = run(capsys, "vocab", "list", "--search", "zzz")
    assert status == 0 and "no saved word matches 'zzz'" in out and "no saved words yet" not in out


def test_importing_an_apkg_says_what_to_do_instead(capsys, words, tmp_path):
    out = tmp_path / "v.apkg"
    assert run(capsys, "vocab", "export", "--format", "anki", "-o", str(out))[0] == 0
    status, _, err = run(capsys, "vocab", "import", str(out))
    assert status == 2 and err.count("\n") == 1
    assert str(out) in err and "Plain Text" in err


def test_export_into_a_pipe_or_a_link_writes_into_it_and_keeps_it(capsys, words, tmp_path):
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    status, _, err = run(capsys, "vocab", "export", "--format", "pleco", "-o", str(fifo))
    reader.join(timeout=30)
    assert status == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a pipe, not replaced by a file
    assert got and "重要\tzhong4yao4\timportant" in got[0].decode("utf-8")

    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run(capsys, "vocab", "export", "--format", "csv", "-o", str(link))[0] == 0
    assert link.is_symlink() and "重要,zhòng yào,important" in real.read_text(encoding="utf-8")


def test_export_to_an_empty_file_name_is_a_user_error(capsys, words):
    status, _, err = run(capsys, "vocab", "export", "--format", "csv", "-o", "")
    assert status == 2 and "no file name" in err


def _apkg(path: Path, tmp_path: Path) -> tuple[list[dict], dict]:
    """(notes as {guid, mid, fields}, models by id) of an .apkg."""
    with zipfile.ZipFile(path) as z:
        db = tmp_path / (path.stem + ".anki2")
        db.write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(db)
    notes = [{"guid": g, "mid": m, "fields": f.split("\x1f")}
             for g, m, f in conn.execute("SELECT guid, mid, flds FROM notes ORDER BY id")]
    cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    conn.close()
    return notes, {int(k): v for k, v in models.items()} | {"cards": cards}


def test_anki_production_and_cloze_cards(capsys, words, tmp_path):
    """--cards production,cloze: a production card (meaning -> word) on each word's note, of a note type
    of its own, and a cloze on the sentence for each word that has one; ids stable across exports."""
    from reader.store.exchange import ANKI_CLOZE_MODEL_ID, ANKI_MODEL_ID, ANKI_PRODUCTION_MODEL_ID

    plain = tmp_path / "plain.apkg"
    assert run(capsys, "vocab", "export", "--format", "anki", "-o", str(plain))[0] == 0
    notes, models = _apkg(plain, tmp_path)
    assert {n["mid"] for n in notes} == {ANKI_MODEL_ID} and models["cards"] == 3  # one card a word, as before

    out = tmp_path / "both.apkg"
    status, _, err = run(capsys, "vocab", "export", "--format", "anki", "--cards", "production,cloze", "-o", str(out))
    assert status == 0, err
    notes, models = _apkg(out, tmp_path)
    words_ = [n for n in notes if n["mid"] == ANKI_PRODUCTION_MODEL_ID]
    clozes = [n for n in notes if n["mid"] == ANKI_CLOZE_MODEL_ID]
    production = models[ANKI_PRODUCTION_MODEL_ID]
    assert [t["name"] for t in production["tmpls"]] == ["Recognition", "Production"]
    assert "{{Meaning}}" in production["tmpls"][1]["qfmt"] and "{{Word}}" not in production["tmpls"][1]["qfmt"]
    assert models[ANKI_CLOZE_MODEL_ID]["type"] == 1  # Anki's cloze note type
    assert len(words_) == 3 and len(clozes) == 2  # 绿色 has no sentence: no cloze
    assert models["cards"] == 3 * 2 + 2
    cloze = {n["fields"][1]: n["fields"][0] for n in clozes}
    assert cloze["重要"] == "这很{{c1::重要::important}}。"
    assert cloze["发展"].startswith("{{c1::发展::to develop, &quot;growth&quot;}}是第一要务")
    # the plain set's guids are not reused by the production set (another note type), and a second
    # export of the same set keeps every guid and model id: Anki updates instead of duplicating
    assert not {n["guid"] for n in words_} & {n["guid"] for n in _apkg(plain, tmp_path)[0]}
    again = tmp_path / "again.apkg"
    assert run(capsys, "vocab", "export", "-f", "anki", "--cards", "cloze,production", "-o", str(again))[0] == 0
    notes2, _ = _apkg(again, tmp_path)
    assert sorted((n["guid"], n["mid"]) for n in notes2) == sorted((n["guid"], n["mid"]) for n in notes)


def test_anki_cards_option_is_checked(capsys, words, tmp_path):
    status, _, err = run(capsys, "vocab", "export", "-f", "anki", "--cards", "reverse", "-o", str(tmp_path / "x.apkg"))
    assert status == 2 and "unknown Anki card type 'reverse'" in err and not (tmp_path / "x.apkg").exists()
    status, _, err = run(capsys, "vocab", "export", "-f", "csv", "--cards", "cloze", "-o", str(tmp_path / "x.csv"))
    assert status == 2 and "--cards is for --format anki" in err
