"""The annotator: readings in context, tokens that rebuild the text, glossary and corrections."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotate import Annotator, Corrections, Token
from reader.core.script import is_hanzi

# One annotator for the module: the engine's data is loaded once per process anyway.
_ANN = Annotator(cache=False)


def readings_of(text: str, ann: Annotator = _ANN) -> tuple[str, list[str]]:
    """The text and one syllable per character ('' for non-hanzi), to find a word's reading."""
    chars, syls = [], []
    for tok in ann.annotate(text):
        it = iter(tok.pinyin)
        for ch in tok.text:
            chars.append(ch)
            syls.append(next(it) if is_hanzi(ch) else "")
    return "".join(chars), syls


def reading(text: str, word: str, nth: int = 0, ann: Annotator = _ANN) -> str:
    rebuilt, syls = readings_of(text, ann)
    starts = [m.start() for m in re.finditer(re.escape(word), rebuilt)]
    assert len(starts) > nth, f"{word} not in {text}"
    s = starts[nth]
    return " ".join(syls[s : s + len(word)])


# -- the seed page's hard cases ----------------------------------------------------------------

SEED_CASES = [
    ("关键处「落子」成就大发展「好棋」", "落子", "luo4 zi3"),
    ("把国际科技创新中心建设作为‘五子’联动服务和融入新发展格局的第一‘子’", "五子", "wu3 zi3"),
    ("地球系统数值模拟装置、子午工程二期、人类器官生理病理模拟装置", "子午", "zi3 wu3"),
    ("得以专心致志地开展基础研究工作。", "专心致志地", "zhuan1 xin1 zhi4 zhi4 de5"),
    ("集聚科研力量,将资源优势转化为竞争优势", "转化为", "zhuan3 hua4 wei2"),
    ("加快大规模星座组网建设,以产品创新应用为引领,搭建通用平台", "为引领", "wei2 yin3 ling3"),
    ("专门将她引进重点实验室", "将她引进", "jiang1 ta1 yin3 jin4"),
    ("各方将充分利用重大科技基础设施集群的优势", "充分", "chong1 fen4"),
    ("北京正着力打造我国自主创新的重要源头", "着力", "zhuo2 li4"),
    ("同时,北京还布局建设了国家区块链技术创新中心", "还布局", "hai2 bu4 ju2"),
    ("但清华大学看中了她的专业能力和专业领域的从业经验", "看中", "kan4 zhong4"),
    ("是北京国际科技创新中心建设的题中应有之义。", "应有之义", "ying1 you3 zhi1 yi4"),
    ("蓝箭航天空间科技股份有限公司董事长张昌武说", "董事长", "dong3 shi4 zhang3"),
    ("长城脚下,雁栖湖畔。", "长城", "chang2 cheng2"),
    ("新材料与智能制造处处长杨璞在接受采访时表示", "处长", "chu4 zhang3"),
    ("北京国际科技创新中心·关键处「落子」", "关键处", "guan1 jian4 chu4"),
    ("可视化描绘与精确测量,为复杂生命科学问题和重大疾病研究提供成像组学研究手段", "为复杂", "wei4 fu4 za2"),
]


@pytest.mark.parametrize("text, word, expected", SEED_CASES, ids=[c[1] for c in SEED_CASES])
def test_seed_hard_cases(text, word, expected):
    assert reading(text, word) == expected


