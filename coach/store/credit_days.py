"""Keeping `credit_day` and `flex_credit_day` equal to adherence_day capped by the programmes.

The Progress page's adherence needs, per day, the credit of each exercise capped at what the
version in force that day prescribed (coach.domain.adherence_ledger says how). Capping ten
years of `adherence_day` rows (some 27 000) on every read cost more than the rest of the page's
figures together, so the capped sums are kept here one row a day, plus one row a day for each
flexible item done.

What a day's rows hold depends on that day's `adherence_day` rows and on the prescription in
force that day, and on nothing else: so they are rewritten for the day whenever its logs are
(`refresh`, called by coach.store.adherence_days), and for all of the patient's days whenever a
programme's items, dates or archiving change (`rebuild`, called by coach.store.programme_repo).
Both run the one statement below, for a day or for all days, so the rows are always what that
statement says of the rows beneath them; tests check it against a computation in Python over
the version windows (tests/credit_sums.py).

The cap of a row is found in SQL: the version in force is its programme's newest version
effective on or before the day (while the programme runs: from its start, to its end date, to
the day before it was archived; never for a template), and its items of the row's exercise give
the sessions prescribed on the row's weekday (fixed-day items) and per day done (flexible ones).
A fixed-day cap takes the credit first; what is left, up to the flexible cap, goes to the
flexible item, never to both.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
)

from coach.store.progress_queries import least
from coach.store.schema import (
    adherence_day,
    credit_day,
    flex_credit_day,
    programme,
    programme_item,
    programme_version,
)


def _capped(*conditions: ColumnElement[bool]) -> Any:
    """adherence_day rows matching `conditions` whose programme runs on their day, each with
    its caps: `cap` (fixed-day sessions prescribed on its weekday) and `flex_cap` (flexible
    sessions a day); rows with neither are left out, as they earn nothing."""
    a, p, v, i = adherence_day.c, programme.c, programme_version.c, programme_item.c
    in_force = (
        select(v.id)
        .where(v.programme_id == a.programme_id, v.effective_from <= a.local_day)
        .order_by(v.effective_from.desc())
        .limit(1)
        .scalar_subquery()
    )
    runs = (
        select(
            a.patient_id,
            a.local_day,
            a.programme_id,
            a.exercise_id,
            a.weekday,
            a.credit,
            a.done,
            a.partly,
            in_force.label("version_id"),
        )
        .select_from(adherence_day.join(programme, p.id == a.programme_id))
        .where(
            ~p.is_template,
            a.local_day >= p.start_date,
            or_(p.end_date.is_(None), a.local_day <= p.end_date),
            or_(p.archived_local_day.is_(None), a.local_day < p.archived_local_day),
            *conditions,
        )
        .subquery("runs")
    )
    r = runs.c
    zero = literal(0, Integer)
    on_weekday = and_(
        i.days_per_week.is_(None),
        i.days_mask.op(">>")(r.weekday).op("&")(literal(1, Integer)) == 1,
    )
    # Two items of one exercise in a version share its credit: their times a day add.
    cap = func.sum(case((on_weekday, i.times_per_day), else_=zero))
    flex_cap = func.sum(case((i.days_per_week.is_not(None), i.times_per_day), else_=zero))
    key = (r.patient_id, r.local_day, r.programme_id, r.exercise_id)
    return (
        select(*key, r.credit, r.done, r.partly, cap.label("cap"), flex_cap.label("flex_cap"))
        .select_from(
            runs.join(
                programme_item,
                and_(i.version_id == r.version_id, i.exercise_id == r.exercise_id),
            )
        )
        .group_by(*key, r.credit, r.done, r.partly)
        .subquery("capped")
    )


def _statements(*conditions: ColumnElement[bool]) -> tuple[Any, Any]:
    """INSERT ... SELECT of the credit_day and flex_credit_day rows of the adherence_day rows
    matching `conditions`."""
    c = _capped(*conditions).c
    used = least(c.credit, c.cap)
    done_used = least(c.done, c.cap)
    partly_used = least(c.partly, c.cap - done_used)
    days = (
        select(
            c.patient_id,
            c.local_day,
            func.sum(used),
            func.sum(done_used),
            func.sum(partly_used),
        )
        .where(c.cap > 0)
        .group_by(c.patient_id, c.local_day)
        .having(func.sum(used) > 0)
    )
    flex_done = least(c.done - done_used, c.flex_cap)
    flexible = select(
        c.patient_id,
        c.local_day,
        c.programme_id,
        c.exercise_id,
        c.flex_cap,
        least(c.credit - used, c.flex_cap),
        flex_done,
        least(c.partly - partly_used, c.flex_cap - flex_done),
    ).where(c.flex_cap > 0)
    return (
        insert(credit_day).from_select(
            ["patient_id", "local_day", "credit", "done", "partly"], days
        ),
        insert(flex_credit_day).from_select(
            [
                "patient_id",
                "local_day",
                "programme_id",
                "exercise_id",
                "times_per_day",
                "credit",
                "done",
                "partly",
            ],
            flexible,
        ),
    )


# Built once: a statement made afresh for every log written cost more than running it.
_A, _C, _F = adherence_day.c, credit_day.c, flex_credit_day.c
_PATIENT: BindParameter[int] = bindparam("patient")
_DAY: BindParameter[date] = bindparam("day")
_CLEAR_DAY = (
    delete(credit_day).where(_C.patient_id == _PATIENT, _C.local_day == _DAY),
    delete(flex_credit_day).where(_F.patient_id == _PATIENT, _F.local_day == _DAY),
)
_FILL_DAY = _statements(_A.patient_id == _PATIENT, _A.local_day == _DAY)
_CLEAR_ALL = (
    delete(credit_day).where(_C.patient_id == _PATIENT),
    delete(flex_credit_day).where(_F.patient_id == _PATIENT),
)
_FILL_ALL = _statements(_A.patient_id == _PATIENT)


def refresh(conn: Connection, patient_id: int, day: date) -> None:
    """Rewrite the patient's rows for `day` (call after its adherence_day rows changed)."""
    given = {"patient": patient_id, "day": day}
    for statement in (*_CLEAR_DAY, *_FILL_DAY):
        conn.execute(statement, given)


def rebuild(conn: Connection, patient_id: int) -> None:
    """Rewrite all of the patient's rows (call after a change to their programmes, or after
    adherence_day rows were written by other means)."""
    given = {"patient": patient_id}
    for statement in (*_CLEAR_ALL, *_FILL_ALL):
        conn.execute(statement, given)
