"""Interlinear layout in terminal cells: pinyin above each word, wrapped without splitting words.

A token becomes a box as wide as the wider of its text and its pinyin (a hanzi is two cells).
Boxes are packed greedily into lines of at most ``width`` cells:

* a word is never split, unless it (with the punctuation that must stay with it: 「…」，) is
  wider than the line; then it is cut between characters, each piece keeping its syllables;
* no line starts with closing punctuation (，。」…): the word before it moves down with it;
* no line ends with opening punctuation (「“《): it moves down to the word it opens (unless the
  two together are wider than the line: words are not cut to make room for a quote mark);
* a space at the start of a line is dropped;
* with pinyin on, one blank cell separates two boxes that both carry pinyin, so the syllables of
  neighbouring words never run together.

Cell widths come from ``rich.cells.cell_len`` (the same function Textual renders with), so what
the UI draws lines up with what we computed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from rich.cells import cell_len

from .pinyin import render_syllable, spoken_tokens, tone_of
from .script import is_hanzi
from .segment import CLOSING, OPENING

__all__ = ["Cell", "Line", "layout", "render_text", "cell_len", "word_pinyin", "word_syllables"]


@dataclass(frozen=True)
class Cell:
    token_index: int  # index into the paragraph's token list
    x: int  # column where this token's box starts
    width: int  # box width in cells = max(cells of hanzi text, cells of pinyin text)
    text: str  # hanzi/other text (a token is only split across lines when it alone exceeds width)
    pinyin: str  # rendered pinyin for this box ("" when none)
    tones: tuple[int, ...]  # one per syllable, for tone colours
    syllables: tuple[str, ...] = ()  # the rendered syllables, one per hanzi in text
    # columns the pinyin runs on past the box, over the closing mark after it (which has no pinyin):
    # 「落子」, not 「落子 」, when the pinyin (luòzǐ) is wider than the word
    overhang: int = 0


@dataclass(frozen=True)
class Line:
    cells: list[Cell]

    @property
    def width(self) -> int:
        return self.cells[-1].x + self.cells[-1].width if self.cells else 0


@dataclass
class _Box:
    token_index: int
    text: str
    syllables: tuple[str, ...]
    tones: tuple[int, ...]
    pinyin: str
    width: int
    closing: bool
    opening: bool
    space: bool
    overhang: int = 0

    @property
    def has_pinyin(self) -> bool:
        return bool(self.pinyin)


def _join(syls: Sequence[str], style: str) -> str:
    return (" " if style == "zhuyin" else "").join(syls)


def _apostrophes(rendered: Sequence[str]) -> tuple[str, ...]:
    """Pinyin orthography: a syllable starting with a, o or e inside a word takes an apostrophe
    (Xī'ān, biānzhě'àn), so that run-together syllables read one way only. The apostrophe goes at
    the start of that syllable, so the syllables still concatenate to the word's pinyin."""
    out = []
    for i, syl in enumerate(rendered):
        base = unicodedata.normalize("NFD", syl[:1]).lower()[:1]
        out.append("'" + syl if i and base in ("a", "o", "e") else syl)
    return tuple(out)


def word_syllables(spoken: Sequence[str], style: str, *, apostrophes: bool = False,
                   breaks: Sequence[int] = ()) -> tuple[str, ...]:
    """A word's syllables rendered as the page shows them: in ``style``, with the apostrophe the
    spelling needs (Xī'ān) and a space where the dictionary words of a long word meet."""
    rendered = tuple(render_syllable(s, style) for s in spoken)
    if apostrophes and style == "marks":
        rendered = _apostrophes(rendered)
    if breaks and style != "zhuyin":
        # a long word's pinyin is spaced where its dictionary words meet (xīnzhì shēngchǎnlì); the
        # space starts the syllable, so the syllables still concatenate to the word's pinyin
        rendered = tuple(" " + r.lstrip("'") if i in breaks else r for i, r in enumerate(rendered))
    return rendered


def word_pinyin(spoken: Sequence[str], style: str = "marks", *, apostrophes: bool = True,
                breaks: Sequence[int] = ()) -> str:
    """A word's pinyin as one string, grouped as on the page (xīnzhì shēngchǎnlì; zhuyin spaced)."""
    return _join(word_syllables(spoken, style, apostrophes=apostrophes, breaks=breaks), style)


def _make_box(index: int, text: str, spoken: Sequence[str], style: str, with_pinyin: bool, kind: str,
              apostrophes: bool = False, breaks: Sequence[int] = ()) -> _Box:
    rendered = word_syllables(spoken, style, apostrophes=apostrophes, breaks=breaks)
    pinyin = _join(rendered, style) if with_pinyin else ""
    width = max(cell_len(text), cell_len(pinyin))
    stripped = text.strip()
    return _Box(
        token_index=index,
        text=text,
        syllables=rendered,
        tones=tuple(tone_of(s) for s in spoken),
        pinyin=pinyin,
        width=width,
        closing=kind == "punct" and bool(stripped) and stripped[0] in CLOSING,
        opening=kind == "punct" and bool(stripped) and stripped[-1] in OPENING,
        space=kind == "space",
    )


