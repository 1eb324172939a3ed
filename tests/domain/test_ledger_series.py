"""The ledger's series on random prescriptions and credit, against the definitions day by day.

`weekly` adds the days up by day number rather than by date, `daily(since)` leaves out the days
before `since` and `has_days` answers without making the days: each must give exactly what the
plain computation gives, to the last bit of every sum.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coach.domain.adherence import Adherence
from coach.domain.adherence_ledger import (
    FlexCredit,
    ItemPlan,
    Ledger,
    VersionWindow,
    week_start,
)

FIRST = date(2025, 12, 26)  # a Friday: the range starts and ends inside weeks
LAST = date(2026, 3, 4)
SPAN = (LAST - FIRST).days

items = st.builds(
    ItemPlan,
    exercise_id=st.sampled_from(["bridge", "plank", "walk"]),
    times_per_day=st.integers(1, 3),
    days_mask=st.integers(0, 127),
    days_per_week=st.one_of(st.none(), st.none(), st.integers(1, 7)),
)


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    windows = []
    for version in range(draw(st.integers(0, 3))):
        first = FIRST + timedelta(days=draw(st.integers(0, SPAN)))
        last = first + timedelta(days=draw(st.integers(0, SPAN)))
        plan = tuple(draw(st.lists(items, max_size=3)))
        windows.append(VersionWindow(version, 1, first, min(last, LAST), plan))
    days = [FIRST + timedelta(days=n) for n in range(SPAN + 1)]
    credit = st.floats(0, 6, allow_nan=False)
    fixed = draw(st.dictionaries(st.sampled_from(days), credit))
    counts = {d: (draw(st.integers(0, 3)), draw(st.integers(0, 2))) for d in fixed}
    flex = [
        FlexCredit(
            draw(st.sampled_from(days)),
            1,
            draw(st.sampled_from(["bridge", "walk"])),
            draw(st.integers(1, 3)),
            draw(credit),
            draw(st.integers(0, 2)),
            draw(st.integers(0, 1)),
        )
        for _ in range(draw(st.integers(0, 6)))
    ]
    return Ledger.build(windows, FIRST, LAST, fixed, flex, fixed_counts=counts)


def weekly_by_date(ledger: Ledger) -> list[Adherence]:
    """The weekly definition as first written: a Monday's date for every day."""
    done: dict[date, float] = defaultdict(float)
    prescribed: dict[date, float] = defaultdict(float)
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for day, count in ledger.fixed_prescribed.items():
        monday = week_start(day)
        prescribed[monday] += count
        done[monday] += ledger.fixed_done.get(day, 0.0)
        full, partly = ledger.fixed_counts.get(day, (0, 0))
        counts[monday][0] += full
        counts[monday][1] += partly
    flex_done: dict[tuple[date, int, str], float] = defaultdict(float)
    flex_counts: dict[tuple[date, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for credit in ledger.flex:
        key = (week_start(credit.day), credit.programme_id, credit.exercise_id)
        flex_done[key] += credit.credit
        flex_counts[key][0] += credit.full
        flex_counts[key][1] += credit.partly
    for key, quota in ledger.flex_quota.items():
        prescribed[key[0]] += quota
        done[key[0]] += min(quota, flex_done.get(key, 0.0))
        whole = max(1, round(quota))
        full = min(flex_counts[key][0], whole)
        counts[key[0]][0] += full
        counts[key[0]][1] += min(flex_counts[key][1], whole - full)
    return [
        Adherence(
            max(m, ledger.first), min(m + timedelta(days=6), ledger.last), done[m], p, *counts[m]
        )
        for m, p in sorted(prescribed.items())
        if p > 0
    ]


@given(ledgers())
def test_weekly_by_day_number_is_weekly_by_date(ledger: Ledger) -> None:
    assert ledger.weekly() == weekly_by_date(ledger)
    for week in ledger.weekly():  # the very same floats, not merely equal numbers
        assert isinstance(week.prescribed, float) and isinstance(week.full, int)


@given(ledgers(), st.integers(0, SPAN + 3))
def test_daily_since_a_day_is_the_daily_series_from_that_day(ledger: Ledger, skip: int) -> None:
    since = FIRST + timedelta(days=skip)
    assert ledger.daily(since) == [a for a in ledger.daily() if a.first >= since]
    assert ledger.has_days() == bool(ledger.daily())
