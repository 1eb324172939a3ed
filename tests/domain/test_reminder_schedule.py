"""The reminder schedule on a fake clock: spreading, counting down, catch-up, snooze, quiet
times, DST days and a change of time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.domain.clock import ManualClock
from coach.domain.profile import ValidationError
from coach.domain.reminders import (
    ProgrammeDay,
    ReminderRules,
    Snooze,
    next_wake,
    schedule,
    session_times,
    snoozed_until,
    wall,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
RULES = ReminderRules()


def local(day: date, hour: int, minute: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


WEDNESDAY = date(2026, 3, 11)


def clock_times(moments: list[datetime], tz: ZoneInfo = BERLIN) -> list[str]:
    return [f"{m.astimezone(tz):%H:%M}" for m in moments]


def three_a_day(done: int = 0, last_done: datetime | None = None) -> ProgrammeDay:
    return ProgrammeDay(7, "Back routine", 3, done, last_done)


def test_sessions_spread_over_the_waking_window() -> None:
    assert clock_times(session_times(WEDNESDAY, BERLIN, RULES, 3)) == ["10:10", "14:30", "18:50"]
    assert clock_times(session_times(WEDNESDAY, BERLIN, RULES, 1)) == ["14:30"]
    late = ReminderRules(wake=time(10), sleep=time(22))
    assert clock_times(session_times(WEDNESDAY, BERLIN, late, 2)) == ["13:00", "19:00"]


def test_next_reminder_counts_down_what_is_done() -> None:
    now = local(WEDNESDAY, 9)
    [first] = schedule(now, BERLIN, RULES, [three_a_day()])
    assert (first.session, clock_times([first.at])) == (0, ["10:10"])
    assert not first.is_due(now)
    [second] = schedule(now, BERLIN, RULES, [three_a_day(done=1)])
    assert (second.session, clock_times([second.at])) == (1, ["14:30"])
    assert schedule(now, BERLIN, RULES, [three_a_day(done=3)]) == []


def test_a_late_session_pushes_the_next_one_back_by_a_gap() -> None:
    done_at = local(WEDNESDAY, 14)  # the morning session done late, at 14:00
    [after] = schedule(local(WEDNESDAY, 14, 5), BERLIN, RULES, [three_a_day(1, done_at)])
    assert clock_times([after.due]) == ["18:20"]  # 14:00 + 4 h 20, not 14:30


def test_nothing_prescribed_means_no_reminder() -> None:
    assert schedule(local(WEDNESDAY, 12), BERLIN, RULES, []) == []


def test_catch_up_after_sleep_is_one_reminder_not_a_burst() -> None:
    """The computer slept from 09:00 to 16:00: two slots passed; one reminder is due, for the
    first session, and it keeps its key until that session is done."""
    clock = ManualClock(local(WEDNESDAY, 9))
    assert not any(
        r.is_due(clock.now()) for r in schedule(clock.now(), BERLIN, RULES, [three_a_day()])
    )
    clock.advance(7 * 3600)
    due = [
        r for r in schedule(clock.now(), BERLIN, RULES, [three_a_day()]) if r.is_due(clock.now())
    ]
    assert len(due) == 1
    assert due[0].session == 0 and clock_times([due[0].due]) == ["10:10"]
    clock.advance(600)
    [again] = schedule(clock.now(), BERLIN, RULES, [three_a_day()])
    assert again.key == due[0].key


def test_no_reminder_after_bedtime_and_nothing_carried_to_the_next_day() -> None:
    assert schedule(local(WEDNESDAY, 21, 30), BERLIN, RULES, [three_a_day(done=1)]) == []
    # A late session leaves no room for the last one before bedtime.
    late = three_a_day(2, local(WEDNESDAY, 18))
    assert schedule(local(WEDNESDAY, 18, 10), BERLIN, RULES, [late]) == []
    # The next morning starts afresh from that day's count (the service reports 0 done).
    [morning] = schedule(local(date(2026, 3, 12), 7), BERLIN, RULES, [three_a_day()])
    assert morning.day == date(2026, 3, 12) and morning.session == 0
    assert not morning.is_due(local(date(2026, 3, 12), 7))


def test_snooze_holds_every_reminder_back() -> None:
    now = local(WEDNESDAY, 11)
    quarter = snoozed_until(now, BERLIN, RULES, Snooze.QUARTER_HOUR)
    hour = snoozed_until(now, BERLIN, RULES, Snooze.HOUR)
    assert clock_times([quarter, hour]) == ["11:15", "12:00"]
    [held] = schedule(now, BERLIN, RULES, [three_a_day()], snoozed=quarter)
    assert not held.is_due(now) and clock_times([held.due, held.at]) == ["10:10", "11:15"]
    assert held.is_due(now + timedelta(minutes=15))
    # A snooze ending before the next slot changes nothing for it.
    [next_one] = schedule(now, BERLIN, RULES, [three_a_day(done=1)], snoozed=hour)
    assert clock_times([next_one.at]) == ["14:30"]


def test_snooze_until_tomorrow_silences_today_and_skips_quiet_days() -> None:
    friday = date(2026, 3, 13)
    weekend_off = ReminderRules(quiet_days=frozenset({5, 6}))
    until = snoozed_until(local(friday, 11), BERLIN, weekend_off, Snooze.TOMORROW)
    assert until == local(date(2026, 3, 16), 8)  # Monday's waking time
    assert schedule(local(friday, 11), BERLIN, weekend_off, [three_a_day()], snoozed=until) == []
    assert next_wake(local(friday, 11), BERLIN, RULES) == local(date(2026, 3, 14), 8)


def test_quiet_days_have_no_reminders() -> None:
    saturday = date(2026, 3, 14)
    weekend_off = ReminderRules(quiet_days=frozenset({5, 6}))
    assert schedule(local(saturday, 12), BERLIN, weekend_off, [three_a_day()]) == []
    assert schedule(local(saturday, 12), BERLIN, RULES, [three_a_day()]) != []


def test_quiet_hours_hold_a_reminder_until_they_end() -> None:
    lunch = ReminderRules(quiet_from=time(12), quiet_to=time(15))
    [held] = schedule(local(WEDNESDAY, 11), BERLIN, lunch, [three_a_day(done=1)])
    assert clock_times([held.due, held.at]) == ["14:30", "15:00"]
    # Overdue from the morning, but it is quiet now: shown when the quiet hours end.
    [overdue] = schedule(local(WEDNESDAY, 13), BERLIN, lunch, [three_a_day()])
    assert clock_times([overdue.at]) == ["15:00"] and not overdue.is_due(local(WEDNESDAY, 13))
    [after] = schedule(local(WEDNESDAY, 15, 30), BERLIN, lunch, [three_a_day()])
    assert after.is_due(local(WEDNESDAY, 15, 30)) and clock_times([after.at]) == ["10:10"]


def test_rules_are_checked() -> None:
    with pytest.raises(ValidationError) as err:
        ReminderRules(wake=time(21), sleep=time(8))
    assert err.value.field == "reminders.wake"
    with pytest.raises(ValidationError):
        ReminderRules(quiet_from=time(12))
    with pytest.raises(ValidationError):
        ReminderRules(quiet_from=time(15), quiet_to=time(12))
    with pytest.raises(ValidationError):
        ReminderRules(quiet_days=frozenset({7}))


def simulate_day(
    start: datetime, tz: ZoneInfo, rules: ReminderRules, sessions: int, hours: float
) -> list[datetime]:
    """Run a fake clock in 5-minute steps; whenever a reminder falls due, the patient does the
    session at once. Returns the moments reminders were shown."""
    clock = ManualClock(start)
    done: dict[date, int] = {}
    last: datetime | None = None
    shown: list[datetime] = []
    for _ in range(int(hours * 12)):
        now = clock.now()
        day = now.astimezone(tz).date()
        programme = ProgrammeDay(1, "Neck", sessions, done.get(day, 0), last)
        for reminder in schedule(now, tz, rules, [programme]):
            if reminder.is_due(now):
                shown.append(now)
                done[day] = done.get(day, 0) + 1
                last = now
        clock.advance(300)
    return shown


@pytest.mark.parametrize("night", [date(2026, 3, 28), date(2026, 10, 24)])
def test_dst_nights_keep_the_local_times(night: date) -> None:
    """Across the spring and autumn changes the reminders stay at the chosen local times."""
    shown = simulate_day(local(night, 21, 30), BERLIN, RULES, 3, 48)
    assert [f"{m.astimezone(BERLIN):%d %H:%M}" for m in shown] == [
        f"{d:02d} {t}" for d in (night.day + 1, night.day + 2) for t in ("10:10", "14:30", "18:50")
    ]
    offsets = {m.astimezone(BERLIN).utcoffset() for m in shown[:3]}
    assert len(offsets) == 1  # the whole day after the change is on the new offset


def test_a_window_across_the_change_is_spread_in_real_hours() -> None:
    """01:00 to 05:00 on the spring-forward night is three real hours, not four."""
    night = ReminderRules(wake=time(1), sleep=time(5))
    times = session_times(date(2026, 3, 29), BERLIN, night, 3)
    assert clock_times(times) == ["01:30", "03:30", "04:30"]
    assert [t - times[0] for t in times] == [timedelta(0), timedelta(hours=1), timedelta(hours=2)]
    # A waking time the change skips (02:30) is read as an hour later on the clock.
    assert clock_times([wall(date(2026, 3, 29), time(2, 30), BERLIN)]) == ["03:30"]


def test_a_change_of_time_zone_follows_the_new_local_day() -> None:
    """Robin flies from Berlin to New York: the same instant is a different local time and
    day, and the reminders follow the zone the profile now names."""
    now = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)  # 16:00 in Berlin, 11:00 in New York
    [berlin] = schedule(now, BERLIN, RULES, [three_a_day(done=1)])
    assert clock_times([berlin.at]) == ["14:30"] and berlin.is_due(now)
    [new_york] = schedule(now, NEW_YORK, RULES, [three_a_day(done=1)])
    assert clock_times([new_york.at], NEW_YORK) == ["14:30"] and not new_york.is_due(now)
    late = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)  # 22:00 on the 11th in New York
    assert schedule(late, NEW_YORK, RULES, [three_a_day()]) == []
    [next_day] = schedule(late, BERLIN, RULES, [three_a_day()])  # 03:00 on the 12th in Berlin
    assert next_day.day == date(2026, 3, 12)
    shown = simulate_day(datetime(2026, 3, 11, 5, tzinfo=UTC), NEW_YORK, RULES, 2, 24)
    assert clock_times(shown, NEW_YORK) == ["11:15", "17:45"]