def _split_box(index: int, text: str, spoken: Sequence[str], style: str, with_pinyin: bool, kind: str, width: int,
               apostrophes: bool = False) -> list[_Box]:
    """Pieces of a token wider than the line: as many characters per piece as fit."""
    pieces: list[_Box] = []
    chars = list(text)
    syl_iter = iter(spoken)
    cur_text, cur_syl = "", []
    for ch in chars:
        add_syl = [next(syl_iter, "?")] if is_hanzi(ch) else []
        trial = _make_box(index, cur_text + ch, cur_syl + add_syl, style, with_pinyin, kind, apostrophes)
        if cur_text and trial.width > width:
            pieces.append(_make_box(index, cur_text, cur_syl, style, with_pinyin, kind, apostrophes))
            cur_text, cur_syl = ch, add_syl
        else:
            cur_text, cur_syl = cur_text + ch, cur_syl + add_syl
    if cur_text:
        pieces.append(_make_box(index, cur_text, cur_syl, style, with_pinyin, kind, apostrophes))
    return pieces


def layout(tokens: Sequence, width: int, *, style: str = "marks", pinyin: bool = True, sandhi: bool = True,
           apostrophes: bool = False) -> list[Line]:
    """Lay a paragraph's tokens out in lines at most ``width`` cells wide. With ``apostrophes``,
    tone-mark pinyin is written as the orthography rules want it (Xī'ān, not Xīān).

    Four steps: the tokens become boxes (:func:`_boxes`), the boxes groups that are placed whole
    (:func:`_groups`: a word with the marks that must stay with it), the groups lines
    (:func:`_pack`), and the lines cells (:func:`_cells`)."""
    width = max(int(width), 1)
    spoken = spoken_tokens(tokens, sandhi=sandhi)

    def gap(prev: _Box | None, nxt: _Box) -> int:
        """One blank cell between two boxes that both carry pinyin."""
        return 1 if pinyin and prev is not None and prev.has_pinyin and nxt.has_pinyin else 0

    boxes = _boxes(tokens, spoken, width, style, pinyin, apostrophes)
    groups = _groups(boxes, tokens, spoken, width, style, pinyin, gap)
    return _cells(_pack(groups, width, gap), gap)


def _boxes(tokens: Sequence, spoken: Sequence[Sequence[str]], width: int, style: str, pinyin: bool,
           apostrophes: bool) -> list[_Box]:
    """One box per token (a token wider than the line: a box per piece); white space one space."""
    boxes: list[_Box] = []
    for i, tok in enumerate(tokens):
        if not tok.text:
            continue
        if tok.kind == "space":
            # any run of white space (tabs, line breaks, ideographic spaces) shows as one space;
            # the layout decides where lines break
            boxes.append(_make_box(i, " ", (), style, pinyin, "space"))
            continue
        box = _make_box(i, tok.text, spoken[i], style, pinyin, tok.kind, apostrophes,
                        getattr(tok, "breaks", ()))
        if box.width > width:
            boxes.extend(_split_box(i, tok.text, spoken[i], style, pinyin, tok.kind, width, apostrophes))
        else:
            boxes.append(box)
    _overhang(boxes)
    return boxes


def _overhang(boxes: list[_Box]) -> None:
    """A word whose pinyin is wider than its text, right before a closing mark: the pinyin runs on
    over the mark (which has no pinyin) instead of padding the word, so that no space shows between
    the word and its mark (「落子」, not 「落子 」). One column of the mark stays free, so the pinyin
    never runs into the next word's."""
    for box, after in zip(boxes, boxes[1:]):
        if not box.has_pinyin or not after.closing or after.has_pinyin:
            continue
        over = min(cell_len(box.pinyin) - cell_len(box.text), after.width - 1)
        if over > 0:
            box.width -= over
            box.overhang = over


