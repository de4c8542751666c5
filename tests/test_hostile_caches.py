"""Caches hold data, never code: a pickle planted in the cache folder is never loaded, and a
damaged or foreign cache file only costs a rebuild."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from reader.core import stamped


class _Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_never_runs(private_cache: Path, tmp_path: Path):
    private_cache.mkdir(parents=True, exist_ok=True)
    marker = tmp_path / "pwned"
    names = ("jieba-dictionary.pickle", "cedict-readings.pickle", "pypinyin-phrases.pickle",
             "pypinyin-characters.pickle", "cedict-word-readings.pickle", "cedict-char-readings2.pickle",
             "cedict-names.pickle", "cedict-idioms.pickle")  # every name the engine has kept tables under
    for name in names:
        with open(private_cache / name, "wb") as fh:
            pickle.dump(_Boom(str(marker)), fh)
    (tmp_path / "t.txt").write_text("专心致志地开展基础研究。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reader.cli", "annotate", str(tmp_path / "t.txt")],
                            capture_output=True, text=True, env=dict(os.environ), timeout=300)
    assert result.returncode == 0, result.stderr
    assert "zhuānxīn" in result.stdout
    assert not marker.exists(), "a pickle from the cache folder ran"
    rewritten = [f for f in private_cache.glob("*.pickle") if f.read_bytes().startswith(stamped.MAGIC)]
    assert len(rewritten) >= 3  # the tables in use were made again, in the data format (the rest: unread)


def test_values_round_trip_and_a_bad_file_is_rebuilt(tmp_path: Path):
    path = tmp_path / "table.pickle"
    calls: list[int] = []

    def make():
        calls.append(1)
        return ("词\n语", b"\x00\x01\x02", 12345)

    assert stamped.cached(path, "s1", make) == ("词\n语", b"\x00\x01\x02", 12345)
    assert stamped.cached(path, "s1", make) == ("词\n语", b"\x00\x01\x02", 12345)
    assert len(calls) == 1  # the second came from the file
    kept = path
    assert kept.read_bytes().startswith(stamped.MAGIC)
    assert stamped.cached(path, "s2", make) and len(calls) == 2  # another stamp: made again
    for damage in (kept.read_bytes()[:-3], b"\x80\x04garbage", stamped.MAGIC + b'{"stamp": "s2", "items": [["s", 999]]}\n'):
        kept.write_bytes(damage)
        assert stamped.cached(path, "s2", make) == ("词\n语", b"\x00\x01\x02", 12345)
    assert len(calls) == 5
