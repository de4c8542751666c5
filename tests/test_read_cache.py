"""`yuedu read FILE` keeps the cleaned import in the cache folder, keyed by the file's content."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import reader.core.importer as importer
from reader.core import read_cache
from reader.core.read_cache import cached_article

TEXT = "一个标题\n\n第一段,有半角标点的文字。\n\n第二段的文字在这里，\n接着上一行。\n"


@pytest.fixture
def counted(monkeypatch):
    calls: list[str] = []
    real = importer.article_from_file

    def counting(path):
        calls.append(str(path))
        return real(path)

    monkeypatch.setattr(importer, "article_from_file", counting)
    return calls


def same(a, b) -> bool:
    return (a.id, a.title, a.byline, a.extra, [(x.kind, x.text) for x in a.blocks]) == (
        b.id, b.title, b.byline, b.extra, [(x.kind, x.text) for x in b.blocks])


def test_second_open_comes_from_the_cache(tmp_path, private_cache, counted):
    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")
    first = cached_article(path)
    again = cached_article(path)
    assert counted == [str(path)]  # cleaned once
    assert same(first, again) and again.path == path
    assert again.paragraphs[0].text == "第一段，有半角标点的文字。"  # the cleaned text, not the raw one
    entries = list((private_cache / "imports").glob("*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text(encoding="utf-8"))["format"] == 1  # data


def test_a_changed_file_is_cleaned_again(tmp_path, private_cache, counted):
    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")
    cached_article(path)
    path.write_text(TEXT.replace("第二段", "改过的第二段"), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert cached_article(path).paragraphs[1].text.startswith("改过的第二段")
    assert len(counted) == 2


def test_the_same_content_elsewhere_is_a_hit(tmp_path, private_cache, counted):
    first = tmp_path / "a.txt"
    first.write_text(TEXT, encoding="utf-8")
    copy = tmp_path / "sub" / "b.txt"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    cached_article(first)
    article = cached_article(copy)
    assert counted == [str(first)] and article.path == copy


def test_a_damaged_entry_is_made_again(tmp_path, private_cache, counted):
    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")
    cached_article(path)
    for entry in (private_cache / "imports").glob("*.json"):
        entry.write_text('{"format": 1, "article": {"meta": {}, "blocks": [', encoding="utf-8")
    assert cached_article(path).paragraphs[0].text == "第一段，有半角标点的文字。"
    assert len(counted) == 2
    assert cached_article(path).title == "一个标题" and len(counted) == 2


def test_a_new_importer_does_not_use_old_entries(tmp_path, private_cache, counted, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")
    cached_article(path)
    monkeypatch.setattr(read_cache, "_FINGERPRINT", "another-importer")
    cached_article(path)
    assert len(counted) == 2


def test_books_and_front_matter_survive_the_cache(tmp_path, private_cache):
    data = Path(__file__).resolve().parent / "data"
    for name in ("epub/daodejing-epub3.epub", "markdown/taohuayuanji.md", "pdf/guxiang.pdf", "html/beiying.html"):
        first = cached_article(data / name)
        assert same(first, cached_article(data / name)), name


def test_read_opens_markdown_with_its_own_front_matter(tmp_path, private_cache):
    from reader.session import Session

    path = tmp_path / "note.md"
    path.write_text("---\ntitle: 笔记\nauthor: 某人\nmood: 好\n---\n\n今天读了一本书。\n", encoding="utf-8")
    article = Session.article_to_read(str(path))
    assert (article.title, article.byline, article.extra) == ("笔记", "某人", {"mood": "好"})


def test_a_missing_file_is_still_a_one_line_error(tmp_path, private_cache):
    from reader.errors import UserError

    with pytest.raises(UserError, match="no such file"):
        cached_article(tmp_path / "missing.txt")
