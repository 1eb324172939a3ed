"""The GUI's open patient: a patient's copy always has its one; a therapist's copy has the
patient opened last (or the first on the caseload, or none); switching publishes everything."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.profile import Role
from coach.services.changes import Area, Changes
from coach.services.context import NO_PATIENT, AppContext
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.tasks import TaskRunner


def test_a_patients_copy_has_its_one_patient(ui: UiContext) -> None:
    assert ui.patient is not None
    assert ui.patient.patient_id == ui.app.own_patient().patient_id


def test_a_therapist_copy_opens_a_patient_and_a_switch_publishes_everything(
    qtbot: QtBot, context: AppContext
) -> None:
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    assert ui.patient is None  # an empty caseload: pages show their empty state
    assert ui.scope.patient_id == NO_PATIENT
    _, jo = context.patients.add(name="Jo Doe")
    _, kim = context.patients.add(name="Kim Roe")
    assert ui.patient is not None and ui.patient.patient_id == jo.id
    published: list[Changes] = []
    ui.hub.changed.connect(lambda changes, _initiator: published.append(changes))
    ui.open_patient(kim.id)
    assert ui.patient is not None and ui.patient.patient_id == kim.id
    assert ui.scope is ui.patient  # what pages load and dialogs keep from now on
    assert len(published) == 1
    assert published[0].touches(Area.PATIENTS) and Area.EVERYTHING in published[0].areas


def test_settings_ask_a_therapist_their_profession_not_a_date_of_birth(
    qtbot: QtBot, ui: UiContext
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from coach.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.birth.isVisible() and not dialog.profession.isVisible()
    dialog.role.setFocus()
    qtbot.keyClick(dialog.role, Qt.Key.Key_Down)  # Patient -> Therapist
    assert dialog.role.currentData() == Role.THERAPIST
    assert dialog.profession.isVisible() and not dialog.birth.isVisible()
    qtbot.keyClicks(dialog.profession, "Physiotherapist")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    profile = ui.app.profile.get()
    assert profile is not None and profile.profession == "Physiotherapist"
    assert profile.date_of_birth is None
    assert ui.scope.programmes.author().name == "Robin"  # a therapist signs with their own name