@pytest.mark.parametrize("with_glossary", [False, True])
def test_seed_page_in_full(seed_path, with_glossary):
    """The hard cases read right in their real paragraphs, with and without the bundled glossary."""
    from reader.commands.annotate import make_annotator

    ann = make_annotator() if with_glossary else _ANN
    text = seed_path.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    found = {}
    for para in paragraphs:
        rebuilt, syls = readings_of(para, ann)
        assert rebuilt == para
        for _, word, expected in SEED_CASES:
            for m in re.finditer(re.escape(word), para):
                found.setdefault(word, []).append(" ".join(syls[m.start() : m.end()]))
    for _, word, expected in SEED_CASES:
        assert word in found, word
        assert all(got == expected for got in found[word]), (word, found[word])


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("他跑得非常快。", "得", "de5"),
        ("我得赶紧回家了。", "得", "dei3"),
        ("孩子已经睡着了。", "着", "zhao2"),
        ("这么多作业我真受不了。", "了", "liao3"),
        ("明天记得把书还给图书馆。", "还", "huan2"),
        ("孩子们长得真快。", "长", "zhang3"),
        ("这条河很长。", "长", "chang2"),
        ("院子里有一只猫。", "只", "zhi1"),
        ("我只有十块钱。", "只", "zhi3"),
        ("我们放假了。", "假", "jia4"),
        ("北京是中国的首都。", "都", "du1"),
        ("今天天气很暖和。", "和", "huo5"),
        ("他慢慢地站了起来。", "地", "de5"),
        ("他后来升任副旅长。", "长", "zhang3"),
        ("她弹琴弹得很好。", "弹得", "tan2 de5"),
        ("他弹了一首曲子。", "弹", "tan2"),
        ("士兵中弹身亡。", "中弹", "zhong4 dan4"),
        ("这些条款都很好地回应了专家的关切。", "好地", "hao3 de5"),
        ("我们要更好地服务人民。", "好地", "hao3 de5"),
        ("北京正成为全球产业变革的重要驱动地。", "驱动地", "qu1 dong4 di4"),
        ("为加快推动商业航天创新发展，北京出台了行动方案。", "为", "wei4"),
        ("张继红表示，为落实中央部署，北京开展了工作。", "为", "wei4"),
        ("白芥，为十字花科植物。", "为", "wei2"),
    ],
)
def test_everyday_polyphones(text, word, expected):
    assert reading(text, word) == expected


# -- tokens ------------------------------------------------------------------------------------

def test_token_kinds_and_pinyin():
    toks = _ANN.annotate("北京2024年 Hello，😀")
    kinds = [(t.text, t.kind) for t in toks]
    assert ("北京", "hanzi") in kinds
    assert ("2024", "number") in kinds
    assert ("Hello", "latin") in kinds
    assert ("，", "punct") in kinds
    assert ("😀", "other") in kinds
    beijing = next(t for t in toks if t.text == "北京")
    assert beijing.pinyin == ("bei3", "jing1")
    assert beijing.tones == (3, 1)
    assert all(t.pinyin == () for t in toks if t.kind != "hanzi")


def test_markup_is_just_text():
    text = "[bold]重要[/] 和 [link=http://x]链接[/link]"
    toks = _ANN.annotate(text)
    assert "".join(t.text for t in toks) == text
    assert reading(text, "重要") == "zhong4 yao4"


def _ideographs(s: str) -> int:
    return sum(1 for ch in s if is_hanzi(ch))


_alphabet = st.one_of(
    st.sampled_from(list("的地得着了为将还行长重处中应分教觉乐调数便曾背给空只假都没好藏参差和发难要一不")),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # extension A
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # extension B
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),  # compatibility ideographs
    st.sampled_from(list("，。！？、；：“”‘’「」《》（）…—·〇 \t\n,.!?()[]/-0123456789")),
    st.sampled_from(["😀", "👍🏽", "👨\u200d👩\u200d👧", "e\u0301", "\u0301", "\ufe0f", "é", "ß", "Ω"]),
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_alphabet, max_size=40).map("".join))
def test_tokens_rebuild_the_text_with_one_syllable_per_ideograph(text):
    toks = _ANN.annotate(text)
    assert "".join(t.text for t in toks) == text
    for t in toks:
        assert t.text
        assert len(t.pinyin) == _ideographs(t.text)
        assert all(re.fullmatch(r"[a-zv]+[1-5]|\?", s) for s in t.pinyin), t.pinyin
        if t.kind != "hanzi":
            assert t.pinyin == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(_alphabet, max_size=40).map("".join))
def test_runs_are_whole_and_of_one_kind(text):
    """A hanzi run is never cut in two (jieba must see it whole), and holds ideographs only,
    apart from marks that belong to the character before them."""
    from reader.core.segment import HANZI, char_class, split_runs

    runs = split_runs(text)
    assert "".join(text[s:e] for _, s, e in runs) == text
    for (k1, _, e1), (k2, s2, _) in zip(runs, runs[1:]):
        assert e1 == s2 and not (k1 == k2 == HANZI)
    for kind, s, e in runs:
        if kind == HANZI:
            assert char_class(text[s]) == HANZI
            assert all(char_class(ch) in (HANZI, "mark") or text[p - 1] == "\u200d"
                       for p, ch in zip(range(s, e), text[s:e]))


