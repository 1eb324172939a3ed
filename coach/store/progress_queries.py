"""The SQL behind the Progress page: credit per day, pain per day, the span of the data.

Ten years of heavy use is about 90 000 exercise log rows, so nothing here hands log rows to
Python, and adherence does not even read them: their credit is kept summed per day, programme
and exercise in `adherence_day` (coach.store.adherence_days, written with the logs), and each of
those rows is capped at what the version in force on its day prescribed, then added up per day
in one GROUP BY. Pain and exercise days are likewise kept one row a day in `progress_day`
(coach.store.progress_days). The programme tables themselves are small and are read whole.

Portable between SQLite and PostgreSQL: dates compare as dates (ISO text on SQLite), "smaller
of" is a CASE, and the one dialect-specific piece, the weekday of a date, is a compiled
construct (`weekday`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import (
    Connection,
    Date,
    Float,
    Integer,
    Select,
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

from coach.domain.adherence_ledger import FlexCredit, ItemPlan, Version, VersionWindow
from coach.store.schema import (
    adherence_day,
    daily_checkin,
    exercise_log,
    exercise_session,
    outcome_score,
    pain_entry,
    programme,
    programme_item,
    programme_version,
    progress_day,
    treatment,
)

_Amount = TypeVar("_Amount")


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


@dataclass(frozen=True)
class _Run(Generic[_Amount]):
    """Consecutive days (inclusive) over which one exercise's capacity stays the same."""

    first: date
    last: date
    amount: _Amount


@dataclass(frozen=True)
class _Key:
    """One (programme, exercise) of the prescription, with its capacity over runs of days:
    sessions prescribed on each weekday for fixed-day items, and per day done for flexible
    ones."""

    programme_id: int
    exercise_id: str
    fixed: tuple[_Run[tuple[int, ...]], ...]
    flexible: tuple[_Run[int], ...]


def _joined(runs: list[_Run[_Amount]], run: _Run[_Amount]) -> None:
    """Append `run`, or extend the last one when it carries on with the same capacity (an
    edit that left this exercise as it was)."""
    if runs and runs[-1].amount == run.amount and runs[-1].last + timedelta(days=1) == run.first:
        runs[-1] = _Run(runs[-1].first, run.last, run.amount)
    else:
        runs.append(run)


def _keys(windows: Sequence[VersionWindow]) -> list[_Key]:
    fixed: dict[tuple[int, str], list[_Run[tuple[int, ...]]]] = {}
    flexible: dict[tuple[int, str], list[_Run[int]]] = {}
    for window in sorted(windows, key=lambda w: w.first):
        for exercise in dict.fromkeys(i.exercise_id for i in window.items):
            key = (window.programme_id, exercise)
            mine = [i for i in window.items if i.exercise_id == exercise]
            # Two items of one exercise in a version share its credit: their times a day add.
            per_weekday = tuple(
                sum(i.times_per_day for i in mine if i.on_weekday(wd)) for wd in range(7)
            )
            if any(per_weekday):
                _joined(fixed.setdefault(key, []), _Run(window.first, window.last, per_weekday))
            flex = sum(i.times_per_day for i in mine if i.flexible)
            if flex:
                _joined(flexible.setdefault(key, []), _Run(window.first, window.last, flex))
    return [
        _Key(p, e, tuple(fixed.get((p, e), ())), tuple(flexible.get((p, e), ())))
        for p, e in dict.fromkeys([*fixed, *flexible])
    ]


def _on_weekdays(
    per_weekday: tuple[int, ...], day_of_week: ColumnElement[Any]
) -> ColumnElement[Any]:
    """Sessions prescribed on the weekday `day_of_week` (0 = Monday); bit arithmetic when every
    prescribed weekday has the same number (the usual case), as it costs less than a CASE."""
    counts = set(per_weekday) - {0}
    if len(counts) == 1 and 0 not in per_weekday:
        return literal(per_weekday[0], Integer)
    if len(counts) == 1:
        mask = sum(1 << wd for wd, n in enumerate(per_weekday) if n)
        on = literal(mask, Integer).op(">>")(day_of_week).op("&")(literal(1, Integer))
        return literal(counts.pop(), Integer) * on
    return case(*[(day_of_week == wd, literal(n, Integer)) for wd, n in enumerate(per_weekday)])


def _over_runs(
    runs: Sequence[_Run[_Amount]],
    day: ColumnElement[Any],
    first: date,
    last: date,
    amount: Callable[[_Amount], ColumnElement[Any]],
) -> ColumnElement[Any]:
    """The capacity on `day` (0 outside the runs); no date test for a run covering the whole
    range read."""
    if len(runs) == 1 and runs[0].first <= first and runs[0].last >= last:
        return amount(runs[0].amount)
    whens = [
        (and_(day >= literal(r.first, Date), day <= literal(r.last, Date)), amount(r.amount))
        for r in runs
    ]
    return case(*whens, else_=literal(0, Integer))


def _times(times: int) -> ColumnElement[Any]:
    return literal(times, Integer)


