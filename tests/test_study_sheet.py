"""The HTML study sheet (`yuedu annotate --format html`) is titled by the article's headline (issue 12)."""

from __future__ import annotations

from reader.cli import main

NEWS = "两会特刊\n关键处落子成就大发展\n本报记者 华凌\n\n北京是中国的首都。北京很大，人口很多。\n\n第二段在这里。北京的发展很快。\n"


def sheet(capsys, path) -> str:
    assert main(["annotate", str(path), "--format", "html"]) == 0
    return capsys.readouterr().out


def test_a_news_text_is_titled_by_its_headline_not_its_file_name(tmp_path, capsys):
    src = tmp_path / "page-3.txt"
    src.write_text(NEWS, encoding="utf-8")
    page = sheet(capsys, src)
    assert "<title>关键处落子成就大发展</title>" in page and "<h1>关键处落子成就大发展</h1>" in page
    assert "page-3.txt" not in page


def test_an_article_file_is_titled_by_its_front_matter_which_is_not_in_the_sheet(tmp_path, capsys):
    src = tmp_path / "a.md"
    src.write_text("---\nid: bj-1\ntitle: 北京<很大>\nsource: 科技日报\n---\n\n北京很大。\n", encoding="utf-8")
    page = sheet(capsys, src)
    assert "<title>北京&lt;很大&gt;</title>" in page
    assert "bj-1" not in page and "科技日报" not in page and page.count("<p>") == 1


def test_a_text_without_a_headline_keeps_its_file_name(tmp_path, capsys):
    src = tmp_path / "课文.txt"
    src.write_text("北京是中国的首都，北京很大，人口很多，发展很快，我们都很喜欢北京。\n", encoding="utf-8")
    assert "<title>课文.txt</title>" in sheet(capsys, src)
