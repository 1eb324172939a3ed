"""fixed_sessions counts by weekday what Ledger.build counts day by day: the same, always."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coach.domain.adherence_ledger import ItemPlan, Ledger, VersionWindow, fixed_sessions

items = st.builds(
    ItemPlan,
    exercise_id=st.sampled_from(["bridge", "plank", "walk"]),
    times_per_day=st.integers(1, 4),
    days_mask=st.integers(0, 127),
    days_per_week=st.one_of(st.none(), st.integers(1, 7)),
)


@st.composite
def windows(draw: st.DrawFn) -> VersionWindow:
    first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 60)))
    last = first + timedelta(days=draw(st.integers(0, 40)))
    plan = tuple(draw(st.lists(items, max_size=4)))
    return VersionWindow(draw(st.integers(1, 99)), 1, first, last, plan)


@given(st.lists(windows(), max_size=3))
def test_counting_by_weekday_is_counting_the_days(drawn: list[VersionWindow]) -> None:
    ledger = Ledger.build(drawn, date(2026, 1, 1), date(2026, 4, 30), {}, [])
    assert fixed_sessions(drawn) == sum(ledger.fixed_prescribed.values())
