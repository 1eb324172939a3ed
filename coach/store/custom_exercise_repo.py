"""Rows of the custom_exercise table: exercises a user added to their own library.

The repository moves plain values in and out; what a definition may contain, and turning it into
an `Exercise`, is the exercise service's business (a stored definition written by a newer Coach
or edited by hand must be reported, not crash the library).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from coach.store import rows
from coach.store.schema import custom_exercise


@dataclass(frozen=True)
class CustomExerciseRow:
    uid: str
    name: str
    definition: dict[str, Any]
    image_file: str | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


def load_all(conn: Connection) -> list[CustomExerciseRow]:
    """Every custom exercise, deleted ones included (history still refers to them)."""
    found = conn.execute(select(custom_exercise).order_by(custom_exercise.c.id)).mappings()
    return [
        rows.record(
            CustomExerciseRow,
            row,
            definition=row["definition"] if isinstance(row["definition"], dict) else {},
        )
        for row in found
    ]


def insert(
    conn: Connection,
    uid: str,
    *,
    name: str,
    definition: dict[str, Any],
    image_file: str | None,
    now: datetime,
) -> None:
    conn.execute(
        custom_exercise.insert().values(
            uid=uid,
            name=name,
            definition=definition,
            image_file=image_file,
            created_at=now,
            updated_at=now,
        )
    )


def update(
    conn: Connection,
    uid: str,
    *,
    name: str,
    definition: dict[str, Any],
    image_file: str | None,
    now: datetime,
) -> bool:
    """Replace a live custom exercise's content; False if there is no such live exercise."""
    changed = conn.execute(
        custom_exercise.update()
        .where(custom_exercise.c.uid == uid, custom_exercise.c.deleted_at.is_(None))
        .values(name=name, definition=definition, image_file=image_file, updated_at=now)
    ).rowcount
    return bool(changed)


def mark_deleted(conn: Connection, uid: str, now: datetime) -> bool:
    """Take a custom exercise out of the library; False if it was not there."""
    changed = conn.execute(
        custom_exercise.update()
        .where(custom_exercise.c.uid == uid, custom_exercise.c.deleted_at.is_(None))
        .values(deleted_at=now, updated_at=now)
    ).rowcount
    return bool(changed)


def uses_of_image(conn: Connection, image_file: str) -> int:
    """How many custom exercises (deleted ones too) show this stored image."""
    count = conn.execute(
        select(func.count())
        .select_from(custom_exercise)
        .where(custom_exercise.c.image_file == image_file)
    ).scalar_one()
    return int(count)
