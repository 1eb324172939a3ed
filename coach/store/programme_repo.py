"""Programmes with versioned items.

Each save of a started programme writes a version effective from a local day; the items of a day
are those of the newest version whose `effective_from` is on or before it. So a prescription that
was in force last week stays exactly as it was, whatever is edited today. A second edit on the
same day replaces that day's version (logs keep their own copy of the planned dosage and the
exercise id, so nothing logged is lost when an item row is replaced).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, and_, delete, func, or_, select

from coach.domain.dosage import Dosage
from coach.domain.programme import (
    Author,
    Programme,
    ProgrammeItem,
    Progressable,
    Progression,
    days_from_mask,
    days_mask,
)
from coach.store import credit_days, rows
from coach.store.schema import programme, programme_item, programme_version


def _visible(patient_id: int) -> ColumnElement[bool]:
    """The patient's own programmes and the shared templates (which have no patient)."""
    return or_(programme.c.patient_id == patient_id, programme.c.patient_id.is_(None))


def _mine(patient_id: int, programme_id: int) -> ColumnElement[bool]:
    return and_(programme.c.id == programme_id, _visible(patient_id))


def _header(value: Programme) -> dict[str, Any]:
    author = value.author
    return rows.values(
        programme,
        value,
        author_name=author.name,
        author_clinic=author.clinic,
        author_contact=author.contact,
    )


def _item_row(version_id: int, position: int, item: ProgrammeItem) -> dict[str, Any]:
    progression = None
    if item.progression is not None:
        p = item.progression
        progression = {"field": p.field.value, "step": p.step, "limit": p.limit}
    return rows.values(programme_item, item.dosage) | rows.values(
        programme_item,
        item,
        version_id=version_id,
        position=position,
        days_mask=days_mask(item.days),
        days_per_week=item.dosage.days_per_week if item.days is None else None,
        progression=progression,
    )


def item_from_row(row: RowMapping) -> ProgrammeItem:
    flexible = row["days_per_week"] is not None
    days = None if flexible else days_from_mask(row["days_mask"])
    dosage = rows.record(
        Dosage, row, days_per_week=row["days_per_week"] if flexible else len(days or ())
    )
    raw = row["progression"]
    progression = None
    if raw:
        progression = Progression(Progressable(raw["field"]), raw["step"], raw["limit"])
    return rows.record(ProgrammeItem, row, dosage=dosage, days=days, progression=progression)


def _from_row(row: RowMapping, items: Sequence[ProgrammeItem]) -> Programme:
    return rows.record(
        Programme,
        row,
        author=Author(row["author_name"], row["author_clinic"], row["author_contact"]),
        is_template=bool(row["is_template"]),
        items=tuple(items),
    )


def _write_items(conn: Connection, version_id: int, items: Sequence[ProgrammeItem]) -> None:
    conn.execute(delete(programme_item).where(programme_item.c.version_id == version_id))
    if items:
        conn.execute(
            programme_item.insert(),
            [_item_row(version_id, i, item) for i, item in enumerate(items)],
        )


def insert(conn: Connection, patient_id: int, value: Programme, now: datetime) -> int:
    """A new programme with its first version, effective from its start date.

    A template belongs to no patient: every patient's programmes can start from it.
    """
    owner = None if value.is_template else patient_id
    new_id = conn.execute(
        programme.insert().values(created_at=now, patient_id=owner, **_header(value))
    ).inserted_primary_key
    assert new_id is not None
    programme_id = int(new_id[0])
    version = conn.execute(
        programme_version.insert().values(
            programme_id=programme_id, effective_from=value.start_date, created_at=now
        )
    ).inserted_primary_key
    assert version is not None
    _write_items(conn, int(version[0]), value.items)
    return programme_id


def update(conn: Connection, patient_id: int, value: Programme, today: date, now: datetime) -> None:
    """Save edits. Items change from `today` on (or from the start, if not yet started)."""
    if _write_edits(conn, patient_id, value, today, now) and not value.is_template:
        # The items in force, the start and the end date say what the days credit.
        credit_days.rebuild(conn, patient_id)


