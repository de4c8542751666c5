"""Turn raw text (a newspaper page, an article pasted from anywhere) into clean articles.

A text extraction of a printed page leaves furniture and damage behind. :func:`import_text`
repairs it and splits the page into articles:

* photo credits and captions (受访者供图, ××摄, 新华社发, 资料图片, 图为……) are removed, also
  when they were dropped into the middle of a sentence;
* paragraphs broken mid-sentence at a column end are joined again (…着力打 / 造我国…),
  also across an interposed credit;
* half-width punctuation inside Chinese text becomes full-width (，：；（）！？); numbers
  (3.0, 2,372), Latin text and URLs are left alone;
* an accidental immediate repeat of a run of eight or more hanzi is printed once;
* a stray English "and" between two Chinese clauses becomes 和;
* page furniture is recognised: the section name, the series title, the editor's note (编者按),
  headlines (with a kicker above them or before a ``·``), column labels (新思路), bylines
  (◎本报记者 华凌) and subheads. It goes to the front matter or to ``## `` heads;
* a page with several articles (one byline under each headline) is split into one article each;
  the page's section, series and note apply to every article of the page;
* a web page's dateline ("2024-03-01 10:30 来源：新华网") gives the date and source; a date is
  set only when the text states it in full (never guessed); end marks (（完）, 责任编辑：…) go.

Everything here is heuristic but general: it relies on the shape of the lines (length,
punctuation, position next to a byline), never on the words of one particular page.

Article ids come from the content (pinyin of the headline plus a short hash), so importing the
same text twice gives the same ids and the same bytes.

The steps, each a function: the lines are cleaned one at a time as they are read (:func:`_units`,
:func:`_clean_units`); :func:`read_page` lays the page out (byline anchors or a single head, page
furniture, the source) into a :class:`Page`, whose :meth:`Page.articles` builds the articles one
at a time. :func:`import_text` collects them; :func:`import_into` (``yuedu import``) streams a file
through it and writes each article as it comes (:mod:`reader.core.article_files`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, ArticleError, Block, join_lines
from .article_files import BACKUP_DIR, Written
from ..errors import UserError

# --------------------------------------------------------------------------- character classes

from .script import HAN, HAN_RE as _HAN_RE  # noqa: E402

# Characters that say "this is Chinese text" around a punctuation mark.
_CJK_CONTEXT = HAN + "\u3000-\u303f\uff00-\uffef“”‘’…—·"
_CJK_CONTEXT_RE = re.compile(f"[{_CJK_CONTEXT}]")

# A line that ends with one of these ends a sentence (or at least a paragraph).
_CLOSED_END = set("。！？!?…”’」』）)》】〕：:；;.")
# A line that starts with one of these continues the line before it.
_CONTINUATION_START = set("，。、；：！？）》」』”’…,.;:!?)")
_BYLINE_MARKS = "◎●○■□▲△◆◇★☆•"
_SPACES = " \t\u3000\u00a0"


def _hanzi_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CONTEXT_RE.match(ch))


# Simplified → traditional for the few characters the furniture patterns use, so that Big5 and
# other traditional-character pages are recognised too.
_TRAD = dict(zip("报记讯员图摄华发资访编闻实习约论来视觉国传为话", "報記訊員圖攝華發資訪編聞實習約論來視覺國傳為話"))


def _both(pattern: str) -> str:
    """Let each simplified character of a regex pattern also match its traditional form."""
    return "".join(f"[{ch}{_TRAD[ch]}]" if ch in _TRAD else ch for ch in pattern)


# --------------------------------------------------------------------------- result types


@dataclass
class ImportResult:
    articles: list[Article]
    repairs: list[str]  # human-readable summary lines of what was changed or recognised
    source_name: str = "<stdin>"
    encoding: str | None = None


@dataclass(slots=True)
class _Unit:
    """One non-empty input line (or several joined), with where it came from."""

    text: str
    line: int  # 1-based line of the first input line
    block: int  # index of the blank-line-separated block it came from
    heading: bool = False  # a Markdown heading (# …): never joined with the lines around it


@dataclass
class _Repairs:
    joined: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    punctuation: int = 0
    repeats: list[str] = field(default_factory=list)
    ands: int = 0
    end_marks: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def lines(self, count: int) -> list[str]:
        """The summary for a page that gave ``count`` articles."""
        out: list[str] = []
        if count > 1:
            out.append(f"split the page into {count} articles (one per headline and byline)")
        out.extend(self.furniture)
        if self.joined:
            examples = "; ".join(self.joined[:3])
            out.append(f"joined {len(self.joined)} paragraph(s) broken at a column end: {examples}")
        if self.credits:
            names = _some(self.credits)
            out.append(f"removed {len(self.credits)} photo credit(s)/caption(s): {names}")
        if self.punctuation:
            out.append(
                f"normalised {self.punctuation} half-width punctuation mark(s) in Chinese text to full-width"
            )
        if self.repeats:
            out.append(f"printed once {len(self.repeats)} phrase(s) repeated by mistake: {_some(self.repeats)}")
        if self.end_marks:
            out.append(f"removed end marks and editor lines: {_some(self.end_marks)}")
        if self.ands:
            out.append(f"replaced {self.ands} stray English 'and' between Chinese clauses with 和")
        out.extend(self.other)
        return out


def _some(items: list[str], limit: int = 5) -> str:
    """Distinct items, the first ``limit`` of them, for a one-line summary."""
    distinct = list(dict.fromkeys(items))
    more = f" and {len(distinct) - limit} more" if len(distinct) > limit else ""
    return ", ".join(distinct[:limit]) + more


# --------------------------------------------------------------------------- credits and captions

_NAME = f"[{HAN}·]{{2,5}}"
_CREDIT_CORE = (
    r"受访者供图|资料图片|资料照片|新华社发|新华社传真|视觉中国|"
    rf"[{HAN}]{{1,12}}供图|[{HAN}]{{1,12}}供稿|"
    rf"(?:本报|新华社|中新社|人民日报|新华网)?(?:特约)?(?:记者|通讯员|摄影记者|摄影)?[{_SPACES}]*{_NAME}"
    rf"(?:[{_SPACES}]*[、和][{_SPACES}]*{_NAME})*(?<!拍)[{_SPACES}]*摄|"
    r"(?:图片|照片|图)[ \u3000]*来源[:：].{1,40}|图片由.{1,30}提供"
)
_CREDIT_LINE_RE = re.compile(_both(rf"^[(（]?[{_SPACES}]*(?:{_CREDIT_CORE})[{_SPACES}]*[)）]?$"))
_CAPTION_START_RE = re.compile(_both(r"^(?:图为|[上下左右]图(?:为|[:：])|图[①-⑳]|图\d{1,2}[:：\s]|▲|△)"))
_INLINE_CREDIT_RE = re.compile(_both(
    rf"[(（][{_SPACES}]*(?:{_CREDIT_CORE})[{_SPACES}]*[)）]"  # (新华社记者 张三 摄) anywhere
    r"|受访者供图"  # never part of a sentence
    rf"|(?<=[。！？”.!?])[{_SPACES}]*(?:{_CREDIT_CORE})$"  # a credit glued after the last sentence
))


_END_MARK_RE = re.compile(_both(
    rf"^[(（【\[][{_SPACES}]*(?:完|终|全文完)[{_SPACES}]*[)）】\]]$"
    rf"|^[(（]?[{_SPACES}]*(?:责任编辑|责编|编辑|校对|审核|监制)[{_SPACES}:：]+[{HAN}·、 ]{{2,20}}[)）]?$"
))


def _credit_line(text: str) -> bool:
    """A whole line that is a photo credit, or a caption (图为……)."""
    if len(text) <= 40 and _CREDIT_LINE_RE.match(text):
        return True
    return len(text) <= 200 and bool(_CAPTION_START_RE.match(text))


# --------------------------------------------------------------------------- punctuation

_URL_RE = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%()-]+")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def normalise_punctuation(text: str) -> tuple[str, int]:
    """Half-width ,:;!?() inside Chinese text become full-width; numbers, Latin text and URLs stay.

    Returns the new text and how many marks changed.
    """
    if not _HAN_RE.search(text):
        return text, 0
    protected = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]

    def in_url(i: int) -> bool:
        return any(a <= i < b for a, b in protected)

    chars = list(text)
    changed = 0
    # Parentheses as pairs: convert both when the pair sits in Chinese text.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(chars):
        if in_url(i):
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
    for a, b in pairs:
        before = chars[a - 1] if a > 0 else ""
        after = chars[b + 1] if b + 1 < len(chars) else ""
        inside = "".join(chars[a + 1 : b])
        if _is_cjk(before) or _is_cjk(after) or _HAN_RE.search(inside):
            chars[a], chars[b] = "（", "）"
            changed += 2
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch not in ",:;!?" or in_url(i):
            continue
        before = chars[i - 1] if i > 0 else ""
        after = chars[i + 1] if i + 1 < n else ""
        if ch == "," and before.isdigit() and re.match(r"\d{3}(?!\d)", text[i + 1 : i + 5]):
            continue  # 2,372: a thousands separator
        if ch in ":." and before.isdigit() and after.isdigit():
            continue  # 10:30
        if _is_cjk(before) or (ch not in "!?" and _is_cjk(after)):
            convert = True
        elif after in (" ", "\t") or before.isalpha() or after.isalpha():
            convert = False  # English punctuation in Latin text: "Hello, world!"
        else:
            # Between digits and symbols ("增长5%,3个"): Chinese when the words around are.
            window = text[max(0, i - 6) : i + 7]
            convert = bool(_HAN_RE.search(window)) and not re.search(r"[A-Za-z]", window)
        if convert:
            chars[i] = _HALF_TO_FULL[ch]
            changed += 1
    return "".join(chars), changed


# --------------------------------------------------------------------------- repeats and slips

_REPEAT_RE = re.compile(f"([{HAN}]{{8,60}})\\1")
_AND_RE = re.compile(f"(?<=[{HAN}])[{_SPACES}]*\\band\\b[{_SPACES}]*(?=[{HAN}])")


def collapse_repeats(text: str) -> tuple[str, list[str]]:
    """Print once a run of >= 8 hanzi that was printed twice in a row.

    A run of one or two characters repeated (哈哈哈哈……) is language, not a slip: the repeated
    phrase must have at least four different characters.
    """
    found: list[str] = []
    pos = 0
    while True:
        match = _REPEAT_RE.search(text, pos)
        if not match:
            return text, found
        start, size = match.start(), len(match.group(1))
        if len(set(match.group(1))) < 4:
            pos = start + 1
            continue
        # Slide right so the reported phrase is the one that really repeats (not a rotation of it).
        while start + 2 * size < len(text) and text[start + 2 * size] == text[start]:
            start += 1
        phrase = text[start + size : start + 2 * size]
        found.append(phrase)
        text = text[: start + size] + text[start + 2 * size :]
        pos = max(0, start - 60)


def fix_stray_and(text: str) -> tuple[str, int]:
    """"行动方案 and 关键核心技术" → "行动方案和关键核心技术"."""
    return _AND_RE.subn("和", text)


# --------------------------------------------------------------------------- line shapes


def _ends_open(text: str) -> bool:
    """True when the line stops mid-sentence (the column ended, not the paragraph)."""
    return bool(text) and text[-1] not in _CLOSED_END


def _starts_as_continuation(text: str) -> bool:
    return bool(text) and text[0] in _CONTINUATION_START


_BYLINE_ROLE_RE = re.compile(_both(
    rf"^(?:本报|本刊|新华社|中新社|人民日报|经济日报|光明日报)?(?:特约|见习|实习)?"
    rf"(?:记者|通讯员|撰稿人|评论员|实习生)[{_SPACES}:：]*{_NAME}"
    rf"(?:[{_SPACES}、和]+(?:(?:记者|通讯员|实习生)[{_SPACES}]*)?{_NAME})*$"
))
_BYLINE_SLASH_RE = re.compile(_both(rf"^(?:文|图|文图|文/图|撰文|作者)[{_SPACES}]*[/／|｜:：][{_SPACES}]*\S.{{0,30}}$"))


def byline_of(text: str) -> str | None:
    """The byline a line holds (◎本报记者 华凌 → 本报记者 华凌), or None."""
    bare = text.lstrip(_BYLINE_MARKS + _SPACES)
    marked = len(bare) < len(text)
    if not bare or len(bare) > 40 or re.search(r"[。！？，；,;!?]", bare):
        return None
    if _BYLINE_ROLE_RE.match(bare) or _BYLINE_SLASH_RE.match(bare):
        return bare
    if marked and len(bare) <= 30 and _HAN_RE.search(bare):
        return bare
    return None


_NOTE_RE = re.compile(_both(r"^[【\[［(（]?\s*(?:编者按|编者的话|编后|编者)\s*[】\]］)）]?\s*[:：]?"))


def _is_note(text: str) -> bool:
    return bool(_NOTE_RE.match(text)) and len(text) > 8


_META_RE = re.compile(
    r"^(?:(?:发布时间|發佈時間|发布日期|時間|时间|日期)[:：]?\s*)?"
    r"(?:(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?:星期|周|週)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)?"
    r"\s*(?:(?:来源|來源|稿源)[:：]\s*(?P<src>[^\s:：]{2,30}))?"
    r"\s*(?:(?:作者|记者|記者)[:：]\s*(?P<who>[^\s:：]{2,20}))?\s*$"
)


def meta_of(text: str) -> dict[str, str] | None:
    """A dateline or source line of a web page ("2024-03-01 10:30 来源：新华网"): its date
    (ISO), source and author, or None. A date counts only when it is a real calendar date."""
    match = _META_RE.match(text)
    if not match or not (match.group("y") or match.group("src")):
        return None
    out: dict[str, str] = {}
    if match.group("y"):
        import datetime as _dt

        try:
            day = _dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            return None
        out["date"] = day.isoformat()
    if match.group("src"):
        out["source"] = match.group("src")
    if match.group("who"):
        out["byline"] = match.group("who")
    return out


def _head_line(text: str) -> bool:
    """Could be (part of) a headline, a kicker, a column label or a page label."""
    if not (1 <= len(text) <= 40) or _hanzi_count(text) < 2:
        return False
    if re.search(r"[。；;]", text):
        return False
    if text[-1] in "，、,：:—(（“‘「『《[【":
        return False
    if text[0] in "(（" and text[-1] in ")）":
        return False
    return byline_of(text) is None and not _is_note(text) and meta_of(text) is None


def _subhead_line(text: str) -> bool:
    """A subhead inside an article: a short phrase with no sentence punctuation."""
    if not (2 <= len(text) <= 20) or _hanzi_count(text) < 2:
        return False
    if re.search(r"[。！？!?，,；;]", text):
        return False
    if text[-1] in "：:、—(（“‘「『《[【" or (text[0] in "(（" and text[-1] in ")）"):
        return False
    return byline_of(text) is None


def _column_label(text: str) -> bool:
    return 2 <= len(text) <= 6 and all(_HAN_RE.match(c) or c == "·" for c in text)


_SECTION_SUFFIXES = (
    "特刊", "专刊", "周刊", "专版", "要闻", "专题", "新闻", "观察", "副刊", "版",
    "專刊", "週刊", "專版", "要聞", "專題", "新聞", "觀察",
)


# --------------------------------------------------------------------------- pinyin slug ids

_PINYIN: dict[str, str] | None = None
_PINYIN_TEXT: str | None = None


def _pinyin_data() -> str:
    """pypinyin's character table as its file's text ("" when it cannot be read)."""
    global _PINYIN_TEXT
    if _PINYIN_TEXT is None:
        import importlib.util

        spec = importlib.util.find_spec("pypinyin")  # the data file only: importing pypinyin is slow
        try:
            assert spec is not None and spec.origin is not None
            _PINYIN_TEXT = Path(spec.origin).with_name("pinyin_dict.json").read_text(encoding="utf-8")
        except (AssertionError, OSError, ValueError):
            _PINYIN_TEXT = ""
    return _PINYIN_TEXT


def _readings_of(ch: str) -> str:
    """pypinyin's readings of one character ("" for none). The file holds one entry a line
    (``"19968": "yī,yí,yì",``): the line is found in the text, without parsing the whole table (a
    fiftieth of a second, on every first import of a process); a character the search does not find
    is looked up in the parsed table, so the answer is the table's either way."""
    global _PINYIN
    text = _pinyin_data()
    key = f'\n"{ord(ch)}": "'
    at = text.find(key)
    if at >= 0:
        start = at + len(key) - 1
        end = text.find('"', start + 1)
        if end > start and "\\" not in text[start:end]:
            return text[start + 1 : end]
    if _PINYIN is None:
        try:
            raw = json.loads(text) if text else {}
            _PINYIN = raw if isinstance(raw, dict) else {}
        except ValueError:
            _PINYIN = {}
    value = _PINYIN.get(str(ord(ch)), "")
    return value if isinstance(value, str) else ""


