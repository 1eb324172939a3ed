"""Calendar days in the user's time zone.

Adherence is counted per *local* day: a session at 23:30 in Berlin belongs to that evening, not to
the UTC day after. The day is computed once, when a row is written, with the zone in force then,
so a trip abroad does not move old sessions to other days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None) -> ZoneInfo:
    """The named IANA zone; a missing or unknown name falls back to the system's local zone."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return system_zone()


def system_zone() -> ZoneInfo:
    """The machine's zone as an IANA zone when it can be found, otherwise UTC."""
    import os
    from pathlib import Path

    tz_env = os.environ.get("TZ", "").lstrip(":")
    candidates = [tz_env] if tz_env else []
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    for name in candidates:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar day on which `moment` falls for someone living in `tz`."""
    if moment.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return moment.astimezone(tz).date()


def day_bounds_utc(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a local day starts and ends; 23 or 25 hours apart on DST days."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    nxt = day + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
