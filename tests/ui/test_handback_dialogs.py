"""The hand-back through the real widgets: a patient sends progress, the therapist imports it.

The patient's window sends from the File menu and the Progress page; the file it writes is
opened by the therapist's services. The therapist's window imports from the File menu, the
Patients page and a dropped file: the preview names the patient and the counts, Import stores
the rows under the right patient and the caseload shows them at once. A tampered file is
refused with one line and nothing written; a file whose patient is not on the caseload goes to
a patient picked by hand or a new one. Escape cancels and Enter takes the default button.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.profile import Role
from coach.exchange.sealing import encode_key, seal
from coach.services.context import AppContext
from coach.ui.context import UiContext
from coach.ui.handback.import_dialog import ImportProgressDialog
from coach.ui.handback.send_dialog import SendProgressDialog
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.patients import PatientsPage
from coach.ui.pages.progress import ProgressPage
from coach.ui.patients.caseload_model import COLUMNS
from coach.ui.tasks import TaskRunner
from tests.conftest import START
from tests.ui.handback_helpers import (
    PATIENT,
    THERAPIST,
    hand_over,
    progress_file,
    record_pain,
    therapist_copy,
)

W = TypeVar("W", bound=QWidget)


def visible(qtbot: QtBot, kind: type[W], title: str | None = None) -> W:
    def shown() -> W | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, kind)
                and w.isVisible()
                and (title is None or w.windowTitle() == title)
            ),
            None,
        )

    qtbot.waitUntil(lambda: shown() is not None, timeout=10000)
    found = shown()
    assert found is not None
    return found


def gone(widget: QWidget) -> bool:
    """Closed: hidden, or deleted with it (the dialogs delete themselves on close)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()


def none_visible(kind: type[QWidget]) -> bool:
    return not any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets())


def texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def file_action(window: MainWindow, start: str) -> None:
    """Trigger the File menu item whose text (without its & mark) starts with `start`, after
    the menu was shown, as a user opening it would see it."""
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(start))
    action.trigger()


def answer_file_dialog(qtbot: QtBot, target: Path) -> str:
    """Answer the open file dialog with `target`; returns the name it suggested."""
    dialog = visible(qtbot, QFileDialog)
    suggested = dialog.selectedFiles()[0] if dialog.selectedFiles() else ""
    dialog.selectFile(str(target))
    dialog.accept()
    return suggested


@pytest.fixture
def therapist(tmp_path: Path, clock: ManualClock) -> Iterator[AppContext]:
    context = therapist_copy(tmp_path / "therapist", clock)
    yield context
    context.close(backup=False)


@pytest.fixture
def therapist_window(qtbot: QtBot, therapist: AppContext) -> Iterator[MainWindow]:
    runner = TaskRunner()
    ui = UiContext(app=therapist, hub=ChangeHub(), tasks=runner)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    runner.wait()
    window.quit_coach()


@pytest.fixture
def sent(therapist: AppContext, patient: AppContext, tmp_path: Path) -> tuple[int, Path]:
    """The therapist's patient id, and the progress file that patient sent (one pain entry
    with a question for the therapist)."""
    patient_id = hand_over(therapist, patient, tmp_path)
    record_pain(patient)
    return patient_id, progress_file(patient, tmp_path / "sent.coachprogress")


def pain_count(context: AppContext, patient_id: int) -> int:
    diary = context.patient(patient_id).diary
    return len(diary.pain_between(date(2000, 1, 1), diary.today()))


def attention(window: MainWindow, name: str) -> str:
    page = window.page("patients")
    assert isinstance(page, PatientsPage)
    model = page.model
    column = COLUMNS.index("Needs attention")
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return str(model.index(row, column).data() or "")
    raise AssertionError(f"{name} is not on the caseload")


# --- the patient's side --------------------------------------------------------------------------


