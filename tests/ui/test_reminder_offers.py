"""The welcome and a programme import offer reminders, with the schedule in words, and save the
answer through the real widgets."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from programmes_helpers import shown_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import ReminderRules
from coach.exchange.programme_file import to_bytes
from coach.services.context import AppContext
from coach.services.settings import REMINDERS_ON
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.programmes.preview_dialog import ImportPreviewDialog
from coach.ui.tasks import TaskRunner
from coach.ui.welcome import WelcomeDialog


def _welcome(qtbot: QtBot, context: AppContext) -> WelcomeDialog:
    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    dialog = WelcomeDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name, "Sam")
    dialog.confirm.setChecked(True)
    return dialog


def test_welcome_offers_reminders_to_a_patient_and_saves_no(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = _welcome(qtbot, context)
    assert dialog.remind.isVisible()
    assert "between 08:00 and 21:00" in dialog.remind.text()
    qtbot.mouseClick(dialog.remind.box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert context.profile.is_set_up
    assert context.settings.get(REMINDERS_ON) is False
    assert not context.own_patient().reminders.active()


def test_welcome_asks_a_therapist_nothing_about_reminders(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = _welcome(qtbot, context)
    qtbot.mouseClick(dialog.therapist, Qt.MouseButton.LeftButton)
    assert not dialog.remind.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert context.profile.get().role is Role.THERAPIST  # type: ignore[union-attr]
    assert not context.own_patient().reminders.active()  # a therapist's copy reminds nobody


def _file(tmp_path: Path, plan: ReminderRules | None) -> Path:
    value = Programme(
        uid="",
        name="Neck routine",
        start_date=date(2026, 3, 16),
        items=(
            ProgrammeItem("chin-tuck-sitting", Dosage(reps=10, times_per_day=3)),
            ProgrammeItem("bridge", Dosage(reps=10, times_per_day=1)),
        ),
    )
    path = tmp_path / "neck.coachprogramme"
    path.write_bytes(to_bytes(value, reminders=plan))
    return path


def _import(
    qtbot: QtBot, ui: UiContext, path: Path, monkeypatch: pytest.MonkeyPatch
) -> ImportPreviewDialog:
    page = shown_page(qtbot, ui)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.files.preview_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_import_proposes_the_plan_the_file_suggests(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = ReminderRules(time(9, 0), time(19, 30), frozenset({6}))
    dialog = _import(qtbot, ui, _file(tmp_path, plan), monkeypatch)
    assert dialog.remind is not None
    assert dialog.remind.text() == "Remind me 3 times a day between 09:00 and 19:30, not on Sunday"
    assert dialog.remind.isChecked()  # reminders are on: only the hours change
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(ui.scope.programmes.programmes()) == 1
    rules = ui.scope.reminders.choices().rules
    assert (rules.wake, rules.sleep, rules.quiet_days) == (time(9, 0), time(19, 30), {6})


def test_a_declined_plan_leaves_the_reminders_alone(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = ReminderRules(time(9, 0), time(19, 30))
    dialog = _import(qtbot, ui, _file(tmp_path, plan), monkeypatch)
    assert dialog.remind is not None
    qtbot.mouseClick(dialog.remind.words, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(ui.scope.programmes.programmes()) == 1
    assert ui.scope.reminders.choices().rules == ReminderRules()


def test_import_offers_reminders_when_they_are_off(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui.app.settings.set(REMINDERS_ON, False)
    dialog = _import(qtbot, ui, _file(tmp_path, None), monkeypatch)
    assert dialog.remind is not None
    assert dialog.remind.text() == "Remind me 3 times a day between 08:00 and 21:00"
    assert not dialog.remind.isChecked()  # they were turned off: the patient decides
    qtbot.mouseClick(dialog.remind.words, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert ui.scope.reminders.active()


def test_no_offer_when_reminders_are_on_and_nothing_is_suggested(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _import(qtbot, ui, _file(tmp_path, None), monkeypatch)
    assert dialog.remind is None
