"""Hostile faults that must never lose the user's data: an import over the user's own article, a
truncated write-ahead log, a foreign SQLite file given as the database."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import warnings
from pathlib import Path

import pytest

from reader import paths
from reader.core.notices import Notice

MINE = """---
id: my-article
title: 我的文章
---

我自己的正文。
"""

OTHER = """---
id: my-article
title: 别的文章
---

完全不同的正文。
"""


def yuedu(*args: str) -> subprocess.CompletedProcess:
    """`yuedu ARGS` in this process (conftest.run_cli: the CLI's entry point and output guard, no
    interpreter start-up), standard input empty."""
    from conftest import run_cli

    return run_cli(*args)


# ------------------------------------------------------------------------------ import overwrite


def test_import_never_overwrites_a_different_article_with_the_same_id(tmp_path: Path):
    (tmp_path / "mine.md").write_text(MINE, encoding="utf-8")
    (tmp_path / "other.md").write_text(OTHER, encoding="utf-8")
    assert yuedu("import", str(tmp_path / "mine.md")).returncode == 0
    result = yuedu("import", str(tmp_path / "other.md"))
    assert result.returncode == 0, result.stderr
    lib = paths.library_dir()
    assert (lib / "my-article.md").read_text(encoding="utf-8") == MINE  # the user's own, untouched
    kept = [p for p in lib.glob("my-article-*.md")]
    assert len(kept) == 1 and "完全不同的正文" in kept[0].read_text(encoding="utf-8")
    assert "both are kept" in result.stderr and kept[0].stem in result.stderr
    # the same text again: no third copy
    again = yuedu("import", str(tmp_path / "other.md"))
    assert again.returncode == 0
    assert sorted(p.name for p in lib.glob("my-article*.md")) == ["my-article-2.md", "my-article.md"]


def test_reimport_keeps_a_hand_edited_copy_as_a_backup(tmp_path: Path):
    (tmp_path / "mine.md").write_text(MINE, encoding="utf-8")
    assert yuedu("import", str(tmp_path / "mine.md")).returncode == 0
    target = paths.library_dir() / "my-article.md"
    edited = MINE.replace("我自己的正文。", "我自己的正文。我改过的句子。")
    target.write_text(edited, encoding="utf-8")
    result = yuedu("import", str(tmp_path / "mine.md"))
    assert result.returncode == 0, result.stderr
    backups = list((paths.library_dir() / "backups").glob("my-article.*.md"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert str(backups[0]) in result.stderr
    # the library still lists the article once (backups are not articles)
    listed = yuedu("list")
    assert listed.stdout.count("my-article") == 1 and "duplicate" not in listed.stderr


def test_reimport_of_the_same_text_makes_no_backup(tmp_path: Path):
    (tmp_path / "mine.md").write_text(MINE, encoding="utf-8")
    assert yuedu("import", str(tmp_path / "mine.md")).returncode == 0
    result = yuedu("import", str(tmp_path / "mine.md"))
    assert "unchanged" in result.stdout and "warning" not in result.stderr
    assert not (paths.library_dir() / "backups").exists()


# ------------------------------------------------------------------------------ the database


def _crashed_copy(tmp_path: Path, words: int) -> tuple[Path, Path]:
    """A database and its WAL as a process killed mid-run leaves them (no checkpoint on close)."""
    from reader.store import open_store

    live = tmp_path / "live" / "yuedu.sqlite3"
    store = open_store(live)
    store._conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(words):
        store.save_word(f"词{i}", "ci2", f"word {i}")
    crash = tmp_path / "crash"
    crash.mkdir()
    shutil.copy2(live, crash / live.name)
    shutil.copy2(live.with_name(live.name + "-wal"), crash / (live.name + "-wal"))
    store.close()
    return crash / live.name, crash / (live.name + "-wal")


def test_truncated_wal_is_copied_aside_and_reported(tmp_path: Path):
    from reader.store import open_store

    db, wal = _crashed_copy(tmp_path, 20)
    whole = wal.read_bytes()
    wal.write_bytes(whole[: len(whole) - 1000])  # cut short mid-frame
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = open_store(db)
    notices = [str(w.message) for w in caught if issubclass(w.category, Notice)]
    assert notices and "damaged" in notices[0] and "truncated" in notices[0]
    copies = sorted(db.parent.glob("yuedu.sqlite3.wal-damaged-*"))
    assert len(copies) == 2  # the database and its log, as they were
    assert any(c.name.endswith("-wal") and c.read_bytes() == whole[: len(whole) - 1000] for c in copies)
    # what SQLite could recover is there
    assert len(store.list_vocab()) >= 15
    store.close()


def test_whole_wal_opens_without_a_notice(tmp_path: Path):
    from reader.store import open_store

    db, _wal = _crashed_copy(tmp_path, 5)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = open_store(db)
    assert not [w for w in caught if issubclass(w.category, Notice)]
    assert len(store.list_vocab()) == 5
    store.close()


def test_foreign_sqlite_file_is_left_byte_for_byte_untouched(tmp_path: Path):
    from reader.errors import UserError
    from reader.store import open_store

    foreign = tmp_path / "photos.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(UserError, match="not a yuedu database"):
        open_store(foreign)
    assert foreign.read_bytes() == before  # not switched to WAL mode (header bytes 18-19)
    assert not foreign.with_name(foreign.name + "-wal").exists()
