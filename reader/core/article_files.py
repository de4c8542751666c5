"""Writing imported articles into a folder: all or nothing, and never over the user's own text.

:class:`ArticleWriter` takes the articles one at a time (a long text is imported a part at a time)
and writes each straight to a temporary file beside its target, block by block, so no article is
ever held twice, as an object and as its file text. :meth:`ArticleWriter.commit` then renames them
into place; if anything goes wrong before that (a bad text, a full disk, Ctrl-C), the temporary
files are removed and the folder is as it was.

Nothing in the folder is lost. An article file already there with other text is either a
different article that got the same id (another title: the new one is written under a new id,
``<id>-2``, and both are kept) or an earlier or hand-edited copy of this one (its old text is moved
to ``backups/<id>.<time>.md`` first). Either way a notice says so. An article that comes with yuedu
(``bundled``) is not written again; a different article that got the id of a bundled one gets its
own id.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from .article import Article, article_pieces, parse_article

BACKUP_DIR = "backups"  # inside the library folder; the library reads only its top-level *.md files
BUNDLED = "already bundled with yuedu, not written again"
_COPY = 1 << 20


@dataclass
class Written:
    """One article of an import, once committed: where it is and what happened to the file."""

    id: str
    title: str
    paragraphs: int
    path: Path
    state: str  # "new", "unchanged", "updated" or BUNDLED


@dataclass
class _Pending:
    head: Article  # the article without its blocks (its front matter, to give it another id)
    paragraphs: int
    tmp: Path | None
    head_size: int  # bytes of the front matter at the start of ``tmp``
    bundled: Path | None = None  # the same article, bundled with yuedu: nothing to write

    @property
    def id(self) -> str:
        return self.head.id


class ArticleWriter:
    """Write articles into ``into`` all or nothing (see the module docstring). Use it as a context
    manager: leaving it by an exception removes every temporary file."""

    def __init__(self, into: Path, *, bundled: dict[str, Path] | None = None) -> None:
        self.into = Path(into)
        self.bundled = dict(bundled or {})
        self._pending: list[_Pending] = []
        self._ready = False

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, kind, value, trace) -> None:  # type: ignore[no-untyped-def]
        if kind is not None:
            self.abort()

    def add(self, article: Article) -> None:
        """Write ``article`` to a temporary file in the folder (its blocks can go once this returns)."""
        self._prepare()
        head = dataclasses.replace(article, blocks=[], path=None)
        paragraphs = sum(1 for b in article.blocks if b.kind == "paragraph")
        pending = _Pending(head, paragraphs, None, 0)
        self._pending.append(pending)
        pieces = article_pieces(article)
        first = next(pieces).encode("utf-8")
        pending.head_size = len(first)
        pending.tmp = self._write_temp(article.id, first, pieces)

    def commit(self) -> list[Written]:
        """Rename every article into place, in the order they were added."""
        try:
            self._settle_bundled()
            taken = {p.id for p in self._pending if p.bundled is None}
            return [self._place(p, taken) for p in self._pending]
        finally:
            self.abort()  # whatever was not placed

    def abort(self) -> None:
        """Remove the temporary files not yet renamed into place."""
        for pending in self._pending:
            if pending.tmp is not None:
                pending.tmp.unlink(missing_ok=True)
                pending.tmp = None

    # ---------------------------------------------------------------------------------- steps

    def _prepare(self) -> None:
        if self._ready:
            return
        if self.into.exists() and not self.into.is_dir():
            raise UserError("is not a directory", self.into)
        try:
            self.into.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the folder: {exc.strerror or exc}", self.into) from None
        self._ready = True

    def _write_temp(self, article_id: str, first: bytes, rest) -> Path:  # type: ignore[no-untyped-def]
        """A temporary file holding ``first`` then the pieces (str, or a file's bytes after an offset)."""
        target = self.into / f"{article_id}.md"
        tmp: Path | None = None
        try:
            fd, name = tempfile.mkstemp(prefix=f".{article_id}.", suffix=".tmp", dir=self.into)
            tmp = Path(name)
            with os.fdopen(fd, "wb", buffering=_COPY) as fh:
                fh.write(first)
                if isinstance(rest, tuple):  # (path, offset): the body of an earlier temporary file
                    with open(rest[0], "rb") as src:
                        src.seek(rest[1])
                        while chunk := src.read(_COPY):
                            fh.write(chunk)
                else:
                    for piece in rest:
                        fh.write(piece.encode("utf-8"))
        except OSError as exc:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            raise UserError(f"cannot write: {exc.strerror or exc}", target) from None
        return tmp

    def _retarget(self, pending: _Pending, new_id: str) -> None:
        """Give a written article another id (its front matter is written again, its body copied)."""
        assert pending.tmp is not None
        head = dataclasses.replace(pending.head, id=new_id)
        first = next(article_pieces(head)).encode("utf-8")
        tmp = self._write_temp(new_id, first, (pending.tmp, pending.head_size))
        pending.tmp.unlink(missing_ok=True)
        pending.head, pending.tmp, pending.head_size = head, tmp, len(first)

    def _settle_bundled(self) -> None:
        """An article bundled with yuedu is not written again; another one with a bundled article's
        id gets its own id."""
        if not self.bundled:
            return
        for pending in self._pending:
            same = self.bundled.get(pending.id)
            if same is None:
                continue
            assert pending.tmp is not None
            if _same_bytes(same, pending.tmp):
                pending.bundled = same
                pending.tmp.unlink(missing_ok=True)
                pending.tmp = None
                continue
            taken = set(self.bundled) | {p.id for p in self._pending}
            n = 2
            while f"{pending.id}-{n}" in taken:
                n += 1
            self._retarget(pending, f"{pending.id}-{n}")

    def _place(self, pending: _Pending, taken: set[str]) -> Written:
        from .notices import notify

        title = pending.head.title
        if pending.bundled is not None:
            return Written(pending.id, title, pending.paragraphs, pending.bundled, BUNDLED)
        assert pending.tmp is not None
        target = self.into / f"{pending.id}.md"
        backup: Path | None = None
        retitled: str | None = None
        state = "new"
        if _exists(target):
            state = "unchanged" if _same_bytes(target, pending.tmp) else "updated"
        if state == "updated":
            old = _read(target)
            # another title over other text: another article (the same text retitled is this one, updated)
            old_title = _title_of(old)
            if old_title not in (None, title) and _same_body(old, pending.tmp):
                retitled = old_title
            if old_title not in (None, title) and retitled is None:
                base, n = pending.id, 2
                while True:  # the first free id, or the one this same article was saved under before
                    self._retarget(pending, f"{base}-{n}")
                    target = self.into / f"{pending.id}.md"
                    if pending.id not in taken and (not _exists(target) or _same_bytes(target, pending.tmp)):
                        break
                    n += 1
                taken.add(pending.id)
                state = "unchanged" if _exists(target) else "new"
                notify(f"another article already has the id {base!r} (a different title): "
                       f"this one is saved as {pending.id!r}, and both are kept", self.into / f"{base}.md")
            else:
                backup = _backup(target, old)
        try:
            os.replace(pending.tmp, target)
        except OSError as exc:
            raise UserError(f"cannot write: {exc.strerror or exc}", target) from None
        pending.tmp = None
        if backup is not None and retitled is not None:
            notify(f"the same text, retitled (it was “{retitled}”): your earlier copy was kept as {backup}", target)
        elif backup is not None:
            notify(f"your earlier copy had other text: it was kept as {backup}", target)
        return Written(pending.id, title, pending.paragraphs, target, state)


def write_articles(articles: list[Article], into: Path) -> list[Path]:
    """Write each article as ``<id>.md`` in ``into`` (created if needed); same article, same bytes.
    An article given another id (see the module docstring) has its ``id`` changed; each gets its
    ``path``."""
    with ArticleWriter(into) as writer:
        for article in articles:
            writer.add(article)
        written = writer.commit()
    for article, done in zip(articles, written):
        article.id, article.path = done.id, done.path
    return [done.path for done in written]


def _exists(target: Path) -> bool:
    """Whether an article file is at ``target`` (anything there but a regular file is refused)."""
    if not target.exists() and not target.is_symlink():
        return False
    if not target.is_file():
        raise UserError("is in the way (not a regular file): move it away to import this article", target)
    return True


def _read(target: Path) -> bytes:
    try:
        return target.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the article already there ({exc.strerror or exc}); nothing was written",
                        target) from None


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (read a chunk at a time)."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                chunk = fa.read(_COPY)
                if chunk != fb.read(_COPY):
                    return False
                if not chunk:
                    return True
    except OSError as exc:
        raise UserError(f"cannot read the article already there ({exc.strerror or exc}); nothing was written",
                        a) from None


