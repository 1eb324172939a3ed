"""The SQL behind the Progress page: credit per day, pain per day, the span of the data.

Ten years of heavy use is about 90 000 exercise log rows, so nothing here hands log rows to
Python: credit is summed and capped per day in one GROUP BY, joined to the programme version
in force on each day. The programme tables themselves are small and are read whole.

Portable between SQLite and PostgreSQL: dates compare as dates (ISO text on SQLite), "smaller
of" is a CASE, and the one dialect-specific piece, the weekday of a date, is a compiled
construct (`weekday`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    daily_checkin,
    exercise_log,
    exercise_session,
    outcome_score,
    pain_entry,
    programme,
    programme_item,
    programme_version,
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


def _windows_table(windows: Sequence[VersionWindow]) -> Any:
    """The windows as a derived table (UNION ALL of literal rows: portable, unlike VALUES)."""
    rows = [
        select(
            literal(w.version_id, Integer).label("version_id"),
            literal(w.programme_id, Integer).label("programme_id"),
            literal(w.first, Date).label("first_day"),
            literal(w.last, Date).label("last_day"),
        )
        for w in windows
    ]
    return (union_all(*rows) if len(rows) > 1 else rows[0]).subquery("windows")


@dataclass(frozen=True)
class DayCredit:
    fixed: dict[date, float]
    flexible: list[FlexCredit]
    # Per day, the fixed-day sessions done in full and partly, capped like the credit.
    fixed_counts: dict[date, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Key:
    """One (programme, exercise) of the prescription, with its capacity per window: sessions
    prescribed on each weekday for fixed-day items, and per day done for flexible ones."""

    programme_id: int
    exercise_id: str
    fixed: tuple[tuple[VersionWindow, tuple[int, ...]], ...]
    flexible: tuple[tuple[VersionWindow, int], ...]


def _keys(windows: Sequence[VersionWindow]) -> list[_Key]:
    fixed: dict[tuple[int, str], list[tuple[VersionWindow, tuple[int, ...]]]] = {}
    flexible: dict[tuple[int, str], list[tuple[VersionWindow, int]]] = {}
    for window in windows:
        for exercise in dict.fromkeys(i.exercise_id for i in window.items):
            key = (window.programme_id, exercise)
            mine = [i for i in window.items if i.exercise_id == exercise]
            # Two items of one exercise in a version share its credit: their times a day add.
            per_weekday = tuple(
                sum(i.times_per_day for i in mine if i.on_weekday(wd)) for wd in range(7)
            )
            if any(per_weekday):
                fixed.setdefault(key, []).append((window, per_weekday))
            flex = sum(i.times_per_day for i in mine if i.flexible)
            if flex:
                flexible.setdefault(key, []).append((window, flex))
    return [
        _Key(p, e, tuple(fixed.get((p, e), ())), tuple(flexible.get((p, e), ())))
        for p, e in dict.fromkeys([*fixed, *flexible])
    ]


def _in_window(day: ColumnElement[Any], window: VersionWindow) -> ColumnElement[bool]:
    return and_(day >= literal(window.first, Date), day <= literal(window.last, Date))


def _fixed_capacity(key: _Key, day: ColumnElement[Any]) -> ColumnElement[Any]:
    """Sessions of the key's exercise prescribed on `day` (0 when none)."""
    whens: list[tuple[ColumnElement[bool], ColumnElement[Any]]] = []
    for window, per_weekday in key.fixed:
        if len(set(per_weekday)) == 1:
            amount: ColumnElement[Any] = literal(per_weekday[0], Integer)
        else:
            amount = case(
                *[(weekday(day) == wd, literal(n, Integer)) for wd, n in enumerate(per_weekday)]
            )
        whens.append((_in_window(day, window), amount))
    return case(*whens, else_=literal(0, Integer)) if whens else literal(0, Integer)


