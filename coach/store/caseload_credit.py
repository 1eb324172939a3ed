"""Adherence credit for a whole caseload at once: the Progress page's sums, for every patient.

coach.store.progress_queries reads one patient's credit with a column per programme item,
built from that patient's version windows; a caseload of hundreds cannot afford a statement per
patient. Here one statement takes every programme version in force in the range (its days
found with LEAD over the versions, clipped to the programme's span as
coach.domain.adherence_ledger.version_windows clips them), reads those days of the per-day sums
`adherence_day` keeps by patient, day, programme and exercise (coach.store.adherence_days,
written with the logs), and caps each day's credit at what that version prescribed on that
weekday, exactly as progress_queries.credit_query caps it. Only the capped sums per patient
come back, for the whole range and for its recent part. Flexible ("N days a week") items need
their days for the weekly quota, so those come back per day, and only for the programmes that
have them.

The programme tables are small and are read whole, for every patient, in three queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Date, and_, case, func, literal, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from coach.domain.adherence_ledger import FlexCredit, ItemPlan, ProgrammeSpan, Version
from coach.store.progress_queries import least
from coach.store.schema import (
    adherence_day,
    programme,
    programme_item,
    programme_version,
)


@dataclass
class Schedule:
    """One patient's programmes and their versions, as the adherence ledger takes them."""

    spans: list[ProgrammeSpan] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)

    @property
    def flexible(self) -> bool:
        return any(item.flexible for version in self.versions for item in version.items)


def schedules(conn: Connection) -> dict[int, Schedule]:
    """Every patient's programmes (templates belong to nobody and prescribe nothing)."""
    p, v, i = programme.c, programme_version.c, programme_item.c
    found: dict[int, Schedule] = defaultdict(Schedule)
    owner: dict[int, int] = {}
    # The rows are unpacked by position: thousands of items, and a Row's attribute lookup by
    # name cost three times the dataclass it fills.
    for programme_id, patient_id, start, end, archived_on in conn.execute(
        select(p.id, p.patient_id, p.start_date, p.end_date, p.archived_local_day).where(
            p.patient_id.is_not(None), p.is_template.is_(False)
        )
    ):
        owner[programme_id] = patient_id
        found[patient_id].spans.append(ProgrammeSpan(programme_id, start, end, archived_on))
    items: dict[int, list[ItemPlan]] = defaultdict(list)
    query = select(
        i.version_id, i.exercise_id, i.times_per_day, i.days_mask, i.days_per_week
    ).order_by(i.version_id, i.position)
    for version_id, exercise_id, times_per_day, days_mask, days_per_week in conn.execute(query):
        items[version_id].append(ItemPlan(exercise_id, times_per_day, days_mask, days_per_week))
    for version_id, programme_id, effective_from in conn.execute(
        select(v.id, v.programme_id, v.effective_from).order_by(v.id)
    ):
        patient_id = owner.get(programme_id)
        if patient_id is not None:
            found[patient_id].versions.append(
                Version(version_id, programme_id, effective_from, tuple(items[version_id]))
            )
    return dict(found)


@dataclass(frozen=True)
class Credit:
    """Capped credit of the fixed-day items, with the sessions done in full and partly."""

    done: float = 0.0
    full: int = 0
    partly: int = 0


@dataclass(frozen=True)
class CaseloadCredit:
    """Per patient: fixed-day credit over the whole range and over its recent days, and every
    day's credit of each flexible item (for the ledger's weekly quota)."""

    whole: dict[int, Credit]
    recent: dict[int, Credit]
    flexible: dict[int, list[FlexCredit]]


def _later(one: ColumnElement[Any], other: ColumnElement[Any]) -> ColumnElement[Any]:
    """The later of two days, in SQL either database reads alike."""
    return case((one > other, one), else_=other)


def _versions_in_force(first: date, last: date) -> Any:
    """Each version in force on some day of first..last, with its patient and those days:
    from `from_day` (not before the version, its programme's start or `first`) to `to_day`
    (not after the programme's end or `last`) and before `before_day`, the earlier of the day
    its successor takes over (LEAD over the programme's versions; ties on the day go to the
    later version, as version_windows has it) and the day the programme was archived (NULL
    when neither is). Worked out once per version, so each day read is compared only with
    these three."""
    v, p = programme_version.c, programme.c
    versions = (
        select(
            v.id.label("version_id"),
            v.programme_id,
            p.patient_id,
            v.effective_from,
            func.lead(v.effective_from)
            .over(partition_by=v.programme_id, order_by=(v.effective_from, v.id))
            .label("succeeded_on"),
            p.start_date,
            p.end_date,
            p.archived_local_day,
        )
        .join(programme, p.id == v.programme_id)
        .where(p.patient_id.is_not(None), p.is_template.is_(False))
        .subquery("versions")
    )
    w = versions.c
    return (
        select(
            w.version_id,
            w.programme_id,
            w.patient_id,
            _later(_later(w.effective_from, w.start_date), literal(first, Date)).label("from_day"),
            case(
                (and_(w.end_date.is_not(None), w.end_date < last), w.end_date),
                else_=literal(last, Date),
            ).label("to_day"),
            case(
                (w.succeeded_on.is_(None), w.archived_local_day),
                (w.archived_local_day.is_(None), w.succeeded_on),
                (w.succeeded_on < w.archived_local_day, w.succeeded_on),
                else_=w.archived_local_day,
            ).label("before_day"),
        )
        .where(
            w.effective_from <= last,
            or_(w.succeeded_on.is_(None), w.succeeded_on > first),
        )
        .subquery("in_force")
    )


