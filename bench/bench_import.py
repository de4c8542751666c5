"""Importing a large text: peak memory of `yuedu import` against reading the same file, same run.

Two 50 MB texts are made from the real-text sets in bench/data (a seeded shuffle of their
sentences): a *book* (one article of about 110,000 paragraphs, no bylines) and a *paper* (many short
articles, each a headline and a byline over its paragraphs). Each is measured in a fresh
interpreter of its own (peak resident set size, ``ru_maxrss``):

* **plain read**: ``Path.read_text()`` of the file, nothing else (the least any import can cost);
* **whole text**: the text read whole, every article built, then written
  (``import_file`` + ``write_articles``, the API the other importers and ``yuedu read`` use);
* **yuedu import**: ``import_into``, what ``yuedu import`` runs: the lines read and cleaned as they
  come, each article written to a temporary file as soon as it is built, all renamed at the end.

Before the import streamed (and before an article's id stopped collecting every hanzi of its body),
``yuedu import`` of the book peaked at 1.49 GB (``/usr/bin/time -v``, commit 1b0aa84).

Run alone: ``python bench/run.py import`` (``YUEDU_BENCH_IMPORT_MB`` sets the size).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = int(os.environ.get("YUEDU_BENCH_IMPORT_MB", "50")) * 2**20

CHILD = r"""
import resource, sys, time
from pathlib import Path
how, src, into = sys.argv[1:4]
started = time.perf_counter()
if how == "plain read":
    Path(src).read_text(encoding="utf-8")
elif how == "whole text":
    from reader.core.importer import import_file, write_articles
    write_articles(import_file(src), Path(into))
else:
    from reader.core.importer import import_into
    import_into(src, Path(into))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - started)
"""


def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted((HERE / "data").glob("realtext-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += re.findall(r"[^。！？\n]+[。！？]", json.loads(line)["text"])
    return out


def make_texts(folder: Path) -> dict[str, Path]:
    sentences = _sentences()
    rng = random.Random(15)

    def paragraph() -> str:
        return "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))

    book = folder / "book.txt"
    size = 0
    with open(book, "w", encoding="utf-8") as fh:
        fh.write("一本很长的书\n\n")
        while size < SIZE:
            text = paragraph() + "\n\n"
            size += len(text.encode("utf-8"))
            fh.write(text)
    paper = folder / "paper.txt"
    size = 0
    n = 0
    with open(paper, "w", encoding="utf-8") as fh:
        while size < SIZE:
            n += 1
            headline = re.split(r"[，。！？：；]", rng.choice(sentences))[0][:20] + f"第{n}篇"
            text = f"{headline}\n\n本报记者 王小明\n\n" + "\n\n".join(paragraph() for _ in range(rng.randint(3, 12)))
            text += "\n\n\n"
            size += len(text.encode("utf-8"))
            fh.write(text)
    return {"book": book, "paper": paper}


def measure(how: str, src: Path, folder: Path) -> tuple[float, float]:
    into = Path(tempfile.mkdtemp(prefix="into-", dir=folder))
    out = subprocess.run([sys.executable, "-c", CHILD, how, str(src), str(into)], capture_output=True, text=True,
                         env=os.environ, check=True).stdout.split()
    return int(out[0]) / 1024, float(out[1])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yuedu-bench-import-") as tmp:
        folder = Path(tmp)
        texts = make_texts(folder)
        print(f"peak memory (MB, resident) and time importing {SIZE // 2**20} MB of UTF-8 text, same run")
        print(f"{'text':8} {'plain read':>16} {'whole text':>16} {'yuedu import':>16}")
        for name, path in texts.items():
            cells = []
            for how in ("plain read", "whole text", "yuedu import"):
                mb, seconds = measure(how, path, folder)
                cells.append(f"{mb:7.0f} MB {seconds:5.1f} s")
            print(f"{name:8} " + " ".join(f"{c:>16}" for c in cells), flush=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
