"""Vocabulary in and out: Anki (.apkg via genanki), Anki-importable CSV, and Pleco flashcard text.

Export formats
- ``anki``: a real ``.apkg`` (genanki). Note type "yuedu vocabulary" with fields Word, Pinyin, Meaning,
  Sentence, Source, Note; fixed model and deck ids and a guid per word, so re-importing updates the notes
  instead of duplicating them. Field text is HTML-escaped; the word is bolded in its sentence.
  ``cards`` chooses the card set: ``recognition`` (word -> meaning, always), ``production`` (meaning ->
  word: the note type "yuedu vocabulary + production", with a model id of its own) and ``cloze`` (the
  sentence with the word blanked, a cloze note type of its own, one note per word that has a sentence).
  Each note type has its own fixed model id and its notes their own guids: re-importing the same card
  set updates, another card set never collides with it.
- ``csv``: UTF-8, comma-separated, RFC 4180 quoting, Anki's ``#separator``/``#html``/``#columns``
  header lines; columns Word, Pinyin, Meaning, Sentence, Source, Tags (first column the word).
- ``pleco``: Pleco's flashcard import text: ``word<TAB>pinyin<TAB>definition`` per line, pinyin in
  tone numbers (``zhong4yao4``), a ``//yuedu`` category line first. Inside the definition, lines are
  split by Pleco's new-line character (U+EAB1), as in Pleco's own dictionaries: the meaning, then the
  sentence as the example line (the word in Pleco's bold, U+EAB2 ... U+EAB3), then ``Note: ...``.

Import reads CSV (our export, Anki's "Notes in plain text", or any ``word,pinyin,meaning,...``) and
Pleco/tab-separated text, in any encoding. A bad line raises ``UserError`` with ``file:line``; nothing
is saved unless the whole file is good.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.sanitize import safe_text
from reader.errors import UserError

from reader.core import pinyin as _pinyin
from reader.core.pinyin import pinyin_problem  # the one rule for typed pinyin
from .db import Store, VocabItem

FORMATS = ("anki", "csv", "pleco")
ANKI_MODEL_ID = 1735817290   # fixed forever: Anki matches notes to this note type on re-import
ANKI_DECK_ID = 1735817291
ANKI_PRODUCTION_MODEL_ID = 1735817292  # recognition + production cards: a note type of its own
ANKI_CLOZE_MODEL_ID = 1735817293       # the cloze on the sentence
ANKI_CARDS = ("recognition", "production", "cloze")
CSV_COLUMNS = ["Word", "Pinyin", "Meaning", "Sentence", "Source", "Tags", "Note"]
PLECO_NOTE = "Note: "        # the note, appended to a Pleco definition on a line of its own
PLECO_NEWLINE = "\ueab1"     # Pleco's private-use "new line" character inside a definition
PLECO_BOLD = ("\ueab2", "\ueab3")  # Pleco's bold on / off: the word in its example sentence
_HEADER_WORDS = {"word", "words", "headword", "hanzi", "simplified", "front", "chinese", "词", "词语", "单词"}


def _source(item: VocabItem, titles: Mapping[str, str]) -> str:
    article = item.article_id
    if not article:
        return ""
    title = titles.get(article)
    return f"{title} ({article})" if title else article


def _one_line(text: str) -> str:
    return " ".join(text.split())


# A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that starts with one of these as a
# formula (=HYPERLINK(...), =cmd|' /C calc'!A0): such a cell is written with a leading apostrophe,
# the usual neutralisation, which spreadsheets show as text and our own import takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """An exported cell that no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uncell(text: str) -> str:
    """An imported cell with the apostrophe of :func:`_cell` taken off."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def export_vocab(items: Sequence[VocabItem], fmt: str, out: Path, *, titles: Mapping[str, str] | None = None,
                 standard: str | None = None, cards: Sequence[str] = ("recognition",)) -> int:
    """Write ``items`` to ``out`` in ``fmt``. Returns how many were written. Raises UserError.
    ``cards``: the Anki card set (see the module docstring)."""
    titles = titles or {}
    cards = anki_cards(cards)
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if not str(out):
        raise UserError("no file name given to write to (-o FILE)")
    out = Path(out)
    if out.is_dir():
        raise UserError("is a directory, expected a file name to write", out)
    if out.is_symlink() or (out.exists() and not out.is_file()):
        # A link, a device or a pipe (/dev/stdout, a FIFO): written into, never replaced by a new file.
        try:
            if fmt == "anki":
                import tempfile

                with tempfile.TemporaryDirectory() as folder:
                    package = Path(folder) / "yuedu.apkg"
                    _write_anki(items, package, titles, standard, cards)
                    data = package.read_bytes()
            else:
                data = export_text(items, fmt, titles=titles).encode("utf-8")
            with open(out, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise UserError(f"cannot write: {exc.strerror or exc}", out) from None
        return len(items)
    tmp = out.with_name(out.name + ".part")
    try:
        if fmt == "anki":
            _write_anki(items, tmp, titles, standard, cards)
        else:
            text = _csv_text(items, titles) if fmt == "csv" else _pleco_text(items)
            tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write: {exc.strerror or exc}", out) from None
    return len(items)


def export_text(items: Sequence[VocabItem], fmt: str, *, titles: Mapping[str, str] | None = None) -> str:
    """The text of a ``csv`` or ``pleco`` export (for standard output)."""
    if fmt == "csv":
        return _csv_text(items, titles or {})
    if fmt == "pleco":
        return _pleco_text(items)
    raise UserError(f"an {fmt} export is a file, not text: give a file name with -o", "<stdout>")


def _csv_text(items: Sequence[VocabItem], titles: Mapping[str, str]) -> str:
    buf = io.StringIO(newline="")
    buf.write("#separator:comma\n#html:false\n#columns:" + ",".join(CSV_COLUMNS) + "\n#tags column:6\n")
    writer = csv.writer(buf, lineterminator="\n")
    for item in items:
        writer.writerow([_cell(c) for c in (
            item.word, _pinyin.to_marks(item.pinyin), item.definition, item.sentence,
            _source(item, titles), " ".join(t.replace(" ", "_") for t in item.tags), _one_line(item.note))])
    return buf.getvalue()


def _pleco_example(sentence: str, word: str) -> str:
    """The sentence as a Pleco example line, the word in Pleco's bold."""
    sentence = _one_line(sentence)
    on, off = PLECO_BOLD
    return sentence.replace(word, f"{on}{word}{off}") if word else sentence