def _groups(boxes: list[_Box], tokens: Sequence, spoken: Sequence[Sequence[str]], width: int, style: str,
            pinyin: bool, gap: Callable[[_Box | None, _Box], int]) -> list[list[_Box]]:
    """The boxes in groups placed as a whole: opening marks + one word + closing marks; spaces alone."""
    groups: list[list[_Box]] = []
    k = 0
    n = len(boxes)
    while k < n:
        if boxes[k].closing and groups:
            # closing marks after a space ("中 ?") still belong to the word before
            if groups[-1][0].space and len(groups) >= 2 and not groups[-2][0].space:
                space = groups.pop()
                groups[-1].extend(space)
            if not groups[-1][0].space:
                groups[-1].append(boxes[k])
                k += 1
                continue
        if boxes[k].space:
            groups.append([boxes[k]])
            k += 1
            continue
        j = k
        while j < n - 1 and boxes[j].opening and not boxes[j + 1].space:
            j += 1
        j += 1
        while j < n and boxes[j].token_index == boxes[j - 1].token_index:
            j += 1  # the other pieces of a word already cut because it is wider than the line
        while j < n and boxes[j].closing:
            j += 1
        group = boxes[k:j]
        # a word that does not fit on a line together with its opening and closing marks is cut
        # so that the marks can stay with its first and last pieces
        core = [b for b in group if not b.closing and not b.opening]
        if core and _measure(group, gap) > width:
            lead = _measure([b for b in group if b.opening], gap)
            tail = _measure([b for b in group if b.closing], gap)
            room = width - lead - tail
            if room < 8:
                room = width - max(lead, tail)
            ti = core[0].token_index
            if room >= 1 and all(b.token_index == ti for b in core):
                pieces = _split_box(ti, tokens[ti].text, spoken[ti], style, pinyin, tokens[ti].kind, room)
                if all(p.width <= room for p in pieces):
                    first = group.index(core[0])
                    group = group[:first] + pieces + group[first + len(core) :]
        groups.append(group)
        k = j
    return groups


def _pack(groups: list[list[_Box]], width: int, gap: Callable[[_Box | None, _Box], int]) -> list[list[_Box]]:
    """The groups, greedily, into lines at most ``width`` cells wide (a group wider than a line box by box)."""
    lines: list[list[_Box]] = []
    cur: list[_Box] = []
    x = 0

    def newline():
        nonlocal cur, x
        while cur and cur[-1].space:
            cur.pop()
        if cur:
            lines.append(cur)
        cur, x = [], 0

    for group in groups:
        if group[0].space:
            if not cur:
                continue
            if x + group[0].width <= width:
                cur.append(group[0])
                x += group[0].width
            else:
                newline()
            continue
        gw = _measure(group, gap)
        g = gap(cur[-1] if cur else None, group[0])
        if x + g + gw <= width:
            for b in group:
                x += gap(cur[-1] if cur else None, b) + b.width
                cur.append(b)
            continue
        if gw <= width:
            newline()
            for b in group:
                x += gap(cur[-1] if cur else None, b) + b.width
                cur.append(b)
            continue
        # a group wider than the line (a very long word): box by box
        for pos, b in enumerate(group):
            need = b.width
            if b.opening:
                # an opening mark goes down with what it opens (when that fits on a line at all)
                tail = []
                for nb in group[pos + 1 :]:
                    tail.append(nb)
                    if not nb.opening:
                        break
                if _measure([b, *tail], gap) <= width:
                    need = _measure([b, *tail], gap)
            elif not b.closing:
                # keep the closing marks that follow on the same line as this box
                tail = []
                for nb in group[pos + 1 :]:
                    if nb.closing:
                        tail.append(nb)
                    else:
                        break
                need = _measure([b, *tail], gap)
            g = gap(cur[-1] if cur else None, b)
            if cur and x + g + need > width:
                newline()
                g = 0
            if cur and x + g + b.width > width:
                newline()
                g = 0
            cur.append(b)
            x += g + b.width
    newline()
    return lines


def _cells(lines: list[list[_Box]], gap: Callable[[_Box | None, _Box], int]) -> list[Line]:
    """Each line's boxes placed in columns."""
    out: list[Line] = []
    for boxes_in_line in lines:
        cells = []
        x = 0
        prev = None
        for b in boxes_in_line:
            x += gap(prev, b)
            cells.append(Cell(b.token_index, x, b.width, b.text, b.pinyin, b.tones, b.syllables, b.overhang))
            x += b.width
            prev = b
        out.append(Line(cells))
    return out


def _measure(boxes: list[_Box], gap) -> int:
    x = 0
    prev = None
    for b in boxes:
        x += gap(prev, b) + b.width
        prev = b
    return x


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - cell_len(s))


def render_text(lines: Sequence[Line], *, pinyin: bool = True) -> list[str]:
    """Plain-text rendering: for each line, a pinyin row above a text row (trailing spaces trimmed)."""
    rows: list[str] = []
    for line in lines:
        top, bottom = [], []
        x = top_x = 0  # the pinyin row may be ahead of the text row: a pinyin running on (overhang)
        for c in line.cells:
            if c.x > x:
                bottom.append(" " * (c.x - x))
            if c.x > top_x:
                top.append(" " * (c.x - top_x))
                top_x = c.x
            top.append(_pad(c.pinyin, c.x + c.width + c.overhang - top_x))
            bottom.append(_pad(c.text, c.width))
            x = c.x + c.width
            top_x = max(top_x, c.x + c.width + c.overhang)
        if pinyin:
            rows.append("".join(top).rstrip())
        rows.append("".join(bottom).rstrip())
    return rows