def _write_edits(
    conn: Connection, patient_id: int, value: Programme, today: date, now: datetime
) -> bool:
    """The writes of `update`; False when the patient has no such programme."""
    assert value.id is not None
    header = _header(value)
    header.pop("is_template", None)  # a programme never turns into a template or back
    mine = _mine(patient_id, value.id)
    if not conn.execute(programme.update().where(mine).values(**header)).rowcount:
        return False
    versions = conn.execute(
        select(programme_version.c.id, programme_version.c.effective_from)
        .where(programme_version.c.programme_id == value.id)
        .order_by(programme_version.c.effective_from)
    ).all()
    effective = max(today, value.start_date)
    if value.is_template or today < value.start_date:
        # Nothing has been prescribed yet: one version, from the start date.
        keep = versions[0].id
        conn.execute(
            delete(programme_version).where(
                and_(programme_version.c.programme_id == value.id, programme_version.c.id != keep)
            )
        )
        conn.execute(
            programme_version.update()
            .where(programme_version.c.id == keep)
            .values(effective_from=value.start_date)
        )
        _write_items(conn, keep, value.items)
        return True
    latest = versions[-1]
    if latest.effective_from >= effective:
        # A second edit the same day rewrites that day's version. One dated after today (the
        # clock or the time zone went back since it was written) is rewritten too: a version
        # slipped in before it would be hidden by it, and the edit lost from the programme.
        _write_items(conn, latest.id, value.items)
        return True
    created = conn.execute(
        programme_version.insert().values(
            programme_id=value.id, effective_from=effective, created_at=now
        )
    ).inserted_primary_key
    assert created is not None
    _write_items(conn, int(created[0]), value.items)
    return True


def version_on(conn: Connection, programme_id: int, day: date) -> int | None:
    """The id of the version in force on `day` (None before the programme starts)."""
    return conn.execute(
        select(programme_version.c.id)
        .where(
            programme_version.c.programme_id == programme_id,
            programme_version.c.effective_from <= day,
        )
        .order_by(programme_version.c.effective_from.desc())
        .limit(1)
    ).scalar()


def latest_version(conn: Connection, programme_id: int) -> int:
    found = conn.execute(
        select(func.max(programme_version.c.id)).where(
            programme_version.c.programme_id == programme_id
        )
    ).scalar()
    assert found is not None
    return int(found)


def items_of(conn: Connection, version_id: int) -> list[ProgrammeItem]:
    rows = conn.execute(
        select(programme_item)
        .where(programme_item.c.version_id == version_id)
        .order_by(programme_item.c.position)
    ).mappings()
    return [item_from_row(row) for row in rows]


def item_ids_of(conn: Connection, version_id: int) -> list[int]:
    """Row ids of a version's items, in order (sessions log against them)."""
    return list(
        conn.execute(
            select(programme_item.c.id)
            .where(programme_item.c.version_id == version_id)
            .order_by(programme_item.c.position)
        ).scalars()
    )


def load(
    conn: Connection, patient_id: int, programme_id: int, day: date | None = None
) -> Programme | None:
    """A programme with the items in force on `day` (default: its newest version)."""
    query = select(programme).where(_mine(patient_id, programme_id))
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    version = latest_version(conn, programme_id) if day is None else None
    if day is not None:
        version = version_on(conn, programme_id, day) or latest_version(conn, programme_id)
    assert version is not None
    return _from_row(row, items_of(conn, version))


def find_by_uid(conn: Connection, patient_id: int, uid: str) -> int | None:
    query = select(programme.c.id).where(programme.c.uid == uid, _visible(patient_id))
    return conn.execute(query).scalar()


def uid_taken(conn: Connection, uid: str) -> bool:
    """Whether any programme, of any patient, has `uid` (uids are unique across the copy)."""
    return conn.execute(select(programme.c.id).where(programme.c.uid == uid)).first() is not None


def list_ids(
    conn: Connection, patient_id: int, *, templates: bool, include_archived: bool = False
) -> list[int]:
    owner = programme.c.patient_id
    query = select(programme.c.id).where(
        programme.c.is_template == templates,
        owner.is_(None) if templates else owner == patient_id,
    )
    if not include_archived:
        query = query.where(programme.c.archived_at.is_(None))
    return list(conn.execute(query.order_by(programme.c.name, programme.c.id)).scalars())


def archive(conn: Connection, patient_id: int, programme_id: int, now: datetime, day: date) -> None:
    """`day` is the user's calendar day of `now`, kept as written (see coach.domain.days)."""
    conn.execute(
        programme.update()
        .where(_mine(patient_id, programme_id))
        .values(archived_at=now, archived_local_day=day)
    )
    credit_days.rebuild(conn, patient_id)  # it prescribes nothing from `day` on


def delete_programme(conn: Connection, patient_id: int, programme_id: int) -> None:
    """Remove a programme and its versions (sessions keep their rows, unlinked, and their
    credit no longer counts)."""
    conn.execute(delete(programme).where(_mine(patient_id, programme_id)))
    credit_days.rebuild(conn, patient_id)


def version_days(conn: Connection, programme_id: int) -> list[date]:
    return list(
        conn.execute(
            select(programme_version.c.effective_from)
            .where(programme_version.c.programme_id == programme_id)
            .order_by(programme_version.c.effective_from)
        ).scalars()
    )
