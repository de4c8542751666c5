"""EPUB 2 and 3: one book of chapters in spine order, TOC titles, metadata; bad books are one line."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.core.article import load_library
from reader.core.importer import article_from_file, import_file, write_articles
from reader.errors import UserError

DATA = Path(__file__).resolve().parent / "data" / "epub"
REPO = Path(__file__).resolve().parent.parent


def texts(article) -> list[str]:
    return [b.text for b in article.paragraphs]


def test_epub3_is_one_book_of_chapters_in_spine_order():
    result = import_file(DATA / "daodejing-epub3.epub")
    chapters = result.articles
    # The files are named a3, b2, c1 (name order would be backwards) and the cover page is not linear.
    assert [c.title for c in chapters] == ["第一章", "第二章", "第三章"]
    assert all(c.byline == "老子" and c.extra["book"] == "道德经" for c in chapters)
    assert {c.kicker for c in chapters} == {"道德经"}  # the library lists 道德经 · 第一章
    assert [c.extra["chapter"] for c in chapters] == ["1", "2", "3"]
    assert {c.extra["chapters"] for c in chapters} == {"3"}
    assert len({c.extra["book_id"] for c in chapters}) == 1
    assert [c.id for c in chapters] == sorted(c.id for c in chapters)  # the library lists them in order
    assert texts(chapters[0])[0] == "道可道，非常道。名可名，非常名。"
    # ruby annotations, images and the repeated chapter heading are gone
    assert texts(chapters[0])[-1] == "徼：边际。"
    body = "\n".join(b.text for c in chapters for b in c.blocks)
    assert "jiào" not in body and "插图" not in body and "封面" not in body and "目录" not in body
    assert not any(b.is_heading and b.text == c.title for c in chapters for b in c.blocks)
    # a footnote's reference mark and the footnote itself are not part of the text
    assert texts(chapters[1])[0] == "天下皆知美之为美，斯恶已。皆知善之为善，斯不善已。"
    assert "恶：丑" not in body
    # the second file of chapter 3 (no TOC entry, no heading) continues chapter 3
    assert texts(chapters[2])[-1] == "常使民无知无欲。使夫智者不敢为也。为无为，则无不治。"


def test_epub2_with_an_ncx():
    chapters = import_file(DATA / "lunyu-epub2.epub").articles
    assert [c.title for c in chapters] == ["学而第一（上）", "学而第一（下）"]
    assert chapters[0].byline == "孔子弟子及再传弟子"
    assert chapters[0].date == "2020-05-04"
    assert texts(chapters[0])[0].startswith("子曰：“学而时习之，不亦说乎？有朋自远方来")  # the [1] note mark is gone
    assert texts(chapters[1]) == ["子曰：“巧言令色，鲜矣仁！”", "曾子曰：“吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？”"]


def test_imported_book_loads_back_from_the_library(tmp_path):
    result = import_file(DATA / "daodejing-epub3.epub")
    write_articles(result, tmp_path)
    library = load_library([tmp_path])
    assert library.errors == []
    assert [a.title for a in library.articles] == ["第一章", "第二章", "第三章"]
    assert library.articles[1].extra["book"] == "道德经"


def test_read_opens_the_whole_book_with_chapter_heads():
    article = article_from_file(DATA / "daodejing-epub3.epub")
    assert article.title == "道德经" and article.byline == "老子"
    assert [b.text for b in article.blocks if b.is_heading] == ["第一章", "第二章", "第三章"]


def test_a_book_with_another_suffix_is_still_found(tmp_path):
    copy = tmp_path / "book.bin"
    copy.write_bytes((DATA / "lunyu-epub2.epub").read_bytes())
    assert [c.title for c in import_file(copy).articles] == ["学而第一（上）", "学而第一（下）"]


def test_font_obfuscation_is_not_drm(tmp_path):
    path = tmp_path / "fonts.epub"
    with zipfile.ZipFile(DATA / "lunyu-epub2.epub") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("META-INF/encryption.xml", (
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
            '<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
            '<enc:CipherData><enc:CipherReference URI="fonts/a.otf"/></enc:CipherData>'
            "</enc:EncryptedData></encryption>"))
    assert len(import_file(path).articles) == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("damaged.epub", "damaged EPUB: not a readable zip archive"),
        ("nospine.epub", "damaged EPUB: its package file has no spine"),
        ("drm.epub", "this EPUB is DRM-protected"),
    ],
)
def test_bad_books_are_one_line_status_2(tmp_path, name, message):
    with pytest.raises(UserError, match=message):
        import_file(DATA / name)
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(DATA / name), "--into", str(tmp_path / "lib")],
                         capture_output=True, text=True, env=dict(os.environ), cwd=REPO, timeout=120)
    assert out.returncode == 2
    assert out.stderr.startswith(f"yuedu: {DATA / name}: {message}") and out.stderr.count("\n") == 1
    assert not (tmp_path / "lib").exists()


def test_a_zip_that_is_not_an_epub(tmp_path):
    path = tmp_path / "notes.epub"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "你好")
    with pytest.raises(UserError, match="container.xml is missing"):
        import_file(path)


def test_note_marks_go_but_a_superscript_that_is_text_stays():
    from reader.core.importers.epub import _blocks, _html

    page = ('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>面积10km<sup>2</sup>，见注<sup>[2]</sup>和'
            '<a href="#x"><sup>3</sup></a>。</p><aside role="doc-footnote"><p>注文。</p></aside></body></html>')
    assert _blocks(_html(page.encode())) == [("paragraph", "面积10km2，见注和。")]


def test_a_chapter_damaged_inside_the_zip_is_one_line(tmp_path):
    data = bytearray((DATA / "lunyu-epub2.epub").read_bytes())
    with zipfile.ZipFile(DATA / "lunyu-epub2.epub") as zf:
        info = zf.getinfo("chap02.html")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[start : start + 8] = b"\x00" * 8  # damage the compressed bytes of one chapter
    path = tmp_path / "bad-chapter.epub"
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="damaged EPUB"):
        import_file(path)


def test_an_empty_chapter_file_is_skipped(tmp_path):
    path = tmp_path / "empty-chapter.epub"
    with zipfile.ZipFile(DATA / "lunyu-epub2.epub") as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, b"" if info.filename == "chap02.html" else src.read(info))
    assert [c.title for c in import_file(path).articles] == ["学而第一（上）"]
