"""Adherence over days, weeks and periods, from the programme history.

coach/domain/adherence.py defines what one logged exercise earns; this module says what was
prescribed on each local day and adds the credit up:

- The prescription of a day is, for each programme active that day, the items of its newest
  version effective on or before that day. A programme counts from its start date to its end
  date; an archived one up to the day before it was archived; templates never count.
- A fixed-days item is prescribed `times_per_day` times on each of its weekdays. Credit is
  matched to it by programme and exercise (not by item row: a same-day edit rewrites the item
  rows), summed over the day's log rows and capped at `times_per_day`.
- A flexible item ("any N days a week") has no day of its own, so a day on which it was not done
  is not a missed day. Daily figures count it only on days it was done (prescribed
  `times_per_day`, credited up to that). Weekly and period figures give it a quota per Monday-to-
  Sunday week of N x times_per_day, pro rata for the days of the week it was in force (a
  programme starting on a Friday does not expect a full week), and cap its weekly credit there.
- Daily adherence = credit / prescribed over the day's items; weekly and period adherence sum
  both over the period first. A day or week with nothing prescribed is absent, never 0 %.

Credit is summed in SQL (store/progress_queries.py); this module sees one number per day (plus
one per flexible item done that day) and the small programme tables, never the log rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.domain.adherence import Adherence

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ItemPlan:
    """One programme item's schedule: fixed weekdays (bit 0 = Monday) or N days a week."""

    exercise_id: str
    times_per_day: int
    days_mask: int = 127
    days_per_week: int | None = None

    @property
    def flexible(self) -> bool:
        return self.days_per_week is not None

    def on_weekday(self, weekday: int) -> bool:
        return not self.flexible and bool(self.days_mask & (1 << weekday))


@dataclass(frozen=True)
class ProgrammeSpan:
    """When a programme prescribes anything at all."""

    programme_id: int
    start: date
    end: date | None = None
    archived_on: date | None = None  # the local day it was archived
    is_template: bool = False

    @property
    def last_day(self) -> date | None:
        ends = [self.end] if self.end else []
        if self.archived_on is not None:
            ends.append(self.archived_on - ONE_DAY)
        return min(ends) if ends else None


@dataclass(frozen=True)
class Version:
    version_id: int
    programme_id: int
    effective_from: date
    items: tuple[ItemPlan, ...]


@dataclass(frozen=True)
class VersionWindow:
    """The days (inclusive) on which one version is the prescription in force."""

    version_id: int
    programme_id: int
    first: date
    last: date
    items: tuple[ItemPlan, ...]


def version_windows(
    spans: Iterable[ProgrammeSpan], versions: Iterable[Version], first: date, last: date
) -> list[VersionWindow]:
    """Each version's days in force, clipped to its programme's span and to first..last."""
    by_programme: dict[int, list[Version]] = defaultdict(list)
    for version in versions:
        by_programme[version.programme_id].append(version)
    windows: list[VersionWindow] = []
    for span in spans:
        if span.is_template:
            continue
        ordered = sorted(by_programme.get(span.programme_id, ()), key=lambda v: v.effective_from)
        span_last = span.last_day
        for index, version in enumerate(ordered):
            start = max(version.effective_from, span.start, first)
            ends = [last]
            if index + 1 < len(ordered):
                ends.append(ordered[index + 1].effective_from - ONE_DAY)
            if span_last is not None:
                ends.append(span_last)
            stop = min(ends)
            if start <= stop:
                windows.append(
                    VersionWindow(version.version_id, span.programme_id, start, stop, version.items)
                )
    return windows


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class FlexCredit:
    """A flexible item done on a day: its times per day and its credit (capped at that)."""

    day: date
    programme_id: int
    exercise_id: str
    times_per_day: int
    credit: float
    full: int = 0  # sessions done in full that day (within times_per_day)
    partly: int = 0  # sessions partly done


