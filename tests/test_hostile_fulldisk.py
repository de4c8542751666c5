"""A full disk: reading and exporting still work, a change is refused with "the disk is full".

Needs a small filesystem of its own to fill (a tmpfs, mounted when the tests run as root);
skipped elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def full_disk(tmp_path: Path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def yuedu(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "YUEDU_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)


def test_reading_and_export_work_on_a_full_disk(full_disk: Path):
    home = full_disk / "home"
    assert yuedu(home, "vocab", "add", "重要").returncode == 0
    assert yuedu(home, "vocab", "add", "发展").returncode == 0
    with open(full_disk / "filler", "wb") as fh:  # fill the disk
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    listed = yuedu(home, "vocab", "list")
    assert listed.returncode == 0, listed.stderr
    assert "重要" in listed.stdout and "发展" in listed.stdout
    assert "disk is full" in listed.stderr
    exported = yuedu(home, "vocab", "export", "--format", "csv", "-o", "-")
    assert exported.returncode == 0 and "重要" in exported.stdout
    added = yuedu(home, "vocab", "add", "学习")
    assert added.returncode == 2 and "Traceback" not in added.stderr
    assert added.stderr.strip().splitlines()[-1].endswith("the disk is full: nothing was saved (free some space and try again)")