def test_the_common_hanzi_block_is_all_ideographs():
    """split_runs takes [U+4E00, U+9FFF] in one regex step: every one of them must be an ideograph."""
    assert all(is_hanzi(chr(c)) for c in range(0x4E00, 0xA000))


def test_ideograph_definition():
    assert is_hanzi("中") and is_hanzi("〇") and is_hanzi("\U00020000") and is_hanzi("\uf900")
    assert not is_hanzi("a") and not is_hanzi("。") and not is_hanzi("ㄅ")
    for ch in ("中", "\u3400", "\U0002A6DF", "\uFA0E"):
        assert unicodedata.name(ch).startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


# -- glossary and corrections ----------------------------------------------------------------

def test_glossary_terms_are_one_token_and_marked():
    ann = Annotator({"新质生产力": ["xin1", "zhi4", "sheng1", "chan3", "li4"], "‘五子’联动": None},
                    cache=False, glossary_terms={"‘五子’联动": "五子联动"})
    toks = ann.annotate("加快培育新质生产力，推动‘五子’联动。")
    term = next(t for t in toks if t.text == "新质生产力")
    assert term.glossary == "新质生产力"
    quoted = [t for t in toks if t.glossary == "五子联动"]
    assert "".join(t.text for t in quoted) == "‘五子’联动"
    assert any(t.text == "五子" and t.pinyin == ("wu3", "zi3") for t in quoted)
    assert all(t.glossary is None for t in toks if t.text in ("加快", "推动", "。"))


def test_precedence_corrections_over_glossary_over_engine():
    text = "他是董事长。"
    assert reading(text, "董事长") == "dong3 shi4 zhang3"
    gloss = Annotator({"董事长": ["dong3", "shi4", "chang2"]}, cache=False)
    assert reading(text, "董事长", ann=gloss) == "dong3 shi4 chang2"
    fixed = Annotator({"董事长": ["dong3", "shi4", "chang2"]},
                      Corrections.from_rows([{"kind": "reading", "word": "董事长", "value": ["dǒng", "shì", "zhǎng"]}]),
                      cache=False)
    assert reading(text, "董事长", ann=fixed) == "dong3 shi4 zhang3"


def test_corrections_from_rows_merge_split_and_single_characters():
    rows = [
        {"kind": "reading", "word": "长", "value": ["zhang3"]},
        {"kind": "merge", "word": "很大", "value": []},
        {"kind": "split", "word": "关键处", "value": ["关键", "处"]},
        {"kind": "split", "word": "北京", "value": ["南", "京"]},  # parts that do not make the word: ignored
    ]
    c = Corrections.from_rows(rows)
    assert c.readings == {"长": ["zhang3"]} and c.merges == {"很大"} and c.splits == {"关键处": ["关键", "处"]}
    ann = Annotator(corrections=c, cache=False)
    toks = [t.text for t in ann.annotate("关键处很大")]
    assert toks == ["关键", "处", "很大"]
    # a single-character fix applies where the character is a word of its own, not inside 长城
    assert reading("长", "长", ann=ann) == "zhang3"
    assert reading("长城很长", "长城", ann=ann) == "chang2 cheng2"


# -- cache and laziness --------------------------------------------------------------------------

def test_disk_cache_is_used_and_keyed_by_corrections(yuedu_home, private_cache, monkeypatch):
    from reader.core import polyphone

    text = "我们一起去看长城吧。"
    first = Annotator().annotate(text)
    assert (yuedu_home / "cache" / "annotations.sqlite3").exists()
    calls = []
    real = polyphone.ReadingEngine.read_many_how
    monkeypatch.setattr(polyphone.ReadingEngine, "read_many_how", lambda self, items: calls.append(1) or real(self, items))
    again = Annotator().annotate(text)  # a new annotator: memory empty, disk hit
    assert again == first and calls == []
    fixed = Annotator(corrections=Corrections(readings={"长城": ["zhang3", "cheng2"]})).annotate(text)
    assert calls == [1]
    assert next(t for t in fixed if t.text == "长城").pinyin == ("zhang3", "cheng2")


