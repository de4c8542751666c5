"""The article file format and its loader: every mistake is reported as file:line: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import (
    Article,
    ArticleError,
    Block,
    dump_article,
    load_article,
    load_library,
    parse_article,
)

GOOD = """---
id: good-one
title: 一个标题
kicker: 引题
source: 科技日报
tags: [科技, 北京]
---

第一段第一行
接着第一行。

## 小标题

第二段。
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str | bytes, name: str = "bad.md") -> ArticleError:
    path = write(tmp_path, name, text)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    assert "\n" not in message
    return info.value


def test_a_good_article_loads(tmp_path):
    article = load_article(write(tmp_path, "good.md", GOOD))
    assert (article.id, article.title, article.kicker, article.source) == ("good-one", "一个标题", "引题", "科技日报")
    assert article.tags == ["科技", "北京"]
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "第一段第一行接着第一行。"),  # lines of one paragraph join with no space between hanzi
        ("heading", "小标题"),
        ("paragraph", "第二段。"),
    ]
    assert [b.line for b in article.blocks] == [9, 12, 14]
    assert article.path.name == "good.md"


def test_dump_then_parse_gives_the_same_article():
    article = Article(
        id="round-trip", title="标题：冒号 # 与 [方括号]", kicker="引题", note="编者按 多行\n第二行",
        tags=["a"], blocks=[Block("paragraph", "正文[bold]不是标记[/bold]。", 0), Block("heading", "小标题", 0)]
        + [Block("paragraph", "最后一段。", 0)],
    )
    text = dump_article(article)
    again = parse_article(text, "x.md")
    assert (again.id, again.title, again.kicker, again.note, again.tags) == (
        article.id, article.title, article.kicker, article.note, article.tags,
    )
    assert [(b.kind, b.text) for b in again.blocks] == [(b.kind, b.text) for b in article.blocks]
    assert dump_article(again) == text


def test_unknown_keys_are_kept_and_author_is_the_byline(tmp_path):
    path = write(tmp_path, "own.md", "---\nid: a\ntitle: t\nauthor: 某人\nbook: 红楼梦\nchapter: 3\n---\n\n正文。\n")
    article = load_article(path)
    assert article.byline == "某人"
    assert article.extra == {"book": "红楼梦", "chapter": "3"}
    again = parse_article(dump_article(article), "again.md")
    assert (again.byline, again.extra) == ("某人", {"book": "红楼梦", "chapter": "3"})


@pytest.mark.parametrize("missing", ["id", "title"])
def test_missing_required_key(tmp_path, missing):
    lines = {"id": "id: a-b", "title": "title: 标题"}
    del lines[missing]
    err = error_of(tmp_path, "---\n" + "\n".join(lines.values()) + "\n---\n\n正文。\n")
    assert missing in err.message


@pytest.mark.parametrize("bad_id", ["Has Caps", "中文", "-leading", "a_b", "x" * 81])
def test_bad_id(tmp_path, bad_id):
    err = error_of(tmp_path, f"---\ntitle: t\nid: '{bad_id}'\n---\n\n正文。\n")
    assert err.line == 3 and "id" in err.message


def test_yaml_python_tags_are_refused_not_run(tmp_path):
    marker = tmp_path / "pwned"
    err = error_of(
        tmp_path,
        f"---\nid: a\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n\n正文。\n",
    )
    assert not marker.exists()
    assert err.line == 3


def test_malformed_yaml_points_at_the_line(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: [unclosed\nsource: x\n---\n\n正文。\n")
    assert err.line >= 3


def test_unclosed_front_matter(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: t\n\n正文。\n")
    assert err.line == 1 and "not closed" in err.message


def test_no_front_matter(tmp_path):
    err = error_of(tmp_path, "只是一段文字。\n")
    assert err.line == 1 and "front matter" in err.message


def test_non_utf8_file_names_the_line(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: t\n---\n\n正文。\n".encode("gb18030"))
    assert err.line == 6 and "UTF-8" in err.message and "yuedu import" in err.message  # 正文 is on line 6


def test_level_one_heading_in_the_body_is_refused(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: t\n---\n\n正文。\n\n# 又一个标题\n\n更多。\n")
    assert err.line == 8 and "## " in err.message


def test_article_without_body(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: t\n---\n\n## 只有小标题\n")
    assert "no body" in err.message


def test_tags_must_be_a_list(tmp_path):
    err = error_of(tmp_path, "---\nid: a\ntitle: t\ntags: {a: 1}\n---\n\n正文。\n")
    assert err.line == 4


def test_library_reports_bad_files_and_loads_the_rest(tmp_path):
    bundled = tmp_path / "bundled"
    mine = tmp_path / "mine"
    bundled.mkdir()
    mine.mkdir()
    write(bundled, "good.md", GOOD)
    write(bundled, "other.md", GOOD.replace("good-one", "other-one"))
    bad = write(bundled, "broken.md", "---\nid: x\ntitle: t\n---\n\n# 一级标题\n\n正文。\n")
    dup = write(mine, "copy.md", GOOD + "\n又一段。\n")  # same id, different text
    write(mine, "notes.txt", "not an article")  # only *.md files are articles
    library = load_library([bundled, mine, tmp_path / "does-not-exist"])
    assert sorted(a.id for a in library.articles) == ["good-one", "other-one"]
    assert library.get("good-one").path.parent == bundled  # the first one wins
    messages = sorted(str(e) for e in library.errors)
    assert len(messages) == 2
    assert any(m.startswith(f"{bad}:6:") and "subheads" in m for m in messages)
    assert any(m.startswith(f"{dup}:") and "duplicate" in m and "good-one" in m for m in messages)


def test_bundled_articles_load_cleanly(repo):
    library = load_library([repo / "articles"])
    assert library.errors == []
    assert len(library.articles) >= 3
    for article in library.articles:
        assert article.title and article.paragraphs
        assert article.source == "科技日报"
        assert article.date is None  # the seed page carries no date; none is invented


def test_an_identical_copy_of_a_bundled_article_is_not_a_duplicate(tmp_path):
    from reader import paths
    from reader.core.article import load_library

    bundled = paths.bundled_articles_dir()
    first = sorted(bundled.glob("*.md"))[0]
    user = tmp_path / "lib"
    user.mkdir()
    (user / first.name).write_bytes(first.read_bytes())
    library = load_library([bundled, user])
    assert library.errors == []
    assert len(library.articles) == len(list(bundled.glob("*.md")))
    (user / first.name).write_bytes(first.read_bytes().replace(b"\n\n", b"\n\n\xe5\x8a\xa0\n\n", 1))
    library = load_library([bundled, user])
    assert len(library.errors) == 1 and "duplicate article id" in str(library.errors[0])