def _pleco_text(items: Sequence[VocabItem]) -> str:
    lines = ["//yuedu"]
    for item in items:
        pinyin = "".join(_pinyin.syllables(item.pinyin))
        definition = item.definition
        if item.sentence.strip():
            definition += "\n" + _pleco_example(item.sentence, item.word)
        if item.note.strip():
            definition += "\n" + PLECO_NOTE + item.note.strip()
        definition = definition.replace("\t", " ").replace("\r\n", "\n").replace("\n", PLECO_NEWLINE)
        lines.append(f"{_cell(_one_line(item.word))}\t{_cell(pinyin)}\t{_cell(definition)}")
    return "\n".join(lines) + "\n"


def _highlight(sentence: str, word: str) -> str:
    escaped = html.escape(sentence)
    w = html.escape(word)
    return escaped.replace(w, f"<b>{w}</b>") if w else escaped


def anki_cards(cards: Sequence[str] | str | None) -> tuple[str, ...]:
    """The Anki card set, in :data:`ANKI_CARDS` order, recognition always in it; UserError for a name
    that is not a card type. ``cards`` may be a comma-separated string (``production,cloze``)."""
    if cards is None:
        cards = ()
    if isinstance(cards, str):
        cards = cards.split(",")
    chosen = {c.strip().lower() for c in cards if c.strip()}
    unknown = sorted(chosen - set(ANKI_CARDS))
    if unknown:
        raise UserError(f"unknown Anki card type {unknown[0]!r} (use {', '.join(ANKI_CARDS)})")
    return tuple(c for c in ANKI_CARDS if c in chosen or c == "recognition")


_ANKI_CSS = (".card{font-family:sans-serif;text-align:center}.word{font-size:2.5em}"
             ".sentence{margin-top:1em}.sentence b{color:#c33}.pinyin{font-size:1.4em}"
             ".meaning{font-size:1.2em}.source{color:#888;font-size:.8em}.cloze{font-weight:bold;color:#c33}")
_ANKI_BACK = ('<div class="pinyin">{{Pinyin}}</div><div class="meaning">{{Meaning}}</div>'
              '<div class="note">{{Note}}</div><div class="source">{{Source}}</div>')