def _char_pinyin(ch: str) -> str:
    """First dictionary reading of one hanzi, toneless ASCII (绿 lǜ → lu, 中 → zhong).

    Read straight from pypinyin's data file rather than through pypinyin's API: other parts of
    yuedu load extra pinyin data into pypinyin's (global) dictionaries, and an article id must
    not depend on what else was loaded in the process.
    """
    reading = _readings_of(ch)
    if not reading:
        return ""
    first = reading.split(",")[0].replace("ü", "v").replace("Ü", "v")
    plain = unicodedata.normalize("NFKD", first)
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()


def _slug(text: str, limit: int = 5) -> str:
    words: list[str] = []
    latin = ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            latin += ch.lower()
            continue
        if latin:
            words.append(latin)
            latin = ""
        if _HAN_RE.match(ch):
            syllable = _char_pinyin(ch)
            if syllable:
                words.append(syllable)
        if len(words) >= limit:
            break
    if latin:
        words.append(latin)
    return "-".join(w[:20] for w in words[:limit])


def make_id(article: Article, headline: str | None = None) -> str:
    """A stable id from the content: pinyin of the headline plus a short hash. ``headline``: the one the
    text itself gives, when the article was given another title (``--title``): the same text keeps its id
    whatever it is titled, so importing it again with a new title updates it instead of adding a copy."""
    headline = article.title if headline is None else headline
    body_hanzi = _first_hanzi(article.paragraphs, 80)
    key = f"{article.kicker or ''}\n{headline}\n{body_hanzi}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    slug = _slug(headline) or "article"
    return f"{slug}-{digest}"


