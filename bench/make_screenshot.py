"""Make the README screenshot: `.venv/bin/python bench/make_screenshot.py [OUT.svg]`.

The reading screen on a bundled article, tone colours on, pinyin above the words, glossary terms
underlined, and the lookup popup open over a glossary term (新质生产力). The app draws it itself
(``App.save_screenshot``, an SVG), headless, in a throwaway YUEDU_HOME, at 110×32.
Default output: ``.github/screenshot.svg``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TERM = "新质生产力"


async def shoot(out: Path) -> None:
    from reader import paths
    from reader.core.article import load_library
    from reader.ui.app import YueduApp
    from textual.worker import WorkerCancelled, WorkerFailed

    library = load_library([paths.bundled_articles_dir()])
    article, block = next(
        (a, i) for a in library.articles for i, b in enumerate(a.blocks) if TERM in b.text and len(b.text) < 200
    )
    app = YueduApp(article=article)

    async def settle(pilot) -> None:
        for _ in range(100):
            await pilot.pause(0.05)
            try:
                await app.workers.wait_for_complete()
            except (WorkerCancelled, WorkerFailed):
                pass
            services = app.session.loaded
            if all(getattr(services, n) is not None for n in ("store", "glossary", "annotator", "dictionary")):
                view = app.screen.view
                if all(view.is_annotated(r.unit) for r in view.frame() if r is not None):
                    return

    async with app.run_test(size=(110, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.go_to_block(block, article.blocks[block].text.index(TERM))
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))
    print(f"wrote {out} ({article.title}, ¶ with {TERM})")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / ".github" / "screenshot.svg"
    os.environ["YUEDU_HOME"] = tempfile.mkdtemp(prefix="yuedu-shot-")
    asyncio.run(shoot(out.resolve()))


if __name__ == "__main__":
    main()