def _same_body(data: bytes, path: Path) -> bool:
    """Whether an article file's bytes and the article file at ``path`` hold the same paragraphs."""
    try:
        return [b.text for b in parse_article(data.decode("utf-8")).blocks] == \
            [b.text for b in parse_article(path.read_text(encoding="utf-8")).blocks]
    except (OSError, UnicodeDecodeError, UserError, ValueError, RecursionError):
        return False


def _title_of(data: bytes) -> str | None:
    """The title of an article file's bytes, or None when they are not a readable article."""
    try:
        return parse_article(data.decode("utf-8")).title
    except (UnicodeDecodeError, UserError, ValueError, RecursionError):
        return None


def _backup(target: Path, data: bytes) -> Path:
    """Keep ``data`` (the text at ``target``) as ``backups/<name>.<time>.md`` beside it, durably."""
    import time

    folder = target.parent / BACKUP_DIR
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(exist_ok=True)
        backup = folder / f"{target.stem}.{stamp}.md"
        n = 2
        while backup.exists():
            if backup.read_bytes() == data:
                return backup
            backup = folder / f"{target.stem}.{stamp}-{n}.md"
            n += 1
        with open(backup, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise UserError(f"cannot keep a backup of the article already there ({exc.strerror or exc}); "
                        "nothing was written", target) from None
    return backup


__all__ = ["BACKUP_DIR", "BUNDLED", "ArticleWriter", "Written", "write_articles"]