def test_disk_cache_serves_many_paragraphs_and_odd_text_faithfully(yuedu_home, private_cache, monkeypatch):
    """Paragraphs come back from disk exactly as annotated, glossary marks included, also text
    with control characters (which the stored form uses as separators) and empty paragraphs."""
    from reader.core import polyphone

    texts = ["新质生产力是关键。", "", "甲\x1e乙\x1f丙", "Latin 3.0 和 emoji 🙂 一起", "长城很长。"] * 3
    ann = Annotator({"新质生产力": ["xin1", "zhi4", "sheng1", "chan3", "li4"]})
    first = ann.annotate_many(texts)
    calls = []
    real = polyphone.ReadingEngine.read_many_how
    monkeypatch.setattr(polyphone.ReadingEngine, "read_many_how", lambda self, items: calls.append(len(items)) or real(self, items))
    fresh = Annotator({"新质生产力": ["xin1", "zhi4", "sheng1", "chan3", "li4"]})
    again = fresh.annotate_many(texts)
    assert again == first
    assert next(t for t in again[0] if t.text == "新质生产力").glossary == "新质生产力"
    assert calls == [1]  # only the paragraph with separators in it was annotated again


def test_corrupt_cache_file_is_replaced(yuedu_home, private_cache):
    cache = yuedu_home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "annotations.sqlite3").write_bytes(b"this is not a database" * 100)
    toks = Annotator().annotate("北京")
    assert toks == [Token("北京", "hanzi", ("bei3", "jing1"))]


def test_heavy_imports_are_deferred_and_jieba_cache_goes_to_cache_dir(tmp_path):
    code = (
        "import sys\n"
        "import reader.core.annotate, reader.core.layout, reader.core.pinyin, reader.commands.annotate\n"
        "heavy = [m for m in ('jieba', 'pypinyin', 'g2pM', 'numpy') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
        "from reader.core.annotate import Annotator\n"
        "Annotator().warm_up()\n"
        "print('jieba' in sys.modules)\n"
    )
    env = dict(os.environ, YUEDU_HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path / "tmp"))
    env.pop("YUEDU_CACHE", None)
    (tmp_path / "tmp").mkdir()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    before, after = out.stdout.split("\n")[:2]
    assert before == ""
    assert after == "True"
    assert out.stderr == ""  # jieba's "Building prefix dict" chatter is silenced
    assert (tmp_path / "home" / "cache" / "jieba.cache").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


# -- yuedu annotate ------------------------------------------------------------------------------

def _run(args, stdin=None, home=None):
    """`yuedu annotate ARGS` in this process (conftest.run_cli), output as bytes; ``home``: the test's own."""
    from conftest import run_cli

    assert home is None or str(home) == os.environ["YUEDU_HOME"]
    return run_cli("annotate", *args, text=False, stdin=stdin or b"")


def test_annotate_json_contract(tmp_path, yuedu_home):
    lines = ["北京很大。", "", "[bold]重要[/] 2024年 Hello 😀", "   ", "加快培育新质生产力"]
    src = tmp_path / "in.txt"
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))  # any encoding, CRLF
    out = _run([str(src), "--format", "json"], home=yuedu_home)
    assert out.returncode == 0, out.stderr
    rows = out.stdout.decode("utf-8").split("\n")
    assert rows[-1] == ""
    rows = rows[:-1]
    assert len(rows) == len(lines)
    for line, row in zip(lines, rows):
        obj = json.loads(row)
        assert obj["text"] == line
        assert "".join(t["text"] for t in obj["tokens"]) == line
        for t in obj["tokens"]:
            assert len(t["pinyin"]) == _ideographs(t["text"])
            assert set(t) <= {"text", "pinyin", "glossary", "how", "unsure"}
            assert len(t.get("how", [])) == len(t["pinyin"])  # how each reading was decided
    first = json.loads(rows[0])["tokens"]
    assert first[0] == {"text": "北京", "pinyin": ["běi", "jīng"], "how": ["dictionary", "dictionary"]}
    numbers = _run(["-", "--format", "json", "--style", "numbers"], stdin="长城".encode(), home=yuedu_home)
    assert json.loads(numbers.stdout)["tokens"][0]["pinyin"] == ["chang2", "cheng2"]


