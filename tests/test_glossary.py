"""The glossary: schema checks with file:line errors, safe YAML, user overrides, matching, search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import paths
from reader.core.article import Article, Block
from reader.errors import UserError
from reader.core.glossary import (
    EnglishRendering,
    Glossary,
    GlossaryEntry,
    GlossaryError,
    Source,
    article_count,
    check_glossary,
    glossary_files,
    load_glossary,
    occurrences,
)

DATA = Path(__file__).parent / "data" / "glossary"
GOOD = DATA / "good"

ENTRY = """\
- term: 包干制
  pinyin: bāo gān zhì
  english:
    - text: lump-sum project funding
  definition_en: Test entry.
  definition_zh: 测试。
  sources:
    - name: Test
"""


def write(dir_: Path, name: str, text: str | bytes) -> Path:
    dir_.mkdir(parents=True, exist_ok=True)
    path = dir_ / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def entry(term: str, pinyin: str, aliases: tuple[str, ...] = (), english: str = "x") -> GlossaryEntry:
    return GlossaryEntry(
        term=term, pinyin=pinyin, aliases=aliases, english=(EnglishRendering(english),),
        definition_en="d", definition_zh="d", sources=(Source("s"),),
    )


# ------------------------------------------------------------------------------------------ schema


def test_valid_fixture_has_no_problems_and_loads_every_field():
    assert check_glossary([GOOD]) == []
    g = load_glossary([GOOD])
    assert len(g) == 5
    e = g.get("新质生产力")
    assert e is not None
    assert e.pinyin == "xīn zhì shēng chǎn lì"
    assert e.syllables == ["xin1", "zhi4", "sheng1", "chan3", "li4"]
    assert e.official_english == EnglishRendering("new quality productive forces", "Qiushi; Xinhua", True)
    assert [r.text for r in e.english] == ["new quality productive forces", "new productive forces"]
    assert e.sources[0].url == "https://example.org/xinzhi"
    assert e.related == ("全要素生产率",)
    assert e.path == GOOD / "policy.yaml" and e.line == 2


def test_each_schema_error_is_reported_at_its_file_and_line():
    f = DATA / "bad_entries" / "errors.yaml"
    problems = check_glossary([DATA / "bad_entries"])
    expected = [
        (2, "has 2 syllables but term '包干制' has 3 hanzi"),
        (10, "missing required key 'definition_en'"),
        (14, "unknown key 'definiton_en' (did you mean 'definition_en'?)"),
        (21, "english needs at least one rendering"),
        (22, "definition_en is empty"),
        (26, "does not look like an http(s) address"),
        (34, "more than one english rendering is official"),
        (41, "'shix' is not a pinyin syllable"),
    ]
    for line, fragment in expected:
        assert any(p.startswith(f"{f}:{line}: ") and fragment in p for p in problems), (line, fragment, problems)
    assert len(problems) == len(expected)
    with pytest.raises(GlossaryError) as exc:
        load_glossary([DATA / "bad_entries"])
    assert str(exc.value).startswith(f"{f}:2: ")
    assert "and 7 more" in str(exc.value)


def test_duplicate_alias_across_two_files_names_both_places():
    problems = check_glossary([DATA / "dup_alias"])
    assert problems == [
        f"{DATA / 'dup_alias' / 'two.yaml'}:3: alias '揭榜' of '揭榜制' is already an alias of '揭榜挂帅' "
        f"({DATA / 'dup_alias' / 'one.yaml'}:3)"
    ]


def test_alias_equal_to_another_term_and_duplicate_term_are_errors(tmp_path):
    write(tmp_path, "a.yaml", ENTRY)
    write(tmp_path, "b.yaml", ENTRY.replace("term: 包干制", "term: 包干").replace("bāo gān zhì", "bāo gān")
          + ENTRY.replace("  english:", "  aliases: [包干]\n  english:"))
    problems = check_glossary([tmp_path])
    assert any("b.yaml:11: alias '包干' of '包干制' is already a term" in p for p in problems), problems
    assert any("b.yaml:9: duplicate term '包干制'" in p and "a.yaml:1" in p for p in problems), problems


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object/apply:subprocess.check_call [[touch, {marker}]]",
        '!!python/object/new:pathlib.Path ["{marker}"]',
    ],
)
def test_python_tags_are_refused_without_running_anything(tmp_path, tag):
    marker = tmp_path / "MARKER"
    bad = ENTRY.replace("definition_en: Test entry.", "definition_en: " + tag.format(marker=marker))
    path = write(tmp_path / "g", "evil.yaml", bad)
    problems = check_glossary([tmp_path / "g"])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:5: YAML tag !!python/")
    with pytest.raises(GlossaryError):
        load_glossary([tmp_path / "g"])
    assert not marker.exists()


def test_unknown_local_tag_is_refused(tmp_path):
    path = write(tmp_path, "t.yaml", ENTRY.replace("term: 包干制", "term: !custom 包干制"))
    assert check_glossary([tmp_path]) == [f"{path}:1: YAML tag !custom is not allowed (only plain text, lists and mappings)"]


def test_yaml_aliases_are_refused(tmp_path):
    text = ENTRY.replace("definition_en: Test entry.", "definition_en: &d Test entry.").replace(
        "definition_zh: 测试。", "definition_zh: *d"
    )
    path = write(tmp_path, "a.yaml", text)
    problems = check_glossary([tmp_path])
    assert len(problems) == 1 and problems[0].startswith(f"{path}:6: YAML aliases")


def test_malformed_yaml_gives_file_and_line(tmp_path):
    path = write(tmp_path, "broken.yaml", ENTRY + "- term: [unclosed\n  pinyin: x\n")
    problems = check_glossary([tmp_path])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:")
    line = int(problems[0].split(":")[1])
    assert line >= 9  # at or after the bad entry, never line 1
    assert "invalid YAML" in problems[0]


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("", "file is empty"),
        ("   \n\n", "file is empty"),
        ("# only a comment\n", "no entries"),
        ("term: 包干制\n", "expected a YAML list of entries"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (ENTRY.encode("gbk"), "not UTF-8 text"),
        ("- " + "[" * 50_000 + "]" * 50_000, "nest"),
    ],
)
def test_unusable_files_get_a_clear_error_naming_the_file(tmp_path, content, fragment):
    path = write(tmp_path, "x.yaml", content)
    problems = check_glossary([tmp_path])
    assert len(problems) == 1 and problems[0].startswith(f"{path}:") and fragment in problems[0], problems


def test_wrong_types_and_duplicate_keys(tmp_path):
    text = (
        ENTRY.replace("term: 包干制", "term: 2024")
        + ENTRY.replace("  english:", "  aliases: 包干\n  english:")
        + ENTRY.replace("definition_zh: 测试。", "definition_zh: 测试。\n  definition_zh: 又一个")
    )
    path = write(tmp_path, "t.yaml", text)
    problems = check_glossary([tmp_path])
    assert any(p.startswith(f"{path}:1: term must be text") for p in problems), problems
    assert any(p.startswith(f"{path}:11: aliases must be a list") for p in problems), problems
    assert any(p.startswith(f"{path}:24: duplicate key 'definition_zh'") for p in problems), problems


def test_tone_numbers_or_missing_tones_in_pinyin_are_errors(tmp_path):
    write(tmp_path, "a.yaml", ENTRY.replace("bāo gān zhì", "bao1 gan1 zhi4"))
    write(tmp_path, "b.yaml", ENTRY.replace("bāo gān zhì", "bao gan zhi"))
    write(tmp_path, "c.yaml", ENTRY.replace("bāo gān zhì", "bāogānzhì").replace("包干制", "包干制度"))
    problems = check_glossary([tmp_path])
    assert any("a.yaml:2: pinyin 'bao1 gan1 zhi4': write tone marks" in p for p in problems), problems
    assert any("b.yaml:2: pinyin 'bao gan zhi' has no tone marks" in p for p in problems), problems
    assert any("c.yaml:2:" in p and "not a pinyin syllable" in p for p in problems), problems


def test_folded_yaml_lines_do_not_leave_spaces_between_chinese_characters(tmp_path):
    text = ENTRY.replace("definition_zh: 测试。", "definition_zh: >-\n    第一行的结尾、\n    第二行，English words\n    stay apart。")
    write(tmp_path, "a.yaml", text)
    e = load_glossary([tmp_path]).get("包干制")
    assert e.definition_zh == "第一行的结尾、第二行，English words stay apart。"


def test_check_catches_a_wrong_tone_but_not_a_neutral_one(tmp_path):
    write(tmp_path, "a.yaml", ENTRY.replace("bāo gān zhì", "bāo gān zhí"))
    write(tmp_path, "b.yaml", ENTRY.replace("包干制", "东西").replace("bāo gān zhì", "dōng xi"))
    problems = check_glossary([tmp_path])
    assert problems == [f"{tmp_path / 'a.yaml'}:2: pinyin 'zhí' is not a reading of 制 in '包干制' (known: zhì)"]
    assert load_glossary([tmp_path]).get("包干制") is not None  # loading does not check readings


def test_missing_directory_is_an_error(tmp_path):
    assert check_glossary([tmp_path / "nope"]) == [f"{tmp_path / 'nope'}:1: no such file or directory"]


def test_only_yaml_files_are_read(tmp_path):
    write(tmp_path, "a.yaml", ENTRY)
    write(tmp_path, "notes.txt", "not yaml at all: [")
    write(tmp_path, ".hidden.yaml", "broken: [")
    assert [p.name for _g, p in glossary_files([tmp_path])] == ["a.yaml"]
    assert check_glossary([tmp_path]) == []


# ------------------------------------------------------------------------------------------ user glossary


def test_user_entry_overrides_bundled_and_adds_new_terms():
    g = load_glossary([GOOD, DATA / "user_override"])
    assert g.get("新质生产力").english[0].text == "my own rendering"
    assert g.get("吃螃蟹的人") is not None
    assert g.get("五子联动") is not None
    assert len(g) == 6
    # The overriding entry replaces the bundled one everywhere, matching included.
    assert g.find_all("新质生产力")[0].entry.english[0].text == "my own rendering"
    assert g.get("新质") is None  # the user's entry has no such alias


def test_default_dirs_include_the_users_glossary_folder():
    shutil.copy(DATA / "user_override" / "mine.yaml", paths.user_glossary_dir() / "mine.yaml")
    g = load_glossary()
    assert g.get("吃螃蟹的人").path == paths.user_glossary_dir() / "mine.yaml"
    assert g.get("新质生产力").english[0].text == "my own rendering"


def test_broken_user_file_raises_a_user_error_naming_it_or_is_skipped_when_not_strict():
    user = paths.user_glossary_dir()
    shutil.copy(DATA / "user_override" / "mine.yaml", user / "mine.yaml")
    write(user, "zz-broken.yaml", "- term: [oops\n")
    with pytest.raises(UserError) as exc:
        load_glossary()
    assert str(user / "zz-broken.yaml") in str(exc.value)
    g = load_glossary(strict=False)
    assert g.get("吃螃蟹的人") is not None
    assert len(g.errors) == 1 and g.errors[0].startswith(f"{user / 'zz-broken.yaml'}:")


# ------------------------------------------------------------------------------------------ matching


def test_find_all_prefers_the_longest_term_and_keeps_surfaces():
    g = load_glossary([GOOD])
    text = "发展新质生产力，提高生产力；坚持“五子”联动、‘五子’联动与「五子」联动，培育“独角兽”企业和独角兽企业。"
    found = [(m.surface, m.entry.term) for m in g.find_all(text)]
    assert found == [
        ("新质生产力", "新质生产力"),
        ("生产力", "生产力"),
        ("“五子”联动", "五子联动"),
        ("‘五子’联动", "五子联动"),
        ("「五子」联动", "五子联动"),
        ("“独角兽”企业", "独角兽企业"),
        ("独角兽企业", "独角兽企业"),
    ]
    for m in g.find_all(text):
        assert text[m.start : m.end] == m.surface


def test_longest_wins_even_when_a_shorter_match_starts_earlier():
    g = Glossary([entry("甲乙", "jiǎ yǐ"), entry("乙丙丁", "yǐ bǐng dīng")])
    assert [(m.start, m.end, m.entry.term) for m in g.find_all("甲乙丙丁甲乙")] == [(1, 4, "乙丙丁"), (4, 6, "甲乙")]


def test_find_all_on_empty_glossary_or_text():
    assert Glossary([]).find_all("新质生产力") == []
    assert load_glossary([GOOD]).find_all("") == []


_KEYS = ["新质生产力", "新质", "生产力", "五子联动", "‘五子’联动", "独角兽", "独角兽企业", "中关村"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_KEYS + ["的", "，", "和", "“", "”", "a"]), max_size=30))
def test_find_all_never_overlaps_and_finds_every_isolated_key(parts):
    g = load_glossary([GOOD])
    text = "".join(parts)
    matches = g.find_all(text)
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start
    for m in matches:
        assert text[m.start : m.end] == m.surface and m.end > m.start
    covered = set()
    for m in matches:
        covered.update(range(m.start, m.end))
    # Every glossary key in the text is at least partly covered by some match.
    for key in _KEYS:
        i = text.find(key)
        if i >= 0:
            assert covered & set(range(i, i + len(key)))


def test_segmentation_words_give_syllables_for_terms_and_substring_aliases():
    g = load_glossary([GOOD])
    words = g.segmentation_words()
    assert words["新质生产力"] == ["xin1", "zhi4", "sheng1", "chan3", "li4"]
    assert words["新质"] == ["xin1", "zhi4"]
    assert words["独角兽"] == ["du2", "jiao3", "shou4"]
    assert words["中关村"] == ["zhong1", "guan1", "cun1"]
    assert "‘五子’联动" not in words and "“独角兽”企业" not in words  # punctuation
    g2 = Glossary([entry("两会", "liǎng huì", aliases=("全国两会", "人大政协"))])
    assert g2.segmentation_words() == {"两会": ["liang3", "hui4"], "全国两会": None, "人大政协": None}


def test_close_matches_for_misspelt_or_reordered_terms():
    g = load_glossary([GOOD])
    assert g.close_matches("新质生产率")[0] == "新质生产力"
    assert "独角兽企业" in g.close_matches("独角兽公司")
    assert g.close_matches("") == []


def test_get_by_alias_and_loose_quotes():
    g = load_glossary([GOOD])
    assert g.get("独角兽").term == "独角兽企业"
    assert g.get("「五子」联动").term == "五子联动"
    assert g.get("不存在") is None


# ------------------------------------------------------------------------------------------ search


@pytest.mark.parametrize(
    "query, first",
    [
        ("新质生产力", "新质生产力"),
        ("独角兽", "独角兽企业"),
        ("xinzhi", "新质生产力"),
        ("xīn zhì", "新质生产力"),
        ("xin1zhi4", "新质生产力"),
        ("xin zhi4", "新质生产力"),
        ("zhongguancun", "中关村"),
        ("Zhōngguān", "中关村"),
        ("zhongg", "中关村"),
        ("unicorn", "独角兽企业"),
        ("New Quality", "新质生产力"),
        ("five key initiatives", "五子联动"),
        ("productive forces", "生产力"),
    ],
)
def test_search_by_hanzi_pinyin_and_english(query, first):
    hits = load_glossary([GOOD]).search(query)
    assert hits and hits[0].term == first, [e.term for e in hits]


def test_search_respects_tones_and_lists_all_for_empty_query():
    g = load_glossary([GOOD])
    assert g.search("xin4") == []  # 新 is xīn
    assert g.search("zhōngguàn") == []
    assert g.search("qqqq") == []
    assert len(g.search("")) == len(g) == 5


# ------------------------------------------------------------------------------------------ occurrences


def test_occurrences_by_article_and_block():
    g = load_glossary([GOOD])
    a = Article("a1", "t", [Block("heading", "新质生产力", 1), Block("paragraph", "发展新质生产力和生产力。", 3)])
    b = Article("b2", "t", [Block("paragraph", "没有术语。", 1), Block("paragraph", "中关村，新质生产力", 3)])
    occ = occurrences(g, [a, b])
    assert occ["新质生产力"] == [("a1", 0), ("a1", 1), ("b2", 1)]
    assert occ["生产力"] == [("a1", 1)]  # not counted inside 新质生产力
    assert occ["中关村"] == [("b2", 1)]
    assert "五子联动" not in occ
    assert article_count(occ, "新质生产力") == 2
    assert article_count(occ, "五子联动") == 0


# ------------------------------------------------------------------------------------------ bundled content


def _bundled_files() -> list[Path]:
    return sorted(paths.bundled_glossary_dir().glob("*.yaml"))


def test_every_bundled_entry_passes_check():
    if not _bundled_files():
        pytest.skip("no bundled glossary files yet")
    assert check_glossary([paths.bundled_glossary_dir()]) == []


def test_seed_policy_terms_are_in_the_bundled_glossary():
    if not _bundled_files():
        pytest.skip("no bundled glossary files yet")
    g = load_glossary([paths.bundled_glossary_dir()])
    assert len(g) >= 1
    e = g.get("新质生产力")
    if e is None:
        pytest.skip("新质生产力 not written yet")
    assert e.syllables == ["xin1", "zhi4", "sheng1", "chan3", "li4"]
    assert any("productive forces" in r.text for r in e.english)


def test_terms_written_in_traditional_characters_are_found():
    glossary = load_glossary()
    entry = glossary.get("新质生产力")
    assert entry is not None
    assert glossary.get("新質生產力") is entry
    assert entry in glossary.search("新質")
    assert glossary.get("銀行") is None  # not a glossary term, simplified or not


def test_a_pipe_or_device_in_the_glossary_folder_is_reported_not_read(tmp_path):
    import os
    import threading

    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    result: list[list[str]] = []
    worker = threading.Thread(target=lambda: result.append(check_glossary([tmp_path])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert result, "reading the glossary folder never finished"
    assert len(result[0]) == 2 and all("not a regular file" in p for p in result[0])


# ------------------------------------------------------------------------------------------ source rules
# Each rule: a file that breaks it, which `yuedu glossary check` must reject with file:line, and the same
# file mended, which it must accept.

RULE_ENTRY = """\
- term: 两会
  pinyin: {pinyin}
  english:
    - text: Two Sessions
      used_by: {used_by}
      official: {official}
  definition_en: The annual March sessions (test fixture).
  definition_zh: 每年三月的全国人大和全国政协会议（测试用）。
  related: [{related}]
  sources:
    - name: Test
      url: {url}
      used_for: {used_for}