def test_the_patient_sends_progress_sealed_to_the_therapist_who_can_open_it(
    qtbot: QtBot,
    main_window: MainWindow,
    therapist: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient = main_window.ui.app
    therapist_patient = hand_over(therapist, patient, tmp_path)
    record_pain(patient)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    file_action(main_window, "Send progress to my therapist")
    dialog = visible(qtbot, SendProgressDialog)
    said = texts(dialog)
    assert THERAPIST in said
    assert therapist.therapist_key.fingerprint() in said
    assert dialog.contents_text() == "Pain entries: 1"
    assert dialog.save_button.isDefault()

    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: Save to a file…
    suggested = answer_file_dialog(qtbot, tmp_path / "for alex")
    assert Path(suggested).name == "Progress for Alex Therapist 2026-03-11.coachprogress"
    box = visible(qtbot, QMessageBox, "Progress file saved")
    written = tmp_path / "for alex.coachprogress"
    assert box.informativeText() == str(written) and written.is_file()
    assert THERAPIST in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    qtbot.mouseClick(buttons["Show in folder"], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]

    preview = therapist.progress_import.preview(written)
    assert preview.match is not None and preview.match.id == therapist_patient
    assert preview.new_rows == 1


def test_the_next_file_starts_where_the_last_ended_and_the_first_day_can_be_changed(
    qtbot: QtBot, main_window: MainWindow, therapist: AppContext, tmp_path: Path
) -> None:
    from datetime import timedelta

    patient = main_window.ui.app
    hand_over(therapist, patient, tmp_path)
    record_pain(patient, days_ago=3)
    progress_file(patient, tmp_path / "first.coachprogress")
    record_pain(patient)

    page = main_window.page("progress")
    assert isinstance(page, ProgressPage)
    main_window.show_page([spec.key for spec in main_window.pages].index("progress"))
    qtbot.waitUntil(page.send_button.isVisible)
    assert page.send_button.text() == "Send progress to my therapist…"
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    dialog = visible(qtbot, SendProgressDialog)
    assert "last day the previous file" in dialog.start_note.text()
    assert dialog.contents_text() == "Pain entries: 1"
    dialog.since.setDate(dialog.since.date().addDays(-5))
    assert dialog.first_day() == patient.profile.today() - timedelta(days=5)
    assert dialog.contents_text() == "Pain entries: 2"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert gone(dialog)
    assert none_visible(QFileDialog)


def test_a_self_managing_patient_exports_a_file_labelled_not_protected(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, therapist: AppContext
) -> None:
    patient = main_window.ui.app
    record_pain(patient)
    page = main_window.page("progress")
    assert isinstance(page, ProgressPage)
    main_window.show_page([spec.key for spec in main_window.pages].index("progress"))
    qtbot.waitUntil(page.send_button.isVisible)
    assert page.send_button.text() == "Export progress (not protected)…"
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    dialog = visible(qtbot, SendProgressDialog, "Export progress (not protected)")
    assert dialog.warning.isVisible() and "anyone who has this file can read it" in (
        dialog.warning.text()
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_file_dialog(qtbot, tmp_path / "plain.coachprogress")
    box = visible(qtbot, QMessageBox, "Progress file saved")
    assert "not protected" in box.text()
    written = tmp_path / "plain.coachprogress"
    assert b'"sealed": false' in written.read_bytes() or b'"sealed":false' in written.read_bytes()
    # A therapist's Coach reads it too, for a patient not on the caseload.
    assert therapist.progress_import.preview(written).match is None


# --- the therapist's side ------------------------------------------------------------------------


def test_the_therapist_imports_from_the_file_menu_and_the_caseload_updates_at_once(
    qtbot: QtBot, sent: tuple[int, Path], therapist_window: MainWindow, therapist: AppContext
) -> None:
    patient_id, path = sent
    assert "Question for you" not in attention(therapist_window, PATIENT)

    file_action(therapist_window, "Import progress")
    answer_file_dialog(qtbot, path)
    dialog = visible(qtbot, ImportProgressDialog)
    said = texts(dialog)
    assert f"Progress of {PATIENT}" in said
    assert f"It goes to {PATIENT} on your caseload." in said
    assert therapist.therapist_key.fingerprint() in said
    assert "Pain entries" in said
    assert not dialog.older.isVisible()  # the first file for this patient
    assert dialog.import_button.isDefault() and dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Stored off the GUI thread: meanwhile the dialog says so and cannot be cancelled.
    assert dialog.summary.text().startswith("Importing…")
    assert not dialog.buttons.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: gone(dialog))
    assert pain_count(therapist, patient_id) == 1
    assert "Question for you" in attention(therapist_window, PATIENT)
    assert "1 new" in therapist_window.statusBar().currentMessage()


def test_a_dropped_file_is_previewed_and_imported_with_enter_and_a_second_time_adds_nothing(
    qtbot: QtBot, sent: tuple[int, Path], therapist_window: MainWindow, therapist: AppContext
) -> None:
    patient_id, path = sent
    drop(therapist_window, path)
    dialog = visible(qtbot, ImportProgressDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gone(dialog))
    assert pain_count(therapist, patient_id) == 1

    drop(therapist_window, path)
    again = visible(qtbot, ImportProgressDialog)
    assert "Nothing new" in again.summary.text()
    assert again.older.isVisible() and "not newer than the last one" in again.older.text()
    assert not again.import_button.isEnabled()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert gone(again)
    assert pain_count(therapist, patient_id) == 1


def drop(window: MainWindow, path: Path) -> None:
    """Drag `path` over the window and let go, as a file manager would (enter, then drop)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPointF(window.rect().center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    entered = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, entered)
    assert entered.isAccepted(), "the window takes a progress file"
    dropped = QDropEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, dropped)
    assert dropped.isAccepted()


def test_other_files_are_not_taken(therapist_window: MainWindow, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    entered = QDragEnterEvent(
        QPointF(therapist_window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(therapist_window, entered)
    assert not entered.isAccepted()


def _tampered(path: Path, _therapist: AppContext, _folder: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = data.index(b'"payload"') + 40  # inside the sealed part
    data[middle] = ord("A") if data[middle] != ord("A") else ord("B")
    path.write_bytes(bytes(data))


def _truncated(path: Path, _therapist: AppContext, _folder: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _wrong_format(path: Path, _therapist: AppContext, _folder: Path) -> None:
    path.write_text('{"format": "coach-programme", "version": 2}\n', encoding="utf-8")


def _hostile(path: Path, therapist: AppContext, _folder: Path) -> None:
    """A valid envelope sealed to the right key around a payload nested beyond any reason."""
    envelope = json.loads(path.read_bytes())
    payload = b'{"format": "coach-progress-payload", "rows": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    public = therapist.therapist_key.key_pair().public
    envelope["payload"] = encode_key(seal(payload, public))
    path.write_text(json.dumps(envelope), encoding="utf-8")


def _another_therapists(path: Path, _therapist: AppContext, folder: Path) -> None:
    """The same patient's file, sealed to a second therapist who wrote them a programme."""
    from coach.app import build_context

    other = therapist_copy(folder / "other therapist", ManualClock(START))
    patient = build_context(folder / "patient again", clock=ManualClock(START))
    try:
        patient.profile.welcome(PATIENT, Role.PATIENT, accepted_notice=True)
        hand_over(other, patient, folder)
        record_pain(patient)
        progress_file(patient, path)
    finally:
        patient.close(backup=False)
        other.close(backup=False)


@pytest.mark.parametrize(
    "spoil",
    [_tampered, _truncated, _wrong_format, _hostile, _another_therapists],
    ids=["tampered", "truncated", "wrong format", "hostile", "another therapist"],
)
def test_a_spoilt_file_is_refused_in_one_line_and_nothing_is_written(
    qtbot: QtBot,
    sent: tuple[int, Path],
    therapist_window: MainWindow,
    tmp_path: Path,
    spoil: Callable[[Path, AppContext, Path], None],
) -> None:
    therapist = therapist_window.ui.app
    patient_id, path = sent
    spoil(path, therapist, tmp_path)
    caseload = [p.id for p in therapist.patients.list()]

    page = therapist_window.page("patients")
    assert isinstance(page, PatientsPage)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    answer_file_dialog(qtbot, path)
    box = visible(qtbot, QMessageBox, "This progress file cannot be imported")
    assert "\n" not in box.text() and len(box.text()) < 300, box.text()
    box.close()
    assert none_visible(ImportProgressDialog)
    assert pain_count(therapist, patient_id) == 0
    assert [p.id for p in therapist.patients.list()] == caseload


def test_a_file_for_another_patient_can_go_to_one_picked_from_the_caseload(
    qtbot: QtBot,
    therapist_window: MainWindow,
    therapist: AppContext,
    patient: AppContext,
    tmp_path: Path,
) -> None:
    # A self-managing patient's file: their own uid, on nobody's caseload.
    record_pain(patient)
    path = progress_file(patient, tmp_path / "unknown.coachprogress")
    _, chosen = therapist.patients.add(name="Robin E.", identifier="", date_of_birth=None)
    therapist_window.ui.apply(therapist.patients.add(name="Someone Else")[0])

    drop(therapist_window, path)
    dialog = visible(qtbot, ImportProgressDialog)
    assert "No patient on your caseload matches this file." in texts(dialog)
    assert dialog.new_patient is not None and dialog.new_patient.isChecked()
    assert dialog.existing is not None and dialog.patients is not None
    qtbot.mouseClick(dialog.existing, Qt.MouseButton.LeftButton)
    dialog.patients.setCurrentIndex(dialog.patients.findText("Robin E."))
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.preview.target is not None and dialog.preview.target.id == chosen.id
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gone(dialog))
    assert pain_count(therapist, chosen.id) == 1
    assert "Question for you" in attention(therapist_window, "Robin E.")