def credit_query(
    patient_id: int, windows: Sequence[VersionWindow], first: date, last: date
) -> Select[Any]:
    """The statement behind `day_credit`.

    One sweep over the patient's `adherence_day` rows (in key order, so grouped by day without a
    sort). Each row is one exercise of one programme on one day, so its cap is chosen by a CASE
    on the row's own key and applied before the day's rows are added up; exercises whose
    capacity runs alike share one branch. Flexible items come out as a column each (credit,
    times a day, whole counts), for the weekly quota.
    """
    a = adherence_day.c
    keys = _keys(windows)
    zero = literal(0, Integer)
    alike: dict[tuple[int, tuple[_Run[tuple[int, ...]], ...]], list[str]] = {}
    for key in keys:
        if key.fixed:
            alike.setdefault((key.programme_id, key.fixed), []).append(key.exercise_id)
    branches = [
        (
            and_(a.programme_id == programme_id, a.exercise_id.in_(exercises)),
            _over_runs(
                runs, a.local_day, first, last, lambda counts: _on_weekdays(counts, a.weekday)
            ),
        )
        for (programme_id, runs), exercises in alike.items()
    ]
    cap = case(*branches, else_=zero) if branches else zero
    capped = (
        select(a.local_day, a.programme_id, a.exercise_id, a.credit, a.done, a.partly)
        .add_columns(cap.label("cap"))
        .where(a.patient_id == patient_id, a.local_day.between(first, last))
        .subquery("capped")
    )
    c = capped.c
    used = least(c.credit, c.cap)
    full_used = least(c.done, c.cap)
    partly_used = least(c.partly, c.cap - full_used)
    flexible: list[ColumnElement[Any]] = []
    for n, key in enumerate(keys):
        if not key.flexible:
            continue
        mine = and_(c.programme_id == key.programme_id, c.exercise_id == key.exercise_id)
        flex_cap = _over_runs(
            key.flexible, c.local_day, first, last, lambda times: literal(times, Integer)
        )
        # Credit beyond the fixed-day prescription of the same exercise goes to the flexible
        # one, never to both.
        flex_full = least(c.done - full_used, flex_cap)
        flexible += [
            func.sum(case((mine, least(c.credit - used, flex_cap)))).label(f"f{n}"),
            func.max(case((mine, flex_cap))).label(f"t{n}"),
            func.sum(case((mine, flex_full))).label(f"ff{n}"),
            func.sum(case((mine, least(c.partly - partly_used, flex_cap - flex_full)))).label(
                f"fp{n}"
            ),
        ]
    return (
        select(
            c.local_day,
            func.sum(used).label("fixed"),
            func.sum(full_used).label("fixed_full"),
            func.sum(partly_used).label("fixed_partly"),
            *flexible,
        )
        .group_by(c.local_day)
        .order_by(at_once(c.local_day))
    )


def at_once(day: ColumnElement[Any]) -> ColumnElement[Any]:
    """An ORDER BY `day` that no index can deliver, so the database sorts the whole result
    before it returns the first row.

    The query's work then happens in that first step, which SQLite runs without Python's
    interpreter lock: on the Progress page's worker it overlaps the page's painting. Read in
    index order instead, each group is worked out as its row is fetched, and each fetch waits
    for the lock while the GUI thread paints. Sorting the few thousand result rows costs little.
    """
    return func.coalesce(day, day)


def day_credit(
    conn: Connection, patient_id: int, windows: Sequence[VersionWindow], first: date, last: date
) -> DayCredit:
    """Credit per day for fixed-day items, and per day and item for flexible ones; each item's
    credit capped at its times a day, matched to the version in force on the log's day."""
    keys = _keys(windows)
    if not keys:
        return DayCredit({}, [])
    flexible = [k for k in keys if k.flexible]
    # Plain tuples fetched at once, not mappings row by row: ten years are some 3 600 rows, and
    # going through them is most of the Python time, so each figure is one comprehension over
    # them. The columns are local_day, fixed, fixed_full, fixed_partly, then four per flexible
    # key in `keys` order (f, t, ff, fp).
    rows = conn.execute(credit_query(patient_id, windows, first, last)).all()
    fixed = {row[0]: float(row[1]) for row in rows if row[1]}
    counts = {row[0]: (int(row[2] or 0), int(row[3] or 0)) for row in rows if row[2] or row[3]}
    flex = [
        FlexCredit(
            row[0],
            key.programme_id,
            key.exercise_id,
            int(row[at + 1]),
            float(row[at]),
            int(row[at + 2] or 0),
            int(row[at + 3] or 0),
        )
        for row in rows
        for at, key in zip(range(4, 4 + 4 * len(flexible), 4), flexible, strict=True)
        if row[at + 1]
    ]
    return DayCredit(fixed, flex, counts)


class DayPain(NamedTuple):
    """A day's pain: the mean of its ratings and the worst of them, and how many there were.
    A named tuple, quick to make: ten years are 3 000 days with ratings."""

    day: date
    mean: float
    worst: float
    ratings: int


def pain_by_day(conn: Connection, patient_id: int, first: date, last: date) -> list[DayPain]:
    """Pain per day from diary entries, check-ins and session before/after ratings, as kept
    summed per day in `progress_day` (coach.store.progress_days, which says what counts)."""
    d = progress_day.c
    query = (
        select(d.local_day, d.pain_total, d.pain_worst, d.pain_ratings)
        .where(d.patient_id == patient_id, d.local_day.between(first, last), d.pain_ratings > 0)
        .order_by(d.local_day)
    )
    return [
        DayPain(day, total / count, float(worst), count)
        for day, total, worst, count in conn.execute(query).all()
    ]


def exercise_days(conn: Connection, patient_id: int, first: date, last: date) -> set[date]:
    """Days on which any exercise was done, at least in part."""
    d = progress_day.c
    query = select(d.local_day).where(
        d.patient_id == patient_id, d.local_day.between(first, last), d.exercised
    )
    return set(conn.execute(query).scalars().all())  # fetched at once, not row by row


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
