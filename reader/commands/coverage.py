"""`yuedu coverage PATH|ARTICLE-ID [--json] [--save] [--top N]`: how much of a text you know, before you read it."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import lru_cache


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coverage", help="the share of a text's running words you know, and its unknown words",
        description="Known share of the running words of a text or library article (punctuation, numbers, "
        "names and the words you ignore left out; about 98 %% is comfortable reading, 95 %% the floor), "
        "then the unknown words by how often they occur, with pinyin, meaning and HSK level. The words "
        "are the reader's own; a text's word counts are kept, so asking again is instant.")
    p.add_argument("source", metavar="PATH|ARTICLE-ID",
                   help="a text or article file (any encoding; - for standard input), or the id of an article "
                   "in your library (`yuedu list`; a unique beginning is enough)")
    p.add_argument("--json", action="store_true",
                   help='print {"known_percent", "words", "unknown": [{"word", "count", "pinyin", "definition", '
                   '"hsk"}, …]}')
    p.add_argument("--save", action="store_true",
                   help="save the unknown words to your vocabulary, each with the first sentence it occurs in")
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N most frequent unknown words (listed and saved)")
    p.set_defaults(func=run)


@dataclass
class Source:
    title: str
    article_id: str | None          # a library article's id (for --save's sentences)
    key_parts: list                 # what the counts are keyed on
    load: object                    # () -> (title, paragraph texts)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _library():
    from reader import paths
    from reader.core.article import load_library

    return load_library([paths.bundled_articles_dir(), paths.library_dir()])


def _file_source(arg: str) -> Source:
    from reader.core.textio import read_bytes
    from reader.core.word_counts import source_digest

    data, name = read_bytes(arg)

    def load() -> tuple[str, list[str]]:
        from reader.core.article import parse_article
        from reader.core.importer import import_text
        from reader.core.textio import decode

        decoded = decode(data, name)
        text = decoded.text
        if text.lstrip("\ufeff").startswith("---"):
            article = parse_article(text.lstrip("\ufeff"), name)
            return article.title, [b.text for b in article.blocks]
        result = import_text(text, source_name=name, encoding=decoded.encoding)
        blocks = [b.text for a in result.articles for b in a.blocks]
        return (result.articles[0].title if result.articles else name), blocks

    return Source(name, None, [b"file", data, source_digest().encode()], load)


def resolve(arg: str) -> Source:
    """A file (or -) when there is one by that name, else a library article by id or unique prefix."""
    from pathlib import Path

    from reader.errors import UserError

    if arg == "-" or Path(arg).exists():
        return _file_source(arg)
    library = _library()
    article = library.get(arg)
    if article is None:
        matches = [a for a in library.articles if a.id.startswith(arg)] if arg else []
        if len(matches) > 1:
            raise UserError(f"{arg!r} begins {len(matches)} article ids ({', '.join(a.id for a in matches[:3])}"
                            f"{', …' if len(matches) > 3 else ''}): give more of it")
        if not matches:
            raise UserError("no such file, nor an article with that id in your library (`yuedu list` shows them)",
                            arg)
        article = matches[0]
    texts = [b.text for b in article.blocks]
    return Source(article.title, article.id, [b"article", *texts], lambda: (article.title, texts))


def definition_of(word: str, meanings: dict[str, str], glossary) -> str:
    """The glossary's official rendering, else the CC-CEDICT meaning as the text reads the word."""
    entry = glossary.get(word) if glossary is not None else None
    if entry is not None:
        official = entry.official_english or (entry.english[0] if entry.english else None)
        if official:
            return official.text
    return meanings.get(word, "")


@lru_cache(maxsize=4096)
def _marks(syllable: str) -> str:
    from reader.store.pinyin import to_marks

    return to_marks(syllable)


