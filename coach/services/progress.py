"""Progress: is the programme being done, and is the pain changing with it?

Everything the Progress page shows for a range of local days comes from `overview`, in one
read: adherence per day and per week (coach.domain.adherence_ledger), pain per day, treatments
and outcome scores, the summary (adherence, sessions, pain at the start and the end of the range
with the clinically important difference, the current streak) and "What helps?".

"What helps?" compares averages and says so: a treatment's 14 days before and after, and pain on
the day after exercise days against the day after other days. Each comparison needs at least
MIN_DAYS days with pain ratings on each side, otherwise it is left out with the reason, because
an average of two or three days says more about those days than about the treatment. The words
are of association ("was lower after"), never of cause.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import Connection

from coach.domain.adherence import Adherence
from coach.domain.adherence_ledger import (
    ONE_DAY,
    Ledger,
    ProgrammeSpan,
    Streak,
    current_streak,
    version_windows,
)
from coach.domain.diary import Treatment
from coach.domain.outcomes import Instrument, Threshold, Verdict, important_change
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.store import diary_repo, outcome_repo, progress_queries
from coach.store.progress_queries import DayCredit, DayPain

AROUND_TREATMENT = 14  # days compared before and after a treatment
MIN_DAYS = 5  # fewest days with pain ratings on each side of a comparison
END_DAYS = 7  # days with ratings averaged at each end of a range for the start/end pain
MIN_END_DAYS = 3  # fewest days at each end for a start/end comparison
STREAK_LOOKBACK = 64  # first guess at how far back the streak reaches; doubled while it does


@dataclass(frozen=True)
class PainChange:
    """Pain at the start and at the end of a range, with the clinically important change."""

    start: float
    end: float
    days_each_end: int
    threshold: Threshold
    verdict: Verdict

    @property
    def difference(self) -> float:
        return self.end - self.start

    @property
    def text(self) -> str:
        size = abs(self.difference)
        basis = f"mean of the first and last {self.days_each_end} days with pain ratings"
        if size < 0.05:
            return f"Pain {self.start:.1f} at the start and {self.end:.1f} at the end ({basis})."
        direction = "lower" if self.difference < 0 else "higher"
        verdict = {
            Verdict.IMPORTANT: "a clinically important change",
            Verdict.POSSIBLE: "possibly a clinically important change",
            Verdict.SMALL: "smaller than a clinically important change",
        }[self.verdict]
        return (
            f"Pain {self.start:.1f} at the start, {self.end:.1f} at the end ({basis}): "
            f"{size:.1f} points {direction}, {verdict} (about {self.threshold.text} "
            f"{'point' if self.threshold.text == '1' else 'points'} from this starting level)."
        )


@dataclass(frozen=True)
class Summary:
    adherence: Adherence | None  # None: nothing prescribed in the range
    pain: PainChange | None
    pain_reason: str  # why there is no pain comparison, when there is none
    streak: Streak


@dataclass(frozen=True)
class TreatmentEffect:
    treatment: Treatment
    before: float
    after: float
    days_before: int
    days_after: int
    others_nearby: int  # other treatments within the same weeks

    @property
    def text(self) -> str:
        kind = self.treatment.kind.label
        when = f"{self.treatment.occurred_on:%d %b %Y}"
        diff = self.after - self.before
        if abs(diff) < 0.05:
            change = "about the same"
        else:
            change = f"{abs(diff):.1f} points {'lower' if diff < 0 else 'higher'}"
        text = (
            f"{kind} on {when}: pain averaged {self.before:.1f} in the {AROUND_TREATMENT} days "
            f"before ({self.days_before} days rated) and {self.after:.1f} in the "
            f"{AROUND_TREATMENT} days after ({self.days_after} days rated), {change}."
        )
        if self.others_nearby:
            other = "treatment" if self.others_nearby == 1 else "treatments"
            text += (
                f" {self.others_nearby} other {other} fell in these weeks, so the change "
                "cannot be put down to this one."
            )
        return text


@dataclass(frozen=True)
class ExerciseEffect:
    after_exercise: float
    after_other: float
    exercise_days: int
    other_days: int

    @property
    def text(self) -> str:
        diff = self.after_exercise - self.after_other
        if abs(diff) < 0.05:
            compared = "about the same as"
        else:
            compared = f"{abs(diff):.1f} points {'lower' if diff < 0 else 'higher'} than"
        return (
            f"On the day after exercising, pain averaged {self.after_exercise:.1f} "
            f"({self.exercise_days} days); after days without exercise it averaged "
            f"{self.after_other:.1f} ({self.other_days} days): {compared} after other days."
        )


@dataclass(frozen=True)
class WhatHelps:
    treatments: tuple[TreatmentEffect, ...]  # rarer kinds of treatment first, then by date
    exercise: ExerciseEffect | None
    left_out: tuple[str, ...]  # comparisons not shown, each with the reason

    @property
    def empty(self) -> bool:
        return not self.treatments and self.exercise is None


CAVEAT = (
    "These are averages side by side: they show what went together, not what caused what. "
    "Pain changes for many reasons, and a change after a treatment may have come anyway."
)


@dataclass(frozen=True)
class OutcomePoint:
    day: date
    instrument: Instrument
    score: float
    text: str


@dataclass(frozen=True)
class Overview:
    first: date
    last: date
    today: date
    ledger: Ledger
    weekly: tuple[Adherence, ...]
    pain: tuple[DayPain, ...]
    treatments: tuple[Treatment, ...]
    outcomes: tuple[OutcomePoint, ...]
    summary: Summary
    helps: WhatHelps

    @cached_property
    def daily(self) -> tuple[Adherence, ...]:
        """Adherence per day, made when first asked for (a daily chart, the hover read-out, the
        sheet): the weekly chart of ten years draws none of its 3 600 days."""
        return tuple(self.ledger.daily())

    @property
    def empty(self) -> bool:
        return not (self.ledger.has_days() or self.pain or self.treatments or self.outcomes)


class ProgressService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        patient_id: int,
    ) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile

    def today(self) -> date:
        return self._profile.today()

    def span(self) -> tuple[date, date] | None:
        """From the first day of any data to today; None for an empty database."""
        with self._db.read() as conn:
            first = progress_queries.first_day(conn, self._patient)
        if first is None:
            return None
        today = self.today()
        return min(first, today), today

    # Adherence

    def ledger(self, first: date, last: date, as_of: date | None = None) -> Ledger:
        """Prescription and credit for first..last; days after `as_of` (by default today) are
        left out, as they have not happened yet."""
        with self._db.read() as conn:
            return self._ledger(conn, first, min(last, as_of or self.today()))

    def _ledger(
        self, conn: Connection, first: date, last: date, fixed: DayCredit | None = None
    ) -> Ledger:
        """The ledger of first..last, with the fixed-day credit read here unless given."""
        spans = [
            ProgrammeSpan(row.programme_id, row.start, row.end, row.archived_day, row.is_template)
            for row in progress_queries.programmes(conn, self._patient)
        ]
        windows = version_windows(
            spans, progress_queries.versions(conn, self._patient), first, last
        )
        # Flexible items are rare: without one in force there is no flexible credit to read.
        flexible = any(item.flexible for window in windows for item in window.items)
        if fixed is None:
            credit = progress_queries.day_credit(
                conn, self._patient, first, last, flexible=flexible
            )
        elif flexible:
            flex = progress_queries.flex_credit(conn, self._patient, first, last)
            credit = replace(fixed, flexible=flex)
        else:
            credit = fixed
        return Ledger.build(
            windows, first, last, credit.fixed, credit.flexible, fixed_counts=credit.fixed_counts
        )

    def daily_adherence(self, first: date, last: date) -> list[Adherence]:
        return self.ledger(first, last).daily()

    def weekly_adherence(self, first: date, last: date) -> list[Adherence]:
        return self.ledger(first, last).weekly()

    def adherence(self, first: date, last: date) -> Adherence | None:
        return self.ledger(first, last).period()

    def streak(self) -> Streak:
        """The current run of adherent days, looking back only as far as it reaches."""
        today = self.today()
        span = self.span()
        earliest = span[0] if span else today
        lookback = STREAK_LOOKBACK
        while True:
            first = max(earliest, today - timedelta(days=lookback - 1))
            streak = current_streak(self.daily_adherence(first, today), today)
            if first == earliest or streak.since is None or streak.since > first:
                return streak
            lookback *= 2

    # Pain

    def pain_series(self, first: date, last: date) -> list[DayPain]:
        with self._db.read() as conn:
            return progress_queries.day_sweep(conn, self._patient, (first, last), first, last).pain

    # Everything for the page

    def overview(self, first: date, last: date) -> Overview:
        today = self.today()
        margin = timedelta(days=AROUND_TREATMENT)
        # One connection for every read: on the page's worker each one is a round trip that
        # gives up the interpreter lock and waits for the GUI thread to hand it back.
        credit_until = min(last, today)
        with self._db.read() as conn:
            sweep = progress_queries.day_sweep(
                conn,
                self._patient,
                (first - margin, last + margin),
                first,
                last,
                credit_until=credit_until,
            )
            ledger = self._ledger(conn, first, credit_until, sweep.credit)
            nearby = diary_repo.treatments_between(
                conn, self._patient, first - margin, last + margin
            )
            scores = outcome_repo.between(conn, self._patient, first, last)
        pain_around, exercised = sweep.pain, sweep.exercised
        pain = [p for p in pain_around if first <= p.day <= last]
        treatments = [t for t in nearby if first <= t.occurred_on <= last]
        outcomes = tuple(
            OutcomePoint(
                s.local_day, s.instrument, s.result.score, f"{s.instrument.label}: {s.result.text}"
            )
            for s in scores
            if s.local_day is not None
        )
        streak = self._streak_in(ledger, first, last, today)
        weekly = ledger.weekly()
        summary = Summary(ledger.period(weekly), *pain_change(pain), streak)
        helps = what_helps(
            pain_around,
            treatments=treatments,
            nearby=nearby,
            exercised=exercised,
            first=first,
            last=last,
        )
        return Overview(
            first,
            last,
            today,
            ledger,
            tuple(weekly),
            tuple(pain),
            tuple(treatments),
            outcomes,
            summary,
            helps,
        )

    def _streak_in(self, ledger: Ledger, first: date, last: date, today: date) -> Streak:
        """The current streak, from the range's ledger when it can tell.

        Counted back from today, the run stops at the latest prescribed day before today that
        fell short. When the range holds one, the days before the range cannot matter. It is
        looked for in the range's last STREAK_LOOKBACK days, then twice as many and so on, so
        that ten years are not made into days for a streak of a week.
        """
        if last >= today:
            lookback = STREAK_LOOKBACK
            while True:
                since = max(first, today - timedelta(days=lookback - 1))
                recent = ledger.daily(since)
                if any(d.first < today and not d.adherent for d in recent):
                    return current_streak(recent, today)
                if since == first:
                    break
                lookback *= 2
        return self.streak()


def pain_change(pain: list[DayPain]) -> tuple[PainChange | None, str]:
    """Pain at the start and the end of a range: the mean of the daily means of the first and
    the last END_DAYS days with ratings (fewer when the range has fewer, never overlapping)."""
    count = min(END_DAYS, len(pain) // 2)
    if count < MIN_END_DAYS:
        return None, (
            f"Pain needs rating on at least {2 * MIN_END_DAYS} days in this range to compare "
            "its start and end."
        )
    start = sum(p.mean for p in pain[:count]) / count
    end = sum(p.mean for p in pain[-count:]) / count
    threshold = important_change(Instrument.NPRS, start)
    return PainChange(start, end, count, threshold, threshold.judge(abs(end - start))), ""


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def what_helps(
    pain: list[DayPain],
    *,
    treatments: list[Treatment],
    nearby: list[Treatment],
    exercised: set[date],
    first: date,
    last: date,
) -> WhatHelps:
    """The comparisons with enough days behind them, and why the others were left out.

    `pain` must reach AROUND_TREATMENT days beyond first..last; `nearby` lists the treatments
    over that wider span, to flag comparisons another treatment falls into.
    """
    by_day = {p.day: p.mean for p in pain}
    effects: list[TreatmentEffect] = []
    left_out: list[str] = []
    for given in treatments:
        day = given.occurred_on
        before = [
            by_day[d]
            for n in range(1, AROUND_TREATMENT + 1)
            if (d := day - timedelta(days=n)) in by_day
        ]
        after = [
            by_day[d]
            for n in range(1, AROUND_TREATMENT + 1)
            if (d := day + timedelta(days=n)) in by_day
        ]
        if len(before) < MIN_DAYS or len(after) < MIN_DAYS:
            left_out.append(
                f"{given.kind.label} on {day:%d %b %Y}: pain was rated on {len(before)} of the "
                f"{AROUND_TREATMENT} days before and {len(after)} after; at least {MIN_DAYS} "
                "each side are needed."
            )
            continue
        others = sum(
            1
            for t in nearby
            if t.id != given.id and abs((t.occurred_on - day).days) <= AROUND_TREATMENT
        )
        effects.append(
            TreatmentEffect(given, _mean(before), _mean(after), len(before), len(after), others)
        )
    # Rarer kinds first: a one-off injection is more worth reading than the fifth weekly visit.
    frequency = Counter(t.kind for t in treatments)
    effects.sort(key=lambda e: (frequency[e.treatment.kind], e.treatment.occurred_on))
    after_exercise: list[float] = []
    after_other: list[float] = []
    # The rated days in order, each set against the day before it: the same pairs, in the same
    # order, as walking every day of the range and looking up the next one.
    for rated in sorted(by_day):
        day = rated - ONE_DAY
        if first <= day <= last:
            (after_exercise if day in exercised else after_other).append(by_day[rated])
    exercise: ExerciseEffect | None = None
    if len(after_exercise) >= MIN_DAYS and len(after_other) >= MIN_DAYS:
        exercise = ExerciseEffect(
            _mean(after_exercise), _mean(after_other), len(after_exercise), len(after_other)
        )
    else:
        left_out.append(
            f"Exercise and next-day pain: {len(after_exercise)} exercise days and "
            f"{len(after_other)} other days have pain rated the day after; at least {MIN_DAYS} "
            "of each are needed."
        )
    return WhatHelps(tuple(effects), exercise, tuple(left_out))