def _anki_models(cards: tuple[str, ...]):
    """(the word note type for this card set, the cloze note type or None)."""
    import genanki

    templates = [{
        "name": "Recognition",
        "qfmt": '<div class="word">{{Word}}</div><div class="sentence">{{Sentence}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer">' + _ANKI_BACK,
    }]
    if "production" in cards:
        templates.append({
            "name": "Production",
            "qfmt": '<div class="meaning">{{Meaning}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="word">{{Word}}</div><div class="pinyin">{{Pinyin}}</div>'
                    '<div class="sentence">{{Sentence}}</div><div class="note">{{Note}}</div>'
                    '<div class="source">{{Source}}</div>',
        })
    production = "production" in cards
    model = genanki.Model(
        ANKI_PRODUCTION_MODEL_ID if production else ANKI_MODEL_ID,
        "yuedu vocabulary + production" if production else "yuedu vocabulary",
        fields=[{"name": n} for n in ("Word", "Pinyin", "Meaning", "Sentence", "Source", "Note")],
        templates=templates,
        css=_ANKI_CSS,
    )
    cloze = None
    if "cloze" in cards:
        cloze = genanki.Model(
            ANKI_CLOZE_MODEL_ID,
            "yuedu sentence cloze",
            fields=[{"name": n} for n in ("Text", "Word", "Pinyin", "Meaning", "Source", "Note")],
            templates=[{
                "name": "Cloze",
                "qfmt": '<div class="sentence">{{cloze:Text}}</div>',
                "afmt": '<div class="sentence">{{cloze:Text}}</div><hr id="answer"><div class="word">{{Word}}</div>'
                        + _ANKI_BACK,
            }],
            css=_ANKI_CSS,
            model_type=genanki.Model.CLOZE,
        )
    return model, cloze


def _cloze_text(sentence: str, word: str, meaning: str) -> str | None:
    """The sentence with every occurrence of the word as cloze 1, its meaning as the hint (HTML-escaped);
    None when the sentence does not hold the word."""
    sentence = _one_line(sentence)
    if not word or word not in sentence:
        return None
    hint = html.escape(_one_line(meaning)[:60]).replace("::", ": :").replace("}}", "} }")
    gap = "{{c1::" + html.escape(word) + ("::" + hint if hint else "") + "}}"
    return gap.join(html.escape(part) for part in sentence.split(word))


def _write_anki(items: Sequence[VocabItem], out: Path, titles: Mapping[str, str], standard: str | None = None,
                cards: Sequence[str] = ("recognition",)) -> None:
    import genanki

    from reader.core.knowledge import hsk_tags

    cards = anki_cards(cards)
    model, cloze = _anki_models(cards)
    # each note type its own guids: a re-import of the same card set updates its notes
    kind = "+".join(c for c in cards if c != "cloze")
    deck = genanki.Deck(ANKI_DECK_ID, "yuedu")
    for item in items:
        pinyin, meaning = html.escape(_pinyin.to_marks(item.pinyin)), html.escape(item.definition)
        source, note = html.escape(_source(item, titles)), html.escape(item.note).replace("\n", "<br>")
        fields = [html.escape(item.word), pinyin, meaning, _highlight(item.sentence, item.word), source, note]
        tags = [re.sub(r"\s+", "_", t) for t in item.tags if t.strip()]
        tags += [t for t in hsk_tags(item.word, standard) if t.lower() not in {x.lower() for x in tags}]
        guid = (genanki.guid_for("yuedu", item.word) if kind == "recognition"
                else genanki.guid_for("yuedu", item.word, kind))
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
        text = _cloze_text(item.sentence, item.word, item.definition) if cloze is not None else None
        if text is not None:
            deck.add_note(genanki.Note(model=cloze, fields=[text, html.escape(item.word), pinyin, meaning, source, note],
                                       tags=tags, guid=genanki.guid_for("yuedu", item.word, "cloze")))
    genanki.Package(deck).write_to_file(str(out))


# ------------------------------------------------------------------------------- import


@dataclass
class ImportReport:
    format: str
    added: int
    updated: int
    rows: int


def _has_hanzi(text: str) -> bool:
    from reader.core.script import HAN_RE

    return HAN_RE.search(text) is not None


_SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
_BREAK = re.compile(r"<\s*(br|/div|/p|/li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _html_to_text(cell: str) -> str:
    return html.unescape(_TAG.sub("", _BREAK.sub(" ", cell)))


def _anki_headers(lines: list[str]) -> dict[str, str]:
    """Anki's plain-text file headers (``#separator:tab``, ``#html:true``, ...) at the top of the file."""
    headers = {}
    for line in lines:
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return headers


def parse_vocab_file(source: str | Path) -> tuple[str, list[dict]]:
    """Read a CSV, Anki plain-text or Pleco file into rows for :meth:`Store.save_words`.

    Columns: word, pinyin, meaning, then (CSV/Anki) sentence, source, tags. Anki's ``#separator:``
    and ``#html:true`` headers are honoured; Pleco's ``//category`` lines are skipped and its
    ``简体[繁體]`` headwords give the simplified form. Raises UserError(file, line)."""
    from reader.core.textio import read_text

    if str(source) != "-" and Path(source).is_file():
        with open(source, "rb") as fh:
            if fh.read(4) == b"PK\x03\x04":
                raise UserError("an Anki package (.apkg) or other zip file, not text: in Anki, export the deck "
                                "as Notes in Plain Text and import that", source)
    decoded = read_text(str(source))
    name = decoded.name
    lines = decoded.text.splitlines()
    headers = _anki_headers(lines)
    first = next((ln for ln in lines if ln.strip() and not ln.startswith(("#", "//"))), None)
    if first is None:
        raise UserError("no words in the file (only blank or comment lines)", name)
    separator = headers.get("separator")
    if separator:
        delimiter = _SEPARATORS.get(separator.lower(), separator[:1])
    else:
        # a tab inside a quoted CSV cell does not make the file Pleco text
        delimiter = "\t" if "\t" in re.sub(r'"(?:[^"]|"")*"', "", first) else ","
    pleco = delimiter == "\t" and not headers
    fmt = "pleco" if pleco else ("anki text" if headers and delimiter != "," else "csv")
    is_html = headers.get("html", "").lower() == "true"
    if pleco:  # Pleco text has no quoting: a quote mark is just a character
        reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter, strict=True)
    columns = [c.strip().lower() for c in headers.get("columns", "").split(delimiter)] if headers.get("columns") else []
    note_at = columns.index("note") if "note" in columns else None
    tags_at = 5
    if headers.get("tags column", "").strip().isdigit():
        tags_at = int(headers["tags column"]) - 1
        if note_at is None and tags_at != 5:
            note_at = 5  # an Anki export of the yuedu note type: ..., Source, Note, then the tags
    rows: list[dict] = []
    seen_data = False
    for line_no, cells in _csv_records(reader, name):
        if is_html:
            cells = [_html_to_text(c) for c in cells]
        cells = [safe_text(_uncell(c)) for c in cells]  # text entering yuedu is safe to show
        if not cells or not any(c.strip() for c in cells):
            continue
        head = cells[0].strip()
        if head.startswith(("#", "//")):
            continue
        if not seen_data and head.lower() in _HEADER_WORDS:
            seen_data = True
            continue
        seen_data = True
        head = head.split("[", 1)[0].strip()  # Pleco: 简体[繁體]
        if not head or not _has_hanzi(head):
            raise UserError(f"the first column should be a Chinese word, found {head[:30]!r}", name, line_no)
        if len(head) > 64:
            raise UserError(f"the word is too long ({len(head)} characters)", name, line_no)
        pinyin = cells[1].strip() if len(cells) > 1 else ""
        problem = pinyin_problem(head, pinyin) if pinyin else None
        if problem:
            raise UserError(f"bad pinyin: {problem}", name, line_no)
        definition = cells[2] if len(cells) > 2 else ""
        note = ""
        sentence = ""
        if pleco:
            lines_ = definition.split(PLECO_NEWLINE)
            example = PLECO_BOLD[0] + head + PLECO_BOLD[1]  # our example line: the word in bold
            sentence = next((ln for ln in lines_ if example in ln), "")
            kept = [ln for ln in lines_ if not ln.startswith(PLECO_NOTE) and ln is not sentence]
            note = " ".join(ln[len(PLECO_NOTE):].strip() for ln in lines_ if ln.startswith(PLECO_NOTE))
            definition = "; ".join(kept)
            sentence = sentence.replace(PLECO_BOLD[0], "").replace(PLECO_BOLD[1], "").strip()
        definition = definition.replace(PLECO_NEWLINE, "; ").strip()
        row = {"word": head, "pinyin": pinyin, "definition": _one_line(definition), "line": line_no}
        if len(cells) > 3 and not pleco:
            row["sentence"] = cells[3].strip()
        elif sentence:
            row["sentence"] = sentence
        if len(cells) > tags_at and not pleco:
            row["tags"] = cells[tags_at].split()
        if note_at is not None and len(cells) > note_at:
            note = cells[note_at].strip()
        if note:
            row["note"] = note
        rows.append(row)
    if not rows:
        raise UserError("no words in the file", name)
    return fmt, rows


def _csv_records(reader, name: str):
    """(the line a record starts on, its cells): a quoted cell may span lines."""
    try:
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"bad CSV: {exc}", name, reader.line_num) from None


def import_vocab(store: Store, source: str | Path) -> ImportReport:
    fmt, rows = parse_vocab_file(source)
    for row in rows:  # every problem names file:line, also what only the store finds wrong
        try:
            store._clean(row["word"], row.get("pinyin", ""), row.get("definition", ""), row.get("sentence", ""),
                         row.get("tags", ()), row.get("note", ""))
        except UserError as exc:
            raise UserError(exc.message, "<stdin>" if str(source) == "-" else source, row.get("line")) from None
    added, updated = store.save_words(rows)
    return ImportReport(fmt, added, updated, len(rows))
