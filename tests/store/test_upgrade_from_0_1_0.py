"""Every released schema opens in this build with nothing lost (tests/fixtures/v0.1.0).

Each fixture is copied into a fresh data folder and opened as a user would open it: the store
migrates it to this build's head (taking a backup first when there is anything to do). Then the
rows of every 0.1.0 table are all still there, foreign keys and integrity hold, every record
about a person belongs to a patient, every travelling row has its own uid, the adherence
summaries equal what the logs add up to and the programmes cap, and the services read what the
user had. The same upgrade runs on PostgreSQL when COACH_TEST_POSTGRES_URL is set: the
fixture's rows are copied into a server database at the 0.1 schema, then upgraded.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, MetaData, create_engine, select, text

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.store.migrations import HEAD
from tests.adherence_sums import assert_summary_exact, stored
from tests.credit_sums import assert_credit_exact
from tests.credit_sums import stored as credit_stored
from tests.progress_sums import assert_progress_days_exact
from tests.progress_sums import stored as progress_stored

FIXTURES = Path(__file__).parent.parent / "fixtures" / "v0.1.0"
NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


# Patient-scoped tables and whether all their rows belong to a patient (programme: non-templates).
SCOPED = (
    "exercise_session",
    "exercise_log",
    "symptom_response",
    "pain_entry",
    "daily_checkin",
    "treatment",
    "psfs_activity",
    "outcome_score",
)
# Who each fixture's records belong to after the upgrade.
OWNER = {"demo-patient": "Sam Example", "therapist": "Programmes from Coach 0.1", "empty": None}


def _check_scoping(conn: Connection, fixture: str) -> None:
    """Each scoped row has an existing patient; uids are set and unique; templates stay shared."""
    patients = conn.execute(text("SELECT id, name, identifier FROM patient")).all()
    owner = OWNER[fixture]
    assert [p.name for p in patients] == ([owner] if owner else [])
    for table in SCOPED:
        orphans = conn.execute(
            text(
                f"SELECT count(*) FROM {table} t LEFT JOIN patient p ON p.id = t.patient_id"
                " WHERE p.id IS NULL"
            )
        ).scalar()
        assert orphans == 0, f"{fixture}: {table} has rows without a patient"
        uids = conn.execute(text(f"SELECT count(uid), count(DISTINCT uid) FROM {table}")).one()
        total = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        assert uids[0] == uids[1] == total, f"{fixture}: {table} uids missing or repeated"
    assert (
        conn.execute(
            text(
                "SELECT count(*) FROM programme WHERE (is_template AND patient_id IS NOT NULL)"
                " OR (NOT is_template AND patient_id IS NULL)"
            )
        ).scalar()
        == 0
    )


def _untouched() -> bool:
    """The committed fixtures get no -wal or -shm beside them from being read."""
    return not [p for p in FIXTURES.iterdir() if p.name.endswith(("-wal", "-shm"))]


def _counts(database: Path) -> dict[str, int]:
    # immutable: a read-only open of a WAL database would still leave -shm and -wal beside it
    with sqlite3.connect(f"file:{database}?immutable=1", uri=True) as con:
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
    assert _untouched()
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
    engine = create_engine(f"sqlite:///{data / 'coach.db'}")
    with engine.connect() as conn:
        _check_scoping(conn, fixture)
        assert_summary_exact(conn)
        assert_progress_days_exact(conn)
        assert_credit_exact(conn)
    engine.dispose()
    assert profile_set_up == (fixture != "empty")


def test_the_upgrade_sums_the_exercise_logs_already_there(tmp_path: Path) -> None:
    """0004 fills adherence_day from the demo's 0.1 logs, 0005 progress_day from its ratings
    and logs, and 0007 the capped credit from adherence_day and the programmes, as the stores
    would have."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "demo-patient.db", data / "coach.db")
    build_context(data, clock=ManualClock(NOW)).close(backup=False)
    engine = create_engine(f"sqlite:///{data / 'coach.db'}")
    with engine.connect() as conn:
        assert len(stored(conn)) > 100  # the demo's weeks of sessions, exercise by exercise
        assert_summary_exact(conn)
        assert len(progress_stored(conn)) > 20  # the demo's days of pain and exercise
        assert_progress_days_exact(conn)
        assert len(credit_stored(conn)[0]) > 20  # the demo's days with capped credit
        assert_credit_exact(conn)
    engine.dispose()


def test_the_patient_copy_becomes_its_one_patient(tmp_path: Path) -> None:
    """The 0.1 profile's date of birth and identifier move onto the patient row."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "demo-patient.db", data / "coach.db")
    build_context(data, clock=ManualClock(NOW)).close(backup=False)
    with sqlite3.connect(data / "coach.db") as con:
        rows = con.execute("SELECT name, identifier, date_of_birth FROM patient").fetchall()
        profile_dob = con.execute("SELECT date_of_birth FROM profile").fetchone()[0]
    assert rows == [("Sam Example", "DEMO-0001", profile_dob)]


POSTGRES_URL = os.environ.get("COACH_TEST_POSTGRES_URL", "")


def _wipe(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _copy_rows(source: Path, url: str) -> None:
    """The fixture's rows, table by table (parents first), into the server's 0.1 schema."""
    server = create_engine(url)
    tables = MetaData()
    tables.reflect(server)
    sqlite = create_engine(f"sqlite:///file:{source}?immutable=1&uri=true")
    with sqlite.connect() as src, server.begin() as dst:
        kept = MetaData()
        kept.reflect(src)
        for table in tables.sorted_tables:
            if table.name == "alembic_version" or table.name not in kept.tables:
                continue
            names = set(kept.tables[table.name].c.keys())
            columns = [c for c in table.c if c.name in names]
            rows = [dict(r) for r in src.execute(select(*columns)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)
            if "id" in table.c and rows:
                dst.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                        f" (SELECT max(id) FROM {table.name}))"
                    )
                )
    sqlite.dispose()
    server.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="COACH_TEST_POSTGRES_URL is not set")
@pytest.mark.usefixtures("postgres_alone")
@pytest.mark.parametrize("fixture", ["demo-patient", "therapist", "empty"])
def test_a_0_1_0_database_upgrades_on_postgres(fixture: str) -> None:
    from coach.store.migrate import upgrade

    source = FIXTURES / f"{fixture}.db"
    before = _counts(source)
    assert _untouched()
    _wipe(POSTGRES_URL)
    try:
        engine = create_engine(POSTGRES_URL)
        upgrade(engine, target="0002_archived_day")
        _copy_rows(source, POSTGRES_URL)
        upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            for table, rows in before.items():
                if table != "alembic_version":
                    count = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                    assert count == rows, f"{fixture}: {table} lost rows on PostgreSQL"
            _check_scoping(conn, fixture)
            assert_summary_exact(conn)
            assert_progress_days_exact(conn)
            assert_credit_exact(conn)
        engine.dispose()
    finally:
        _wipe(POSTGRES_URL)


def test_the_demo_patient_reads_as_before(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "demo-patient.db", data / "coach.db")
    context = build_context(data, clock=ManualClock(NOW))
    try:
        profile = context.profile.get()
        assert profile is not None and profile.name == "Sam Example"
        programmes = context.own_patient().programmes.programmes()
        assert len(programmes) == 2 and all(p.items for p in programmes)
    finally:
        context.close(backup=False)
