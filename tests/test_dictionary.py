"""CC-CEDICT: simplified and traditional headwords, every reading, longest match, the SQLite index."""

from __future__ import annotations

import gzip
import sqlite3
import threading
from pathlib import Path

import pytest

from reader import paths
from reader.core import dictionary as dictmod
from reader.core.dictionary import Dictionary, DictionaryError, build_index, parse_cedict_line
from reader.core.pinyin import marks_to_numbers, numbers_to_marks

MINI = Path(__file__).parent / "data" / "glossary" / "mini_cedict.txt"


@pytest.fixture(scope="session")
def full_index(dictionary_index) -> Path:
    """The real CC-CEDICT index (conftest: built once for the whole run)."""
    return dictionary_index


@pytest.fixture
def cedict(full_index) -> Dictionary:
    return Dictionary.open(index_path=full_index)


@pytest.fixture
def mini_source(tmp_path) -> Path:
    src = tmp_path / "mini.txt.gz"
    src.write_bytes(gzip.compress(MINI.read_bytes()))
    return src


def test_bao_gan_zhi_is_found_by_both_headwords(cedict):
    for word in ("包干制", "包乾制"):
        entries = cedict.lookup(word)
        assert len(entries) == 1
        e = entries[0]
        assert (e.simplified, e.traditional, e.pinyin) == ("包干制", "包乾制", "bao1 gan1 zhi4")
        assert e.pinyin_marks == "bāo gān zhì"
        assert any("payment" in d for d in e.definitions)


def test_every_reading_is_kept(cedict):
    readings = {e.pinyin for e in cedict.lookup("行")}
    assert {"xing2", "hang2"} <= readings
    assert {"le5", "liao3"} <= {e.pinyin for e in cedict.lookup("了")}


def test_traditional_headword_lookup(cedict):
    entries = cedict.lookup("國家")
    assert entries and entries[0].simplified == "国家" and entries[0].pinyin == "guo2 jia1"
    assert cedict.lookup("国家") == entries


def test_policy_terms_missing_from_cedict_and_longest_match(cedict):
    assert cedict.lookup("新质生产力") == []
    text = "加快发展新质生产力。"
    assert cedict.longest_match(text, 0)[0] == 2  # 加快
    assert cedict.longest_match(text, 2)[0] == 2  # 发展
    n, entries = cedict.longest_match(text, 4)  # 新质 is not a word: 新 alone
    assert n == 1 and any(e.pinyin == "xin1" for e in entries)
    n, entries = cedict.longest_match(text, 6)
    assert text[6 : 6 + n] == "生产力" and entries[0].simplified == "生产力"
    assert cedict.longest_match(text, 9)[0] == 0  # 。
    assert cedict.longest_match(text, 99) == (0, [])
    assert cedict.longest_match("中华人民共和国国歌", 0)[0] == 7


def test_close_matches_suggest_the_parts_and_similar_words(cedict):
    assert cedict.close_matches("新质生产力")[0] == "生产力"
    assert "挂帅" in cedict.close_matches("揭榜挂帅")
    assert cedict.close_matches("") == []


def test_umlaut_and_proper_name_pinyin_are_shown_with_marks(cedict):
    e = cedict.lookup("绿")[0]
    assert e.pinyin == "lu:4" and e.pinyin_marks == "lǜ" and e.syllables == ["lv4"]
    assert any(x.pinyin_marks == "Běi jīng" for x in cedict.lookup("北京"))


def test_index_records_source_date_and_licence(cedict):
    assert cedict.meta["cedict_date"].startswith("20")
    assert "by-sa/4.0" in cedict.meta["license"]
    assert cedict.entry_count > 100_000


def test_a_lookup_from_another_thread_and_back(full_index):
    result: dict = {}

    def worker():
        result["d"] = Dictionary.open(index_path=full_index)
        result["w"] = result["d"].lookup("行")

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert result["w"] and result["d"].lookup("国家")  # main thread uses its own connection


# ------------------------------------------------------------------------------------------ the index


