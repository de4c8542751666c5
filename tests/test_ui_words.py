"""Issue 12, saved words: a reading correction reaches the saved words that hold the word."""

from __future__ import annotations

import subprocess


def yuedu(*args: str) -> subprocess.CompletedProcess:
    """`yuedu ARGS` in this process (conftest.run_cli: the CLI's entry point, no interpreter start-up),
    output as bytes, standard input empty."""
    from conftest import run_cli

    return run_cli(*args, text=False)


def test_correction_updates_saved_words_and_says_how_many(tmp_path):
    assert yuedu("vocab", "add", "胡子", "--pinyin", "hu2 zi3", "--definition", "beard").returncode == 0
    assert yuedu("vocab", "add", "大胡子", "--pinyin", "da4 hu2 zi3", "--definition", "bearded man").returncode == 0
    assert yuedu("vocab", "add", "孩子", "--pinyin", "hai2 zi5", "--definition", "child").returncode == 0
    out = yuedu("corrections", "set", "胡子", "hu2", "zi5")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "2 saved words changed" in text and "大胡子" in text
    csv = tmp_path / "w.csv"
    assert yuedu("vocab", "export", "--format", "csv", "-o", str(csv)).returncode == 0
    exported = csv.read_text(encoding="utf-8")
    assert "hu2 zi3" not in exported and "hú zǐ" not in exported
    assert ("hu2 zi5" in exported or "hú zi" in exported), exported
    from reader.store import open_store
    from reader.core.pinyin import answer_matches

    with open_store() as store:
        assert answer_matches("hu2 zi5", store.get_word("胡子").pinyin)
        assert store.get_word("大胡子").pinyin == "da4 hu2 zi5"
        assert store.get_word("孩子").pinyin == "hai2 zi5"


def test_vocab_edit_changes_pinyin_meaning_and_note():
    assert yuedu("vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "important").returncode == 0
    out = yuedu("vocab", "edit", "重要", "--pinyin", "zhòng yào", "--meaning", "significant", "--note", "HSK 3")
    assert out.returncode == 0, out.stderr
    from reader.store import open_store

    with open_store() as store:
        item = store.get_word("重要")
        assert (item.pinyin, item.definition, item.note) == ("zhong4 yao4", "significant", "HSK 3")
    bad = yuedu("vocab", "edit", "重要", "--pinyin", "zhong7 yao4")
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr and bad.stderr.count(b"\n") == 1
    missing = yuedu("vocab", "edit", "不在", "--note", "x")
    assert missing.returncode == 2 and "不在" in missing.stderr.decode()
    with open_store() as store:
        assert store.get_word("重要").pinyin == "zhong4 yao4"


def test_a_word_the_dictionary_lacks_is_saved_with_its_parts_meanings():
    out = yuedu("vocab", "add", "提质增效")
    assert out.returncode == 0, out.stderr
    from reader.store import open_store

    with open_store() as store:
        meaning = store.get_word("提质增效").definition
    assert meaning.startswith("[parts] "), meaning
    assert "增效:" in meaning or "增:" in meaning, meaning
    assert "效" in meaning and len(meaning) > len("[parts] ") + 10
    # A word the dictionary has keeps its own entry, unmarked.
    assert yuedu("vocab", "add", "效率").returncode == 0
    with open_store() as store:
        assert "efficiency" in store.get_word("效率").definition
        assert not store.get_word("效率").definition.startswith("[parts]")


def test_exports_keep_the_note_and_write_to_standard_output(tmp_path):
    assert yuedu("vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "important",
                 "--note", "my note, with a comma", "--sentence", "这很重要。").returncode == 0
    csv_out = yuedu("vocab", "export", "--format", "csv")  # no -o: standard output
    assert csv_out.returncode == 0, csv_out.stderr
    text = csv_out.stdout.decode()
    assert "Note" in text.splitlines()[2] and '"my note, with a comma"' in text
    pleco = yuedu("vocab", "export", "--format", "pleco", "-o", "-")
    assert pleco.returncode == 0 and "\ueab1Note: my note, with a comma" in pleco.stdout.decode()
    anki = tmp_path / "w.apkg"
    assert yuedu("vocab", "export", "--format", "anki", "-o", str(anki)).returncode == 0
    import sqlite3
    import zipfile

    with zipfile.ZipFile(anki) as z:
        (tmp_path / "c.db").write_bytes(z.read("collection.anki2"))
    flds = sqlite3.connect(tmp_path / "c.db").execute("SELECT flds FROM notes").fetchone()[0]
    assert flds.split("\x1f")[-1] == "my note, with a comma"
    for fmt, data in (("csv", csv_out.stdout), ("pleco", pleco.stdout)):
        f = tmp_path / f"back.{fmt}"
        f.write_bytes(data)
        assert yuedu("vocab", "remove", "重要").returncode == 0
        assert yuedu("vocab", "edit", "重要", "--note", "x").returncode == 2  # deleted: not editable
        assert yuedu("vocab", "import", str(f)).returncode == 0
        from reader.store import open_store

        with open_store() as store:
            assert store.get_word("重要").note == "my note, with a comma", fmt
            assert store.get_word("重要").definition == "important", fmt
