"""The interlinear layout: width, alignment, no word split, punctuation at line edges."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.core.annotate import Annotator, Token
from reader.core.layout import layout, render_text
from reader.core.segment import CLOSING, OPENING

_ANN = Annotator(cache=False)

SAMPLE = (
    "“北京市将始终胸怀中华民族伟大复兴的战略全局和世界百年未有之大变局，牢记‘国之大者’，"
    "紧紧围绕服务国家战略，把国际科技创新中心建设作为‘五子’联动服务和融入新发展格局的第一‘子’，"
    "推动国际科技创新中心建设不断取得新成效。”2月26日，北京市委书记张继红在接受科技日报记者采访时表示。"
    "超大规模智能模型“悟道3.0”、新一代量子计算云平台……[bold]x[/] Hello world!"
)


@pytest.fixture(scope="module")
def tokens():
    return _ANN.annotate(SAMPLE)


def check(tokens, lines, width, style, pinyin=True):
    seen = []
    for line in lines:
        assert line.cells, "no empty lines"
        assert line.cells[-1].x + line.cells[-1].width <= width
        x = 0
        for c in line.cells:
            assert c.x >= x, "cells do not overlap"
            text_w = cell_len(c.text)
            pin_w = cell_len(c.pinyin)
            assert c.width + c.overhang == (max(text_w, pin_w) if pinyin else text_w) or c.text == " "
            if c.overhang:  # the pinyin runs on only over the closing mark right after, one column left free
                nxt = line.cells[line.cells.index(c) + 1]
                assert nxt.x == c.x + c.width and not nxt.pinyin and nxt.text[0] in CLOSING
                assert c.overhang < nxt.width
            assert len(c.tones) == len(c.syllables)
            x = c.x + c.width
        first = line.cells[0]
        assert not (tokens[first.token_index].kind == "punct" and first.text[0] in CLOSING), \
            f"line starts with closing punctuation: {first.text}"
        last = line.cells[-1]
        if line is not lines[-1] and tokens[last.token_index].kind == "punct" and last.text[-1] in OPENING:
            # allowed only when the mark and the word it opens would not fit on one line together
            nxt = lines[lines.index(line) + 1].cells[0]
            assert len(line.cells) == 1 and last.width + nxt.width > width, \
                f"line ends with opening punctuation: {last.text}"
        seen.extend(line.cells)
    # every non-space token appears, in order, and whole unless it alone is wider than the line
    by_token: dict[int, str] = {}
    order = []
    for c in seen:
        by_token[c.token_index] = by_token.get(c.token_index, "") + c.text
        if not order or order[-1] != c.token_index:
            order.append(c.token_index)
    assert order == sorted(order) and len(order) == len(set(order))
    for i, tok in enumerate(tokens):
        if tok.kind != "space":
            assert by_token.get(i) == tok.text
    split_tokens = {c.token_index for c in seen if sum(1 for d in seen if d.token_index == c.token_index) > 1}
    for i in split_tokens:
        # a token is cut only when it would not fit on an empty line together with the closing
        # marks that must follow it on that line
        group = [tokens[i]]
        for t in tokens[i + 1 :]:
            if t.kind == "punct" and t.text[0] in CLOSING:
                group.append(t)
            else:
                break
        for t in reversed(tokens[:i]):
            if t.kind == "punct" and t.text[-1] in OPENING:
                group.insert(0, t)
            else:
                break
        whole = layout(group, 10_000, style=style, pinyin=pinyin)[0].width
        assert whole > width


@pytest.mark.parametrize("style", ["marks", "numbers", "zhuyin"])
def test_widths_10_to_200(tokens, style):
    for width in range(10, 201):
        lines = layout(tokens, width, style=style)
        check(tokens, lines, width, style)


def test_pinyin_off_boxes_are_text_wide(tokens):
    for width in (10, 37, 80):
        lines = layout(tokens, width, pinyin=False)
        check(tokens, lines, width, "marks", pinyin=False)
        assert all(c.pinyin == "" for line in lines for c in line.cells)


def test_rendered_rows_keep_pinyin_over_its_word(tokens):
    for width in (12, 40, 80, 160):
        lines = layout(tokens, width)
        rows = render_text(lines)
        assert len(rows) == 2 * len(lines)
        for line, top, bottom in zip(lines, rows[0::2], rows[1::2]):
            assert cell_len(top) <= width and cell_len(bottom) <= width
            for c in line.cells:
                assert _at(top, c.x, cell_len(c.pinyin)) == c.pinyin
                assert _at(bottom, c.x, cell_len(c.text)) == c.text


def _at(row: str, x: int, w: int) -> str:
    """The characters of ``row`` occupying cells x .. x+w."""
    out, pos = [], 0
    for ch in row:
        cw = cell_len(ch)
        if pos >= x + w:
            break
        if pos >= x:
            out.append(ch)
        pos += cw
    return "".join(out)


def test_no_word_split_at_moderate_width():
    toks = _ANN.annotate("我们要加快培育新质生产力，推动高质量发展。")
    for width in range(20, 60):
        for line in layout(toks, width):
            for c in line.cells:
                assert c.text == toks[c.token_index].text


def test_long_word_is_cut_only_when_wider_than_the_line():
    toks = [Token("中华人民共和国", "hanzi", ("zhong1", "hua2", "ren2", "min2", "gong4", "he2", "guo2")), Token("。", "punct")]
    lines = layout(toks, 12)
    assert all(line.width <= 12 for line in lines)
    assert "".join(c.text for line in lines for c in line.cells) == "中华人民共和国。"
    assert lines[-1].cells[0].text != "。"
    assert "".join(s for line in lines for c in line.cells for s in c.syllables) == "zhōnghuárénmíngònghéguó"


def test_sandhi_and_tones_for_colour():
    toks = _ANN.annotate("不是一个人")
    cells = [c for line in layout(toks, 80) for c in line.cells]
    shown = " ".join(c.pinyin for c in cells)
    assert "bú" in shown and ("yí" in shown)
    citation = " ".join(c.pinyin for line in layout(toks, 80, sandhi=False) for c in line.cells)
    assert "bù" in citation and "yī" in citation
    bushi = next(c for c in cells if c.text.startswith("不"))
    assert bushi.tones[0] == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("中文的了，。「」“”《》（）…—!?,. abc12😀長")), min_size=1, max_size=60),
       st.integers(min_value=10, max_value=200))
def test_random_text_respects_width(text, width):
    toks = _ANN.annotate(text)
    for style in ("marks", "zhuyin"):
        lines = layout(toks, width, style=style)
        for k, line in enumerate(lines):
            assert line.width <= width
            first = line.cells[0]
            if k and toks[first.token_index].kind == "punct" and first.text[0] in CLOSING:
                assert _unavoidable(toks, lines[k - 1], line, width), (text, width, style)


def _is_closing(toks, cell) -> bool:
    return toks[cell.token_index].kind == "punct" and cell.text[0] in CLOSING


def _unavoidable(toks, prev, line, width) -> bool:
    """A line may start with a closing mark only when the one-character word before it and its
    closing marks cannot share a line anyway (e.g. a wide zhuyin syllable and "?。。" at width 10)."""
    cells = list(prev.cells)
    while cells and _is_closing(toks, cells[-1]):
        cells.pop()
    if not cells or len(cells[-1].text) != 1:
        return False
    need = cells[-1].width + sum(c.width for c in prev.cells[len(cells):])
    need += sum(c.width for c in line.cells if _is_closing(toks, c)) if all(_is_closing(toks, c) for c in line.cells[:1]) else 0
    return need > width


@pytest.mark.parametrize("width", [10, 17, 40, 80])
def test_apostrophes_mark_syllables_starting_with_a_o_e(width):
    toks = _ANN.annotate("西安的编者按说：天安门和企鹅。")
    lines = layout(toks, width, apostrophes=True)
    check(toks, lines, width, "marks")
    pinyin = {c.text: c.pinyin for line in lines for c in line.cells}
    assert pinyin["西安"] == "xī'ān" and pinyin["天安门"] == "tiān'ānmén" and pinyin["企鹅"] == "qǐ'é"
    for line in lines:
        for c in line.cells:
            assert "".join(c.syllables) == c.pinyin  # the UI colours syllable by syllable
    # a syllable that starts a word takes none; numbers and the default layout take none
    assert all(not c.pinyin.startswith("'") for line in lines for c in line.cells)
    assert "'" not in "".join(c.pinyin for line in layout(toks, width, style="numbers", apostrophes=True)
                              for c in line.cells)
    assert "'" not in "".join(c.pinyin for line in layout(toks, width) for c in line.cells)


def test_annotate_text_writes_pinyin_with_apostrophes(capsys, tmp_path):
    from reader.cli import main

    src = tmp_path / "a.txt"
    src.write_text("西安很美。\n", encoding="utf-8")
    assert main(["annotate", str(src), "--width", "40"]) == 0
    assert "xī'ān" in capsys.readouterr().out


@pytest.mark.parametrize("width", [32, 40, 80])
def test_long_words_have_their_pinyin_spaced_where_their_parts_meet(width):
    """A long glossary term reads as xīnzhì shēngchǎnlì, not one run of 17 letters; a one-character
    piece stays with its neighbour (五子 liándòng), an idiom jieba keeps whole stays whole, and
    zhuyin (spaced anyway) is unchanged."""
    ann = Annotator({"新质生产力": ["xin1", "zhi4", "sheng1", "chan3", "li4"], "五子联动": None,
                     "国际科技创新中心": None}, cache=False)
    toks = ann.annotate("新质生产力和五子联动，建设国际科技创新中心，消息接踵而至。")
    lines = layout(toks, width, apostrophes=True)
    check(toks, lines, width, "marks")
    pinyin = {c.text: c.pinyin for line in lines for c in line.cells}
    assert pinyin["新质生产力"] == "xīnzhì shēngchǎnlì"
    assert pinyin["五子联动"] == "wǔzǐ liándòng"
    assert pinyin["国际科技创新中心"] == "guójì kējì chuàngxīn zhōngxīn"
    assert pinyin["接踵而至"] == "jiēzhǒng'érzhì"
    for line in lines:
        for c in line.cells:
            assert "".join(c.syllables) == c.pinyin  # the UI colours syllable by syllable
    numbers = {c.text: c.pinyin for line in layout(toks, 80, style="numbers") for c in line.cells}
    assert numbers["新质生产力"] == "xin1zhi4 sheng1chan3li4"
    zhuyin = {c.text: c.pinyin for line in layout(toks, 80, style="zhuyin") for c in line.cells}
    assert zhuyin["新质生产力"].count(" ") == 4


def test_no_space_between_a_word_and_its_closing_mark():
    """The bundled headline 关键处「落子」成就大发展「好棋」: the pinyin of 落子 (luòzǐ) is wider than the
    word; it runs on over 」 instead of padding the word, so the text row reads 「落子」, not 「落子 」
    (what the reader showed), and the pinyin still starts over its word. (With tone numbers or
    zhuyin the pinyin is wider than the mark can take: a space stays.)"""
    toks = _ANN.annotate("关键处「落子」成就大发展「好棋」")
    for width in (20, 40, 100):
        lines = layout(toks, width)
        rows = render_text(lines)
        text = "".join(rows[1::2])
        assert "「落子」" in text, rows
        for line, top in zip(lines, rows[0::2]):
            for c in line.cells:
                assert _at(top, c.x, cell_len(c.pinyin)) == c.pinyin
        luozi = next(c for line in lines for c in line.cells if c.text == "落子")
        top = rows[2 * next(i for i, line in enumerate(lines) if luozi in line.cells)]
        after = _at(top, luozi.x + cell_len(luozi.pinyin), 1)
        assert after in ("", " "), "one column free after the pinyin, before the next word's"
