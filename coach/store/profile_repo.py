"""Reading and writing the single profile row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from coach.domain.profile import Profile, Role
from coach.store.schema import profile as profile_table


def load(conn: Connection) -> Profile | None:
    row = conn.execute(select(profile_table).where(profile_table.c.id == 1)).mappings().first()
    if row is None:
        return None
    return Profile(
        name=row["name"],
        role=Role(row["role"]),
        timezone=row["timezone"],
        notice_accepted_at=row["notice_accepted_at"],
        date_of_birth=row["date_of_birth"],
        patient_identifier=row["patient_identifier"],
        therapist_name=row["therapist_name"],
        clinic=row["clinic"],
        contact=row["contact"],
    )


def save(conn: Connection, value: Profile, now: datetime) -> None:
    fields = {
        "name": value.name,
        "role": value.role.value,
        "timezone": value.timezone,
        "notice_accepted_at": value.notice_accepted_at,
        "date_of_birth": value.date_of_birth,
        "patient_identifier": value.patient_identifier,
        "therapist_name": value.therapist_name,
        "clinic": value.clinic,
        "contact": value.contact,
        "updated_at": now,
    }
    updated = conn.execute(
        profile_table.update().where(profile_table.c.id == 1).values(**fields)
    ).rowcount
    if not updated:
        conn.execute(profile_table.insert().values(id=1, created_at=now, **fields))
