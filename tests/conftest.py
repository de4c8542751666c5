"""Every test runs with YUEDU_HOME in a fresh temporary folder: no test touches a real home."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# A safety net for code that runs outside a test function (collection, module- and session-scoped
# fixtures): even there, nothing may reach the real home. Each test then gets its own fresh folder.
os.environ["YUEDU_HOME"] = tempfile.mkdtemp(prefix="yuedu-test-session-")
# The engine's caches (jieba's dictionary, the CC-CEDICT and pypinyin tables, the dictionary index)
# take seconds to build: one warm cache folder is shared by the whole run. A test about the caches
# themselves asks for `private_cache`.
SHARED_CACHE = tempfile.mkdtemp(prefix="yuedu-test-cache-")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_09d51b0d93aa0b61.txt"


@pytest.fixture(autouse=True)
def yuedu_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "yuedu-home"
    home.mkdir()
    monkeypatch.setenv("YUEDU_HOME", str(home))
    monkeypatch.setenv("YUEDU_CACHE", SHARED_CACHE)
    return home


@pytest.fixture
def private_cache(yuedu_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (inside its home), for tests that build, damage or time caches."""
    monkeypatch.delenv("YUEDU_CACHE")
    return yuedu_home / "cache"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED}")
    return SEED
