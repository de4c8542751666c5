"""`yuedu vocab add|edit|list|remove|restore|export|import`: your saved words, for scripts."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("vocab", help="add, list, remove, export and import saved vocabulary",
                       description="Your saved words (the reader saves one with s): each with its pinyin, "
                       "meaning, the sentences you met it in and its review schedule.")
    vs = p.add_subparsers(dest="vocab_command", metavar="ACTION")

    a = vs.add_parser("add", help="save a word (exit status 0 only once it is saved)")
    a.add_argument("word", help="the word in hanzi, e.g. 重要")
    a.add_argument("--sentence", default="", help="the sentence you met it in")
    a.add_argument("--note", default="", help="your note")
    a.add_argument("--pinyin", default=None, help="its reading, e.g. 'zhong4 yao4' (default: from the dictionary)")
    a.add_argument("--definition", default=None, help="its meaning (default: from the dictionary)")
    a.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    a.add_argument("--article", default=None, help="the id of the article the sentence is from")
    a.set_defaults(func=add)

    ed = vs.add_parser("edit", help="change a saved word's pinyin, meaning or note")
    ed.add_argument("word", help="the saved word")
    ed.add_argument("--pinyin", default=None, help="its reading, e.g. 'zhong4 yao4' (checked as in `vocab add`)")
    ed.add_argument("--meaning", "--definition", dest="meaning", default=None, help="its meaning")
    ed.add_argument("--note", default=None, help="your note ('' clears it)")
    ed.set_defaults(func=edit)

    ls = vs.add_parser("list", help="list saved words")
    ls.add_argument("--due", action="store_true", help="only what a review would show now")
    ls.add_argument("--json", action="store_true", help="print a JSON array (word, pinyin, definition, "
                    "sentences, added, due, ...)")
    ls.add_argument("--sort", choices=["added", "due", "article", "word"], default="added")
    ls.add_argument("--search", default=None, help="only words matching this (hanzi, pinyin, English, note)")
    ls.set_defaults(func=list_)

    rm = vs.add_parser("remove", help="delete a saved word (undo with `yuedu vocab restore WORD`)")
    rm.add_argument("word", help="the saved word")
    rm.set_defaults(func=remove)

    rs = vs.add_parser("restore", help="bring back a deleted word with its sentences and review history")
    rs.add_argument("word", help="the deleted word")
    rs.set_defaults(func=restore)

    ex = vs.add_parser("export", help="export for Anki (.apkg or CSV) or Pleco (flashcard text)")
    ex.add_argument("--format", "-f", choices=["anki", "csv", "pleco"], required=True,
                    help="anki: an .apkg deck; csv: Anki-importable CSV; pleco: Pleco flashcard text")
    ex.add_argument("-o", "--output", default=None, metavar="FILE",
                    help="the file to write; - or none: standard output (csv and pleco; anki needs a file)")
    ex.add_argument("--cards", default=None, metavar="TYPES",
                    help="anki: the cards of each word, comma-separated: recognition (word -> meaning, always), "
                    "production (meaning -> word), cloze (the sentence with the word blanked), "
                    "e.g. --cards production,cloze")
    ex.set_defaults(func=export)

    im = vs.add_parser("import", help="import words from CSV (Anki, yuedu) or Pleco flashcard text")
    im.add_argument("file", metavar="FILE", help="a CSV, Anki 'Notes in Plain Text' or Pleco file; - for "
                    "standard input")
    im.set_defaults(func=import_)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _check_pinyin(word: str, pinyin: str | None) -> None:
    """``--pinyin``, checked by the one rule for typed pinyin (one real syllable per hanzi)."""
    from reader.core.pinyin import PinyinError, parse_reading

    if pinyin is not None:
        try:
            parse_reading(word.strip(), pinyin, whole_word=True)
        except PinyinError as exc:
            raise PinyinError(f"--pinyin: {exc}") from None


def add(args: argparse.Namespace) -> int:
    from reader.commands import cli_session

    _check_pinyin(args.word, args.pinyin)
    with cli_session() as session:
        saved = session.save_word(args.word, pinyin=args.pinyin, definition=args.definition, sentence=args.sentence,
                                  article_id=args.article, tags=args.tag, note=args.note)
    item = saved.item
    what = "updated" if saved.existed else "saved"
    print(f"{what} {item.word} [{item.pinyin}] {item.definition}".rstrip())
    return 0


def edit(args: argparse.Namespace) -> int:
    from reader.commands import cli_session
    from reader.errors import UserError

    word = args.word.strip()
    if args.pinyin is None and args.meaning is None and args.note is None:
        raise UserError("say what to change: --pinyin, --meaning or --note")
    _check_pinyin(word, args.pinyin)  # as in `vocab add`
    with cli_session() as session:
        item = session.store.update_word(word, pinyin=args.pinyin, definition=args.meaning, note=args.note)
    if item is None:
        raise UserError(f"{word} is not in your vocabulary")
    note = f"  note: {item.note}" if item.note else ""
    print(f"edited {item.word} [{item.pinyin}] {item.definition}{note}".rstrip())
    return 0


def list_(args: argparse.Namespace) -> int:
    import json

    from reader.core.knowledge import word_json  # HSK level and frequency of each word
    from reader.commands import cli_session
    from reader.store.knowledge import Knowledge

    import warnings

    from reader.core.notices import Notice

    with cli_session() as session:
        store = session.store
        with warnings.catch_warnings(record=True) as caught:  # a damaged row skipped: said, and passed on
            warnings.simplefilter("always", Notice)
            items = store.list_vocab(due_only=args.due, sort="due" if args.due and args.sort == "added" else args.sort,
                                     search=args.search)
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=1)
        skipped = any(issubclass(w.category, Notice) for w in caught)
        standard = Knowledge(store).standard()
    if args.json:
        print(json.dumps([i.to_json() | word_json(i.word, standard) for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items and skipped:
        print("none of your saved words could be shown: their rows are damaged (see the warning above)")
        return 0
    if not items:
        if args.search:
            print(f"no saved word matches {args.search!r}" + (" among the words due" if args.due else ""))
        else:
            print("no words due" if args.due else "no saved words yet (press s on a word while reading)")
        return 0
    for i in items:
        due = "new" if i.is_new else (i.due.astimezone().strftime("%Y-%m-%d %H:%M") if i.due else "")
        level = word_json(i.word, standard)
        hsk = f"HSK {level['hsk']['label']}" if level["hsk"]["level"] else ""
        rank = f"#{level['frequency']['rank']:,}" if level["frequency"] else ""
        print(f"{i.word}\t{i.pinyin}\t{i.definition}\t{due}\t{hsk}\t{rank}")
    return 0


def remove(args: argparse.Namespace) -> int:
    from reader.errors import UserError
    from reader.commands import cli_session

    with cli_session() as session:
        store = session.store
        item = store.delete_word(args.word)
    if item is None:
        raise UserError(f"{args.word} is not in your vocabulary")
    print(f"removed {item.word} (undo: yuedu vocab restore {item.word})")
    return 0


def restore(args: argparse.Namespace) -> int:
    from reader.errors import UserError
    from reader.commands import cli_session

    with cli_session() as session:
        store = session.store
        item = store.restore_word(args.word)
    if item is None:
        raise UserError(f"{args.word} was never saved")
    print(f"restored {item.word}")
    return 0


def export(args: argparse.Namespace) -> int:
    from reader.commands.bookmarks import _titles
    from reader.store import open_store
    from reader.store.exchange import export_vocab
    from reader.errors import UserError
    from reader.store.exchange import anki_cards
    from reader.store.knowledge import Knowledge

    if args.cards is not None and args.format != "anki":
        raise UserError("--cards is for --format anki (CSV and Pleco have one card per word)")
    cards = anki_cards(args.cards)  # a wrong card type is said before anything is read or written
    with open_store() as store:
        items = store.list_vocab(sort="added")
        standard = Knowledge(store).standard()  # for the HSK tags of an Anki deck
    items.reverse()  # oldest first, as they were saved
    if args.output in (None, "-"):
        from reader.store.exchange import export_text

        text = export_text(items, args.format, titles=_titles() if items else {})
        sys.stdout.write(text)
        sys.stdout.flush()
        print(f"wrote {len(items)} word{'s' if len(items) != 1 else ''} to standard output", file=sys.stderr)
        return 0
    n = export_vocab(items, args.format, args.output, titles=_titles() if items else {}, standard=standard,
                     cards=cards)
    print(f"wrote {n} word{'s' if n != 1 else ''} to {args.output}", file=sys.stderr)
    return 0


def import_(args: argparse.Namespace) -> int:
    from reader.store import open_store
    from reader.store.exchange import import_vocab

    with open_store() as store:
        report = import_vocab(store, args.file)
    rows = f"{report.rows} row{'s' if report.rows != 1 else ''}"
    print(f"imported {rows} ({report.format}): {report.added} new, {report.updated} already saved")
    return 0
