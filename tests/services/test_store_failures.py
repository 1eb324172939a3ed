"""A locked database or a full disk: a message for the user and nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.store.errors import DatabaseLockedError, DiskError, DiskFullError


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


def test_a_disk_io_error_at_connect_with_no_space_left_is_the_disk_full_error(
    patient: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 1: with 0-24 KB free, the WAL pragma failed with a bare "disk I/O error"."""
    import shutil
    from collections import namedtuple

    engine = patient.store.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def no_room_for_the_wal(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10  # type: ignore[attr-defined]
        raise error

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**6, 10**6, 8 * 1024))
    with pytest.raises(DiskFullError):
        patient.profile.update(name="Changed", role=Role.PATIENT, timezone="UTC")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 0, 10**9))
    with pytest.raises(DiskError) as other:
        patient.profile.update(name="Changed", role=Role.PATIENT, timezone="UTC")
    assert "disk I/O error" in other.value.message


def test_exports_on_a_full_disk_are_the_disk_full_error(
    patient: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = patient.own_patient()
    import errno
    import os

    from coach.domain.dosage import Dosage
    from coach.domain.programme import Programme, ProgrammeItem

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    programme_id, _ = mine.programmes.create(
        Programme(
            uid="",
            name="P",
            start_date=mine.programmes.today(),
            items=(ProgrammeItem("bridge", Dosage()),),
        )
    )
    (tmp_path / "csv").mkdir()
    real_open = Path.open
    opened: list[str] = []

    def fills_up(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self.name)
        if len(opened) == 3:  # the third file finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fills_up)
    with pytest.raises(DiskFullError):
        mine.data_export.export_csv(tmp_path / "csv")
    monkeypatch.setattr(Path, "open", real_open)
    assert list((tmp_path / "csv").iterdir()) == []  # all files or none, no .part left
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(DiskFullError):
        mine.programme_transfer.export(programme_id, tmp_path / "p.coachprogramme")
    assert list(tmp_path.glob("*.coachprogramme")) == []


def test_a_stored_custom_exercise_with_fractional_sets_is_a_problem_not_a_crash(
    patient: AppContext,
) -> None:
    """Round 1 stored 2.5 sets from a file; the session engine then crashed on every start."""
    from coach.store import custom_exercise_repo

    with patient.db.transaction() as conn:
        custom_exercise_repo.insert(
            conn,
            "custom-0123456789ab",
            name="Half sets",
            definition={
                "name": "Half sets",
                "category": "core",
                "regions": ["hip"],
                "position": "sitting",
                "steps": ["Sit tall."],
                "dosage": {"sets": 2.5, "reps": 8},
            },
            image_file=None,
            now=patient.clock.now(),
        )
    patient.exercises.custom_changed()
    assert patient.exercises.get("custom-0123456789ab") is None
    (problem,) = [p for p in patient.exercises.problems() if "Half sets" in p.source]
    assert problem.field == "dosage.sets"
