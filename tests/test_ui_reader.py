"""Pilot tests of the reader TUI: every key of the reading screen, the library, the popup, the
dialogs, preferences, position restore, early key presses and error paths.

Each test runs the real app headless (``App.run_test``) over a small fixture article and a small
fixture glossary written to a temporary folder; YUEDU_HOME is a fresh temporary folder (conftest),
with the CC-CEDICT index built once per session and copied in.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

pytest.importorskip("textual")

from conftest import place_file  # noqa: E402
from reader import paths  # noqa: E402
from reader.core.article import load_article  # noqa: E402

ARTICLE = """---
id: test-article
title: 测试[bold]标题[/]不是粗体
kicker: 北京国际科技创新中心
source: 测试日报
section: 两会特刊
byline: 本报记者 张三
---

新质生产力是一个重要的概念。我们要加快发展新质生产力，推动高质量发展。

## 小标题[red]不红[/]

第二段：[bold]这不是粗体[/]，北京的科技企业很成功。中关村有很多独角兽企业。

第三段讲五子联动和国际科技创新中心建设。我们一起学习中文。

第四段很短。

第五段：长城脚下，雁栖湖畔。一个个有关大国重器的消息接踵而至，科研人员专心致志地开展基础研究工作。

第六段：北京相继出台实施基础研究领先行动方案和关键核心技术攻坚战行动计划。

第七段：如今，北京拥有的全国重点实验室数量居全国第一。面向前沿科技创新领域，北京以全新的机制建设世界一流新型研发机构。

第八段：围绕制约科技创新发展的制度性障碍，北京全力推动科技体制改革，多点突破。

第九段：最后一段文字，用来测试翻页和最后一段。
"""

GLOSSARY = """
- term: 新质生产力
  pinyin: xīn zhì shēng chǎn lì
  english:
    - text: new quality productive forces
      used_by: Qiushi; Xinhua
      official: true
    - text: new productive forces
      used_by: People's Daily English
  literal: new (新) quality (质) production (生产) force (力)
  definition_en: Innovation-led productivity [test fixture].
  definition_zh: 以创新为主导的生产力（测试用）。
  origin: "[bold]Sept 2023[/] (test fixture)."
  sources:
    - name: Test source
      url: https://example.org/xinzhi
      used_for: everything

- term: 五子联动
  pinyin: wǔ zǐ lián dòng
  english:
    - text: Five Key Initiatives
      used_by: Beijing government (2023)
      official: true
  definition_en: Beijing's five linked initiatives (test fixture).
  definition_zh: 北京的五项联动举措（测试用）。
  sources:
    - name: Test source

- term: 中关村
  pinyin: zhōng guān cūn
  english:
    - text: Zhongguancun
      used_by: everyone
  definition_en: A district of Beijing known for technology firms (test fixture).
  definition_zh: 北京的科技园区（测试用）。
  sources:
    - name: Test source
"""

SECOND = """---
id: second-article
title: 第二篇文章
source: 人民日报
---

这是另一篇文章的第一段。
"""


def aio(test):
    """Run an async test function in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def fixture_dirs(tmp_path: Path, yuedu_home: Path, dictionary_index: Path) -> dict[str, Path]:
    library = tmp_path / "library"
    library.mkdir()
    (library / "test-article.md").write_text(ARTICLE, encoding="utf-8")
    (library / "second-article.md").write_text(SECOND, encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "test.yaml").write_text(GLOSSARY, encoding="utf-8")
    place_file(dictionary_index, paths.cache_dir() / dictionary_index.name)  # not over a copy in use
    return {"library": library, "glossary": glossary, "article": library / "test-article.md"}


def make_app(dirs: dict[str, Path], *, read: bool = True, **kwargs):
    from reader.ui.app import YueduApp

    article = load_article(dirs["article"]) if read else None
    return YueduApp(article=article, library_dirs=[dirs["library"]], glossary_dirs=[dirs["glossary"]], **kwargs)


def _due_soon(app) -> bool:
    """Work the app has scheduled but not yet started: a callback waiting for the next refresh
    (``call_after_refresh``), or a short one-shot timer (``set_timer``, e.g. the library adding its rows
    a frame at a time) still to fire. Long timers (a toast's timeout) are not waited for."""
    screen = app.screen
    if screen._callbacks:
        return True
    for node in (app, *screen.walk_children(with_self=True)):
        for timer in list(node._timers):
            task = timer._task
            if timer._repeat == 0 and timer._interval <= 0.1 and task is not None and not task.done():
                return True
    return False


async def settle(pilot, rounds: int = 30) -> None:
    """Wait until every loader and annotation worker is done and the screen is drawn."""
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            pass  # an exclusive worker replaced by a newer one, or a failure the app reports itself
        await pilot.pause()
        screen = app.screen
        view = getattr(screen, "_view", None)
        busy = any(not w.is_finished for w in app.workers) or _due_soon(app)
        loading = any(getattr(app.session.loaded, n) is None for n in ("store", "glossary", "annotator", "library"))
        if app.load_dictionary and app.session.loaded.dictionary is None and "dictionary" not in app.session.loaded.failed:
            loading = True
        pending = False
        if view is not None:
            frame = view.frame()
            pending = any(r is not None and not view.is_annotated(r.unit) for r in frame)
        if not busy and not loading and not pending:
            return
    raise AssertionError("the app did not settle")


