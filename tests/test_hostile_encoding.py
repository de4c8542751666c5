"""An encoding guess is said aloud, and --encoding chooses another."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LATIN1 = "C'était très bien. La forêt était très belle, et nous étions là. À bientôt, mon ami.\n"


def yuedu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=120, stdin=subprocess.DEVNULL)


def test_an_unsure_guess_is_reported_with_the_way_out(tmp_path: Path):
    f = tmp_path / "latin.txt"
    f.write_bytes(LATIN1.encode("latin-1"))
    result = yuedu("annotate", str(f))
    assert result.returncode == 0
    warning = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(f) in warning[0] and "a guess" in warning[0] and "--encoding" in warning[0]


def test_encoding_option_reads_the_text_right(tmp_path: Path):
    f = tmp_path / "latin.txt"
    f.write_bytes(LATIN1.encode("latin-1"))
    result = yuedu("annotate", str(f), "--encoding", "latin-1")
    assert result.returncode == 0, result.stderr
    assert "très" in result.stdout and "forêt" in result.stdout
    assert "warning" not in result.stderr


def test_an_unknown_or_wrong_encoding_is_one_line(tmp_path: Path):
    f = tmp_path / "t.txt"
    f.write_bytes("重要的事情".encode("gbk"))
    bad = yuedu("annotate", str(f), "--encoding", "klingon")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "unknown encoding" in bad.stderr
    wrong = yuedu("annotate", str(f), "--encoding", "utf-8")
    assert wrong.returncode == 2 and "not valid utf-8" in wrong.stderr and "Traceback" not in wrong.stderr


def test_chinese_text_is_read_without_a_warning(tmp_path: Path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(("科研人员专心致志地开展基础研究工作。" * 5 + "\n").encode("gbk"))
    result = yuedu("annotate", str(f))
    assert result.returncode == 0 and "warning" not in result.stderr
    assert "zhuānxīn" in result.stdout