"""
RULE_OK = dict(
    pinyin="Liǎng huì", used_by="Xinhua; China Daily", official="true", related="政府工作报告",
    url="https://english.news.cn/20240305/two-sessions.html", used_for='official English "Two Sessions"',
)
OTHER = """\
- term: 政府工作报告
  pinyin: zhèng fǔ gōng zuò bào gào
  aliases: [报告]
  english:
    - text: Government Work Report
  definition_en: d
  definition_zh: d
  sources:
    - name: Test
"""


def _rule_file(tmp_path: Path, **changes: str) -> Path:
    d = tmp_path / "g"
    write(d, "a.yaml", RULE_ENTRY.format(**(RULE_OK | changes)))
    write(d, "b.yaml", OTHER)
    return d


def test_the_rule_fixture_passes_check(tmp_path):
    assert check_glossary([_rule_file(tmp_path)]) == []


def test_official_rendering_must_cite_an_official_publishers_page_or_say_whose_it_is(tmp_path):
    # used_by names an official publisher, but the only source is a city's site: not enough any more.
    d = _rule_file(tmp_path, used_by="Xinhua; China Daily", url="https://wb.beijing.gov.cn/home/index/wzjs/202306/t20230609.html")
    problems = check_glossary([d])
    assert len(problems) == 1
    assert problems[0].startswith(f"{d / 'a.yaml'}:6: ") and "marked official" in problems[0]
    assert "chinadaily.com.cn" in problems[0] and "official: Beijing" in problems[0]
    # Labelled with whose official rendering it is: accepted, and shown as such.
    d2 = _rule_file(
        tmp_path / "2", used_by="Beijing Foreign Affairs Office (2024)", official="Beijing",
        url="https://wb.beijing.gov.cn/home/index/wzjs/202306/t20230609.html",
    )
    assert check_glossary([d2]) == []
    rendering = load_glossary([d2]).get("两会").english[0]
    assert rendering.official and rendering.official_for == "Beijing"
    assert rendering.official_label == "official (Beijing)"


@pytest.mark.parametrize("url", [
    "https://english.news.cn/20240305/a.html", "http://www.xinhuanet.com/english/2020-11/03/c_139488445.htm",
    "https://english.www.gov.cn/news/202402/18/content_WS65d1e99ec6d0868f4e8e41d7.html",
    "http://english.scio.gov.cn/pressroom/node_8022772.htm", "http://www.china.org.cn/china/2025-09/25/a.htm",
    "https://www.chinadaily.com.cn/a/202508/26/WS68adb9eda3108622abc9d47b.html",
    "https://global.chinadaily.com.cn/a/201010/28/a.html", "http://en.qstheory.cn/2025-07/15/c_1107998.htm",
])
def test_each_official_publishers_site_is_accepted(tmp_path, url):
    assert check_glossary([_rule_file(tmp_path, url=url)]) == []


@pytest.mark.parametrize("url", [
    "https://wb.beijing.gov.cn/a.html",            # a city's own site, not the State Council's
    "https://wsb.wuhu.gov.cn/a.html",              # a copy of the national report on a city's site
    "http://en.shhqcbd.gov.cn/2024-07/22/c_1006679_4.htm",
    "http://en.people.cn/n3/2024/0305/c90000-20140590.html",  # not on the list
    "https://www.chinadaily.com.cn.example.com/a.html",       # a look-alike host
    "https://notchinadaily.com.cn/a.html",
    "http://xcyqw.com/a.html",                     # a repost
])
def test_a_page_off_the_official_publishers_sites_does_not_make_a_rendering_official(tmp_path, url):
    problems = check_glossary([_rule_file(tmp_path, url=url)])
    assert len(problems) == 1 and "marked official" in problems[0]


def test_the_official_source_must_quote_the_rendering_it_supports(tmp_path):
    # An official page cited for something else (here a date) does not make the rendering official.
    problems = check_glossary([_rule_file(tmp_path, used_for="the date of the 2024 sessions")])
    assert len(problems) == 1 and "marked official" in problems[0] and "'Two Sessions'" in problems[0]
    # A source without a URL cannot be checked: not enough either.
    d = tmp_path / "nourl" / "g"
    write(d, "a.yaml", RULE_ENTRY.format(**RULE_OK).replace("      url: https://english.news.cn/20240305/two-sessions.html\n", ""))
    write(d, "b.yaml", OTHER)
    problems = check_glossary([d])
    assert len(problems) == 1 and "marked official" in problems[0]


def test_related_target_must_be_an_entry_or_alias_or_a_marked_cedict_word(tmp_path):
    d = _rule_file(tmp_path, related="只争朝夕")
    problems = check_glossary([d])
    assert len(problems) == 1
    assert problems[0].startswith(f"{d / 'a.yaml'}:9: ") and "'只争朝夕'" in problems[0]
    assert check_glossary([_rule_file(tmp_path / "2", related="报告")]) == []  # an alias
    assert check_glossary([_rule_file(tmp_path / "3", related="{cedict: 只争朝夕}")]) == []
    # marked cedict but not a CC-CEDICT word
    bad = check_glossary([_rule_file(tmp_path / "4", related="{cedict: 揭榜挂帅}")])
    assert len(bad) == 1 and "not a CC-CEDICT word" in bad[0]
    entry = load_glossary([tmp_path / "3" / "g"]).get("两会")
    assert entry.related == ("只争朝夕",) and entry.cedict_related == ("只争朝夕",)


def test_proper_noun_pinyin_must_be_capitalised_as_cc_cedict_writes_it(tmp_path):
    d = _rule_file(tmp_path, pinyin="liǎng huì")
    problems = check_glossary([d])
    assert len(problems) == 1
    assert problems[0].startswith(f"{d / 'a.yaml'}:2: ") and "'Liǎng huì'" in problems[0]


def test_capitals_are_found_inside_a_longer_term(tmp_path):
    text = ENTRY.replace("包干制", "中关村科学城").replace("bāo gān zhì", "zhōng guān cūn kē xué chéng")
    write(tmp_path, "a.yaml", text)
    problems = check_glossary([tmp_path])
    assert len(problems) == 1 and "'Zhōng guān cūn kē xué chéng'" in problems[0]
    write(tmp_path, "a.yaml", text.replace("zhōng guān", "Zhōng guān"))
    assert check_glossary([tmp_path]) == []
    entry = load_glossary([tmp_path]).get("中关村科学城")
    assert entry.syllables[0] == "zhong1"  # the engine's syllables stay lower case


def test_yuedu_glossary_check_exits_1_on_a_file_breaking_a_rule(tmp_path):
    import subprocess
    import sys

    d = _rule_file(tmp_path, pinyin="liǎng huì")
    r = subprocess.run([sys.executable, "-m", "reader", "glossary", "check", str(d)], capture_output=True, text=True)
    assert r.returncode == 1 and "Liǎng huì" in r.stdout and "Traceback" not in r.stderr


# ------------------------------------------------------------------------------------------ uncertain, dates

DATED = """\
- term: 包干制
  pinyin: bāo gān zhì
  english:
    - text: lump-sum project funding
  definition_en: Test entry.
  definition_zh: 测试。
  origin: A CAS pilot in December 2019.
  origin_date: 2019-12
  tags: [funding]
  sources:
    - name: Test
      date: 2019-12-01
  uncertain:
    origin: no primary source found for the CAS pilot