def _first_hanzi(blocks: list[Block], limit: int) -> str:
    """The first ``limit`` hanzi of the blocks' text (read no further than needed)."""
    found: list[str] = []
    for block in blocks:
        for match in _HAN_RE.finditer(block.text):
            found.append(match.group())
            if len(found) >= limit:
                return "".join(found)
    return "".join(found)


# --------------------------------------------------------------------------- the importer


def _units(lines: Iterable[str]) -> Iterator[_Unit]:
    """The non-empty lines, each with its line number and the blank-line-separated block it is in."""
    block = 0
    fresh = True
    for number, raw in enumerate(lines, start=1):
        line = raw.strip(_SPACES + "\r\f\v\ufeff")
        if not line:
            if not fresh:
                block += 1
            fresh = True
            continue
        fresh = False
        yield _Unit(line, number, block)


def _clean_units(units: Iterable[_Unit], rep: _Repairs) -> list[_Unit]:
    """Drop credit lines, cut inline credits, normalise punctuation (a line at a time: the lines
    of a large text are never all held before they are cleaned)."""
    out: list[_Unit] = []
    for unit in units:
        if _credit_line(unit.text):
            rep.credits.append(unit.text if len(unit.text) <= 16 else unit.text[:15] + "…")
            continue
        if _END_MARK_RE.match(unit.text):
            rep.end_marks.append(unit.text)
            continue
        text = unit.text

        def cut(match: re.Match[str]) -> str:
            rep.credits.append(match.group(0).strip(_SPACES))
            return ""

        text = _INLINE_CREDIT_RE.sub(cut, text).strip(_SPACES)
        heading = False
        if text.startswith("#"):
            # A Markdown heading: keep its words and let its shape say what it is. Any other line
            # starting with "#" (#话题#) would read as a heading in an article file: use ＃.
            marked = re.match(r"^#{1,6}[ \t]+(.*\S)", text)
            text = marked.group(1).strip(_SPACES + "#") if marked else "＃" + text[1:]
            heading = marked is not None
            if not marked:
                rep.other.append(f"a line starting with # now starts with ＃ (line {unit.line})")
        if not text:
            continue
        text, changed = normalise_punctuation(text)
        rep.punctuation += changed
        out.append(_Unit(text, unit.line, unit.block, heading or unit.heading))
    return out


