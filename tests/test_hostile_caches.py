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
    for name in ("jieba-dictionary.data", "pypinyin-phrases.buckets.data", "pypinyin-characters.buckets.data",
                 "cedict-word-readings.buckets.data"):  # read again by this annotation: made again, as data
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


def test_a_bucket_table_reads_only_what_is_looked_up_and_holds_the_whole_table(tmp_path: Path):
    """stamped.cached_buckets (CC-CEDICT's and pypinyin's tables): a look-up parses the words of one
    first character; the table read back is the table made; a damaged file is made again."""
    table = {"银行": "yin2 hang2", "银子": "yin2 zi5", "行人": "xing2 ren2", "行业": "hang2 ye4", "重庆": "chong2 qing4"}
    path = tmp_path / "t.buckets.data"
    made: list[int] = []

    def make():
        made.append(1)
        return dict(table)

    old = tmp_path / "t.data"
    old.write_bytes(b"an older yuedu's copy")
    first = stamped.cached_buckets(path, "s1", make, replaces=old)
    assert not old.exists()
    again = stamped.cached_buckets(path, "s1", make)
    assert len(made) == 1  # read back from the file
    assert again.get("行业") == "hang2 ye4" and "银行" not in again._buckets.get("行", {})
    assert set(again._buckets) == {"行"}  # only the bucket looked up was parsed
    assert "重庆" in again and again["银子"] == "yin2 zi5" and again.get("没有") is None and "没有" not in again
    assert again == table and first == table and len(again) == 5 and sorted(again) == sorted(table)
    data = path.read_bytes()
    damaged = bytearray(data)
    damaged[data.index("银子".encode())] = ord("\n")  # one more line in the keys: counts no longer agree
    path.write_bytes(bytes(damaged))
    rebuilt = stamped.cached_buckets(path, "s1", make)
    assert rebuilt == table and len(made) == 2
