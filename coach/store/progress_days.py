"""Keeping `progress_day` equal to what a patient's pain ratings and exercise logs say.

The Progress page's pain line, its start and end pain and "What helps?" read a patient's pain
per day and their exercise days over the whole range. Added up from pain entries, check-ins,
sessions and exercise logs on every read, ten years cost some 30 ms of SQLite, more than the
rest of the page's figures; kept here one row a day, they are a plain range read.

Like `adherence_day` (coach.store.adherence_days), a day's row is rewritten whole from its
source rows whenever a pain entry, check-in or session rating on it is written, moved or
deleted, so it stays exactly what they say however often they change. One case is cheaper: an
exercise log that was done at least in part can only make its day an exercise day, so writing
one marks the day without reading the others (`mark_exercised`). Rows written without these
functions (bulk loads in tests and benchmarks, progress files imported) are summed with
`rebuild`. Deleting a patient removes their rows through the foreign key.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    union_all,
    update,
)

from coach.store.progress_queries import greatest
from coach.store.schema import (
    daily_checkin,
    exercise_log,
    exercise_session,
    pain_entry,
    progress_day,
)

_COLUMNS = ("patient_id", "local_day", "pain_total", "pain_ratings", "pain_worst", "exercised")
_NONE = -1  # below any rating: a source without one never gives the day's worst


def _sums(one_day: bool) -> Any:
    """The summary rows of one patient (bound as "patient"), for one day (bound as "day") or for
    all of them, ready for INSERT ... SELECT.

    Each source adds up its own days first, so the union to group holds a row a day from each:
    the mean takes every rating of the day (each pain entry, the check-in's usual pain and the
    session ratings); the check-in's worst pain is an extreme by design, so it counts towards the
    day's worst but not its mean.
    """
    pe, ci, es, log = pain_entry.c, daily_checkin.c, exercise_session.c, exercise_log.c
    one, zero, none = literal(1, Integer), literal(0, Integer), literal(_NONE, Integer)

    def per_day(
        table_columns: Any,
        total: ColumnElement[Any],
        ratings: ColumnElement[Any],
        worst: ColumnElement[Any],
        exercised: ColumnElement[Any],
        *where: ColumnElement[bool],
    ) -> Any:
        mine = [table_columns.patient_id == bindparam("patient")]
        if one_day:
            mine.append(table_columns.local_day == bindparam("day"))
        return (
            select(
                table_columns.patient_id.label("patient_id"),
                table_columns.local_day.label("day"),
                func.sum(total).label("total"),
                func.sum(ratings).label("ratings"),
                func.max(worst).label("worst"),
                func.max(exercised).label("exercised"),
            )
            .where(*mine, *where)
            .group_by(table_columns.patient_id, table_columns.local_day)
        )

    def given(rating: ColumnElement[Any]) -> ColumnElement[Any]:
        return case((rating.is_not(None), one), else_=zero)

    sources = union_all(
        per_day(pe, pe.intensity, one, pe.intensity, zero),
        per_day(ci, ci.typical_pain, one, greatest(ci.typical_pain, ci.worst_pain), zero),
        per_day(
            es,
            func.coalesce(es.pain_before, 0) + func.coalesce(es.pain_after, 0),
            given(es.pain_before) + given(es.pain_after),
            greatest(func.coalesce(es.pain_before, none), func.coalesce(es.pain_after, none)),
            zero,
            es.pain_before.is_not(None) | es.pain_after.is_not(None),
        ),
        per_day(log, zero, zero, none, one, log.status != "skipped"),
    ).subquery("sources")
    s = sources.c
    ratings = func.sum(s.ratings)
    return (
        select(
            s.patient_id,
            s.day,
            func.sum(s.total),
            ratings,
            case((ratings > 0, func.max(s.worst))),
            func.max(s.exercised) > 0,
        )
        .group_by(s.patient_id, s.day)
        .having((ratings > 0) | (func.max(s.exercised) > 0))
    )


# Built once: a statement made afresh for every row written cost more than running it.
_D = progress_day.c
_CLEAR_DAY = delete(progress_day).where(
    _D.patient_id == bindparam("patient"), _D.local_day == bindparam("day")
)
_FILL_DAY = insert(progress_day).from_select(_COLUMNS, _sums(one_day=True))
_CLEAR_ALL = delete(progress_day).where(_D.patient_id == bindparam("patient"))
_FILL_ALL = insert(progress_day).from_select(_COLUMNS, _sums(one_day=False))
_MARK = (
    update(progress_day)
    .where(_D.patient_id == bindparam("patient"), _D.local_day == bindparam("day"))
    .values(exercised=true())
)
_FIRST_MARK = insert(progress_day).values(
    patient_id=bindparam("patient"),
    local_day=bindparam("day"),
    pain_total=0,
    pain_ratings=0,
    pain_worst=None,
    exercised=True,
)


def refresh(conn: Connection, patient_id: int, days: Iterable[date | None]) -> None:
    """Rewrite the patient's rows for `days` from their source rows (call after writing, moving
    or deleting any of them; None, for a row that was not there, is passed over)."""
    for day in {d for d in days if d is not None}:
        given = {"patient": patient_id, "day": day}
        conn.execute(_CLEAR_DAY, given)
        conn.execute(_FILL_DAY, given)


def mark_exercised(conn: Connection, patient_id: int, day: date) -> None:
    """The day has an exercise done at least in part (call after adding such a log)."""
    given = {"patient": patient_id, "day": day}
    if not conn.execute(_MARK, given).rowcount:
        conn.execute(_FIRST_MARK, given)


def rebuild(conn: Connection, patient_id: int) -> None:
    """Rewrite all of the patient's rows, after source rows were loaded by other means."""
    conn.execute(_CLEAR_ALL, {"patient": patient_id})
    conn.execute(_FILL_ALL, {"patient": patient_id})
