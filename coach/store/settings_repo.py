"""Key/value settings rows. Types and defaults are declared in coach.services.settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from coach.store.schema import setting


def load_all(conn: Connection) -> dict[str, Any]:
    return {row.key: row.value for row in conn.execute(select(setting.c.key, setting.c.value))}


def get(conn: Connection, key: str) -> Any:
    """One setting's stored value, None when it was never written."""
    return conn.execute(select(setting.c.value).where(setting.c.key == key)).scalar()


def put(conn: Connection, key: str, value: Any, now: datetime) -> None:
    updated = conn.execute(
        setting.update().where(setting.c.key == key).values(value=value, updated_at=now)
    ).rowcount
    if not updated:
        conn.execute(setting.insert().values(key=key, value=value, updated_at=now))
