"""`yuedu read FILE`: the first screen's pinyin worked out in a forked process (reader/early.py) while the
reader starts. The tokens it sends are the reader's own (the user's corrections included), the reader
shows them until its annotator is warm and never over a reading the warm annotator gave, a store it
cannot read as it stands makes it send nothing, a damaged frame is dropped, and no process is left
behind."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO, run_cli

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, settle  # noqa: E402,F401

ROUND_TRIP = """
import json, sys
from reader import early
tokens = early.start()
assert tokens is not None, "nothing forked"
from reader.core.article import first_screen_texts
from reader.session import Session
tokens.send(first_screen_texts(Session.article_to_read(sys.argv[1])))
got = tokens.wait(60)
print(json.dumps({text: [[t.text, list(t.pinyin)] for t in toks] for text, toks in got.items()}, ensure_ascii=False))
"""

TEXT = "---\ntitle: 研究的标题\n---\n\n国务院常务会议研究推动经济持续回升向好的政策措施。\n\n他把零食藏在柜子里，给客人倒茶。\n"


def _round_trip(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", ROUND_TRIP, str(path)], capture_output=True, text=True,
                         cwd=REPO, env=os.environ.copy(), timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_early_tokens_are_the_readers_own_with_the_users_corrections(yuedu_home, tmp_path):
    assert run_cli("corrections", "set", "研究", "yan4", "jiu1").returncode == 0
    path = tmp_path / "text.md"
    path.write_text(TEXT, encoding="utf-8")
    got = _round_trip(path)

    from reader.core.article import first_screen_texts
    from reader.session import Session

    with Session(load_dictionary=False) as session:
        annotator = session.annotator  # the default glossary and the user's corrections, as the reader's
        texts = first_screen_texts(Session.article_to_read(str(path)))
        want = {t: [[k.text, list(k.pinyin)] for k in toks] for t, toks in zip(texts, annotator.annotate_many(texts))}
    assert got == want
    assert ["研究", ["yan4", "jiu1"]] in got["国务院常务会议研究推动经济持续回升向好的政策措施。"]


def test_a_store_it_cannot_read_as_it_stands_makes_it_send_nothing(yuedu_home, tmp_path):
    from reader import paths

    db = paths.db_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 1")  # an older schema: the reader's store migrates it first
    conn.execute("CREATE TABLE corrections (id INTEGER PRIMARY KEY, kind, word, value, created)")
    conn.commit()
    conn.close()
    path = tmp_path / "text.md"
    path.write_text(TEXT, encoding="utf-8")
    assert _round_trip(path) == {}


def test_peek_reads_the_corrections_and_the_cache_cap_without_writing(yuedu_home):
    from reader.store import open_store
    from reader.store.db import Peek, peek

    from reader import paths

    assert peek() == Peek([], None)  # no database yet
    assert not paths.db_path().exists()  # and none made
    store = open_store()
    store.set_reading("胡子", ["hu2", "zi5"])
    store.set_pref("cache.annotations_mb", 512)
    store.close()
    found = peek()
    assert found is not None and found.cache_mb == 512
    assert [(c.kind, c.word, c.value) for c in found.corrections] == [("reading", "胡子", ["hu2", "zi5"])]
    Path(str(paths.db_path())).write_bytes(b"not a database at all, but long enough to be read" * 100)
    assert peek() is None


def test_a_damaged_frame_gives_nothing():
    from reader.core.annotate import Annotator
    from reader.early import _decode, encode_frame

    text = "他把零食藏在柜子里。"
    frame = encode_frame([(text, tuple(Annotator(cache=False).annotate(text)))])
    assert list(_decode(frame)) == [text]
    assert _decode(frame[:-3]) == {}
    flipped = bytearray(frame)
    flipped[-2] ^= 0x01  # a token's bytes changed: the CRC says so
    assert _decode(bytes(flipped)) == {}
    assert _decode(b"something else") == {}


class _Early:
    """What the reader gets from reader.early: tokens for some texts, once ``ready`` is set."""

    def __init__(self, tokens: dict) -> None:
        self.tokens = tokens
        self.ready = threading.Event()
        self.closed = False

    def wait(self, timeout: float = 10.0) -> dict:
        return dict(self.tokens) if self.ready.wait(timeout) else {}

    def close(self) -> None:
        self.closed = True


def _marked(text: str) -> list:
    """Tokens for ``text`` no annotator would make (every hanzi read ce4): easy to tell on screen."""
    from reader.core.annotate import Token

    return [Token(ch, "hanzi", ("ce4",), None, (), ("test",)) if "\u4e00" <= ch <= "\u9fff"
            else Token(ch, "punct", (), None, (), ()) for ch in text]


@aio
async def test_the_reader_shows_the_early_tokens_while_its_engine_loads(fixture_dirs):
    release = threading.Event()
    from reader.core.article import load_article

    first = load_article(fixture_dirs["article"]).blocks[0].text
    early = _Early({first: _marked(first)})
    early.ready.set()
    app = make_app(fixture_dirs, load_dictionary=False, early=early)
    warm = app.session.warm_annotator
    app.session.warm_annotator = lambda: (release.wait(30), warm())[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text == first)
        assert app.session.loaded.annotator is None  # the engine is still loading
        assert view.tokens[unit] is not None and [t.pinyin for t in view.tokens[unit]][0] == ("ce4",)
        release.set()

        def replaced() -> bool:
            return all(t.pinyin != ("ce4",) for t in view.tokens[unit] if t.kind == "hanzi")

        for _ in range(600):  # the warm annotator takes over: its own readings, in place
            if replaced():
                break
            await pilot.pause(0.05)
        assert replaced()


@aio
async def test_early_tokens_that_come_after_the_warm_annotator_are_not_shown(fixture_dirs):
    from reader.core.article import load_article

    first = load_article(fixture_dirs["article"]).blocks[0].text
    early = _Early({first: _marked(first)})
    app = make_app(fixture_dirs, load_dictionary=False, early=early)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(600):  # not settle(): it would wait for the early tokens, which come later here
            if app.session.loaded.annotator is not None and all(t is not None for t in app.screen.view.tokens):
                break
            await pilot.pause(0.05)
        screen = app.screen
        view = screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text == first)
        # as a paragraph the warm annotator has not reached yet (off screen, say): its annotation held back
        screen._annotate = lambda *args, **kwargs: None
        view.set_tokens(unit, None)
        early.ready.set()
        await pilot.pause(0.3)
        assert view.tokens[unit] is None  # left for the annotator, whose readings may have been fixed since


def test_yuedu_read_leaves_no_process_behind(yuedu_home, tmp_path):
    """The real command on a pseudo-terminal: pinyin on screen, then q; the forked process is gone
    (collected, not a zombie) while the reader still runs, and the reader ends cleanly."""
    import time

    from test_hostile_tty import Reader

    path = tmp_path / "text.md"
    path.write_text(TEXT, encoding="utf-8")
    r = Reader(args=["read", str(path)])
    try:
        r.wait_started()
        children = Path(f"/proc/{r.pid}/task/{r.pid}/children")
        if not children.exists():
            pytest.skip("no /proc children list on this system")
        end = time.monotonic() + 20
        while time.monotonic() < end and children.read_text().split():
            r.read(0.1)
        assert children.read_text().split() == []
        r.press(b"q")
        assert r.wait_exit(20) == 0
    finally:
        r.kill()