def test_a_file_for_another_patient_can_add_them_to_the_caseload(
    qtbot: QtBot,
    therapist_window: MainWindow,
    therapist: AppContext,
    patient: AppContext,
    tmp_path: Path,
) -> None:
    record_pain(patient)
    path = progress_file(patient, tmp_path / "unknown.coachprogress")
    drop(therapist_window, path)
    dialog = visible(qtbot, ImportProgressDialog)
    assert dialog.new_patient is not None and dialog.new_patient.isChecked()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gone(dialog))
    added = [p for p in therapist.patients.list() if p.name == "Robin"]
    assert len(added) == 1
    assert pain_count(therapist, added[0].id) == 1
    assert "Question for you" in attention(therapist_window, "Robin")
    assert "new patient" in therapist_window.statusBar().currentMessage()


def test_the_therapists_key_fingerprint_is_in_settings_and_about(
    qtbot: QtBot, sent: tuple[int, Path], therapist_window: MainWindow, therapist: AppContext
) -> None:
    from coach.ui.about import AboutDialog
    from coach.ui.settings_dialog import SettingsDialog

    fingerprint = therapist.therapist_key.fingerprint()
    settings = SettingsDialog(therapist_window.ui, therapist_window)
    qtbot.addWidget(settings)
    settings.open()
    assert settings.fingerprint is not None and settings.fingerprint.isVisible()
    assert settings.fingerprint.text() == fingerprint
    settings.reject()
    about = AboutDialog(therapist_window.ui, therapist_window)
    qtbot.addWidget(about)
    about.open()
    assert fingerprint in texts(about)
    about.reject()


def test_the_patients_about_names_the_therapists_key(
    qtbot: QtBot, main_window: MainWindow, therapist: AppContext, tmp_path: Path
) -> None:
    from coach.ui.about import AboutDialog

    hand_over(therapist, main_window.ui.app, tmp_path)
    about = AboutDialog(main_window.ui, main_window)
    qtbot.addWidget(about)
    about.open()
    said = texts(about)
    assert THERAPIST in said and therapist.therapist_key.fingerprint() in said
    about.reject()


def test_only_a_therapists_window_takes_dropped_files(main_window: MainWindow) -> None:
    assert main_window.ui.app.profile_is_patient()
    assert not main_window.acceptDrops()


def test_a_therapist_imports_rather_than_sends(
    sent: tuple[int, Path], therapist_window: MainWindow
) -> None:
    menu = therapist_window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    names = [a.text().replace("&", "") for a in menu.actions()]
    assert "Import progress…" in names
    assert not any(name.startswith(("Send progress", "Export progress")) for name in names)
    page = therapist_window.page("progress")
    assert isinstance(page, ProgressPage)
    page.reload()
    assert page.send_button.isHidden()
