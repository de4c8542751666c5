"""One truth for both front ends: the reader and the CLI agree, through the session (issue 10).

Each test drives the real reader headless (``App.run_test``) and the real command line over the same
home, and compares what a user would see or get: the annotator (its configuration digest and cache
keys), the meaning `s` saves against `yuedu vocab add`, a reading fixed for a word written with 〇,
and the number of queries the library screen makes for 200 articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from conftest import place_file  # noqa: E402
from reader import paths  # noqa: E402
from reader.cli import main  # noqa: E402
from reader.core.article import load_article  # noqa: E402
from test_ui_reader import ARTICLE, GLOSSARY, aio, settle  # noqa: E402

YEAR = """---
id: year-article
title: 二〇二四年
---

二〇二四年，经济增长。
"""


@pytest.fixture
def home_dirs(tmp_path: Path, yuedu_home: Path, dictionary_index: Path) -> dict[str, Path]:
    """A library folder, and the fixture glossary as the USER's glossary: the reader (default
    glossary folders) and the CLI read the same glossary, as they do for a user."""
    library = tmp_path / "library"
    library.mkdir()
    (library / "test-article.md").write_text(ARTICLE, encoding="utf-8")
    (library / "year-article.md").write_text(YEAR, encoding="utf-8")
    glossary = paths.user_glossary_dir()
    glossary.mkdir(parents=True, exist_ok=True)
    (glossary / "test.yaml").write_text(GLOSSARY, encoding="utf-8")
    place_file(dictionary_index, paths.cache_dir() / dictionary_index.name)
    return {"library": library}


def reader_app(dirs: dict[str, Path], article: str = "test-article", **kwargs):
    from reader.ui.app import YueduApp

    loaded = load_article(dirs["library"] / f"{article}.md") if article else None
    return YueduApp(article=loaded, library_dirs=[dirs["library"]], **kwargs)


@aio
async def test_reader_and_cli_build_the_same_annotator(home_dirs):
    from reader.commands.annotate import make_annotator

    main(["corrections", "set", "董事长", "dong3", "shi4", "chang2"])  # corrections count too
    app = reader_app(home_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reader = app.session.loaded.annotator
        cli = make_annotator()
        assert reader.config_digest() == cli.config_digest()
        text = "我们要加快发展新质生产力，推动高质量发展。"
        assert reader._key(text) == cli._key(text)  # one cache: what one annotated, the other reuses
        # and the same tokens, glossary labels included
        assert [(t.text, t.pinyin, t.glossary) for t in reader.annotate(text)] == \
               [(t.text, t.pinyin, t.glossary) for t in cli.annotate(text)]


@aio
async def test_s_and_vocab_add_save_the_same_meaning_and_pinyin(home_dirs, tmp_path, monkeypatch):
    app = reader_app(home_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if "新质生产力" in u.text and u.kind == "paragraph")
        view.go_to(unit, view.units[unit].text.index("新质生产力"))
        await settle(pilot)
        assert view.current_word()[0] == "新质生产力"
        await pilot.press("s")
        await settle(pilot)
        by_s = app.session.loaded.store.get_word("新质生产力")
    assert by_s is not None
    main(["vocab", "remove", "新质生产力"])
    main(["vocab", "add", "新质生产力"])
    from reader.store import open_store

    with open_store() as store:
        by_cli = store.get_word("新质生产力")
    assert by_cli.definition == by_s.definition == "new quality productive forces"
    assert by_cli.pinyin == by_s.pinyin == "xin1 zhi4 sheng1 chan3 li4"
    assert by_cli.glossary_term == by_s.glossary_term == "新质生产力"


@aio
async def test_a_reading_fixed_for_a_year_with_zero_is_applied_on_screen_and_stored(home_dirs):
    main(["corrections", "merge", "二〇二四"])  # the year read as one word
    app = reader_app(home_dirs, article="year-article")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        view.go_to(unit, 0)
        await settle(pilot)
        assert view.current_word()[0] == "二〇二四"
        annotator = app.session.loaded.annotator
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#fix-input")
        box.value = ""
        await pilot.press(*"er4 ling2 er4 si4", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        rows = app.session.loaded.store.list_corrections()
        assert any(r.kind == "reading" and r.word == "二〇二四" and list(r.value) == ["er4", "ling2", "er4", "si4"]
                   for r in rows)
        assert app.session.loaded.annotator is annotator  # swapped in, not rebuilt
        view = app.screen.view
        view.go_to(unit, 0)
        await settle(pilot)
        assert tuple(view.current_token().pinyin) == ("er4", "ling2", "er4", "si4")
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "líng" in shown


@aio
async def test_the_library_screen_queries_stay_bounded_with_200_articles(home_dirs):
    library = home_dirs["library"]
    for i in range(200):
        (library / f"a{i:03}.md").write_text(f"---\nid: a{i:03}\ntitle: 文章{i}\n---\n\n我们一起学习中文。\n",
                                             encoding="utf-8")
    main(["vocab", "add", "学习", "--article", "a001", "--sentence", "我们一起学习中文。"])
    app = reader_app(home_dirs, article="")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "LibraryScreen"
        store = app.session.loaded.store
        store.set_position("a002", 0, "我们一起学习中文。", 0, block_count=1)

        def queries() -> int:
            seen: list[str] = []
            store._conn.set_trace_callback(seen.append)
            try:
                screen._fill()
            finally:
                store._conn.set_trace_callback(None)
            return len(seen)

        many = queries()
        assert len(screen._shown) == 202
        articles = screen._articles
        screen._articles = articles[:2]
        few = queries()
        screen._articles = articles
        screen._fill()
        assert many == few <= 8, f"{many} queries for 202 articles, {few} for 2"
        table = screen.query_one("#library-table")
        row = table.get_row("a002")
        assert "100%" in str(row[3])  # and the rows still show what the queries found
        assert "1" == str(table.get_row("a001")[5])
