"""Search across the library: every body paragraph that holds a text.

The index is an SQLite database in the cache folder (``search.sqlite3``; rebuildable, safe to
delete). Paragraphs go into an FTS5 table with the trigram tokenizer, which needs no word
segmentation: any substring of three characters or more is found through the index, and
the tokenizer is case-sensitive, so results are exactly those of a plain substring scan.
Two-character queries (most Chinese words) go through a second FTS5 table holding each
paragraph's overlapping character pairs as words. One-character queries and an SQLite without
FTS5 or its trigram tokenizer use a plain scan of the paragraph table.

The index follows the library as articles come and go: :meth:`SearchIndex.sync` compares every
article file's size and modification time with what was indexed, and re-reads only the files that
changed, appeared or went away (a warm sync is one ``stat`` per file).
"""

from __future__ import annotations

import os
import sqlite3
from collections import namedtuple
from pathlib import Path
from stat import S_ISREG

SCHEMA_VERSION = 6
# Paragraph ids follow the library order, so a search reads its hits in id order and stops at the
# first page (no sort of every hit): paragraph n of the article file whose key is k has the id
# k * STRIDE + n, and keys increase with the files' library order. An article (at most 16 MiB, see
# article.MAX_ARTICLE_BYTES) has fewer than STRIDE paragraphs. Keys are spread GAP apart, so a file
# that comes between two others takes a key between theirs; when no key is left there, a few
# neighbours are re-keyed (their rows moved, the files not read again).
STRIDE = 2**23
KEY_LIMIT = 2**40  # keys below this keep ids within SQLite's 64 bits
GAP = 2**16


# A named tuple, not a dataclass: `yuedu search` starts faster without importing dataclasses (and
# inspect), and hits are plain immutable records all the same.
class Hit(namedtuple("Hit", "article title paragraph text path book", defaults=(None,))):
    """One paragraph holding the text: ``article`` (its id), ``title``, ``paragraph`` (1-based among
    the article's body paragraphs: the reader's ¶ N), ``text`` (the whole paragraph), ``path`` and
    ``book`` (the book a chapter belongs to, for EPUB imports; None otherwise)."""

    __slots__ = ()

    @property
    def heading(self) -> str:
        """How a hit names its article: the title, after its book's for a chapter."""
        return f"{self.book} · {self.title}" if self.book else self.title

    def as_json(self) -> dict[str, object]:
        return {"article": self.article, "title": self.title, "paragraph": self.paragraph, "text": self.text}

    def context(self, query: str, width: int = 24) -> tuple[str, str, str]:
        """(left, match, right): keyword in context, ``width`` characters either side at most."""
        at = self.text.find(query)
        if at < 0:
            return "", "", self.text[: 2 * width]
        left = self.text[max(0, at - width) : at]
        right = self.text[at + len(query) : at + len(query) + width]
        if at > width:
            left = "…" + left
        if at + len(query) + width < len(self.text):
            right += "…"
        return left, self.text[at : at + len(query)], right