def test_annotate_text_and_html(yuedu_home):
    text = "北京国际科技创新中心·关键处「落子」成就大发展「好棋」。[bold]x[/]<b>"
    out = _run(["-", "--width", "30"], stdin=text.encode(), home=yuedu_home)
    assert out.returncode == 0, out.stderr
    rows = out.stdout.decode().rstrip("\n").split("\n")
    assert all(len(r) <= 30 for r in rows)  # ASCII pinyin rows
    assert "luòzǐ" in out.stdout.decode() and "[bold]x[/]" in out.stdout.decode()
    html = _run(["-", "--format", "html", "--style", "zhuyin"], stdin=text.encode(), home=yuedu_home)
    page = html.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<ruby>落<rp>(</rp><rt" in page and "ㄌㄨㄛˋ" in page
    assert "&lt;b&gt;" in page and "<b>" not in page.split("<body>")[1]


def test_annotate_bad_input(tmp_path, yuedu_home):
    missing = _run([str(tmp_path / "nope.txt")], home=yuedu_home)
    assert missing.returncode == 2
    assert missing.stderr.decode().startswith("yuedu: ") and "Traceback" not in missing.stderr.decode()
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    bad = _run([str(binary)], home=yuedu_home)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr.decode()
    narrow = _run(["-", "--width", "3"], stdin="中文".encode(), home=yuedu_home)
    assert narrow.returncode == 2 and "width" in narrow.stderr.decode()


def test_annotate_with_standard_output_closed_is_a_one_line_error(tmp_path, yuedu_home):
    src = tmp_path / "in.txt"
    src.write_text("北京很大。\n", encoding="utf-8")
    out = subprocess.run(["sh", "-c", '"$0" -m reader annotate "$1" >&-', sys.executable, str(src)],
                         capture_output=True, env=dict(os.environ, YUEDU_HOME=str(yuedu_home)))
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert err.startswith("yuedu: ") and err.count("\n") == 1 and "Traceback" not in err


# -- the everyday sets of bench/data ----------------------------------------------------------------

def _bench():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "bench_annotate.py"
    spec = importlib.util.spec_from_file_location("bench_annotate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_everyday_sets_are_confirmed_by_cc_cedict():
    bench = _bench()
    for name in ("everyday.tsv", "everyday-holdout.tsv", "everyday-blind.tsv"):
        items = bench.load_everyday(name)
        assert len(items) >= 80
        for sentence, pos, _ in items:
            assert is_hanzi(sentence[pos])
        assert bench.check_everyday_against_cedict(name) == 0, name
    chars = {s[i] for s, i, _ in bench.load_everyday("everyday.tsv")}
    assert set("的地得着了为将还行长重处中应分教觉乐调数便曾背给空只假都没好藏参差和发难要") <= chars


def test_everyday_accuracy_at_least_98_percent():
    bench = _bench()
    read = bench.yuedu_reader()
    for name in ("everyday.tsv", "everyday-holdout.tsv", "everyday-blind.tsv"):
        items = bench.load_everyday(name)
        right = sum(p == r for p, (_, _, r) in zip(read(items), items))
        assert right / len(items) >= 0.98, (name, right, len(items))


def test_html_sheet_is_titled_by_the_file_name_or_the_first_line(tmp_path, yuedu_home):
    src = tmp_path / "folder" / "课文<1>.txt"
    src.parent.mkdir()
    src.write_text("北京很大。\n", encoding="utf-8")
    page = _run([str(src), "--format", "html"], home=yuedu_home).stdout.decode()
    assert "<title>课文&lt;1&gt;.txt</title>" in page and str(tmp_path) not in page
    page = _run(["-", "--format", "html"], stdin="\n北京很大。\n".encode(), home=yuedu_home).stdout.decode()
    assert "<title>北京很大。</title>" in page and "stdin" not in page


# -- traditional characters ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("銀行行長說，長城很長。", "银行行长说，长城很长。"),
        ("我覺得這樣的生活很快樂。", "我觉得这样的生活很快乐。"),
        ("加快發展新質生產力", "加快发展新质生产力"),
    ],
)
def test_traditional_text_is_segmented_and_read_like_simplified(traditional, simplified):
    ann = Annotator.from_glossary(_glossary(), Corrections()) if _glossary() else _ANN
    trad = ann.annotate(traditional)
    simp = ann.annotate(simplified)
    assert "".join(t.text for t in trad) == traditional  # the original characters are kept
    assert [len(t.text) for t in trad] == [len(t.text) for t in simp]
    assert [t.pinyin for t in trad] == [t.pinyin for t in simp]
    assert [t.glossary for t in trad] == [t.glossary for t in simp]


