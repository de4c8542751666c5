"""One coverage (issue 13): the reading screen's status line and `yuedu coverage PATH` give the same
known share for the same text, because both count the article `yuedu read PATH` shows
(Session.article_to_read, Session.article_words) with the same rule (reader.core.knowledge)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, settle, status  # noqa: E402,F401

DATA = Path(__file__).resolve().parent / "data"
# A page of two articles: `yuedu read` shows the first, so coverage counts the first.
PAGE = ("我们的学校\n\n本报记者 张三\n\n我们的学校很大，学生很多。老师们每天都很忙，学生们学习很努力。\n\n"
        "他们的工厂\n\n本报记者 李四\n\n工厂里的机器轰鸣，工程师们正在调试新设备，产量稳步提升。\n")


def cli_coverage(capsys, path: Path) -> dict:
    from reader.cli import main

    capsys.readouterr()
    assert main(["coverage", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


async def status_coverage(path: Path, dirs) -> str:
    from reader.session import Session
    from reader.ui.app import YueduApp

    app = YueduApp(article=Session.article_to_read(str(path)),  # what `yuedu read PATH` shows library_dirs=[dirs["library"]],
                   glossary_dirs=[dirs["glossary"]])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        for _ in range(200):
            if app.screen.coverage is not None:
                break
            await pilot.pause(0.02)
        return re.search(r"known (\d+\.\d)%", status(app)).group(1)


@pytest.mark.parametrize("name", ["page.txt", "beiying.html"])
@aio
async def test_status_line_and_yuedu_coverage_agree_for_the_same_file(name, fixture_dirs, tmp_path, capsys):
    from reader.cli import main

    path = tmp_path / name
    if name == "page.txt":
        path.write_text(PAGE, encoding="utf-8")
    else:
        path.write_bytes((DATA / "html" / name).read_bytes())
    assert main(["known", "add", "我们", "学校", "学生", "老师", "很", "的", "父亲", "我", "他"]) == 0
    cli = cli_coverage(capsys, path)
    assert 0 < cli["known_percent"] < 100
    assert await status_coverage(path, fixture_dirs) == f"{cli['known_percent']:.1f}"
