"""The hand-back's SQL on a PostgreSQL server: reading a patient's rows out, and importing them.

Runs when COACH_TEST_POSTGRES_URL names an empty database Coach may fill and wipe; skipped
otherwise. A server copy has no data folder for a key, so these files are the unsealed kind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.domain.clock import ManualClock
from coach.domain.profile import Role
from coach.exchange.progress_file import read_progress
from coach.exchange.progress_rows import Kind
from coach.services.context import AppContext

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


def test_a_demo_history_goes_out_of_one_server_copy_and_into_another(
    server: AppContext, clock: ManualClock, tmp_path: Path
) -> None:
    from coach.app import build_context
    from coach.services.demo import seed_demo

    seed_demo(server)
    sender = server.own_patient().progress_export
    first = server.own_patient().programmes.today() - timedelta(days=60)
    sent = sender.export(tmp_path / "demo.coachprogress", first)
    assert sent.plan.counts[Kind.EXERCISE_LOGS] > 100
    written = read_progress(sent.path, lambda _: None)
    assert written.count(Kind.SYMPTOM_RESPONSES) == sent.plan.counts[Kind.SYMPTOM_RESPONSES]

    _wipe()
    clinic = build_context(database_url=URL, clock=clock)
    try:
        clinic.profile.welcome("Alex Morgan", Role.THERAPIST, accepted_notice=True)
        outcome = clinic.progress_import.commit(clinic.progress_import.preview(sent.path))
        assert outcome.created_patient
        again = clinic.progress_import.preview(sent.path)
        assert again.new_rows == 0 and again.replaced_rows == 0
        back = clinic.patient(outcome.patient_id).progress_export
        copied = back.export(tmp_path / "back.coachprogress", first)
        assert dict(copied.plan.counts) == dict(sent.plan.counts)
    finally:
        clinic.close()
