"""Make the sample EPUB files in this folder (standard library only): run it to rebuild them.

    daodejing-epub3.epub   EPUB 3: nav document, a cover page, CSS, an image, ruby, three chapters
                           whose files are not in name order (the spine decides), one chapter split
                           over two files (the second has no TOC entry of its own)
    lunyu-epub2.epub       EPUB 2: an NCX table of contents, two chapters
    damaged.epub           the EPUB 2 file cut short (a damaged zip)
    nospine.epub           an OPF without a <spine>
    drm.epub               META-INF/encryption.xml encrypting the chapters (as DRM does)

Texts: 《道德经》 chapters 1-3 and 《论语·学而》 (public domain), from zh.wikisource.org.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="zh-CN">
<head><title>{title}</title><link rel="stylesheet" type="text/css" href="../styles/book.css"/>
<style>p {{ text-indent: 2em; }}</style></head>
<body>
{body}
</body>
</html>"""

DAODEJING = [
    ("第一章", "text/c1.xhtml", [
        "道可道，非常道。名可名，非常名。",
        "无名天地之始；有名万物之母。故常无，欲以观其妙；常有，欲以观其徼。",
        "此两者，同出而异名，同谓之玄。玄之又玄，众妙之门。",
    ]),
    ("第二章", "text/b2.xhtml", [
        "天下皆知美之为美，斯恶已。皆知善之为善，斯不善已。",
        "故有无相生，难易相成，长短相形，高下相倾，音声相和，前后相随。",
        "是以圣人处无为之事，行不言之教；万物作焉而不辞，生而不有，为而不恃，功成而弗居。夫唯弗居，是以不去。",
    ]),
    ("第三章", "text/a3.xhtml", [
        "不尚贤，使民不争；不贵难得之货，使民不为盗；不见可欲，使民心不乱。",
        "是以圣人之治，虚其心，实其腹，弱其志，强其骨。",
    ]),
]
DAODEJING_3_CONTINUED = ["常使民无知无欲。使夫智者不敢为也。为无为，则无不治。"]

LUNYU = [
    ("学而第一（上）", "chap01.html", [
        "子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？”",
        "有子曰：“其为人也孝弟，而好犯上者，鲜矣；不好犯上，而好作乱者，未之有也。君子务本，本立而道生。孝弟也者，其为仁之本与！”",
    ]),
    ("学而第一（下）", "chap02.html", [
        "子曰：“巧言令色，鲜矣仁！”",
        "曾子曰：“吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？”",
    ]),
]

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
    "0001e221bc330000000049454e44ae426082"
)


def _write(path: Path, files: list[tuple[str, bytes | str]]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                        compress_type=zipfile.ZIP_DEFLATED)


