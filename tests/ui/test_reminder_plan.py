"""A therapist suggests reminder hours for a programme in the builder; the plan goes out with
the exported file, and a patient's copy never shows the fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from programmes_helpers import add_by_search, shown_page
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QFileDialog
from pytestqt.qtbot import QtBot

from coach.domain.profile import Role
from coach.domain.reminders import ReminderRules
from coach.services.context import AppContext
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.tasks import TaskRunner


@pytest.fixture
def therapist_ui(qtbot: QtBot, context: AppContext) -> Iterator[UiContext]:
    context.profile.welcome("Dr Lee", Role.THERAPIST, accepted_notice=True)
    _, patient = context.patients.add(name="Jo Doe")  # programmes are written for a patient
    context.open_patient(patient.id)
    runner = TaskRunner()
    yield UiContext(app=context, hub=ChangeHub(), tasks=runner)
    qtbot.waitUntil(lambda: not runner.busy)  # the page's loading ends while it is there


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a tick box on its box: a wide QCheckBox takes clicks only on its box and words."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def _saved_programme(qtbot: QtBot, ui: UiContext) -> ProgrammesPage:
    page = shown_page(qtbot, ui)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Neck")
    add_by_search(qtbot, page, "chin tuck sitting")
    return page


def test_a_therapist_suggests_hours_that_the_file_carries(
    qtbot: QtBot, therapist_ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _saved_programme(qtbot, therapist_ui)
    plan = page.editor.reminder_plan
    assert not page.editor.reminder_plan_box.isVisible()  # not saved yet: no uid to keep it by
    page.save()
    assert page.editor.reminder_plan_box.isVisible()
    assert not plan.wake.isEnabled()
    tick(qtbot, plan.suggest)
    plan.wake.setTime(QTime(9, 30))
    qtbot.keyClick(plan.wake, Qt.Key.Key_Return)
    tick(qtbot, plan.days[6])  # Sunday

    target = tmp_path / "neck.coachprogramme"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.editor.export_button, Qt.MouseButton.LeftButton)
    document = json.loads(target.read_text())
    assert document["reminders"] == {"wake": "09:30", "sleep": "21:00", "quiet_days": ["sun"]}

    tick(qtbot, plan.suggest)  # no longer suggested
    qtbot.mouseClick(page.editor.export_button, Qt.MouseButton.LeftButton)
    assert "reminders" not in json.loads(target.read_text())
    assert not therapist_ui.scope.reminders.active()  # the therapist is reminded of nothing


def test_hours_the_wrong_way_round_are_refused_under_them(
    qtbot: QtBot, therapist_ui: UiContext
) -> None:
    page = _saved_programme(qtbot, therapist_ui)
    page.save()
    plan = page.editor.reminder_plan
    tick(qtbot, plan.suggest)
    plan.sleep.setTime(QTime(7, 0))
    qtbot.keyClick(plan.sleep, Qt.Key.Key_Return)
    assert plan.error.isVisible()
    assert "before bedtime" in plan.error.text()
    (stored,) = therapist_ui.scope.programmes.programmes()
    assert therapist_ui.scope.reminders.suggested_plan(stored.uid) == ReminderRules()


def test_a_therapist_import_keeps_the_plan_to_send_on(
    qtbot: QtBot, therapist_ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.domain.dosage import Dosage
    from coach.domain.programme import Programme, ProgrammeItem
    from coach.exchange.programme_file import to_bytes

    suggested = ReminderRules(time(10, 0), time(18, 0), frozenset({5}))
    value = Programme(
        uid="",
        name="From a colleague",
        start_date=therapist_ui.scope.programmes.today(),
        items=(ProgrammeItem("bridge", Dosage(reps=10)),),
    )
    path = tmp_path / "colleague.coachprogramme"
    path.write_bytes(to_bytes(value, reminders=suggested))
    page = shown_page(qtbot, therapist_ui)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.files.preview_dialog
    assert dialog is not None and dialog.remind is None  # no reminders for a therapist
    with qtbot.waitSignal(therapist_ui.hub.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (stored,) = therapist_ui.scope.programmes.programmes()
    assert therapist_ui.scope.reminders.suggested_plan(stored.uid) == suggested
    assert page.editor.reminder_plan.suggest.isChecked()


def test_a_patient_sees_no_plan_fields(qtbot: QtBot, ui: UiContext) -> None:
    page = _saved_programme(qtbot, ui)
    page.save()
    assert not page.editor.reminder_plan_box.isVisible()