def _glossary():
    try:
        from reader.core.glossary import load_glossary

        return load_glossary()
    except Exception:
        return None


def test_banks_and_the_great_wall_in_traditional():
    toks = {t.text: t.pinyin for t in _ANN.annotate("銀行在長城旁邊。")}
    assert toks["銀行"] == ("yin2", "hang2") and toks["長城"] == ("chang2", "cheng2")


def test_simplified_text_is_never_changed_by_the_traditional_table(seed_path):
    from reader.core.traditional import to_simplified

    text = seed_path.read_text(encoding="utf-8")
    assert to_simplified(text) == text
    everyday = "著名作家后来干了一件乾隆年间的事，里面还有面条和发展。"
    assert to_simplified(everyday) == everyday


def test_segmentation_is_jiebas_own_on_real_text(seed_path):
    """Our one-pass evaluation of jieba's word graph gives exactly the words jieba's own (its
    ``__cut_DAG_NO_HMM``, what ``jieba.cut(HMM=False)`` runs on a stretch of hanzi) gives, on the
    seed page and every CPP dev sentence (a different word would change readings)."""
    from conftest import REPO, SHARED
    from reader.core.segment import HANZI, shared_segmenter, split_runs

    import json

    text = seed_path.read_text(encoding="utf-8")
    for name in ("news", "literature", "traditional"):  # the real-text sets carried in the repository
        for line in (REPO / "bench" / "data" / f"realtext-{name}.jsonl").read_text(encoding="utf-8").splitlines():
            text += "\n" + json.loads(line)["text"]
    cpp = SHARED / "data" / "cpp-dev" / "dev.sent"  # where ../shared is at hand, CPP's dev sentences too
    if cpp.exists():
        text += "\n" + cpp.read_text(encoding="utf-8").replace("\u2581", "")
    seg = shared_segmenter()
    tok = seg.jieba_tokenizer()  # jieba itself, on the same dictionary
    jiebas = tok._Tokenizer__cut_DAG_NO_HMM
    runs = [text[s:e] for k, s, e in split_runs(text) if k == HANZI]
    assert len(runs) > (5000 if cpp.exists() else 1500)
    mismatches = [(r, seg.route(r)) for r in runs if seg.route(r) != list(jiebas(r))]
    assert mismatches == []
    assert seg.cut("新质生产力是发展的关键") == list(tok.cut("新质生产力是发展的关键", HMM=False))


def test_words_jieba_lacks_but_the_dictionary_has_are_one_token():
    """微信 and 区块链 are in CC-CEDICT (so the popup has an entry) but not in jieba's dictionary:
    the reader must not put the cursor on 微 and 信 separately."""
    ann = Annotator(cache=False)
    words = [t.text for t in ann.annotate("给你分享一条微信消息，北京建设了国家区块链技术创新中心。")]
    assert "微信" in words and "区块链" in words
    assert next(t for t in ann.annotate("微信") if t.text == "微信").pinyin == ("wei1", "xin4")


def test_stamped_cache_recomputes_on_a_new_stamp_or_a_broken_file(tmp_path):
    """The cached word lists: kept under a stamp; another stamp or a damaged file means working the
    value out again, never an error."""
    from reader.core.stamped import cached

    path = tmp_path / "words.pickle"
    calls = []

    def make():
        calls.append(1)
        return ["微信", "区块链"]

    assert cached(path, "a", make, list) == ["微信", "区块链"] and len(calls) == 1
    assert cached(path, "a", make, list) == ["微信", "区块链"] and len(calls) == 1  # kept
    assert cached(path, "b", make, list) == ["微信", "区块链"] and len(calls) == 2  # new stamp
    path.write_bytes(b"\x80\x04garbage")
    assert cached(path, "b", make, list) == ["微信", "区块链"] and len(calls) == 3  # damaged file
    assert cached(tmp_path / "missing-dir" / "x.pickle", "a", make, list) == ["微信", "区块链"]  # cannot write


