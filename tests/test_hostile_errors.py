"""Faults that used to end in a traceback: each is now one line on stderr and exit status 2 (or,
where nothing is wrong with what was asked, the command simply works)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import paths

TEXT = "科研人员专心致志地开展基础研究工作。\n"


def yuedu(*args: str | bytes, env: dict | None = None, stdout=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], stdout=stdout or subprocess.PIPE,
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, timeout=120,
                          stdin=subprocess.DEVNULL)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yuedu: "), err
    return lines[0]


def test_file_name_over_255_bytes(tmp_path: Path):
    line = one_line_error(yuedu("annotate", str(tmp_path / ("长" * 100 + ".txt"))))
    assert "file name too long" in line


def test_non_utf8_file_name_is_read(tmp_path: Path):
    name = os.fsencode(tmp_path) + b"/\xc4\xe3\xba\xc3.txt"  # 你好.txt in GBK
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    result = yuedu("annotate", name)
    assert result.returncode == 0, result.stderr
    assert "zhuānxīn" in result.stdout.decode()


def test_non_utf8_missing_file_name_is_one_line(tmp_path: Path):
    line = one_line_error(yuedu("annotate", os.fsencode(tmp_path) + b"/\xc4\xe3.txt"))
    assert "no such file" in line


def test_non_utf8_argument_is_one_line():
    line = one_line_error(yuedu("lookup", b"\xc4\xe3\xba\xc3"))  # typed on a GBK terminal
    assert "UTF-8" in line


def test_stdout_to_a_full_disk():
    with open("/dev/full", "w") as full:
        result = yuedu("list", stdout=full)
    assert "disk is full" in one_line_error(result)


def test_vocab_import_of_a_folder_or_unreadable_file(tmp_path: Path):
    assert "directory" in one_line_error(yuedu("vocab", "import", str(tmp_path)))
    if os.geteuid() != 0:
        locked = tmp_path / "words.csv"
        locked.write_text("重要,zhong4 yao4,important\n", encoding="utf-8")
        locked.chmod(0)
        assert "permission denied" in one_line_error(yuedu("vocab", "import", str(locked)))


def test_corrections_remove_a_26_digit_id():
    line = one_line_error(yuedu("corrections", "remove", "12345678901234567890123456"))
    assert "no correction" in line


@pytest.fixture
def damaged_rows() -> Path:
    """A valid database with one bad date and one bad JSON value among good rows."""
    from reader.store import open_store

    with open_store() as store:
        for word in ("重要", "发展", "学习"):
            store.save_word(word, "", "meaning")
        store.add_bookmark("art", 0, "第一段")
        store.add_bookmark("art", 1, "第二段")
        store.set_reading("长", ["zhang3"])
        store.set_reading("行", ["hang2"])
    db = paths.db_path()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE vocab SET added = '2024-02-30 00:00:00' WHERE word = '重要'")
    conn.execute("UPDATE vocab SET tags = '[not json' WHERE word = '发展'")
    conn.execute("UPDATE bookmarks SET created = 'yesterday' WHERE block_index = 0")
    conn.execute("UPDATE corrections SET value = '{oops' WHERE word = '行'")
    conn.commit()
    conn.close()
    return db


def _warned(result: subprocess.CompletedProcess, table: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert f"in table {table}" in err and str(paths.db_path()) in err


def test_bad_rows_vocab_list_shows_the_rest(damaged_rows: Path):
    result = yuedu("vocab", "list")
    _warned(result, "vocab")
    assert "学习" in result.stdout.decode()


def test_bad_rows_bookmarks_show_the_rest(damaged_rows: Path):
    result = yuedu("bookmarks")
    _warned(result, "bookmarks")
    assert "第二段" in result.stdout.decode()


def test_bad_rows_annotate_still_works(damaged_rows: Path, tmp_path: Path):
    (tmp_path / "t.txt").write_text("他长大了。\n", encoding="utf-8")
    result = yuedu("annotate", str(tmp_path / "t.txt"))
    _warned(result, "corrections")
    assert "zhǎng" in result.stdout.decode()  # the good correction still applies


def test_a_cache_folder_that_cannot_be_made_is_skipped(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {"YUEDU_CACHE": str(blocker / "cache")}
    result = yuedu("lookup", "重要", env=env)
    assert result.returncode == 0, result.stderr
    assert "important" in result.stdout.decode()
    saved = yuedu("vocab", "add", "重要", env=env)
    assert saved.returncode == 0, saved.stderr
    assert b"Traceback" not in saved.stderr


def test_vocab_list_of_only_damaged_rows_does_not_say_there_are_none():
    """When every saved word is in a damaged row, `vocab list` says none could be shown, not "no saved
    words yet" (the words are there, left as they are in the database)."""
    from reader.store import open_store

    with open_store() as store:
        store.save_word("重要", "", "meaning")
    conn = sqlite3.connect(paths.db_path())
    conn.execute("UPDATE vocab SET added = '2024-02-30 00:00:00'")
    conn.commit()
    conn.close()
    result = yuedu("vocab", "list")
    _warned(result, "vocab")
    out = result.stdout.decode()
    assert "no saved words yet" not in out
    assert "none of your saved words could be shown" in out
