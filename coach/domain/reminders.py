"""When to remind the patient to exercise: the day's sessions spread over their waking hours.

Adherence is what home programmes lose (CLINICAL.md: McKenzie asks for a set every 2-3 hours),
so each active programme gets as many reminders a day as its most frequent item asks for
(`times_per_day`), spread evenly over the waking window and counted down by what is already
done. The rules, all evaluated afresh from "now" so nothing here keeps state:

- Session k of n is due at the middle of the k-th n-th of the waking window (08:00-21:00 and 3
  a day gives 10:10, 14:30, 18:50); the next one is never sooner than one such gap after the
  last session done, so doing a late session does not bring the next straight after it.
- Catch-up after the computer slept (or Coach was closed): missed slots collapse into one
  reminder for the next session, due since its slot; nothing from yesterday is carried over,
  and nothing is shown once the waking window has ended.
- Snooze holds every reminder back until a moment; "until tomorrow" means the start of the next
  waking window. Quiet days have no reminders; quiet hours inside the window hold a reminder
  until they end. A day with nothing prescribed has none.

Wall times (window, quiet hours) are read in the user's zone on the day in question, and all
arithmetic is done on UTC instants, so a 23- or 25-hour DST day and a change of zone put the
reminders at the same local times the user chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coach.domain.profile import ValidationError

DEFAULT_WAKE = time(8, 0)
DEFAULT_SLEEP = time(21, 0)


class Snooze(StrEnum):
    """How long "Snooze" holds the reminders back."""

    QUARTER_HOUR = "15min"
    HOUR = "1h"
    TOMORROW = "tomorrow"


SNOOZE_LENGTH = {Snooze.QUARTER_HOUR: timedelta(minutes=15), Snooze.HOUR: timedelta(hours=1)}


@dataclass(frozen=True)
class ReminderRules:
    """The user's choices: waking window, quiet days (0 = Monday) and optional quiet hours."""

    wake: time = DEFAULT_WAKE
    sleep: time = DEFAULT_SLEEP
    quiet_days: frozenset[int] = frozenset()
    quiet_from: time | None = None
    quiet_to: time | None = None

    def __post_init__(self) -> None:
        if self.wake >= self.sleep:
            raise ValidationError("reminders.wake", "The waking time must be before bedtime.")
        if not self.quiet_days <= frozenset(range(7)):
            raise ValidationError("reminders.quiet_days", "Days of the week are numbered 0 to 6.")
        if (self.quiet_from is None) != (self.quiet_to is None):
            raise ValidationError("reminders.quiet_from", "Quiet hours need a start and an end.")
        if (
            self.quiet_from is not None
            and self.quiet_to is not None
            and not (self.quiet_from < self.quiet_to)
        ):
            raise ValidationError("reminders.quiet_from", "Quiet hours must start before they end.")


@dataclass(frozen=True)
class ProgrammeDay:
    """What the reminders need from one programme on one day."""

    programme_id: int
    name: str
    sessions: int  # times a day the programme asks for: its most frequent item's
    done: int  # whole sessions already done today
    last_done: datetime | None = None  # when the latest of them ended


@dataclass(frozen=True)
class Reminder:
    programme_id: int
    name: str
    day: date
    session: int  # which of the day's sessions this is for, from 0
    sessions: int
    due: datetime  # when that session fell due (UTC); earlier than `at` when overdue
    at: datetime  # when to show it (UTC): not before now's snooze or quiet hours end

    @property
    def key(self) -> tuple[int, date, int]:
        """The same reminder keeps its key until that session is done, so it is shown once."""
        return (self.programme_id, self.day, self.session)

    def is_due(self, now: datetime) -> bool:
        return self.at <= now


def wall(day: date, moment: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time. A time skipped by a DST change (02:30 in spring)
    is read with the offset before the change, so it lands an hour later on the clock."""
    return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC)


def session_times(day: date, tz: ZoneInfo, rules: ReminderRules, sessions: int) -> list[datetime]:
    """Where the day's `sessions` fall: the middle of each equal share of the waking window."""
    start, end = wall(day, rules.wake, tz), wall(day, rules.sleep, tz)
    share = (end - start) / sessions
    return [start + share * (k + 0.5) for k in range(sessions)]


def snoozed_until(now: datetime, tz: ZoneInfo, rules: ReminderRules, choice: Snooze) -> datetime:
    if choice is Snooze.TOMORROW:
        return next_wake(now, tz, rules)
    return now.astimezone(UTC) + SNOOZE_LENGTH[choice]


def next_wake(now: datetime, tz: ZoneInfo, rules: ReminderRules) -> datetime:
    """The start of the next waking window after today's, on a day that is not quiet."""
    day = now.astimezone(tz).date() + timedelta(days=1)
    while day.weekday() in rules.quiet_days:
        day += timedelta(days=1)
    return wall(day, rules.wake, tz)


def schedule(
    now: datetime,
    tz: ZoneInfo,
    rules: ReminderRules,
    programmes: Iterable[ProgrammeDay],
    snoozed: datetime | None = None,
) -> list[Reminder]:
    """The next reminder today for each programme with sessions left, soonest first.

    `programmes` are those prescribing something on today's local day; a programme whose next
    session could only be shown after bedtime (or is held past it by a snooze) has none.
    """
    day = now.astimezone(tz).date()
    if day.weekday() in rules.quiet_days:
        return []
    bedtime = wall(day, rules.sleep, tz)
    found: list[Reminder] = []
    for programme in programmes:
        if programme.done >= programme.sessions:
            continue
        slots = session_times(day, tz, rules, programme.sessions)
        due = slots[programme.done]
        if programme.last_done is not None:
            gap = slots[1] - slots[0] if programme.sessions > 1 else timedelta(0)
            due = max(due, programme.last_done.astimezone(UTC) + gap)
        at = _shown_at(due, now, day, tz, rules, snoozed)
        if max(at, now) >= bedtime:
            continue
        found.append(
            Reminder(
                programme.programme_id,
                programme.name,
                day,
                programme.done,
                programme.sessions,
                due,
                at,
            )
        )
    return sorted(found, key=lambda r: (r.at, r.programme_id))


def _shown_at(  # noqa: PLR0917 - the rules' inputs, each needed
    due: datetime,
    now: datetime,
    day: date,
    tz: ZoneInfo,
    rules: ReminderRules,
    snoozed: datetime | None,
) -> datetime:
    at = due if snoozed is None else max(due, snoozed)
    if rules.quiet_from is None or rules.quiet_to is None:
        return at
    quiet_start, quiet_end = wall(day, rules.quiet_from, tz), wall(day, rules.quiet_to, tz)
    # An overdue reminder would show now: hold it too if now is quiet.
    shown = max(at, now.astimezone(UTC))
    return quiet_end if quiet_start <= shown < quiet_end else at