def _reference_prediction(model, sentence: str, p: int) -> tuple[str, float]:
    """g2pM's BiLSTM evaluated the plain way: one sentence, one direction at a time, PyTorch's
    gate order and real sigmoids, softmax over the character's dictionary readings."""
    import numpy as np

    seq = [model.bos] + [model.char2idx.get(c, model.unk) for c in sentence] + [model.eos]

    def lstm(ids, params):
        wih, whh, b = params
        H = whh.shape[0]
        h = np.zeros(H)
        c = np.zeros(H)
        out = []
        for idx in ids:
            z = model.emb[idx] @ wih + h @ whh + b
            sig = 1 / (1 + np.exp(-z))
            c = sig[H : 2 * H] * c + sig[:H] * np.tanh(z[2 * H : 3 * H])
            h = sig[3 * H :] * np.tanh(c)
            out.append(h)
        return out

    fw = lstm(seq, model.fw)
    bw = lstm(seq[::-1], model.bw)[::-1]
    hid = np.concatenate([fw[p + 1], bw[p + 1]])
    logits = np.maximum(hid @ model.w0 + model.b0, 0) @ model.w1 + model.b1
    names, classes = model.cands[sentence[p]]
    v = logits[classes]
    e = np.exp(v - v.max())
    e /= e.sum()
    return names[int(e.argmax())], float(e.max())


def test_the_batched_model_reads_as_the_plain_evaluation_of_it():
    """The model runs batched, both directions in one step and with gates re-arranged for speed:
    on sentences of different lengths in one batch (and unknown characters), every reading and
    its probability must be what a plain evaluation of the same network gives."""
    from reader.core.polyphone import shared_engine

    engine = shared_engine()
    engine.load()
    model = engine.model
    assert model is not None
    sentences = ["他长大了要当银行行长", "重要的事情说三遍", "还", "我们还没有还钱给他。", "这𠀀个乐曲很好听，大家都很快乐",
                 "处长在处理这件事的时候觉得很累，睡了一觉"]
    positions = [[k for k, ch in enumerate(s) if model.is_polyphone(ch)] for s in sentences]
    assert sum(map(len, positions)) > 15
    got = model.predict(sentences, positions)
    for s, ps, preds in zip(sentences, positions, got):
        assert len(preds) == len(ps)
        for p, (name, prob) in zip(ps, preds):
            ref_name, ref_prob = _reference_prediction(model, s, p)
            assert name == ref_name, (s, p)
            assert abs(prob - ref_prob) < 1e-4, (s, p)


