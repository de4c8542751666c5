"""Where the glossary lives: its folders and files.

Light on purpose (no YAML, no validation): reader.core.glossary_words stamps its cache with these files
without importing the glossary package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


def default_dirs() -> list[Path]:
    """The bundled glossary, then the user's own (a later one's entry replaces an earlier one's)."""
    from reader import paths

    return [paths.bundled_glossary_dir(), paths.user_glossary_dir()]


def glossary_files(dirs: Iterable[Path | str]) -> list[tuple[int, Path]]:
    """(group index, file) for every ``*.yaml``/``*.yml`` in each dir (sorted), or the file itself."""
    out: list[tuple[int, Path]] = []
    for i, d in enumerate(dirs):
        p = Path(d)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".yaml", ".yml") and not f.name.startswith("."))
            out.extend((i, f) for f in files)
        else:
            out.append((i, p))
    return out
