"""The demo's session history: realistic adherence, a few centralizations, one peripheralization."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.services.context import AppContext
from coach.services.demo_sessions import seed_sessions
from coach.store.schema import exercise_log, exercise_session, symptom_response


def test_no_programme_no_history(patient: AppContext) -> None:
    assert not seed_sessions(patient.own_patient())


def test_ten_weeks_of_sessions_follow_the_programme(patient: AppContext) -> None:
    mine = patient.own_patient()
    today = mine.programmes.today()
    mine.programmes.create(
        Programme(
            uid="",
            name="Back routine",
            start_date=today - timedelta(days=69),
            items=(
                ProgrammeItem("prone-press-up", Dosage(sets=1, reps=10, hold_s=2, times_per_day=2)),
                ProgrammeItem("bridge", Dosage(sets=2, reps=10, hold_s=3, rest_s=30)),
            ),
        )
    )
    assert seed_sessions(mine)
    with patient.db.read() as conn:
        statuses = dict(
            conn.execute(
                select(exercise_session.c.status, func.count()).group_by(exercise_session.c.status)
            ).all()
        )
        log_statuses = dict(
            conn.execute(
                select(exercise_log.c.status, func.count()).group_by(exercise_log.c.status)
            ).all()
        )
        responses = dict(
            conn.execute(
                select(symptom_response.c.response, func.count()).group_by(
                    symptom_response.c.response
                )
            ).all()
        )
    assert "in_progress" not in statuses
    assert statuses["completed"] > 60 and statuses["stopped"] >= 3
    assert log_statuses["done"] > 100 and log_statuses.get("partial", 0) >= 1
    assert responses["peripheralized"] == 1
    assert responses["centralized"] >= 3
    period = mine.progress.adherence(today - timedelta(days=69), today)
    assert period is not None
    assert 0.6 <= period.fraction <= 0.8
