"""Per-text word counts, counted once and kept in the cache folder.

Coverage needs every running word of a text and how often it occurs. Counting means segmenting the
whole text (the annotator, whose paragraphs come from its own cache once annotated); the counts do
not depend on what the user knows, so they are kept, and a change of knowledge only re-weighs them.
A 1-million-character book's counts are a few hundred KB of JSON: read back in milliseconds.

Keys: a digest of the text (the article's paragraphs, or a file's bytes with the importer's source),
of the annotator's configuration (engine, glossary, corrections: a merge or split changes the words)
and of CC-CEDICT (which words are names). Values: zlib-compressed JSON, never pickles. Any problem
with the file turns the cache off for the run; it is safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .knowledge import (
    IGNORED,
    KNOWN,
    WordCount,
    count_words,
    in_any_hsk_list,
    is_name_reading,
    is_number_word,
    known_percent,
)

CACHE_FILE = "word-counts-v2.sqlite3"  # a new name when the table changes: the old file is simply unused
FORMAT = 2
_KINDS = {"w": "word", "n": "name", "#": "number"}
_KIND_CODES = {v: k for k, v in _KINDS.items()}


class CountedText:
    """A text's running words: ``words`` (word -> WordCount), ``meanings`` (word -> CC-CEDICT meaning
    as the text reads it). Read back from the cache as columns; the table of WordCounts is only built
    when asked for (:meth:`summary` never needs it: the library's column of 1,000 articles)."""

    def __init__(self, title: str, blocks: int, words: dict[str, WordCount] | None = None,
                 meanings: dict[str, str] | None = None, columns: tuple | None = None) -> None:
        self.title = title
        self.blocks = blocks
        self._words = words
        self._meanings = meanings
        self._columns = columns  # (words, counts, first, pinyin, kinds, glossary, meanings blob) as stored

    @property
    def words(self) -> dict[str, WordCount]:
        if self._words is None:
            words, counts, first, pinyin, kinds, glossary, _m = self._columns
            self._words = {w: WordCount(c, f, p, _KINDS[k], glossary.get(w))
                           for w, c, f, p, k in zip(words, counts, first, pinyin, kinds)}
        return self._words

    @property
    def meanings(self) -> dict[str, str]:
        if self._meanings is None:
            words, *_rest, blob = self._columns
            meanings = _decode_meanings(blob, len(words))
            self._meanings = {w: m for w, m in zip(words, meanings) if m}
        return self._meanings

    def summary(self, state_of) -> tuple[float, int, int]:
        """(known percent, running words, distinct unknown words) given the user's word states:
        what :func:`reader.core.knowledge.coverage` gives, without listing the unknown words."""
        if self._columns is not None:
            words, counts, _f, _p, kinds, _g, _m = self._columns
            items = zip(words, counts, kinds)
        else:
            items = ((w, c.count, _KIND_CODES[c.kind]) for w, c in self._words.items())
        total = known = unknown = 0
        get = state_of.get
        for w, c, k in items:
            if k != "w":
                continue
            state = get(w)
            if state == IGNORED:
                continue
            total += c
            if state == KNOWN:
                known += c
            else:
                unknown += 1
        return known_percent(known, total), total, unknown
MAX_ENTRIES = 5000      # texts kept (least recently used go first)


def names_among(words: Iterable[str], dictionary) -> set[str]:
    """The words CC-CEDICT lists only as proper nouns (every reading capitalised: 克里米亚 Ke4 li3 mi3
    ya4), other than those an HSK list grades (中国, 北京 stay words to know)."""
    out = set()
    for word in words:
        if len(word) < 2 or in_any_hsk_list(word) or is_number_word(word):
            continue
        entries = dictionary.lookup(word)
        if entries and all(is_name_reading(e.pinyin) for e in entries):
            out.add(word)
    return out


_VARIANT = re.compile(r"^(old |archaic |ancient |Japanese |erroneous )?variant of ", re.IGNORECASE)


def _best(entries, syllables: str):
    """The entry to explain a word read ``syllables``: of those read so (case and all: "Yi3" is the
    name, "yi3" the word), the one with the most senses that is not a bare "variant of"."""
    def useful(pool):
        return [e for e in pool if not all(_VARIANT.match(d) for d in e.definitions)]

    same = [e for e in entries if e.pinyin.replace("u:", "v") == syllables]
    for pool in (useful(same), useful([e for e in entries if not e.pinyin[:1].isupper()]), useful(entries)):
        if pool:
            return max(pool, key=lambda e: len(e.definitions))
    return entries[0] if entries else None


def meaning_of(word: str, pinyin: str, dictionary) -> str:
    """The word's CC-CEDICT meaning as the text reads it: the entry with the reading of its first
    occurrence (和 hé "and", not hè "to join in"; 以 yǐ "to use", not Yǐ "Israel"), the fullest of
    them, never a bare "variant of" cross-reference; a word CC-CEDICT lacks (科技园区) is explained by
    the dictionary words it is made of ("科技 science and technology + 园区 park")."""
    entries = [e for e in dictionary.lookup(word) if e.simplified == word] or dictionary.lookup(word)
    best = _best(entries, pinyin)
    if best is not None:
        return "; ".join(best.definitions)
    syllables = pinyin.split()
    aligned = len(syllables) == len(word)
    parts = []
    i = 0
    while i < len(word) and len(word) > 1:
        n, found = dictionary.longest_match(word, i)
        if n == 0 or n == len(word):
            return ""
        piece = word[i:i + n]
        entry = _best([e for e in found if e.simplified == piece] or found,
                      " ".join(syllables[i:i + n]) if aligned else "")
        parts.append(f"{piece} {entry.definitions[0] if entry and entry.definitions else '?'}")
        i += n
    return " + ".join(parts)


def count_blocks(annotator, blocks: Sequence[str], dictionary=None, *, batch: int = 500) -> dict[str, WordCount]:
    """Count the running words of ``blocks`` (paragraph texts) as ``annotator`` cuts them."""
    token_lists = []
    for start in range(0, len(blocks), batch):
        token_lists.extend(annotator.annotate_many(list(blocks[start:start + batch])))
    counts = count_words(token_lists)
    if dictionary is not None:
        for word in names_among([w for w, c in counts.items() if c.kind == "word"], dictionary):
            counts[word].kind = "name"
    return counts


def text_key(parts: Iterable[bytes | str], *config: str) -> bytes:
    h = hashlib.sha256(f"word-counts {FORMAT}\0".encode())
    for c in config:
        h.update(c.encode() + b"\0")
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass"))
        h.update(b"\0\x01")
    return h.digest()


def _source_digest() -> str:
    """What turns a file's bytes into paragraphs: the importer and the article parser."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("importer.py", "article.py", "textio.py", "knowledge.py", "word_counts.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


_SOURCE_DIGEST: str | None = None


def source_digest() -> str:
    global _SOURCE_DIGEST
    if _SOURCE_DIGEST is None:
        _SOURCE_DIGEST = _source_digest()
    return _SOURCE_DIGEST


def _now() -> int:
    import time

    return time.time_ns() // 1000


def _encode(text: CountedText) -> tuple[bytes, bytes]:
    """Columns, not one list per word (a book's 30,000 words read back in a few tens of ms), and the
    meanings apart (the library's column never reads them)."""
    words = list(text.words)
    cs = [text.words[w] for w in words]
    data = json.dumps({
        "format": FORMAT, "title": text.title, "blocks": text.blocks, "words": words,
        "counts": [c.count for c in cs], "first": [c.first_block for c in cs], "pinyin": [c.pinyin for c in cs],
        "kinds": "".join(_KIND_CODES[c.kind] for c in cs),
        "glossary": {w: c.glossary for w, c in zip(words, cs) if c.glossary},
    }, ensure_ascii=False, separators=(",", ":"))
    meanings = json.dumps([text.meanings.get(w, "") for w in words], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(data.encode("utf-8"), 1), zlib.compress(meanings.encode("utf-8"), 1)


def _decode(data: bytes, meanings: bytes) -> CountedText | None:
    try:
        v = json.loads(zlib.decompress(data))
        if v.get("format") != FORMAT:
            return None
        words, counts, first, pinyin, kinds = v["words"], v["counts"], v["first"], v["pinyin"], v["kinds"]
        glossary = v["glossary"]
        n = len(words)
        # cheap checks of a whole column at once (join and sum raise TypeError on a wrong type)
        "".join(words), "".join(pinyin), "".join(glossary.values()), sum(counts), sum(first)
        if not (len(counts) == len(first) == len(pinyin) == len(kinds) == n and set(kinds) <= set(_KINDS)
                and isinstance(glossary, dict) and isinstance(meanings, bytes)):
            return None
        return CountedText(str(v["title"]), int(v["blocks"]),
                           columns=(words, counts, first, pinyin, kinds, glossary, meanings))
    except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return None  # not what we write: counted again (and replaced)


def _decode_meanings(blob: bytes, n: int) -> list[str]:
    try:
        meanings = json.loads(zlib.decompress(blob))
        if isinstance(meanings, list) and len(meanings) == n:
            "".join(meanings)
            return meanings
    except (zlib.error, ValueError, TypeError):
        pass
    return [""] * n  # a damaged blob: no meanings (the counts stand)


class WordCountCache:
    """key -> (title, block count, word counts) in a SQLite file of the cache folder."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._opened = False
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._conn
        self._opened = True
        if self._path is None:
            from reader import paths

            self._path = paths.cache_dir() / CACHE_FILE
        for attempt in (1, 2):
            conn = None
            try:
                conn = sqlite3.connect(str(self._path), timeout=2.0, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("CREATE TABLE IF NOT EXISTS counts (key BLOB PRIMARY KEY, data BLOB NOT NULL,"
                             " meanings BLOB NOT NULL, used INTEGER NOT NULL DEFAULT 0)")
                conn.execute("CREATE INDEX IF NOT EXISTS counts_used ON counts (used)")
                self._conn = conn
                return conn
            except sqlite3.OperationalError:
                break  # locked or read-only: no cache this run (the file is left alone)
            except sqlite3.DatabaseError:
                if conn is not None:
                    conn.close()
                if attempt == 1:  # a damaged cache file: it is only a cache, start afresh once
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(self._path) + suffix).unlink(missing_ok=True)
                    continue
            except Exception:
                break
        self._conn = None
        return None

    def _off(self) -> None:
        try:
            if self._conn is not None:
                self._conn.close()
        except Exception:
            pass
        self._conn = None

    def get(self, key: bytes) -> CountedText | None:
        return self.get_many([key]).get(key)

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, CountedText]:
        """The kept counts of those ``keys`` that are kept (one read, one write to mark them used)."""
        rows: list = []
        with self._lock:
            conn = self._db()
            if conn is None:
                return {}
            try:
                for start in range(0, len(keys), 500):
                    chunk = list(keys[start:start + 500])
                    rows += conn.execute(f"SELECT key, data, meanings FROM counts WHERE key IN"
                                         f" ({','.join('?' * len(chunk))})", chunk).fetchall()
                if rows:
                    conn.execute("BEGIN")
                    conn.executemany("UPDATE counts SET used = ? WHERE key = ?", [(_now(), r[0]) for r in rows])
                    conn.execute("COMMIT")
            except sqlite3.Error:
                self._off()
                return {}
        out = {}
        for key, data, meanings in rows:
            found = _decode(data, meanings)
            if found is not None:
                out[key] = found
        return out

    def put(self, key: bytes, text: CountedText) -> None:
        data, meanings = _encode(text)
        with self._lock:
            conn = self._db()
            if conn is None:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT OR REPLACE INTO counts (key, data, meanings, used) VALUES (?, ?, ?, ?)",
                             (key, data, meanings, _now()))
                conn.execute("DELETE FROM counts WHERE key IN (SELECT key FROM counts ORDER BY used DESC"
                             " LIMIT -1 OFFSET ?)", (MAX_ENTRIES,))
                conn.execute("COMMIT")
            except sqlite3.Error:
                try:
                    conn.execute("ROLLBACK")
                except Exception:
                    pass
                self._off()

    def close(self) -> None:
        with self._lock:
            self._off()


def count_text(annotator, title: str, blocks: Sequence[str], dictionary) -> CountedText:
    """Count a text's running words and look up what each means as the text reads it."""
    words = count_blocks(annotator, blocks, dictionary)
    meanings = {w: meaning_of(w, c.pinyin, dictionary) for w, c in words.items() if c.kind == "word"}
    return CountedText(title, len(blocks), words, meanings)


def cached_counts(cache: WordCountCache | None, key: bytes, load: Callable[[], tuple[str, Sequence[str]]],
                  annotator, dictionary) -> CountedText:
    """The counted text under ``key``, or counted now and kept: ``load()`` gives the title and the
    paragraph texts (only called on a miss)."""
    if cache is not None:
        found = cache.get(key)
        if found is not None:
            return found
    title, texts = load()
    counted = count_text(annotator, title, list(texts), dictionary)
    if cache is not None:
        cache.put(key, counted)
    return counted


def blocks_key(texts: Sequence[str], annotator, dictionary) -> bytes:
    """The counts key of a text given as its paragraphs (a library article)."""
    return text_key([b"article", *texts], annotator.config_digest(), dictionary.meta.get("signature", ""),
                     str(FORMAT))


def file_key(data: bytes, annotator, dictionary) -> bytes:
    """The counts key of a file's bytes (turned into paragraphs by the importer)."""
    return text_key([b"file", data, source_digest().encode()], annotator.config_digest(),
                    dictionary.meta.get("signature", ""), str(FORMAT))


def library_counts(articles: Sequence, annotator, dictionary, cache: WordCountCache | None = None, *,
                   count_missing: bool = True, progress: Callable[[int, int], None] | None = None
                   ) -> dict[str, CountedText]:
    """Article id -> its counted text, for a whole library (the library's coverage column). Kept
    counts are read back; the others are counted (annotating them) unless ``count_missing`` is off,
    and then left out. ``progress(done, total)`` is called after each article counted."""
    out: dict[str, CountedText] = {}
    keyed = []
    for article in articles:
        texts = [b.text for b in article.blocks]
        keyed.append((article, texts, blocks_key(texts, annotator, dictionary)))
    kept = cache.get_many([k for _a, _t, k in keyed]) if cache is not None else {}
    todo = []
    for article, texts, key in keyed:
        found = kept.get(key)
        if found is not None:
            out[article.id] = found
        elif count_missing:
            todo.append((article, texts, key))
    for n, (article, texts, key) in enumerate(todo, 1):
        counted = count_text(annotator, article.title, texts, dictionary)
        if cache is not None:
            cache.put(key, counted)
        out[article.id] = counted
        if progress is not None:
            progress(n, len(todo))
    return out
