"""The wheel carries everything a user needs: `pip install .` into a fresh venv, run `yuedu` from
another folder, and the bundled articles, glossary and styles are there."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import sysconfig
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
    # A bare venv sees the test environment's packages (the dependencies, not this checkout: the
    # editable install's .pth is not read from there) and gets the wheel installed into it.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    outer = sysconfig.get_paths()["purelib"]
    Path(site, "_test_dependencies.pth").write_text(outer + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, stdin=subprocess.DEVNULL)
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
    assert all(r["path"].startswith(site) for r in bundled), "articles were read from the checkout, not the wheel"
    version = subprocess.run([str(env_dir / "bin" / "yuedu"), "--version"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("yuedu ")


def test_every_package_the_code_imports_is_a_declared_dependency():
    """The wheel test borrows this environment's packages, so an import the project does not declare
    in pyproject.toml is caught here instead."""
    import grimp

    graph = grimp.build_graph("reader", include_external_packages=True)
    imported = {m for m in graph.modules if not m.startswith("reader") and m not in sys.stdlib_module_names}
    declared = {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower().replace("_", "-")
                for r in importlib.metadata.requires("yuedu") or () if "extra ==" not in r}
    providers = importlib.metadata.packages_distributions()
    undeclared = {m for m in imported
                  if not {d.lower().replace("_", "-") for d in providers.get(m, ())} & declared}
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {sorted(undeclared)}"
