"""Make the sample PDFs in this folder. Needs reportlab (BSD; a tool for making samples, not a
dependency of yuedu): `pip install reportlab pypdf` in a scratch environment, then run this file.

    guxiang.pdf      鲁迅《故乡》 (1921), opening and closing paragraphs: two A6 pages with a running
                     header, a page number in the footer, lines broken at the right margin, a paragraph
                     running on to the next page, and page 2's lines drawn bottom-up in the content stream
                     (so reading order must come from the positions, not the stream)
    twocolumn.pdf    the first four paragraphs on one page in two columns (the right one drawn first),
                     paragraphs indented by position, a header line across the top, a bare page number
    scanned.pdf      a page with only an image (no text layer), as a scanner makes
    encrypted.pdf    guxiang.pdf encrypted with a user password
Fonts: the standard Adobe CID font STSong-Light (not embedded; its Unicode CMap gives the text layer).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent

TITLE = "故乡"
AUTHOR = "鲁迅"
PARAGRAPHS = [
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
FONT = "STSong-Light"
SIZE = 9
LEADING = 14
CHARS_PER_LINE = 20
MARGIN_X = 24
TOP = A6[1] - 48
BOTTOM = 48


def lines() -> list[tuple[str, bool]]:
    """(line, starts a paragraph) with a two-space indent, broken every CHARS_PER_LINE characters."""
    out: list[tuple[str, bool]] = []
    for paragraph in PARAGRAPHS:
        text = "\u3000\u3000" + paragraph
        for start in range(0, len(text), CHARS_PER_LINE):
            out.append((text[start : start + CHARS_PER_LINE], start == 0))
    return out


def guxiang(path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=A6, pageCompression=0)
    c.setTitle(TITLE)
    c.setAuthor(AUTHOR)
    pending = lines()
    page = 1
    first = True
    while pending:
        placed: list[tuple[float, str, float]] = []  # (x, text, y)
        y = TOP
        if first:
            placed.append((MARGIN_X + 4 * SIZE, TITLE, y))
            y -= LEADING * 1.6
            placed.append((MARGIN_X + 5 * SIZE, AUTHOR, y))
            y -= LEADING * 1.6
            first = False
        while pending and y > BOTTOM + LEADING:
            text, _ = pending.pop(0)
            placed.append((MARGIN_X, text, y))
            y -= LEADING
        c.setFont(FONT, 7)
        c.drawString(MARGIN_X, A6[1] - 24, "呐喊 · 故乡")  # running header
        c.drawCentredString(A6[0] / 2, 24, f"— {page} —")  # page number
        c.setFont(FONT, SIZE)
        for x, text, y in (reversed(placed) if page == 2 else placed):
            c.drawString(x, y, text)
        c.showPage()
        page += 1
    c.save()


def twocolumn(path: Path) -> None:
    """One A5 landscape-ish page in two columns, the right column drawn first; indent by position."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = 420, 300
    c = canvas.Canvas(str(path), pagesize=(width, height), pageCompression=0)
    column_chars = 18
    columns: list[list[tuple[str, bool]]] = [[], []]
    flat: list[tuple[str, bool]] = []
    for paragraph in PARAGRAPHS[:4]:
        for start in range(0, len(paragraph), column_chars):
            flat.append((paragraph[start : start + column_chars], start == 0))
    half = (len(flat) + 1) // 2
    columns[0], columns[1] = flat[:half], flat[half:]
    c.setFont(FONT, SIZE)
    c.drawString(24, height - 20, "呐喊 · 故乡")
    for index in (1, 0):
        x0 = 24 if index == 0 else width / 2 + 12
        y = height - 44
        for text, first in columns[index]:
            c.drawString(x0 + (2 * SIZE if first else 0), y, text)
            y -= LEADING
    c.drawCentredString(width / 2, 12, "3")
    c.showPage()
    c.save()


def scanned(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A6)
    for i in range(12):  # grey bars where a scanner's picture of text would be
        c.setFillGray(0.2 + 0.05 * (i % 3))
        c.rect(MARGIN_X, TOP - i * LEADING, A6[0] - 2 * MARGIN_X, 6, stroke=0, fill=1)
    c.showPage()
    c.save()


def encrypted(source: Path, path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)


def main() -> None:
    guxiang(HERE / "guxiang.pdf")
    scanned(HERE / "scanned.pdf")
    twocolumn(HERE / "twocolumn.pdf")
    encrypted(HERE / "guxiang.pdf", HERE / "encrypted.pdf")


if __name__ == "__main__":
    main()
