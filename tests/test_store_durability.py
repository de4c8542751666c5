"""Nothing the user saw confirmed is lost: kill -9, two processes at once, damaged and locked files."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader import paths
from reader.errors import UserError
from reader.store import open_store

REPO = Path(__file__).resolve().parent.parent

WRITER = r"""
import sys
from reader.store import open_store
tag = sys.argv[1]
count = int(sys.argv[2])
with open_store() as store:
    print("ready", flush=True)
    for i in range(count):
        item = store.save_word(f"{tag}{i}", "ci2", "a word", sentence=f"sentence {i}")
        store.save_word("共同", "gong4 tong2", "common", sentence=f"{tag} sentence {i}")
        store.set_position(f"art-{tag}", i, f"paragraph {i}")
        print(item.word, flush=True)
"""


def _spawn(tag: str, count: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", WRITER, tag, str(count)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_every_confirmed_save_survives_kill_9():
    rng = random.Random(1234)
    confirmed: list[str] = []
    last_step: dict[str, int] = {}
    for round_ in range(4):
        proc = _spawn(f"k{round_}-", 100000)
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            confirmed.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)
        # lines printed before the kill landed are confirmed too
        rest, _ = proc.communicate(timeout=10)
        confirmed.extend(w for w in rest.split() if w)
        assert proc.returncode == -signal.SIGKILL
        tag = f"k{round_}-"
        steps = [int(w[len(tag):]) for w in confirmed if w.startswith(tag)]
        if steps:
            last_step[tag] = max(steps)
    assert len(confirmed) > 10
    path = paths.db_path()
    assert _integrity(path) == "ok"
    with open_store() as store:
        saved = {i.word for i in store.list_vocab()}
        missing = [w for w in confirmed if w not in saved]
        assert not missing
        assert store.get_word("共同") is not None
        # the reading position (written without fsync) is as far as the last confirmed step, or further
        for tag, step in last_step.items():
            assert store.positions()[f"art-{tag}"][0] >= step


def test_two_processes_writing_at_once_lose_nothing():
    open_store().close()  # create it first, so both writers start on an existing database
    procs = [_spawn("a", 150), _spawn("b", 150)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_store() as store:
        saved = {i.word for i in store.list_vocab()}
        for tag in "ab":
            assert all(f"{tag}{i}" in saved for i in range(150))
        shared = store.get_word("共同")
        assert len(shared.sentences) == 300
        assert store.positions()["art-a"][0] == 149 and store.positions()["art-b"][0] == 149
    assert _integrity(paths.db_path()) == "ok"


def test_two_cli_processes_adding_at_once():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "reader", "vocab", "add"]
    procs = [subprocess.Popen(cmd + [w, "--sentence", f"{w}句", "--pinyin", "ke1 ke1", "--definition", "d"], env=env, cwd=REPO, stderr=subprocess.PIPE,
                              stdout=subprocess.PIPE) for w in ["发展", "改革", "创新", "开放"]]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    with open_store() as store:
        assert {i.word for i in store.list_vocab()} == {"发展", "改革", "创新", "开放"}


def _copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_random_bytes_file_is_reported_kept_and_copied_aside():
    path = paths.db_path()
    junk = random.Random(7).randbytes(8192)
    path.write_bytes(junk)
    with pytest.raises(UserError) as info:
        open_store()
    assert str(path) in str(info.value)
    assert path.read_bytes() == junk  # never replaced
    [copy] = _copies(path)
    assert copy.read_bytes() == junk


def test_opening_the_same_damaged_file_again_does_not_pile_up_copies(monkeypatch):
    import reader.store.db as db

    path = paths.db_path()
    junk = random.Random(8).randbytes(8192)
    path.write_bytes(junk)
    for second in range(3):  # three commands, in three different seconds
        monkeypatch.setattr(db, "datetime", _FrozenDatetime(second))
        with pytest.raises(UserError) as info:
            open_store()
    [copy] = _copies(path)
    assert copy.read_bytes() == junk and str(copy) in str(info.value)
    path.write_bytes(junk[::-1])  # a different damage is copied again
    monkeypatch.setattr(db, "datetime", _FrozenDatetime(9))
    with pytest.raises(UserError):
        open_store()
    assert len(_copies(path)) == 2


def _FrozenDatetime(second: int):
    from datetime import datetime as real

    class Frozen(real):
        @classmethod
        def now(cls, tz=None):
            return real(2026, 1, 1, 12, 0, second, tzinfo=tz)

    return Frozen


def test_truncated_database_is_reported_and_kept():
    path = paths.db_path()
    with open_store() as store:
        for i in range(400):
            store.save_word(f"词{i}", "ci2", "word " * 20, sentence="很长的句子。" * 20)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    assert len(data) > 40000
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError) as info:
        store = open_store()
        store.list_vocab()  # in case the damage only shows when read
    assert str(path) in str(info.value)
    assert path.read_bytes() == data[: len(data) // 2]
    assert _copies(path)


def test_a_foreign_sqlite_file_is_not_taken_over():
    path = paths.db_path()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="not a yuedu database"):
        open_store()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("accounts",)]
    conn.close()


def test_a_newer_schema_is_refused():
    path = paths.db_path()
    open_store().close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(UserError, match="newer yuedu"):
        open_store()


def test_locked_database_gives_a_user_error_naming_the_file():
    path = paths.db_path()
    store = open_store(timeout=0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError) as info:
            store.save_word("重要", "zhong4 yao4", "important")
        assert "locked" in str(info.value) and str(path) in str(info.value)
        assert store.get_word("重要") is None  # reading still works while another process writes
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.save_word("重要", "zhong4 yao4", "important")  # and the store is usable afterwards
    assert store.get_word("重要") is not None
    store.close()


def test_cli_reports_a_corrupt_database_in_one_line():
    path = paths.db_path()
    path.write_bytes(b"this is not a database at all" * 100)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "reader", "vocab", "list"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"yuedu: {path}:") and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_directory_in_place_of_the_database():
    paths.db_path().mkdir()
    with pytest.raises(UserError, match="directory"):
        open_store()


def test_database_held_exclusively_by_another_program_at_open():
    path = paths.db_path()
    open_store().close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserError) as info:
            open_store(timeout=0.2)
        assert "locked" in str(info.value) and str(path) in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    open_store().close()
