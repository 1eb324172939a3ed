"""One patient's rows as a progress file carries them, read out and written back, by uid.

Rows are dicts with the column names of their table, except that links to other rows are the
linked row's uid (a session's `programme`, a log's `session`, a symptom response's `log`) and
that the keys `id` and `patient_id` stay behind: neither means anything in another copy. The
kind names are those of coach.exchange.progress_file (the store and the exchange layer do not
import each other; coach.services joins them).

Reading back by uid gives the same shape, so "already present" is one dict comparison.
Writing resolves the links inside the target copy: a session points at the patient's programme
of that uid and the version in force on its day (else none, as for a programme the copy does
not have), a log at its session and the item of its exercise in that version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, RowMapping, Select, Table, func, select, update

from coach.store.schema import (
    daily_checkin,
    exercise_log,
    exercise_session,
    outcome_score,
    pain_entry,
    programme,
    programme_item,
    programme_version,
    psfs_activity,
    symptom_response,
    treatment,
)

Row = dict[str, Any]
CHUNK = 500  # uids per IN (...) list: well inside every database's parameter limit

TABLES: dict[str, Table] = {
    "sessions": exercise_session,
    "exercise_logs": exercise_log,
    "symptom_responses": symptom_response,
    "pain_entries": pain_entry,
    "checkins": daily_checkin,
    "treatments": treatment,
    "psfs_activities": psfs_activity,
    "outcome_scores": outcome_score,
}
# link name -> (the column holding the linked row's id, the linked table)
_LINKS: dict[str, tuple[str, str, Table]] = {
    "sessions": ("programme", "programme_id", programme),
    "exercise_logs": ("session", "session_id", exercise_session),
    "symptom_responses": ("log", "log_id", exercise_log),
}
_HIDDEN = {"id", "patient_id", "version_id", "item_id"}
# The day that places a row in a range. Logs and symptom responses go with their session (one
# that ran past midnight keeps them together); PSFS activities have none: all are sent.
_DAYS = {
    "sessions": "local_day",
    "pain_entries": "local_day",
    "checkins": "local_day",
    "treatments": "occurred_on",
    "outcome_scores": "local_day",
}


def _select(kind: str) -> Select[Any]:
    """The kind's rows in the travelling shape, plus `id` and `patient_id` for matching."""
    table = TABLES[kind]
    link = _LINKS.get(kind)
    columns: list[ColumnElement[Any]] = [table.c.id.label("id"), table.c.patient_id]
    source: Any = table
    for column in table.c:
        if column.name in _HIDDEN or (link is not None and column.name == link[1]):
            continue
        columns.append(column)
    if link is not None:
        name, key, target = link
        linked = target.alias(f"linked_{name}")
        columns.append(linked.c.uid.label(name))
        source = table.outerjoin(linked, linked.c.id == table.c[key])
    return select(*columns).select_from(source)


def _travelling(row: RowMapping) -> Row:
    return {key: value for key, value in row.items() if key not in ("id", "patient_id")}


def _in_range(kind: str, patient_id: int, first: date, last: date) -> ColumnElement[bool]:
    table = TABLES[kind]
    mine = table.c.patient_id == patient_id
    if kind in _DAYS:
        return mine & table.c[_DAYS[kind]].between(first, last)
    if kind == "psfs_activities":
        return mine
    sessions = select(exercise_session.c.id).where(
        exercise_session.c.patient_id == patient_id,
        exercise_session.c.local_day.between(first, last),
    )
    if kind == "exercise_logs":
        return mine & exercise_log.c.session_id.in_(sessions)
    logs = select(exercise_log.c.id).where(exercise_log.c.session_id.in_(sessions))
    return mine & symptom_response.c.log_id.in_(logs)


def read_range(conn: Connection, patient_id: int, first: date, last: date) -> dict[str, list[Row]]:
    """Every row of the patient's from `first` to `last` (all PSFS activities), per kind."""
    found: dict[str, list[Row]] = {}
    for kind, table in TABLES.items():
        query = _select(kind).where(_in_range(kind, patient_id, first, last))
        rows = conn.execute(query.order_by(table.c.id)).mappings()
        found[kind] = [_travelling(row) for row in rows]
    return found


def count_range(conn: Connection, patient_id: int, first: date, last: date) -> dict[str, int]:
    """How many rows read_range would give, per kind, without reading them."""
    counts: dict[str, int] = {}
    for kind, table in TABLES.items():
        query = select(func.count()).select_from(table)
        query = query.where(_in_range(kind, patient_id, first, last))
        counts[kind] = int(conn.execute(query).scalar_one())
    return counts


def programme_uids(conn: Connection, patient_id: int) -> list[str]:
    query = select(programme.c.uid).where(
        programme.c.patient_id == patient_id, programme.c.is_template.is_(False)
    )
    return list(conn.execute(query.order_by(programme.c.id)).scalars())