def _head_group(units: list[_Unit], end: int, floor: int, limit: int) -> int:
    """Start index of the run of headline-like lines right before ``end`` (no lower than floor)."""
    start = end
    while start - 1 >= floor and end - (start - 1) <= limit and _head_line(units[start - 1].text):
        start -= 1
    return start


@dataclass
class _Head:
    title: str | None = None
    kicker: str | None = None
    column: str | None = None
    extras: list[str] = field(default_factory=list)


def _read_head(group: list[_Unit], first: bool = False) -> _Head:
    """Headline, kicker and column label from the lines above a byline.

    A kicker sits right on its headline (same block) or before a ``·`` in it; a column label is a
    short line standing alone, right above the byline (or above a longer headline). Lines above
    the first article's headline that stand apart from it are page labels (``extras``).
    """
    head = _Head()
    lines = list(group)
    if len(lines) >= 2 and _column_label(lines[-1].text) and lines[-1].block != lines[-2].block:
        head.column = lines.pop().text
    elif (
        len(lines) == 2
        and _column_label(lines[0].text)
        and lines[0].block != lines[1].block
        and len(lines[1].text) > len(lines[0].text)
        and not (first and lines[0].text.endswith(_SECTION_SUFFIXES))
    ):
        head.column = lines.pop(0).text
    if not lines:
        return head
    if len(lines) >= 2 and (lines[-2].block == lines[-1].block or not first):
        head.kicker, head.title = lines[-2].text, lines[-1].text
        head.extras = [u.text for u in lines[:-2]]
    else:
        head.title = lines[-1].text
        head.extras = [u.text for u in lines[:-1]]
    if head.kicker is None:
        parts = head.title.split("·")
        if len(parts) == 2 and len(parts[0]) >= 4 and len(parts[1]) >= 6:
            head.kicker, head.title = parts[0].strip(), parts[1].strip()
    return head


