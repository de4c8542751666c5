"""Spaced-repetition review with FSRS: queue order, daily new-card limit, grading, typed pinyin, stats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from reader.store import open_store
from reader.core.pinyin import answer_matches, normalise, to_marks

UTC = timezone.utc


@pytest.fixture
def store():
    with open_store() as s:
        yield s


def _noon_today() -> datetime:
    local = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


def test_new_cards_are_limited_per_day(store):
    for i in range(5):
        store.save_word(f"词{i}", "ci2", "w")
    store.set_pref("review.new_per_day", 3)
    now = _noon_today()
    assert [i.word for i in store.review_queue(now)] == ["词0", "词1", "词2"]
    assert store.due_count(now) == 3
    store.grade(store.get_word("词0").id, 3, now=now)  # one new card introduced today
    queue = [i.word for i in store.review_queue(now + timedelta(seconds=1))]
    assert queue == ["词1", "词2"]
    # tomorrow the allowance is back (and 词0 is due again by then)
    tomorrow = now + timedelta(days=1)
    queue = [i.word for i in store.review_queue(tomorrow)]
    assert queue[0] == "词0" and queue[1:] == ["词1", "词2", "词3"]


def test_due_cards_come_before_new_cards_most_overdue_first(store):
    now = _noon_today()
    for w in ("甲", "乙", "丙", "丁"):
        store.save_word(w, "", "")
    store.grade(store.get_word("乙").id, 4, now=now - timedelta(days=40))
    store.grade(store.get_word("甲").id, 4, now=now - timedelta(days=30))
    queue = [i.word for i in store.review_queue(now)]
    assert queue == ["乙", "甲", "丙", "丁"]


def test_grading_reschedules_and_logs(store):
    now = _noon_today()
    a = store.save_word("重要", "zhong4 yao4", "important")
    b = store.save_word("发展", "fa1 zhan3", "develop")
    again = store.grade(a.id, 1, now=now, duration_ms=1500)
    easy = store.grade(b.id, 4, now=now, mode="typed")
    assert again.state == "learning" and again.due - now < timedelta(hours=1)
    assert easy.state == "review" and easy.due - now >= timedelta(days=1)
    assert again.reps == 1 and not again.is_new
    log = store.review_log()
    assert [(r["word"], r["rating"], r["mode"]) for r in log] == [("发展", 4, "typed"), ("重要", 1, "flip")]
    assert log[1]["duration_ms"] == 1500
    # a successful second review pushes the card further out
    later = store.grade(b.id, 3, now=easy.due)
    assert later.due - easy.due > easy.due - now
    with pytest.raises(ValueError):
        store.grade(a.id, 5)


def test_deleted_words_leave_the_queue(store):
    store.save_word("重要", "", "")
    store.delete_word("重要")
    assert store.review_queue() == [] and store.due_count() == 0


def test_stats_reviews_per_day_retention_and_forecast(store):
    now = _noon_today()
    ids = [store.save_word(w, "", "").id for w in ("甲", "乙", "丙", "丁")]
    store.grade(ids[0], 3, now=now - timedelta(days=2))
    store.grade(ids[1], 1, now=now - timedelta(days=2))
    store.grade(ids[2], 4, now=now)
    store.grade(ids[1], 3, now=now)
    stats = store.stats(days=30, now=now)
    per_day = dict(stats.reviews_per_day)
    assert len(stats.reviews_per_day) == 30
    today = now.astimezone().date()
    assert per_day[today] == 2 and per_day[today - timedelta(days=2)] == 2 and sum(per_day.values()) == 4
    assert stats.retention == pytest.approx(3 / 4)
    assert len(stats.forecast) == 30
    # every reviewed card is due somewhere in the next 30 days (they are all young)
    assert sum(stats.forecast) == 3
    assert stats.new == 1 and stats.total == 4
    # the forecast puts each card on the day it is due
    for vid in ids[:3]:
        due = next(i for i in store.list_vocab() if i.id == vid).due.astimezone().date()
        assert stats.forecast[max(0, (due - today).days)] >= 1


def test_stats_without_reviews(store):
    stats = store.stats()
    assert stats.retention is None and sum(stats.forecast) == 0 and stats.total == 0


@pytest.mark.parametrize(
    "answer, expected, ok",
    [
        ("zhong4 yao4", "zhong4 yao4", True),
        ("Zhong4Yao4", "zhong4 yao4", True),
        ("  zhong4   yao4 ", "zhong4 yao4", True),
        ("lv4 se4", "lü4 sè", True),
        ("lu:4se4", "lv4 se4", True),
        ("lü4 se4", "lv4 se4", True),
        ("ma1 ma", "ma1 ma5", True),
        ("ma1 ma5", "mā ma", True),
        ("zhong1 yao4", "zhong4 yao4", False),
        ("zhong yao", "zhong4 yao4", False),
        ("zhong4", "zhong4 yao4", False),
        ("", "zhong4 yao4", False),
        ("anything", "", False),
        # tone marks as an IME types them: run together, with or without apostrophes
        ("zhòngyào", "zhong4 yao4", True),
        ("Xī'ān", "xi1 an1", True),
        ("xīān", "xi1 an1", True),
        ("lǜsè", "lv4 se4", True),
        ("lvsè", "lv4 se4", False),  # a tone left out is a wrong answer
        ("māma", "ma1 ma5", True),
        ("zhōngyào", "zhong4 yao4", False),
        ("zhòngyàoo", "zhong4 yao4", False),
    ],
)
def test_typed_pinyin_check(answer, expected, ok):
    assert answer_matches(answer, expected) is ok


def test_pinyin_normalise_and_marks():
    assert normalise("Bei3 jing1") == "bei3 jing1"
    assert normalise("nu:3 er2") == "nv3 er2"
    assert to_marks("lv4 xiu4 gou3 de5") == "lǜ xiù gǒu de"
    assert to_marks("hui4 liu2") == "huì liú"


def test_undo_review_restores_the_card_and_the_log(store):
    now = _noon_today()
    a = store.save_word("重要", "zhong4 yao4", "important")
    b = store.save_word("发展", "fa1 zhan3", "develop")
    store.grade(a.id, 4, now=now)
    before = store.get_word(b.word)
    store.grade(b.id, 1, now=now)
    back = store.undo_review()
    assert back.id == b.id and back.is_new and back.due == before.due and back.reps == 0
    assert [r["word"] for r in store.review_log()] == ["重要"]
    assert store.undo_review().id == a.id and store.review_log() == []
    assert store.undo_review() is None
    assert [i.word for i in store.review_queue(now)] == ["重要", "发展"]


def test_review_stats_command_without_reviews_says_so_instead_of_an_empty_chart(capsys):
    from reader.cli import main

    assert main(["vocab", "add", "长城", "--pinyin", "chang2 cheng2", "--definition", "the Great Wall"]) == 0
    capsys.readouterr()
    assert main(["review", "--stats"]) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "1 to review now" in out
    assert all(line.strip() for line in out.splitlines()), "no blank chart rows"
    assert "none of the words you have reviewed" in out
