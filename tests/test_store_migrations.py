"""A database from every earlier schema version opens, migrates, and keeps everything."""

from __future__ import annotations

import re
import sqlite3

import pytest

from reader import paths
from reader.store import CURRENT_VERSION, open_store
from reader.store.db import _statements
from reader.store.schema import MIGRATIONS

TS = "2025-03-01 08:00:00.000000"

# Rows a user of each version could have: the INSERTs are written against that version's schema.
SEED = {
    1: [
        "INSERT INTO prefs VALUES ('pinyin.mode', '\"cursor\"')",
        "INSERT INTO positions VALUES ('art', 3, 'h3', '第三段', 2, '" + TS + "')",
        "INSERT INTO bookmarks VALUES (1, 'art', 1, 'h1', '第一段', 'start', '" + TS + "')",
        "INSERT INTO vocab VALUES (1, '重要', 'zhong4 yao4', 'important', '这很重要。', 'art', 2, 'n', '" + TS + "')",
        "INSERT INTO vocab VALUES (2, '发展', 'fa1 zhan3', 'develop', '', NULL, NULL, '', '" + TS + "')",
    ],
    2: [
        "INSERT INTO vocab (id, word, pinyin, definition, tags, note, added) VALUES (3, '改革', 'gai3 ge2', 'reform', "
        "'[\"policy\"]', '', '" + TS + "')",
        "INSERT INTO sentences (vocab_id, text, article_id, block_index, added) VALUES (3, '深化改革', 'art', 5, '"
        + TS + "')",
        "INSERT INTO cards (vocab_id, state, step, stability, difficulty, due, last_review) VALUES "
        "(3, 2, NULL, 5.0, 5.0, '2025-03-05 08:00:00.000000', '" + TS + "')",
        "INSERT INTO review_log (vocab_id, rating, reviewed, mode, state) VALUES (3, 3, '" + TS + "', 'flip', 0)",
    ],
    3: [
        "INSERT INTO corrections (kind, word, value, created) VALUES ('reading', '长', '[\"zhang3\"]', '" + TS + "')",
        "INSERT INTO corrections (kind, word, value, created) VALUES ('merge', '科创金融', '[]', '" + TS + "')",
    ],
    4: [
        "INSERT INTO word_knowledge (word, state, source, changed) VALUES ('中国', 'known', 'user', '" + TS + "')",
        "INSERT INTO knowledge_log (word, state, before, before_source, source, changed) VALUES "
        "('中国', 'known', NULL, NULL, 'user', '" + TS + "')",
    ],
}


def build(version: int) -> None:
    conn = sqlite3.connect(paths.db_path(), isolation_level=None)
    for n in range(version):
        for statement in _statements(MIGRATIONS[n]):
            conn.execute(statement)
        for statement in SEED.get(n + 1, []):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_every_version_has_seed_rows_or_is_current():
    """Each table a migration creates holds seed rows from that version on (so test_migrates_from
    sees them carried through every later migration), unless that version is the current one (no
    database is migrated from it yet)."""
    for version in range(1, CURRENT_VERSION):
        sql = MIGRATIONS[version - 1]
        renamed = dict(re.findall(r"ALTER TABLE (\w+) RENAME TO (\w+)", sql))  # vocab_v2 -> vocab
        created = {renamed.get(t, t) for t in re.findall(r"CREATE TABLE (\w+)", sql)}
        seeded = {re.match(r"INSERT INTO (\w+)", row).group(1) for row in SEED.get(version, [])}
        assert created <= seeded, f"version {version}: no seed rows for {sorted(created - seeded)}"


@pytest.mark.parametrize("version", range(0, CURRENT_VERSION))
def test_migrates_from(version):
    build(version)
    with open_store() as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert store._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        words = {i.word: i for i in store.list_vocab()}
        if version >= 1:
            assert store.get_pref("pinyin.mode") == "cursor"
            assert store.get_position("art", ["a", "b", "c", "d"]) == (3, 0)  # hash unknown: nearest index
            assert store.positions()["art"][0] == 3
            # the % read at the place (version 6) is not known for an older row: the library works it out
            assert store.places()["art"][:2] == (3, None)
            [mark] = store.list_bookmarks()
            assert (mark.article_id, mark.block_index, mark.name) == ("art", 1, "start")
            assert words["重要"].sentences[0].text == "这很重要。"
            assert (words["重要"].article_id, words["重要"].block_index) == ("art", 2)
            assert words["重要"].note == "n" and words["重要"].is_new
            assert words["发展"].sentences == ()
        if version >= 2:
            assert words["改革"].state == "review" and words["改革"].reps == 1
            assert words["改革"].tags == ("policy",)
        if version >= 3:
            fixes = {(c.kind, c.word): list(c.value) for c in store.list_corrections()}
            assert fixes == {("reading", "长"): ["zhang3"], ("merge", "科创金融"): []}
        if version >= 4:
            from reader.store.knowledge import Knowledge

            assert Knowledge(store).state("中国") == "known"
        if version >= 1:
            # the search text (version 5) is filled in for rows older than it
            assert [i.word for i in store.list_vocab(search="important")] == ["重要"]
        # the migrated database is fully usable
        store.save_word("重要", "", "", sentence="新的句子。")
        item = store.grade(store.get_word("重要").id, 3)
        assert item.reps == 1
        store.set_reading("行长", ["hang2", "zhang3"])
        assert store.list_corrections()[-1].word == "行长"
    assert sqlite3.connect(paths.db_path()).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migration_is_all_or_nothing(monkeypatch):
    build(1)
    from reader.store import schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2] + ["CREATE TABLE broken (;"])
    import reader.store.db as db

    monkeypatch.setattr(db, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(db, "CURRENT_VERSION", 3)
    with pytest.raises(sqlite3.Error):
        db.open_store()
    conn = sqlite3.connect(paths.db_path())
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT sentence FROM vocab WHERE word = '重要'").fetchone()[0] == "这很重要。"
    conn.close()
