"""The wheel carries everything a user needs: `pip install .` into a fresh venv, run `yuedu` from
another folder, and the bundled articles, glossary and styles are there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(REPO)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    (built,) = out.glob("yuedu-*.whl")
    return built


def test_wheel_carries_articles_glossary_and_styles(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    repo_articles = sorted(p.name for p in (REPO / "articles").glob("*.md"))
    repo_glossary = sorted(p.name for p in (REPO / "glossary").glob("*.yaml"))
    repo_tcss = sorted(str(p.relative_to(REPO)) for p in (REPO / "reader").rglob("*.tcss"))
    assert repo_articles, "no bundled articles in articles/"
    assert repo_glossary, "no glossary files in glossary/"
    assert repo_tcss, "no .tcss style files in reader/"
    for name in repo_articles:
        assert f"reader/_bundled/articles/{name}" in names
    for name in repo_glossary:
        assert f"reader/_bundled/glossary/{name}" in names
    for name in repo_tcss:
        assert name in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], check=True, stdin=subprocess.DEVNULL)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, YUEDU_HOME=str(tmp_path / "home"))
    env.pop("PYTHONPATH", None)
    out = subprocess.run(
        [str(env_dir / "bin" / "yuedu"), "list", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    rows = json.loads(out.stdout)
    bundled = [r for r in rows if r["bundled"]]
    assert len(bundled) == len(list((REPO / "articles").glob("*.md")))
    assert all("site-packages" in r["path"] for r in bundled), "articles were read from the checkout, not the wheel"
    version = subprocess.run([str(env_dir / "bin" / "yuedu"), "--version"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("yuedu ")