- term: 揭榜挂帅
  pinyin: jiē bǎng guà shuài
  english:
    - text: open competition mechanism
  definition_en: Test entry.
  definition_zh: 测试。
  origin_date: 2016
  tags: [funding, reform]
  sources:
    - name: Test
- term: 赛马制
  pinyin: sài mǎ zhì
  english:
    - text: horse-race mechanism
  definition_en: Test entry.
  definition_zh: 测试。
  tags: [reform]
  sources:
    - name: Test
"""


def test_uncertain_claims_are_loaded_and_shown_beside_their_field(tmp_path):
    from reader.core.glossary import entry_text

    write(tmp_path, "a.yaml", DATED)
    assert check_glossary([tmp_path]) == []
    e = load_glossary([tmp_path]).get("包干制")
    assert e.uncertain_note("origin") == "no primary source found for the CAS pilot"
    assert e.uncertain_note("english") is None
    shown = entry_text(e, sources=True).plain
    lines = shown.splitlines()
    origin = next(i for i, line in enumerate(lines) if line.startswith("Origin (2019-12): A CAS pilot"))
    assert lines[origin + 1].strip() == "? uncertain: no primary source found for the CAS pilot"
    assert "• Test (2019-12-01)" in shown  # a source shows its date


@pytest.mark.parametrize("bad, message", [
    ("  uncertain:\n    literal: why\n", "the entry has no 'literal'"),
    ("  uncertain:\n    colour: why\n", "unknown key 'colour' in uncertain"),
    ("  origin_date: March 2024\n", "is not a date"),
    ("  origin_date: 2024-02-30\n", "is not a real date"),
])
def test_bad_uncertain_or_dates_are_errors(tmp_path, bad, message):
    write(tmp_path, "a.yaml", ENTRY + bad)
    problems = check_glossary([tmp_path])
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith(f"{tmp_path / 'a.yaml'}:")


def test_filter_by_tag_and_sort_by_date_of_origin(tmp_path):
    write(tmp_path, "a.yaml", DATED)
    g = load_glossary([tmp_path])
    assert [e.term for e in g.search("", tag="FUNDING")] == ["包干制", "揭榜挂帅"]  # pinyin order
    assert [e.term for e in g.search("", sort="origin")] == ["揭榜挂帅", "包干制", "赛马制"]  # undated last
    assert [e.term for e in g.search("", tag="reform", sort="origin")] == ["揭榜挂帅", "赛马制"]
    assert g.tags() == [("funding", 2), ("reform", 2)]


def test_cli_list_filters_by_tag_sorts_by_origin_and_rejects_an_unknown_tag(tmp_path):
    import json

    write(paths.user_glossary_dir(), "dated.yaml", DATED.replace("包干制", "包干").replace("bāo gān zhì", "bāo gān")
          .replace("揭榜挂帅", "揭榜").replace("jiē bǎng guà shuài", "jiē bǎng").replace("赛马制", "赛马")
          .replace("sài mǎ zhì", "sài mǎ").replace("[funding]", "[zz-test]").replace("[funding, reform]", "[zz-test]"))
    from conftest import run_cli

    run = lambda *a: run_cli("glossary", *a)  # in this process: the CLI's entry point and output guard
    r = run("list", "--tag", "zz-test", "--sort", "origin", "--json")
    assert r.returncode == 0, r.stderr
    assert [(e["term"], e["origin_date"]) for e in json.loads(r.stdout)] == [("揭榜", "2016"), ("包干", "2019-12")]
    r = run("list", "--tag", "no-such-tag")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "no glossary entry has the tag 'no-such-tag'" in r.stderr
    r = run("show", "包干", "--json")
    data = json.loads(r.stdout)
    assert data["sources"][0]["date"] == "2019-12-01" and data["uncertain"] == {"origin": "no primary source found for the CAS pilot"}
    r = run("show", "包干")
    assert "? uncertain: no primary source found" in r.stdout and "Test (2019-12-01)" in r.stdout


def test_bundled_glossary_has_at_least_100_entries_and_every_new_one_is_dated_and_sourced():
    g = load_glossary([paths.bundled_glossary_dir()])
    assert len(g) >= 100
    for e in g:
        if e.path is not None and e.path.name.startswith("policy-2024"):
            assert e.origin, e.term
            assert all(s.date for s in e.sources if s.url), e.term


# ------------------------------------------------------------------------------------------ the browser (L)


def test_browser_filters_by_tag_sorts_by_origin_and_shows_dated_sources(tmp_path):
    """The glossary browser: a tag filter and an order by date of origin; an entry shows its sources with
    their dates and its uncertain claims."""
    import asyncio

    from textual.app import App
    from textual.widgets import OptionList, Select

    from reader.ui.glossary_screen import GlossaryBrowser, GlossaryEntryScreen

    write(tmp_path, "a.yaml", DATED)
    glossary = load_glossary([tmp_path])

    from reader.session import Session

    session = Session(glossary_dirs=[tmp_path], library_dirs=[])
    assert session.load_glossary().entries == glossary.entries
    session.occurrences = {}

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(GlossaryBrowser(session))

    async def run() -> None:
        app = Host()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert [e.term for e in screen._entries] == ["包干制", "揭榜挂帅", "赛马制"]  # pinyin order
            screen.query_one("#glossary-tag", Select).value = "reform"
            await pilot.pause()
            assert [e.term for e in screen._entries] == ["揭榜挂帅", "赛马制"]
            screen.query_one("#glossary-tag", Select).clear()
            screen.query_one("#glossary-sort", Select).value = "origin"
            await pilot.pause()
            assert [e.term for e in screen._entries] == ["揭榜挂帅", "包干制", "赛马制"]  # 2016, 2019-12, undated
            first = screen.query_one("#glossary-list", OptionList).get_option_at_index(0).prompt
            assert str(first).startswith("2016")  # the date is shown in this order
            screen.query_one("#glossary-list", OptionList).highlighted = 1
            screen.action_open()
            await pilot.pause()
            assert isinstance(app.screen, GlossaryEntryScreen)
            body = str(app.screen.query_one("#entry-body").content)
            assert "• Test (2019-12-01)" in body and "? uncertain: no primary source" in body

    asyncio.run(run())


def test_readme_states_the_bundled_glossary_figures_and_every_official_site():
    """The README's glossary section is what a translator reads first: its entry count, its count of entries
    with uncertain claims, and its list of official publishers' sites must match the glossary and the check."""
    import re

    from reader.core.glossary import OFFICIAL_DOMAINS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Glossary and dictionary"):]
    g = load_glossary([paths.bundled_glossary_dir()])
    assert f"has {len(g)} entries" in section
    shaky = sum(1 for e in g if e.uncertain)
    m = re.search(r"Of the (\d+) bundled entries, (\d+) have at least one claim marked", section)
    assert m and (int(m[1]), int(m[2])) == (len(g), shaky)
    for _publisher, host, _subdomains in OFFICIAL_DOMAINS:
        if host != "gov.cn":  # the bare domain is named through www.gov.cn
            assert f"`{host}`" in section, host
