"""The first screen's pinyin sooner (issue 11, item 6): jieba's dictionary is read from a compact file
in the cache folder by first character, only the part a text needs; the annotator warms up on the
first screen's texts and has their tokens ready."""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.segment import Segmenter

SENTENCES = [
    "新华社北京3月14日电 国务院总理李强3月14日主持召开新一届国务院第一次常务会议，研究国务院机构设置有关工作。",
    "他把零食藏在柜子里，给客人倒茶，又去厨房盛汤。",
    "我们要有效应对各种风险挑战，推动经济持续回升向好。",
    "秋天，无论在什么地方的秋天，总是好的；可是啊，北国的秋，却特别地来得清，来得静，来得悲凉。",
    "中共中央政治局常委、全国政协主席王沪宁24日在京会见越共中央委员。",
]


def runs(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]+", text)


def test_the_first_characters_buckets_cut_as_the_whole_dictionary(private_cache: Path):
    whole = Segmenter()
    whole.load()
    first = Segmenter()
    screen = "".join(SENTENCES[:2])
    part = first.load_for(screen)
    # a small part of the dictionary: what the first screen's characters begin
    assert len(part.FREQ) < len(whole.load().FREQ) / 3
    for sentence in SENTENCES:  # later text brings the buckets it needs
        for run in runs(sentence):
            assert first.cut(run) == whole.cut(run)
    # completed in place, it is the whole dictionary
    assert first.load() is part
    assert first.load().FREQ == whole.load().FREQ and first.load().total == whole.load().total


def test_a_damaged_bucket_file_is_made_again(private_cache: Path):
    Segmenter().load_for("中文")
    files = list(private_cache.glob("jieba-buckets*"))
    assert files
    files[0].write_bytes(files[0].read_bytes()[:5000])  # cut short
    seg = Segmenter()
    assert seg.cut("国务院总理") == Segmenter().cut("国务院总理")
    assert seg.load_for("国").FREQ.get("国务院")


def test_warm_up_with_the_first_screen_leaves_its_tokens_ready(private_cache: Path):
    from reader.core.annotate import Annotator

    texts = SENTENCES[:2]
    ann = Annotator()
    ann.first_screen(texts)
    ann.warm_up()
    ready = ann.cached_many(texts)
    assert all(r is not None for r in ready)
    assert [t.text for t in ready[1]][:3] == ["他", "把", "零食"]
