"""Plain words for patients: no clinical jargon or internal names on a patient's screens, the
clinical terms kept for the therapist."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.profile import Role
from coach.services.context import AppContext
from coach.ui.pages.progress import ProgressPage
from tests.ui.plain_words import jargon
from tests.ui.screens import demo_window, screens


def test_a_patient_meets_no_jargon_or_internal_names_on_any_screen(
    qtbot: QtBot, context: AppContext
) -> None:
    found: list[str] = []
    with demo_window(qtbot, context, (1920, 1080)) as (window, ui):
        assert ui.app.profile.get().role is Role.PATIENT  # type: ignore[union-attr]
        for screen, widget in screens(qtbot, window, ui):
            found += [f"{screen}: {term!r} in {text!r}" for term, text in jargon(widget)]
    assert not found, "\n".join(found)


def test_the_therapist_keeps_the_clinical_term_for_the_pain_change(
    qtbot: QtBot, context: AppContext
) -> None:
    with demo_window(qtbot, context, (1920, 1080)) as (window, ui):
        profile = ui.app.profile.get()
        assert profile is not None
        ui.app.profile.update(
            name=profile.name,
            role=Role.THERAPIST,
            timezone=ui.app.profile.timezone_name(),
            date_of_birth=profile.date_of_birth,
            patient_identifier=profile.patient_identifier,
            therapist_name=profile.therapist_name,
            clinic=profile.clinic,
            contact=profile.contact,
        )
        window.show_page(3)
        page = window.page("progress")
        assert isinstance(page, ProgressPage)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.reload()
        assert "clinically important change" in page.tiles.pain.detail.text()
