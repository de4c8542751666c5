"""The importer: the real seed page, texts in other encodings, and the clean-up rules one by one."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.article import load_article, load_library
from reader.errors import UserError
from reader.core.importer import (
    article_from_file,
    collapse_repeats,
    fix_stray_and,
    import_file,
    import_text,
    meta_of,
    normalise_punctuation,
    write_articles,
)

REPO = Path(__file__).resolve().parent.parent
HAN = "\u4e00-\u9fff"


def yuedu(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin, capture_output=True, env=dict(os.environ), cwd=cwd or REPO, timeout=120,
    )


# ----------------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_import():
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED}")
    before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    result = import_file(SEED, source="科技日报")
    yield result
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == before, "importing changed the seed file"


def body(article) -> str:
    return "\n".join(b.text for b in article.blocks)


def everything(result) -> str:
    parts = []
    for a in result.articles:
        parts += [a.title, a.kicker or "", a.note or "", a.byline or "", body(a)]
    return "\n".join(parts)


def test_seed_gives_three_articles_with_headlines_and_bylines(seed_import):
    arts = seed_import.articles
    assert [a.title for a in arts] == [
        "关键处「落子」成就大发展「好棋」",
        "伊彤代表：破除机制障碍，护航人才成长",
        "让更多民营火箭上天",
    ]
    assert [a.kicker for a in arts] == ["北京国际科技创新中心", None, "技术、应用、制度多头并进"]
    assert [a.column for a in arts] == [None, "新思路", "新模式"]
    assert all(a.byline == "本报记者 华凌" for a in arts)
    # Page furniture applies to every article of the page.
    assert all(a.section == "两会特刊" and a.series == "创新驱动筑高地" for a in arts)
    assert all(a.note and a.note.startswith("编者按") and "系列报道" in a.note for a in arts)
    assert all(a.source == "科技日报" and a.date is None for a in arts)
    # Subheads of the first article are ## heads, not paragraphs.
    assert [b.text for b in arts[0].blocks if b.kind == "heading"] == [
        "壮大战略科技力量", "提升创新体系效能", "加快科技园区建设",
    ]
    # None of the furniture leaked into the body text.
    for a in arts:
        text = body(a)
        for furniture in ("两会特刊", "编者按", "◎", "本报记者 华凌", "新思路\n", "新模式\n"):
            assert furniture not in text


def test_seed_repairs(seed_import):
    text = everything(seed_import)
    assert "受访者供图" not in text
    assert "着力打造我国" in text
    assert "国际科技创新中心建设的潜力" in text
    assert "支持在京发起设立国际科技组织" in text
    assert not re.search(f"[{HAN}],|,[{HAN}]", text), "a half-width comma is left between hanzi"
    assert not re.search(f"[{HAN}][:;()!?]|[:;()!?][{HAN}]", text)
    assert "多模态跨尺度生物医学成像设施启动试运行" in text
    assert "成像设施多模态跨尺度生物医学成像设施" not in text
    assert "行动方案和关键核心技术" in text and " and " not in text
    assert "“悟道3.0”" in text and "保诺科技（北京）有限公司" in text
    repairs = "\n".join(seed_import.repairs)
    for word in ("受访者供图", "多模态跨尺度生物医学成像设施", "和", "3 articles"):
        assert word in repairs


def test_seed_paragraph_counts_are_plausible(seed_import):
    # Every printed paragraph of the page is one paragraph here: no fragments, no run-ons.
    counts = [len(a.paragraphs) for a in seed_import.articles]
    assert counts == [21, 9, 10]
    for a in seed_import.articles:
        for p in a.paragraphs:
            assert p.text[-1] in "。！？”", f"paragraph ends mid-sentence: …{p.text[-12:]}"


def test_committed_articles_are_exactly_what_the_importer_makes(seed_import, tmp_path):
    written = write_articles(seed_import, tmp_path / "out")
    committed = sorted((REPO / "articles").glob("*.md"))
    assert sorted(p.name for p in written) == [p.name for p in committed], (
        "articles/ differs from a fresh import; regenerate with "
        "`yuedu import ../shared/seeds/000_09d51b0d93aa0b61.txt --into articles --source 科技日报`"
    )
    for path in written:
        assert path.read_bytes() == (REPO / "articles" / path.name).read_bytes(), f"{path.name} differs"


def test_reimport_gives_same_ids_and_bytes(seed_import, tmp_path):
    again = import_file(seed_import.source_name, source="科技日报")
    assert [a.id for a in again.articles] == [a.id for a in seed_import.articles]
    first = [p.read_bytes() for p in write_articles(seed_import, tmp_path / "a")]
    second = [p.read_bytes() for p in write_articles(again, tmp_path / "b")]
    assert first == second


def test_committed_articles_load_and_ids_are_stable(repo):
    library = load_library([repo / "articles"])
    assert library.errors == []
    assert len(library.articles) == 3
    for article in library.articles:
        assert article.path.name == f"{article.id}.md"
        assert re.match(r"^[a-z0-9-]+-[0-9a-f]{6}$", article.id)


def test_cli_import_of_the_seed_goes_to_the_library_not_the_repo(seed_import, yuedu_home, tmp_path):
    before = sorted(p.name for p in (REPO / "articles").iterdir())
    # The seed page with one change outside what makes an id (the byline): the same ids as the
    # bundled articles, different files.
    page = tmp_path / "page.txt"
    page.write_text(Path(seed_import.source_name).read_text(encoding="utf-8").replace("华凌", "华凌凌"), encoding="utf-8")
    out = yuedu("import", str(page))
    assert out.returncode == 0, out.stderr.decode()
    lib = yuedu_home / "data" / "articles"
    made = sorted(p.name for p in lib.glob("*.md"))
    assert made == sorted(f"{a.id}-2.md" for a in seed_import.articles)
    assert sorted(p.name for p in (REPO / "articles").iterdir()) == before
    text = out.stdout.decode()
    for a in seed_import.articles:
        assert a.id in text and a.title in text
    assert "21 paragraphs" in text and "受访者供图" in text
    # Importing again changes nothing and says so.
    again = yuedu("import", str(page))
    assert again.stdout.decode().count("unchanged") == 3
    # Every article of the library has its own id: no "duplicate article id" complaints.
    listed = yuedu("list")
    assert listed.returncode == 0 and listed.stderr.decode() == ""
    assert listed.stdout.decode().count("关键处「落子」成就大发展「好棋」") == 2


def test_importing_a_bundled_article_again_writes_nothing(seed_import, yuedu_home):
    out = yuedu("import", seed_import.source_name)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().count("already bundled") == 3
    assert not list((yuedu_home / "data" / "articles").glob("*.md"))
    listed = yuedu("list")
    assert listed.returncode == 0 and "duplicate" not in listed.stderr.decode()
    assert listed.stdout.decode().count("关键处「落子」成就大发展「好棋」") == 1


# ----------------------------------------------------------------------------------- encodings

PAGE = """科技新闻

