"""The clinic setup: the same migrations and services on a PostgreSQL server.

Runs when COACH_TEST_POSTGRES_URL names an empty database Coach may fill and wipe (.ci/run
starts a local server and sets it); skipped otherwise, with the reason shown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.domain.clock import ManualClock
from coach.services.context import AppContext
from tests.credit_sums import assert_credit_exact

URL = os.environ.get("COACH_TEST_POSTGRES_URL", "")
pytestmark = [
    pytest.mark.skipif(not URL, reason="COACH_TEST_POSTGRES_URL is not set"),
    pytest.mark.usefixtures("postgres_alone"),
]


def _wipe() -> None:
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def server(clock: ManualClock) -> Iterator[AppContext]:
    from coach.app import build_context

    _wipe()
    context = build_context(database_url=URL, clock=clock)
    yield context
    context.close()
    _wipe()


def test_migrates_and_reopens_on_postgres(server: AppContext, clock: ManualClock) -> None:
    from coach.app import build_context
    from coach.store.migrations import HEAD

    assert server.paths is None
    assert not server.backups.enabled  # a server is backed up by its own administrator
    with server.store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    again = build_context(database_url=URL, clock=clock)
    again.close()


def test_newer_revision_on_the_server_is_refused(server: AppContext, clock: ManualClock) -> None:
    from coach.app import build_context
    from coach.store.errors import NewerDatabaseError

    with server.store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(NewerDatabaseError):
        build_context(database_url=URL, clock=clock)


def test_the_demo_patient_and_its_queries_work_on_postgres(
    server: AppContext, tmp_path: Path
) -> None:
    """The demo writes through every service; reading it back runs their SQL on PostgreSQL."""
    from coach.services.demo import seed_demo

    seed_demo(server)
    with server.store.engine.connect() as conn:
        assert_credit_exact(conn)  # the capped credit kept by PostgreSQL's own arithmetic
    today = server.own_patient().programmes.today()
    first = today - timedelta(days=90)
    assert server.own_patient().programmes.programmes()
    assert server.own_patient().programmes.prescription_on(today)
    overview = server.own_patient().progress.overview(first, today)
    assert not overview.empty
    daily = server.own_patient().progress.daily_adherence(first, today)
    assert daily
    assert all(0 <= day.fraction <= 1 for day in daily)
    assert server.own_patient().progress.pain_series(first, today)
    assert server.own_patient().sessions.progress_on(today)
    assert server.own_patient().timeline.items(first, today)
    written = server.own_patient().data_export.export_csv(tmp_path / "csv")
    assert all(path.stat().st_size > 0 for path in written)


def test_postgres_and_sqlite_agree_on_the_demo(
    server: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    """The same demo patient gives the same adherence on both databases."""
    from coach.app import build_context
    from coach.services.demo import seed_demo

    local = build_context(tmp_path / "local", clock=clock)
    try:
        seed_demo(server)
        seed_demo(local)
        today = server.own_patient().programmes.today()
        first = today - timedelta(days=90)
        on_server = [
            (d.first, round(d.fraction, 6))
            for d in server.own_patient().progress.daily_adherence(first, today)
        ]
        on_file = [
            (d.first, round(d.fraction, 6))
            for d in local.own_patient().progress.daily_adherence(first, today)
        ]
    finally:
        local.close(backup=False)
    assert on_server == on_file


def test_the_demo_keeps_its_summaries_exact_on_postgres(server: AppContext) -> None:
    """The summaries the stores write with each log and rating, and `rebuild`, on the server."""
    from coach.services.demo import seed_demo
    from coach.store import adherence_days, progress_days
    from tests import progress_sums
    from tests.adherence_sums import assert_summary_exact, stored

    seed_demo(server)
    with server.store.engine.begin() as conn:
        assert stored(conn)
        assert_summary_exact(conn)
        written = stored(conn)
        adherence_days.rebuild(conn, server.own_patient().patient_id)
        assert stored(conn) == written
        assert progress_sums.stored(conn)
        progress_sums.assert_progress_days_exact(conn)
        kept = progress_sums.stored(conn)
        progress_days.rebuild(conn, server.own_patient().patient_id)
        assert progress_sums.stored(conn) == kept


def test_the_caseload_figures_match_each_patients_progress_on_postgres(
    server: AppContext,
) -> None:
    """The caseload's one statement for every patient (weekday arithmetic, LEAD over versions,
    capping) gives each patient's Progress figures on PostgreSQL too."""
    from caseloads import check_against_progress, make_adherence_caseload

    check_against_progress(server, make_adherence_caseload(server))
