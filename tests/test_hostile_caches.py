"""Caches hold data, never code: a pickle planted in the cache folder is never loaded, and a
damaged or foreign cache file only costs a rebuild."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import SHARED_CACHE, place_file
from reader.core import stamped


class _Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_never_runs(private_cache: Path, tmp_path: Path):
    marker = tmp_path / "pwned"
    (tmp_path / "t.txt").write_text("专心致志地开展基础研究。\n", encoding="utf-8")

    def annotate(**env):
        return subprocess.run([sys.executable, "-m", "reader.cli", "annotate", str(tmp_path / "t.txt")],
                              capture_output=True, text=True, env={**os.environ, **env}, timeout=300)

    # the engine's tables are kept in the cache folder: the run's shared one (warm after the first
    # test that annotates), copied here, is what a first annotation would have left
    assert annotate(YUEDU_CACHE=SHARED_CACHE).returncode == 0
    assert not sorted(Path(SHARED_CACHE).glob("*.pickle")), "a cache file is named as a pickle"
    shared = sorted(Path(SHARED_CACHE).glob("*.data"))
    assert len(shared) >= 4, shared
    private_cache.mkdir(parents=True, exist_ok=True)
    for f in shared:
        place_file(f, private_cache / f.name)
    kept = sorted(private_cache.glob("*.data"))
    old_names = [f.with_suffix(".pickle") for f in kept]  # what an older yuedu named them
    for f in kept + old_names:  # each a pickle that would run a command when loaded
        with open(f, "wb") as fh:
            pickle.dump(_Boom(str(marker)), fh)
    result = annotate()
    assert result.returncode == 0, result.stderr
    assert "zhuānxīn" in result.stdout
    assert not marker.exists(), "a pickle from the cache folder ran"
    for name in ("jieba-dictionary.data", "pypinyin-phrases.data", "pypinyin-characters.data",
                 "cedict-word-readings.data"):  # read again by this annotation: made again, as data
        assert (private_cache / name).read_bytes().startswith(stamped.MAGIC), f"{name} is still a pickle"
        assert not (private_cache / name).with_suffix(".pickle").exists(), "an old *.pickle file was left"


def test_values_round_trip_and_a_bad_file_is_rebuilt(tmp_path: Path):
    path = tmp_path / "table.data"
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