◎本报记者 王小明

今年,研究人员在实验室里取得了重要进展。该团队表示,未来将继续努力,争取更大突破。

专家认为,这项成果具有重要意义,将推动相关产业发展。
"""

PAGE_TRAD = """科技新聞

◎本報記者 王小明

今年,研究人員在實驗室裡取得了重要進展。該團隊表示,未來將繼續努力,爭取更大突破。

專家認為,這項成果具有重要意義,將推動相關產業發展。
"""


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("gb18030", PAGE),
        ("utf-16", PAGE),  # with BOM
        ("utf-16-le", PAGE),  # without BOM
        ("big5", PAGE_TRAD),
        ("utf-8-sig", PAGE),
    ],
)
def test_other_encodings_import_the_same(tmp_path, encoding, text):
    source = tmp_path / f"page-{encoding}.txt"
    source.write_bytes(text.encode(encoding))
    result = import_file(source)
    (article,) = result.articles
    assert article.title == text.split("\n")[0]
    assert article.byline.endswith("王小明")
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.startswith("今年，研")
    assert "\ufeff" not in article.title


def test_gb18030_through_the_cli(tmp_path, yuedu_home):
    source = tmp_path / "gbk.txt"
    source.write_bytes(PAGE.encode("gb18030"))
    into = tmp_path / "lib"
    out = yuedu("import", str(source), "--into", str(into), "--source", "测试报")
    assert out.returncode == 0, out.stderr.decode()
    (made,) = into.glob("*.md")
    article = load_article(made)
    assert article.title == "科技新闻" and article.source == "测试报"
    assert made.read_bytes().decode("utf-8")  # written as UTF-8 whatever came in


def test_stdin(tmp_path):
    into = tmp_path / "lib"
    out = yuedu("import", "-", "--into", str(into), "--title", "我的标题", stdin=PAGE.encode("gb18030"))
    assert out.returncode == 0, out.stderr.decode()
    (made,) = into.glob("*.md")
    article = load_article(made)
    assert article.title == "我的标题"
    assert "<stdin>" in out.stdout.decode()


def test_article_from_file_reads_articles_and_raw_text(tmp_path, repo):
    first = sorted((repo / "articles").glob("*.md"))[0]
    assert article_from_file(first).id == load_article(first).id
    raw = tmp_path / "raw.txt"
    raw.write_bytes(PAGE.encode("utf-16"))
    article = article_from_file(raw)
    assert article.title == "科技新闻" and article.path == raw


# ----------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("make", ["missing", "directory", "binary", "empty", "blank", "undecodable", "bad-article"])
def test_bad_input_is_one_line_with_status_2(tmp_path, make):
    target = tmp_path / "input.txt"
    if make == "directory":
        target.mkdir()
    elif make == "binary":
        target.write_bytes(bytes(range(256)) * 16)
    elif make == "empty":
        target.write_bytes(b"")
    elif make == "blank":
        target.write_bytes(b"\n  \n\t\n")
    elif make == "undecodable":
        # A UTF-8 byte-order mark, then bytes that are not UTF-8.
        target.write_bytes(b"\xef\xbb\xbf" + "中文".encode() + b"\xc3\x28\xa0\xa1\xff" * 20)
    elif make == "bad-article":
        target.write_text("---\nid: Not Valid\ntitle: x\n---\n\n正文。\n", encoding="utf-8")
    out = yuedu("import", str(target), "--into", str(tmp_path / "lib"))
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert "Traceback" not in err
    assert str(target) in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "lib").exists() or not list((tmp_path / "lib").iterdir())


def test_into_a_file_is_an_error(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(PAGE, encoding="utf-8")
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    out = yuedu("import", str(source), "--into", str(blocker))
    assert out.returncode == 2 and b"Traceback" not in out.stderr and str(blocker).encode() in out.stderr


def test_text_of_only_credits_is_an_error():
    with pytest.raises(UserError):
        import_text("受访者供图\n\n新华社发\n", source_name="x.txt")


# ----------------------------------------------------------------------------------- rules


def test_rich_markup_comes_through_unchanged():
    text = "[bold]标题[/bold]\n\n这是[red]正文[/red]，还有 [link=x]链接[/link] 和 [/] 符号。\n"
    (article,) = import_text(text).articles
    assert article.title == "[bold]标题[/bold]"
    assert article.paragraphs[0].text == "这是[red]正文[/red]，还有 [link=x]链接[/link] 和 [/] 符号。"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("北京,上海;广州:深圳!好吗?", "北京，上海；广州：深圳！好吗？"),
        ("保诺科技(北京)有限公司", "保诺科技（北京）有限公司"),
        ("共2,372项,增长3.0%", "共2,372项，增长3.0%"),
        ("时间是10:30,地点在北京", "时间是10:30，地点在北京"),
        ("他说 Hello, world! 然后走了", "他说 Hello, world! 然后走了"),
        ("网址 https://a.cn/x?a=1,2;b=(3) 很好", "网址 https://a.cn/x?a=1,2;b=(3) 很好"),
        ("在 Python (3.11) 中", "在 Python (3.11) 中"),
        ("English only, (fine): yes; ok!", "English only, (fine): yes; ok!"),
        ("增长5%,3个", "增长5%，3个"),
        ("使用Python,但是", "使用Python，但是"),
        ("比分3:2,很激烈", "比分3:2，很激烈"),
        ("“有底气”!", "“有底气”！"),
    ],
)
def test_punctuation(raw, clean):
    assert normalise_punctuation(raw)[0] == clean


def test_repeats_collapse_only_long_runs():
    text, found = collapse_repeats("设施多模态跨尺度生物医学成像设施多模态跨尺度生物医学成像设施启动")
    assert text == "设施多模态跨尺度生物医学成像设施启动"
    assert found == ["多模态跨尺度生物医学成像设施"]
    assert collapse_repeats("谢谢谢谢你你你")[0] == "谢谢谢谢你你你"  # short repeats are language
    assert collapse_repeats("研究研究研究研究")[0] == "研究研究研究研究"  # 4-hanzi run, below 8
    laughing = "哈" * 40 + "，" + "对对对" * 10
    assert collapse_repeats(laughing)[0] == laughing  # runs of one or two characters are not slips


def test_stray_and():
    assert fix_stray_and("行动方案 and 关键核心技术") == ("行动方案和关键核心技术", 1)
    assert fix_stray_and("R and D 很重要")[1] == 0
    assert fix_stray_and("research and development")[1] == 0
    assert fix_stray_and("品牌andy很好")[1] == 0


def test_credits_and_captions_are_removed_but_text_is_kept():
    text = (
        "标题\n\n"
        "第一段说的是，支持在京发起设立国际科技\n\n新华社记者 张三 摄\n\n组织的事情。\n\n"
        "图为工人在施工现场。新华社记者 李四 摄\n\n"
        "据统计，全市今年改造老旧小区300个。资料图片\n\n"
        "还有一段（本报记者 王五 摄）在这里。\n\n"
        "拍摄工作在实验室进行。\n"
    )
    (article,) = import_text(text).articles
    paras = [p.text for p in article.paragraphs]
    assert paras == [
        "第一段说的是，支持在京发起设立国际科技组织的事情。",
        "据统计，全市今年改造老旧小区300个。",
        "还有一段在这里。",
        "拍摄工作在实验室进行。",
    ]


def test_broken_paragraphs_join_but_whole_ones_do_not():
    text = (
        "标题\n\n"
        "这一段在栏尾被截断了，北京正着力打\n\n造我国自主创新的重要源头。\n\n"
        "这一段以逗号结尾被截断，\n\n后面接着写完。\n\n"
        "这一段完整。\n\n下一段也完整。\n"
    )
    (article,) = import_text(text).articles
    assert [p.text for p in article.paragraphs] == [
        "这一段在栏尾被截断了，北京正着力打造我国自主创新的重要源头。",
        "这一段以逗号结尾被截断，后面接着写完。",
        "这一段完整。",
        "下一段也完整。",
    ]


def test_a_page_of_my_own_splits_into_articles():
    page = (
        "经济周刊\n\n绿色转型进行时\n\n"
        "编者按:本报《经济周刊》今起推出“绿色转型进行时”系列报道,记录各地的做法。\n\n"
        "风电入海\n海上风电装机容量再创新高\n\n◎本报记者 王小明 通讯员 李四\n\n"
        "截至2月底,全省海上风电累计装机容量达到1,250万千瓦,同比增长12.5%。\n\n"
        "降本增效\n\n业内人士认为,未来还要在运维环节下功夫。\n\n"
        "城市更新·老旧小区焕发新生机\n\n新实践\n\n◎本报记者 赵六\n\n"
        "走进老城区的一个小区,记者看到,加装的电梯已经投入使用。\n"
    )
    result = import_text(page, source="某某报")
    first, second = result.articles
    assert (first.kicker, first.title, first.column) == ("风电入海", "海上风电装机容量再创新高", None)
    assert first.byline == "本报记者 王小明 通讯员 李四"
    assert [b.kind for b in first.blocks] == ["paragraph", "heading", "paragraph"]
    assert "1,250万千瓦，同比增长12.5%" in first.paragraphs[0].text
    assert (second.kicker, second.title, second.column) == ("城市更新", "老旧小区焕发新生机", "新实践")
    for a in (first, second):
        assert (a.section, a.series, a.source) == ("经济周刊", "绿色转型进行时", "某某报")
        assert a.note.startswith("编者按")
    assert first.id != second.id


def test_page_labels_without_a_note_are_not_headlines():
    page = (
        "两会特刊\n\n创新驱动筑高地\n\n北京国际科技创新中心·建设提速见成效\n\n新思路\n\n◎本报记者 华凌\n\n正文一。\n\n"
        "第二个标题在这里\n\n◎本报记者 张三\n\n正文二。\n"
    )
    first, second = import_text(page).articles
    assert (first.section, first.series) == (second.section, second.series) == ("两会特刊", "创新驱动筑高地")
    assert (first.kicker, first.title, first.column) == ("北京国际科技创新中心", "建设提速见成效", "新思路")
    assert (second.kicker, second.title, second.byline) == (None, "第二个标题在这里", "本报记者 张三")


def test_plain_text_without_headline_gets_a_title_from_its_first_words():
    result = import_text("春天来了，小草绿了，花儿开了。\n\n我们去公园散步。\n")
    (article,) = result.articles
    assert article.title == "春天来了"
    assert len(article.paragraphs) == 2
    # the summary says so once, and does not also claim a headline was recognised
    summary = "\n".join(result.repairs)
    assert summary.count("no headline") == 1 and "headline 春天来了" not in summary


@pytest.mark.parametrize(
    "text, title",
    [
        ("[bold]粗体[/bold]，这是一篇文章。", "[bold]粗体[/bold]"),  # markup-like text keeps its brackets
        ("“春天来了”，他说。", "春天来了"),  # a clause in quotes loses them
        ("“创新驱动”系列报道，很好。", "“创新驱动”系列报道"),  # a quote inside the clause stays whole
        ("“春天来了，小草绿了。”", "春天来了"),  # an unpaired quote at the start goes
    ],
)
def test_title_from_first_words_keeps_paired_brackets(text, title):
    (article,) = import_text(text).articles
    assert article.title == title


def test_source_is_not_invented():
    (article,) = import_text(PAGE).articles
    assert article.source is None and article.date is None


def test_ids_come_from_content_not_order():
    a = import_text("甲标题\n\n◎本报记者 甲\n\n甲的正文。\n\n乙标题\n\n◎本报记者 乙\n\n乙的正文。\n").articles
    b = import_text("乙标题\n\n◎本报记者 乙\n\n乙的正文。\n\n甲标题\n\n◎本报记者 甲\n\n甲的正文。\n").articles
    assert {x.title: x.id for x in a} == {x.title: x.id for x in b}
    assert a[0].id.startswith("jia-biao-ti-")


def test_section_label_dateline_and_end_marks():
    page = (
        "要闻\n\n以科技创新引领现代化产业体系建设\n\n"
        "本报北京3月5日电　（记者 李明）记者从科技部获悉,研发经费投入超过3.3万亿元。\n\n"
        "——聚焦关键领域\n\n在集成电路等领域,一批重大成果相继涌现。\n\n（完）\n\n责任编辑:王芳\n"
    )
    (article,) = import_text(page).articles
    assert (article.section, article.title) == ("要闻", "以科技创新引领现代化产业体系建设")
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    assert article.paragraphs[0].text.startswith("本报北京3月5日电")  # the dateline stays: it is text
    assert "完" not in body(article) and "王芳" not in body(article)


def test_markdown_headings_and_hash_lines():
    text = "# 我的笔记\n\n#话题# 今天读了一篇文章。\n\n## 小结\n\n收获很多。\n"
    (article,) = import_text(text).articles
    assert article.title == "我的笔记"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "＃话题# 今天读了一篇文章。"),
        ("heading", "小结"),
        ("paragraph", "收获很多。"),
    ]


_PIECES = [
    "中国", "科技", "创新", "，", "。", ",", ":", "(", ")", "!", "?", "\n", "\n\n", "#", "## ", "---",
    "◎本报记者 张三", "受访者供图", "编者按 ", "and", " ", "abc", "3.0", "2,372", "「", "」", "·", "“", "”",
    "[bold]", "\t", "\u3000", "…", "—", "：", "'", '"', "- ", "{", "}", "&", "!!python/x", "%", "@", "`",
]


def test_whatever_the_importer_makes_survives_the_article_format():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from reader.core.article import ID_RE, dump_article, parse_article

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60).map("".join))
    def check(text):
        try:
            result = import_text(text)
        except UserError:
            return
        for a in result.articles:
            assert ID_RE.match(a.id)
            again = parse_article(dump_article(a), "x.md")
            assert (again.title, again.kicker, again.note, again.byline, again.column) == (
                a.title, a.kicker, a.note, a.byline, a.column,
            )
            assert [(x.kind, x.text) for x in again.blocks] == [(x.kind, x.text) for x in a.blocks]

    check()


# ----------------------------------------------------------------------------------- fixtures
# tests/data/import holds small pages written for these tests (not copied from anywhere), saved in
# the encodings users hand us.

FIXTURES = REPO / "tests" / "data" / "import"


def test_fixture_gb18030_page_of_two_articles():
    raw = (FIXTURES / "page-gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really not UTF-8
    result = import_file(FIXTURES / "page-gb18030.txt")
    assert result.encoding == "gb18030"
    titles = [a.title for a in result.articles]
    assert titles == ["海上风电装机容量再创新高", "老旧小区焕发新生机"]
    text = everything(result)
    assert "施工技术的进步" in text  # joined across the column break
    assert "新华社记者" not in text and "资料图片" not in text and "图为" not in text
    assert "1,250万千瓦，同比增长12.5%" in text
    assert "https://example.org/wind?id=3,4" in text


def test_fixture_big5_page():
    result = import_file(FIXTURES / "page-big5.txt")
    (article,) = result.articles
    assert result.encoding.replace("_", "").lower() in ("big5", "cp950", "big5hkscs")
    assert (article.section, article.title, article.byline) == ("科技週刊", "新型電池能量密度提高三成", "本報記者 陳小華")
    assert "進一步驗證，預計明年" in body(article)  # joined across the traditional-character credit
    assert "受訪者供圖" not in body(article)


def test_fixture_utf16_notes():
    result = import_file(FIXTURES / "notes-utf16.txt")
    (article,) = result.articles
    assert article.title == "读书笔记"
    assert [p.text[:4] for p in article.paragraphs] == ["今天读完", "书中提到", "我最喜欢"]
    assert "步行；公园" in body(article)


def test_source_inferred_only_when_the_paper_names_itself(seed_import):
    from conftest import SEED

    inferred = import_file(SEED)
    assert {a.source for a in inferred.articles} == {"科技日报"}
    assert any("inferred" in line for line in inferred.repairs)
    once = "标题\n\n◎本报记者 张三\n\n他在接受人民日报记者采访时说，这很好。\n"
    assert import_text(once).articles[0].source is None  # one mention is not enough


def test_importing_an_article_file_keeps_it(tmp_path, repo):
    first = sorted((repo / "articles").glob("*.md"))[0]
    out = yuedu("import", str(first), "--into", str(tmp_path / "lib"))
    assert out.returncode == 0, out.stderr.decode()
    assert (tmp_path / "lib" / first.name).read_bytes() == first.read_bytes()


def test_tiny_texts_and_headlines_without_text():
    (article,) = import_text("春天来了").articles
    assert article.title == "春天来了" and [p.text for p in article.paragraphs] == ["春天来了"]
    result = import_text("标题一\n\n◎本报记者 甲\n\n标题二\n\n◎本报记者 乙\n\n正文。\n")
    assert [a.title for a in result.articles] == ["标题二"]
    assert any("标题一" in line for line in result.repairs)


def test_lines_that_only_look_like_credits_stay():
    text = "标题\n\n图1显示，销量逐年增长。\n\n请勿拍摄\n\n上图显示了这一趋势。\n\n图1：工人在施工。\n"
    (article,) = import_text(text).articles
    assert [b.text for b in article.blocks] == ["图1显示，销量逐年增长。", "请勿拍摄", "上图显示了这一趋势。"]


def test_a_dateline_gives_the_date_and_source_only_when_known():
    web = "我国研发投入创新高\n\n2024-03-01 10:30 来源：新华网\n\n记者从科技部获悉，研发投入超过3万亿元。\n"
    assert meta_of("2024年3月1日 星期五") == {"date": "2024-03-01"}
    assert meta_of("2024年3月1日，记者从科技部获悉") is None and meta_of("2024-02-30") is None
    (article,) = import_text(web).articles
    assert (article.title, article.date, article.source) == ("我国研发投入创新高", "2024-03-01", "新华网")
    assert article.paragraphs[0].text.startswith("记者从科技部获悉")
    (article,) = import_text("2024年3月1日\n\n我国研发投入创新高\n\n正文。\n", source="科技日报").articles
    assert (article.title, article.date, article.source) == ("我国研发投入创新高", "2024-03-01", "科技日报")
    # A day of the month without its year is not a known date.
    (article,) = import_text("标题\n\n本报北京3月5日电 记者从科技部获悉，投入增长。\n").articles
    assert article.date is None


def test_title_and_source_given_on_the_command_line_are_one_line(tmp_path):
    (article,) = import_text("春天来了，小草绿了。\n", title="春天\n来了 ", source=" 科技\t日报\n").articles
    assert article.title == "春天 来了" and article.source == "科技 日报"
    path = write_articles(import_text("春天来了。\n", title="a\nb"), tmp_path)[0]
    assert load_article(path).title == "a b"
    (blank,) = import_text("春天来了，小草绿了。\n", title="  ", source=" ").articles
    assert blank.title == "春天来了" and blank.source is None


def test_summary_lines_stay_short_when_a_repair_happens_many_times():
    page = "\n\n".join(f"第{i}段：这是一个很长的重复短语测试这是一个很长的重复短语测试，后面还有别的文字。" for i in range(50))
    page = "标题在这里\n\n" + page.replace("很长的重复短语测试这是一个很长的重复短语测试", "很长的重复短语测试很长的重复短语测试")
    result = import_text(page)
    repeats = [line for line in result.repairs if "repeated by mistake" in line]
    assert repeats and repeats[0].count("很长的重复短语测试") == 1
    assert all(len(line) < 400 for line in result.repairs)


def test_an_id_given_instead_of_a_bundled_one_is_not_taken_twice(tmp_path, yuedu_home, monkeypatch, capsys):
    from reader import paths
    from reader.cli import main
    from reader.core.article import dump_article

    one = "同一个标题在这里\n\n本报记者 张三\n\n今年，研究人员在实验室里取得了重要进展，团队表示将继续努力。\n\n"
    page = tmp_path / "page.txt"
    page.write_text(one + one, encoding="utf-8")
    first, second = import_text(page.read_text(encoding="utf-8")).articles
    assert second.id == f"{first.id}-2"
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    first.byline = "本报记者 李四"  # same id, different file
    (bundled / f"{first.id}.md").write_text(dump_article(first), encoding="utf-8")
    monkeypatch.setattr(paths, "bundled_articles_dir", lambda: bundled)
    assert main(["import", str(page)]) == 0
    made = sorted(p.stem for p in (yuedu_home / "data" / "articles").glob("*.md"))
    assert len(made) == 2 and first.id not in made, made
    library = load_library([bundled, yuedu_home / "data" / "articles"])
    assert not library.errors and len(library.articles) == 3


def test_slug_readings_found_in_the_file_text_are_the_tables_own():
    """Article ids take the first reading of a few hanzi from pypinyin's table; they are found in the
    file's text without parsing the whole table, and must be exactly what the parsed table says."""
    import json
    import random

    from reader.core import importer

    table = json.loads(importer._pinyin_data())
    codes = random.Random(7).sample(sorted(table), 2000) + ["12295", "19968", "32511"]
    assert [importer._readings_of(chr(int(c))) for c in codes] == [table[c] for c in codes]
    assert importer._readings_of("A") == ""  # not in the table
