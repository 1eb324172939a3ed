"""Exercise sessions, their per-exercise log rows and McKenzie symptom responses.

Each function is one statement or two inside the caller's transaction; the service opens one
short transaction per exercise, so a crash loses at most the exercise in progress.

Log rows keep plan and actual side by side: `planned_reps` is per set and side, as prescribed,
while `done_reps` counts every repetition done (each side separately) and `done_sets` the sets
finished completely. coach.domain.adherence.done_fraction turns them, with `done_hold_s` (the
mean seconds held in the repetitions done), into the share of the prescribed work performed.
Writing a log also rewrites its day's sums in `adherence_day` (coach.store.adherence_days), and
writing a session's pain ratings or a log keeps its day's `progress_day` row
(coach.store.progress_days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, Select, func, select

from coach.domain.sides import Sides
from coach.store import adherence_days, progress_days, rows
from coach.store.schema import exercise_log, exercise_session, programme_item, symptom_response


@dataclass(frozen=True)
class NewSession:
    programme_id: int | None
    version_id: int | None
    started_at: datetime
    local_day: date
    timezone: str
    pain_before: int | None
    symptom_region: str | None
    symptoms_before: int | None


@dataclass(frozen=True)
class LogRow:
    """One exercise of a session as logged."""

    session_id: int
    item_id: int | None
    exercise_id: str
    local_day: date
    started_at: datetime
    ended_at: datetime
    status: str  # done / partial / skipped
    planned_sets: int
    planned_reps: int
    planned_hold_s: float
    planned_sides: Sides
    done_sets: int
    done_reps: int
    done_hold_s: float
    id: int | None = None
    programme_id: int | None = None  # the session's programme, filled in when read


@dataclass(frozen=True)
class SessionRow:
    id: int
    programme_id: int | None
    version_id: int | None
    started_at: datetime
    ended_at: datetime | None
    local_day: date
    status: str
    pain_before: int | None
    pain_after: int | None
    symptom_region: str | None
    symptoms_before: int | None
    effort: str | None
    note: str


@dataclass(frozen=True)
class SymptomRow:
    log_id: int
    region: str
    level_before: int
    level_after: int
    response: str
    recorded_at: datetime
    local_day: date


def start(conn: Connection, patient_id: int, value: NewSession) -> int:
    values = rows.values(
        exercise_session, value, status="in_progress", patient_id=patient_id, uid=rows.new_uid()
    )
    result = conn.execute(exercise_session.insert().values(values))
    key = result.inserted_primary_key
    assert key is not None
    if value.pain_before is not None:
        progress_days.refresh(conn, patient_id, [value.local_day])
    return int(key[0])


def _mine(patient_id: int, session_id: int) -> ColumnElement[bool]:
    return (exercise_session.c.id == session_id) & (exercise_session.c.patient_id == patient_id)


def get(conn: Connection, patient_id: int, session_id: int) -> SessionRow | None:
    row = (
        conn.execute(select(exercise_session).where(_mine(patient_id, session_id)))
        .mappings()
        .first()
    )
    if row is None:
        return None
    return rows.record(SessionRow, row)


def item_exists(conn: Connection, item_id: int) -> bool:
    """A same-day programme edit replaces item rows; a log must not point at a removed one."""
    found = conn.execute(select(programme_item.c.id).where(programme_item.c.id == item_id))
    return found.first() is not None


def add_log(conn: Connection, patient_id: int, value: LogRow) -> int:
    values = rows.values(exercise_log, value, patient_id=patient_id, uid=rows.new_uid())
    result = conn.execute(exercise_log.insert().values(values))
    key = result.inserted_primary_key
    assert key is not None
    adherence_days.refresh(conn, patient_id, value.local_day)
    if value.status != "skipped":
        progress_days.mark_exercised(conn, patient_id, value.local_day)
    return int(key[0])


def replace_log(conn: Connection, patient_id: int, log_id: int, value: LogRow) -> bool:
    """Rewrite one log row of the same session (an exercise reopened with Back and ended
    again); False when there is no such row."""
    log = exercise_log.c
    mine = (
        (log.id == log_id) & (log.session_id == value.session_id) & (log.patient_id == patient_id)
    )
    before = conn.execute(select(log.local_day).where(mine)).scalar()
    if before is None:
        return False
    conn.execute(exercise_log.update().where(mine).values(rows.values(exercise_log, value)))
    for day in {before, value.local_day}:
        adherence_days.refresh(conn, patient_id, day)
    progress_days.refresh(conn, patient_id, [before, value.local_day])
    return True


def has_symptoms(conn: Connection, patient_id: int, log_id: int) -> bool:
    query = select(symptom_response.c.id).where(
        symptom_response.c.log_id == log_id, symptom_response.c.patient_id == patient_id
    )
    return conn.execute(query).first() is not None


def add_symptoms(conn: Connection, patient_id: int, value: SymptomRow) -> int:
    values = rows.values(symptom_response, value, patient_id=patient_id, uid=rows.new_uid())
    result = conn.execute(symptom_response.insert().values(values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def finish(
    conn: Connection,
    patient_id: int,
    session_id: int,
    *,
    status: str,
    ended_at: datetime,
    pain_after: int | None,
    effort: str | None,
    note: str,
) -> None:
    conn.execute(
        exercise_session.update()
        .where(_mine(patient_id, session_id))
        .values(status=status, ended_at=ended_at, pain_after=pain_after, effort=effort, note=note)
    )
    day = conn.execute(
        select(exercise_session.c.local_day).where(_mine(patient_id, session_id))
    ).scalar()
    progress_days.refresh(conn, patient_id, [day])


def in_progress_ids(conn: Connection, patient_id: int) -> list[int]:
    query = select(exercise_session.c.id).where(
        exercise_session.c.status == "in_progress", exercise_session.c.patient_id == patient_id
    )
    return [int(row[0]) for row in conn.execute(query.order_by(exercise_session.c.id))]


def patients_in_session(conn: Connection) -> list[int]:
    """The patients with a session in progress: at start, the ones a crash left open."""
    query = select(exercise_session.c.patient_id).where(exercise_session.c.status == "in_progress")
    return [int(row[0]) for row in conn.execute(query.distinct().order_by("patient_id"))]


def close_interrupted(conn: Connection, patient_id: int, session_id: int) -> None:
    """Mark a session a crash left open as stopped, ending when its last logged exercise did."""
    last = conn.execute(
        select(func.max(exercise_log.c.ended_at)).where(exercise_log.c.session_id == session_id)
    ).scalar()
    started = conn.execute(
        select(exercise_session.c.started_at).where(_mine(patient_id, session_id))
    ).scalar_one()
    conn.execute(
        exercise_session.update()
        .where(_mine(patient_id, session_id))
        .values(status="stopped", ended_at=last or started)
    )


def _log_of(row: RowMapping) -> LogRow:
    return rows.record(LogRow, row)


def _logs_query(patient_id: int) -> Select[Any]:
    return (
        select(exercise_log, exercise_session.c.programme_id)
        .join(exercise_session, exercise_session.c.id == exercise_log.c.session_id)
        .where(exercise_log.c.patient_id == patient_id)
    )


def logs_between(conn: Connection, patient_id: int, first: date, last: date) -> list[LogRow]:
    query = _logs_query(patient_id).where(exercise_log.c.local_day.between(first, last))
    rows = conn.execute(query.order_by(exercise_log.c.started_at, exercise_log.c.id)).mappings()
    return [_log_of(row) for row in rows]


def logs_of(conn: Connection, patient_id: int, session_id: int) -> list[LogRow]:
    query = _logs_query(patient_id).where(exercise_log.c.session_id == session_id)
    rows = conn.execute(query.order_by(exercise_log.c.id)).mappings()
    return [_log_of(row) for row in rows]


def symptoms_of(conn: Connection, patient_id: int, session_id: int) -> list[SymptomRow]:
    query = (
        select(symptom_response)
        .join(exercise_log, exercise_log.c.id == symptom_response.c.log_id)
        .where(exercise_log.c.session_id == session_id)
        .where(symptom_response.c.patient_id == patient_id)
        .order_by(symptom_response.c.id)
    )
    return [rows.record(SymptomRow, row) for row in conn.execute(query).mappings()]
