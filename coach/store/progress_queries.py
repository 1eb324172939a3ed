"""The SQL behind the Progress page: credit per day, pain per day, the span of the data.

Ten years of heavy use is about 90 000 exercise log rows, so nothing here reads log rows:
their credit is kept summed per day, programme and exercise in `adherence_day`
(coach.store.adherence_days, written with the logs), and capped at what the version in force
prescribed and summed per day in `credit_day` and `flex_credit_day` (coach.store.credit_days).
Pain and exercise days are likewise kept one row a day in `progress_day`
(coach.store.progress_days). The programme tables themselves are small and are read whole.

Portable between SQLite and PostgreSQL: dates compare as dates (ISO text on SQLite), and the
dialect-specific pieces (the weekday of a date, the smaller and the larger of two numbers) are
compiled constructs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Float,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from coach.domain.adherence_ledger import FlexCredit, ItemPlan, Version
from coach.store.schema import (
    credit_day,
    daily_checkin,
    exercise_log,
    exercise_session,
    flex_credit_day,
    outcome_score,
    pain_entry,
    programme,
    programme_item,
    programme_version,
    progress_day,
    treatment,
)


class weekday(FunctionElement[int]):
    """The weekday of a date column, 0 = Monday ... 6 = Sunday (the days_mask bit order)."""

    type = Integer()
    inherit_cache = True
    name = "weekday"


@compiles(weekday, "sqlite")
def _weekday_sqlite(element: weekday, compiler: SQLCompiler, **kw: Any) -> str:
    # strftime('%w') counts from Sunday = 0.
    (arg,) = element.clauses
    return f"((CAST(strftime('%w', {compiler.process(arg, **kw)}) AS INTEGER) + 6) % 7)"


@compiles(weekday)
def _weekday_default(element: weekday, compiler: SQLCompiler, **kw: Any) -> str:
    # PostgreSQL's ISODOW counts from Monday = 1.
    (arg,) = element.clauses
    return f"(CAST(EXTRACT(ISODOW FROM {compiler.process(arg, **kw)}) AS INTEGER) - 1)"


class least(FunctionElement[float]):
    """The smaller of two numbers: MIN(a, b) on SQLite, LEAST(a, b) elsewhere."""

    type = Float()
    inherit_cache = True
    name = "least"


class greatest(FunctionElement[float]):
    """The larger of two numbers: MAX(a, b) on SQLite, GREATEST(a, b) elsewhere."""

    type = Float()
    inherit_cache = True
    name = "greatest"


@compiles(least, "sqlite")
def _least_sqlite(element: least, compiler: SQLCompiler, **kw: Any) -> str:
    return f"MIN({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"MAX({compiler.process(element.clauses, **kw)})"


@compiles(least)
def _least_default(element: least, compiler: SQLCompiler, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


@compiles(greatest)
def _greatest_default(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


def log_credit() -> ColumnElement[float]:
    """What one log row earns: coach.domain.adherence.done_fraction, in SQL. Done = 1,
    skipped = 0, partial = the work performed over the work prescribed (repetitions for a
    moving exercise, seconds held for a hold: done_reps x done_hold_s), never less than its
    whole sets, capped at 1."""
    log = exercise_log.c
    sides = case((log.planned_sides.in_(("both", "alternate")), 2), else_=1)
    reps = log.planned_reps * sides * log.planned_sets
    by_sets = cast(log.done_sets, Float) / log.planned_sets
    by_work = case(
        (
            log.planned_hold_s > 0,
            cast(log.done_reps, Float) * log.done_hold_s / (reps * log.planned_hold_s),
        ),
        else_=cast(log.done_reps, Float) / reps,
    )
    partial = least(greatest(by_sets, by_work), literal(1.0, Float))
    return case(
        (log.status == "done", literal(1.0, Float)),
        (
            and_(log.status == "partial", log.planned_sets > 0, log.planned_reps > 0),
            partial,
        ),
        else_=literal(0.0, Float),
    )


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: int
    start: date
    end: date | None
    archived_day: date | None  # the local day it was archived on, as written then
    is_template: bool


def programmes(conn: Connection, patient_id: int) -> list[ProgrammeRow]:
    """The patient's programmes and the shared templates."""
    p = programme.c
    query = select(p.id, p.start_date, p.end_date, p.archived_local_day, p.is_template).where(
        or_(p.patient_id == patient_id, p.patient_id.is_(None))
    )
    return [
        ProgrammeRow(
            row.id, row.start_date, row.end_date, row.archived_local_day, bool(row.is_template)
        )
        for row in conn.execute(query)
    ]


def versions(conn: Connection, patient_id: int) -> list[Version]:
    """Every version of the patient's programmes with its items' schedules (a few dozen rows)."""
    v = programme_version.c
    i = programme_item.c
    items: dict[int, list[ItemPlan]] = {}
    theirs = (
        select(v.id)
        .join(programme, programme.c.id == v.programme_id)
        .where(programme.c.patient_id == patient_id)
    )
    query = select(
        i.version_id, i.exercise_id, i.times_per_day, i.days_mask, i.days_per_week
    ).where(i.version_id.in_(theirs))
    for row in conn.execute(query.order_by(i.version_id, i.position)):
        items.setdefault(row.version_id, []).append(
            ItemPlan(row.exercise_id, row.times_per_day, row.days_mask, row.days_per_week)
        )
    return [
        Version(row.id, row.programme_id, row.effective_from, tuple(items.get(row.id, ())))
        for row in conn.execute(
            select(v.id, v.programme_id, v.effective_from).where(v.id.in_(theirs))
        )
    ]


