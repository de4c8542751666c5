"""Caches without pickles, and caches with a cap.

1. Warm start-up: reading the engine's kept tables (jieba's dictionary, the CC-CEDICT and pypinyin
   readings) from the cache folder in yuedu's data format (``core/stamped``: a JSON header and raw
   UTF-8, checked on read) against the same values kept as pickles (what yuedu did before), in the
   same run, best of several interleaved rounds.
2. The annotation cache with a size cap: the file size after annotating more text than the cap
   holds, and the cost of a write with the cap against one without.

Run alone: ``python bench/run.py caches``.
"""

from __future__ import annotations

import os
import pickle
import statistics
import tempfile
import time
from pathlib import Path


def _time(fn, rounds: int = 7) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_stamped() -> None:
    from reader import paths
    from reader.core import stamped
    from reader.core.annotate import Annotator

    Annotator().annotate("专心致志地开展基础研究")  # builds every kept table once
    folder = paths.cache_dir()
    # Every file in yuedu's data format, whatever its name (the kept tables are *.data).
    files = sorted(f for f in folder.iterdir() if f.is_file())
    values = {}
    for f in files:
        with open(f, "rb") as fh:
            head = fh.readline() + fh.readline()
        if not head.startswith(stamped.MAGIC):
            continue  # SQLite caches, jieba's own cache file (marshal data, jieba's format)
        import json

        stamp = json.loads(head[len(stamped.MAGIC):])["stamp"]
        values[f] = (stamp, stamped._read(f, stamp))
    tmp = Path(tempfile.mkdtemp(prefix="yuedu-bench-pickles-"))
    pickles = {}
    for f, (stamp, value) in values.items():
        p = tmp / f.name
        with open(p, "wb") as fh:
            pickle.dump((stamp, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickles[f] = p

    def read_ours() -> None:
        for f, (stamp, _v) in values.items():
            assert stamped._read(f, stamp) is not None

    def read_pickles() -> None:
        for p in pickles.values():
            with open(p, "rb") as fh:
                pickle.load(fh)

    ours, theirs = [], []
    for _ in range(3):  # interleaved, so a busy machine colours both alike
        ours.append(_time(read_ours))
        theirs.append(_time(read_pickles))
    size = sum(f.stat().st_size for f in values)
    print(f"kept tables: {len(values)} files, {size / 2**20:.1f} MiB")
    print(f"{'read all kept tables':<34}{'yuedu data format':>20}{'pickle (before)':>18}")
    print(f"{'best of 3x7 (s)':<34}{min(ours):>20.4f}{min(theirs):>18.4f}")
    print(f"{'median of the 3 bests (s)':<34}{statistics.median(ours):>20.4f}{statistics.median(theirs):>18.4f}")


def bench_cap(written_mb: int = 64, cap_mb: int = 16) -> None:
    """Paragraph values (3 KB, about what a long paragraph's tokens take) written in screenfuls of 40,
    into a cache capped at ``cap_mb`` and into one with no practical cap, in the same run."""
    from reader.core import annotation_cache
    from reader.core.annotation_cache import AnnotationCache

    value_size, batch = 3000, 40
    batches = written_mb * 2**20 // (value_size * batch)
    results = {}
    for label, cap in (("capped", cap_mb), ("no cap (before)", 1_000_000)):
        annotation_cache.set_limit_mb(cap)
        folder = Path(tempfile.mkdtemp(prefix="yuedu-bench-cap-"))
        cache = AnnotationCache(folder / "annotations.sqlite3")
        t = time.perf_counter()
        for b in range(batches):
            cache.put_many({f"{b}-{i}".encode(): os.urandom(value_size) for i in range(batch)})
        elapsed = time.perf_counter() - t
        cache.close()
        size = sum(f.stat().st_size for f in folder.iterdir())
        results[label] = (elapsed / batches * 1000, size / 2**20)
    annotation_cache.set_limit_mb(None)
    print(f"{written_mb} MB of paragraph values written, {batches} screenfuls of {batch}; cap {cap_mb} MB")
    print(f"{'':<34}{'capped (ours)':>16}{'no cap (before)':>18}")
    print(f"{'ms per screenful written':<34}{results['capped'][0]:>16.2f}{results['no cap (before)'][0]:>18.2f}")
    print(f"{'cache folder size (MB)':<34}{results['capped'][1]:>16.1f}{results['no cap (before)'][1]:>18.1f}")


def main() -> None:
    os.environ.setdefault("YUEDU_HOME", tempfile.mkdtemp(prefix="yuedu-bench-"))
    print("-- 1. warm start-up: the engine's kept tables, no pickles")
    bench_stamped()
    print("\n-- 2. the annotation cache under a cap (least recently used out)")
    bench_cap()


if __name__ == "__main__":
    main()
