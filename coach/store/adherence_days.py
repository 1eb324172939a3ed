"""Keeping `adherence_day` equal to what the exercise logs add up to.

The Progress page caps each exercise's credit per day at what was prescribed that day; summing
every log row first made ten years of history cost several times a plain GROUP BY. The sums are
therefore kept here, per patient, local day, programme and exercise, and rewritten whole for a
day whenever one of its logs is written or rewritten. Recomputing the day rather than adding a
difference keeps the row exactly what the logs say, however often a log is rewritten, and costs
one small GROUP BY over a day's few dozen logs.

Both also rewrite the capped sums that follow these rows (coach.store.credit_days). Rows
written without these functions (bulk loads in tests and benchmarks) are summed with
`rebuild`. Deleting a programme or a patient removes their rows through the foreign keys.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
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
    select,
)

from coach.store import credit_days
from coach.store.progress_queries import log_credit, weekday
from coach.store.schema import adherence_day, exercise_log, exercise_session


def _sums(*conditions: ColumnElement[bool]) -> Any:
    """The summary rows of the logs matching `conditions`, ready for INSERT ... SELECT."""
    log = exercise_log.c
    session = exercise_session.c
    credit = log_credit()
    one, none = literal(1, Integer), literal(0, Integer)
    return (
        select(
            log.patient_id,
            log.local_day,
            session.programme_id,
            log.exercise_id,
            weekday(log.local_day),
            func.sum(credit),
            func.sum(case((log.status == "done", one), else_=none)),
            func.sum(case((and_(log.status == "partial", credit > 0), one), else_=none)),
        )
        .select_from(exercise_log.join(exercise_session, session.id == log.session_id))
        .where(session.programme_id.is_not(None), *conditions)
        .group_by(log.patient_id, log.local_day, session.programme_id, log.exercise_id)
        .having(func.sum(credit) > 0)
    )


_COLUMNS = (
    "patient_id",
    "local_day",
    "programme_id",
    "exercise_id",
    "weekday",
    "credit",
    "done",
    "partly",
)


# Built once: a statement made afresh for every log written cost more than running it.
_A = adherence_day.c
_LOG = exercise_log.c
_CLEAR_DAY = delete(adherence_day).where(
    _A.patient_id == bindparam("patient"), _A.local_day == bindparam("day")
)
_FILL_DAY = insert(adherence_day).from_select(
    _COLUMNS, _sums(_LOG.patient_id == bindparam("patient"), _LOG.local_day == bindparam("day"))
)
_CLEAR_ALL = delete(adherence_day).where(_A.patient_id == bindparam("patient"))
_FILL_ALL = insert(adherence_day).from_select(
    _COLUMNS, _sums(_LOG.patient_id == bindparam("patient"))
)


def refresh(conn: Connection, patient_id: int, day: date) -> None:
    """Rewrite the patient's rows for `day` from its logs (call after writing any of them)."""
    given = {"patient": patient_id, "day": day}
    conn.execute(_CLEAR_DAY, given)
    conn.execute(_FILL_DAY, given)
    credit_days.refresh(conn, patient_id, day)


def rebuild(conn: Connection, patient_id: int) -> None:
    """Rewrite all of the patient's rows, after logs were loaded by other means."""
    conn.execute(_CLEAR_ALL, {"patient": patient_id})
    conn.execute(_FILL_ALL, {"patient": patient_id})
    credit_days.rebuild(conn, patient_id)
