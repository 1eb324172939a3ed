"""Local days: the unit adherence is counted in, across DST changes and travel."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from coach.domain.days import day_bounds_utc, local_day, zone

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        # 23:30 in New York on the spring-forward day is already the next day in UTC.
        (datetime(2026, 3, 9, 3, 30, tzinfo=UTC), NEW_YORK, date(2026, 3, 8)),
        (datetime(2026, 3, 8, 6, 59, tzinfo=UTC), NEW_YORK, date(2026, 3, 8)),
        # Fall back: 01:30 happens twice in New York; both belong to 1 November.
        (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), NEW_YORK, date(2026, 11, 1)),
        (datetime(2026, 11, 1, 6, 30, tzinfo=UTC), NEW_YORK, date(2026, 11, 1)),
        # Berlin keeps CET (UTC+1) until 29 March: 22:30 UTC is 23:30 on the 28th there.
        (datetime(2026, 3, 28, 22, 30, tzinfo=UTC), BERLIN, date(2026, 3, 28)),
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), BERLIN, date(2026, 3, 29)),
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), BERLIN, date(2026, 10, 25)),
    ],
)
def test_local_day_follows_the_users_zone(moment: datetime, tz: ZoneInfo, expected: date) -> None:
    assert local_day(moment, tz) == expected


@pytest.mark.parametrize(
    ("day", "tz", "hours"),
    [
        (date(2026, 3, 8), NEW_YORK, 23),
        (date(2026, 11, 1), NEW_YORK, 25),
        (date(2026, 3, 29), BERLIN, 23),
        (date(2026, 10, 25), BERLIN, 25),
        (date(2026, 6, 1), BERLIN, 24),
    ],
)
def test_dst_days_have_23_or_25_hours(day: date, tz: ZoneInfo, hours: int) -> None:
    start, end = day_bounds_utc(day, tz)
    assert (end - start).total_seconds() == hours * 3600


def test_the_same_instant_is_a_different_day_after_travel() -> None:
    instant = datetime(2026, 7, 1, 23, 0, tzinfo=UTC)
    assert local_day(instant, ZoneInfo("America/Los_Angeles")) == date(2026, 7, 1)
    assert local_day(instant, ZoneInfo("Asia/Tokyo")) == date(2026, 7, 2)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_day(datetime(2026, 1, 1), BERLIN)


def test_unknown_zone_names_fall_back_instead_of_crashing() -> None:
    assert zone("Not/AZone").key
    assert zone("Europe/Berlin") == BERLIN
