"""Adherence, pain and "what helps" on constructed histories, checked against hand arithmetic.

The clock stands on Wednesday 11 March 2026 (tests/conftest.py); most histories use the week of
Monday 2 to Sunday 8 March. Rows are inserted straight into the tables (tests/histories.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from histories import Done, History, Item

from coach.domain.adherence_ledger import ProgrammeSpan, Version, version_windows
from coach.domain.days import day_bounds_utc, local_day
from coach.domain.outcomes import Verdict
from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.services.progress import MIN_DAYS, ProgressService, pain_change
from coach.store.progress_queries import DayPain

MON = date(2026, 3, 2)
SUN = date(2026, 3, 8)
TODAY = date(2026, 3, 11)


def day(n: int) -> date:
    """MON + n days."""
    return MON + timedelta(days=n)


@pytest.fixture
def history(patient: AppContext) -> History:
    return History(patient.store.engine)


@pytest.fixture
def progress(patient: AppContext) -> ProgressService:
    return patient.own_patient().progress


def daily(progress: ProgressService, first: date = MON, last: date = SUN) -> dict[date, float]:
    return {a.first: round(a.percent, 1) for a in progress.daily_adherence(first, last)}


def test_partial_exercises_count_sets_done_over_sets_prescribed(
    history: History, progress: ProgressService
) -> None:
    p = history.programme(MON, [Item("bridge", sets=2), Item("bird-dog", sets=3)], end=day(1))
    history.session(
        MON,
        p,
        [Done("bridge", "partial", done_sets=1, planned_sets=2), Done("bird-dog", "done")],
    )
    # Partial sets count by repetitions: 1 full set and half of another of 3 sets of 10.
    history.session(
        day(1),
        p,
        [
            Done("bridge", "skipped", planned_sets=2),
            Done("bird-dog", "partial", done_sets=1, planned_sets=3, done_reps=15),
        ],
    )
    assert daily(progress) == {MON: 75.0, day(1): 25.0}  # (0.5 + 1) / 2, (0 + 0.5) / 2
    period = progress.adherence(MON, SUN)
    assert period is not None
    assert period.done == pytest.approx(2.0)
    assert period.prescribed == 4
    # The whole counts beside: one done in full, two partly, one skipped.
    assert (period.full, period.partly, period.sessions) == (1, 2, 4)
    assert [(a.full, a.partly) for a in progress.daily_adherence(MON, SUN)] == [(1, 1), (0, 1)]


def test_skipped_days_are_zero_and_unscheduled_days_are_absent(
    history: History, progress: ProgressService
) -> None:
    # Monday, Wednesday and Friday only.
    p = history.programme(MON, [Item("cat-camel", days=[0, 2, 4])])
    history.session(MON, p, [Done("cat-camel")])
    history.session(day(2), p, [Done("cat-camel", "skipped")])
    # Done on an unscheduled Tuesday: no credit, and no day appears.
    history.session(day(1), p, [Done("cat-camel")])
    assert daily(progress) == {MON: 100.0, day(2): 0.0, day(4): 0.0}
    weeks = progress.weekly_adherence(MON, SUN)
    assert [(w.done, w.prescribed) for w in weeks] == [(1.0, 3)]


def test_nothing_prescribed_means_no_figure_not_zero(progress: ProgressService) -> None:
    assert progress.daily_adherence(MON, SUN) == []
    assert progress.adherence(MON, SUN) is None


def test_more_sessions_than_prescribed_cannot_hide_a_missed_exercise(
    history: History, progress: ProgressService
) -> None:
    p = history.programme(MON, [Item("bridge", times_per_day=2), Item("chin-tuck")], end=MON)
    history.session(MON, p, [Done("bridge"), Done("bridge"), Done("bridge"), Done("bridge")])
    assert daily(progress) == {MON: pytest.approx(66.7)}  # bridge capped at 2 of 3 sessions


def test_a_programme_edited_mid_week_counts_each_day_by_its_own_version(
    history: History, progress: ProgressService
) -> None:
    p = history.programme(MON, [Item("bridge")], end=SUN)
    history.version(p, day(3), [Item("bird-dog", times_per_day=2)])
    for n in range(3):
        history.session(day(n), p, [Done("bridge")])
    # Thursday: the old exercise no longer counts; the new one is prescribed twice.
    history.session(day(3), p, [Done("bridge"), Done("bird-dog")])
    history.session(day(4), p, [Done("bird-dog"), Done("bird-dog")])
    found = daily(progress)
    assert [found[day(n)] for n in range(5)] == [100.0, 100.0, 100.0, 50.0, 100.0]
    week = progress.adherence(MON, SUN)
    assert week is not None
    assert (week.done, week.prescribed) == (6.0, 3 + 2 * 4)


def test_a_same_day_edit_keeps_the_days_logs_counted(
    patient: AppContext, history: History, progress: ProgressService
) -> None:
    """A second edit on a day rewrites that version's item rows; logs lose their item_id but
    are matched by programme and exercise, so the morning's work still counts."""
    from sqlalchemy import update

    from coach.store.schema import exercise_log

    p = history.programme(MON, [Item("bridge", times_per_day=2)], end=MON)
    history.session(MON, p, [Done("bridge")])
    with patient.store.engine.begin() as conn:
        conn.execute(update(exercise_log).values(item_id=None))
    history.session(MON, p, [Done("bridge")], at=time(18, 0))
    assert daily(progress) == {MON: 100.0}


