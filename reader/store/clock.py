"""Time as the store writes it: UTC, a fixed-width text whose order is time order."""

from __future__ import annotations

from datetime import datetime, timezone

UTC = timezone.utc
_TS_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # fixed width: text order is time order


def now_utc() -> datetime:
    return datetime.now(UTC)


def ts(moment: datetime) -> str:
    """The stored form of a moment (a naive one is local time)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime(_TS_FORMAT)


def dt(text: str | None) -> datetime | None:
    """A stored moment read back (None for none)."""
    if not text:
        return None
    if len(text) == 26:  # our own fixed format, UTC: the fast path (strptime is ~50x slower)
        return datetime.fromisoformat(text + "+00:00")
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_day_start(moment: datetime) -> datetime:
    local = moment.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