_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "(": ")", "（": "）", "[": "]", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _strip_unpaired(clause: str) -> str:
    """Quotes and brackets cut off at the ends of a clause, but not one whose partner is inside it
    (``[bold]粗体`` keeps its bracket, ``“创新驱动`` loses its quote)."""
    while clause:
        first, last = clause[0], clause[-1]
        inner = clause[1:-1]
        closer = _PAIRS.get(first, first if first in "\"'" else None)
        if len(clause) > 1 and closer == last and first not in inner and last not in inner:
            clause = inner.strip()  # the whole clause in quotes
        elif first in "\"'" and clause.count(first) == 1 or first in _PAIRS and _PAIRS[first] not in clause:
            clause = clause[1:].strip()
        elif last in "\"'" and clause.count(last) == 1 or last in _CLOSERS and _CLOSERS[last] not in clause:
            clause = clause[:-1].strip()
        else:
            break
    return clause


def _first_clause(paragraphs: list[str]) -> str:
    text = paragraphs[0] if paragraphs else ""
    clause = re.split(r"[。！？!?，,；;：:\n]", text, maxsplit=1)[0]
    clause = _strip_unpaired(clause.strip(" \t\u3000"))
    if len(clause) > 24:
        clause = clause[:24] + "…"
    return clause or "untitled"


_SOURCE_RE = re.compile(_both(rf"(?:接受|对|對|向|告诉|告訴)([{HAN}]{{2,6}}?(?:日报|晚报|晨报|时报|商报|报))记者"))


def _infer_source(units: list[_Unit], bylines: list[str]) -> str | None:
    """The paper's own name, when its reporters sign as 本报记者 and the text names the paper
    the same way every time it says "accepted an interview by <paper>'s reporter"."""
    if not any(b.startswith(("本报", "本報")) for b in bylines):
        return None
    names = []
    for unit in units:
        names += re.findall(_SOURCE_RE, unit.text)
    names = [n for n in names if n not in ("本报", "本報")]
    if len(names) >= 2 and len(set(names)) == 1:
        return names[0]
    return None


