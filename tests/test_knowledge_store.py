"""Word knowledge in the store: new / learning / known / ignored, the review rule, the migration."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from test_store_migrations import build  # the migration tests' database at an earlier version

from reader import paths
from reader.store import CURRENT_VERSION, open_store
from reader.store.knowledge import Knowledge
from reader.store.schema import KNOWLEDGE, MIGRATIONS

KNOWLEDGE_VERSION = MIGRATIONS.index(KNOWLEDGE) + 1
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store():
    with open_store() as s:
        yield s


# ------------------------------------------------------------------------------ migration


@pytest.mark.parametrize("version", range(0, KNOWLEDGE_VERSION))
def test_migrates_to_word_knowledge_keeping_everything(version):
    build(version)
    with open_store() as s:
        assert s._conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        k = Knowledge(s)
        if version >= 1:
            # words saved before there was any knowledge are being learnt
            assert k.state("重要") == "learning" and k.state("发展") == "learning"
            assert s.get_word("重要").sentences[0].text == "这很重要。"
        assert k.state("你好") == "new"
        k.mark(["你好"], "known")
        assert k.state("你好") == "known"
    assert sqlite3.connect(paths.db_path()).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_database_at_the_knowledge_version_keeps_its_marks_on_reopening():
    build(KNOWLEDGE_VERSION)
    conn = sqlite3.connect(paths.db_path(), isolation_level=None)
    conn.execute("INSERT INTO word_knowledge VALUES ('你好', 'known', 'user', '2026-01-01 00:00:00.000000')")
    conn.execute("INSERT INTO word_knowledge VALUES ('张三', 'ignored', 'user', '2026-01-01 00:00:00.000000')")
    conn.close()
    with open_store() as s:
        assert Knowledge(s).states() | {} == {"你好": "known", "张三": "ignored", "重要": "learning",
                                               "发展": "learning", "改革": "learning",
                                               "中国": "known"}  # the version's own seed row


def test_a_state_outside_the_four_is_refused_by_the_schema(store):
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("INSERT INTO word_knowledge VALUES ('x', 'sort of', 'user', '')")


# ----------------------------------------------------------------------------- marking


def test_new_learning_known_ignored(store):
    k = Knowledge(store)
    assert k.state("重要") == "new"
    store.save_word("重要", "zhong4 yao4", "important")
    assert k.state("重要") == "learning"
    k.mark(["重要", "你好"], "known")
    assert k.state("重要") == "known" and k.state("你好") == "known"
    k.mark(["克里米亚"], "ignored")
    assert k.states() == {"重要": "known", "你好": "known", "克里米亚": "ignored"}
    assert sorted(i.word for i in k.list("known")) == sorted(["重要", "你好"])
    assert k.counts() == {"learning": 0, "known": 2, "ignored": 1}
    # taking the mark off: back to learning while saved, new otherwise
    assert k.forget(["重要", "你好", "从未"]) == 2
    assert k.state("重要") == "learning" and k.state("你好") == "new"
    store.delete_word("重要")
    assert k.state("重要") == "new"


def test_marks_are_durable_and_seen_by_another_connection(store):
    Knowledge(store).mark(["你好"], "known")
    with open_store() as other:
        assert Knowledge(other).state("你好") == "known"


def test_a_bulk_mark_keeps_ignored_words_and_reports(store):
    k = Knowledge(store)
    k.mark(["中国"], "ignored")
    k.mark(["你好"], "known")
    report = k.mark(["中国", "你好", "谢谢", "谢谢", " "], "known", source="hsk:3.0", bulk=True)
    assert (report.changed, report.unchanged, report.kept) == (1, 1, 1)
    assert k.state("中国") == "ignored" and k.state("谢谢") == "known"
    assert k.marked_by("hsk:3.0") == ["谢谢"]
    # said one by one, the user's word wins over ignoring
    k.mark(["中国"], "known")
    assert k.state("中国") == "known"


def test_known_over_time_counts_words_known_at_each_day_end(store, monkeypatch):
    import reader.store.knowledge as mod

    k = Knowledge(store)
    days = [T0 - timedelta(days=2), T0 - timedelta(days=1), T0]
    monkeypatch.setattr(mod, "now_utc", lambda: days[0])
    k.mark(["一", "二", "三"], "known")
    monkeypatch.setattr(mod, "now_utc", lambda: days[1])
    k.mark(["四"], "known")
    k.forget(["一"])
    monkeypatch.setattr(mod, "now_utc", lambda: days[2])
    k.mark(["二"], "ignored")
    series = k.known_over_time(days=4, now=T0)
    assert [n for _d, n in series] == [0, 3, 3, 2]
    assert series[-1][0] == T0.astimezone().date()


# ------------------------------------------------------------------------------ review


def _review_until_known(store, vocab_id, rating=3, limit=12):
    """Grade at each due date; return the states seen after each review."""
    k = Knowledge(store)
    when = T0
    seen = []
    for _ in range(limit):
        item = store.grade(vocab_id, rating, now=when)
        seen.append((k.state(item.word), item.stability))
        if seen[-1][0] == "known":
            break
        when = item.due
    return seen


def test_a_learning_word_becomes_known_when_fsrs_expects_recall_a_month_out(store):
    item = store.save_word("重要", "zhong4 yao4", "important")
    seen = _review_until_known(store, item.id)
    states = [s for s, _ in seen]
    assert states[0] == "learning"                 # one good answer is not knowing a word
    assert states[-1] == "known" and states.count("known") == 1
    # the rule is FSRS's: at the promotion, recall a month out is >= 0.9; the review before, it was not
    stability_known = seen[-1][1]
    stability_before = seen[-2][1]
    assert stability_known >= 30 > stability_before
    log = store._conn.execute("SELECT state, source FROM knowledge_log").fetchall()
    assert log == [("known", "review")]


def test_a_known_word_failed_in_review_is_learning_again_and_undo_takes_it_back(store):
    k = Knowledge(store)
    item = store.save_word("重要", "zhong4 yao4", "important")
    k.mark(["重要"], "known")
    store.grade(item.id, 3, now=T0)
    assert k.state("重要") == "known"              # a pass keeps it known
    store.grade(item.id, 1, now=T0 + timedelta(days=3))
    assert k.state("重要") == "learning"
    store.undo_review()
    assert k.state("重要") == "known"
    assert [i.source for i in k.list("known")] == ["user"]


def test_ignored_words_are_left_alone_by_review(store):
    k = Knowledge(store)
    item = store.save_word("张三", "zhang1 san1", "a name")
    k.mark(["张三"], "ignored")
    for rating in (1, 4, 4, 4):
        store.grade(item.id, rating, now=T0)
    assert k.state("张三") == "ignored"
