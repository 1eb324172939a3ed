"""Work begun for one patient stays theirs when the therapist opens another meanwhile: a diary
entry being written, unsaved programme edits saved on the way out, a session in the player, and
the Diary page's undo history. Driven through the real window of a therapist's copy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from caseloads import make_caseload
from programmes_helpers import add_by_search
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coach.services.context import AppContext
from coach.services.settings import GET_READY_S, SESSION_SOUND
from coach.services.timeline import EntryKind
from coach.store.schema import exercise_log
from coach.ui.context import UiContext
from coach.ui.diary.pain_dialog import PainDialog
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.base import Page
from coach.ui.pages.diary import DiaryPage
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.pages.today import TodayPage
from coach.ui.patients.switcher import PatientSwitcher
from coach.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    make_caseload(context)
    context.settings.set(SESSION_SOUND, False)
    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    shown = MainWindow(ui)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.quit_coach()
    ui.tasks.wait()


def _ids(window: MainWindow) -> tuple[int, int]:
    patients = window.ui.app.patients
    return patients.find("A-1").id, patients.find("B-2").id


def _show(window: MainWindow, key: str) -> Page:
    window.show_page([spec.key for spec in window.pages].index(key))
    return window.page(key)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _switch_with_ctrl_p(qtbot: QtBot, window: MainWindow, identifier: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    switcher = window.switcher
    assert isinstance(switcher, PatientSwitcher)
    qtbot.keyClicks(switcher.filter, identifier)
    _click(qtbot, switcher.open_button)


def test_a_pain_entry_begun_for_one_patient_is_saved_for_them_after_a_switch(
    qtbot: QtBot, window: MainWindow
) -> None:
    app = window.ui.app
    ann, ben = _ids(window)
    window.switch_patient(ann)
    page = _show(window, "diary")
    assert isinstance(page, DiaryPage)
    _click(qtbot, page.pain_button)
    dialog = page.dialog
    assert isinstance(dialog, PainDialog)
    qtbot.waitExposed(dialog)
    _click(qtbot, dialog.scale.button(9))
    window.switch_patient(ben)  # the dialog is still open, its pain not saved yet
    assert window.patient_banner is not None
    assert window.patient_banner.text.text() == "Ben Sample · B-2"
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        _click(qtbot, dialog.save_button)
    today = app.profile.today()
    first = today - timedelta(days=28)
    assert [e.intensity for e in app.patient(ann).diary.pain_between(today, today)] == [9]
    assert [e.intensity for e in app.patient(ben).diary.pain_between(first, today)] == [5]
    assert all("Pain 9" not in item.title for item in page.model.items())  # Ben's diary shown
    assert not page.undo_button.isEnabled()  # Ann's entry is not undone from Ben's diary


def test_the_diary_undo_history_is_the_open_patients(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    app = window.ui.app
    ann, ben = _ids(window)
    window.switch_patient(ann)
    page = _show(window, "diary")
    assert isinstance(page, DiaryPage)
    pains = [row for row, i in enumerate(page.model.items()) if i.kind is EntryKind.PAIN]
    assert pains  # Ann's red-flag entry of two days ago, in the last 4 weeks
    page.table.selectRow(pains[0])
    _click(qtbot, page.delete_button)
    assert page.undo_button.isEnabled()
    window.switch_patient(ben)
    assert not page.undo_button.isEnabled()  # nothing of Ann's to undo from Ben's diary
    window.switch_patient(ann)
    assert not page.undo_button.isEnabled()  # and a visit back starts a fresh history
    today = app.profile.today()
    assert len(app.patient(ann).diary.pain_between(today - timedelta(days=28), today)) == 1
    assert len(app.patient(ben).diary.pain_between(today - timedelta(days=28), today)) == 1


def test_unsaved_programme_edits_saved_on_a_switch_go_to_the_patient_they_were_made_for(
    qtbot: QtBot, window: MainWindow
) -> None:
    app = window.ui.app
    ann, ben = _ids(window)
    window.switch_patient(ann)
    page = _show(window, "programmes")
    assert isinstance(page, ProgrammesPage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Evening for Ann")
    add_by_search(qtbot, page, "bridge")
    assert page.unsaved
    _switch_with_ctrl_p(qtbot, window, "B-2")
    assert app.opened_patient_id == ann  # asked first
    box = page._boxes[-1]
    assert box.windowTitle() == "Save your changes?"
    _click(qtbot, next(b for b in box.buttons() if b.text() == "Save"))
    assert app.opened_patient_id == ben
    assert {p.name for p in app.patient(ann).programmes.programmes()} == {
        "Ann's",
        "Evening for Ann",
    }
    assert [p.name for p in app.patient(ben).programmes.programmes()] == ["Ben's"]
    assert page.draft is None  # Ann's programme is not left open in Ben's editor
    listed = [page.list_model.entry(row) for row in range(page.list_model.rowCount())]
    names = {entry.programme.name for entry in listed if entry.programme is not None}
    assert "Ben's" in names and not names & {"Ann's", "Evening for Ann"}


def test_a_session_started_for_one_patient_is_logged_for_them_after_a_switch(
    qtbot: QtBot, window: MainWindow
) -> None:
    app = window.ui.app
    ann, ben = _ids(window)
    app.settings.set(GET_READY_S, 3)
    window.switch_patient(ann)
    today = _show(window, "today")
    assert isinstance(today, TodayPage)
    player = today.start(today.cards[0].summary.programme_id)
    assert player is not None
    qtbot.waitExposed(player)
    check = player.precheck
    if check.flags:
        _click(qtbot, check.none_button)
    _click(qtbot, check.pain.button(3))
    for picker in check.symptoms.values():
        _click(qtbot, picker.button(2))
    _click(qtbot, check.start_button)
    window.switch_patient(ben)  # the session goes on in its own window
    for _ in range(200):  # through the exercise's steps until it is reported and logged
        if player.log_ids:
            break
        qtbot.keyClick(player, Qt.Key.Key_Right)
    assert player.session_id is not None and player.log_ids
    with app.db.read() as conn:
        owners = conn.execute(
            select(exercise_log.c.patient_id).where(exercise_log.c.session_id == player.session_id)
        ).scalars()
        assert set(owners) == {ann}
    player.timer.stop()
    player.close()
