"""The caseload's figures and flags, on a small constructed caseload of three patients."""

from __future__ import annotations

from datetime import timedelta

import pytest
from caseloads import make_caseload

from coach.services.caseload import CaseloadEntry, Flag
from coach.services.context import AppContext


@pytest.fixture
def entries(context: AppContext) -> dict[str, CaseloadEntry]:
    make_caseload(context)
    return {e.figures.name: e for e in context.caseload.entries()}


def test_figures(entries: dict[str, CaseloadEntry], context: AppContext) -> None:
    ann, ben, cy = entries["Ann Example"], entries["Ben Sample"], entries["Cy Test"]
    today = context.profile.today()
    assert ann.figures.active_programmes == 1
    assert ann.figures.last_session == today
    # Ann's bridge is once a day: five days done in the last seven (yesterday's second one is
    # beyond the prescription, the skipped ones earn nothing), of seven prescribed.
    assert ann.last_7 is not None and ann.last_28 is not None
    assert (ann.last_7.done, ann.last_7.prescribed, ann.last_7.full) == (5, 7, 5)
    assert (ann.last_28.done, ann.last_28.prescribed) == (5, 28)
    # Ben's one session was ten days ago: nothing of this week's seven, one of 28.
    assert ben.last_7 is not None and ben.last_28 is not None
    assert (ben.last_7.done, ben.last_7.prescribed) == (0, 7)
    assert (ben.last_28.done, ben.last_28.prescribed) == (1, 28)
    assert cy.last_7 is None and cy.last_28 is None  # no programme: nothing prescribed
    assert ann.pain_trend == -2.0
    assert ben.figures.review_date == today - timedelta(days=3)
    assert cy.figures.last_session is None and cy.pain_trend is None


def test_flags(entries: dict[str, CaseloadEntry]) -> None:
    assert entries["Ann Example"].flags == (Flag.RED_FLAG, Flag.SPREADING)
    assert entries["Ben Sample"].flags == (Flag.QUESTION, Flag.NO_SESSION, Flag.REVIEW_DUE)
    assert entries["Cy Test"].flags == ()


def test_archived_patients_leave_the_caseload(
    entries: dict[str, CaseloadEntry], context: AppContext
) -> None:
    context.patients.archive(entries["Cy Test"].figures.patient_id)
    assert [e.figures.name for e in context.caseload.entries()] == ["Ann Example", "Ben Sample"]
    assert [e.figures.name for e in context.caseload.entries(archived=True)] == ["Cy Test"]
