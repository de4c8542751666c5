"""The annotator's glossary words kept in the cache folder (reader/core/glossary_words.py, for `yuedu
read`'s early process): the same as worked out from the YAML, made again when a glossary file changes,
and a damaged copy is never used."""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.annotate import glossary_words
from reader.core.glossary import load_glossary
from reader.core.glossary_words import annotator_words

ENTRY = """- term: {term}
  pinyin: {pinyin}
  english:
    - text: {english}
  definition_en: {english}.
  definition_zh: {term}。
  sources:
    - name: Xinhua
      url: https://www.news.cn/
"""


def _glossary(folder: Path, *entries: tuple[str, str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "terms.yaml"
    path.write_text("".join(ENTRY.format(term=t, pinyin=p, english=e) for t, p, e in entries), encoding="utf-8")
    return path


def test_the_kept_words_are_those_of_the_yaml_and_follow_its_changes(yuedu_home, tmp_path):
    folder = tmp_path / "glossary"
    path = _glossary(folder, ("新质生产力", "xīn zhì shēng chǎn lì", "new quality productive forces"))
    first = annotator_words([folder])
    assert first == glossary_words(load_glossary([folder], strict=False))
    assert first == annotator_words([folder])  # read back from the cache folder
    assert first[0]["新质生产力"] == ["xin1", "zhi4", "sheng1", "chan3", "li4"]

    _glossary(folder, ("新质生产力", "xīn zhì shēng chǎn lì", "new quality productive forces"),
              ("耐心资本", "nài xīn zī běn", "patient capital"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later edit, whatever the clock
    second = annotator_words([folder])
    assert "耐心资本" in second[0] and second == glossary_words(load_glossary([folder], strict=False))


def test_a_damaged_copy_is_never_used(yuedu_home, tmp_path):
    from reader import paths

    folder = tmp_path / "glossary"
    _glossary(folder, ("新质生产力", "xīn zhì shēng chǎn lì", "new quality productive forces"))
    want = annotator_words([folder])
    kept = paths.cache_dir() / "glossary-words.data"
    data = kept.read_bytes()
    kept.write_bytes(data.replace("新质生产力".encode(), "旧质生产力".encode()))  # same length, other words
    assert annotator_words([folder]) == want
    kept.write_bytes(data[: len(data) // 2])
    assert annotator_words([folder]) == want