def test_two_active_programmes_each_count_their_own_work(
    history: History, progress: ProgressService
) -> None:
    morning = history.programme(MON, [Item("bridge")], name="Morning", end=MON)
    neck = history.programme(
        MON, [Item("bridge"), Item("chin-tuck", times_per_day=2)], name="Neck", end=MON
    )
    # Two bridges in the morning programme do not make up for the neck programme's bridge.
    history.session(MON, morning, [Done("bridge"), Done("bridge")])
    history.session(MON, neck, [Done("chin-tuck"), Done("chin-tuck")])
    history.session(MON, None, [Done("bridge")])  # a free session outside any programme
    assert daily(progress) == {MON: 75.0}  # (1 + 0 + 2) of (1 + 1 + 2)


def test_flexible_items_are_counted_per_week(history: History, progress: ProgressService) -> None:
    p = history.programme(MON, [Item("walk", days_per_week=3)], end=SUN + timedelta(days=7))
    history.session(MON, p, [Done("walk")])
    history.session(day(2), p, [Done("walk"), Done("walk")])  # twice on one day counts once
    # Days without it are not missed days; only the days done appear.
    assert daily(progress) == {MON: 100.0, day(2): 100.0}
    weeks = progress.weekly_adherence(MON, SUN + timedelta(days=7))
    assert [(w.first, w.done, w.prescribed) for w in weeks] == [
        (MON, 2.0, pytest.approx(3.0)),
        # This week is only three days old (today is Wednesday): three sevenths of it.
        (MON + timedelta(days=7), 0.0, pytest.approx(3 * 3 / 7)),
    ]
    # A range starting on Friday expects the week's share: 3 of 7 days of 3 sessions.
    partial = progress.adherence(day(4), SUN)
    assert partial is not None
    assert partial.prescribed == pytest.approx(3 * 3 / 7)


def test_templates_never_count_and_archived_programmes_stop_the_day_before(
    history: History, progress: ProgressService
) -> None:
    history.programme(MON, [Item("bridge")], template=True)
    archived = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)  # a Thursday
    history.programme(MON, [Item("cat-camel")], archived_at=archived)
    assert sorted(daily(progress)) == [MON, day(1), day(2)]


