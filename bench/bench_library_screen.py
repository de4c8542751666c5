"""The library screen's Known column (coverage) for 1,000 articles: how long until the column is
filled, and the longest the event loop stood still meanwhile (what a key pressed then waits for).

Ours: the column is computed by a worker from the kept word counts (core/word_counts.py) and
posted to the screen; the baseline: the same computation run on the event loop when the screen
shows (what a screen that computes its column in place would do), in the same run, each variant in a
fresh interpreter. Both read the same kept counts (a first run of ours counts the 1,000 articles
and keeps them; its figures are printed too). Goal: no visible pause (the loop never stands still
for 0.1 s or more).

The articles: sentences of the CPP dev set (../shared/data/cpp-dev) drawn into four paragraphs of
about 250 characters each (a fixed seed), one Markdown file each.

Where the loop stood still (profiled, issue 13 item 7): the bench itself built two library screens (a
subclass of the app with its own on_mount: Textual runs both), so two workers counted the column at once;
on the screen, every row built again on return from reading, the known words read on the loop, and a
worker that held the interpreter lock in slices of 100 articles. Now: one screen, rows first, the column
read back and weighed in slices of 20 with a rest as long as each slice, posted as it comes; the only
pause near 0.1 s left is the list's own first paint.

Run alone: ``python bench/run.py library_screen``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CPP = REPO.parent / "shared" / "data" / "cpp-dev" / "dev.sent"
ARTICLES = 1000
PAUSE_S = 0.1


def make_library(folder: Path) -> int:
    sentences = [ln.strip().replace("▁", "") for ln in CPP.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rng = random.Random(7)
    chars = 0
    for i in range(ARTICLES):
        paragraphs = []
        for _ in range(4):
            text = ""
            while len(text) < 250:
                text += rng.choice(sentences)
            paragraphs.append(text)
            chars += len(text)
        body = "\n\n".join(paragraphs)
        (folder / f"a{i:04d}.md").write_text(f"---\nid: a{i:04d}\ntitle: 第{i}篇\n---\n\n{body}\n", encoding="utf-8")
    return chars


def run_variant(variant: str, library: Path) -> dict:
    sys.path.insert(0, str(REPO))
    import reader.ui.library_screen as library_screen
    from reader.ui.app import YueduApp
    from reader.ui.library_screen import LibraryScreen

    class OnTheLoop(LibraryScreen):
        """The baseline: the same column computed in place, on the event loop."""

        def _start_coverage(self) -> None:
            services = self.loaded
            if not self._composed or not self._articles or not self.is_current:
                return
            if services.store is None or services.annotator is None or services.dictionary is None:
                return
            from reader.core.word_counts import WordCountCache, library_counts
            from reader.store.knowledge import Knowledge

            states = Knowledge(services.store).states()
            counted = library_counts(self._articles, services.annotator, services.dictionary, WordCountCache())
            self._coverage_arrived(self.Coverage(
                {a: (c.summary(states)[0], c.summary(states)[1]) for a, c in counted.items()}, True))

    # The app builds its library screen itself (its on_mount): the variant's class is put in its place, so
    # there is ONE library screen. (A subclass of the app with an on_mount of its own pushed a second one:
    # Textual runs every on_mount of the class's MRO, and two screens counted the column at once.)
    if variant == "baseline":
        library_screen.LibraryScreen = OnTheLoop
    app = YueduApp(library_dirs=[library])
    result: dict = {}

    async def main() -> None:
        started = time.perf_counter()
        listed = 0.0  # when the first rows of the list were on screen
        async with app.run_test(size=(160, 40)) as pilot:
            gaps: list[tuple[float, float]] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append((now - last[0], now))
                last[0] = now

            app.set_interval(0.01, tick)
            while True:
                await pilot.pause(0.01)
                screen = app.screen
                if not isinstance(screen, LibraryScreen):
                    continue
                table = screen.query_one("#library-table")
                if not listed and table.row_count:
                    listed = time.perf_counter()
                if len(screen._coverage) >= ARTICLES and table.row_count >= ARTICLES:
                    break
                if time.perf_counter() - started > 900:
                    raise SystemExit("the column was not filled in 15 minutes")
            result["filled_s"] = time.perf_counter() - started
            await pilot.pause(0.3)  # the last rows and cells drawn
            # from the list on screen (its first paint included) to the column full: start-up before it
            # (the loaders, the same for both) is left out
            result["longest_pause_s"] = max(g for g, at in gaps if at >= listed - 0.01)
            result["longest_pause_any_s"] = max(g for g, _at in gaps)
            # Back from reading (knowledge may have changed): the column re-weighed, with everything
            # loaded (no start-up work beside it).
            await pilot.pause(0.5)
            screen._coverage.clear()
            mark = time.perf_counter()
            screen.on_screen_resume()
            while len(screen._coverage) < ARTICLES or screen.query_one("#library-table").row_count < ARTICLES:
                await pilot.pause(0.01)
            result["resume_s"] = time.perf_counter() - mark
            await pilot.pause(0.3)
            result["resume_pause_s"] = max(g for g, at in gaps if at > mark)
            table = screen.query_one("#library-table")
            result["rows"] = table.row_count
            result["first_cell"] = str(table.get_row_at(0)[6])
            result["screens"] = sum(isinstance(s, LibraryScreen) for s in app.screen_stack)

    asyncio.run(main())
    return result


def variant(name: str, library: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--variant", name, str(library)], capture_output=True, text=True,
                         env=os.environ.copy())
    if out.returncode:
        raise SystemExit(f"variant {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if not CPP.exists():
        print(f"skipped: {CPP} not found")
        return
    folder = Path(tempfile.mkdtemp(prefix="yuedu-bench-library-"))
    chars = make_library(folder)
    first = variant("ours", folder)  # counts the articles (annotating them) and keeps the counts
    ours = [variant("ours", folder) for _ in range(3)]
    base = [variant("baseline", folder) for _ in range(3)]
    assert all(r["rows"] == ARTICLES and r["screens"] == 1 for r in ours + base), (ours, base)
    assert ours[0]["first_cell"] == base[0]["first_cell"], (ours[0], base[0])
    best = min(ours, key=lambda r: r["longest_pause_s"])
    worst = max(r["longest_pause_s"] for r in ours)
    base_best = min(base, key=lambda r: r["longest_pause_s"])
    print(f"\nlibrary screen: {ARTICLES:,} articles, {chars:,} characters; Known column from kept word counts")
    print(f"{'':50}{'ours':>10}{'baseline':>12}")
    print(f"{'longest pause, list shown to column full (best of 3)':50}{best['longest_pause_s']:>9.3f}s{base_best['longest_pause_s']:>11.3f}s")
    print(f"{'longest pause, list shown to column full (worst of 3)':50}{worst:>9.3f}s"
          f"{max(r['longest_pause_s'] for r in base):>11.3f}s")
    print(f"{'same, from start-up on (best of 3)':50}{min(r['longest_pause_any_s'] for r in ours):>9.3f}s"
          f"{min(r['longest_pause_any_s'] for r in base):>11.3f}s")
    print(f"{'back from reading: longest pause (best of 3)':50}{min(r['resume_pause_s'] for r in ours):>9.3f}s"
          f"{min(r['resume_pause_s'] for r in base):>11.3f}s")
    print(f"{'back from reading: longest pause (worst of 3)':50}{max(r['resume_pause_s'] for r in ours):>9.3f}s"
          f"{max(r['resume_pause_s'] for r in base):>11.3f}s")
    print(f"{'back from reading: column full again (best of 3)':50}{min(r['resume_s'] for r in ours):>9.2f}s"
          f"{min(r['resume_s'] for r in base):>11.2f}s")
    print(f"{'start to a full column (best of 3)':50}{min(r['filled_s'] for r in ours):>9.2f}s"
          f"{min(r['filled_s'] for r in base):>11.2f}s")
    print(f"{'first run: counting all (annotating), start to full':50}{first['filled_s']:>9.2f}s"
          f"   longest pause {first['longest_pause_s']:.3f}s")
    worst_resume = max(r["resume_pause_s"] for r in ours)
    print(f"goal: no pause of {PAUSE_S} s or more: {'met' if worst < PAUSE_S else 'NOT met'} at start-up, "
          f"{'met' if worst_resume < PAUSE_S else 'NOT met'} back from reading")
    print("baseline: the same column computed on the event loop when the screen shows")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--variant"]:
        print(json.dumps(run_variant(sys.argv[2], Path(sys.argv[3]))))
    else:
        main()
