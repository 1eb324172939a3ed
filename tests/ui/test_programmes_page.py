"""The programme builder through its real widgets: add, reorder, dosage validation, save,
templates, import with a preview, export, and the Exercises page's "Add to programme"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from programmes_helpers import add_by_search, shown_page
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.exchange.programme_file import to_document
from coach.ui.context import UiContext
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.programmes.list_model import Kind


@pytest.fixture
def page(qtbot: QtBot, ui: UiContext) -> ProgrammesPage:
    return shown_page(qtbot, ui)


def names(page: ProgrammesPage) -> list[str]:
    return [page.editor.items.name(row) for row in range(page.editor.items.rowCount())]


def test_empty_state_offers_starters_new_and_import(page: ProgrammesPage) -> None:
    assert page.stack.currentWidget() is page.empty
    starters = [
        page.list_model.entry(row)
        for row in range(page.list_model.rowCount())
        if page.list_model.entry(row).kind is Kind.STARTER
    ]
    assert starters[0].is_heading and len(starters) >= 8


def test_add_reorder_by_keyboard_and_save(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    add_by_search(qtbot, page, "bridge")
    add_by_search(qtbot, page, "bird dog")
    page.picker.search.clear()
    qtbot.keyClicks(page.picker.search, "cat and camel")
    qtbot.keyClick(page.picker.search, Qt.Key.Key_Return)  # moves on to the list
    qtbot.keyClick(page.picker.view, Qt.Key.Key_Return)
    assert names(page) == ["Bridge", "Bird dog", "Cat and camel"]
    assert page.editor.length.text().startswith("About ")

    page.editor.items_view.setCurrentIndex(page.editor.items.index(2, 0))
    qtbot.keyClick(page.editor.items_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.editor.items_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(page) == ["Cat and camel", "Bridge", "Bird dog"]
    assert page.editor.items_view.currentIndex().row() == 0
    qtbot.keyClick(page.editor.items_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(page) == ["Bridge", "Cat and camel", "Bird dog"]
    qtbot.mouseClick(page.editor.down_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Bridge", "Bird dog", "Cat and camel"]
    qtbot.keyClick(page.editor.items_view, Qt.Key.Key_Delete)
    assert names(page) == ["Bridge", "Bird dog"]

    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert page.editor.fields.errors["name"].text() == "Please give the programme a name."
    assert ui.scope.programmes.programmes() == []
    qtbot.keyClicks(page.editor.fields.name, "Evening core")
    qtbot.keyClicks(page.editor.fields.author_name, "Dr Lee")
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    (saved,) = ui.scope.programmes.programmes()
    assert saved.name == "Evening core" and saved.author.name == "Dr Lee"
    assert [i.exercise_id for i in saved.items] == ["bridge", "bird-dog"]
    assert page.list_view.currentIndex().data() == "Evening core"


def test_dosage_out_of_range_is_shown_at_the_field_and_save_is_refused(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Too much")
    add_by_search(qtbot, page, "bridge")
    reps = page.editor.dosage.numbers["reps"]
    reps.selectAll()
    qtbot.keyClicks(reps, "500")
    error = page.editor.dosage.errors["reps"]
    assert error.isVisible() and "between 1 and 50" in error.text()
    assert not page.editor.save_button.isEnabled()
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert ui.scope.programmes.programmes() == []
    assert page.editor.items.item(0).dosage.reps != 500  # the bad value never reached the list

    reps.selectAll()
    qtbot.keyClicks(reps, "15")
    assert not error.isVisible() and page.editor.save_button.isEnabled()
    assert page.editor.items.item(0).dosage.reps == 15

    for box in page.editor.dosage.day_boxes:
        box.setChecked(False)
    assert page.editor.dosage.errors["days"].text() == "Choose at least one day of the week."
    assert not page.editor.save_button.isEnabled()
    qtbot.mouseClick(page.editor.dosage.day_boxes[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.editor.dosage.any_days, Qt.MouseButton.LeftButton)
    page.editor.dosage.per_week.setValue(3)
    page.editor.dosage.progress.click()
    page.editor.dosage.progress_limit.setValue(2)  # below the starting hold of 3 s
    assert "above the starting value" in page.editor.dosage.errors["progression"].text()
    page.editor.dosage.progress_limit.setValue(10)
    assert page.editor.save_button.isEnabled()
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    item = saved.items[0]
    assert (item.days, item.dosage.days_per_week, item.dosage.reps) == (None, 3, 15)
    assert item.progression is not None and item.progression.limit == 10


def test_the_session_length_and_the_long_programme_hint_update_live(
    qtbot: QtBot, page: ProgrammesPage
) -> None:
    page.new_programme()
    add_by_search(qtbot, page, "bridge")
    before = page.editor.length.text()
    page.editor.dosage.numbers["sets"].setValue(3)
    assert page.editor.length.text() != before
    for text in ("bird dog", "dead bug", "clamshell"):
        add_by_search(qtbot, page, text)
    assert page.editor.long_hint.isHidden()
    add_by_search(qtbot, page, "cat and camel")
    assert not page.editor.long_hint.isHidden() and "5 exercises" in page.editor.long_hint.text()


def test_drag_and_drop_moves_rows_through_the_model(
    qtbot: QtBot, page: ProgrammesPage, qtmodeltester: object
) -> None:
    page.new_programme()
    for text in ("bridge", "bird dog", "dead bug"):
        add_by_search(qtbot, page, text)
    model = page.editor.items
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.list_model)  # type: ignore[attr-defined]
    mime = model.mimeData([model.index(0, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    # False so the view does not delete the "copied" original: the move already happened.
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert names(page) == ["Bird dog", "Dead bug", "Bridge"]
    mime = model.mimeData([model.index(2, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    assert names(page) == ["Bridge", "Bird dog", "Dead bug"]
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 1)  # onto itself


def test_starter_template_is_read_only_until_a_programme_starts_from_it(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    row = page.list_model.row_of(Kind.STARTER, "mcgill-big-three")
    assert row is not None
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    assert page.editor.heading.text() == "McGill big three"
    assert page.editor.fields.name.isReadOnly() and not page.editor.save_button.isVisible()
    assert not page.editor.add_button.isEnabled()
    qtbot.mouseClick(page.editor.from_template_button, Qt.MouseButton.LeftButton)
    assert not page.editor.fields.name.isReadOnly()
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    assert saved.name == "McGill big three" and not saved.is_template
    assert saved.start_date == ui.scope.programmes.today()
    assert [i.exercise_id for i in saved.items] == [
        "mcgill-curl-up",
        "side-plank-knees",
        "bird-dog",
    ]


def test_save_as_template(qtbot: QtBot, page: ProgrammesPage, ui: UiContext) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "My stretches")
    add_by_search(qtbot, page, "child")
    qtbot.mouseClick(page.editor.template_button, Qt.MouseButton.LeftButton)
    (template,) = ui.scope.programmes.templates()
    assert template.name == "My stretches" and template.items[0].exercise_id == "childs-pose"
    assert ui.scope.programmes.programmes() == []
    assert page.editor.archive_button.text() == "Delete template"
    assert page.editor.from_template_button.isVisible()


def test_editing_a_started_programme_keeps_the_past(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext, clock: ManualClock
) -> None:
    service = ui.scope.programmes
    created, changes = service.create(
        Programme(
            uid="",
            name="Morning",
            start_date=date(2026, 3, 2),
            items=(ProgrammeItem("prone-press-up", Dosage(reps=10)),),
        )
    )
    ui.apply(changes)
    row = page.list_model.row_of(Kind.PROGRAMME, created)
    assert row is not None
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    page.editor.dosage.numbers["reps"].setValue(12)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "apply from today" in page.editor.status.text()
    assert service.version_days(created) == [date(2026, 3, 2), date(2026, 3, 11)]
    assert service.prescription_on(date(2026, 3, 10))[0].dosage.reps == 10
    assert service.prescription_on(date(2026, 3, 11))[0].dosage.reps == 12


def test_import_shows_a_preview_then_stores_on_import(
    qtbot: QtBot,
    page: ProgrammesPage,
    ui: UiContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    value = Programme(
        uid="",
        name="From the clinic",
        start_date=date(2026, 3, 16),
        goal="Walk to the shops",
        items=(ProgrammeItem("bridge", Dosage(sets=2, reps=12, hold_s=3), note="Slowly."),),
    )
    document = to_document(value)
    document["programme"]["author"] = {"name": "Dr Lee", "clinic": "Riverside", "contact": ""}
    path = tmp_path / "clinic.coachprogramme"
    path.write_text(json.dumps(document))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.files.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Import this programme?"
    shown = dialog.exercise_labels[0].text()
    assert "Bridge" in shown and "2 sets of 12 repetitions" in shown and "Slowly." in shown
    assert ui.scope.programmes.programmes() == []  # nothing stored before the answer

    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert ui.scope.programmes.programmes() == []

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ui.hub.changed):
        qtbot.mouseClick(page.files.preview_dialog.import_button, Qt.MouseButton.LeftButton)
    (stored,) = ui.scope.programmes.programmes()
    assert stored.author.name == "Dr Lee" and stored.items[0].note == "Slowly."
    assert page.editor.heading.text() == "From the clinic"
    assert page.editor.status.text() == "Imported “From the clinic”."


def test_a_bad_file_is_refused_with_its_reason(
    qtbot: QtBot, page: ProgrammesPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bad.coachprogramme"
    path.write_text('{"format": "something-else"}')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    (box,) = [b for b in boxes if b.isVisible()]
    assert "not a Coach programme file" in box.text()
    box.close()


def test_export_writes_the_saved_programme(
    qtbot: QtBot, page: ProgrammesPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Neck")
    add_by_search(qtbot, page, "chin tuck sitting")
    assert not page.editor.export_button.isEnabled()  # nothing saved yet
    page.save()
    target = tmp_path / "neck"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.editor.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".coachprogramme")
    document = json.loads(written.read_text())
    assert document["programme"]["name"] == "Neck"
    assert page.editor.status.text() == "Exported to neck.coachprogramme."


def test_archive_asks_first(qtbot: QtBot, page: ProgrammesPage, ui: UiContext) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Short lived")
    add_by_search(qtbot, page, "bridge")
    page.save()
    qtbot.mouseClick(page.editor.archive_button, Qt.MouseButton.LeftButton)
    (box,) = page._boxes
    next(b for b in box.buttons() if b.text() == "Archive").click()
    assert ui.scope.programmes.programmes() == []
    assert page.stack.currentWidget() is page.empty


def test_add_to_programme_from_the_exercises_page(qtbot: QtBot, ui: UiContext) -> None:
    from coach.ui.main_window import MainWindow

    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    programmes = window.page("programmes")
    library = window.page("library")
    assert isinstance(programmes, ProgrammesPage)
    library.add_to_programme_requested.emit("bridge")  # type: ignore[attr-defined]
    assert window.current_key() == "programmes"
    assert names(programmes) == ["Bridge"]
    qtbot.waitUntil(lambda: programmes.ready, timeout=10_000)
    ui.tasks.wait()


def test_a_new_programme_is_signed_with_the_therapist_kept_in_settings(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    ui.app.profile.update(
        name="Robin",
        role=Role.PATIENT,
        timezone=ui.app.profile.timezone_name(),
        therapist_name="Dr Lee",
        clinic="Riverside Physio",
        contact="555-0100",
    )
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    fields = page.editor.fields
    shown = (fields.author_name.text(), fields.clinic.text(), fields.contact.text())
    assert shown == ("Dr Lee", "Riverside Physio", "555-0100")
    assert not page.unsaved  # filled in for the user, not an edit of theirs
    qtbot.keyClicks(fields.name, "Signed")
    add_by_search(qtbot, page, "bridge")
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    assert saved.author.clinic == "Riverside Physio"


def test_a_programme_from_a_template_leaves_the_template_notes_behind(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    row = page.list_model.row_of(Kind.STARTER, "mcgill-big-three")
    assert row is not None
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    assert "check with your therapist" in page.editor.fields.notes.toPlainText()
    qtbot.mouseClick(page.editor.from_template_button, Qt.MouseButton.LeftButton)
    assert page.editor.fields.notes.toPlainText() == ""
    assert page.unsaved  # a programme from a template is not saved until Save
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    assert saved.notes == "" and saved.goal  # the goal still comes with it


def test_opening_another_programme_asks_about_unsaved_edits(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext
) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Half done")
    add_by_search(qtbot, page, "bridge")
    row = page.list_model.row_of(Kind.STARTER, "mcgill-big-three")
    assert row is not None
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    (box,) = page._boxes
    next(b for b in box.buttons() if b.text() == "Stay").click()
    assert page.editor.fields.name.text() == "Half done" and page.unsaved
    assert not page.list_view.currentIndex().isValid()  # the list names what is still open

    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    (box,) = page._boxes
    next(b for b in box.buttons() if b.text() == "Discard changes").click()
    assert page.editor.heading.text() == "McGill big three" and not page.unsaved
    assert ui.scope.programmes.programmes() == []
