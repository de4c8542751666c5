"""Run every benchmark: `make bench`.

Each ``bench/bench_*.py`` has a ``main()`` that prints its own table: our figure side by side with
the baseline it is measured against, in the same run. Run one alone with
``python bench/run.py NAME`` (e.g. ``annotate``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    os.environ.setdefault("YUEDU_HOME", tempfile.mkdtemp(prefix="yuedu-bench-"))
    wanted = set(argv)
    files = sorted(HERE.glob("bench_*.py"))
    failed = 0
    for path in files:
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"\n=== {name} " + "=" * max(0, 60 - len(name)))
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(HERE))
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as exc:  # a broken benchmark must not hide the others
            failed += 1
            print(f"!! benchmark {name} failed: {type(exc).__name__}: {exc}")
        print(f"({name}: {time.perf_counter() - started:.1f} s)")
    print(f"\nYUEDU_HOME for this run: {os.environ['YUEDU_HOME']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
