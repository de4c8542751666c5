"""`yuedu import - < book.epub` and `< paper.pdf`: books and PDFs from standard input are imported as
from a file (not read as text), and their bad input is still one line naming <stdin>."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
REPO = DATA.parent.parent


def run_import(source: Path, into: Path) -> subprocess.CompletedProcess:
    with source.open("rb") as handle:
        return subprocess.run([sys.executable, "-m", "reader", "import", "-", "--into", str(into)], stdin=handle,
                              capture_output=True, text=True, cwd=REPO)


def test_an_epub_from_standard_input_is_a_book_of_chapters(tmp_path):
    out = run_import(DATA / "epub" / "lunyu-epub2.epub", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "from <stdin>" in out.stdout
    files = sorted(tmp_path.glob("*.md"))
    assert [f.name[-7:] for f in files] == ["-001.md", "-002.md"]
    text = files[0].read_text(encoding="utf-8")
    assert "book: 论语" in text and "学而时习之" in text


def test_a_pdf_from_standard_input_is_read_from_its_text_layer(tmp_path):
    out = run_import(DATA / "pdf" / "guxiang.pdf", tmp_path)
    assert out.returncode == 0, out.stderr
    (article,) = tmp_path.glob("*.md")
    text = article.read_text(encoding="utf-8")
    assert "title: 故乡" in text and "%PDF" not in text and "我冒了严寒" in text


@pytest.mark.parametrize("name, message", [("epub/damaged.epub", "damaged EPUB"),
                                           ("pdf/encrypted.pdf", "encrypted")])
def test_bad_books_from_standard_input_are_one_line_naming_stdin(tmp_path, name, message):
    out = run_import(DATA / name, tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("yuedu: <stdin>: ") and message in out.stderr
    assert "Traceback" not in out.stderr and "yuedu-stdin-" not in out.stderr
    assert not list(tmp_path.glob("*.md"))
