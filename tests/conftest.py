"""Fixtures shared by every test: a throwaway data folder and a clock that moves on command.

No test touches the real home folder: COACH_DATA_DIR points into pytest's tmp_path for every
test, and services are built on a ManualClock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.domain.clock import ManualClock
from coach.services.context import AppContext
from tests.one_at_a_time import held

# A fixed, ordinary Wednesday afternoon in UTC: tests that care about time zones set their own.
START = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data-from-env"))
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def context(data_dir: Path, clock: ManualClock) -> Iterator[AppContext]:
    from coach.app import build_context

    ctx = build_context(data_dir, clock=clock)
    yield ctx
    ctx.close(backup=False)


@pytest.fixture
def patient(context: AppContext) -> AppContext:
    """A context whose first-run welcome is done (a patient named Robin)."""
    from coach.domain.profile import Role

    context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
    return context


@pytest.fixture
def postgres_alone() -> Iterator[None]:
    """The test server's database to this test alone: the PostgreSQL tests wipe it."""
    with held(os.environ.get("COACH_TEST_POSTGRES_URL", "")):
        yield
