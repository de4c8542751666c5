"""What the annotator takes of the glossary, kept in the cache folder.

`yuedu read` works out the first screen's pinyin in a process of its own (reader/early.py); parsing and
checking the glossary's YAML there took a fifth of that process's time. :func:`annotator_words` gives
what the annotator takes of the glossary (:func:`reader.core.annotate.glossary_words`) from a JSON file
in the cache folder, kept under a stamp of every glossary file (path, size, modification time) and of
the code that reads them; any change, a missing or damaged file, and it is worked out again from the
YAML, as is a copy whose digest does not match its text. Data, never code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from .glossary_files import default_dirs, glossary_files

_FORMAT = "2"


def _stamp(dirs: Sequence[Path]) -> str:
    here = Path(__file__).resolve().parent
    code = [here / "annotate.py", here / "glossary_files.py", here / "glossary_words.py",
            *sorted((here / "glossary").glob("*.py"))]
    parts = [_FORMAT]
    for path in [*code, *(p for _g, p in glossary_files(dirs))]:
        try:
            st = path.stat()
            parts.append(f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:missing")
    parts += [f"dir:{Path(d).resolve()}" for d in dirs]
    return "\n".join(parts)


def _valid(words: object, terms: object) -> bool:
    return (isinstance(words, dict) and isinstance(terms, dict)
            and all(isinstance(k, str) and (v is None or isinstance(v, list) and all(isinstance(s, str) for s in v))
                    for k, v in words.items())
            and all(isinstance(k, str) and isinstance(v, str) for k, v in terms.items()))


def annotator_words(dirs: Sequence[Path | str] | None = None) -> tuple[dict[str, list[str] | None], dict[str, str]]:
    """(words, terms) as :func:`reader.core.annotate.glossary_words` gives them for the glossary that
    ``load_glossary(dirs, strict=False)`` loads (default: the default folders that exist)."""
    from reader import paths

    from .stamped import cached

    folders = [Path(d) for d in (dirs if dirs is not None else [d for d in default_dirs() if d.exists()])]

    def make() -> tuple[str, str]:
        from .annotate import glossary_words
        from .glossary import load_glossary

        words, terms = glossary_words(load_glossary(folders, strict=False))
        text = json.dumps({"words": words, "terms": terms}, ensure_ascii=False)
        return text, _digest(text)

    try:
        text, digest = cached(paths.cache_dir() / "glossary-words.data", _stamp(folders), make, tuple)
        if digest == _digest(text):
            data = json.loads(text)
            if _valid(data["words"], data["terms"]):
                return data["words"], data["terms"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = json.loads(make()[0])  # a damaged or foreign file: worked out again (and not kept)
    return data["words"], data["terms"]


def _digest(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
