"""reader/core must never import Textual: the core is testable (and usable) without a terminal."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.core


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(reader.core.__path__, "reader.core."))


def test_core_has_modules():
    assert "reader.core.article" in core_modules()


def test_no_core_module_imports_textual():
    mods = core_modules()
    code = (
        "import importlib, sys\n"
        f"for m in {mods!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in Textual: {out.stdout.strip()}"


def test_store_does_not_import_textual():
    code = (
        "import importlib, pkgutil, sys, reader.store\n"
        "for m in pkgutil.walk_packages(reader.store.__path__, 'reader.store.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
