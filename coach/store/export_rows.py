"""The rows of a full data export, one query per exported file, streamed from the database.

Keys and column labels match the CSV layout in coach/exchange/csv_export.py (the exchange layer
formats, the store reads; neither imports the other, the export service joins them). Rows come
in id order, so a spreadsheet shows them in the order they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, Table, select

from coach.store.progress_queries import log_credit
from coach.store.schema import (
    daily_checkin,
    exercise_log,
    exercise_session,
    outcome_score,
    pain_entry,
    programme,
    treatment,
)


def _sessions(patient_id: int) -> Select[Any]:
    s = exercise_session.c
    return (
        select(
            s.id,
            s.local_day,
            s.started_at,
            s.ended_at,
            s.timezone,
            s.status,
            s.programme_id,
            programme.c.name.label("programme_name"),
            s.pain_before,
            s.pain_after,
            s.symptom_region,
            s.symptoms_before,
            s.effort,
            s.note,
        )
        .select_from(exercise_session.outerjoin(programme, programme.c.id == s.programme_id))
        .where(s.patient_id == patient_id)
        .order_by(s.id)
    )


def _logs(patient_id: int) -> Select[Any]:
    log = exercise_log.c
    query = select(
        log.id,
        log.session_id,
        log.local_day,
        log.exercise_id,
        log.status,
        log.started_at,
        log.ended_at,
        log.planned_sets,
        log.done_sets,
        log.planned_reps,
        log.done_reps,
        log.planned_hold_s,
        log.done_hold_s,
        log.planned_sides,
        log_credit().label("credit"),
    )
    return query.where(log.patient_id == patient_id).order_by(log.id)


def _pain(patient_id: int) -> Select[Any]:
    p = pain_entry.c
    query = select(
        p.id,
        p.local_day,
        p.recorded_at,
        p.intensity,
        p.body_regions,
        p.qualities,
        p.worse,
        p.better,
        p.medication,
        p.note,
        p.question_for_therapist,
        p.red_flags,
    )
    return query.where(p.patient_id == patient_id).order_by(p.id)


def _whole(table: Table, patient_id: int) -> Select[Any]:
    """Every column a user would read (not the patient key or the travelling uid)."""
    shown = [c for c in table.c if c.name not in ("patient_id", "uid")]
    return select(*shown).where(table.c.patient_id == patient_id).order_by(table.c.id)


def _checkins(patient_id: int) -> Select[Any]:
    return _whole(daily_checkin, patient_id)


def _treatments(patient_id: int) -> Select[Any]:
    return _whole(treatment, patient_id)


def _outcomes(patient_id: int) -> Select[Any]:
    return _whole(outcome_score, patient_id)


QUERIES: dict[str, Callable[[int], Select[Any]]] = {
    "sessions": _sessions,
    "exercise_logs": _logs,
    "pain_entries": _pain,
    "checkins": _checkins,
    "treatments": _treatments,
    "outcome_scores": _outcomes,
}


def rows(conn: Connection, patient_id: int, key: str) -> Iterator[RowMapping]:
    """The patient's rows for one exported file, fetched as they are written."""
    yield from conn.execute(QUERIES[key](patient_id)).mappings()


def all_rows(conn: Connection, patient_id: int) -> dict[str, Iterator[RowMapping]]:
    return {key: rows(conn, patient_id, key) for key in QUERIES}
