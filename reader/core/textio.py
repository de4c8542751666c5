"""Read a text file (or standard input) in whatever encoding it came in.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are recognised directly; anything else is
detected with charset-normalizer (GB18030/GBK, Big5, UTF-16 without BOM, ...). Bad input raises
:class:`UserError` with a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .sanitize import safe_text

MAX_BYTES = 64 * 1024 * 1024  # 64 MiB: several novels; anything larger is a mistake, not a text.

# Encodings Chinese text plausibly comes in, most likely first.
_CANDIDATES = ["gb18030", "big5", "big5hkscs", "cp950", "hz"]  # UTF-16 is recognised above

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters no text file has (tabs and newlines excepted)

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    name: str  # the file's path as given, or "<stdin>"


# The encoding the user named (``--encoding``): used as it is, never guessed around.
_chosen: str | None = None


def choose_encoding(name: str | None) -> None:
    """Read every following text in ``name`` (``--encoding``), or detect again with None."""
    global _chosen
    if name is None:
        _chosen = None
        return
    try:
        _chosen = codecs.lookup(name).name
    except LookupError:
        raise UserError(f"unknown encoding {name!r} (try utf-8, gb18030, gbk, big5, utf-16, latin-1, cp1252)",
                        "--encoding") from None


def _guessed(name: str, encoding: str) -> None:
    """Say which encoding a guess chose, and how to choose another."""
    from .notices import notify

    notify(f"not UTF-8 or a Chinese encoding; read as {encoding}, a guess (texts in Latin-1, cp1252 and "
           "cp1250 look alike to a detector). If letters look wrong, name the encoding: --encoding latin-1 "
           "(or cp1252, gbk, big5, ...)", name)


def read_bytes(source: str | Path) -> tuple[bytes, str]:
    """Return (raw bytes, display name) for a path or "-" (standard input)."""
    if str(source) == "-":
        name = "<stdin>"
        if sys.stdin is None:
            raise UserError("standard input is closed: pipe a text in, or give a file", name)
        try:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror or exc}", name) from None
    else:
        path = Path(source)
        name = str(source)
        if not path.exists():
            raise UserError("no such file", name)
        if path.is_dir():
            raise UserError("is a directory, expected a text file", name)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise UserError(
                    f"file is too large ({size / 2**20:.0f} MiB; the limit is {MAX_BYTES // 2**20} MiB)", name
                )
            # Devices and pipes report size 0: never read more than the limit plus one byte.
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except PermissionError:
            raise UserError("permission denied", name) from None
        except IsADirectoryError:
            raise UserError("is a directory, expected a text file", name) from None
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror or exc}", name) from None
    if len(data) > MAX_BYTES:
        raise UserError(f"input is too large (the limit is {MAX_BYTES // 2**20} MiB)", name)
    return data, name


def decode(data: bytes, name: str) -> DecodedText:
    """Decode raw bytes to text, detecting the encoding."""
    if not data.strip(b" \t\r\n\x00") or not data:
        raise UserError("file is empty", name)
    if _chosen is not None:
        try:
            text = data.decode(_chosen)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise UserError(f"not valid {_chosen} text (byte 0x{data[exc.start]:02x} on line {line}); "
                            "check --encoding", name, line) from None
        return _checked(text.removeprefix("\ufeff"), f"{_chosen} (as asked)", name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise UserError(f"undecodable bytes after a {encoding} byte-order mark", name) from None
            if _plausible_share(text) < 0.5:
                raise UserError(f"bytes after a {encoding} byte-order mark do not decode to text", name)
            return _checked(text, encoding.replace("-sig", "") + " (BOM)", name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    looks_utf16 = _looks_like_utf16(data)
    if looks_utf16:
        try:
            return _checked(data.decode(looks_utf16), looks_utf16, name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UserError("binary file, not text", name)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    unsure = best is None
    if best is None:
        best = from_bytes(data).best()
    if best is None or _plausible_share(str(best)) < 0.9:
        raise UserError("undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5 text (name the encoding "
                        "with --encoding if you know it)", name)
    decoded = _checked(str(best), best.encoding, name)
    if unsure:
        _guessed(name, best.encoding)
    return decoded


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters leave a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > half * 0.2 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.05:
        return "utf-16-be"
    # UTF-16 text with few ASCII characters has few NULs: accept a decoding only when nearly every
    # character is one a Chinese text would use (random bytes decoded as UTF-16 are mostly not).
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) > 0.95:
            return enc
    return None


def _plausible_share(text: str) -> float:
    good = 0
    for ch in text:
        if ch.isascii() or ch in "\u3000":
            good += 1
            continue
        for enc in ("gb2312", "big5"):
            try:
                ch.encode(enc)
            except UnicodeEncodeError:
                continue
            good += 1
            break
    return good / max(1, len(text))


def _checked(text: str, encoding: str, name: str) -> DecodedText:
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > len(text) // 100:
        raise UserError("binary file, not text", name)
    if not text.strip():
        raise UserError("file is empty", name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A form feed or vertical tab (a page break in text taken from a PDF) is a paragraph break;
    # any other control character is made visible: text that enters yuedu is safe to show.
    if "\f" in text or "\v" in text:
        text = text.replace("\f", "\n\n").replace("\v", "\n")
    return DecodedText(safe_text(text), encoding, name)


def read_text(source: str | Path) -> DecodedText:
    """Read a path, or "-" for standard input, as text in whatever encoding it is in."""
    data, name = read_bytes(source)
    return decode(data, name)