def first_programme_day(conn: Connection, patient_id: int, uid: str | None) -> date | None:
    """The start of the programme of that uid, else of the patient's earliest programme."""
    query = select(func.min(programme.c.start_date)).where(
        programme.c.patient_id == patient_id, programme.c.is_template.is_(False)
    )
    found: date | None = None
    if uid:
        found = conn.execute(query.where(programme.c.uid == uid)).scalar()
    if found is None:
        found = conn.execute(query).scalar()
    return found


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def by_uid(conn: Connection, kind: str, uids: Sequence[str]) -> dict[str, tuple[int, int, Row]]:
    """Stored rows of those uids, whoever's: uid -> (row id, patient id, travelling row)."""
    table = TABLES[kind]
    found: dict[str, tuple[int, int, Row]] = {}
    for part in _chunks(uids):
        for row in conn.execute(_select(kind).where(table.c.uid.in_(part))).mappings():
            found[row["uid"]] = (row["id"], row["patient_id"], _travelling(row))
    return found


def checkin_days(conn: Connection, patient_id: int, days: Iterable[date]) -> dict[date, str]:
    """The uid of the patient's check-in on each of those days that has one (one per day)."""
    wanted = sorted(set(days))
    found: dict[date, str] = {}
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start : start + CHUNK]
        query = select(daily_checkin.c.local_day, daily_checkin.c.uid).where(
            daily_checkin.c.patient_id == patient_id, daily_checkin.c.local_day.in_(part)
        )
        found.update({row.local_day: row.uid for row in conn.execute(query)})
    return found


class Writer:
    """Inserts and replaces one patient's rows inside the caller's transaction, resolving
    links as it goes: sessions before logs before symptom responses (Kind's order). Inserts
    go in one executemany per kind; the ids they got are read back by uid for the next kind."""

    def __init__(self, conn: Connection, patient_id: int) -> None:
        self._conn = conn
        self._patient_id = patient_id
        mine = select(programme.c.uid, programme.c.id).where(programme.c.patient_id == patient_id)
        self._programmes = {row.uid: row.id for row in conn.execute(mine)}
        self._versions: dict[int, list[tuple[date, int]]] = {}
        self._items: dict[tuple[int, str], int] = {}
        ids = list(self._programmes.values())
        versions = select(
            programme_version.c.programme_id,
            programme_version.c.effective_from,
            programme_version.c.id,
        ).where(programme_version.c.programme_id.in_(ids))
        for row in conn.execute(versions.order_by(programme_version.c.effective_from)):
            self._versions.setdefault(row.programme_id, []).append((row.effective_from, row.id))
        items = (
            select(programme_item.c.version_id, programme_item.c.exercise_id, programme_item.c.id)
            .join(programme_version, programme_version.c.id == programme_item.c.version_id)
            .where(programme_version.c.programme_id.in_(ids))
            .order_by(programme_item.c.position.desc())  # the first by position is kept last
        )
        for row in conn.execute(items):
            self._items[(row.version_id, row.exercise_id)] = row.id
        # kind -> uid -> (row id, the session's version id; None for other kinds)
        self._ids: dict[str, dict[str, tuple[int, int | None]]] = {}

    def _version(self, programme_id: int | None, day: date) -> int | None:
        if programme_id is None:
            return None
        chosen = None
        for effective, version_id in self._versions.get(programme_id, []):
            if effective <= day:
                chosen = version_id
        return chosen

    def _link_id(self, kind: str, uid: str) -> tuple[int, int | None]:
        known = self._ids.setdefault(kind, {})
        if uid not in known:
            self._remember(kind, [uid])
        return known[uid]

    def _remember(self, kind: str, uids: Sequence[str]) -> None:
        """Read back the ids (and a session's version) of rows of those uids."""
        table = TABLES[kind]
        extra = table.c.version_id if kind == "sessions" else table.c.id
        known = self._ids.setdefault(kind, {})
        for part in _chunks(uids):
            query = select(table.c.uid, table.c.id, extra.label("extra")).where(
                table.c.uid.in_(part)
            )
            for row in self._conn.execute(query):
                known[row.uid] = (row.id, row.extra if kind == "sessions" else None)

    def _values(self, kind: str, row: Row) -> dict[str, Any]:
        values = {k: v for k, v in row.items() if k not in ("programme", "session", "log")}
        if kind == "sessions":
            pid = self._programmes.get(row["programme"]) if row["programme"] else None
            values["programme_id"] = pid
            values["version_id"] = self._version(pid, row["local_day"])
        elif kind == "exercise_logs":
            session_id, version_id = self._link_id("sessions", row["session"])
            values["session_id"] = session_id
            values["item_id"] = self._items.get((version_id or 0, row["exercise_id"]))
        elif kind == "symptom_responses":
            values["log_id"] = self._link_id("exercise_logs", row["log"])[0]
        return values

    def insert(self, kind: str, rows: Sequence[Row]) -> None:
        """Add rows of one kind (their links already stored, or inserted before them)."""
        if not rows:
            return
        table = TABLES[kind]
        values = [{"patient_id": self._patient_id, **self._values(kind, row)} for row in rows]
        self._conn.execute(table.insert(), values)
        if kind in ("sessions", "exercise_logs"):  # what later kinds link to
            self._remember(kind, [row["uid"] for row in rows])

    def replace(self, kind: str, stored_uid: str, row: Row) -> None:
        """Overwrite the patient's row of `stored_uid` with `row` (its uid included: a
        check-in re-entered for a day takes the newer uid)."""
        table = TABLES[kind]
        values = self._values(kind, row)
        mine = (table.c.uid == stored_uid) & (table.c.patient_id == self._patient_id)
        self._conn.execute(update(table).where(mine).values(**values))
        self._ids.get(kind, {}).pop(stored_uid, None)
