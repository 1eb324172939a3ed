"""Rows of the patient table as Patient records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update

from coach.domain.patient import Patient
from coach.store import rows
from coach.store.schema import patient


def _record(row: RowMapping) -> Patient:
    return rows.record(Patient, row)


def add(conn: Connection, value: Patient, now: datetime) -> int:
    fields = rows.values(patient, value, created_at=now, updated_at=now)
    result = conn.execute(insert(patient).values(**fields))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def update_patient(conn: Connection, value: Patient, now: datetime) -> bool:
    fields = rows.values(patient, value, updated_at=now)
    fields.pop("uid", None)  # a patient's uid never changes
    query = update(patient).where(patient.c.id == value.id).values(**fields)
    return bool(conn.execute(query).rowcount)


def set_archived(conn: Connection, patient_id: int, at: datetime | None, now: datetime) -> bool:
    query = update(patient).where(patient.c.id == patient_id).values(archived_at=at, updated_at=now)
    return bool(conn.execute(query).rowcount)


def remove(conn: Connection, patient_id: int) -> bool:
    """Delete a patient; their records go with them (ON DELETE CASCADE)."""
    return bool(conn.execute(delete(patient).where(patient.c.id == patient_id)).rowcount)


def get(conn: Connection, patient_id: int) -> Patient | None:
    row = conn.execute(select(patient).where(patient.c.id == patient_id)).mappings().first()
    return _record(row) if row else None


def listed(conn: Connection, *, archived: bool | None = False) -> list[Patient]:
    """Patients by name; `archived` True/False keeps only those, None keeps all."""
    query = select(patient).order_by(func.lower(patient.c.name), patient.c.id)
    if archived is not None:
        query = query.where(
            patient.c.archived_at.is_not(None) if archived else patient.c.archived_at.is_(None)
        )
    return [_record(row) for row in conn.execute(query).mappings()]


def first_id(conn: Connection) -> int | None:
    """The oldest patient that is not archived (a patient's copy has only this one)."""
    query = (
        select(patient.c.id).where(patient.c.archived_at.is_(None)).order_by(patient.c.id).limit(1)
    )
    return conn.execute(query).scalar()


def find_by_uid(conn: Connection, uid: str) -> Patient | None:
    row = conn.execute(select(patient).where(patient.c.uid == uid)).mappings().first()
    return _record(row) if row else None


def find_by_identifier(conn: Connection, identifier: str) -> Patient | None:
    if not identifier:
        return None
    query = select(patient).where(patient.c.identifier == identifier)
    row = conn.execute(query).mappings().first()
    return _record(row) if row else None
