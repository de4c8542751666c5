"""Read a text file (or standard input) in whatever encoding it came in.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are recognised directly; anything else is
detected with charset-normalizer (GB18030/GBK, Big5, UTF-16 without BOM, ...). Bad input raises
:class:`UserError` with a one-line message naming the file.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
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

    def lines(self) -> Iterator[str]:
        """``text.split("\\n")``, a line at a time."""
        text, start = self.text, 0
        while (end := text.find("\n", start)) >= 0:
            yield text[start:end]
            start = end + 1
        yield text[start:]

    def head(self, size: int) -> str:
        return self.text[:size]


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
            # Devices and pipes report size 0: never read more than the limit plus one byte. A file
            # is read at its size (asking for the limit would set the limit's worth of memory aside).
            with path.open("rb") as handle:
                want = min(size + 1, MAX_BYTES + 1) if size else MAX_BYTES + 1
                data = handle.read(want)
                if len(data) == want < MAX_BYTES + 1:  # it grew while it was read
                    data += handle.read(MAX_BYTES + 1 - want)
        except PermissionError:
            raise UserError("permission denied", name) from None
        except IsADirectoryError:
            raise UserError("is a directory, expected a text file", name) from None
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror or exc}", name) from None
    if len(data) > MAX_BYTES:
        raise UserError(f"input is too large (the limit is {MAX_BYTES // 2**20} MiB)", name)
    return data, name


CHUNK = 1 << 18  # bytes decoded at a time: a text is never held twice, decoded and raw


@dataclass(frozen=True)
class DecodedStream:
    """A text whose encoding is known and checked, decoded a chunk at a time: :meth:`lines` gives
    the lines of :attr:`text` (``text.split("\\n")``) without ever holding the whole decoded text.
    A regular file is read again from disk for that (its bytes are not kept: :func:`read_stream`),
    so a large file costs one chunk of bytes and its lines, not several copies of itself."""

    data: bytes  # the raw bytes, or b"" when they are read again from ``path``
    encoding: str  # as shown to the user: "utf-8", "utf-16 (BOM)", "latin-1 (as asked)"
    name: str
    codec: str  # the codec the bytes are decoded with
    strip_bom: bool = False  # a BOM the codec keeps (an encoding named with --encoding)
    path: Path | None = None  # a regular file read again for its lines
    signature: tuple[int, int, int] = (0, 0, 0)  # its inode, mtime and size when it was checked

    def lines(self) -> Iterator[str]:
        """The text's lines, cleaned as :attr:`text` is (line ends, page breaks, unsafe characters)."""
        carry = ""
        first = True
        try:
            for chunk in _decoded(self._raw(), self.codec):
                if first and self.strip_bom:
                    chunk = chunk.removeprefix("\ufeff")
                first = False
                pieces = (carry + chunk).split("\n")
                carry = pieces.pop()
                for piece in pieces:
                    yield from _clean_line(piece, True)
        except UnicodeDecodeError:  # the file was checked whole: it changed since
            raise UserError("the file changed while it was being read: try again", self.name) from None
        yield from _clean_line(carry, False)

    def head(self, size: int) -> str:
        """The first ``size`` characters of :attr:`text`."""
        out: list[str] = []
        length = 0
        for line in self.lines():
            out.append(line)
            length += len(line) + 1
            if length > size:
                break
        return "\n".join(out)[:size]

    @property
    def text(self) -> str:
        return "\n".join(self.lines())

    def _raw(self) -> Iterator[bytes]:
        if self.path is None:
            yield from _slices(self.data)
            return
        try:
            with open(self.path, "rb") as handle:
                info = os.fstat(handle.fileno())
                if (info.st_ino, info.st_mtime_ns, info.st_size) != self.signature:
                    raise UserError("the file changed while it was being read: try again", self.name)
                left = info.st_size
                while left > 0 and (block := handle.read(min(CHUNK, left))):
                    left -= len(block)
                    yield block
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror or exc}", self.name) from None


def _slices(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(data), CHUNK):
        yield view[start : start + CHUNK]


def _decoded(blocks: Iterable[bytes | memoryview], codec: str) -> Iterator[str]:
    """The blocks of bytes decoded one at a time (raises UnicodeDecodeError as ``bytes.decode`` would)."""
    decoder = codecs.getincrementaldecoder(codec)()
    for block in blocks:
        text = decoder.decode(block)
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def _clean_line(piece: str, ended: bool) -> list[str]:
    """One raw line (``ended``: a newline followed it) as the lines of the cleaned text: CR LF and
    CR end a line; a form feed (a page break in text taken from a PDF) is a paragraph break and a
    vertical tab a line break; any other control character is made visible."""
    if ended and piece.endswith("\r"):
        piece = piece[:-1]  # CR LF
    if "\r" in piece:
        piece = piece.replace("\r", "\n")
    if "\f" in piece or "\v" in piece:
        piece = piece.replace("\f", "\n\n").replace("\v", "\n")
    return safe_text(piece).split("\n")


