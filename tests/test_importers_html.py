"""Saved web pages: the article body only, with the headline, byline and date the page states."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.importer import article_from_file, import_file
from reader.errors import UserError

DATA = Path(__file__).resolve().parent / "data" / "html"
REPO = Path(__file__).resolve().parent.parent


def body_of(article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_saved_news_page_gives_the_article_only():
    [article] = import_file(DATA / "beiying.html").articles
    assert article.title == "背影"
    assert article.byline == "朱自清"  # "作者：" taken off
    assert article.date == "1925-11-22"
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].text.startswith("我与父亲不相见已二年余了")
    assert article.paragraphs[-1].text.endswith("我不知何时再能与他相见！")
    body = body_of(article)
    for furniture in ("首页", "登录", "限时特惠", "广告", "相关阅读", "荷塘月色", "网友评论", "读者甲",
                      "热门排行", "版权所有", "ICP", "责任编辑", "浦口车站旧影", "资料图片"):
        assert furniture not in body, furniture


def test_a_page_in_gbk_comes_in_the_same(tmp_path):
    page = (DATA / "beiying.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gb18030"))
    [article] = import_file(path).articles
    assert article.title == "背影" and article.paragraphs[1].text.startswith("回家变卖典质")


def test_half_width_punctuation_in_a_page_is_cleaned_by_our_importer(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>一则短讯</title></head><body><nav><a href='/'>首页</a></nav>"
        "<article><h1>一则短讯</h1><p>今天天气很好,我们去了公园(就在家附近);大家都很高兴!回来时已经很晚了。</p>"
        "<p>第二段的文字也在这里,说明这确实是一篇文章的正文内容。</p></article></body></html>",
        encoding="utf-8",
    )
    [article] = import_file(path).articles
    assert article.paragraphs[0].text == "今天天气很好，我们去了公园（就在家附近）；大家都很高兴！回来时已经很晚了。"
    assert article.date is None  # the page states none: never guessed


def test_read_opens_a_saved_page():
    article = article_from_file(DATA / "beiying.html")
    assert article.title == "背影" and article.paragraphs[0].text.startswith("我与父亲")


@pytest.mark.parametrize("name", ["navonly.html"])
def test_a_page_without_an_article_is_one_line_status_2(tmp_path, name):
    with pytest.raises(UserError, match="holds no article"):
        import_file(DATA / name)
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(DATA / name), "--into", str(tmp_path / "lib")],
                         capture_output=True, text=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 2
    assert out.stderr == f"yuedu: {DATA / name}: this web page holds no article text (only menus, links or too little text)\n"
    assert not (tmp_path / "lib").exists()


def test_a_page_piped_in_or_saved_as_txt_is_read_as_a_page(tmp_path):
    page = (DATA / "beiying.html").read_bytes()
    out = subprocess.run([sys.executable, "-m", "reader", "import", "-", "--into", str(tmp_path / "lib")],
                         input=page, capture_output=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    [written] = (tmp_path / "lib").glob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "title: 背影" in text and "网友评论" not in text and "<p>" not in text
    saved = tmp_path / "page.txt"
    saved.write_bytes(page)
    assert import_file(saved).articles[0].paragraphs[0].text.startswith("我与父亲不相见已二年余了")
