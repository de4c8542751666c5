"""Safe YAML for glossary files: values with their line numbers, and nothing but plain data.

A file is *composed* into a node tree (no constructor runs), every node's tag is checked against the
standard YAML tags, and only then turned into values. ``!!python/object...`` and any other tag is refused
with a ``file:line:`` problem; YAML aliases (``*name``) are refused too (no "billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..sanitize import safe_text

MAX_FILE_BYTES = 4 * 1024 * 1024

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}

@dataclass
class _Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _V(NamedTuple):
    """A value read from YAML with the 1-based line it starts on."""

    value: Any
    line: int
    kind: str  # "str" | "int" | "float" | "bool" | "null" | "timestamp" | "seq" | "map"


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def _read_yaml_file(path: Path, problems: list[_Problem]) -> _V | None:
    """Read one file into located values; on any problem add it and return None. Never runs code."""
    name = str(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # a device or a pipe (a link to /dev/zero, a FIFO): reading it could block or never end
            problems.append(_Problem(name, 1, "not a regular file (a device or a pipe), expected a YAML file"))
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(_Problem(name, 1, f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"))
            return None
        data = path.read_bytes()
    except IsADirectoryError:
        problems.append(_Problem(name, 1, "is a directory, not a YAML file"))
        return None
    except OSError as exc:
        problems.append(_Problem(name, 1, f"cannot read: {exc.strerror or exc}"))
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(_Problem(name, line, "binary data (NUL byte), not a UTF-8 YAML file"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            _Problem(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        )
        return None
    if not text.strip():
        problems.append(_Problem(name, 1, "file is empty; expected a YAML list of entries (- term: ...)"))
        return None
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        problems.append(_Problem(name, line, f"invalid YAML: {problem}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(_Problem(name, 1, f"invalid YAML: {exc}"))
        return None
    except RecursionError:
        problems.append(_Problem(name, 1, "invalid YAML: nested too deeply"))
        return None
    if node is None:
        problems.append(_Problem(name, 1, "no entries (only comments); expected a YAML list of entries"))
        return None
    if "*" in text:  # report a YAML alias where it is used, not where its anchor is
        for event in yaml.parse(text, Loader=loader_cls):
            if isinstance(event, yaml.AliasEvent):
                problems.append(_Problem(name, event.start_mark.line + 1, _ALIAS_MESSAGE))
                return None
    soft: list[tuple[int, str]] = []
    try:
        value = _to_values(node, set(), soft)
    except _Refused as exc:
        problems.append(_Problem(name, exc.line, exc.message))
        return None
    except RecursionError:
        problems.append(_Problem(name, 1, "invalid YAML: nested too deeply"))
        return None
    problems.extend(_Problem(name, line, message) for line, message in soft)
    return value


_ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in glossary files; write the value out"


def _to_values(node: Any, seen: set[int], soft: list[tuple[int, str]]) -> _V:
    """Located values from a composed node. Unsafe things raise _Refused; lesser problems go to soft."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Refused(line, _ALIAS_MESSAGE)
    seen.add(id(node))
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        if tag not in _SCALAR_TAGS:
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        kind = tag.removeprefix(_STD)
        value: Any = safe_text(node.value)  # text that enters yuedu is safe to show
        if kind == "bool":
            value = node.value.lower() in ("yes", "true", "on", "y")
        elif kind == "null":
            value = None
        return _V(value, line, kind)
    if isinstance(node, yaml.SequenceNode):
        if tag != _STD + "seq":
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        return _V([_to_values(n, seen, soft) for n in node.value], line, "seq")
    if isinstance(node, yaml.MappingNode):
        if tag != _STD + "map":
            raise _Refused(line, f"YAML tag {_show_tag(tag)} is not allowed (only plain text, lists and mappings)")
        out: dict[str, tuple[_V, _V]] = {}
        for key_node, value_node in node.value:
            key = _to_values(key_node, seen, soft)
            if key.kind == "seq" or key.kind == "map":
                raise _Refused(key.line, "a mapping key must be plain text")
            if key_node.tag == _STD + "merge":
                raise _Refused(key.line, "YAML merge keys (<<) are not allowed in glossary files")
            k = str(key.value) if key.value is not None else "null"
            value_v = _to_values(value_node, seen, soft)
            if k in out:
                soft.append((key.line, f"duplicate key {k!r} (first at line {out[k][0].line})"))
                continue
            out[k] = (key, value_v)
        return _V(out, line, "map")
    raise _Refused(line, "unsupported YAML node")  # pragma: no cover


def _show_tag(tag: str) -> str:
    if tag.startswith(_STD):
        return "!!" + tag.removeprefix(_STD)
    return tag

