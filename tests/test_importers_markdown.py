"""Markdown with front matter of its own: unknown keys kept, footnotes and Wikisource furniture cleaned."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.article import load_article
from reader.core.importer import article_from_file, import_file, write_articles
from reader.errors import UserError

DATA = Path(__file__).resolve().parent / "data" / "markdown"
REPO = Path(__file__).resolve().parent.parent


def text_of(article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_wikisource_export_imports_clean():
    result = import_file(DATA / "taohuayuanji.md")
    [article] = result.articles
    assert article.title == "桃花源记"
    assert article.byline == "陶渊明"  # author -> byline
    assert article.date == "2023-04-02"
    assert article.tags == ["古文", "记"]
    assert article.extra == {"dynasty": "东晋", "book": "陶渊明集", "volume": "卷六", "license": "PD-old"}
    body = text_of(article)
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].text.startswith("晋太元中，武陵人捕鱼为业。")
    assert "忽逢桃花林，夹岸数百步" in body  # the [^1-a] marker is gone, the sentence whole
    assert "黄发垂髫，并怡然自乐" in body
    assert "南阳刘子骥，高尚士也，" in body  # emphasis reduced to its text
    for furniture in ("[^", "长满桃树的林子", "旧说是长寿", "公有领域", "取自", "wikisource", "分类",
                      "本页面最后修订", "维基文库", "◄", "桃花源诗", "**"):
        assert furniture not in body, furniture
    assert body.rstrip().endswith("后遂无问津者。")


def test_written_file_keeps_the_extra_keys_and_loads_back(tmp_path):
    result = import_file(DATA / "taohuayuanji.md")
    [path] = write_articles(result, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "dynasty: 东晋" in text and "byline: 陶渊明" in text
    again = load_article(path)
    assert again.extra["book"] == "陶渊明集" and again.byline == "陶渊明"


@pytest.mark.parametrize(
    "front",
    [
        "author: [鲁迅, 周树人]\nseries: 呐喊\nweird key: {nested: [1, 2]}\nnothing:\ncount: 3",
        "title: 自定标题\nbook: 呐喊\nchapter: 1\ndraft: true\nupdated: 2019-05",
        "作者: 鲁迅\n出处: 新青年",
    ],
)
def test_unknown_front_matter_keys_are_never_an_error(tmp_path, front):
    path = tmp_path / "note.md"
    path.write_text(f"---\n{front}\n---\n\n我翻开历史一查，这历史没有年代，歪歪斜斜的每叶上都写着“仁义道德”几个字。\n",
                    encoding="utf-8")
    [article] = import_file(path).articles
    assert article.paragraphs[-1].text.endswith("几个字。")
    if "author: [" in front:
        assert article.byline == "鲁迅、周树人"
        assert article.series == "呐喊"
        assert article.extra["weird key"] == "nested: 1、2"
        assert article.extra["count"] == "3"
    elif "book" in front:
        assert article.title == "自定标题"
        assert article.extra == {"book": "呐喊", "chapter": "1", "draft": "True", "updated": "2019-05"}
    else:
        assert article.byline == "鲁迅" and article.source == "新青年"


def test_footnote_markers_of_every_shape_go(tmp_path):
    path = tmp_path / "fn.md"
    path.write_text("---\ntitle: 注释\n---\n\n第一句[^1-a]，第二句[^note_2]。第三句[^３]。\n\n[^1-a]: 注一。\n"
                    "[^note_2]: 注二。\n", encoding="utf-8")
    [article] = import_file(path).articles
    assert [b.text for b in article.paragraphs] == ["第一句，第二句。第三句。"]


def test_an_article_file_of_ours_is_taken_as_it_is(tmp_path):
    path = tmp_path / "ours.md"
    path.write_text("---\nid: my-article\ntitle: 标题\nsource: 科技日报\n---\n\n正文。\n", encoding="utf-8")
    [article] = import_file(path).articles
    assert (article.id, article.title, article.source) == ("my-article", "标题", "科技日报")


def test_read_opens_markdown_with_its_own_front_matter(tmp_path):
    path = tmp_path / "book.md"
    path.write_text("---\ntitle: 狂人日记\nauthor: 鲁迅\nbook: 呐喊\n---\n\n今天晚上，很好的月光。\n", encoding="utf-8")
    article = article_from_file(path)
    assert article.title == "狂人日记" and article.byline == "鲁迅"
    assert article.paragraphs[0].text == "今天晚上，很好的月光。"


def test_markdown_without_front_matter_is_cleaned_too(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# 标题在此\n\n这是[一个链接](https://example.org)和一张图![图](a.png)。\n", encoding="utf-8")
    [article] = import_file(path).articles
    assert article.title == "标题在此"
    assert article.paragraphs[0].text == "这是一个链接和一张图。"


def test_broken_yaml_is_one_line_with_its_line(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: 好\nauthor: [未闭合\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        import_file(path)
    assert str(info.value).startswith(f"{path}:")
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(path), "--into", str(tmp_path / "lib")],
                         capture_output=True, text=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert not (tmp_path / "lib").exists() or not list((tmp_path / "lib").iterdir())


def test_a_short_markdown_heading_is_a_heading_not_the_start_of_the_next_paragraph(tmp_path):
    """# 春 (one character) was glued onto the first paragraph as if a line had been broken there:
    a heading marked with # is never joined with the lines around it."""
    f = tmp_path / "chun.md"
    f.write_text("# 春\n\n## 一\n\n满是桃儿、杏儿、梨儿！\n\n## 二\n\n第二段。\n", encoding="utf-8")
    article = article_from_file(f)
    assert article.title == "春"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "一"), ("paragraph", "满是桃儿、杏儿、梨儿！"), ("heading", "二"), ("paragraph", "第二段。")]
