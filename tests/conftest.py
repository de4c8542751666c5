"""Every test runs with YUEDU_HOME in a fresh temporary folder: no test touches a real home."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# A safety net for code that runs outside a test function (collection, module- and session-scoped
# fixtures): even there, nothing may reach the real home. Each test then gets its own fresh folder.
_SESSION_HOME = os.environ["YUEDU_HOME"] = tempfile.mkdtemp(prefix="yuedu-test-session-")
# The engine's caches (jieba's dictionary, the CC-CEDICT and pypinyin tables, the dictionary index)
# take seconds to build: one warm cache folder is shared by the whole run. A test about the caches
# themselves asks for `private_cache`.
# With pytest-xdist the workers inherit the folder from the controller (YUEDU_TEST_SHARED_CACHE): two
# workers build it at once safely, since every cache file is written to a temporary name and renamed.
_MADE_SHARED_CACHE = not os.environ.get("YUEDU_TEST_SHARED_CACHE")  # this process made it: it removes it
SHARED_CACHE = os.environ.get("YUEDU_TEST_SHARED_CACHE") or tempfile.mkdtemp(prefix="yuedu-test-cache-")
os.environ["YUEDU_TEST_SHARED_CACHE"] = SHARED_CACHE


def pytest_sessionfinish(session, exitstatus) -> None:
    """The run's folders go when it ends (each run left about 40 MB in the temporary folder): every
    process its own safety-net home, and the process that made the shared cache (the controller,
    after its workers have finished) that cache. A cache folder handed in from outside is kept."""
    import shutil

    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
    if _MADE_SHARED_CACHE:
        shutil.rmtree(SHARED_CACHE, ignore_errors=True)


def _short_idle_polls() -> None:
    """Pilot's waits (``press``, ``pause``) end when the process has been idle for one poll: by default
    a 20 ms sleep in which it used under 1 ms of CPU, so every key press costs at least 40 ms of
    sleeping, most of a Pilot test's time. Polls of 5 ms with the same test (under a tenth of the
    window in CPU) end the same waits as soon as the app is idle; the condition is unchanged."""
    try:
        import textual._wait as wait
    except ImportError:
        return
    wait.SLEEP_GRANULARITY = 1 / 200
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 10


_short_idle_polls()

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# The seed page (a newspaper page, the app's first real input), carried byte for byte in tests/data
# so that no test skips where ../shared is missing (CI); where ../shared is present it must match.
SEED = REPO / "tests" / "data" / "seed" / "000_09d51b0d93aa0b61.txt"
SHARED_SEED = SHARED / "seeds" / SEED.name


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


def place_file(source: Path, target: Path) -> None:
    """Put a prebuilt file (the dictionary index) into a cache folder unless it is there already,
    atomically: another worker may be reading the shared cache's copy at this moment."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def run_cli(*args: str, text: bool = True, columns: int = 100, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """`yuedu ARGS` run in this process: the CLI's own entry point and output guard (exit status, one-line
    errors), without an interpreter start-up per call; standard input ``stdin`` (empty by default), a
    terminal ``columns`` wide.
    Returns what ``subprocess.run`` would (stdout/stderr as text, or bytes with ``text=False``)."""
    from reader.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)
    saved = sys.stdin, os.environ.get("COLUMNS")
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    os.environ["COLUMNS"] = str(columns)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's --help and usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved[0]
        if saved[1] is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved[1]
    stdout, stderr = out.buffer.getvalue(), err.buffer.getvalue()  # type: ignore[attr-defined]
    if text:
        return subprocess.CompletedProcess(list(args), code, stdout.decode("utf-8"), stderr.decode("utf-8"))
    return subprocess.CompletedProcess(list(args), code, stdout, stderr)


@pytest.fixture(scope="session")
def dictionary_index() -> Path:
    """The real CC-CEDICT index, in the shared cache folder: built once for the whole run (once per
    run, not per worker or per test module, under pytest-xdist), where every test's default
    ``Dictionary.open()`` finds it."""
    from reader.core.dictionary import INDEX_NAME, Dictionary

    path = Path(SHARED_CACHE) / INDEX_NAME
    Dictionary.open(index_path=path).close()  # built if missing, to a temporary name and renamed
    return path


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed_path() -> Path:
    if SHARED_SEED.exists():
        assert SHARED_SEED.read_bytes() == SEED.read_bytes(), f"{SEED} differs from {SHARED_SEED}"
    return SEED
