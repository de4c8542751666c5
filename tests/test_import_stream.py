"""A large import is streamed: the text is read and cleaned a line at a time, each article written
to a temporary file as soon as it is built, and all of them renamed into place at the end. The
files are the same as the whole-text importer's; memory stays a small multiple of the file's size;
a failure part way leaves the folder as it was."""

from __future__ import annotations

import codecs
import random
import tempfile
import tracemalloc
from pathlib import Path

import pytest

from reader.core import importer, textio
from reader.core.importer import import_file, import_into, write_articles
from reader.errors import UserError

SENTENCES = [
    "北京正着力打造我国自主创新的重要源头和原始创新的主要策源地。",
    "科研人员得以专心致志地开展基础研究工作。",
    "长城脚下，雁栖湖畔，一个个有关大国重器的消息接踵而至。",
    "他说：“我们要把论文写在祖国大地上。”",
    "今年以来，全市新增高新技术企业三千余家，同比增长百分之十二。",
    "这些成果正在从实验室走向生产线。",
    "记者了解到，相关项目已进入中试阶段。",
]


def book(path: Path, size: int, seed: int = 1) -> Path:
    """A text of about ``size`` bytes: a title, then paragraphs of shuffled sentences."""
    rng = random.Random(seed)
    parts = ["一本很长的书\n"]
    total = 0
    while total < size:
        paragraph = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def paper(path: Path) -> Path:
    """A page of three articles, each a headline and a byline over its paragraphs, one of them twice."""
    rng = random.Random(2)
    pages = []
    for n in (1, 2, 1, 3):
        body = "\n\n".join("".join(rng.choice(SENTENCES) for _ in range(3)) for _ in range(4))
        pages.append(f"第{n}篇报道的标题\n\n本报记者 王小明\n\n{body}")
    path.write_text("\n\n\n".join(pages) + "\n", encoding="utf-8")
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("make", [paper, lambda p: book(p, 200_000)], ids=["paper", "book"])
def test_streamed_import_writes_the_same_files_as_the_whole_text_importer(tmp_path: Path, make):
    text = make(tmp_path / "text.txt")
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    result = import_file(text)
    write_articles(result, whole)
    report = import_into(text, streamed)
    assert files(streamed) == files(whole)
    assert [w.id for w in report.written] == [a.id for a in result.articles]
    assert [w.paragraphs for w in report.written] == [len(a.paragraphs) for a in result.articles]
    assert report.repairs == result.repairs


def test_a_large_import_holds_the_text_about_once(tmp_path: Path):
    """Peak memory (Python's own allocations) while importing a 3 MB text stays under three times
    its size (it was 27 times: every hanzi of the body a string of its own for the article's id,
    and the reader asking for the 64 MB limit up front)."""
    text = book(tmp_path / "book.txt", 3_000_000)
    importer._char_pinyin("中")  # the id's pinyin table: loaded once per process, whatever the size
    tracemalloc.start()
    try:
        import_into(text, tmp_path / "out")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * text.stat().st_size, f"peak {peak / 1e6:.1f} MB for {text.stat().st_size / 1e6:.1f} MB"
    [written] = (tmp_path / "out").glob("*.md")
    assert "一本很长的书" in written.read_text(encoding="utf-8")[:200]


def test_a_failure_part_way_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch):
    """The third article cannot be written (a full disk): none is, and no temporary file is left."""
    text = paper(tmp_path / "paper.txt")
    result = import_file(text)
    assert len(result.articles) == 4
    into = tmp_path / "out"
    into.mkdir()
    (into / "mine.md").write_text("---\nid: mine\ntitle: 我的\n---\n\n我的。\n", encoding="utf-8")
    real = tempfile.mkstemp
    calls = []

    def mkstemp(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(UserError, match="No space left"):
        write_articles(result, into)
    assert sorted(p.name for p in into.iterdir()) == ["mine.md"]
    calls.clear()
    with pytest.raises(UserError, match="No space left"):
        import_into(text, into)
    assert sorted(p.name for p in into.iterdir()) == ["mine.md"]


def test_a_file_is_read_again_instead_of_kept(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(textio, "CHUNK", 5)  # chunk ends inside characters and between CR and LF
    text = "标题\r\n\r\n第一段，很长。\r\n第二段\f第三段\v完。\x1b[2J\r\n" + "正文。" * 40 + "\n"
    path = tmp_path / "t.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    stream = textio.read_stream(path)
    assert stream.data == b""  # the bytes were let go; the lines come from the file again
    assert list(stream.lines()) == textio.read_text(path).text.split("\n")
    assert list(stream.lines()) == ["标题", "", "第一段，很长。", "第二段", "", "第三段", "完。\\u001b[2J", "正文。" * 40, ""]
    path.write_bytes(b"\xff\xfe changed")
    with pytest.raises(UserError, match="changed while it was being read"):
        list(stream.lines())


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030", "big5"])
def test_lines_of_other_encodings_match_the_whole_text(tmp_path: Path, monkeypatch, encoding):
    monkeypatch.setattr(textio, "CHUNK", 3)
    text = "北京正著力打造\r\n自主創新的重要源頭。\r\r\n科研人員\n"
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(encoding))
    assert list(textio.read_stream(path).lines()) == textio.read_text(path).text.split("\n")