def _capacities() -> Any:
    """Per version and exercise: sessions prescribed on each weekday (w0 = Monday) by its
    fixed-day items, and a day's sessions of its flexible ones. Two items of one exercise in a
    version share its credit, so their times a day add."""
    i = programme_item.c
    fixed = i.days_per_week.is_(None)

    def on(weekday_number: int) -> ColumnElement[int]:
        scheduled = and_(fixed, i.days_mask.op("&")(1 << weekday_number) != 0)
        return func.sum(case((scheduled, i.times_per_day), else_=0)).label(f"w{weekday_number}")

    return (
        select(
            i.version_id,
            i.exercise_id,
            *[on(n) for n in range(7)],
            func.sum(case((fixed, 0), else_=i.times_per_day)).label("flexible"),
        )
        .group_by(i.version_id, i.exercise_id)
        .subquery("capacities")
    )


def _capped(first: date, last: date) -> Any:
    """Each patient's credit per day, programme and exercise (the unit the cap is on) as
    `adherence_day` keeps it with every log written, uncapped, with what the version in force
    on that day allows it: `used`, `full_used` and `partly_used` are the credit and the whole
    counts capped at its fixed-day sessions that weekday (`cap`); `flex_cap` is a day's
    sessions of its flexible items. Days that earned nothing have no row there, and an
    exercise the version does not prescribe is capped at nothing.

    The versions in force lead, and each one's days are read as one range of the summary's
    primary key (patient, day): its own rows, once each, in the order they are stored. The
    joins are LEFT so that SQLite keeps that order (a version without rows adds a row of NULLs,
    which the sums skip); the programme is compared as `programme_id + 0` so that SQLite does
    not take ix_adherence_day_programme instead, which would look up every row in the table.
    Read the other way round, from the days (ix_adherence_day_day) to their version, each row
    needed two lookups in temporary indexes and cost twice as long on 500 patients.

    The capacity is worked out once per row in a subquery of its own (OFFSET 0): written into
    each capped figure, SQLite would pick the weekday's column a dozen times a row."""
    a, in_force, caps = adherence_day.c, _versions_in_force(first, last), _capacities()
    f = in_force.c
    days = and_(
        a.patient_id == f.patient_id,
        a.programme_id + literal_column("0") == f.programme_id,
        a.local_day >= f.from_day,
        a.local_day <= f.to_day,
        or_(f.before_day.is_(None), a.local_day < f.before_day),
    )
    joined = in_force.outerjoin(adherence_day, days).outerjoin(
        caps, and_(caps.c.version_id == f.version_id, caps.c.exercise_id == a.exercise_id)
    )
    fixed_cap = case({n: caps.c[f"w{n}"] for n in range(7)}, value=a.weekday, else_=0)
    with_caps = (
        select(
            f.patient_id,
            a.local_day.label("day"),
            a.programme_id,
            a.exercise_id,
            a.credit,
            a.done.label("full"),
            a.partly,
            func.coalesce(fixed_cap, 0).label("cap"),
            func.coalesce(caps.c.flexible, 0).label("flex_cap"),
        )
        .select_from(joined)
        .offset(0)
        .subquery("with_caps")
    )
    g = with_caps.c
    full_used = least(g.full, g.cap)
    return select(
        g.patient_id,
        g.day,
        g.programme_id,
        g.exercise_id,
        g.credit,
        g.full,
        g.partly,
        g.flex_cap,
        least(g.credit, g.cap).label("used"),
        full_used.label("full_used"),
        least(g.partly, g.cap - full_used).label("partly_used"),
    ).subquery("capped")


def caseload_credit(
    conn: Connection, first: date, recent: date, last: date, flexible: Collection[int]
) -> CaseloadCredit:
    """Credit over first..last, and over recent..last, for every patient with any; flexible
    items' days only for the patients in `flexible` (those whose programmes have such items)."""
    c = _capped(first, last).c
    is_recent = c.day >= recent

    def recent_only(value: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.sum(case((is_recent, value), else_=0))

    totals = select(
        c.patient_id,
        func.sum(c.used),
        func.sum(c.full_used),
        func.sum(c.partly_used),
        recent_only(c.used),
        recent_only(c.full_used),
        recent_only(c.partly_used),
    ).group_by(c.patient_id)
    whole: dict[int, Credit] = {}
    recent_credit: dict[int, Credit] = {}
    for row in conn.execute(totals):
        whole[row[0]] = Credit(float(row[1] or 0), round(row[2] or 0), round(row[3] or 0))
        recent_credit[row[0]] = Credit(float(row[4] or 0), round(row[5] or 0), round(row[6] or 0))
    days: dict[int, list[FlexCredit]] = defaultdict(list)
    if flexible:
        # Credit beyond the fixed-day prescription of the same exercise goes to the flexible
        # item, never to both (as in progress_queries.credit_query).
        flex_full = least(c.full - c.full_used, c.flex_cap)
        flex_rows = select(
            c.patient_id,
            c.day,
            c.programme_id,
            c.exercise_id,
            c.flex_cap,
            least(c.credit - c.used, c.flex_cap),
            flex_full,
            least(c.partly - c.partly_used, c.flex_cap - flex_full),
        ).where(c.flex_cap > 0, c.patient_id.in_(sorted(flexible)))
        for done in conn.execute(flex_rows):
            days[done[0]].append(
                FlexCredit(
                    done[1],
                    done[2],
                    done[3],
                    int(done[4]),
                    float(done[5]),
                    round(done[6]),
                    round(done[7]),
                )
            )
    return CaseloadCredit(whole, recent_credit, dict(days))
