"""Big texts reopen at once: `yuedu read FILE` keeps the cleaned import in the cache folder.

Cleaning a 1.2-million-character text takes over a second; reading back its cleaned article takes a
few milliseconds. Entries are keyed by the file's content: a file seen before at the same path,
size and modification time goes straight to its entry; otherwise its bytes are hashed (BLAKE2b) and
an entry for the same content is used wherever the file lies now. The key also holds a fingerprint
of the importer's own code, so an entry made by an older importer is never used.

Entries are JSON (data, never pickles) in ``<cache>/imports/``, at most ``MAX_ENTRIES`` of them (the
least recently used go first). A damaged entry is ignored and made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .article import Article, Block


def article_from_file(path: str | Path) -> Article:
    from .importer import article_from_file as clean  # only on a miss: importing the importer costs time

    return clean(path)

MAX_ENTRIES = 64
FORMAT = 1
_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    """A hash of the importer's source files: change the cleaning, and old entries no longer match."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        here = Path(__file__).resolve().parent
        digest = hashlib.blake2b(digest_size=8)
        for path in sorted([here / "importer.py", here / "article.py", here / "textio.py",
                            *(here / "importers").glob("*.py")]):
            try:
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
            except OSError:
                pass
        _FINGERPRINT = digest.hexdigest()
    return _FINGERPRINT


def _folder() -> Path:
    from reader import paths

    folder = paths.cache_dir() / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _to_json(article: Article) -> dict[str, object]:
    data = article.front_matter()
    return {"meta": {k: v for k, v in data.items() if k not in article.extra},
            "extra": dict(article.extra),
            "blocks": [[b.kind, b.text, b.line] for b in article.blocks]}


def _from_json(data: dict) -> Article:
    meta = dict(data["meta"])
    blocks = [Block(str(kind), str(text), int(line)) for kind, text, line in data["blocks"]]
    if not blocks or not meta.get("id") or not meta.get("title"):
        raise ValueError("incomplete entry")
    return Article(blocks=blocks, extra={str(k): str(v) for k, v in data.get("extra", {}).items()}, **meta)


def _write(path: Path, payload: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime if p.exists() else 0)
    for old in entries[:-MAX_ENTRIES] if len(entries) > MAX_ENTRIES else []:
        try:
            old.unlink()
        except OSError:
            pass


def cached_article(path: str | Path) -> Article:
    """The article `yuedu read PATH` shows, from the cache when this content was cleaned before."""
    source = Path(path)
    try:
        st = source.stat()
        folder = _folder()
    except Exception:  # no such file, or no cache folder: the importer says what is wrong, or works uncached
        return article_from_file(path)
    fingerprint = _code_fingerprint()
    where = hashlib.blake2b(
        f"{fingerprint}\0{source.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode(), digest_size=16
    ).hexdigest()
    pointer = folder / f"at-{where}.ref"
    content_key: str | None = None
    try:
        content_key = pointer.read_text(encoding="ascii").strip() or None
    except OSError:
        pass
    if content_key is None:
        try:
            with source.open("rb") as handle:
                digest = hashlib.blake2b(digest_size=16)
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            return article_from_file(path)
        content_key = hashlib.blake2b(f"{fingerprint}\0{digest.hexdigest()}".encode(), digest_size=16).hexdigest()
    entry = folder / f"{content_key}.json"
    try:
        with entry.open(encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != FORMAT:
            raise ValueError("another format")
        article = _from_json(data["article"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        del exc
        article = article_from_file(path)
        _write(entry, {"format": FORMAT, "size": st.st_size, "article": _to_json(article)})
        _prune(folder)
    else:
        try:
            os.utime(entry)  # recently used
        except OSError:
            pass
    if not pointer.exists():
        try:
            pointer.write_text(content_key, encoding="ascii")
        except OSError:
            pass
    article.path = source
    return article
