"""The vocabulary screen with 100,000 saved words: time to open it, time per search keystroke (until
the table shows the result), the longest the event loop stood still while typing the search (what
typing waits for), and the process's peak memory, paged from SQLite (ours) against reading every word and filling the
table with all of them (what the screen did before: ``Store.list_vocab`` + one row per word),
measured in the same run, each variant in a fresh interpreter.

Run alone: ``python bench/run.py vocab_screen`` (``VOCAB_BENCH_WORDS`` changes the count).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = int(os.environ.get("VOCAB_BENCH_WORDS", "100000"))
QUERY = "zhongyao"  # typed one key at a time, as a user would


def make_words(n: int) -> None:
    from reader.store import open_store

    random.seed(1)
    hanzi = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    syllables = ["zhong4", "yao4", "fa1", "zhan3", "xue2", "xi2", "ke1", "ji4", "chuang4", "xin1"]
    rows, seen = [], set()
    while len(rows) < n:
        word = "".join(random.choice(hanzi) for _ in range(random.choice((2, 2, 3, 4))))
        if word in seen:
            continue
        seen.add(word)
        i = len(rows)
        rows.append({"word": word, "pinyin": " ".join(random.choice(syllables) for _ in word),
                     "definition": f"meaning {i} of a word", "sentence": f"这是{word}的例句，第{i}个。",
                     "article_id": f"art-{i % 50}", "block_index": i % 30})
    with open_store() as store:
        store.save_words(rows)


def run_variant(variant: str) -> dict:
    from textual.app import App
    from textual.widgets import DataTable

    from reader.session import Session
    from reader.store import open_store
    from reader.ui.vocab_screen import VocabScreen

    class ReadEverything(VocabScreen):
        """The screen as it was: every word read, every row in the table, the search in Python."""

        CSS_PATH = str(Path(sys.modules[VocabScreen.__module__].__file__).with_name("study.tcss"))

        def reload(self, keep_id=None):  # type: ignore[no-untyped-def]
            items = self.store.list_vocab(search=self.query_text or None, sort=self.sort)
            self.total = len(items)
            self.items = []
            self.table.clear()
            self._add_rows(items)
            self._show_detail()

        def load_more(self) -> bool:
            return False

    screen_class = VocabScreen if variant == "ours" else ReadEverything
    if variant != "ours":
        import reader.ui.vocab_screen as vocab_screen

        vocab_screen.LARGE = 10**12  # the search in the handler, on the event loop, as before
    store = open_store()
    timings: dict[str, float | list[float]] = {}

    class Host(App):
        def on_mount(self) -> None:
            self.started = time.perf_counter()
            self.last_tick = time.perf_counter()
            self.stall = 0.0
            self.set_interval(0.01, self.tick)
            self.push_screen(screen_class(Session(load_dictionary=False).provide(store=store)))

        def tick(self) -> None:
            """The longest the event loop went without running this 10 ms timer: how long the
            screen (and typing) stood still."""
            now = time.perf_counter()
            self.stall = max(self.stall, now - self.last_tick)
            self.last_tick = now

    async def main() -> None:
        app = Host()
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.perf_counter() + 600
            while not isinstance(app.screen, VocabScreen) or app.screen.query_one(DataTable).row_count == 0:
                if time.perf_counter() > deadline or not app.is_running:
                    raise SystemExit("the vocabulary screen did not open")
                await pilot.pause(0.01)
            await pilot.pause()
            timings["open_s"] = time.perf_counter() - app.started
            screen = app.screen
            await pilot.press("slash")
            await pilot.pause(0.05)
            app.stall = 0.0
            keys = []
            for n, key in enumerate(QUERY, start=1):
                t = time.perf_counter()
                await pilot.press(key)
                # until the table shows this search's result (a large vocabulary searches on a thread)
                await pilot.pause()
                while any(not w.is_finished for w in app.workers):
                    await pilot.pause(0.005)
                await pilot.pause()
                keys.append(time.perf_counter() - t)
            timings["stall_s"] = app.stall
            timings["keystroke_s"] = keys
            timings["matches"] = screen.total

    asyncio.run(main())
    store.close()
    timings["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--variant":
        if not os.environ.get("YUEDU_HOME"):
            raise SystemExit("--variant runs inside the benchmark's own YUEDU_HOME only")
        print(json.dumps(run_variant(sys.argv[2])))
        return
    home = Path(tempfile.mkdtemp(prefix="yuedu-bench-vocab-"))
    os.environ["YUEDU_HOME"] = str(home)
    started = time.perf_counter()
    make_words(WORDS)
    print(f"{WORDS:,} saved words made in {time.perf_counter() - started:.1f} s")
    results = {}
    for variant in ("ours", "all"):
        out = subprocess.run([sys.executable, __file__, "--variant", variant], capture_output=True, text=True,
                             env=dict(os.environ), timeout=1200)
        if out.returncode:
            print(out.stderr[-2000:])
            raise SystemExit(1)
        results[variant] = json.loads(out.stdout.strip().splitlines()[-1])
    ours, old = results["ours"], results["all"]

    def row(label: str, a: float, b: float, unit: str) -> None:
        print(f"{label:<36}{a:>12.3f}{b:>16.3f}  {unit}")

    print(f"{'':<36}{'paged (ours)':>12}{'read all (before)':>18}")
    row("open the screen", ours["open_s"], old["open_s"], "s")
    row("search keystroke, median", sorted(ours["keystroke_s"])[len(QUERY) // 2],
        sorted(old["keystroke_s"])[len(QUERY) // 2], "s")
    row("search keystroke, slowest", max(ours["keystroke_s"]), max(old["keystroke_s"]), "s")
    row("longest the screen stood still", ours["stall_s"], old["stall_s"], "s")
    row("peak memory of the process", ours["peak_rss_mb"], old["peak_rss_mb"], "MB")
    print(f"words matching {QUERY!r}: {ours['matches']} (ours), {old['matches']} (before)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