def marks(pinyin: str) -> str:
    """Tone-number syllables ("zhong4 yao4") in tone marks, spaced ("zhòng yào")."""
    return " ".join(_marks(s) for s in pinyin.split())


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _table(rows: list[dict], unknown, out) -> str:
    """count  word  pinyin  HSK  meaning (its first three senses), aligned; cut at a terminal's width."""
    import shutil

    from reader.core.knowledge import level_label

    columns = shutil.get_terminal_size((100, 24)).columns if out.isatty() else None
    count_w = len(str(rows[0]["count"]))
    word_w = min(16, max(_width(r["word"]) for r in rows))
    pinyin_w = min(24, max(len(r["pinyin"]) for r in rows))
    lines = []
    for r, u in zip(rows, unknown):
        level = f"HSK {level_label(r['hsk'])}" if r["hsk"] else "—"
        senses = "; ".join(r["definition"].split("; ")[:3])
        state = " (learning)" if u.state == "learning" else ""
        line = (f"{r['count']:>{count_w}}  {_pad(r['word'], word_w)}  {r['pinyin']:<{pinyin_w}}  {level:<7}  "
                f"{_safe(senses)}{state}").rstrip()
        if columns and _width(line) > columns:
            while _width(line) > columns - 1:
                line = line[:-1]
            line += "…"
        lines.append(line + "\n")
    return "".join(lines)


def run(args: argparse.Namespace) -> int:
    import json

    from reader.commands.annotate import make_annotator
    from reader.core.dictionary import Dictionary
    from reader.core.knowledge import COMFORTABLE, FLOOR, coverage, hsk_level
    from reader.core.word_counts import FORMAT, WordCountCache, cached_counts, text_key
    from reader.errors import UserError
    from reader.store import open_store
    from reader.store.knowledge import Knowledge

    if args.top is not None and args.top < 0:
        raise UserError(f"--top must be 0 or more (got {args.top})")
    source = resolve(args.source)
    annotator = make_annotator()
    dictionary = Dictionary.open()
    key = text_key(source.key_parts, annotator.config_digest(), dictionary.meta.get("signature", ""), str(FORMAT))
    cache = WordCountCache()
    try:
        counted = cached_counts(cache, key, source.load, annotator, dictionary)
    finally:
        cache.close()
    glossary = None
    try:
        from reader.core.glossary import load_glossary

        glossary = load_glossary(strict=False)
    except Exception:  # a broken user glossary never stops coverage: CC-CEDICT alone then
        glossary = None
    with open_store() as store:
        knowledge = Knowledge(store)
        states = knowledge.states()
        standard = knowledge.standard()
        result = coverage(counted.words, states)
        unknown = result.unknown if args.top is None else result.unknown[: args.top]
        definitions = [definition_of(u.word, counted.meanings, glossary) for u in unknown]
        saved = _save(store, source, unknown, definitions) if args.save else None
    rows = [{"word": u.word, "count": u.count, "pinyin": marks(u.pinyin), "definition": d,
             "hsk": hsk_level(u.word, standard)} for u, d in zip(unknown, definitions)]
    if args.json:
        print(json.dumps({"known_percent": result.known_percent, "words": result.words, "unknown": rows},
                         ensure_ascii=False))
    else:
        out = sys.stdout
        pct = result.known_percent
        verdict = ("comfortable reading" if pct >= COMFORTABLE else "readable with some look-ups" if pct >= FLOOR
                   else "hard going: below the 95 % floor")
        out.write(f"{_safe(counted.title or source.title)}\n")
        out.write(f"known {pct:.1f} % of {result.words:,} running words ({verdict}); "
                  f"{len(result.unknown):,} of {result.distinct:,} different words unknown\n")
        if result.left_out:
            out.write(f"left out: {result.left_out:,} names, numbers and ignored words\n")
        if rows:
            more = f", the {len(rows):,} most frequent" if len(rows) < len(result.unknown) else ""
            out.write(f"\nunknown words by how often they occur{more}:\n")
            out.write(_table(rows, unknown, out))
    if saved is not None:
        added, already = saved
        print(f"saved {added:,} word{'s' if added != 1 else ''} to your vocabulary"
              + (f" ({already:,} already there)" if already else ""), file=sys.stderr)
    return 0


def _save(store, source: Source, unknown, definitions) -> tuple[int, int]:
    """Save the new words among ``unknown`` with the first sentence each occurs in."""
    from reader.core.knowledge import NEW, sentence_with

    fresh = [(u, d) for u, d in zip(unknown, definitions) if u.state == NEW]
    if not fresh:
        return 0, len(unknown)
    _title, texts = source.load()
    rows = []
    for u, definition in fresh:
        block = texts[u.first_block] if 0 <= u.first_block < len(texts) else ""
        rows.append({"word": u.word, "pinyin": u.pinyin, "definition": definition,
                     "sentence": sentence_with(block, u.word), "article_id": source.article_id,
                     "block_index": u.first_block if source.article_id else None})
    added, updated = store.save_words(rows)
    return added, len(unknown) - len(fresh) + updated
