"""Reading and writing the single profile row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from coach.domain.profile import Profile
from coach.store import rows
from coach.store.schema import profile as profile_table


def load(conn: Connection) -> Profile | None:
    row = conn.execute(select(profile_table).where(profile_table.c.id == 1)).mappings().first()
    if row is None:
        return None
    return rows.record(Profile, row)


def save(conn: Connection, value: Profile, now: datetime) -> None:
    fields = rows.values(profile_table, value, updated_at=now)
    updated = conn.execute(
        profile_table.update().where(profile_table.c.id == 1).values(**fields)
    ).rowcount
    if not updated:
        conn.execute(profile_table.insert().values(id=1, created_at=now, **fields))
