"""The store's schema history.

``MIGRATIONS[n]`` takes a database at version ``n`` (``PRAGMA user_version``) to version ``n + 1``.
A new database is built by running every migration from version 0, so the chain is exercised on
every fresh install; the tests also build a database at every earlier version, fill it with that
version's rows and check that opening it migrates without losing anything.

Never edit a migration that has shipped: add a new one at the end.
Migrations run with foreign keys OFF inside one transaction, followed by ``PRAGMA foreign_key_check``
(SQLite's documented procedure for table rebuilds).
"""

from __future__ import annotations

# Version 1: preferences, reading positions, bookmarks and a flat vocabulary (one sentence per word).
V1 = """
CREATE TABLE prefs (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                       -- JSON
);
CREATE TABLE positions (
    article_id  TEXT PRIMARY KEY,
    block_index INTEGER NOT NULL,
    block_hash  TEXT NOT NULL,
    excerpt     TEXT NOT NULL,
    token_index INTEGER NOT NULL DEFAULT 0,
    updated     TEXT NOT NULL
);
CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL,
    block_index INTEGER NOT NULL,
    block_hash  TEXT NOT NULL,
    excerpt     TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL
);
CREATE TABLE vocab (
    id          INTEGER PRIMARY KEY,
    word        TEXT NOT NULL UNIQUE,
    pinyin      TEXT NOT NULL DEFAULT '',
    definition  TEXT NOT NULL DEFAULT '',
    sentence    TEXT NOT NULL DEFAULT '',
    article_id  TEXT,
    block_index INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    added       TEXT NOT NULL
);
"""

# Version 2: many sentences per word, glossary term, tags, soft delete; FSRS cards and the review log.
V2 = """
CREATE TABLE vocab_v2 (
    id            INTEGER PRIMARY KEY,
    word          TEXT NOT NULL UNIQUE,
    pinyin        TEXT NOT NULL DEFAULT '',
    definition    TEXT NOT NULL DEFAULT '',
    glossary_term TEXT,
    tags          TEXT NOT NULL DEFAULT '[]',  -- JSON array
    note          TEXT NOT NULL DEFAULT '',
    added         TEXT NOT NULL,
    deleted       TEXT                         -- set when deleted (undo clears it)
);
INSERT INTO vocab_v2 (id, word, pinyin, definition, note, added)
    SELECT id, word, pinyin, definition, note, added FROM vocab;
CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    vocab_id    INTEGER NOT NULL REFERENCES vocab(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    article_id  TEXT,
    block_index INTEGER,
    added       TEXT NOT NULL,
    UNIQUE (vocab_id, text)
);
INSERT INTO sentences (vocab_id, text, article_id, block_index, added)
    SELECT id, sentence, article_id, block_index, added FROM vocab WHERE sentence != '';
DROP TABLE vocab;
ALTER TABLE vocab_v2 RENAME TO vocab;
CREATE TABLE cards (
    vocab_id    INTEGER PRIMARY KEY REFERENCES vocab(id) ON DELETE CASCADE,
    state       INTEGER NOT NULL DEFAULT 1,    -- fsrs.State: 1 learning, 2 review, 3 relearning
    step        INTEGER DEFAULT 0,
    stability   REAL,
    difficulty  REAL,
    due         TEXT NOT NULL,
    last_review TEXT                           -- NULL: a new card, never reviewed
);
INSERT INTO cards (vocab_id, due) SELECT id, added FROM vocab;
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    vocab_id    INTEGER NOT NULL REFERENCES vocab(id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed    TEXT NOT NULL,
    duration_ms INTEGER,
    mode        TEXT NOT NULL DEFAULT 'flip',  -- 'flip' or 'typed'
    state       INTEGER NOT NULL DEFAULT 0     -- card state before the review; 0 = new
);
"""

# Version 3: reading corrections; progress per article; indexes for the review queue and stats.
V3 = """
CREATE TABLE corrections (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('reading', 'merge', 'split')),
    word    TEXT NOT NULL,
    value   TEXT NOT NULL DEFAULT '[]',        -- JSON array: syllables or parts
    created TEXT NOT NULL
);
ALTER TABLE positions ADD COLUMN max_block INTEGER NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN block_count INTEGER NOT NULL DEFAULT 0;
UPDATE positions SET max_block = block_index;
CREATE INDEX cards_due ON cards (due);
CREATE INDEX review_log_reviewed ON review_log (reviewed);
CREATE INDEX review_log_vocab ON review_log (vocab_id);
CREATE INDEX bookmarks_article ON bookmarks (article_id, block_index);
"""

# Word knowledge (issue 13): a word's state when the user said it (no row: new, or learning while it
# is saved in the vocabulary), and every change of state (words known over time; undo of a review).
KNOWLEDGE = """
CREATE TABLE word_knowledge (
    word    TEXT PRIMARY KEY,
    state   TEXT NOT NULL CHECK (state IN ('learning', 'known', 'ignored')),
    source  TEXT NOT NULL DEFAULT 'user',      -- 'user', 'hsk:<standard>', 'import', 'review', 'reader'
    changed TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE knowledge_log (
    id            INTEGER PRIMARY KEY,
    word          TEXT NOT NULL,
    state         TEXT NOT NULL,               -- the state after the change ('new': the mark was removed)
    before        TEXT,                        -- the stored state before (NULL: none)
    before_source TEXT,
    source        TEXT NOT NULL,
    changed       TEXT NOT NULL,
    review_id     INTEGER                      -- the review_log row that made the change, if a review did
);
CREATE INDEX knowledge_log_changed ON knowledge_log (changed);
CREATE INDEX knowledge_log_review ON knowledge_log (review_id);
"""

# Version 5: what the vocabulary search looks in, one lowercased text per word (kept by the store on
# every write; filled for older rows when the database opens), and the order of the vocabulary
# screen's first page as an index: 100,000 words open and search without reading them all.
SEARCH = """
ALTER TABLE vocab ADD COLUMN search TEXT NOT NULL DEFAULT '';
CREATE INDEX vocab_added ON vocab (added, id);
"""

# Version 6: the % read at the saved place, as the reading screen's status line showed it when the place
# was saved (reader/core/progress.py: one definition for the status line and the library). NULL in rows
# saved before it: the library works it out from the article and the saved paragraph, the same way.
PERCENT = """
ALTER TABLE positions ADD COLUMN percent INTEGER;
"""

MIGRATIONS: list[str] = [V1, V2, V3, KNOWLEDGE, SEARCH, PERCENT]
CURRENT_VERSION = len(MIGRATIONS)

# Tables a yuedu database has at the current version (to recognise someone else's SQLite file).
TABLES = {"prefs", "positions", "bookmarks", "vocab", "sentences", "cards", "review_log", "corrections"}
