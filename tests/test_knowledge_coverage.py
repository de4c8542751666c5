"""Coverage before you read: running words, known share, unknown words by frequency; the counts cache."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.core.annotate import Token
from reader.core.knowledge import WordCount, count_words, coverage, is_number_word, sentence_with
from reader.store import open_store
from reader.store.knowledge import Knowledge


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def tok(text, kind="hanzi", pinyin=()):
    return Token(text, kind, tuple(pinyin))


# ----------------------------------------------------------------------------- pure rules


def test_running_words_are_the_hanzi_words_without_numbers():
    blocks = [
        [tok("我"), tok("有"), tok("三十五", pinyin=("san1", "shi2", "wu3")), tok("个"), tok("苹果"),
         tok("，", "punct"), tok("iPhone", "latin"), tok(" ", "space"), tok("2024", "number"), tok("。", "punct")],
        [tok("苹果"), tok("千万"), tok("克里米亚"), tok("一")],
    ]
    counts = count_words(blocks, names={"克里米亚"})
    assert set(counts) == {"我", "有", "三十五", "个", "苹果", "千万", "克里米亚", "一"}
    assert counts["苹果"].count == 2 and counts["苹果"].first_block == 0
    assert counts["三十五"].kind == "number"          # a number written in hanzi
    assert counts["千万"].kind == "word"              # 千万 "be sure to" is a word (HSK)
    assert counts["一"].kind == "word"
    assert counts["克里米亚"].kind == "name"
    assert is_number_word("一九九〇") and not is_number_word("万一")


def test_coverage_counts_tokens_and_leaves_out_names_numbers_and_ignored_words():
    counts = {"我": WordCount(5, 0, "wo3"), "苹果": WordCount(3, 1, "ping2 guo3"),
              "喜欢": WordCount(2, 0, "xi3 huan1"), "张三": WordCount(4, 0, "zhang1 san1"),
              "三十五": WordCount(1, 0, "san1 shi2 wu3", "number"), "克里米亚": WordCount(2, 1, "", "name")}
    result = coverage(counts, {"我": "known", "张三": "ignored", "喜欢": "learning"})
    assert result.words == 10 and result.known == 5 and result.left_out == 7
    assert result.known_percent == 50.0
    assert [(u.word, u.count, u.state) for u in result.unknown] == [("苹果", 3, "new"), ("喜欢", 2, "learning")]
    # never rounds up to 100 while a word is unknown
    almost = coverage({"我": WordCount(1999, 0, ""), "苹果": WordCount(1, 0, "")}, {"我": "known"})
    assert almost.known_percent == 99.9


def test_sentence_with_finds_the_first_sentence_holding_the_word():
    text = "今天天气很好。我们去公园吧！“苹果很甜。”他说。"
    assert sentence_with(text, "公园") == "我们去公园吧！"
    assert sentence_with(text, "苹果") == "“苹果很甜。”他说。"   # a quotation keeps its closing mark and speaker
    assert sentence_with(text, "没有") == text


# ----------------------------------------------------------------------------------- CLI

TEXT = "我喜欢苹果。我有苹果。\n\n他们在北京学习和工作。他们说，学习很重要。\n"


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def coverage_json(capsys, *argv):
    status, out, err = run(capsys, "coverage", *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_coverage_json_has_exactly_the_keys_and_rises_as_words_become_known(capsys, text_file):
    before = coverage_json(capsys, str(text_file))
    assert set(before) == {"known_percent", "words", "unknown"}
    assert before["known_percent"] == 0.0
    words = before["words"]
    assert words == sum(u["count"] for u in before["unknown"])
    for u in before["unknown"]:
        assert set(u) == {"word", "count", "pinyin", "definition", "hsk"}
    by_word = {u["word"]: u for u in before["unknown"]}
    counts = [u["count"] for u in before["unknown"]]
    assert counts == sorted(counts, reverse=True)
    assert by_word["苹果"]["count"] == 2 and by_word["苹果"]["pinyin"] == "píng guǒ"
    assert "and; together with" in by_word["和"]["definition"]   # the reading the text has, hé
    assert isinstance(by_word["苹果"]["hsk"], int)
    run(capsys, "known", "add", "我", "苹果", "学习")
    after = coverage_json(capsys, str(text_file))
    assert after["words"] == words
    known = by_word["我"]["count"] + by_word["苹果"]["count"] + by_word["学习"]["count"]
    assert after["known_percent"] == int(1000 * known / words) / 10
    assert {"我", "苹果", "学习"}.isdisjoint(u["word"] for u in after["unknown"])


def test_ignored_words_leave_the_count(capsys, text_file):
    words = coverage_json(capsys, str(text_file))["words"]
    run(capsys, "known", "ignore", "北京")
    after = coverage_json(capsys, str(text_file))
    assert after["words"] == words - 1 and "北京" not in [u["word"] for u in after["unknown"]]


def test_a_change_of_knowledge_never_segments_again(capsys, text_file, monkeypatch):
    coverage_json(capsys, str(text_file))
    import reader.core.word_counts as wc

    def no(*a, **k):
        raise AssertionError("counted again")

    monkeypatch.setattr(wc, "count_blocks", no)
    run(capsys, "known", "add", "苹果")
    assert "苹果" not in [u["word"] for u in coverage_json(capsys, str(text_file))["unknown"]]


def test_a_merge_correction_changes_the_words_counted(capsys, text_file):
    assert "我有" not in [u["word"] for u in coverage_json(capsys, str(text_file))["unknown"]]
    run(capsys, "corrections", "merge", "我有")
    assert "我有" in [u["word"] for u in coverage_json(capsys, str(text_file))["unknown"]]


def test_a_damaged_counts_cache_is_counted_again(capsys, text_file, private_cache):
    from reader import paths
    from reader.core.word_counts import CACHE_FILE

    first = coverage_json(capsys, str(text_file))
    (paths.cache_dir() / CACHE_FILE).write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (paths.cache_dir() / (CACHE_FILE + suffix)).unlink(missing_ok=True)
    assert coverage_json(capsys, str(text_file)) == first


def test_text_output_says_how_readable_and_lists_the_top_words(capsys, text_file):
    run(capsys, "known", "add", "我", "苹果", "学习", "他们", "喜欢", "有", "在", "说", "很")
    status, out, _ = run(capsys, "coverage", str(text_file), "--top", "2")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "text.txt" or lines[0].endswith("我喜欢苹果。我有苹果。") or lines[0]
    assert "running words (hard going: below the 95 % floor)" in lines[1]
    assert "the 2 most frequent" in out
    listed = [ln for ln in lines if ln[:1] == " " or ln[:1].isdigit()]
    assert len(listed) == 2 and "HSK" in out


def test_a_library_article_by_id_or_prefix_and_save(capsys):
    from reader import paths
    from reader.core.article import load_library

    article = load_library([paths.bundled_articles_dir()]).articles[0]
    full = coverage_json(capsys, article.id)
    assert coverage_json(capsys, article.id[:8]) == full
    status, _, err = run(capsys, "coverage", "--save", "--top", "5", article.id)
    assert status == 0 and "saved 5 words to your vocabulary" in err
    with open_store() as store:
        items = store.list_vocab()
        assert len(items) == 5
        for item in items:
            assert item.word in item.sentence and item.article_id == article.id
            assert item.word in article.blocks[item.block_index].text
            assert item.pinyin and item.definition
        assert all(Knowledge(store).state(i.word) == "learning" for i in items)
    # saved words are learning, still unknown, and not saved twice
    again = coverage_json(capsys, article.id)
    assert again["known_percent"] == full["known_percent"]
    status, _, err = run(capsys, "coverage", "--save", "--top", "5", article.id)
    assert "saved 0 words" in err and "5 already there" in err


def test_unknown_source_and_bad_top(capsys):
    status, out, err = run(capsys, "coverage", "no-such-article")
    assert status == 2 and out == ""
    assert err == "yuedu: no-such-article: no such file, nor an article with that id in your library " \
                  "(`yuedu list` shows them)\n"
    status, _, err = run(capsys, "coverage", "-", "--top", "-1")
    assert status == 2 and "--top" in err


def test_names_are_left_out(capsys, tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("克里米亚很大。我喜欢克里米亚。\n", encoding="utf-8")
    data = coverage_json(capsys, str(path))
    assert "克里米亚" not in [u["word"] for u in data["unknown"]]
    assert data["words"] == sum(u["count"] for u in data["unknown"])


def test_library_coverage_lists_every_article_easiest_first_as_single_coverage_does(capsys):
    from reader import paths
    from reader.core.article import load_library

    articles = load_library([paths.bundled_articles_dir()]).articles
    run(capsys, "known", "hsk", "3")
    status, out, _ = run(capsys, "coverage", "--library", "--json")
    assert status == 0
    rows = json.loads(out)
    assert sorted(r["id"] for r in rows) == sorted(a.id for a in articles)
    assert [r["known_percent"] for r in rows] == sorted((r["known_percent"] for r in rows), reverse=True)
    for r in rows:
        assert set(r) == {"id", "title", "known_percent", "words", "unknown_words"}
        single = coverage_json(capsys, r["id"])
        assert (r["known_percent"], r["words"], r["unknown_words"]) == \
            (single["known_percent"], single["words"], len(single["unknown"]))
    status, out, _ = run(capsys, "coverage", "--library", "--top", "1")
    assert status == 0 and len(out.splitlines()) == 1 and out.split()[0] == f"{rows[0]['known_percent']:.1f}"
    status, _, err = run(capsys, "coverage", "--library", "--save")
    assert status == 2 and "--library" in err


def test_a_glossary_term_is_one_word_with_the_glossarys_rendering(capsys, tmp_path):
    from reader.core.glossary import load_glossary

    entry = load_glossary(strict=False).get("新质生产力")
    official = (entry.official_english or entry.english[0]).text
    path = tmp_path / "policy.txt"
    path.write_text("加快培育新质生产力。发展新质生产力是推动高质量发展的内在要求。\n", encoding="utf-8")
    rows = {u["word"]: u for u in coverage_json(capsys, str(path))["unknown"]}
    assert rows["新质生产力"]["count"] == 2 and rows["新质生产力"]["definition"] == official
    assert rows["新质生产力"]["pinyin"] == "xīn zhì shēng chǎn lì"


def test_a_kept_texts_summary_is_its_coverage(capsys, text_file):
    from reader.commands.annotate import make_annotator
    from reader.core.dictionary import Dictionary
    from reader.core.word_counts import WordCountCache, cached_counts, count_text

    annotator, dictionary = make_annotator(), Dictionary.open()
    paragraphs = [p for p in TEXT.split("\n\n") if p.strip()]
    fresh = count_text(annotator, "t", paragraphs, dictionary)
    cache = WordCountCache()
    cache.put(b"k", fresh)
    kept = cached_counts(cache, b"k", lambda: pytest.fail("counted again"), annotator, dictionary)
    assert kept.words == fresh.words and kept.meanings == fresh.meanings
    for states in ({}, {"我": "known", "他们": "ignored", "苹果": "learning"}):
        full = coverage(fresh.words, states)
        assert kept.summary(states) == fresh.summary(states) == (full.known_percent, full.words, len(full.unknown))
