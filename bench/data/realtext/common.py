"""Shared parsing for the real-text sets (bench/data/realtext/*.src and *.gold); see ../realtext.md."""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import cedict_check  # noqa: E402,F401

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff〇]")


def is_han(ch: str) -> bool:
    return bool(HAN.match(ch))


def read_src(path: Path) -> list[dict]:
    """Paragraphs of a .src file, each with the @source/@url/@licence/@via in force."""
    meta: dict[str, str] = {}
    paras: list[dict] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("@para"):
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("@"):
                body.append(lines[i])
                i += 1
            text = "\n".join(body).strip("\n")
            paras.append({"source": meta.get("source", ""), "url": meta.get("url", ""),
                          "licence": meta.get("licence", ""), "via": meta.get("via", ""),
                          "split": meta.get("split", ""), "text": text})
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            if key == "source":
                meta = {}
            meta[key] = val.strip()
        i += 1
    return paras
