"""Store benchmarks: adding 10,000 words, and listing the review queue with 100,000 cards.

Each figure is printed next to a baseline measured in the same run:

- add 10,000 words: ``Store.save_word`` one at a time, each committed durably before it returns
  (WAL, synchronous=FULL, BEGIN IMMEDIATE, plus the card row and the sentence row), against the
  baseline of the same three INSERTs per word into a bare copy of the tables with plain sqlite3 in
  ONE transaction (no per-word commit, no fsync per word, no objects built). The gap is the price of
  "a change the user saw confirmed survives kill -9".
- due queue with 100,000 cards (half of them due, 20 new allowed): ``Store.review_queue()`` (indexed
  query + a VocabItem with its sentences for every one of the 50,020 cards), the first page of 200
  the review screen actually fetches, and ``Store.due_count()`` (what the library screen shows), against the baseline ``SELECT * FROM cards_plain WHERE due <= ? ORDER BY due`` over the
  same rows in a table without an index, fetched as raw tuples.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.store import open_store  # noqa: E402
from reader.store.db import _ts  # noqa: E402

ADD_WORDS = 10_000
QUEUE_CARDS = 100_000


def _word(i: int) -> str:
    return "".join(chr(0x4E00 + (i * 7919 + k * 104729) % 20000) for k in range(3)) + str(i)


def bench_add(folder: Path) -> tuple[float, float]:
    store = open_store(folder / "add.sqlite3")
    started = time.perf_counter()
    for i in range(ADD_WORDS):
        store.save_word(_word(i), "ci2 yu3", "a word", sentence=f"第{i}个句子。", article_id="bench", block_index=i)
    ours = time.perf_counter() - started
    store.close()

    conn = sqlite3.connect(folder / "add-baseline.sqlite3", isolation_level=None)
    conn.executescript(
        "CREATE TABLE vocab (id INTEGER PRIMARY KEY, word TEXT UNIQUE, pinyin TEXT, definition TEXT, added TEXT);"
        "CREATE TABLE cards (vocab_id INTEGER PRIMARY KEY, due TEXT);"
        "CREATE TABLE sentences (id INTEGER PRIMARY KEY, vocab_id INTEGER, text TEXT, UNIQUE (vocab_id, text));"
    )
    now = _ts(datetime.now(timezone.utc))
    started = time.perf_counter()
    conn.execute("BEGIN")
    for i in range(ADD_WORDS):
        cur = conn.execute("INSERT INTO vocab (word, pinyin, definition, added) VALUES (?, ?, ?, ?)",
                           (_word(i), "ci2 yu3", "a word", now))
        conn.execute("INSERT INTO cards VALUES (?, ?)", (cur.lastrowid, now))
        conn.execute("INSERT INTO sentences (vocab_id, text) VALUES (?, ?)", (cur.lastrowid, f"第{i}个句子。"))
    conn.execute("COMMIT")
    baseline = time.perf_counter() - started
    conn.close()
    return ours, baseline


def fill_cards(path: Path, n: int) -> None:
    """n cards straight into a real yuedu database: half reviewed and due, a quarter due later, a quarter new."""
    open_store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    now = datetime.now(timezone.utc)
    added = _ts(now - timedelta(days=60))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO vocab (id, word, pinyin, definition, added) VALUES (?, ?, 'ci2', 'w', ?)",
                     ((i, _word(i), added) for i in range(1, n + 1)))
    conn.executemany("INSERT INTO sentences (vocab_id, text, article_id, block_index, added) VALUES (?, ?, 'a', 0, ?)",
                     ((i, f"句子{i}", added) for i in range(1, n + 1)))
    rows = []
    for i in range(1, n + 1):
        kind = i % 4
        if kind in (0, 1):  # due: reviewed, due in the past
            rows.append((i, 2, None, 5.0, 5.0, _ts(now - timedelta(minutes=i % 5000)), _ts(now - timedelta(days=10))))
        elif kind == 2:  # reviewed, due later
            rows.append((i, 2, None, 20.0, 5.0, _ts(now + timedelta(hours=1 + i % 700)), _ts(now - timedelta(days=3))))
        else:  # new
            rows.append((i, 1, 0, None, None, added, None))
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("CREATE TABLE cards_plain AS SELECT * FROM cards")  # same rows, no index
    conn.execute("COMMIT")
    conn.close()


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def bench_queue(folder: Path) -> dict[str, tuple[float, float]]:
    path = folder / "queue.sqlite3"
    fill_cards(path, QUEUE_CARDS)
    store = open_store(path)
    now = datetime.now(timezone.utc)
    queue = store.review_queue(now)
    assert len(queue) == QUEUE_CARDS // 2 + 20, len(queue)
    out = {
        "review_queue()": _best(lambda: store.review_queue(now), repeat=3),
        "page": _best(lambda: store.review_queue(now, limit=200)),
        "due_count()": _best(lambda: store.due_count(now)),
    }
    store.close()
    conn = sqlite3.connect(path)
    stamp = _ts(now)
    out["baseline"] = _best(lambda: conn.execute(
        "SELECT * FROM cards_plain WHERE last_review IS NOT NULL AND due <= ? ORDER BY due", (stamp,)).fetchall())
    conn.close()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yuedu-bench-store-") as tmp:
        folder = Path(tmp)
        ours, baseline = bench_add(folder)
        print(f"add {ADD_WORDS:,} words")
        print(f"  {'save_word, each committed durably':<44} {ours:8.2f} s  ({ours / ADD_WORDS * 1000:.2f} ms/word)")
        print(f"  {'baseline: same INSERTs, one transaction':<44} {baseline:8.2f} s  "
              f"({baseline / ADD_WORDS * 1000:.3f} ms/word)")
        results = bench_queue(folder)
        print(f"due queue with {QUEUE_CARDS:,} cards ({QUEUE_CARDS // 2:,} due + 20 new)   best / median")
        labels = {"review_queue()": "Store.review_queue(): all 50,020 VocabItems",
                  "page": "review_queue(limit=200): the screen's page",
                  "due_count()": "Store.due_count() (library badge)",
                  "baseline": "baseline: raw SELECT, unindexed table"}
        for key, (best, median) in results.items():
            print(f"  {labels[key]:<44} {best * 1000:8.1f} ms / {median * 1000:.1f} ms")


if __name__ == "__main__":
    main()