def epub3() -> list[tuple[str, bytes | str]]:
    files: list[tuple[str, bytes | str]] = [("META-INF/container.xml", CONTAINER.format(opf="OEBPS/content.opf"))]
    files.append(("OEBPS/styles/book.css", "body { font-family: serif; } h2 { text-align: center; }"))
    files.append(("OEBPS/images/cover.png", PNG_1x1))
    files.append(("OEBPS/text/cover.xhtml", XHTML.format(
        title="封面", body='<div class="cover"><img src="../images/cover.png" alt="封面"/></div>')))
    for n, (title, href, paragraphs) in enumerate(DAODEJING, start=1):
        body = f'<section epub:type="chapter"><h2>{title}</h2>\n'
        body += "\n".join(f"<p>{p}</p>" for p in paragraphs)
        if n == 2:  # an EPUB 3 footnote: the reference mark and the note itself are not text to read
            body = body.replace("斯恶已。", 'ZZ斯恶已。', 1).replace(
                "ZZ", '<a epub:type="noteref" href="#n1"><sup>1</sup></a>', 1)
            body += '\n<aside epub:type="footnote" id="n1"><p>恶：丑。</p></aside>'
        if n == 1:
            body += '\n<p class="note"><ruby>徼<rp>(</rp><rt>jiào</rt><rp>)</rp></ruby>：边际。<img src="../images/cover.png" alt="插图"/></p>'
        files.append((f"OEBPS/{href}", XHTML.format(title=title, body=body + "</section>")))
    files.append(("OEBPS/text/a3b.xhtml", XHTML.format(
        title="第三章", body="\n".join(f"<p>{p}</p>" for p in DAODEJING_3_CONTINUED))))
    nav_items = "\n".join(f'<li><a href="{href[5:]}">{title}</a></li>' for title, href, _ in DAODEJING)
    files.append(("OEBPS/text/nav.xhtml", XHTML.format(
        title="目录", body=f'<nav epub:type="toc" id="toc"><h1>目录</h1><ol>\n{nav_items}\n</ol></nav>'
        '<nav epub:type="landmarks"><ol><li><a epub:type="cover" href="cover.xhtml">封面</a></li></ol></nav>')))
    manifest = [
        '<item id="nav" href="text/nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="styles/book.css" media-type="text/css"/>',
        '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>',
        '<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>',
    ]
    spine = ['<itemref idref="cover" linear="no"/>']
    for n, (_, href, _) in enumerate(DAODEJING, start=1):
        manifest.append(f'<item id="ch{n}" href="{href}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="ch{n}"/>')
    manifest.append('<item id="ch3b" href="text/a3b.xhtml" media-type="application/xhtml+xml"/>')
    spine.append('<itemref idref="ch3b"/>')
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="zh-CN">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:5f0c7a2e-0b1c-4c33-9d55-daodejing0001</dc:identifier>
    <dc:title>道德经</dc:title>
    <dc:creator id="author">老子</dc:creator>
    <dc:language>zh-CN</dc:language>
    <dc:publisher>yuedu test samples</dc:publisher>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    {chr(10).join(manifest)}
  </manifest>
  <spine>
    {chr(10).join(spine)}
  </spine>
</package>"""
    files.append(("OEBPS/content.opf", opf))
    return files


def epub2(with_spine: bool = True) -> list[tuple[str, bytes | str]]:
    files: list[tuple[str, bytes | str]] = [("META-INF/container.xml", CONTAINER.format(opf="content.opf"))]
    for title, href, paragraphs in LUNYU:
        body = f"<h1>{title}</h1>\n" + "\n".join(f"<p>{p}</p>" for p in paragraphs)
        body = body.replace("不亦说乎？", '不亦说乎？<a href="#zhu1"><sup>[1]</sup></a>', 1)  # an EPUB 2 note mark
        files.append((href, XHTML.format(title=title, body=body).replace("../styles/book.css", "book.css")))
    points = "\n".join(
        f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{title}</text></navLabel><content src="{href}"/></navPoint>'
        for n, (title, href, _) in enumerate(LUNYU, start=1)
    )
    files.append(("toc.ncx", f"""<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="lunyu-sample"/></head>
  <docTitle><text>论语</text></docTitle>
  <navMap>{points}</navMap>
</ncx>"""))
    manifest = '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>\n' + "\n".join(
        f'<item id="c{n}" href="{href}" media-type="application/xhtml+xml"/>' for n, (_, href, _) in enumerate(LUNYU, 1)
    )
    spine = '<spine toc="ncx">' + "".join(f'<itemref idref="c{n}"/>' for n in range(1, len(LUNYU) + 1)) + "</spine>"
    files.append(("content.opf", f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="BookId">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>论语</dc:title>
    <dc:creator opf:role="aut">孔子弟子及再传弟子</dc:creator>
    <dc:language>zh</dc:language>
    <dc:date>2020-05-04</dc:date>
    <dc:identifier id="BookId">lunyu-sample</dc:identifier>
  </metadata>
  <manifest>{manifest}</manifest>
  {spine if with_spine else ""}
</package>"""))
    return files


def main() -> None:
    _write(HERE / "daodejing-epub3.epub", epub3())
    _write(HERE / "lunyu-epub2.epub", epub2())
    whole = (HERE / "lunyu-epub2.epub").read_bytes()
    (HERE / "damaged.epub").write_bytes(whole[: len(whole) // 2])
    _write(HERE / "nospine.epub", epub2(with_spine=False))
    drm = epub2()
    drm.append(("META-INF/encryption.xml", """<?xml version="1.0" encoding="UTF-8"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData>
    <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
    <enc:CipherData><enc:CipherReference URI="chap01.html"/></enc:CipherData>
  </enc:EncryptedData>
</encryption>"""))
    _write(HERE / "drm.epub", drm)


if __name__ == "__main__":
    main()