def test_a_damaged_cache_value_is_annotated_afresh(yuedu_home, private_cache):
    """A value in the disk cache that no longer reads back intact (a flipped byte, a cut-off
    value) is not trusted: the paragraph is annotated again, and right."""
    import sqlite3

    texts = ["我们一起去看长城吧。", "银行行长说还要再等等。"]
    first = Annotator().annotate_many(texts)
    db = sqlite3.connect(str(yuedu_home / "cache" / "annotations.sqlite3"))
    rows = db.execute("SELECT key, data FROM ann3").fetchall()
    assert len(rows) == 2
    (k1, v1), (k2, v2) = rows
    assert v1.count(b"cheng2") + v2.count(b"cheng2") == 1
    k1, v1, k2, v2 = (k1, v1, k2, v2) if b"cheng2" in v1 else (k2, v2, k1, v1)
    # a damage that still parses: one tone of 长城 changed
    db.execute("UPDATE ann3 SET data = ? WHERE key = ?", (v1.replace(b"cheng2", b"cheng4"), k1))
    db.execute("UPDATE ann3 SET data = ? WHERE key = ?", (v2[: len(v2) // 2], k2))
    db.commit()
    db.close()
    assert Annotator().annotate_many(texts) == first
    assert [Annotator().annotate(t) for t in texts] == first


def test_a_lone_surrogate_is_kept_as_text_not_an_error(yuedu_home):
    """Text from JSON or an API can hold a lone surrogate: it stays in the tokens, and the words
    around it are read as usual (with and without the cache)."""
    text = "他\udc80会说中文"
    for ann in (Annotator(cache=False), Annotator(), Annotator()):
        toks = ann.annotate(text)
        assert "".join(t.text for t in toks) == text
        assert [(t.text, t.pinyin) for t in toks if t.pinyin] == [
            ("他", ("ta1",)), ("会", ("hui4",)), ("说", ("shuo1",)), ("中文", ("zhong1", "wen2"))]


def test_a_cache_file_locked_by_another_process_is_left_alone(yuedu_home, private_cache):
    """Another yuedu writing to the cache (here: holding a write lock while an old table waits to
    be dropped) is no damage: annotation goes on without the disk layer, and the file is kept."""
    import sqlite3

    cache = yuedu_home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "annotations.sqlite3"
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("CREATE TABLE ann2 (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
    other.execute("CREATE TABLE mine (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO mine VALUES (1)")
    inode = path.stat().st_ino
    toks = Annotator().annotate("北京")
    assert toks == [Token("北京", "hanzi", ("bei3", "jing1"))]
    other.execute("COMMIT")
    assert path.stat().st_ino == inode
    assert other.execute("SELECT x FROM mine").fetchall() == [(1,)]
    other.close()


def test_the_kept_word_dictionary_segments_as_the_one_built_from_jieba(yuedu_home, private_cache):
    """The first start builds jieba's dictionary (plus the CC-CEDICT words) and keeps it in the
    cache folder; later starts read it back: same words, same frequencies, same cuts. A damaged
    file is simply built again."""
    from reader.core.segment import Segmenter

    built = Segmenter().load()
    kept = yuedu_home / "cache" / "jieba-dictionary.data"
    assert kept.exists()
    read_back = Segmenter().load()
    assert read_back is not built
    assert read_back.FREQ == built.FREQ and read_back.total == built.total
    assert Segmenter().cut("微信和区块链是新质生产力的一部分") == ["微信", "和", "区块链", "是", "新", "质", "生产力", "的", "一部分"]
    kept.write_bytes(kept.read_bytes()[:1000])
    again = Segmenter().load()
    assert again.FREQ == built.FREQ


def test_pypinyins_readings_kept_in_the_cache_folder_are_pypinyins_own(yuedu_home, private_cache):
    """The engine reads pypinyin's phrase and character tables from a copy in the cache folder
    (importing pypinyin is a third of a second): the copy holds what pypinyin holds."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    from reader.core.pinyin import marks_to_numbers as marks_to_number
    from reader.core.polyphone import _pypinyin_tables

    phrases, single = _pypinyin_tables()
    assert (yuedu_home / "cache" / "pypinyin-phrases.buckets.data").exists()
    assert (yuedu_home / "cache" / "pypinyin-characters.buckets.data").exists()
    assert _pypinyin_tables() == (phrases, single)  # read back from the file
    assert phrases["银行"] == "yin2 hang2" and phrases["重庆"] == "chong2 qing4"
    assert single["行"] == "xing2" and single["〇"] == "ling2"
    assert len(phrases) > 40_000 and len(single) > 40_000
    for word in list(PHRASES_DICT)[::997]:
        entry = PHRASES_DICT[word]
        if len(entry) == len(word):
            assert phrases[word] == " ".join(marks_to_number(s[0]) for s in entry)
    for cp in list(PINYIN_DICT)[::997]:
        assert single[chr(cp)] == marks_to_number(PINYIN_DICT[cp].split(",")[0])


def test_cedict_words_of_one_and_of_several_readings_are_the_tables_split():
    """The engine's views of CC-CEDICT's words (one reading: the floor; several: a default or a rule
    decides) look each word up in the one table: together they are the table, split by '|'."""
    from reader.core import cedict

    table = dict(cedict.word_readings().items())
    single, several = cedict.single_readings(), cedict.several_readings()
    assert dict(single.items()) == {w: r for w, r in table.items() if "|" not in r}
    assert dict(several.items()) == {w: r for w, r in table.items() if "|" in r}
    assert single.get("东西") is None and "东西" in several and several["东西"].count("|") >= 1
    assert single["银行"] == "yin2 hang2" and "银行" not in several


def test_a_warmed_up_engine_looks_words_up_in_whole_tables():
    """Tables are read bucket by bucket for the first screen; once warm, the engine looks words up in
    plain dicts (through the buckets, annotating took a fifth longer)."""
    from reader.core import cedict
    from reader.core.annotate import Annotator
    from reader.core.polyphone import shared_engine

    Annotator(cache=False).warm_up()
    engine = shared_engine()
    for name in ("phrases", "single", "cedict", "several", "word_readings"):
        assert type(getattr(engine, name)) is dict, name
    assert type(cedict.word_readings()) is dict and type(cedict.single_readings()) is dict
