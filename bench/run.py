"""Run every benchmark: `make bench`.

Each ``bench/bench_*.py`` has a ``main()`` that prints its own table: our figure side by side with
the baseline it is measured against, in the same run. Each benchmark runs in a fresh interpreter of
its own (so one benchmark's imports, caches and peak memory never colour another's figures), with a
throwaway YUEDU_HOME. Run some alone with ``python bench/run.py NAME ...`` (e.g. ``annotate``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(name: str) -> int:
    path = HERE / f"bench_{name}.py"
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HERE))
    spec.loader.exec_module(module)
    module.main()
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        return run_one(argv[1])
    made = None
    if "YUEDU_HOME" not in os.environ:  # a throwaway home, removed at the end (one given is kept)
        made = os.environ["YUEDU_HOME"] = tempfile.mkdtemp(prefix="yuedu-bench-")
    wanted = set(argv)
    names = [p.stem.removeprefix("bench_") for p in sorted(HERE.glob("bench_*.py"))]
    failed = 0
    for name in names:
        if wanted and name not in wanted:
            continue
        print(f"\n=== {name} " + "=" * max(0, 60 - len(name)), flush=True)
        started = time.perf_counter()
        status = subprocess.call([sys.executable, str(Path(__file__).resolve()), "--one", name])
        if status:
            failed += 1
            print(f"!! benchmark {name} failed (exit status {status})")
        print(f"({name}: {time.perf_counter() - started:.1f} s)", flush=True)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        print(f"\nYUEDU_HOME for this run: {made} (removed; set YUEDU_HOME to keep one)")
    else:
        print(f"\nYUEDU_HOME for this run: {os.environ['YUEDU_HOME']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
