"""Reading user text in any encoding, and clear one-line errors for what is not text."""

from __future__ import annotations

import codecs

import pytest

from reader.core import textio
from reader.errors import UserError
from reader.core.textio import decode, read_text

SIMPLIFIED = "北京正着力打造我国自主创新的重要源头和原始创新的主要策源地。\n科研人员得以专心致志地开展基础研究工作。\n"
TRADITIONAL = "北京正著力打造我國自主創新的重要源頭和原始創新的主要策源地。\n科研人員得以專心致志地開展基礎研究工作。\n"


@pytest.mark.parametrize(
    "text,encoding",
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "utf-16"),
        (SIMPLIFIED, "utf-16-le"),
        (SIMPLIFIED, "utf-16-be"),
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "gbk"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-16"),
    ],
)
def test_decodes_chinese_in_common_encodings(tmp_path, text, encoding):
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    decoded = read_text(path)
    assert decoded.text == text
    assert decoded.name == str(path)


def test_bom_is_not_part_of_the_text():
    decoded = decode(codecs.BOM_UTF8 + "你好".encode(), "x")
    assert decoded.text == "你好"


def test_crlf_line_endings_are_normalised():
    assert decode("第一行\r\n第二行\r\n".encode("gb18030"), "x").text == "第一行\n第二行\n"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
    ],
)
def test_bad_bytes_give_one_line_errors(tmp_path, data, message):
    path = tmp_path / "bad.bin"
    path.write_bytes(data)
    with pytest.raises(UserError) as info:
        read_text(path)
    text = str(info.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(UserError, match="directory"):
        read_text(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("中" * 2000, encoding="utf-8")
    with pytest.raises(UserError, match="too large"):
        read_text(path)


def test_closed_stdin_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(textio.sys, "stdin", None)
    with pytest.raises(UserError, match="standard input is closed"):
        read_text("-")


def test_a_device_is_not_read_forever():
    # /dev/zero reports size 0 and never ends: reading stops at the limit and is refused.
    with pytest.raises(UserError):
        read_text("/dev/zero")


def test_random_bytes_are_not_taken_for_some_8_bit_encoding():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(UserError):
        decode(data, "noise.bin")


def test_garbage_after_a_utf16_bom_is_refused():
    import random

    rng = random.Random(3)
    data = codecs.BOM_UTF16_LE + bytes(rng.randrange(0, 256) for _ in range(2000))
    with pytest.raises(UserError):
        decode(data, "noise.txt")