def test_parse_line_keeps_both_headwords_and_skips_junk():
    e = parse_cedict_line("國家 国家 [guo2 jia1] /country; nation; state/CL:個|个[ge4]/\n")
    assert e.traditional == "國家" and e.simplified == "国家"
    assert e.definitions == ("country; nation; state", "CL:個|个[ge4]")
    assert parse_cedict_line("# comment") is None
    assert parse_cedict_line("garbage line") is None


def test_index_is_built_when_missing_and_rebuilt_when_deleted(tmp_path, mini_source):
    index = tmp_path / "cache" / "idx.sqlite3"
    d = Dictionary.open(index_path=index, source=mini_source)
    assert index.is_file() and d.entry_count == 5
    assert {e.pinyin for e in d.lookup("行")} == {"hang2", "xing2"}
    d.close()
    index.unlink()
    d = Dictionary.open(index_path=index, source=mini_source)
    assert d.lookup("國家")[0].simplified == "国家"


def test_default_index_lives_in_the_cache_dir(full_index, monkeypatch, private_cache):
    target = paths.cache_dir() / dictmod.INDEX_NAME
    assert not target.exists()
    # Point the default at the prebuilt index's copy to avoid a slow rebuild.
    target.write_bytes(full_index.read_bytes())
    d = Dictionary.open()
    assert d.index_path == target and d.lookup("包干制")


def test_stale_or_corrupt_index_is_rebuilt(tmp_path, mini_source):
    index = tmp_path / "idx.sqlite3"
    Dictionary.open(index_path=index, source=mini_source).close()
    with sqlite3.connect(index) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'signature'")
        conn.execute("DELETE FROM head")
    conn.close()
    assert Dictionary.open(index_path=index, source=mini_source).lookup("行")
    index.write_bytes(b"this is not a database" * 100)
    assert Dictionary.open(index_path=index, source=mini_source).lookup("行")


def test_opening_an_up_to_date_index_does_not_read_the_source(tmp_path, mini_source, monkeypatch):
    index = tmp_path / "idx.sqlite3"
    Dictionary.open(index_path=index, source=mini_source).close()

    def boom(*a, **k):
        raise AssertionError("the source file was parsed again")

    monkeypatch.setattr(dictmod, "build_index", boom)
    from reader.core import cedict as cedictmod

    monkeypatch.setattr(cedictmod.gzip, "open", boom)  # (core/cedict.py reads the file)
    assert Dictionary.open(index_path=index, source=mini_source).lookup("绿")


def test_a_failed_build_leaves_no_index_and_no_temp_file(tmp_path):
    bad = tmp_path / "bad.txt.gz"
    data = gzip.compress(MINI.read_bytes() * 50)
    bad.write_bytes(data[: len(data) // 2])  # truncated gzip: fails part-way through
    index = tmp_path / "out" / "idx.sqlite3"
    with pytest.raises(DictionaryError):
        Dictionary.open(index_path=index, source=bad)
    assert not index.exists()
    assert list((tmp_path / "out").iterdir()) == []


def test_build_index_refuses_an_empty_source(tmp_path):
    src = tmp_path / "empty.txt.gz"
    src.write_bytes(gzip.compress(b"# only comments\n"))
    with pytest.raises(DictionaryError):
        build_index(src, tmp_path / "idx.sqlite3")
    assert not (tmp_path / "idx.sqlite3").exists()


@pytest.mark.parametrize(
    "numbers, marks",
    [("zhong1", "zhōng"), ("lv4", "lǜ"), ("lu:4", "lǜ"), ("Bei3", "Běi"), ("de5", "de"), ("gui4", "guì"),
     ("liu2", "liú"), ("ou1", "ōu"), ("lve4", "lüè"), ("er2", "ér")],
)
def test_tone_numbers_and_marks_round_trip(numbers, marks):
    assert numbers_to_marks(numbers) == marks
    assert marks_to_numbers(marks) == numbers.lower().replace("u:", "v")
