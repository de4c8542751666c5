"""Search benchmark: `yuedu search` over 2,000 articles (10 million characters) next to `grep -rlF`.

The library is generated from the bundled articles' sentences, shuffled into 2,000 article files of
5,000 characters each (10 million characters), written where `yuedu import` puts articles. Figures:

- index build: the first search after the library appeared (every file read and indexed), once;
- warm, first 100: open the index, check every file against it (one stat per file), the first 100
  hits with their text and the total count (what a search screen shows first), median of 7;
- warm, all hits: the same with every hit and its paragraph's text (what `--json` prints), median of 7;
- baseline: `grep -rlF TEXT` over the same article folders (file names only), warm, median of 7;
- warm, whole command: `yuedu search TEXT --limit 100` (the first page) as a user runs it, the
  installed `yuedu` script with the interpreter's start included and its bytecode cached (as in any
  install: PYTHONDONTWRITEBYTECODE is dropped for it), timed in turns with `grep -rlF` (11 of each,
  medians), so a busy machine slows both alike. The target: at most 3x grep.

Queries: a common four-hanzi word (many hits), a rare phrase, a text found nowhere, and a two-hanzi
word (below the trigram length: the index of character pairs).
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = 2_000
CHARS = 5_000
RARE = "蝴蝶效应的长期观测"  # in four articles only
QUERIES = [("common", "科技创新"), ("rare", RARE), ("absent", "量子引力波望远镜"), ("two hanzi", "人才")]


def build_library(folder: Path) -> int:
    from reader.core.article import Article, Block, dump_article, load_library

    source = load_library([ROOT / "articles"]).articles
    sentences = [s for a in source for b in a.paragraphs for s in re.findall(r"[^。！？]+[。！？]", b.text)]
    rng = random.Random(2024)
    total = 0
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(ARTICLES):
        blocks, size = [], 0
        while size < CHARS:
            paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
            paragraph = paragraph[: CHARS - size] if size + len(paragraph) > CHARS else paragraph
            blocks.append(Block("paragraph", paragraph, 0))
            size += len(paragraph)
        if n in (17, 500, 1234, 1999):
            blocks.insert(len(blocks) // 2, Block("paragraph", f"研究团队完成了对{RARE}，结果令人意外。", 0))
        article = Article(id=f"bench-{n:04d}", title=f"生成的文章{n}", blocks=blocks)
        (folder / f"{article.id}.md").write_text(dump_article(article), encoding="utf-8")
        total += size
    return total


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="yuedu-bench-search-"))
    os.environ["YUEDU_HOME"] = str(home)
    os.environ.pop("YUEDU_CACHE", None)
    from reader import paths
    from reader.core.search import SearchIndex, fts5_trigram_available

    folder = paths.library_dir()
    chars = build_library(folder)
    dirs = [paths.bundled_articles_dir(), folder]
    index_path = paths.cache_dir() / "search.sqlite3"
    print(f"library: {ARTICLES} generated articles, {chars:,} characters (+ the bundled articles); "
          f"FTS5 trigram: {'yes' if fts5_trigram_available() else 'no (plain scan)'}")

    started = time.perf_counter()
    with SearchIndex(index_path) as index:
        index.sync(dirs)
    print(f"index build (first search after the files appeared): {time.perf_counter() - started:.2f} s, "
          f"{index_path.stat().st_size / 2**20:.0f} MiB in the cache folder")

    def ours(query: str) -> int:
        with SearchIndex(index_path) as index:
            index.sync(dirs)
            return len(index.search(query))

    def first_page(query: str) -> int:
        with SearchIndex(index_path) as index:
            index.sync(dirs)
            index.search(query, limit=100)
            return index.count(query)

    def grep(query: str) -> None:
        subprocess.run(["grep", "-rlF", query, *map(str, dirs)], stdout=subprocess.DEVNULL, check=False)

    script = Path(sys.executable).with_name("yuedu")
    yuedu = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    user_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def command(query: str) -> None:
        subprocess.run([*yuedu, "search", query, "--limit", "100"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=home, env=user_env, check=False)

    def in_turns(runs: int, *fns) -> list[float]:
        times: list[list[float]] = [[] for _ in fns]
        for _ in range(runs):
            for fn, bucket in zip(fns, times):
                started = time.perf_counter()
                fn()
                bucket.append(time.perf_counter() - started)
        return [statistics.median(bucket) for bucket in times]

    print("\nwarm, median times; ratio = ours / grep -rlF; whole command = `yuedu search TEXT --limit 100`")
    print(f"{'query':<30}{'hits':>7}{'grep -rlF':>11}{'first 100':>11}{'ratio':>7}{'all hits':>10}{'ratio':>7}"
          f"{'grep':>8}{'command':>9}{'ratio':>7}")
    worst = 0.0
    for label, query in QUERIES:
        hits = ours(query)
        grep(query), command(query), command(query)  # warm the page cache and the interpreter's files
        base = median_time(lambda: grep(query), 7)
        page = median_time(lambda: first_page(query), 7)
        inproc = median_time(lambda: ours(query), 7)
        grep_turn, whole = in_turns(11, lambda: grep(query), lambda: command(query))
        worst = max(worst, whole / grep_turn)
        name = f"{label} {query}"
        pad = 30 - sum(2 if ord(c) > 0x2E80 else 1 for c in name)
        print(f"{name}{' ' * max(1, pad)}{hits:>7}{base * 1000:>9.1f}ms{page * 1000:>9.1f}ms{page / base:>6.2f}x"
              f"{inproc * 1000:>8.1f}ms{inproc / base:>6.2f}x{grep_turn * 1000:>6.1f}ms{whole * 1000:>7.1f}ms"
              f"{whole / grep_turn:>6.2f}x")
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], env=user_env, check=False), 7)
    print(f"\n(a bare `python -c pass` takes {bare * 1000:.0f} ms here; target: the whole command <= 3x grep, "
          f"warm: worst here {worst:.2f}x)")

if __name__ == "__main__":
    main()