def _flexible_capacity(key: _Key, day: ColumnElement[Any]) -> ColumnElement[Any]:
    whens = [(_in_window(day, w), literal(n, Integer)) for w, n in key.flexible]
    return case(*whens, else_=literal(0, Integer))


def credit_query(
    patient_id: int, windows: Sequence[VersionWindow], first: date, last: date
) -> Select[Any]:
    """The statement behind `day_credit`.

    One pass over the log rows, grouped by day only (the index's order, so no sort): one column
    per (programme, exercise) sums its credit. An outer select over those few thousand day rows
    caps each column at what that day prescribed and adds up the fixed-day items; flexible
    items come out as a column each (credit and times a day), for the weekly quota.
    """
    log = exercise_log.c
    session = exercise_session.c
    keys = _keys(windows)
    programmes = sorted({k.programme_id for k in keys})
    credit = log_credit()
    one, none = literal(1, Integer), literal(0, Integer)
    columns = []
    for n, k in enumerate(keys):
        mine = (
            and_(session.programme_id == k.programme_id, log.exercise_id == k.exercise_id)
            if len(programmes) > 1
            else log.exercise_id == k.exercise_id
        )
        columns += [
            func.sum(case((mine, credit))).label(f"c{n}"),
            # Whole counts for the patient: sessions done in full, and partly done.
            func.sum(case((and_(mine, log.status == "done"), one), else_=none)).label(f"d{n}"),
            func.sum(
                case((and_(mine, log.status == "partial", credit > 0), one), else_=none)
            ).label(f"p{n}"),
        ]
    per_day = (
        select(log.local_day, *columns)
        .select_from(exercise_log.join(exercise_session, session.id == log.session_id))
        .where(
            log.patient_id == patient_id,
            log.local_day.between(first, last),
            session.programme_id.in_(programmes),
        )
        .group_by(log.local_day)
        .subquery("per_day")
    )
    day = per_day.c.local_day
    fixed_parts: list[ColumnElement[Any]] = []
    fixed_full: list[ColumnElement[Any]] = []
    fixed_partly: list[ColumnElement[Any]] = []
    flexible: list[ColumnElement[Any]] = []
    zero = literal(0.0, Float)
    for n, key in enumerate(keys):
        done = func.coalesce(per_day.c[f"c{n}"], zero)
        full = func.coalesce(per_day.c[f"d{n}"], zero)
        partly = func.coalesce(per_day.c[f"p{n}"], zero)
        fixed_cap = _fixed_capacity(key, day)
        used = least(done, fixed_cap)
        full_used = least(full, fixed_cap)
        partly_used = least(partly, fixed_cap - full_used)
        if key.fixed:
            fixed_parts.append(used)
            fixed_full.append(full_used)
            fixed_partly.append(partly_used)
        if key.flexible:
            flex_cap = _flexible_capacity(key, day)
            # Credit beyond the fixed-day prescription of the same exercise goes to the
            # flexible one, never to both.
            flex_full = least(full - full_used, flex_cap)
            flexible.append(least(done - used, flex_cap).label(f"f{n}"))
            flexible.append(flex_cap.label(f"t{n}"))
            flexible.append(flex_full.label(f"ff{n}"))
            flexible.append(least(partly - partly_used, flex_cap - flex_full).label(f"fp{n}"))

    def total(parts: list[ColumnElement[Any]]) -> ColumnElement[Any]:
        return sum(parts[1:], parts[0]) if parts else zero

    return select(
        day,
        total(fixed_parts).label("fixed"),
        total(fixed_full).label("fixed_full"),
        total(fixed_partly).label("fixed_partly"),
        *flexible,
    ).order_by(day)


