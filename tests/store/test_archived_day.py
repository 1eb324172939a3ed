"""Migration 0002 and the regression it fixes: the last day of an archived programme is the
local day it was archived on, as written then; moving to another time zone changes no past day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.paths import prepare_data_dir
from coach.store import schema
from coach.store.engine import make_engine
from coach.store.migrate import upgrade
from coach.store.migrations import HEAD
from coach.store.opening import open_store

# 23:30 on Wednesday 4 March in New York is already Thursday 5 March in UTC and in Berlin.
LATE_EVENING_IN_NEW_YORK = datetime(2026, 3, 5, 4, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


def test_migration_backfills_the_day_in_the_profiles_zone(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    engine = make_engine(paths.database_url)
    upgrade(engine, "0001_baseline")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO profile (id, name, role, timezone, notice_accepted_at, created_at, "
            "updated_at) VALUES (1, 'Robin', 'patient', 'America/New_York', "
            "'2026-03-01 00:00:00', '2026-03-01 00:00:00', '2026-03-01 00:00:00')"
        )
        for number, archived in ((1, "'2026-03-05 04:30:00.000000'"), (2, "NULL")):
            conn.exec_driver_sql(
                "INSERT INTO programme (id, uid, name, start_date, created_at, archived_at) "
                f"VALUES ({number}, 'u-{number}', 'P{number}', '2026-03-02', "
                f"'2026-03-01 00:00:00', {archived})"
            )
    engine.dispose()

    store = open_store(paths, None, NOW)  # backs up, then migrates to the head
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(schema.programme.c.id, schema.programme.c.archived_local_day).order_by(
                schema.programme.c.id
            )
        ).all()
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    store.close()
    assert revision == HEAD
    assert rows == [(1, date(2026, 3, 4)), (2, None)]
    assert [p.name for p in paths.backups.iterdir()] != []


def test_moving_to_another_zone_does_not_change_past_adherence(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))  # Monday
    context = build_context(tmp_path / "d", clock=clock)
    try:
        context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
        context.profile.update(name="Robin", role=Role.PATIENT, timezone="America/New_York")
        programme_id, _ = context.own_patient().programmes.create(
            Programme(
                uid="",
                name="Evening",
                start_date=date(2026, 3, 2),
                items=(ProgrammeItem("bridge", Dosage(times_per_day=1)),),
            )
        )
        clock.set_now(LATE_EVENING_IN_NEW_YORK)
        context.own_patient().programmes.archive(programme_id)
        first, last = date(2026, 3, 2), date(2026, 3, 8)
        clock.set_now(NOW)
        before = [
            (a.first, a.prescribed)
            for a in context.own_patient().progress.daily_adherence(first, last)
        ]
        context.profile.update(name="Robin", role=Role.PATIENT, timezone="Europe/Berlin")
        after = [
            (a.first, a.prescribed)
            for a in context.own_patient().progress.daily_adherence(first, last)
        ]
    finally:
        context.close(backup=False)
    assert after == before
    assert max(day for day, _ in before) == date(2026, 3, 3)  # stops the day before 4 March