def test_days_after_today_are_not_counted_as_missed(
    history: History, progress: ProgressService
) -> None:
    p = history.programme(TODAY - timedelta(days=1), [Item("bridge")])
    history.session(TODAY - timedelta(days=1), p, [Done("bridge")])
    period = progress.adherence(TODAY - timedelta(days=1), TODAY + timedelta(days=30))
    assert period is not None
    assert period.prescribed == 2  # yesterday and today, not the month ahead


@pytest.mark.parametrize(
    ("tz", "spring", "autumn"),
    [
        ("America/New_York", date(2026, 3, 8), date(2026, 11, 1)),
        ("Europe/Berlin", date(2026, 3, 29), date(2026, 10, 25)),
    ],
)
def test_dst_days_of_23_and_25_hours_count_once_each(
    patient: AppContext, history: History, tz: str, spring: date, autumn: date
) -> None:
    zone = ZoneInfo(tz)
    for changed, hours in ((spring, 23), (autumn, 25)):
        start, end = day_bounds_utc(changed, zone)
        assert end - start == timedelta(hours=hours)
    first, last = spring - timedelta(days=3), autumn + timedelta(days=3)
    clock_day = autumn + timedelta(days=10)
    patient.clock.set_now(datetime.combine(clock_day, time(12), tzinfo=UTC))  # type: ignore[attr-defined]
    p = history.programme(first, [Item("bridge"), Item("chin-tuck", days=[6])], end=last)
    for around in (spring, autumn):
        for n in range(-3, 4):
            moment = datetime.combine(around + timedelta(days=n), time(23, 30), tzinfo=zone)
            # Late evening, just before midnight: the local day is the one the user lived.
            written = local_day(moment, zone)
            assert written == around + timedelta(days=n)
            history.session(written, p, [Done("bridge"), Done("chin-tuck")], tz=tz, at=time(23, 30))
    found = {a.first: a for a in patient.own_patient().progress.daily_adherence(first, last)}
    for around in (spring, autumn):
        week = [around + timedelta(days=n) for n in range(-3, 4)]
        assert all(found[d].percent == 100.0 for d in week)
        # Both DST changes fall on a Sunday, the chin tuck's only day: prescribed there alone.
        assert [found[d].prescribed for d in week] == [1, 1, 1, 2, 1, 1, 1]


def test_travelling_keeps_the_day_each_row_was_written_with(
    patient: AppContext, history: History
) -> None:
    """A session at 20:00 in New York is 01:00 the next day at home in Berlin; it was written
    on the New York day and stays there after the user comes home and changes zone."""
    patient.profile.update(name="Robin", role=Role.PATIENT, timezone="Europe/Berlin")
    p = history.programme(MON, [Item("bridge")], end=day(3))
    moment = datetime.combine(day(1), time(20, 0), tzinfo=ZoneInfo("America/New_York"))
    assert local_day(moment, ZoneInfo("Europe/Berlin")) == day(2)
    written = local_day(moment, ZoneInfo("America/New_York"))
    history.session(written, p, [Done("bridge")], tz="America/New_York", at=time(20, 0))
    patient.profile.update(name="Robin", role=Role.PATIENT, timezone="Asia/Tokyo")
    assert daily(patient.own_patient().progress) == {
        MON: 0.0,
        day(1): 100.0,
        day(2): 0.0,
        day(3): 0.0,
    }


def test_streak_counts_adherent_days_back_from_today_skipping_absent_days(
    history: History, progress: ProgressService
) -> None:
    # Weekdays only, from Monday 23 February; today is Wednesday 11 March.
    start = date(2026, 2, 23)
    p = history.programme(start, [Item("bridge", times_per_day=2, days=[0, 1, 2, 3, 4])])
    for n in range(17):
        d = start + timedelta(days=n)
        if d.weekday() >= 5 or d == TODAY:
            continue
        half = d == date(2026, 3, 4)  # Wednesday last week: one of two
        history.session(d, p, [Done("bridge")] if half else [Done("bridge"), Done("bridge")])
    # Today has not been done yet: still in progress, not a break.
    streak = progress.streak()
    assert (streak.days, streak.since) == (4, date(2026, 3, 5))  # Thu, Fri, Mon, Tue
    history.session(TODAY, p, [Done("bridge"), Done("bridge")])
    assert progress.streak().days == 5


