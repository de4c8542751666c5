"""The command palette's Screenshot saves into the data folder's screenshots/ and says where (issue 12),
also when ~/Downloads does not exist."""

from __future__ import annotations

import asyncio


def test_the_palette_screenshot_goes_to_the_data_folder(tmp_path, monkeypatch):
    from reader import paths
    from reader.ui.app import YueduApp

    home = tmp_path / "home"  # a home with no Downloads folder
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)

    async def run() -> list[str]:
        app = YueduApp(start="library", library_dirs=[], glossary_dirs=[], load_dictionary=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Screenshot")
            await pilot.pause(0.3)
            await pilot.press("enter")
            folder = paths.data_dir() / "screenshots"
            for _ in range(60):
                await pilot.pause(0.05)
                if any("screenshot" in str(n.message).lower() for n in app._notifications):
                    break
            return [str(n.message) for n in app._notifications]

    messages = asyncio.run(run())
    folder = paths.data_dir() / "screenshots"
    saved = list(folder.glob("*.svg"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
    assert any(str(saved[0]) in m for m in messages), messages
    assert not (home / "Downloads").exists()
