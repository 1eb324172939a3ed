"""Rows of the diary tables (pain entries, daily check-ins, treatments) as domain records.

`restore_*` writes a record back under its own id with every stored field, so undoing a delete
or an edit gives back exactly what was there, down to the local day it was filed under.

Writing, moving or deleting a pain entry or a check-in also rewrites the pain of the days it was
and is on in `progress_day` (coach.store.progress_days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, delete, insert, select, update

from coach.domain.diary import CheckIn, PainEntry, PainQuality, Treatment
from coach.store import progress_days, rows
from coach.store.schema import daily_checkin, exercise_session, pain_entry, treatment

_RATED = (pain_entry, daily_checkin)  # tables whose rows are pain ratings of their local day


def _day_of(conn: Connection, table: Table, patient_id: int, row_id: int) -> date | None:
    """The local day a pain rating is filed under now (None: no such row, or not a rating)."""
    if table not in _RATED:
        return None
    query = select(table.c.local_day).where(table.c.id == row_id, table.c.patient_id == patient_id)
    day: date | None = conn.execute(query).scalar()
    return day


def _rated_days(conn: Connection, table: Table, patient_id: int, *days: date | None) -> None:
    if table in _RATED:
        progress_days.refresh(conn, patient_id, days)


def _upsert(
    conn: Connection, table: Table, patient_id: int, row_id: int, values: dict[str, Any]
) -> None:
    before = _day_of(conn, table, patient_id, row_id)
    mine = (table.c.id == row_id) & (table.c.patient_id == patient_id)
    changed = conn.execute(update(table).where(mine).values(**values)).rowcount
    if not changed:
        conn.execute(
            insert(table).values(id=row_id, patient_id=patient_id, uid=rows.new_uid(), **values)
        )
    _rated_days(conn, table, patient_id, before, values.get("local_day"))


def _insert(conn: Connection, table: Table, patient_id: int, values: dict[str, Any]) -> int:
    result = conn.execute(insert(table).values(patient_id=patient_id, uid=rows.new_uid(), **values))
    _rated_days(conn, table, patient_id, values.get("local_day"))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def _get(conn: Connection, table: Table, patient_id: int, row_id: int) -> RowMapping | None:
    query = select(table).where(table.c.id == row_id, table.c.patient_id == patient_id)
    return conn.execute(query).mappings().first()


def _delete(conn: Connection, table: Table, patient_id: int, row_id: int) -> bool:
    before = _day_of(conn, table, patient_id, row_id)
    mine = (table.c.id == row_id) & (table.c.patient_id == patient_id)
    gone = bool(conn.execute(delete(table).where(mine)).rowcount)
    _rated_days(conn, table, patient_id, before)
    return gone


# Pain entries


def _pain_values(entry: PainEntry, day: date) -> dict[str, Any]:
    return rows.values(
        pain_entry,
        entry,
        local_day=day,
        body_regions=list(entry.regions),
        qualities=[q.value for q in entry.qualities],
        red_flags=list(entry.red_flags),
    )


def _pain(row: RowMapping) -> PainEntry:
    return rows.record(
        PainEntry,
        row,
        regions=tuple(row["body_regions"]),
        qualities=tuple(PainQuality(q) for q in row["qualities"]),
        question_for_therapist=bool(row["question_for_therapist"]),
        red_flags=tuple(row["red_flags"]),
    )


def add_pain(conn: Connection, patient_id: int, entry: PainEntry, day: date) -> int:
    return _insert(conn, pain_entry, patient_id, _pain_values(entry, day))


def restore_pain(conn: Connection, patient_id: int, entry: PainEntry) -> None:
    assert entry.id and entry.local_day is not None
    _upsert(conn, pain_entry, patient_id, entry.id, _pain_values(entry, entry.local_day))


def get_pain(conn: Connection, patient_id: int, entry_id: int) -> PainEntry | None:
    row = _get(conn, pain_entry, patient_id, entry_id)
    return _pain(row) if row else None


def delete_pain(conn: Connection, patient_id: int, entry_id: int) -> bool:
    return _delete(conn, pain_entry, patient_id, entry_id)


def pain_between(conn: Connection, patient_id: int, first: date, last: date) -> list[PainEntry]:
    query = (
        select(pain_entry)
        .where(pain_entry.c.patient_id == patient_id)
        .where(pain_entry.c.local_day.between(first, last))
        .order_by(pain_entry.c.recorded_at)
    )
    return [_pain(row) for row in conn.execute(query).mappings()]


# Daily check-ins


def _checkin_values(entry: CheckIn, recorded_at: datetime) -> dict[str, Any]:
    return rows.values(daily_checkin, entry, local_day=entry.day, recorded_at=recorded_at)


def _checkin(row: RowMapping) -> CheckIn:
    return rows.record(CheckIn, row, day=row["local_day"])


def add_checkin(conn: Connection, patient_id: int, entry: CheckIn, recorded_at: datetime) -> int:
    return _insert(conn, daily_checkin, patient_id, _checkin_values(entry, recorded_at))


def restore_checkin(conn: Connection, patient_id: int, entry: CheckIn) -> None:
    assert entry.id and entry.recorded_at is not None
    values = _checkin_values(entry, entry.recorded_at)
    _upsert(conn, daily_checkin, patient_id, entry.id, values)


def get_checkin(conn: Connection, patient_id: int, entry_id: int) -> CheckIn | None:
    row = _get(conn, daily_checkin, patient_id, entry_id)
    return _checkin(row) if row else None


def checkin_on(conn: Connection, patient_id: int, day: date) -> CheckIn | None:
    query = select(daily_checkin).where(
        daily_checkin.c.patient_id == patient_id, daily_checkin.c.local_day == day
    )
    row = conn.execute(query).mappings().first()
    return _checkin(row) if row else None


def delete_checkin(conn: Connection, patient_id: int, entry_id: int) -> bool:
    return _delete(conn, daily_checkin, patient_id, entry_id)


def checkins_between(conn: Connection, patient_id: int, first: date, last: date) -> list[CheckIn]:
    query = (
        select(daily_checkin)
        .where(daily_checkin.c.patient_id == patient_id)
        .where(daily_checkin.c.local_day.between(first, last))
        .order_by(daily_checkin.c.local_day)
    )
    return [_checkin(row) for row in conn.execute(query).mappings()]


# Treatments


def _treatment_values(entry: Treatment, recorded_at: datetime) -> dict[str, Any]:
    return rows.values(treatment, entry, recorded_at=recorded_at)


def _treatment(row: RowMapping) -> Treatment:
    return rows.record(Treatment, row)


def add_treatment(
    conn: Connection, patient_id: int, entry: Treatment, recorded_at: datetime
) -> int:
    return _insert(conn, treatment, patient_id, _treatment_values(entry, recorded_at))


def restore_treatment(conn: Connection, patient_id: int, entry: Treatment) -> None:
    assert entry.id and entry.recorded_at is not None
    values = _treatment_values(entry, entry.recorded_at)
    _upsert(conn, treatment, patient_id, entry.id, values)


def get_treatment(conn: Connection, patient_id: int, entry_id: int) -> Treatment | None:
    row = _get(conn, treatment, patient_id, entry_id)
    return _treatment(row) if row else None


def delete_treatment(conn: Connection, patient_id: int, entry_id: int) -> bool:
    return _delete(conn, treatment, patient_id, entry_id)


def treatments_between(
    conn: Connection, patient_id: int, first: date, last: date
) -> list[Treatment]:
    query = (
        select(treatment)
        .where(treatment.c.patient_id == patient_id)
        .where(treatment.c.occurred_on.between(first, last))
        .order_by(treatment.c.occurred_on, treatment.c.id)
    )
    return [_treatment(row) for row in conn.execute(query).mappings()]


# Exercise sessions are written by the session player; the diary only lists them.


@dataclass(frozen=True)
class SessionSummary:
    id: int
    started_at: datetime
    ended_at: datetime | None
    local_day: date
    completed: bool
    pain_before: int | None
    pain_after: int | None
    note: str


def sessions_between(
    conn: Connection, patient_id: int, first: date, last: date
) -> list[SessionSummary]:
    query = (
        select(
            exercise_session.c.id,
            exercise_session.c.started_at,
            exercise_session.c.ended_at,
            exercise_session.c.local_day,
            exercise_session.c.status,
            exercise_session.c.pain_before,
            exercise_session.c.pain_after,
            exercise_session.c.note,
        )
        .where(exercise_session.c.patient_id == patient_id)
        .where(exercise_session.c.local_day.between(first, last))
        .where(exercise_session.c.status != "in_progress")
        .order_by(exercise_session.c.started_at)
    )
    return [
        rows.record(SessionSummary, row, completed=row["status"] == "completed")
        for row in conn.execute(query).mappings()
    ]