def test_streak_reaches_back_beyond_the_first_look(
    history: History, progress: ProgressService
) -> None:
    start = TODAY - timedelta(days=99)
    p = history.programme(start, [Item("bridge")])
    for n in range(100):
        history.session(start + timedelta(days=n), p, [Done("bridge")])
    assert progress.streak().days == 100


def test_pain_series_takes_entries_checkins_and_session_ratings(
    history: History, progress: ProgressService
) -> None:
    history.pain(MON, 4)
    history.pain(MON, 6, at=time(18, 0))
    history.checkin(MON, worst=8, typical=5)
    history.session(MON, None, [], pain_before=3, pain_after=2)
    history.pain(day(1), 2)
    series = progress.pain_series(MON, SUN)
    assert series == [DayPain(MON, 4.0, 8.0, 5), DayPain(day(1), 2.0, 2.0, 1)]


@pytest.mark.parametrize(
    ("start", "end", "verdict"),
    [
        (6, 4, Verdict.IMPORTANT),  # middle baseline: about 2 points
        (3, 2, Verdict.IMPORTANT),  # baseline 1-4: about 1 point
        (6, 5, Verdict.SMALL),
        (9, 6, Verdict.POSSIBLE),  # baseline 8-10: 3-4 points
        (9, 5, Verdict.IMPORTANT),
        (9, 7, Verdict.SMALL),
    ],
)
def test_pain_change_against_the_clinically_important_difference(
    start: int, end: int, verdict: Verdict
) -> None:
    days = [DayPain(day(n), float(start), float(start), 1) for n in range(7)]
    days += [DayPain(day(20 + n), float(end), float(end), 1) for n in range(7)]
    change, reason = pain_change(days)
    assert change is not None and not reason
    assert (change.start, change.end, change.verdict) == (start, end, verdict)
    assert ("lower" in change.text) == (end < start)


def test_pain_change_needs_enough_days_at_each_end() -> None:
    days = [DayPain(day(n), 5.0, 5.0, 1) for n in range(5)]
    change, reason = pain_change(days)
    assert change is None
    assert "at least 6 days" in reason
    # With fewer than 14 days the ends shrink to half each, never overlapping.
    change, _ = pain_change([DayPain(day(n), float(n), float(n), 1) for n in range(8)])
    assert change is not None
    assert (change.days_each_end, change.start, change.end) == (4, 1.5, 5.5)


def test_what_helps_compares_pain_around_treatments(
    history: History, progress: ProgressService
) -> None:
    injection = date(2026, 2, 10)
    for n in range(1, 15):
        history.pain(injection - timedelta(days=n), 6)
        if n % 2 == 0:  # every other day after: 7 days rated
            history.pain(injection + timedelta(days=n), 3)
    history.pain(injection, 9)  # the day itself belongs to neither side
    history.treatment(injection, "epidural_steroid_injection", "L5-S1")
    history.treatment(injection - timedelta(days=10), "massage")  # too few days before it
    helps = progress.overview(date(2026, 1, 30), date(2026, 2, 20)).helps
    (effect,) = helps.treatments
    assert (effect.before, effect.after, effect.days_before, effect.days_after) == (6, 3, 14, 7)
    assert effect.others_nearby == 1
    assert "pain averaged 6.0" in effect.text and "3.0 points lower" in effect.text
    assert "cannot be put down to this one" in effect.text
    assert "caused" not in effect.text
    assert any(
        "Massage" in reason and "4 of the 14 days before" in reason for reason in helps.left_out
    )