def _pairs(text: str) -> str:
    """A paragraph's overlapping pairs of letters or digits, as words for the pair index (人才培养 →
    "人才 才培 培养")."""
    return " ".join(text[i : i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum())


def fts5_trigram_available() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite >= 3.34 built with FTS5)."""
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        con.close()
        return True
    except sqlite3.Error:
        return False


def _plan_keys(old: list[int | None]) -> list[int]:
    """Keys for the files in library order, given their keys so far (None for a new file): kept
    where they still increase, new ones spread in the gaps, a gap widened over its neighbours when
    it has too few keys left."""
    keys: list[int | None] = []
    last = 0
    for key in old:
        keep = key is not None and last < key < KEY_LIMIT
        keys.append(key if keep else None)
        last = key if keep else last
    n, i = len(keys), 0
    while i < n:
        if keys[i] is not None:
            i += 1
            continue
        j = i
        while j + 1 < n and keys[j + 1] is None:
            j += 1
        while True:
            lo = keys[i - 1] if i > 0 else 0
            hi = keys[j + 1] if j + 1 < n else min(KEY_LIMIT, lo + GAP * (j - i + 2))
            if hi - lo > j - i + 1:  # room for j - i + 1 keys strictly between lo and hi
                break
            if i > 0:
                i -= 1
            if j + 1 < n:
                j += 1
                while j + 1 < n and keys[j + 1] is None:
                    j += 1
            for k in range(i, j + 1):
                keys[k] = None
        count = j - i + 1
        for k in range(count):
            keys[i + k] = lo + (hi - lo) * (k + 1) // (count + 1)
        i = j + 1
    return keys  # type: ignore[return-value]


class SearchIndex:
    """The library's search index (one SQLite file, kept in the cache folder)."""

    def __init__(self, path: Path, *, use_fts: bool | None = None, shared: bool = False) -> None:
        """``shared``: the connection may be used from other threads than the one that opened it (the
        reader's search screen runs each search on a worker thread; the caller serialises them)."""
        self.path = Path(path)
        self.shared = shared
        want_fts = fts5_trigram_available() if use_fts is None else use_fts
        try:
            try:
                self.con = self._open(want_fts)
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError:
                # A damaged or foreign cache file: it is only a cache, build it again.
                for suffix in ("", "-wal", "-shm", "-journal"):
                    try:
                        os.unlink(f"{self.path}{suffix}")
                    except OSError:
                        pass
                self.con = self._open(want_fts)
        except (sqlite3.OperationalError, OSError):
            # A cache folder that cannot be written (read-only, full, locked for long): search works
            # all the same, from an index built in memory for this run.
            self.path = Path(":memory:")
            self.con = self._open(want_fts)

    def _open(self, want_fts: bool) -> sqlite3.Connection:
        memory = str(self.path) == ":memory:"
        if not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(":memory:" if memory else self.path, timeout=10, isolation_level=None,
                              check_same_thread=not self.shared)
        if not memory:
            con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA cache_size=-65536")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        mode = None
        if version == SCHEMA_VERSION:
            row = con.execute("SELECT value FROM meta WHERE key='mode'").fetchone()
            mode = row[0] if row else None
        if mode is None or (mode == "fts") != want_fts:
            con.execute("BEGIN IMMEDIATE")
            for table in ("meta", "docs", "pmeta", "ptext", "paras", "pairs"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
            # One row per article file; a paragraph's place (narrow rows, read to order the hits) apart
            # from its text (read only for the hits shown).
            con.execute(
                "CREATE TABLE docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE, article TEXT, title TEXT,"
                " size INTEGER, mtime INTEGER, ord INTEGER, key INTEGER, live INTEGER NOT NULL DEFAULT 0, book TEXT)"
            )
            con.execute("CREATE INDEX docs_article ON docs(article, ord)")
            con.execute("CREATE TABLE pmeta(id INTEGER PRIMARY KEY, doc INTEGER, paragraph INTEGER)")
            con.execute("CREATE INDEX pmeta_doc ON pmeta(doc)")
            con.execute("CREATE TABLE ptext(id INTEGER PRIMARY KEY, text TEXT)")
            if want_fts:
                # External content: the index holds trigrams only; case-sensitive, so a phrase of three
                # characters or more matches exactly what a substring test matches.
                con.execute(
                    "CREATE VIRTUAL TABLE paras USING fts5(text, content='ptext', content_rowid='id',"
                    " tokenize='trigram case_sensitive 1')"
                )
                # Two-character searches (创新, 人才: the commonest Chinese words) are below the trigram
                # length: a second index holds each paragraph's overlapping character pairs as words.
                con.execute("CREATE VIRTUAL TABLE pairs USING fts5(words, content='', tokenize='unicode61')")
            con.execute("INSERT INTO meta VALUES ('mode', ?)", ("fts" if want_fts else "scan",))
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            con.execute("COMMIT")
        self.mode = "fts" if want_fts else "scan"
        return con

    def close(self) -> None:
        self.con.close()

    def interrupt(self) -> None:
        """Stop the search running on another thread (it raises ``sqlite3.OperationalError``)."""
        self.con.interrupt()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ keeping up with the library

    def sync(self, dirs: list[Path]) -> dict[str, int]:
        """Bring the index up to date with the article files in ``dirs`` (in library order: a later
        file with an id already seen is left out, as the library loader does). Returns counts of
        files added, updated and removed."""
        files: list[tuple[str, int, int]] = []  # path, size, mtime_ns; in library order
        for directory in dirs:
            prefix = os.path.join(directory, "")  # + name: os.path.join(directory, name), faster
            try:
                names = sorted(name for name in os.listdir(directory) if name.endswith(".md"))
            except OSError:
                continue
            for name in names:
                path = prefix + name
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if S_ISREG(st.st_mode):
                    files.append((path, st.st_size, st.st_mtime_ns))
        # The warm case, in one comparison: the same files, unchanged, in the same order.
        if self.con.execute("SELECT path, size, mtime FROM docs ORDER BY ord").fetchall() == files:
            return {"added": 0, "updated": 0, "removed": 0}
        known = {row[0]: row[1:] for row in self.con.execute("SELECT path, id, size, mtime, ord, key FROM docs")}
        current = {path for path, *_ in files}
        changed = {path for path, size, mtime in files if path not in known or known[path][1:3] != (size, mtime)}
        gone = [path for path in known if path not in current]
        counts = {"added": len(changed - known.keys()), "updated": len(changed & known.keys()), "removed": len(gone)}
        keys = _plan_keys([known[path][4] if path in known else None for path, *_ in files])
        from .article import ArticleError, load_article

        self.con.execute("BEGIN IMMEDIATE")
        try:
            # First every row that goes or moves (a new key may be one a later file had so far).
            for path in gone:
                self._forget(known[path][0])
            moved: dict[int, list[str]] = {}  # doc: its paragraphs' text
            for path, key in zip((f[0] for f in files), keys):
                if path in changed and path in known:
                    self._forget(known[path][0])
                elif path not in changed and key != known[path][4]:
                    doc = known[path][0]
                    moved[doc] = [row[0] for row in self.con.execute(
                        "SELECT t.text FROM pmeta m JOIN ptext t ON t.id = m.id WHERE m.doc = ? ORDER BY m.paragraph",
                        (doc,))]
                    self._forget_paragraphs(doc)
            for order, ((path, size, mtime), key) in enumerate(zip(files, keys)):
                if path not in changed:
                    doc, *_, old_order, old_key = known[path]
                    if doc in moved:  # re-keyed to keep paragraph ids in library order; the file is not read
                        self._add_paragraphs(doc, key, moved.pop(doc))
                    if (order, key) != (old_order, old_key):
                        self.con.execute("UPDATE docs SET ord = ?, key = ? WHERE id = ?", (order, key, doc))
                    continue
                try:
                    article = load_article(path)
                except ArticleError:
                    # Not an article (the library reports it): remember it so it is not read again.
                    self.con.execute("INSERT INTO docs(path, size, mtime, ord, key) VALUES (?, ?, ?, ?, ?)",
                                     (path, size, mtime, order, key))
                    continue
                doc = self.con.execute(
                    "INSERT INTO docs(path, article, title, size, mtime, ord, key, book) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (path, article.id, article.title, size, mtime, order, key, article.extra.get("book") or None),
                ).lastrowid
                self._add_paragraphs(doc, key, [block.text for block in article.paragraphs])
            # The first file of an id in library order is the article; a later duplicate is not.
            self.con.execute(
                "UPDATE docs SET live = (article IS NOT NULL AND ord ="
                " (SELECT MIN(d2.ord) FROM docs d2 WHERE d2.article = docs.article))"
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return counts

    def _add_paragraphs(self, doc: int, key: int, texts: list[str]) -> None:
        for n, text in enumerate(texts[: STRIDE - 1], start=1):
            pid = key * STRIDE + n
            self.con.execute("INSERT INTO pmeta(id, doc, paragraph) VALUES (?, ?, ?)", (pid, doc, n))
            self.con.execute("INSERT INTO ptext(id, text) VALUES (?, ?)", (pid, text))
            if self.mode == "fts":
                self.con.execute("INSERT INTO paras(rowid, text) VALUES (?, ?)", (pid, text))
                self.con.execute("INSERT INTO pairs(rowid, words) VALUES (?, ?)", (pid, _pairs(text)))

    def _forget(self, doc: int) -> None:
        self._forget_paragraphs(doc)
        self.con.execute("DELETE FROM docs WHERE id = ?", (doc,))

    def _forget_paragraphs(self, doc: int) -> None:
        if self.mode == "fts":
            rows = self.con.execute(
                "SELECT t.id, t.text FROM ptext t JOIN pmeta m ON m.id = t.id WHERE m.doc = ?", (doc,)
            ).fetchall()
            self.con.executemany("INSERT INTO pairs(pairs, rowid, words) VALUES ('delete', ?, ?)",
                                 [(pid, _pairs(text)) for pid, text in rows])
            self.con.execute(
                "INSERT INTO paras(paras, rowid, text) SELECT 'delete', t.id, t.text FROM ptext t"
                " JOIN pmeta m ON m.id = t.id WHERE m.doc = ?", (doc,)
            )
        self.con.execute("DELETE FROM ptext WHERE id IN (SELECT id FROM pmeta WHERE doc = ?)", (doc,))
        self.con.execute("DELETE FROM pmeta WHERE doc = ?", (doc,))

    # ------------------------------------------------------------------ searching

    def _matching(self, query: str) -> tuple[str, list[object]]:
        """FROM/WHERE of the paragraphs (pmeta m, docs d) holding ``query``."""
        if self.mode == "fts" and len(query) >= 3:
            return ("FROM paras JOIN pmeta m ON m.id = paras.rowid JOIN docs d ON d.id = m.doc"
                    " WHERE paras MATCH ? AND d.live", ['"' + query.replace('"', '""') + '"'])
        if self.mode == "fts" and len(query) == 2 and query.isalnum():
            # The pair index folds case and accents (unicode61): an exact test on the text unless the
            # pair is all hanzi.
            from .script import is_hanzi

            hanzi = all(is_hanzi(ch) for ch in query)
            exact = "" if hanzi else " AND instr((SELECT text FROM ptext WHERE id = m.id), ?) > 0"
            return ("FROM pairs JOIN pmeta m ON m.id = pairs.rowid JOIN docs d ON d.id = m.doc"
                    f" WHERE pairs MATCH ? AND d.live{exact}", ['"' + query + '"'] + ([query] if exact else []))
        return ("FROM ptext t JOIN pmeta m ON m.id = t.id JOIN docs d ON d.id = m.doc"
                " WHERE instr(t.text, ?) > 0 AND d.live", [query])

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Every body paragraph holding ``query`` (exact substring), in library order then ¶ order;
        the first ``limit`` of them when a limit is given (only those are read in full)."""
        if not query.strip():
            return []
        where, params = self._matching(query)
        # Paragraph ids are in library order (see STRIDE): ordered by the id of the table that drives the
        # query, SQLite reads the hits as they come and stops at the limit (no sort of every hit).
        driver = where.split()[1]  # FROM paras|pairs|ptext ...
        sql = f"SELECT m.id {where} ORDER BY {'t.id' if driver == 'ptext' else driver + '.rowid'}"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        ids = [row[0] for row in self.con.execute(sql, params)]
        hits: list[Hit] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.con.execute(
                "SELECT m.id, d.article, d.title, m.paragraph, t.text, d.path, d.book FROM pmeta m"
                " JOIN ptext t ON t.id = m.id JOIN docs d ON d.id = m.doc"
                f" WHERE m.id IN ({','.join('?' * len(chunk))})", chunk,
            ).fetchall()
            by_id = {row[0]: row[1:] for row in rows}
            hits.extend(Hit(*by_id[i]) for i in chunk)
        return hits

    def count(self, query: str) -> int:
        """How many paragraphs hold ``query``."""
        if not query.strip():
            return 0
        where, params = self._matching(query)
        return self.con.execute(f"SELECT count(*) {where}", params).fetchone()[0]


def scan(articles, query: str) -> list[Hit]:
    """The same search as a plain scan over loaded articles (the reference the index is tested against)."""
    hits: list[Hit] = []
    for article in articles:
        for n, block in enumerate(article.paragraphs, start=1):
            if query and query in block.text:
                hits.append(Hit(article.id, article.title, n, block.text, str(article.path),
                                article.extra.get("book") or None))
    return hits