@dataclass
class Ledger:
    """Prescription and credit for a range of days, from which every figure is derived."""

    first: date
    last: date
    fixed_prescribed: dict[date, int] = field(default_factory=dict)
    fixed_done: dict[date, float] = field(default_factory=dict)
    flex: list[FlexCredit] = field(default_factory=list)
    # (Monday of the week, programme, exercise) -> sessions expected that week, pro rata.
    flex_quota: dict[tuple[date, int, str], float] = field(default_factory=dict)
    # Fixed-day sessions done in full and partly, per day (whole counts for the patient).
    fixed_counts: dict[date, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        windows: Sequence[VersionWindow],
        first: date,
        last: date,
        fixed_done: dict[date, float],
        flex: Sequence[FlexCredit],
        *,
        fixed_counts: dict[date, tuple[int, int]] | None = None,
    ) -> Ledger:
        prescribed: dict[date, int] = defaultdict(int)
        quota: dict[tuple[date, int, str], float] = defaultdict(float)
        for window in windows:
            per_weekday = [
                sum(i.times_per_day for i in window.items if i.on_weekday(wd)) for wd in range(7)
            ]
            flexible = [i for i in window.items if i.days_per_week is not None]
            day = window.first
            while day <= window.last:
                count = per_weekday[day.weekday()]
                if count:
                    prescribed[day] += count
                if flexible:
                    monday = week_start(day)
                    for item in flexible:
                        key = (monday, window.programme_id, item.exercise_id)
                        quota[key] += (item.days_per_week or 0) * item.times_per_day / 7
                day += ONE_DAY
        return cls(
            first,
            last,
            dict(prescribed),
            dict(fixed_done),
            list(flex),
            dict(quota),
            dict(fixed_counts or {}),
        )

    def daily(self, since: date | None = None) -> list[Adherence]:
        """One entry per day with anything prescribed (flexible items: on days done), in order;
        only the days from `since` on when it is given (the streak looks back from today)."""
        # Per day: credit, prescribed, sessions done in full, partly done. Ten years are some
        # 3 600 days, so this builds plain lists rather than four dictionaries.
        start = since or date.min
        days: dict[date, list[float]] = {}
        for day, count in self.fixed_prescribed.items():
            if day < start:
                continue
            full, partly = self.fixed_counts.get(day, (0, 0))
            days[day] = [self.fixed_done.get(day, 0.0), float(count), full, partly]
        for credit in self.flex:
            if credit.credit > 0 and credit.day >= start:
                entry = days.setdefault(credit.day, [0.0, 0.0, 0, 0])
                entry[0] += credit.credit
                entry[1] += credit.times_per_day
                entry[2] += credit.full
                entry[3] += credit.partly
        entries = []
        for d in sorted(days):
            earned, prescribed, whole, part = days[d]
            entries.append(Adherence(d, d, earned, prescribed, int(whole), int(part)))
        return entries

    def has_days(self) -> bool:
        """Whether `daily` has any entry, without making them."""
        return bool(self.fixed_prescribed) or any(c.credit > 0 for c in self.flex)

    def weekly(self) -> list[Adherence]:
        """Monday-to-Sunday weeks (clipped to the range) with anything prescribed, in order."""
        # The fixed days are added up per week by day number (date.toordinal, in which day 1
        # is a Monday): a Monday's date made for each of ten years' 3 600 days was most of
        # the cost. The sums are taken in the same order as by date, so they are the same.
        by_number: dict[int, list[float]] = {}
        done_on = self.fixed_done.get
        counts_on = self.fixed_counts.get
        for day, count in self.fixed_prescribed.items():
            number = day.toordinal()
            monday_number = number - (number - 1) % 7
            week = by_number.get(monday_number)
            if week is None:
                week = by_number[monday_number] = [0.0, 0.0, 0, 0]
            full, partly = counts_on(day, (0, 0))
            week[0] += done_on(day, 0.0)
            week[1] += count
            week[2] += full
            week[3] += partly
        done: dict[date, float] = defaultdict(float)
        prescribed: dict[date, float] = defaultdict(float)
        counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for number, (earned, expected, whole, part) in by_number.items():
            monday = date.fromordinal(number)
            done[monday] = earned
            prescribed[monday] = expected
            counts[monday] = [int(whole), int(part)]
        flex_done: dict[tuple[date, int, str], float] = defaultdict(float)
        flex_counts: dict[tuple[date, int, str], list[int]] = defaultdict(lambda: [0, 0])
        for credit in self.flex:
            key = (week_start(credit.day), credit.programme_id, credit.exercise_id)
            flex_done[key] += credit.credit
            flex_counts[key][0] += credit.full
            flex_counts[key][1] += credit.partly
        for key, quota in self.flex_quota.items():
            prescribed[key[0]] += quota
            done[key[0]] += min(quota, flex_done.get(key, 0.0))
            # Whole sessions beyond the week's quota are not counted, like the credit.
            whole = max(1, round(quota))
            full = min(flex_counts[key][0], whole)
            counts[key[0]][0] += full
            counts[key[0]][1] += min(flex_counts[key][1], whole - full)
        return [
            Adherence(
                max(m, self.first), min(m + timedelta(days=6), self.last), done[m], p, *counts[m]
            )
            for m, p in sorted(prescribed.items())
            if p > 0
        ]

    def period(self, weeks: Sequence[Adherence] | None = None) -> Adherence | None:
        """The whole range, or None when nothing was prescribed in it; from `weeks` when the
        caller already has `weekly()`, which is most of the work."""
        if weeks is None:
            weeks = self.weekly()
        if not weeks:
            return None
        return Adherence(
            self.first,
            self.last,
            sum(w.done for w in weeks),
            sum(w.prescribed for w in weeks),
            sum(w.full for w in weeks),
            sum(w.partly for w in weeks),
        )


@dataclass(frozen=True)
class Streak:
    days: int
    since: date | None


def current_streak(daily: Sequence[Adherence], today: date) -> Streak:
    """Consecutive prescribed days at >= 80 %, counted back from today; days with nothing
    prescribed neither break nor extend it. Today counts once it reaches 80 %: an unfinished
    today is still in progress, not a broken streak."""
    count = 0
    since: date | None = None
    for entry in reversed(daily):
        if entry.first > today:
            continue
        if entry.adherent:
            count += 1
            since = entry.first
        elif entry.first != today:
            break
    return Streak(count, since)


def fixed_sessions(windows: Sequence[VersionWindow]) -> int:
    """The fixed-day sessions the windows prescribe, as Ledger.build adds them up, counted by
    weekday instead of walking the days: whole weeks give every weekday once, the days left
    over give theirs. The caseload wants this for hundreds of patients at a time."""
    total = 0
    for window in windows:
        per_weekday = [0] * 7  # ItemPlan.on_weekday, with the mask's bits read directly
        for item in window.items:
            if item.days_per_week is None:
                for weekday in range(7):
                    if item.days_mask >> weekday & 1:
                        per_weekday[weekday] += item.times_per_day
        weeks, left_over = divmod((window.last - window.first).days + 1, 7)
        start = window.first.weekday()
        total += weeks * sum(per_weekday)
        total += sum(per_weekday[(start + n) % 7] for n in range(left_over))
    return total