def test_what_helps_compares_next_day_pain_after_exercise_days(
    history: History, progress: ProgressService
) -> None:
    first = date(2026, 2, 1)
    for n in range(20):
        d = first + timedelta(days=n)
        exercised = n % 2 == 0
        if exercised:
            history.session(d, None, [Done("bridge")])
        else:
            history.session(d, None, [Done("bridge", "skipped")])  # skipped is not exercise
        # Pain on the day after: 3 after exercise days, 5 after the others.
        history.pain(d + timedelta(days=1), 3 if exercised else 5)
    effect = progress.overview(first, first + timedelta(days=19)).helps.exercise
    assert effect is not None
    assert (effect.after_exercise, effect.after_other) == (3.0, 5.0)
    assert (effect.exercise_days, effect.other_days) == (10, 10)
    assert "2.0 points lower than after other days" in effect.text


def test_what_helps_is_hidden_with_too_few_days(
    history: History, progress: ProgressService
) -> None:
    for n in range(MIN_DAYS - 1):
        history.session(day(n), None, [Done("bridge")])
        history.pain(day(n + 1), 4)
    helps = progress.overview(MON, SUN).helps
    assert helps.empty
    assert helps.exercise is None
    assert any("at least 5 of each" in reason for reason in helps.left_out)


def test_overview_of_an_empty_database(progress: ProgressService) -> None:
    assert progress.span() is None
    overview = progress.overview(MON, SUN)
    assert overview.empty
    assert overview.summary.adherence is None and overview.summary.pain is None
    assert overview.summary.streak.days == 0


def test_overview_summary_for_a_range(history: History, progress: ProgressService) -> None:
    p = history.programme(MON, [Item("bridge", times_per_day=2)])
    for n in range(10):  # Mon 2 .. Wed 11 March
        history.session(day(n), p, [Done("bridge")] * (2 if n >= 3 else 1))
        history.pain(day(n), 7 if n < 5 else 4)
    overview = progress.overview(MON, TODAY)
    assert progress.span() == (MON, TODAY)
    period = overview.summary.adherence
    assert period is not None
    assert (round(period.done), round(period.prescribed)) == (17, 20)
    assert overview.summary.streak.days == 7
    pain = overview.summary.pain
    assert pain is not None
    assert (pain.start, pain.end, pain.verdict) == (7.0, 4.0, Verdict.IMPORTANT)


def test_overview_streak_counts_back_beyond_its_range_unless_broken_in_it(
    history: History, progress: ProgressService
) -> None:
    """The range's own days settle the streak only when one of them broke it."""
    p = history.programme(MON, [Item("bridge")])
    for n in range(10):  # Mon 2 .. Wed 11 March, all done
        history.session(day(n), p, [Done("bridge")])
    assert progress.overview(day(7), TODAY).summary.streak.days == 10
    assert progress.overview(TODAY, TODAY).summary.streak.days == 10
    # A week ending before today still shows the streak as it stands today.
    assert progress.overview(MON, SUN).summary.streak.days == 10


def test_overview_streak_stops_at_a_day_short_in_its_range(
    history: History, progress: ProgressService
) -> None:
    p = history.programme(MON, [Item("bridge", times_per_day=2)])
    for n in range(10):
        history.session(day(n), p, [Done("bridge")] * (1 if n == 6 else 2))
    overview = progress.overview(day(5), TODAY)
    assert (overview.summary.streak.days, overview.summary.streak.since) == (3, day(7))


def test_version_windows_clip_to_programme_and_range() -> None:
    spans = [ProgrammeSpan(1, MON, end=day(20))]
    versions = [Version(10, 1, MON, ()), Version(11, 1, day(5), ())]
    windows = version_windows(spans, versions, day(2), day(30))
    assert [(w.version_id, w.first, w.last) for w in windows] == [
        (10, day(2), day(4)),
        (11, day(5), day(20)),
    ]
