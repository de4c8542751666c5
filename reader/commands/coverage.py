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
    p.add_argument("source", metavar="PATH|ARTICLE-ID", nargs="?",
                   help="a text or article file (any encoding; - for standard input), or the id of an article "
                   "in your library (`yuedu list`; a unique beginning is enough)")
    p.add_argument("--json", action="store_true",
                   help='print {"known_percent", "words", "unknown": [{"word", "count", "pinyin", "definition", '
                   '"hsk"}, …]}')
    p.add_argument("--save", action="store_true",
                   help="save the unknown words to your vocabulary, each with the first sentence it occurs in")
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N most frequent unknown words (listed and saved)")
    p.add_argument("--library", action="store_true",
                   help="every article of your library instead, easiest first: known share, running words, "
                   "different unknown words (--json: a list of {id, title, known_percent, words, unknown_words})")
    p.set_defaults(func=run)


@dataclass
class Source:
    title: str
    article_id: str | None          # a library article's id (for --save's sentences)
    content: object                 # the article
    load: object                    # () -> (title, paragraph texts)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _library():
    from reader.commands import cli_session

    return cli_session().library


def _file_source(arg: str) -> Source:
    """The article `yuedu read PATH` shows (Session.article_to_read): the status line's figure is then
    this command's."""
    from reader.session import Session

    article = Session.article_to_read(arg)
    texts = [b.text for b in article.blocks]
    return Source(arg if arg != "-" else "<stdin>", None, article, lambda: (article.title, texts))


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
    return Source(article.title, article.id, article, lambda: (article.title, texts))


def definition_of(word: str, counted, glossary) -> str:
    """The glossary's official rendering where the reader marks the word as a glossary term, else
    the CC-CEDICT meaning as the text reads the word."""
    wc = counted.words.get(word)
    term = wc.glossary if wc is not None else None
    entry = glossary.get(word) if glossary is not None and term else None  # the whole term (or an alias)
    if entry is not None:
        official = entry.official_english or (entry.english[0] if entry.english else None)
        if official:
            return official.text
    return counted.meanings.get(word, "")


@lru_cache(maxsize=4096)
def _marks(syllable: str) -> str:
    from reader.core.pinyin import to_marks

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
    from reader.core.knowledge import COMFORTABLE, FLOOR, coverage, hsk_level
    from reader.errors import UserError
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    if args.top is not None and args.top < 0:
        raise UserError(f"--top must be 0 or more (got {args.top})")
    if args.library:
        if args.source is not None or args.save:
            raise UserError("--library takes no PATH|ARTICLE-ID and no --save")
        return run_library(args)
    if args.source is None:
        raise UserError("give a PATH or an ARTICLE-ID (or --library)")
    source = resolve(args.source)
    session = cli_session()
    annotator = make_annotator(session)
    dictionary = session.dictionary
    counted = session.article_words(source.content, annotator, dictionary)  # as the reader counts it
    glossary = session.glossary_or_none()  # a broken glossary never stops coverage: CC-CEDICT alone then
    with session:
        store = session.store
        knowledge = Knowledge(store)
        states = knowledge.states()
        standard = knowledge.standard()
        result = coverage(counted.words, states)
        unknown = result.unknown if args.top is None else result.unknown[: args.top]
        definitions = [definition_of(u.word, counted, glossary) for u in unknown]
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
        if not result.words:
            out.write("no Chinese words to count" + (f" (left out: {result.left_out:,} names, numbers and "
                                                      "ignored words)" if result.left_out else "") + "\n")
            return 0
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


def run_library(args: argparse.Namespace) -> int:
    """Coverage of every library article (the library screen's column, for scripts)."""
    import json

    from reader.commands.annotate import make_annotator
    from reader.core.word_counts import WordCountCache, library_counts
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    session = cli_session()
    library = session.library
    annotator = make_annotator(session)
    dictionary = session.dictionary
    cache = WordCountCache()
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\rcounting the words of {total} article{'s' * (total != 1)} never counted: {done}")
            if done == total:
                sys.stderr.write("\n")

    try:
        counted = library_counts(library.articles, annotator, dictionary, cache, progress=progress)
    finally:
        cache.close()
    with session:
        states = Knowledge(session.store).states()
    rows = []
    for article in library.articles:
        percent, words, unknown = counted[article.id].summary(states)
        rows.append({"id": article.id, "title": article.title, "known_percent": percent,
                     "words": words, "unknown_words": unknown})
    rows.sort(key=lambda r: (-r["known_percent"], r["unknown_words"], r["id"]))
    if args.top is not None:
        rows = rows[: args.top]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("your library is empty (yuedu import FILE)")
        return 0
    for r in rows:
        print(f"{r['known_percent']:5.1f} %  {r['words']:>7,} words  {r['unknown_words']:>6,} unknown  "
              f"{_safe(r['title'])}  ({r['id']})")
    return 0
