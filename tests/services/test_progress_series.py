"""The overview's shortcuts give what the definitions give.

"What helps?" pairs each day of the range with the next day's pain by walking the rated days,
and the overview finds the streak in the range's last days before it looks at the rest: on any
data, the same figures as walking every day.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from histories import Done, History, Item
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.adherence_ledger import current_streak
from coach.services.context import AppContext
from coach.services.progress import ProgressService, what_helps
from coach.store.progress_queries import DayPain

FIRST = date(2026, 1, 5)
LAST = date(2026, 2, 15)
TODAY = date(2026, 3, 11)  # tests/conftest.py


def next_day_pain_by_walking(
    pain: list[DayPain], exercised: set[date], first: date, last: date
) -> tuple[list[float], list[float]]:
    """The definition: every day of the range, and the pain of the day after it if rated."""
    by_day = {p.day: p.mean for p in pain}
    after_exercise: list[float] = []
    after_other: list[float] = []
    day = first
    while day <= last:
        following = by_day.get(day + timedelta(days=1))
        if following is not None:
            (after_exercise if day in exercised else after_other).append(following)
        day += timedelta(days=1)
    return after_exercise, after_other


days = st.dates(FIRST - timedelta(days=20), LAST + timedelta(days=20))


@given(
    st.dictionaries(days, st.floats(0, 10, allow_nan=False), max_size=80),
    st.sets(days, max_size=60),
)
def test_next_day_pain_is_paired_as_by_walking_every_day(
    ratings: dict[date, float], exercised: set[date]
) -> None:
    pain = [DayPain(d, mean, mean, 1) for d, mean in sorted(ratings.items())]
    helps = what_helps(pain, treatments=[], nearby=[], exercised=exercised, first=FIRST, last=LAST)
    after_exercise, after_other = next_day_pain_by_walking(pain, exercised, FIRST, LAST)
    if helps.exercise is None:
        assert min(len(after_exercise), len(after_other)) < 5
        assert f"{len(after_exercise)} exercise days" in helps.left_out[-1]
        assert f"{len(after_other)} other days" in helps.left_out[-1]
    else:
        assert helps.exercise.exercise_days == len(after_exercise)
        assert helps.exercise.other_days == len(after_other)
        assert helps.exercise.after_exercise == sum(after_exercise) / len(after_exercise)
        assert helps.exercise.after_other == sum(after_other) / len(after_other)


@pytest.fixture
def history(patient: AppContext) -> History:
    return History(patient.store.engine)


@pytest.fixture
def progress(patient: AppContext) -> ProgressService:
    return patient.own_patient().progress


@pytest.mark.parametrize("short_days_ago", [2, 63, 64, 65, 150, 299])
def test_a_streak_broken_long_ago_in_the_range_is_found_in_it(
    history: History, progress: ProgressService, short_days_ago: int
) -> None:
    """However far back in the range the last short day is, the overview's streak is the one
    counted over all of the range's days."""
    start = TODAY - timedelta(days=299)
    p = history.programme(start, [Item("bridge")])
    short = TODAY - timedelta(days=short_days_ago)
    for n in range(300):
        d = start + timedelta(days=n)
        history.session(d, p, [Done("bridge", "skipped" if d == short else "done")])
    overview = progress.overview(start, TODAY)
    assert overview.summary.streak == current_streak(progress.daily_adherence(start, TODAY), TODAY)
    assert overview.summary.streak.days == short_days_ago
    assert overview.summary.streak == progress.streak()