def import_text(
    text: str,
    *,
    title: str | None = None,
    source_name: str = "<stdin>",
    source: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Clean raw text and split it into articles (see the module docstring).

    ``title`` replaces the headline of the first article (and is the title when the text has
    no headline of its own). ``source`` is the publication (front matter ``source``); when not
    given it is inferred only when the text names its own paper unambiguously.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    page = read_page(lines, title=title, source_name=source_name, source=source, encoding=encoding)
    articles = list(page.articles())
    return ImportResult(articles, page.repairs(len(articles)), source_name, encoding)


@dataclass
class _Span:
    """Where one article's head starts and ends among the units, and its byline's unit (if any)."""

    start: int
    end: int
    byline: int | None


@dataclass
class _Part:
    """One article of the page as found: its head, byline, datelines and body units."""

    head: _Head
    byline: str | None
    found: dict[str, str]
    body: list[_Unit] | None
    head_units: list[_Unit]  # the lines of its head (the body of a text too short for a head)


class Page:
    """A text read and laid out as articles, which :meth:`articles` then builds one at a time.

    The lines are cleaned as they are read (:func:`read_page`); the layout (headlines, bylines, page
    furniture, the source) needs the whole page; each article is built only when asked for, and
    the lines it was built from are let go, so a large text is held about once.
    """

    def __init__(self, parts: list[_Part], rep: _Repairs, *, title: str | None, source: str | None,
                 section: str | None, series: str | None, labels: list[str], note: str | None,
                 source_name: str, encoding: str | None) -> None:
        self._parts = parts
        self._rep = rep
        self._title = title
        self._source = source
        self._section, self._series, self._labels, self._note = section, series, labels, note
        self.source_name = source_name
        self.encoding = encoding

    def articles(self) -> Iterator[Article]:
        """The page's articles, one at a time, each with its id (same text, same ids); raises
        :class:`UserError` at the end when there was none."""
        seen: dict[str, int] = {}
        count = 0
        for k, part in enumerate(self._parts):
            made = self._article(part, first=k == 0, several=len(self._parts) > 1)
            self._parts[k].body = None  # let the lines go
            if made is None:
                continue
            article, own_headline = made
            base = make_id(article, own_headline)
            seen[base] = seen.get(base, 0) + 1
            article.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
            count += 1
            yield article
        if not count:
            raise UserError("no article text found", self.source_name)

    def repairs(self, count: int) -> list[str]:
        """What was changed or recognised (once the ``count`` articles have been built)."""
        return self._rep.lines(count)

    def _article(self, part: _Part, *, first: bool, several: bool) -> tuple[Article, str] | None:
        """The article, and the headline its text gives (what its id is made from, whatever title it gets)."""
        rep = self._rep
        head = part.head
        blocks = _body_blocks(part.body or [], rep)
        if not any(b.kind == "paragraph" for b in blocks):
            if several:
                rep.other.append(f"skipped the headline {head.title or '?'}: no text under it")
                return None
            # A text too short to have a head and a body: all of it is the body.
            lines = part.head_units + (part.body or [])
            blocks = [Block("paragraph", _clean_text(u.text, rep), u.line) for u in lines]
            head = _Head()
            if not blocks:
                return None
        headline = self._title if first and self._title else head.title
        guessed = not headline
        if guessed:
            headline = _first_clause([next((b.text for b in blocks if b.kind == "paragraph"), "")])
        article = Article(
            id="",
            title=_clean_text(headline, rep),
            blocks=blocks,
            kicker=_clean_text(head.kicker, rep) if head.kicker else None,
            source=self._source or part.found.get("source"),
            section=self._section,
            series=self._series,
            column=head.column,
            byline=part.byline,
            note=self._note,
            date=part.found.get("date"),
            tags=list(self._labels),
        )
        if part.found:
            rep.furniture.append(
                "dateline: " + ", ".join(f"{key} {value}" for key, value in sorted(part.found.items()))
            )
        _describe(article, blocks, guessed, rep)
        own = article.title
        if first and self._title:  # titled by the user: the id still comes from the text's own headline
            own = _clean_text(head.title or _first_clause([next((b.text for b in blocks if b.kind == "paragraph"),
                                                                "")]), _Repairs())
        return article, own


def _describe(article: Article, blocks: list[Block], guessed: bool, rep: _Repairs) -> None:
    """One line of the summary for an article: its headline, kicker, column, byline, subheads."""
    parts = [f"no headline found, titled by its first words: {article.title}" if guessed
             else f"headline {article.title}"]
    if article.kicker:
        parts.append(f"kicker {article.kicker}")
    if article.column:
        parts.append(f"column {article.column}")
    if article.byline:
        parts.append(f"byline {article.byline}")
    heads_count = sum(1 for b in blocks if b.kind == "heading")
    if heads_count:
        parts.append(f"{heads_count} subhead(s)")
    rep.furniture.append("article: " + ", ".join(parts))


def read_page(
    lines: Iterable[str],
    *,
    title: str | None = None,
    source_name: str = "<stdin>",
    source: str | None = None,
    encoding: str | None = None,
) -> Page:
    """Read the lines of a text (cleaning each as it comes) and lay the page out as articles."""
    rep = _Repairs()
    title = " ".join(title.split()) if title else None  # one line, whatever was typed
    source = " ".join(source.split()) or None if source is not None else None
    units = _clean_units(_units(lines), rep)
    if not units:
        raise UserError("no text left to import (only blank lines or photo credits)", source_name)
    spans = _anchored_spans(units) or [_single_head(units)]
    parts, page_labels, note = _parts(units, spans)
    section, series, extra_labels = _page_labels(page_labels, note)
    if section:
        rep.furniture.append(f"section: {section}")
    if series:
        rep.furniture.append(f"series: {series}")
    if note:
        rep.furniture.append("editor's note (编者按) kept in the front matter of every article of the page")
    if extra_labels:
        rep.other.append(f"kept as tags, not text: {', '.join(extra_labels)}")
    if source is None:
        source = _infer_source(units, [p.byline for p in parts if p.byline])
        if source:
            rep.other.append(f"source {source} inferred from 本报 bylines and the text (set it with --source)")
    clean_note = _clean_text(note, rep) if note else None
    return Page(parts, rep, title=title, source=source, section=section, series=series, labels=extra_labels,
                note=clean_note, source_name=source_name, encoding=encoding)


def _anchored_spans(units: list[_Unit]) -> list[_Span]:
    """Anchors: a byline with a headline above it starts an article."""
    spans: list[_Span] = []
    floor = 0
    for i, unit in enumerate(units):
        if byline_of(unit.text) is None:
            continue
        start = _head_group(units, i, floor, limit=6 if not spans else 4)
        if start < i:
            spans.append(_Span(start, i, i))
            floor = i + 1
    return spans


def _single_head(units: list[_Unit]) -> _Span:
    """No byline anchors: one article. Its head is the first block of headline-like lines (after
    the editor's note, if the text opens with page labels and a note); a later short line is a
    subhead or part of the body, not a second headline."""
    first_body = next(
        (
            i
            for i, u in enumerate(units)
            if not (u.heading or _head_line(u.text)) and byline_of(u.text) is None and meta_of(u.text) is None
        ),
        len(units),
    )
    lo = first_body + 1 if first_body < len(units) and _is_note(units[first_body].text) else 0
    while lo < first_body and (byline_of(units[lo].text) or meta_of(units[lo].text)):
        lo += 1  # a dateline or byline above the headline
    # Section labels (要闻, 经济周刊) standing alone above the headline are page labels.
    while (
        lo + 1 < first_body
        and units[lo].text.endswith(_SECTION_SUFFIXES)
        and units[lo + 1].block != units[lo].block
    ):
        lo += 1
    end = lo
    while (
        end < len(units)
        and end - lo < 3
        and units[end].block == units[lo].block
        and (units[end].heading or _head_line(units[end].text))
    ):
        end += 1
    # A long line running on (same block, no end punctuation) into the body is a hard-wrapped
    # first line, not a headline.
    while (
        lo < end < len(units)
        and units[end - 1].block == units[end].block
        and len(units[end - 1].text) > 16
        and _ends_open(units[end - 1].text)
    ):
        end -= 1
    return _Span(lo, end, None)


def _parts(units: list[_Unit], spans: list[_Span]) -> tuple[list[_Part], list[str], str | None]:
    """Each article's head, byline, datelines and body; the page's labels and editor's note (the
    furniture before the first article's head)."""
    page = units[: spans[0].start]
    page_labels = [u.text for u in page if _head_line(u.text)]
    page_bylines = [byline_of(u.text) for u in page if byline_of(u.text) is not None]
    page_meta: dict[str, str] = {}
    for u in page:
        for key, value in (meta_of(u.text) or {}).items():
            page_meta.setdefault(key, value)
    rest = [u for u in page if not _head_line(u.text) and byline_of(u.text) is None and meta_of(u.text) is None]
    note = "\n".join(u.text for u in rest) if rest and _is_note(rest[0].text) else None
    lead_paragraphs: list[_Unit] = [] if note else rest

    parts: list[_Part] = []
    for k, span in enumerate(spans):
        stop = spans[k + 1].start if k + 1 < len(spans) else len(units)
        head = _read_head(units[span.start : span.end], first=k == 0)
        byline = byline_of(units[span.byline].text) if span.byline is not None else None
        body = units[span.end + (1 if span.byline is not None else 0) : stop]
        if k == 0 and head.extras:
            page_labels += head.extras
            head.extras = []
        if head.extras:
            head.kicker = " ".join(head.extras + ([head.kicker] if head.kicker else []))
        if k == 0 and lead_paragraphs:
            body = lead_paragraphs + body
        found = dict(page_meta)
        skip = 0
        while skip < len(body) and (
            meta_of(body[skip].text) is not None or (byline is None and byline_of(body[skip].text))
        ):
            if meta_of(body[skip].text) is not None:
                found.update(meta_of(body[skip].text) or {})
            else:
                byline = byline_of(body[skip].text)
            skip += 1
        if skip:
            body = body[skip:]
        if byline is None and k == 0 and page_bylines:
            byline = page_bylines[0]
        if byline is None and "byline" in found:
            byline = found["byline"]
        parts.append(_Part(head, byline, found, body, units[span.start : span.end]))
    return parts, page_labels, note


def _page_labels(labels: list[str], note: str | None) -> tuple[str | None, str | None, list[str]]:
    """Decide which short lines at the top of the page are the section and the series."""
    section = series = None
    rest: list[str] = []
    note = note or ""
    for label in labels:
        if section is None and (f"《{label}》" in note or label.endswith(_SECTION_SUFFIXES)):
            section = label
        elif series is None and re.search(rf"[“「『\"]{re.escape(label)}[”」』\"]\s*系列|{re.escape(label)}\s*系列", note):
            series = label
        else:
            rest.append(label)
    for label in list(rest):
        if section is None:
            section = label
        elif series is None:
            series = label
        else:
            continue
        rest.remove(label)
    return section, series, rest


def _clean_text(text: str, rep: _Repairs) -> str:
    text, found = collapse_repeats(text)
    rep.repeats += found
    text, ands = fix_stray_and(text)
    rep.ands += ands
    return text


def _body_blocks(units: list[_Unit], rep: _Repairs) -> list[Block]:
    """Join broken paragraphs, then tell subheads from paragraphs."""
    merged: list[_Unit] = []
    for unit in units:
        if merged:
            prev = merged[-1]
            prev_is_head = _subhead_line(prev.text) and not _starts_as_continuation(unit.text)
            if not (prev.heading or unit.heading) and (_starts_as_continuation(unit.text) or (
                _ends_open(prev.text) and not prev_is_head and byline_of(unit.text) is None
            )):
                if unit.block != prev.block:
                    rep.joined.append(f"…{prev.text[-4:]} / {unit.text[:4]}…")
                merged[-1] = _Unit(join_lines([prev.text, unit.text]), prev.line, unit.block)
                continue
        merged.append(unit)
    blocks: list[Block] = []
    for i, unit in enumerate(merged):
        last = i == len(merged) - 1
        if not last and (_subhead_line(unit.text) or unit.heading):
            blocks.append(Block("heading", _clean_text(unit.text, rep), unit.line))
        else:
            blocks.append(Block("paragraph", _clean_text(unit.text, rep), unit.line))
    return blocks


# --------------------------------------------------------------------------- files


def import_file(
    path_or_dash: str | Path, *, title: str | None = None, source: str | None = None
) -> ImportResult:
    """Read a text file (any encoding) or "-" and import it. An article ``.md`` file with front
    matter is taken as it is."""
    from .importers import import_decoded, import_special
    from .textio import read_text

    special = import_special(path_or_dash, title=title, source=source)  # Markdown, HTML, EPUB, PDF
    if special is not None:
        return special
    decoded = read_text(path_or_dash)
    special = import_decoded(decoded, title=title, source=source)  # front matter or HTML in a text
    if special is not None:
        return special
    return import_text(
        decoded.text, title=title, source_name=decoded.name, source=source, encoding=decoded.encoding
    )


def write_articles(result: ImportResult, into: Path) -> list[Path]:
    """Write each article as ``<id>.md`` in ``into``, all or nothing, never over the user's own text
    (see :mod:`reader.core.article_files`)."""
    from .article_files import write_articles as write

    return write(result.articles, Path(into))


@dataclass
class ImportReport:
    """What ``yuedu import`` did: each article written (or found bundled), and the clean-up."""

    written: list[Written]
    repairs: list[str]
    source_name: str
    encoding: str | None


def import_into(
    path_or_dash: str | Path,
    into: Path,
    *,
    title: str | None = None,
    source: str | None = None,
    bundled: dict[str, Path] | None = None,
) -> ImportReport:
    """Import a file (or "-") into the folder ``into``, all or nothing (:func:`import_file` and
    :func:`write_articles` in one, for texts of any size).

    A plain text is read a line at a time (the raw bytes go once its lines are read and cleaned)
    and each article is written to a temporary file as soon as it is built, so a large text is
    held in memory about once; the files are renamed into place at the end. ``bundled`` (id ->
    file) are the articles that come with yuedu: one of them is not written again.
    """
    from .article_files import ArticleWriter
    from .importers import import_decoded, import_special
    from .textio import read_stream

    result = import_special(path_or_dash, title=title, source=source)  # Markdown, HTML, EPUB, PDF
    stream = None
    if result is None:
        stream = read_stream(path_or_dash)
        result = import_decoded(stream, title=title, source=source)  # front matter or HTML in a text
    with ArticleWriter(into, bundled=bundled) as writer:
        if result is not None:
            for article in result.articles:
                writer.add(article)
            return ImportReport(writer.commit(), result.repairs, result.source_name, result.encoding)
        assert stream is not None
        page = read_page(stream.lines(), title=title, source_name=stream.name, source=source,
                         encoding=stream.encoding)
        stream = None  # the raw bytes: from here on the text is held once, in the page's lines
        count = 0
        for article in page.articles():
            writer.add(article)
            count += 1
        return ImportReport(writer.commit(), page.repairs(count), page.source_name, page.encoding)


def article_from_file(path_or_dash: str | Path) -> Article:
    """The article to read for ``yuedu read PATH|-``: an article ``.md`` file is parsed as is;
    any other text is imported on the fly (the first article when the text holds several)."""
    from .importers import import_decoded, import_special, readable_article
    from .textio import read_text

    special = import_special(path_or_dash)  # Markdown, HTML, EPUB (a book: one article), PDF
    if special is not None:
        article = readable_article(special)
        article.path = Path(path_or_dash)
        return article
    decoded = read_text(path_or_dash)
    special = import_decoded(decoded)  # front matter or HTML in a text (standard input too)
    if special is not None:
        article = readable_article(special)
        article.path = None if decoded.name == "<stdin>" else Path(decoded.name)
        return article
    result = import_text(decoded.text, source_name=decoded.name, encoding=decoded.encoding)
    article = result.articles[0]
    if decoded.name != "<stdin>":
        article.path = Path(decoded.name)
    return article


__all__ = [
    "ArticleError",
    "BACKUP_DIR",
    "ImportReport",
    "ImportResult",
    "Page",
    "article_from_file",
    "collapse_repeats",
    "fix_stray_and",
    "import_file",
    "import_into",
    "import_text",
    "make_id",
    "meta_of",
    "normalise_punctuation",
    "read_page",
    "write_articles",
]
