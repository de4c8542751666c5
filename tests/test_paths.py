"""All user state goes where reader.paths says: YUEDU_HOME when set, else the platform's dirs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader import paths


def test_yuedu_home_holds_everything(yuedu_home: Path, private_cache: Path):
    for path in (paths.data_dir(), paths.config_dir(), paths.cache_dir(), paths.library_dir(),
                 paths.user_glossary_dir(), paths.db_path()):
        assert yuedu_home in path.parents


def test_without_yuedu_home_platform_dirs_are_used(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("YUEDU_HOME", "YUEDU_CACHE", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(tmp_path)
    code = "import json; from reader import paths; print(json.dumps([str(paths.data_dir()), str(paths.config_dir()), str(paths.cache_dir())]))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    data_dir, config_dir, cache_dir = map(Path, json.loads(out.stdout))
    for path in (data_dir, config_dir, cache_dir):
        assert tmp_path in path.parents, path
        assert "yuedu" in path.parts
    assert len({data_dir, config_dir, cache_dir}) == 3


def test_yuedu_cache_moves_the_cache_folder_alone(tmp_path: Path, yuedu_home: Path, monkeypatch):
    monkeypatch.setenv("YUEDU_CACHE", str(tmp_path / "elsewhere"))
    assert paths.cache_dir() == tmp_path / "elsewhere"
    assert yuedu_home in paths.data_dir().parents and yuedu_home in paths.config_dir().parents


def test_bundled_data_found_in_checkout(repo: Path):
    assert paths.bundled_articles_dir().resolve() == (repo / "articles").resolve()
    assert paths.bundled_glossary_dir().resolve() == (repo / "glossary").resolve()


def test_yuedu_home_that_is_a_file_is_a_one_line_error(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = dict(os.environ, YUEDU_HOME=str(blocker))
    out = subprocess.run([sys.executable, "-m", "reader", "list"], env=env, capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert str(blocker) in out.stderr and len(out.stderr.strip().splitlines()) == 1
