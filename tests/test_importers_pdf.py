"""PDFs with a text layer: reading order, furniture dropped, lines joined; scans and encrypted files refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.importer import article_from_file, import_file
from reader.errors import UserError

DATA = Path(__file__).resolve().parent / "data" / "pdf"
REPO = Path(__file__).resolve().parent.parent
GUXIANG = [
    "我冒了严寒，回到相隔二千余里，别了二十余年的故乡去。",
    "时候既然是深冬；渐近故乡时，天气又阴晦了，冷风吹进船舱中，呜呜的响，从篷隙向外一望，苍黄的天底下，"
    "远近横着几个萧索的荒村，没有一些活气。我的心禁不住悲凉起来了。",
    "阿！这不是我二十年来时时记得的故乡？",
    "我所记得的故乡全不如此。我的故乡好得多了。但要我记起他的美丽，说出他的佳处来，却又没有影像，没有言辞了。"
    "仿佛也就如此。于是我自己解释说：故乡本也如此，——虽然没有进步，也未必有如我所感的悲凉，这只是我自己心情的"
    "改变罢了，因为我这次回乡，本没有什么好心绪。",
    "我这次是专为了别他而来的。我们多年聚族而居的老屋，已经公同卖给别姓了，交屋的期限，只在本年，所以必须赶在"
    "正月初一以前，永别了熟识的老屋，而且远离了熟识的故乡，搬家到我在谋食的异地去。",
    "我想：希望本是无所谓有，无所谓无的。这正如地上的路；其实地上本没有路，走的人多了，也便成了路。",
]


def test_pdf_text_in_reading_order_with_lines_joined():
    [article] = import_file(DATA / "guxiang.pdf").articles
    assert article.title == "故乡"
    assert article.byline == "鲁迅"  # from the metadata; the name under the title is not a paragraph
    # Every paragraph whole: lines broken at the margin joined, the paragraph running from page 1 on to
    # page 2 joined across the break, page 2 (drawn bottom-up in the file) read top to bottom.
    assert [b.text for b in article.blocks] == GUXIANG
    assert article.date is None  # the file's creation date is not when the text was written


def test_running_header_and_page_numbers_are_dropped():
    [article] = import_file(DATA / "guxiang.pdf").articles
    text = "\n".join(b.text for b in article.blocks)
    assert "呐喊 · 故乡" not in text and "—" not in text.replace("——", "")


def test_two_columns_are_read_one_after_the_other():
    [article] = import_file(DATA / "twocolumn.pdf").articles
    paragraphs = [b.text for b in article.paragraphs]
    assert paragraphs[-4:] == GUXIANG[:4]
    assert "3" not in "".join(paragraphs)  # the bare page number


def test_read_opens_a_pdf():
    article = article_from_file(DATA / "guxiang.pdf")
    assert article.title == "故乡" and article.paragraphs[0].text == GUXIANG[0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scanned.pdf", "this PDF has no text layer (a scan?)"),
        ("encrypted.pdf", "this PDF is encrypted and needs a password"),
    ],
)
def test_scans_and_encrypted_pdfs_are_one_line_status_2(tmp_path, name, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        import_file(DATA / name)
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(DATA / name), "--into", str(tmp_path / "lib")],
                         capture_output=True, text=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 2
    assert out.stderr.startswith(f"yuedu: {DATA / name}: {message}") and out.stderr.count("\n") == 1
    assert not (tmp_path / "lib").exists()


def test_a_damaged_pdf_is_one_line(tmp_path):
    whole = (DATA / "guxiang.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[:1200])
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(path), "--into", str(tmp_path / "lib")],
                         capture_output=True, text=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith(f"yuedu: {path}: ") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("name", ["guxiang.pdf", "twocolumn.pdf"])
def test_the_summary_counts_the_paragraphs_imported(name):
    """The summary's count is of the paragraphs the article holds, not of the text layer's blocks before
    the headline became the title (it said 7 where 6 were imported)."""
    result = import_file(DATA / name)
    held = sum(len(a.paragraphs) for a in result.articles)
    note = next(r for r in result.repairs if r.startswith("PDF: "))
    assert note.startswith(f"PDF: {held} paragraph(s) ")