@dataclass
class _Scan:
    """What the checks need to know of a whole decoded text, gathered a chunk at a time."""

    length: int = 0
    controls: int = 0
    nul: bool = False
    blank: bool = True
    plausible: int = 0


def _scan(data: bytes, codec: str, *, plausible: bool = False, strip_bom: bool = False) -> _Scan:
    """Decode ``data`` chunk by chunk without keeping the text (UnicodeDecodeError when it is not
    ``codec``) and count what :func:`_checked` needs."""
    scan = _Scan()
    for chunk in _decoded(_slices(data), codec):
        if strip_bom and not scan.length:
            chunk = chunk.removeprefix("\ufeff")
        scan.length += len(chunk)
        scan.controls += len(_CONTROLS.findall(chunk))
        scan.nul = scan.nul or "\x00" in chunk
        scan.blank = scan.blank and not _NOT_SPACE.search(chunk)
        if plausible:
            scan.plausible += _plausible_count(chunk)
    return scan


def _share(scan: _Scan) -> float:
    return scan.plausible / max(1, scan.length)


def decode(data: bytes, name: str) -> DecodedText:
    """Decode raw bytes to text, detecting the encoding."""
    stream = decode_stream(data, name)
    return DecodedText(stream.text, stream.encoding, name)


def decode_stream(data: bytes, name: str) -> DecodedStream:
    """Find and check the encoding of raw bytes (see :func:`decode`); decode nothing yet."""
    if not data or not _NOT_BLANK.search(data):
        raise UserError("file is empty", name)
    if _chosen is not None:
        try:
            scan = _scan(data, _chosen, strip_bom=True)
        except UnicodeDecodeError:
            try:
                data.decode(_chosen)  # where exactly, for the message
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise UserError(f"not valid {_chosen} text (byte 0x{data[exc.start]:02x} on line {line}); "
                                "check --encoding", name, line) from None
            raise
        return _checked(scan, DecodedStream(data, f"{_chosen} (as asked)", name, _chosen, strip_bom=True))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                scan = _scan(data, encoding, plausible=True)
            except UnicodeDecodeError:
                raise UserError(f"undecodable bytes after a {encoding} byte-order mark", name) from None
            if _share(scan) < 0.5:
                raise UserError(f"bytes after a {encoding} byte-order mark do not decode to text", name)
            return _checked(scan, DecodedStream(data, encoding.replace("-sig", "") + " (BOM)", name, encoding))
    try:
        return _checked(_scan(data, "utf-8"), DecodedStream(data, "utf-8", name, "utf-8"))
    except UnicodeDecodeError:
        pass
    looks_utf16 = _looks_like_utf16(data)
    if looks_utf16:
        try:
            return _checked(_scan(data, looks_utf16), DecodedStream(data, looks_utf16, name, looks_utf16))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UserError("binary file, not text", name)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    unsure = best is None
    if best is None:
        best = from_bytes(data).best()
    sig = best is not None and bool(best.bom)  # charset-normalizer drops a GB18030 or UTF-7 signature
    scan = _scan(data, best.encoding, plausible=True, strip_bom=sig) if best is not None else None
    if scan is None or _share(scan) < 0.9:
        raise UserError("undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5 text (name the encoding "
                        "with --encoding if you know it)", name)
    decoded = _checked(scan, DecodedStream(data, best.encoding, name, best.encoding, strip_bom=sig))
    if unsure:
        _guessed(name, best.encoding)
    return decoded


_NOT_BLANK = re.compile(rb"[^ \t\r\n\x00]")
_NOT_SPACE = re.compile(r"\S")  # what str.strip() keeps


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
            scan = _scan(data, enc, plausible=True)
        except UnicodeDecodeError:
            continue
        if _share(scan) > 0.95:
            return enc
    return None


def _plausible_count(text: str) -> int:
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
    return good


def _checked(scan: _Scan, stream: DecodedStream) -> DecodedStream:
    if scan.nul or scan.controls > scan.length // 100:
        raise UserError("binary file, not text", stream.name)
    if scan.blank:
        raise UserError("file is empty", stream.name)
    return stream


def read_text(source: str | Path) -> DecodedText:
    """Read a path, or "-" for standard input, as text in whatever encoding it is in."""
    data, name = read_bytes(source)
    return decode(data, name)


def read_stream(source: str | Path) -> DecodedStream:
    """:func:`read_text` for a text to go through a line at a time (a large import). A regular
    file's bytes are let go once its encoding is known: its lines are read from it again."""
    data, name = read_bytes(source)
    stream = decode_stream(data, name)
    if str(source) == "-":
        return stream
    try:
        info = os.stat(source)
    except OSError:
        return stream
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return stream  # a pipe or device can be read once only
    return dataclasses.replace(stream, data=b"", path=Path(source),
                               signature=(info.st_ino, info.st_mtime_ns, info.st_size))
