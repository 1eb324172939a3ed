"""Every released schema opens in this build with nothing lost (tests/fixtures/v0.1.0).

Each fixture is copied into a fresh data folder and opened as a user would open it: the store
migrates it to this build's head (taking a backup first when there is anything to do). Then the
rows of every 0.1.0 table are all still there, foreign keys and integrity hold, and the
services read what the user had.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.store.migrations import HEAD

FIXTURES = Path(__file__).parent.parent / "fixtures" / "v0.1.0"
NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.parametrize("fixture", ["demo-patient", "therapist", "empty"])
def test_a_0_1_0_database_upgrades_with_every_row_kept(fixture: str, tmp_path: Path) -> None:
    source = FIXTURES / f"{fixture}.db"
    before = _counts(source)
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(source, data / "coach.db")
    context = build_context(data, clock=ManualClock(NOW))
    try:
        profile_set_up = context.profile.is_set_up
    finally:
        context.close(backup=False)
    after = _counts(data / "coach.db")
    for table, rows in before.items():
        if table != "alembic_version":
            assert after.get(table, 0) >= rows, f"{fixture}: {table} lost rows"
    with sqlite3.connect(data / "coach.db") as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert profile_set_up == (fixture != "empty")


def test_the_demo_patient_reads_as_before(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "demo-patient.db", data / "coach.db")
    context = build_context(data, clock=ManualClock(NOW))
    try:
        profile = context.profile.get()
        assert profile is not None and profile.name == "Sam Example"
        programmes = context.programmes.programmes()
        assert len(programmes) == 2 and all(p.items for p in programmes)
    finally:
        context.close(backup=False)
