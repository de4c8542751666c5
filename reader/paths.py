"""Every path yuedu reads or writes is decided here, and nowhere else.

User state lives in the platform's data, config and cache directories (platformdirs).
Setting ``YUEDU_HOME`` moves all of it under one folder:

    $YUEDU_HOME/data     articles you imported, the SQLite store
    $YUEDU_HOME/config   your own glossary files
    $YUEDU_HOME/cache    dictionary index, annotation cache

``YUEDU_CACHE`` moves the cache folder alone (it wins over ``YUEDU_HOME``): the tests share one warm
cache across a run while every test keeps its own data and config folders.

Bundled data (articles, glossary) ships inside the wheel under ``reader/_bundled``; in a source
checkout it is read from the repository's top-level ``articles/`` and ``glossary/`` folders.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "yuedu"
HOME_ENV = "YUEDU_HOME"
CACHE_ENV = "YUEDU_CACHE"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .errors import UserError

        hint = f" (check {HOME_ENV})" if _home() is not None else ""
        raise UserError(f"cannot create the folder: {exc.strerror or exc}{hint}", path) from None
    return path


def data_dir() -> Path:
    """Where the user's saved state lives (created on first use)."""
    home = _home()
    if home is not None:
        return _ensure(home / "data")
    from platformdirs import user_data_path

    return _ensure(user_data_path(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where the user's configuration and own glossary files live."""
    home = _home()
    if home is not None:
        return _ensure(home / "config")
    from platformdirs import user_config_path

    return _ensure(user_config_path(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where rebuildable caches live (safe to delete). A cache folder that cannot be created or
    written is never a reason to refuse: this run keeps its caches in a temporary folder instead."""
    cache = os.environ.get(CACHE_ENV)
    if cache:
        return _writable_cache(Path(cache).expanduser())
    home = _home()
    if home is not None:
        return _writable_cache(home / "cache")
    from platformdirs import user_cache_path

    return _writable_cache(user_cache_path(APP_NAME, appauthor=False))


_fallback_cache: Path | None = None


def _writable_cache(path: Path) -> Path:
    global _fallback_cache
    try:
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK | os.X_OK):
            return path
    except OSError:
        pass
    if _fallback_cache is None:
        import atexit
        import shutil
        import tempfile

        _fallback_cache = Path(tempfile.mkdtemp(prefix="yuedu-cache-"))
        atexit.register(shutil.rmtree, _fallback_cache, True)
    return _fallback_cache


def library_dir() -> Path:
    """The user's own article library: where `yuedu import` puts articles."""
    return _ensure(data_dir() / "articles")


def library_folders() -> list[Path]:
    """The library's folders in library order: the bundled articles, then the user's own."""
    return [bundled_articles_dir(), library_dir()]


def db_path() -> Path:
    """The SQLite store: bookmarks, positions, vocabulary, reviews, preferences, corrections."""
    return data_dir() / "yuedu.sqlite3"


def user_glossary_dir() -> Path:
    """YAML files here extend and override the bundled glossary."""
    return _ensure(config_dir() / "glossary")


def _bundled(name: str) -> Path:
    inside_wheel = _PACKAGE_DIR / "_bundled" / name
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent / name


def bundled_articles_dir() -> Path:
    """The articles that come with yuedu."""
    return _bundled("articles")


def bundled_glossary_dir() -> Path:
    """The policy-term glossary that comes with yuedu."""
    return _bundled("glossary")
