"""Reader benchmarks: time to first paint, key-to-repaint steps, memory. `python bench/run.py reader`.

Method (all measured in this run, side by side with the baseline):

* **Time to first paint** — a fresh Python process per sample, headless Textual (``App.run(headless=True)``,
  80×24), both from compiled bytecode (ours is compiled first, as pip does at install). The clock
  starts at the first line of the child script (interpreter start-up is the same for
  both and is left out) and stops when the first frame holding the text has been composed:
  for the baseline, a bare ``App`` showing one ``Static`` line of text, when that widget has rendered
  its lines for the first time; for yuedu, exactly what ``yuedu read PATH`` does
  (``reader.session.Session.article_to_read`` then ``YueduApp``) until the article view has rendered its first row of
  text (``ArticleView.Painted`` → ``YueduApp.first_paint``, handled right after that frame). One
  unmeasured run of each first (warm disk caches), then 7 rounds of bare / short / book run in turn
  (so a busy machine slows all three alike); medians, and the median of the per-round ratios. Done for a short article (a bundled one) and a 1-million-character book
  (the bundled articles repeated). Targets: ≤ 1.5× and ≤ 2× the bare app. Then a 1.2-million-character
  plain ``.txt``, which ``yuedu read`` cleans with the importer: its first open (the import cache emptied
  before each sample) and its reopening (the cleaned article read back from the cache folder); target
  ≤ 2× the bare app, as its library copy.
* **Key to repaint** — in one process, ``App.run_test`` on the book at 100×30: the wall time from
  sending the key (``pilot.press``) to the end of the article view's first render pass after it (the
  widget keeps the times its render passes end), and the main thread's CPU time until
  ``pilot.press`` has returned and that paint is seen (``time.thread_time``: our handler, layout
  and rendering, Textual's compositor and the pilot's own bookkeeping; this is an upper bound of
  the work); median and
  worst of 40 steps, for ``j`` (next paragraph) and ``l`` (next word), next to a bare app whose key
  updates one line of text. Target ≤ 16 ms.
* **Memory** — peak RSS (``ru_maxrss``) of the process with the book open: the first-paint child
  (book painted, loaders just started) and the key-step process after its loaders (segmenter,
  glossary, store) have finished, next to the bare app's.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = 7

BARE = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    import resource
    from textual.app import App
    from textual.widgets import Static

    class Line(Static):
        def render_lines(self, crop):
            lines = super().render_lines(crop)
            app = self.app
            if not hasattr(app, "elapsed"):
                app.elapsed = time.perf_counter() - t0
                app.call_later(app.exit)
            return lines

    class Bare(App):
        def compose(self):
            yield Line("一行文字 one line of text")

    app = Bare()
    app.run(headless=True, size=(80, 24))
    print(app.elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)

OURS = textwrap.dedent(
    """
    import sys, time
    t0 = time.perf_counter()
    import resource
    from reader.session import Session
    from reader.ui.app import YueduApp

    class Timed(YueduApp):
        def first_paint(self):
            self.elapsed = time.perf_counter() - t0
            self.exit()

    article = Session.article_to_read(sys.argv[1])  # what run_app does for `yuedu read PATH`
    app = Timed(article=article, load_dictionary=False)
    app.run(headless=True, size=(80, 24))
    print(app.elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _child(script: str, *args: str) -> tuple[float, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(script)
        name = handle.name
    try:
        out = subprocess.run([sys.executable, name, *args], capture_output=True, text=True, cwd=REPO,
                             env=os.environ.copy(), timeout=300)
    finally:
        os.unlink(name)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "child failed")
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def make_book(folder: Path, size: int = 1_000_000) -> Path:
    """A 1-million-character article: the bundled articles' paragraphs, repeated."""
    from reader import paths
    from reader.core.article import load_library

    library = load_library([paths.bundled_articles_dir()])
    paragraphs = [b.text for a in library.articles for b in a.blocks if b.kind == "paragraph"]
    if not paragraphs:
        raise RuntimeError("no bundled articles to build the book from")
    body: list[str] = []
    total = 0
    copy = 0
    while total < size:
        copy += 1
        body.append(f"## 第{copy}章")
        for text in paragraphs:
            body.append(text)
            total += len(text)
    path = folder / "bench-book.md"
    path.write_text("---\nid: bench-book\ntitle: 一百万字的书\nsource: bench\n---\n\n" + "\n\n".join(body) + "\n",
                    encoding="utf-8")
    return path


def make_text(folder: Path, size: int = 1_200_000) -> Path:
    """A 1.2-million-character plain text (a novel's shape: chapter lines and paragraphs), which
    `yuedu read` cleans with the importer, then keeps cleaned in the cache folder."""
    from reader import paths
    from reader.core.article import load_library

    paragraphs = [b.text for a in load_library([paths.bundled_articles_dir()]).articles for b in a.paragraphs]
    body, total, chapter = ["一部很长的书"], 0, 0
    while total < size:
        chapter += 1
        body.append(f"第{chapter}章")
        for text in paragraphs:
            body.append(text)
            total += len(text)
    path = folder / "bench-novel.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return path


def short_article() -> Path:
    from reader import paths

    return sorted(paths.bundled_articles_dir().glob("*.md"))[0]


async def _press_and_time(pilot, key: str, stamps) -> tuple[float, float]:
    """(wall seconds from the key press to the end of the first repaint after it, main-thread CPU
    seconds until then)."""
    before = time.perf_counter()
    cpu = time.thread_time()
    painted = None
    cpu_at_paint = None

    def first() -> float | None:
        return next((t for t in stamps() if t > before), None)

    await pilot.press(key)
    for _ in range(500):
        painted = first()
        if painted is not None:
            break
        await pilot.pause(0.001)
    cpu_at_paint = time.thread_time() - cpu
    if painted is None:
        raise RuntimeError("no repaint after the key")
    return painted - before, cpu_at_paint


async def _bare_steps() -> list[tuple[float, float]]:
    """Baseline: a bare app whose key updates one line of text."""
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Static

    class Line(Static):
        painted: list[float] = []

        def render_lines(self, crop):
            lines = super().render_lines(crop)
            Line.painted.append(time.perf_counter())
            return lines

    class Bare(App):
        BINDINGS = [Binding("j", "step")]
        count = 0

        def compose(self):
            yield Line("一行文字 0")

        def action_step(self):
            self.count += 1
            self.query_one(Line).update(f"一行文字 {self.count}")

    results = []
    async with Bare().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(40):
            await pilot.pause()
            results.append(await _press_and_time(pilot, "j", lambda: Line.painted[-16:]))
    return results


async def _steps(book: Path) -> tuple[dict[str, list[tuple[float, float]]], int]:
    import resource

    from reader.core.importer import article_from_file
    from reader.ui.app import YueduApp
    from textual.worker import WorkerCancelled, WorkerFailed

    app = YueduApp(article=article_from_file(str(book)), load_dictionary=False)
    results: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # let the loaders finish
            await pilot.pause(0.05)
            if app.session.loaded.annotator is not None and app.session.loaded.store is not None:
                break
        view = app.screen.view
        view.go_to(200)  # somewhere inside the book
        for key in ("j", "l"):
            times = []
            for _ in range(40):
                try:
                    await app.workers.wait_for_complete()
                except (WorkerCancelled, WorkerFailed):
                    pass
                await pilot.pause()
                times.append(await _press_and_time(pilot, key, lambda: view.render_times))
            results[key] = times
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return results, rss


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    os.environ.setdefault("YUEDU_HOME", tempfile.mkdtemp(prefix="yuedu-bench-"))
    # Both sides start from compiled bytecode: pip compiled Textual's at install; ours (an editable
    # install, maybe under PYTHONDONTWRITEBYTECODE=1) is compiled here, as pip would have done.
    import compileall

    compileall.compile_dir(str(REPO / "reader"), quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="yuedu-bench-book-"))
    book = make_book(folder)
    article = short_article()
    chars = len(book.read_text(encoding="utf-8"))

    novel = make_text(folder)
    novel_chars = len(novel.read_text(encoding="utf-8"))
    from reader import paths

    imports_cache = paths.cache_dir() / "imports"

    def novel_first() -> tuple[float, int]:
        import shutil

        shutil.rmtree(imports_cache, ignore_errors=True)  # as on the very first open of this file
        return _child(OURS, str(novel))

    # Interleaved (bare, short, book, bare, ...) so that a busy machine slows all of them alike;
    # the ratios are the medians of the per-round ratios.
    for script, args in ((BARE, ()), (OURS, (str(article),)), (OURS, (str(book),))):
        _child(script, *args)  # warm-up, not measured
    novel_first()
    rounds = []
    novels = []
    for _ in range(SAMPLES):
        rounds.append((_child(BARE), _child(OURS, str(article)), _child(OURS, str(book))))
        first = novel_first()
        novels.append((first, _child(OURS, str(novel)), rounds[-1][0]))
    bare = statistics.median(r[0][0] for r in rounds)
    short = statistics.median(r[1][0] for r in rounds)
    big = statistics.median(r[2][0] for r in rounds)
    short_ratio = statistics.median(r[1][0] / r[0][0] for r in rounds)
    big_ratio = statistics.median(r[2][0] / r[0][0] for r in rounds)
    bare_rss = max(r[0][1] for r in rounds)
    big_rss = max(r[2][1] for r in rounds)
    print(f"time to first paint (headless, {SAMPLES} interleaved warm rounds, medians):")
    print(f"  bare Textual app, one line      {_ms(bare)}")
    print(f"  yuedu read, short article       {_ms(short)}   {short_ratio:4.2f}× bare (target ≤ 1.50×)")
    print(f"  yuedu read, {chars:,}-char book {_ms(big)}   {big_ratio:4.2f}× bare (target ≤ 2.00×)")
    first = statistics.median(n[0][0] for n in novels)
    again = statistics.median(n[1][0] for n in novels)
    first_ratio = statistics.median(n[0][0] / n[2][0] for n in novels)
    again_ratio = statistics.median(n[1][0] / n[2][0] for n in novels)
    print(f"  yuedu read, {novel_chars:,}-char .txt, first open (cleaned by the importer)"
          f"   {_ms(first)}   {first_ratio:4.2f}× bare")
    print(f"  yuedu read, the same .txt reopened (cleaned import from the cache)"
          f"      {_ms(again)}   {again_ratio:4.2f}× bare (target ≤ 2.00×, as its library copy: the book above)")
    steps, steps_rss = asyncio.run(_steps(book))
    bare_steps = asyncio.run(_bare_steps())
    print("key to repaint (100×30, 40 steps each; wall time includes Textual's 1/60 s frame timer):")

    def row(label: str, samples: list[tuple[float, float]]) -> None:
        wall = [w for w, _c in samples]
        cpu = [c for _w, c in samples]
        print(f"  {label}  wall median {_ms(statistics.median(wall))}  worst {_ms(max(wall))}"
              f"   main-thread CPU median {_ms(statistics.median(cpu))}")

    row("bare app, one line update ", bare_steps)
    row("book: paragraph step (j)  ", steps["j"])
    row("book: word step (l)       ", steps["l"])
    print("  (target ≤ 16 ms)")
    print("memory (peak RSS of the process):")
    print(f"  bare Textual app                         {bare_rss / 1024:7.1f} MB")
    print(f"  yuedu, book painted (loaders starting)   {big_rss / 1024:7.1f} MB")
    print(f"  yuedu, book open, segmenter loaded       {steps_rss / 1024:7.1f} MB")


if __name__ == "__main__":
    main()
