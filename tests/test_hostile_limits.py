"""Limits: the annotation cache has a cap (least recently used out), set in the preferences."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core import annotation_cache
from reader.core.annotation_cache import AnnotationCache


@pytest.fixture(autouse=True)
def default_cap():
    yield
    annotation_cache.set_limit_mb(None)


def _value(i: int) -> bytes:
    return (f"段落{i}|".encode() + os.urandom(8)) * 400  # about 5 KB, like a long paragraph


def test_the_annotation_cache_stays_under_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    annotation_cache.set_limit_mb(1)
    monkeypatch.setattr(annotation_cache, "_TOUCH_AFTER_MS", 0)  # every read marks (all within a minute)
    path = tmp_path / "annotations.sqlite3"
    cache = AnnotationCache(path)
    keep = b"kept-key"
    cache.put_many({keep: b"x" * 4000})
    for batch in range(50):  # about 12 MB written in all
        cache.put_many({f"{batch}-{i}".encode(): _value(i) for i in range(50)})
        assert cache.get_many([keep]), "a paragraph in use was dropped"  # read: most recently used
    assert cache.size_bytes() <= 1.05 * 2**20
    assert cache.get(b"0-0") is None  # the oldest unread went first
    assert cache.get(b"49-49") is not None
    cache.close()
    assert path.stat().st_size < 1.5 * 2**20


def test_the_cap_comes_from_the_preferences():
    from reader.store import open_store

    with open_store() as store:
        store.set_pref(annotation_cache.PREF_LIMIT_MB, 3)
    annotation_cache.set_limit_mb(None)
    with open_store():
        assert annotation_cache.limit_bytes() == 3 * 2**20


def test_a_cache_from_before_the_cap_is_taken_over(tmp_path: Path):
    import sqlite3

    path = tmp_path / "annotations.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE ann3 (key BLOB PRIMARY KEY, data BLOB NOT NULL)")
    conn.execute("INSERT INTO ann3 VALUES (?, ?)", (b"old", b"value"))
    conn.commit()
    conn.close()
    cache = AnnotationCache(path)
    assert cache.get(b"old") == b"value"
    cache.put_many({b"new": b"v"})
    assert cache.get(b"new") == b"v"
    cache.close()


# ------------------------------------------------------------------------------ the vocabulary screen


def _vocab_host(store):
    from textual.app import App

    from reader.session import Session
    from reader.ui.vocab_screen import VocabScreen

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(VocabScreen(Session(load_dictionary=False).provide(store=store)))

    return Host()


def _many_words(n: int):
    from reader.store import open_store

    store = open_store()
    store.save_words([{"word": f"词{i:04d}", "pinyin": "ci2", "definition": f"meaning {i}"} for i in range(n)]
                     + [{"word": "重要", "pinyin": "zhong4 yao4", "definition": "important"}])
    return store


def test_the_vocabulary_screen_reads_a_page_at_a_time(monkeypatch: pytest.MonkeyPatch):
    import asyncio

    from textual.widgets import DataTable

    from reader.ui import vocab_screen

    monkeypatch.setattr(vocab_screen, "PAGE", 50)
    store = _many_words(300)

    async def run() -> None:
        app = _vocab_host(store)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            table = screen.query_one(DataTable)
            assert screen.total == 301
            assert table.row_count < 301  # not every word read at once
            for _ in range(60):  # page down as a user would: the next pages come as the cursor nears them
                await pilot.press("pagedown")
                await pilot.pause()
                if table.row_count == 301:
                    break
            assert table.row_count == 301 and len({i.id for i in screen.items}) == 301

    asyncio.run(run())
    store.close()


def test_a_large_vocabulary_searches_on_a_worker(monkeypatch: pytest.MonkeyPatch):
    import asyncio

    from reader.ui import vocab_screen

    monkeypatch.setattr(vocab_screen, "LARGE", 10)
    store = _many_words(30)

    async def run() -> None:
        app = _vocab_host(store)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            await pilot.press("slash", *"zhongyao")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [i.word for i in screen.items] == ["重要"] and screen.total == 1

    asyncio.run(run())
    store.close()