@dataclass(frozen=True)
class DayCredit:
    fixed: dict[date, float]
    flexible: list[FlexCredit]
    # Per day, the fixed-day sessions done in full and partly, capped like the credit.
    fixed_counts: dict[date, tuple[int, int]] = field(default_factory=dict)


def day_credit(
    conn: Connection, patient_id: int, first: date, last: date, *, flexible: bool = True
) -> DayCredit:
    """Credit per day for fixed-day items, and per day and item for flexible ones (read only
    when `flexible`); each item's credit capped at its times a day, matched to the version in
    force on the log's day (kept so by coach.store.credit_days)."""
    c = credit_day.c
    # Plain tuples fetched at once, not mappings row by row: ten years are some 3 600 rows.
    days = conn.execute(
        select(c.local_day, c.credit, c.done, c.partly).where(
            c.patient_id == patient_id, c.local_day.between(first, last)
        )
    ).all()
    return _credit(days, flex_credit(conn, patient_id, first, last) if flexible else [])


def _credit(days: Iterable[Sequence[Any]], flexible: list[FlexCredit]) -> DayCredit:
    """A DayCredit from (day, credit, done in full, partly done) rows of `credit_day`."""
    fixed: dict[date, float] = {}
    counts: dict[date, tuple[int, int]] = {}
    for day, credit, done, partly in days:
        fixed[day] = credit
        if done or partly:
            counts[day] = (done, partly)
    return DayCredit(fixed, flexible, counts)


def flex_credit(conn: Connection, patient_id: int, first: date, last: date) -> list[FlexCredit]:
    """Per day and flexible item done, its credit capped at its times a day."""
    f = flex_credit_day.c
    query = select(
        f.local_day, f.programme_id, f.exercise_id, f.times_per_day, f.credit, f.done, f.partly
    ).where(f.patient_id == patient_id, f.local_day.between(first, last))
    return [FlexCredit(*row) for row in conn.execute(query).all()]


class DayPain(NamedTuple):
    """A day's pain: the mean of its ratings and the worst of them, and how many there were.
    A named tuple, quick to make: ten years are 3 000 days with ratings."""

    day: date
    mean: float
    worst: float
    ratings: int


@dataclass(frozen=True)
class DaySweep:
    """What one sweep of `progress_day` says of a range (see `day_sweep`)."""

    pain: list[DayPain]
    exercised: set[date]
    credit: DayCredit  # fixed-day credit only; empty unless asked for


def day_sweep(
    conn: Connection,
    patient_id: int,
    pain_span: tuple[date, date],
    first: date,
    last: date,
    *,
    credit_until: date | None = None,
) -> DaySweep:
    """Pain per day over `pain_span`, from diary entries, check-ins and session before/after
    ratings as kept summed per day in `progress_day` (coach.store.progress_days, which says
    what counts), the days of first..last on which any exercise was done at least in part, and
    with `credit_until` the fixed-day credit of first..credit_until (as `day_credit` reads it).

    One sweep of `progress_day` for all three, with each day's `credit_day` row joined to it:
    a day with credit had an exercise done at least in part, so it has its `progress_day` row
    (a day whose logs were all skipped may have a credit row of nothing, and reads as none). On
    the page's worker every row fetched gives up the interpreter lock and waits to get it back
    from the GUI thread, so one row a day is read, not one from each table.
    """
    d, c = progress_day.c, credit_day.c
    since, until = min(pain_span[0], first), max(pain_span[1], last)
    columns = [d.local_day, d.pain_total, d.pain_worst, d.pain_ratings, d.exercised]
    source: Any = progress_day
    if credit_until is not None:
        columns += [c.credit, c.done, c.partly]
        source = progress_day.outerjoin(
            credit_day, and_(c.patient_id == d.patient_id, c.local_day == d.local_day)
        )
    query = (
        select(*columns)
        .select_from(source)
        .where(d.patient_id == patient_id, d.local_day.between(since, until))
        .order_by(d.local_day)
    )
    rows = conn.execute(query).all()  # fetched at once, not row by row
    days = [row[0] for row in rows]

    def within(start: date, stop: date) -> Sequence[Any]:
        """The rows of start..stop: a slice, as the rows are in day order."""
        return rows[bisect_left(days, start) : bisect_right(days, stop)]

    credited = (
        [(row[0], *row[5:]) for row in within(first, credit_until) if row[5] is not None]
        if credit_until is not None
        else []
    )
    return DaySweep(
        [
            DayPain(row[0], row[1] / row[3], float(row[2]), row[3])
            for row in within(*pain_span)
            if row[3]
        ],
        {row[0] for row in within(first, last) if row[4]},
        _credit(credited, []),
    )


def first_day(conn: Connection, patient_id: int) -> date | None:
    """The earliest local day of anything worth plotting, or None for an empty diary.

    One statement for the seven tables: the Progress page asks this first, on its worker, and
    each statement is a round trip in which the worker gives up the interpreter lock and then
    waits for the GUI thread to hand it back.
    """
    earliest = union_all(
        *[
            select(func.min(table.c[column]).label("day")).where(table.c.patient_id == patient_id)
            for table, column in (
                (programme, "start_date"),
                (exercise_log, "local_day"),
                (exercise_session, "local_day"),
                (pain_entry, "local_day"),
                (daily_checkin, "local_day"),
                (treatment, "occurred_on"),
                (outcome_score, "local_day"),
            )
        ]
    ).subquery("earliest")
    day: date | None = conn.execute(select(func.min(earliest.c.day))).scalar()
    return day