def day_credit(
    conn: Connection, patient_id: int, windows: Sequence[VersionWindow], first: date, last: date
) -> DayCredit:
    """Credit per day for fixed-day items, and per day and item for flexible ones; each item's
    credit capped at its times a day, matched to the version in force on the log's day."""
    keys = _keys(windows)
    if not keys:
        return DayCredit({}, [])
    flexible = [(n, k) for n, k in enumerate(keys) if k.flexible]
    fixed: dict[date, float] = {}
    counts: dict[date, tuple[int, int]] = {}
    flex: list[FlexCredit] = []
    for row in conn.execute(credit_query(patient_id, windows, first, last)).mappings():
        day = row["local_day"]
        if row["fixed"]:
            fixed[day] = float(row["fixed"])
        if row["fixed_full"] or row["fixed_partly"]:
            counts[day] = (round(row["fixed_full"] or 0), round(row["fixed_partly"] or 0))
        for n, key in flexible:
            if row[f"t{n}"]:
                flex.append(
                    FlexCredit(
                        day,
                        key.programme_id,
                        key.exercise_id,
                        int(row[f"t{n}"]),
                        float(row[f"f{n}"]),
                        round(row[f"ff{n}"] or 0),
                        round(row[f"fp{n}"] or 0),
                    )
                )
    return DayCredit(fixed, flex, counts)


@dataclass(frozen=True)
class DayPain:
    """A day's pain: the mean of its ratings and the worst of them, and how many there were."""

    day: date
    mean: float
    worst: float
    ratings: int


def pain_by_day(conn: Connection, patient_id: int, first: date, last: date) -> list[DayPain]:
    """Pain per day from diary entries, check-ins and session before/after ratings.

    The mean takes every rating of the day: each pain entry, the check-in's "usual" pain and the
    session ratings. The check-in's "worst" pain is an extreme by design, so it counts towards
    the day's worst but not its mean.
    """
    pe, ci, es = pain_entry.c, daily_checkin.c, exercise_session.c
    ratings = union_all(
        select(
            pe.local_day.label("day"),
            cast(pe.intensity, Float).label("value"),
            literal(1, Integer).label("in_mean"),
        ).where(pe.patient_id == patient_id, pe.local_day.between(first, last)),
        select(ci.local_day, cast(ci.typical_pain, Float), literal(1, Integer)).where(
            ci.patient_id == patient_id, ci.local_day.between(first, last)
        ),
        select(ci.local_day, cast(ci.worst_pain, Float), literal(0, Integer)).where(
            ci.patient_id == patient_id, ci.local_day.between(first, last)
        ),
        select(es.local_day, cast(es.pain_before, Float), literal(1, Integer)).where(
            es.patient_id == patient_id,
            es.local_day.between(first, last),
            es.pain_before.is_not(None),
        ),
        select(es.local_day, cast(es.pain_after, Float), literal(1, Integer)).where(
            es.patient_id == patient_id,
            es.local_day.between(first, last),
            es.pain_after.is_not(None),
        ),
    ).subquery("ratings")
    r = ratings.c
    counted = case((r.in_mean == 1, r.value))
    query = (
        select(
            r.day,
            func.avg(counted).label("mean"),
            func.max(r.value).label("worst"),
            func.count(counted).label("ratings"),
        )
        .group_by(r.day)
        .order_by(r.day)
    )
    return [
        DayPain(row.day, float(row.mean), float(row.worst), int(row.ratings))
        for row in conn.execute(query)
        if row.mean is not None
    ]


def exercise_days(conn: Connection, patient_id: int, first: date, last: date) -> set[date]:
    """Days on which any exercise was done, at least in part."""
    log = exercise_log.c
    query = (
        select(log.local_day)
        .where(
            log.patient_id == patient_id,
            log.local_day.between(first, last),
            log.status != "skipped",
        )
        .group_by(log.local_day)
    )
    return set(conn.execute(query).scalars())


def first_day(conn: Connection, patient_id: int) -> date | None:
    """The earliest local day of anything worth plotting, or None for an empty diary."""
    candidates = [
        select(func.min(table.c[column])).where(table.c.patient_id == patient_id)
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
    found = [conn.execute(query).scalar() for query in candidates]
    days = [d for d in found if d is not None]
    return min(days) if days else None
