"""Every test runs with YUEDU_HOME in a fresh temporary folder: no test touches a real home."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# A safety net for code that runs outside a test function (collection, module- and session-scoped
# fixtures): even there, nothing may reach the real home. Each test then gets its own fresh folder.
os.environ["YUEDU_HOME"] = tempfile.mkdtemp(prefix="yuedu-test-session-")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_09d51b0d93aa0b61.txt"


@pytest.fixture(autouse=True)
def yuedu_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "yuedu-home"
    home.mkdir()
    monkeypatch.setenv("YUEDU_HOME", str(home))
    return home


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED}")
    return SEED
