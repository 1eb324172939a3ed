"""A locked database or a full disk: a message for the user and nothing half-written."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.store.errors import DatabaseLockedError, DiskFullError


def test_a_locked_database_is_reported_and_nothing_changes(
    patient: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = patient.store.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def short_wait(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    assert patient.paths is not None
    holder = sqlite3.connect(patient.paths.database, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            patient.profile.update(name="Changed", role=Role.PATIENT, timezone="UTC")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "using your data" in caught.value.message
    patient.profile._cached = None  # read what is really stored
    assert patient.profile.get().name == "Robin"  # type: ignore[union-attr]


def test_a_full_disk_is_reported_and_nothing_changes(patient: AppContext) -> None:
    engine = patient.store.engine
    engine.dispose()
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(engine, "connect")
    def tiny_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()
    with pytest.raises(DiskFullError) as caught:
        patient.profile.update(
            name="Robin",
            role=Role.PATIENT,
            timezone="UTC",
            contact="x" * 199,
            clinic="y" * 199,
            therapist_name="z" * 79,
        )
        for n in range(200):  # keep writing until the capped file is full
            patient.settings.set_raw(f"ui.filler.{n}", "w" * 4000)
    assert "disk is full" in caught.value.message