async def focus_first_paragraph(pilot):
    """Put the focus on the article's first body paragraph and wait until it is drawn."""
    view = pilot.app.screen.view
    view.go_to(next(i for i, u in enumerate(view.units) if u.kind == "paragraph"))
    await settle(pilot)
    return view


def screen_lines(view) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def status(app) -> str:
    return str(app.screen.query_one("#status").content)


# ---------------------------------------------------------------------------- reading screen keys


@aio
async def test_paragraph_keys_move_focus_and_status(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        assert view.focus_unit == 0
        assert "headline" in status(app) and "¶ 1/9" not in status(app)  # the headline has no ¶ number
        await pilot.press("j")  # the headline group (kicker, title, source, byline) is one stop
        assert app.screen.units[view.focus_unit].text.startswith("新质生产力")
        assert "¶ 1/9" in status(app)
        await pilot.press("k")
        assert app.screen.units[view.focus_unit].kind == "title" and "headline" in status(app)
        for key in ("j", "j", "j"):
            await pilot.press(key)
        assert app.screen.units[view.focus_unit].text.startswith("第二段")
        focus = view.focus_unit
        await pilot.press("down")
        assert view.focus_unit == focus + 1
        await pilot.press("k")
        assert view.focus_unit == focus
        await pilot.press("up")
        assert view.focus_unit == focus - 1
        await pilot.press("G")
        assert view.focus_unit == len(view.units) - 1
        assert "¶ 9/9" in status(app)
        assert "100%" in status(app)
        await pilot.press("g")
        assert view.focus_unit == 0
        await pilot.press("end")
        assert view.focus_unit == len(view.units) - 1
        await pilot.press("home")
        assert view.focus_unit == 0


@aio
async def test_page_keys_move_past_what_is_on_screen(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        view = app.screen.view
        on_screen = {r.unit for r in view.frame() if r is not None}
        await pilot.press("space")
        await settle(pilot)
        first = view.focus_unit
        assert first > 0 and first >= max(on_screen) - 1
        await pilot.press("pagedown")
        await settle(pilot)
        assert view.focus_unit > first
        await pilot.press("pageup")
        assert view.focus_unit < len(view.units) - 1


@aio
async def test_word_cursor_keys(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        paragraph = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        view.go_to(paragraph)
        await settle(pilot)
        first_word = view.current_word()[0]
        assert first_word == "新质生产力"  # the glossary term is one word
        await pilot.press("l")
        second = view.current_word()[0]
        assert second != first_word and second in view.units[paragraph].text
        await pilot.press("right")
        third = view.current_word()
        await pilot.press("left")
        assert view.current_word()[0] == second
        await pilot.press("h")
        assert view.current_word()[0] == first_word
        # Punctuation is never a stop for the cursor.
        for _ in range(12):
            await pilot.press("l")
            assert view.current_token().kind != "punct"
        assert third[1] > 0
        # h at the start of a paragraph goes to the end of the previous one.
        view.go_to(paragraph)
        await pilot.press("h")
        assert view.focus_unit == paragraph - 1


@aio
async def test_cursor_word_is_highlighted_and_glossary_terms_underlined(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        paragraph = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        view.go_to(paragraph)
        await settle(pilot)
        cursor_style = view._style("cursor")
        rows = [view.render_line(y) for y in range(view.size.height)]
        highlighted = "".join(
            seg.text for strip in rows for seg in strip if seg.style and seg.style.bgcolor == cursor_style.bgcolor
        )
        assert "新质生产力" in highlighted
        underlined = "".join(seg.text for strip in rows for seg in strip if seg.style and seg.style.underline)
        assert "中关村" in underlined or "五子联动" in underlined


@aio
async def test_enter_opens_popup_with_glossary_first_and_escape_closes(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = await focus_first_paragraph(pilot)
        await pilot.press("enter")
        await settle(pilot)
        popup = screen.popup
        assert popup.is_open
        body = popup.body_text()
        assert body.startswith("新质生产力")
        assert "new quality productive forces" in body
        assert "GLOSSARY" in body
        assert "[bold]Sept 2023[/]" in body  # markup in an entry shows literally
        assert "\nused in 1 article in your library\n" in body  # on a line of its own, never cut in two
        # The popup never covers the word it explains.
        region = view.word_region()
        assert region is not None
        x, top, width, rows = region
        word_top = view.content_region.y + top
        popup_region = popup.region
        assert popup_region.y >= word_top + rows or popup_region.bottom <= word_top
        await pilot.press("escape")
        assert not popup.is_open
        await pilot.press("escape")
        assert type(app.screen).__name__ == "LibraryScreen"


@aio
async def test_popup_for_an_ordinary_word_shows_dictionary_entries(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        assert view.current_word()[0] == "学习"
        await pilot.press("enter")
        await settle(pilot)
        body = screen.popup.body_text()
        assert body.startswith("学习")
        assert "GLOSSARY" not in body
        assert "to learn" in body
        # The popup follows the cursor.
        await pilot.press("l")
        await settle(pilot)
        assert screen.popup.body_text().startswith(view.current_word()[0])


@aio
async def test_click_on_a_word_opens_its_popup(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit)
        await settle(pilot)
        target = None
        for y, row in enumerate(view.frame()):
            if row is not None and row.unit == unit + 1 and row.kind == "text":
                cell = next(c for c in view._lines(row.unit)[row.line].cells
                            if view.unit_tokens(row.unit)[c.token_index].kind == "hanzi")
                target = (cell.x, y, view.unit_tokens(row.unit)[cell.token_index].text)
                break
        assert target is not None
        x, y, word = target
        await pilot.click(view, offset=(x + view.styles.padding.left, y))
        await settle(pilot)
        assert view.focus_unit == unit + 1
        assert app.screen.popup.is_open
        assert app.screen.popup.body_text().startswith(word)


@aio
async def test_pinyin_mode_style_and_tone_keys_change_the_view_and_persist(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        view.go_to(unit)
        await settle(pilot)
        text = "\n".join(screen_lines(view))
        assert "xīn" in text  # pinyin with tone marks above the words
        await pilot.press("z")
        await settle(pilot)
        text = "\n".join(screen_lines(view))
        assert "xin1" in text and "xīn" not in text
        await pilot.press("z")
        await settle(pilot)
        assert "ㄒㄧㄣ" in "\n".join(screen_lines(view))
        await pilot.press("z")  # back to marks
        await pilot.press("p")  # over unknown words: nothing is known yet, so over every word
        await settle(pilot)
        assert view.pinyin_mode == "unknown" and "shì" in "\n".join(screen_lines(view))
        await pilot.press("p")  # cursor only
        await settle(pilot)
        lines = screen_lines(view)
        assert view.pinyin_mode == "cursor"
        assert "xīn" in "\n".join(lines)  # the cursor word keeps its pinyin
        assert "shì" not in "\n".join(lines)  # 是 elsewhere has none
        await pilot.press("p")  # off
        await settle(pilot)
        assert view.pinyin_mode == "off"
        assert "xīn" not in "\n".join(screen_lines(view))
        await pilot.press("p")
        assert view.pinyin_mode == "on"
        await pilot.press("t")
        await settle(pilot)
        assert view.tone_colours
        tone1 = view._style("tone-1").color
        coloured = [seg for y in range(view.size.height) for seg in view.render_line(y) if seg.style and seg.style.color == tone1]
        assert coloured, "first-tone syllables are drawn in the tone-1 colour"
        await pilot.press("p")
        await pilot.press("p")  # cursor mode, to check it comes back
        store = app.session.loaded.store
        assert store.get_pref("reader.pinyin_mode") == "cursor"
        assert store.get_pref("reader.tone_colours") is True
    app2 = make_app(fixture_dirs)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.screen.view.pinyin_mode == "cursor"
        assert app2.screen.view.tone_colours is True


@aio
async def test_n_jumps_to_the_next_glossary_term(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        seen = []
        for _ in range(6):
            await pilot.press("n")
            await settle(pilot)
            seen.append(view.current_word()[0])
        # kicker has none: 新质生产力 (twice in ¶1), then 中关村, then 五子联动
        assert seen[:4] == ["新质生产力", "新质生产力", "中关村", "五子联动"]


@aio
async def test_s_saves_the_word_with_its_sentence_and_article(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        item = app.session.loaded.store.get_word("学习")
        assert item is not None
        assert item.sentence == "我们一起学习中文。"
        assert item.article_id == "test-article"
        assert item.block_index == 3  # ¶ 3 is the 4th block (a subhead comes before it)
        assert "xue2" in item.pinyin.replace(" ", "") or "xué" in item.pinyin
        # From the popup too, a glossary term keeps its term.
        await pilot.press("g", "n")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        saved = app.session.loaded.store.get_word(view.current_word()[0])
        assert saved is not None and saved.glossary_term == view.current_word()[0]
        assert "saved" in app.screen.popup.body_text()


@aio
async def test_e_fixes_a_reading_and_the_view_shows_it(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixReadingDialog"
        box = app.screen.query_one("#fix-input")
        box.value = ""
        await pilot.press(*"xue2")  # one syllable for two characters: refused
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixReadingDialog"
        assert "has 2 hanzi" in str(app.screen.query_one("#fix-error").content)
        box.value = ""
        await pilot.press(*"xue4 xi2", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        rows = app.session.loaded.store.list_corrections()
        assert any(r.word == "学习" and list(r.value) == ["xue4", "xi2"] for r in rows)
        view = app.screen.view
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        assert tuple(view.current_token().pinyin) == ("xue4", "xi2")
        assert "xuè" in "\n".join(screen_lines(view))
        # Esc cancels the dialog without saving.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadingScreen"


@aio
async def test_b_bookmarks_and_B_lists_and_jumps(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第五段"))
        view.go_to(unit)
        await pilot.press("b")
        await settle(pilot)
        marks = app.session.loaded.store.list_bookmarks("test-article")
        assert len(marks) == 1 and marks[0].block_index == view.units[unit].block_index
        await pilot.press("g")
        await pilot.press("B")
        await pilot.pause()
        assert type(app.screen).__name__ == "BookmarksScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.view.focus_unit == unit


@aio
async def test_slash_searches_in_the_article(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        await pilot.press("slash")
        await pilot.press(*"北京", "enter")
        await settle(pilot)
        first = view.focus_unit
        assert "北京" in view.units[first].text
        assert view.current_word()[0].startswith("北京")
        total = sum(u.text.count("北京") for u in view.units)
        assert total >= 2
        messages = [n.message for n in app._notifications]
        assert f"“北京”: 1 of {total} in this article" in messages  # which hit this is, of how many
        await pilot.press("enter")  # next hit
        await settle(pilot)
        assert view.focus_unit >= first
        assert f"“北京”: 2 of {total} in this article" in [n.message for n in app._notifications]
        await pilot.press("escape")
        assert not app.screen.query_one("#search").display
        assert app.screen.focused is view


@aio
async def test_help_screen_lists_every_key(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        from reader.ui.help_screen import bindings_table
        from reader.ui.reading_screen import ReadingScreen

        table = bindings_table(app.screen.under)
        keys = " ".join(str(c) for c in table.columns[0]._cells)
        for key in ("j", "k", "space", "PgDn", "g", "G", "h", "l", "Enter", "Esc", "p", "t", "z", "n", "s", "e",
                    "b", "B", "v", "r", "/", "?", "q", "ctrl+q", "L"):
            assert key in keys.split(), key
        assert all(b.tooltip for b in ReadingScreen.BINDINGS)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReadingScreen"


@aio
async def test_every_reading_key_is_a_palette_command(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        from reader.ui.reading_screen import ReadingScreen

        for binding in ReadingScreen.BINDINGS:
            assert any(t.startswith(binding.description) for t in titles), binding.description
        # Running one from the palette does what the key does.
        command = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Next ¶"))
        before = app.screen.view.focus_unit
        await command.callback()
        await pilot.pause()
        view = app.screen.view
        assert view.focus_unit == (view.body_start if before < view.body_start else before + 1)


@aio
async def test_glossary_browser_searches_by_pinyin_and_english(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert type(app.screen).__name__ == "GlossaryBrowser"
        await pilot.press(*"xinzhi")
        await pilot.pause()
        assert app.screen._entries[0].term == "新质生产力"
        box = app.screen.query_one("#glossary-search")
        box.value = "unicorn"
        await pilot.pause()
        assert app.screen._entries == []
        box.value = "Five Key"
        await pilot.pause()
        assert app.screen._entries[0].term == "五子联动"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "GlossaryEntryScreen"
        body = str(app.screen.query_one("#entry-body").content)
        assert "Beijing's five linked initiatives" in body
        # Where it occurs: Enter reads there.
        places = app.screen.query_one("#entry-places")
        places.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert "五子联动" in app.screen.view.units[app.screen.view.focus_unit].text


@aio
async def test_v_and_r_open_the_study_screens(fixture_dirs):
    pytest.importorskip("reader.ui.vocab_screen")
    pytest.importorskip("reader.ui.review_screen")
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "VocabScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
@aio
async def test_quit_keys(fixture_dirs, key):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.return_code is None  # running
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0  # the app exited, cleanly (App.exit sets it; nothing else does)


# ---------------------------------------------------------------------------- position, layout, robustness


@aio
async def test_position_is_restored_on_reopen(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第五段"))
        view.go_to(unit)
        await pilot.press("l", "l")
        await settle(pilot)
        word = view.current_word()
        await pilot.press("q")
    app2 = make_app(fixture_dirs)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view2 = app2.screen.view
        assert view2.focus_unit == unit
        assert view2.current_word() == word


@aio
async def test_keys_pressed_before_anything_has_loaded_do_not_crash(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        # No waiting: the segmenter, dictionary and glossary are still loading.
        await pilot.press("l", "enter", "s", "n", "e", "escape", "b", "j", "z", "p", "t", "space", "h", "slash",
                          "escape", "G", "g")
        await settle(pilot)
        assert type(app.screen).__name__ in ("ReadingScreen", "FixReadingDialog")
        assert app.is_running


@pytest.mark.parametrize("width", [40, 200])
@aio
async def test_lines_fit_the_terminal_and_keep_words_whole(fixture_dirs, width):
    from rich.cells import cell_len

    app = make_app(fixture_dirs)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        view = await focus_first_paragraph(pilot)
        for y in range(view.size.height):
            assert view.render_line(y).cell_length == view.size.width
        for row in view.frame():
            if row is None or row.kind != "text":
                continue
            line = view._lines(row.unit)[row.line]
            assert line.cells[-1].x + line.cells[-1].width <= view.size.width
            assert line.cells[0].text[:1] not in "，。、；：？！）」』”’"
            tokens = view.unit_tokens(row.unit)
            for cell in line.cells:
                if cell_len(tokens[cell.token_index].text) <= view.size.width:
                    assert cell.text == tokens[cell.token_index].text  # a word is never cut
        # Re-laid out on resize.
        await pilot.resize_terminal(width // 2 + 10, 40)
        await settle(pilot)
        assert all(view.render_line(y).cell_length == view.size.width for y in range(view.size.height))


@aio
async def test_markup_looking_text_shows_literally(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any("测试[bold]标题[/]不是粗体" in t for t in titles)
        table.move_cursor(row=table.get_row_index("test-article"))
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.view
        text = "\n".join(screen_lines(view))
        assert "[bold]" in text and "[/]" in text
        assert "测试[bold]标题[/]不是粗体" in status(app)
        view.go_to(next(i for i, u in enumerate(view.units) if "[red]" in u.text))
        await settle(pilot)
        assert "[red]" in "\n".join(screen_lines(view))


@aio
async def test_library_lists_filters_and_opens(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "LibraryScreen"
        table = screen.query_one("#library-table")
        assert table.row_count == 2
        row = [str(c) for c in table.get_row_at(0)]
        assert "第二篇文章" in row[0] and row[1] == "人民日报"
        assert "0 words due" in str(screen.query_one("#library-due").content)
        await pilot.press(*"xyz")  # not a key of the library: it goes to the filter, and nothing matches
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.press(*"测试日报")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.article.id == "test-article"
        view = app.screen.view
        view.go_to(len(view.units) - 1)
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await pilot.press("s")
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#library-table")
        row = [str(c) for c in table.get_row_at(table.get_row_index("test-article"))]
        assert row[3].endswith("%") and row[3] != "—"
        assert row[5].strip() == "1"
        assert "1 word due" in str(app.screen.query_one("#library-due").content)


@aio
async def test_corrupt_database_is_a_notification_not_a_crash(fixture_dirs):
    paths.db_path().write_bytes(b"this is not a database" * 100)
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(20):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if "store" in app.session.loaded.failed:
                break
        await pilot.pause()
        assert "store" in app.session.loaded.failed
        messages = [n.message for n in app._notifications]
        assert any("yuedu.sqlite3" in m for m in messages)
        await pilot.press("s", "b", "j", "enter")
        await pilot.pause()
        assert app.is_running


@aio
async def test_broken_user_glossary_is_a_notification(fixture_dirs):
    (fixture_dirs["glossary"] / "broken.yaml").write_text("- term: 坏\n  pinyin: [\n", encoding="utf-8")
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("broken.yaml" in m for m in messages)
        assert app.session.loaded.glossary is not None and app.session.loaded.glossary.get("新质生产力") is not None


def test_read_with_a_bad_file_exits_2_before_the_app_starts(tmp_path, capsys):
    from reader.cli import main

    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["read", str(tmp_path / "missing.txt")]) == 2
    assert main(["read", str(binary)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("yuedu: ") for line in err)


def test_run_app_rejects_unknown_start_screen():
    from reader.ui.app import YueduApp

    with pytest.raises(ValueError):
        YueduApp(start="nowhere")


@aio
async def test_theme_is_kept_between_runs(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
        assert app.session.loaded.store.get_pref("ui.theme") == "nord"
    app2 = make_app(fixture_dirs)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.theme == "nord"


@pytest.mark.parametrize("start, screen", [("vocab", "VocabScreen"), ("review", "ReviewScreen")])
@aio
async def test_start_screen(fixture_dirs, start, screen):
    pytest.importorskip(f"reader.ui.{start}_screen")
    app = make_app(fixture_dirs, read=False, start=start)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == screen


@aio
async def test_popup_scrolls_when_its_entry_is_long(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(70, 16)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = await focus_first_paragraph(pilot)
        await pilot.press("enter")
        await settle(pilot)
        popup = screen.popup
        assert popup.is_open and popup.max_scroll_y > 0  # longer than the room it has
        assert "Esc close" in popup.border_subtitle
        await pilot.press("enter")  # a second Enter puts the keys on the popup
        assert screen.focused is popup
        assert "scroll" in popup.border_subtitle  # and the popup says so
        await pilot.press("j", "j")
        await pilot.pause()
        assert popup.scroll_y > 0
        await pilot.press("escape")
        assert not popup.is_open and screen.focused is view


@aio
async def test_library_slash_filters_and_B_lists_every_bookmark(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"人民")
        await pilot.pause()
        assert app.screen.query_one("#library-table").row_count == 1
        await pilot.press("escape")
        assert app.screen.query_one("#library-table").row_count == 2
        app.session.loaded.store.add_bookmark("test-article", 3, "第三段")
        await pilot.press("B")
        await pilot.pause()
        assert type(app.screen).__name__ == "BookmarksScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.article.id == "test-article"
        assert app.screen.view.units[app.screen.view.focus_unit].text.startswith("第三段")


@aio
async def test_L_on_a_glossary_term_opens_its_entry_and_its_places(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # first glossary term: 新质生产力 in ¶ 1
        await pilot.press("L")
        await settle(pilot)
        assert type(app.screen).__name__ == "GlossaryEntryScreen"
        assert app.screen.entry.term == "新质生产力"
        await pilot.press("escape")
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))  # not a term
        await settle(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert type(app.screen).__name__ == "GlossaryBrowser"
        # Jumping to a place puts the cursor on the term there.
        await pilot.press(*"zhongguancun")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#entry-places").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        assert app.screen.view.current_word()[0] == "中关村"


# ---------------------------------------------------------------------------- found in a user's walk-through


@aio
async def test_enter_then_j_typed_at_once_scroll_the_popup(fixture_dirs):
    """A second Enter hands the keys to the popup at once: a `j` typed right behind it (both keys
    already queued, as when typing fast in a terminal) scrolls the popup instead of moving the
    paragraph behind it; Esc then gives the keys straight back to the text."""
    from textual import events

    app = make_app(fixture_dirs)
    async with app.run_test(size=(70, 16)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = await focus_first_paragraph(pilot)
        await pilot.press("enter")
        await settle(pilot)
        popup = screen.popup
        assert popup.is_open and popup.max_scroll_y > 0
        focus = view.focus_unit
        for key, char in (("enter", "\r"), ("j", "j"), ("j", "j")):
            app.post_message(events.Key(key, char))
        await pilot.pause(0.2)
        assert view.focus_unit == focus
        assert popup.scroll_y > 0
        for key, char in (("escape", "\x1b"), ("j", "j")):
            app.post_message(events.Key(key, char))
        await pilot.pause(0.2)
        assert not popup.is_open
        assert view.focus_unit == focus + 1


@aio
async def test_status_line_separates_count_and_percent_visibly(fixture_dirs):
    """`¶ N/M · P%`: a visible separator, so the count and the percentage never run together
    ("¶ 15/2174%" was seen where a renderer squeezed the spaces)."""
    import re

    app = make_app(fixture_dirs)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        assert re.search(r"¶ 9/9 · 100% · pinyin", status(app))


@aio
async def test_status_line_ends_in_an_ellipsis_when_the_title_does_not_fit(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#status").render_line(0).text.rstrip()
        assert line.endswith("…")


@aio
@pytest.mark.parametrize("width", [40, 100])
async def test_popup_is_as_tall_as_its_text_when_there_is_room(fixture_dirs, width):
    """The popup's height comes from its own text at its own width (not from the previous word's
    layout), so a short entry is shown whole, without a scrollbar, wherever there is room."""
    app = make_app(fixture_dirs)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        popup = screen.popup
        for key in ("enter", "l", "l"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause(0.1)
            assert popup.is_open
            assert popup.max_scroll_y == 0, (view.current_word()[0], popup.size, popup.virtual_size)
            region = view.word_region()
            assert region is not None
            word_top = view.content_region.y + region[1]
            assert popup.region.y >= word_top + region[3] or popup.region.bottom <= word_top


@aio
async def test_pinyin_takes_the_apostrophe_before_a_vowel_syllable(fixture_dirs):
    """Tone-mark pinyin as the orthography writes it: xī'ān, tiān'ānmén (not xīān, tiānānmén)."""
    article = fixture_dirs["library"] / "xian.md"
    article.write_text("---\nid: xian\ntitle: 西安\n---\n\n我们去西安和天安门。\n", encoding="utf-8")
    from reader.ui.app import YueduApp

    app = YueduApp(article=load_article(article), library_dirs=[fixture_dirs["library"]],
                   glossary_dirs=[fixture_dirs["glossary"]])
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        text = "\n".join(screen_lines(app.screen.view))
        assert "xī'ān" in text
        assert "xīān" not in text
        await pilot.press("z")  # tone numbers need no apostrophe
        await settle(pilot)
        assert "xi1an1" in "\n".join(screen_lines(app.screen.view))


@aio
async def test_vocabulary_names_the_article_and_paragraph_as_the_reader_does(fixture_dirs):
    """A word saved in the 3rd body paragraph (a subhead comes before it) is shown with the
    article's title and "¶ 3", as in the status line: not the article's id and block number."""
    app = make_app(fixture_dirs)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        assert "¶ 3/9" in status(app)
        await pilot.press("s")
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "VocabScreen"
        detail = str(screen.query_one("#vocab-detail").content)
        assert "测试[bold]标题[/]不是粗体 ¶ 3" in detail
        assert "test-article" not in detail
        from textual.widgets import DataTable

        row = [cell.plain for cell in screen.query_one(DataTable).get_row_at(0)]
        assert any(cell.startswith("测试[bold]") for cell in row)


@aio
async def test_library_header_at_40_columns_cuts_the_title_with_an_ellipsis(fixture_dirs):
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        app.session.loaded.store.save_word("学习", "xue2 xi2", "to learn")
        app.screen.on_screen_resume()
        await pilot.pause()
        title = app.screen.query_one("#library-title").render_line(0).text.rstrip()
        assert title.endswith("…")
        due = app.screen.query_one("#library-due")
        assert due.render_line(0).text.startswith("1 word due")
        # a blank cell between the cut title and the count
        assert due.content_region.x > app.screen.query_one("#library-title").region.right


@aio
async def test_percent_read_counts_the_body_only(fixture_dirs):
    """On the headline of a one-paragraph text nothing is read yet (0%, not 50% for the title's
    characters); on its paragraph, all of it is."""
    article = fixture_dirs["library"] / "short.md"
    article.write_text("---\nid: short\ntitle: 问候\n---\n\n你好世界\n", encoding="utf-8")
    from reader.ui.app import YueduApp

    app = YueduApp(article=load_article(article), library_dirs=[fixture_dirs["library"]],
                   glossary_dirs=[fixture_dirs["glossary"]])
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        assert "headline · 1 ¶ · 0%" in status(app)
        await pilot.press("j")
        assert "¶ 1/1 · 100%" in status(app)


@aio
async def test_fix_reading_dialog_fits_a_40_column_terminal(fixture_dirs):
    from textual.containers import Vertical

    app = make_app(fixture_dirs)
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        view = await focus_first_paragraph(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixReadingDialog"
        box = app.screen.query_one(Vertical)
        assert box.region.x >= 0 and box.region.right <= 40


@aio
async def test_popup_follows_its_word_when_the_terminal_is_resized(fixture_dirs):
    """Resizing re-wraps the text: the open popup moves with its word, fits the new width and
    still does not cover the word."""
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第二段"))
        view.go_to(unit, view.units[unit].text.index("独角兽"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for width in (40, 160, 60):
            await pilot.resize_terminal(width, 30)
            await settle(pilot)
            await pilot.pause(0.1)
            popup = screen.popup
            assert popup.is_open
            assert popup.region.x >= 0 and popup.region.right <= width
            x, top, _w, rows = view.word_region()
            word_top = view.content_region.y + top
            assert popup.region.y >= word_top + rows or popup.region.bottom <= word_top, width


@aio
async def test_going_to_a_saved_word_puts_the_cursor_on_it(fixture_dirs):
    """Enter in the vocabulary (and o in review) opens the article with the cursor on the word
    itself, not on the first word of its paragraph."""
    app = make_app(fixture_dirs)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        await pilot.press("s")
        await pilot.press("g")
        await settle(pilot)
        assert view.focus_unit == 0
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.view
        assert view.units[view.focus_unit].text.startswith("第三段")
        assert view.current_word()[0] == "学习"
        await pilot.press("g")
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("o")
        await settle(pilot)
        view = app.screen.view
        assert view.current_word()[0] == "学习"


@aio
async def test_a_reading_fixed_from_the_open_popup_shows_in_the_popup(fixture_dirs):
    """e from the popup: once the reading is saved the popup shows the new pinyin (and the
    cursor is still on the word)."""
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.popup.body_text().startswith("学习  xuéxí")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#fix-input").value = ""
        await pilot.press(*"xue4 xi2", "enter")
        await settle(pilot)
        await pilot.pause(0.2)
        screen = app.screen
        assert screen.view.current_word()[0] == "学习"
        assert screen.popup.is_open
        assert screen.popup.body_text().startswith("学习  xuèxí")


def test_quitting_does_not_wait_for_a_loader_still_at_work(tmp_path):
    """q right after the text appears ends the program at once, even while jieba (here: a loader
    that would take two minutes) is still loading in the background."""
    import subprocess
    import sys
    import textwrap

    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys, time
        from reader.core import annotate
        annotate.Annotator.warm_up = lambda self: time.sleep(120)
        from reader.session import Session
        from reader.ui.app import YueduApp

        class QuitAtOnce(YueduApp):
            def first_paint(self):
                super().first_paint()
                self.set_timer(0.3, self.exit)  # the loaders have started by then

        QuitAtOnce(article=Session.article_to_read(sys.argv[1]), load_dictionary=False).run(headless=True, size=(80, 24))
        print("done")
        """
    )
    out = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True,
                         timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("done")


@aio
async def test_a_text_read_before_shows_its_pinyin_while_the_engine_still_loads(fixture_dirs, monkeypatch):
    """Reopening an article: the paragraphs on screen come from the annotation cache at once,
    without waiting for jieba, the dictionaries and the model (here: a warm-up held back)."""
    import threading

    from reader.core import annotate

    app = make_app(fixture_dirs, load_dictionary=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # read once: the annotation cache now holds what was on screen
        shown = {u: [t.text for t in app.screen.view.tokens[u]] for u in range(len(app.screen.view.units))
                 if app.screen.view.tokens[u] is not None}
    assert len(shown) >= 3

    release = threading.Event()
    monkeypatch.setattr(annotate.Annotator, "warm_up", lambda self: release.wait(30))
    app = make_app(fixture_dirs, load_dictionary=False)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.screen.view
            on_screen: list[int] = []
            for _ in range(100):
                await pilot.pause(0.05)
                on_screen = sorted({r.unit for r in view.frame() if r is not None} & set(shown))
                if len(on_screen) >= 3 and all(view.tokens[u] is not None for u in on_screen):
                    break
            assert len(on_screen) >= 3
            assert app.session.loaded.annotator is None  # the engine is still "loading"
            assert "loading pinyin" in status(app)
            assert {u: [t.text for t in view.tokens[u] or ()] for u in on_screen} == {u: shown[u] for u in on_screen}
            release.set()
            await settle(pilot)
            assert app.session.loaded.annotator is not None
            assert "loading pinyin" not in status(app)
    finally:
        release.set()


@aio
async def test_a_reading_fix_applies_however_late_the_store_opens(fixture_dirs, monkeypatch):
    """The user's corrections live in the store, which may open after the annotator's loader has
    started (here: half a second late, while the engine warms up). The fix must show, whichever
    loader finishes last (here the one started first is the slower one)."""
    import threading
    import time

    from reader import store as store_module
    from reader.core import annotate

    opened = store_module.open_store()
    opened.set_reading("学习", ["xue4", "xi2"])
    opened.close()
    real_open = store_module.open_store
    real_warm_up = annotate.Annotator.warm_up

    def slow_open(*args, **kwargs):
        time.sleep(0.5)
        return real_open(*args, **kwargs)

    slow_started, slow_done = threading.Event(), threading.Event()

    def warm_up(self):
        slow = not self.corrections.readings  # (an empty Corrections is not falsy)
        if slow:
            slow_started.set()
        time.sleep(1.5 if slow else 0.1)
        real_warm_up(self)
        if slow:
            slow_done.set()

    monkeypatch.setattr(store_module, "open_store", slow_open)
    monkeypatch.setattr(annotate.Annotator, "warm_up", warm_up)
    app = make_app(fixture_dirs, load_dictionary=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, rounds=60)
        # a replaced loader still at work (one started before the store opened) must not install
        # its annotator: wait until it is done
        if slow_started.is_set():
            await asyncio.get_running_loop().run_in_executor(None, slow_done.wait, 10)
        await settle(pilot)
        assert app.session.loaded.annotator.corrections.readings == {"学习": ["xue4", "xi2"]}
        view = app.screen.view
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        assert tuple(view.current_token().pinyin) == ("xue4", "xi2")


@aio
async def test_an_article_left_at_the_top_reopens_at_its_headline(fixture_dirs):
    """Opened and closed without reading on: it opens again at the top, headline on screen."""
    app = make_app(fixture_dirs, load_dictionary=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.save_position()
        await pilot.press("q")
    app2 = make_app(fixture_dirs, load_dictionary=False)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app2.screen.view
        assert view.focus_unit == 0
        top = [r.unit for r in view.frame() if r is not None]
        assert top[:1] == [0]  # the first row on screen is the kicker's, the title below it


@aio
async def test_K_marks_the_cursor_word_known_and_I_ignores_it(fixture_dirs):
    from reader.store.knowledge import Knowledge

    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        knowledge = Knowledge(app.session.loaded.store)
        assert knowledge.state("学习") == "new"
        unit = next(i for i, u in enumerate(view.units) if u.text.startswith("第三段"))
        view.go_to(unit, view.units[unit].text.index("学习"))
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)
        assert knowledge.state("学习") == "known"
        view.go_to(unit, view.units[unit].text.index("中文"))
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        assert knowledge.state("中文") == "ignored"
        # nothing else was marked behind the user's back
        assert set(knowledge.states()) == {"学习", "中文"}
        # the help screen lists both keys
        from rich.console import Console
        from reader.ui.help_screen import bindings_table

        console = Console(width=200, record=True)
        console.print(bindings_table(app.screen))
        text = console.export_text()
        assert "Mark the cursor word known" in text and "Ignore the cursor word" in text


@aio
@pytest.mark.parametrize("key", ["q", "v", "slash"])
async def test_library_keys_work_after_filtering_and_returning(fixture_dirs, key):
    """Issue 12: filter, open with Enter, Esc back: the library's keys act, they are not typed into the filter."""
    app = make_app(fixture_dirs, read=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"测试日报")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReadingScreen"
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "LibraryScreen"
        box = screen.query_one("#library-filter")
        assert box.value == "测试日报"  # the filter is kept
        await pilot.press(key)
        await settle(pilot)
        assert box.value == "测试日报"  # …but the key is not typed into it
        if key == "q":
            assert app.return_code is not None or not app.is_running
        elif key == "v":
            assert type(app.screen).__name__ != "LibraryScreen"
        else:
            assert app.screen.focused is box
            await pilot.press("x")  # a letter that is no key: it filters
            await pilot.pause()
            assert box.value == "测试日报x"
