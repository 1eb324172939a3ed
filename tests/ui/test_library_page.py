"""The exercise library page, driven through its real widgets like a user would."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox

from coach.domain.dosage import Dosage
from coach.domain.exercise import Category, Equipment, Exercise, Position, Region
from coach.services.exercises import ExerciseService, LibraryProblem, LibraryQuery
from coach.ui.context import UiContext
from coach.ui.library.custom_dialog import CustomExerciseDialog
from coach.ui.pages.library import LibraryPage

# The offscreen platform cannot pass a window's size limits on; real platforms can.


def exercise(
    exercise_id: str,
    name: str,
    where: tuple[Category, Region, Position],
    equipment: tuple[Equipment, ...] = (),
    synonyms: tuple[str, ...] = (),
) -> Exercise:
    category, region, position = where
    return Exercise(
        id=exercise_id,
        name=name,
        category=category,
        regions=(region,),
        position=position,
        summary=f"What {name.lower()} does.",
        steps=("Get into position.", "Move slowly.", "Come back."),
        dosage=Dosage(sets=2, reps=10, hold_s=2),
        dosage_source="A test fixture.",
        synonyms=synonyms,
        equipment=equipment,
        cues=("Breathe out as you move.",),
        cautions=("Go gently.",),
        stop_rules=("Pain spreads into your leg.",),
    )


MCKENZIE, CORE = Category.MCKENZIE, Category.CORE
FIXTURE_LIBRARY = (
    exercise(
        "press-up",
        "Prone press-up",
        (MCKENZIE, Region.LUMBAR, Position.PRONE),
        (Equipment.MAT,),
        ("Extension in lying",),
    ),
    exercise(
        "chin-tuck",
        "Chin tuck",
        (MCKENZIE, Region.CERVICAL, Position.SITTING),
        (Equipment.CHAIR,),
        ("Cervical retraction",),
    ),
    exercise("bridge", "Bridge", (CORE, Region.HIP, Position.SUPINE), (Equipment.MAT,)),
    exercise("bird-dog", "Bird dog", (CORE, Region.LUMBAR, Position.QUADRUPED)),
    exercise(
        "pec",
        "Doorway chest stretch",
        (Category.FLEXIBILITY, Region.THORACIC, Position.STANDING),
        (Equipment.DOORWAY,),
    ),
    exercise(
        "slump",
        "Seated nerve glide",
        (Category.NEURAL, Region.LUMBAR, Position.SITTING),
        (Equipment.CHAIR,),
        ("Slump slider",),
    ),
)
PROBLEM = LibraryProblem("broken-one.json", "dosage.reps", "500 is more than 50 repetitions")


def fixture_loader(folder: Path) -> tuple[Sequence[Exercise], Sequence[LibraryProblem]]:
    return FIXTURE_LIBRARY, (PROBLEM,)


def open_page(ui: UiContext, qtbot: object) -> LibraryPage:
    page = LibraryPage(ui)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(1100, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page(ui: UiContext, qtbot: object, tmp_path: Path) -> LibraryPage:
    ui.app.exercises = ExerciseService(ui.app.db, tmp_path / "images", loader=fixture_loader)
    return open_page(ui, qtbot)


def names(page: LibraryPage) -> list[str]:
    return [page.model.exercise(row).name for row in range(page.model.rowCount())]


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(index)


def test_all_cards_and_the_count(page: LibraryPage, qtmodeltester: object) -> None:
    assert names(page) == sorted(e.name for e in FIXTURE_LIBRARY)
    assert page.filters.count.text() == "All 6 exercises"
    assert not page.filters.clear_button.isEnabled()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_typing_in_search_narrows_the_cards(page: LibraryPage, qtbot: object) -> None:
    qtbot.keyClicks(page.filters.search, "press")  # type: ignore[attr-defined]
    assert names(page) == ["Prone press-up"]
    assert page.filters.count.text() == "Showing 1 of 6 exercises"
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "slump")  # type: ignore[attr-defined]
    assert names(page) == ["Seated nerve glide"]  # found by its synonym


@pytest.mark.parametrize(
    ("combo", "choice", "expected"),
    [
        ("category", "McKenzie", ["Chin tuck", "Prone press-up"]),
        ("region", "Lower back", ["Bird dog", "Prone press-up", "Seated nerve glide"]),
        ("position", "Sitting", ["Chin tuck", "Seated nerve glide"]),
        ("equipment", "Mat", ["Bridge", "Prone press-up"]),
    ],
)
def test_each_filter(
    page: LibraryPage, qtmodeltester: object, combo: str, choice: str, expected: list[str]
) -> None:
    choose(getattr(page.filters, combo), choice)
    assert names(page) == expected
    assert page.filters.clear_button.isEnabled()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_filters_offer_only_what_the_library_holds(page: LibraryPage) -> None:
    offered = [page.filters.equipment.itemText(i) for i in range(page.filters.equipment.count())]
    assert offered == ["Any equipment", "Mat", "Chair", "Doorway"]


def test_no_matches_shows_a_friendly_empty_state(page: LibraryPage, qtbot: object) -> None:
    qtbot.keyClicks(page.filters.search, "handstand")  # type: ignore[attr-defined]
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() and not page.grid.isVisible()
    assert page.empty_message.text() == "No exercises match “handstand”."
    assert page.filters.count.text() == "Showing 0 of 6 exercises"
    show_all = page.empty.findChild(type(page.add_own), None)
    qtbot.mouseClick(show_all, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.model.rowCount() == 6 and page.grid.isVisible()
    assert page.filters.search.text() == ""


def test_load_problems_are_reported(page: LibraryPage, qtbot: object) -> None:
    assert page.problems.isVisible()
    assert "1 exercise was left out" in page.problems_summary.text()
    assert not page.problems_details.isVisible()
    qtbot.mouseClick(page.problems_toggle, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.problems_details.isVisible()
    assert page.problems_details.toPlainText() == (
        "broken-one.json, field dosage.reps: 500 is more than 50 repetitions"
    )


def test_thumbnails_are_drawn_after_the_page_opens(page: LibraryPage, qtbot: object) -> None:
    qtbot.waitUntil(lambda: page.thumbnails.pending == 0)  # type: ignore[attr-defined]
    picture = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QPixmap) and not picture.isNull()


def test_keyboard_search_grid_detail_and_back(page: LibraryPage, qtbot: object) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # type: ignore[attr-defined]
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert page.filters.search.hasFocus()
    qtbot.keyClicks(page.filters.search, "b")  # type: ignore[attr-defined]
    assert names(page) == ["Bird dog", "Bridge"]
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert page.grid.hasFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)  # type: ignore[attr-defined]
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert page.stack.currentWidget() is page.detail
    assert page.detail.title.text() == "Bridge"
    qtbot.keyClick(page.detail.back_button, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert page.stack.currentIndex() == 0
    assert page.grid.hasFocus() and page.grid.currentIndex().row() == 1


def test_detail_shows_everything_a_patient_needs(page: LibraryPage) -> None:
    page.open_exercise(FIXTURE_LIBRARY[0])
    texts = [w.text() for w in page.detail.text.findChildren(type(page.detail.title))]
    assert "Get into position." in texts and "1." in texts and "3." in texts
    assert "Breathe out as you move." in texts
    assert "Go gently." in texts and "Pain spreads into your leg." in texts
    assert "2 sets of 10 repetitions, holding each for 2 seconds." in texts
    assert "Where this amount comes from: A test fixture." in texts
    assert page.detail.tags.text() == "McKenzie · Lower back · Lying on your front · Mat"
    assert not page.detail.edit_button.isVisible()  # shipped exercises are not editable


def test_add_to_programme_shows_only_when_wired(page: LibraryPage, qtbot: object) -> None:
    page.open_exercise(FIXTURE_LIBRARY[2])
    assert not page.detail.add_button.isVisible()
    chosen: list[str] = []
    page.add_to_programme_requested.connect(chosen.append)
    page.open_exercise(FIXTURE_LIBRARY[2])
    assert page.detail.add_button.isVisible()
    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert chosen == ["bridge"]


def the_dialog(page: LibraryPage) -> CustomExerciseDialog:
    shown = [d for d in page.window().findChildren(CustomExerciseDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def picture_file(folder: Path, name: str = "my picture.png") -> Path:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7d44"))
    path = folder / name
    assert image.save(str(path))
    return path


def test_create_edit_and_delete_a_custom_exercise(
    page: LibraryPage, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    dialog = the_dialog(page)
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    assert not dialog.error_labels["name"].isVisible()  # but not scolded either
    qtbot.keyClicks(dialog.name, "Towel squeeze")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.summary, "Gentle inner-thigh work.")  # type: ignore[attr-defined]
    dialog.steps.setPlainText("Sit tall.\nSqueeze the towel between your knees.\nLet go.")
    dialog.cautions.setPlainText("Stop if your groin hurts.")
    choose(dialog.region, "Hip")
    choose(dialog.position, "Sitting")
    dialog.spins["reps"].setValue(12)
    chosen = picture_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    qtbot.mouseClick(dialog.choose_image, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.image_name.text() == "New picture: my picture.png"
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    assert not dialog.isVisible()
    assert page.stack.currentWidget() is page.detail
    assert page.detail.title.text() == "Towel squeeze"
    assert page.detail.edit_button.isVisible() and page.detail.delete_button.isVisible()
    assert page.detail.illustration.picture.has_picture
    created = page.detail.exercise
    assert created is not None and created.custom and created.dosage.reps == 12
    assert "Towel squeeze" in [e.name for e in page.ui.app.exercises.all()]

    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    editing = the_dialog(page)
    assert editing.name.text() == "Towel squeeze"
    assert editing.steps.toPlainText().splitlines()[1] == "Squeeze the towel between your knees."
    assert editing.image_name.text() == "Current picture"
    editing.name.selectAll()
    qtbot.keyClicks(editing.name, "Towel squeeze, lying")  # type: ignore[attr-defined]
    choose(editing.position, "Lying on your back")
    qtbot.mouseClick(editing.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.detail.title.text() == "Towel squeeze, lying"
    assert "Lying on your back" in page.detail.tags.text()

    qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    box = page.delete_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Towel squeeze, lying" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.stack.currentIndex() == 0
    assert "Towel squeeze, lying" not in names(page)
    assert page.filters.count.text() == "All 6 exercises"


def test_cancelling_delete_keeps_the_exercise(page: LibraryPage, qtbot: object) -> None:
    from coach.services.custom_exercise import ExerciseDraft

    created, changes = page.ui.app.exercises.create_custom(
        ExerciseDraft(name="Wall lean", steps=("Lean on the wall.",))
    )
    page.ui.apply(changes)
    page.open_exercise(created)
    qtbot.mouseClick(page.detail.delete_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    page.delete_box.button(QMessageBox.StandardButton.Cancel).click()
    assert "Wall lean" in names(page)
    assert page.stack.currentWidget() is page.detail


def test_a_bad_image_is_refused_with_the_reason_visible(
    page: LibraryPage, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    dialog = the_dialog(page)
    bad = tmp_path / "sneaky.svg"
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="steal()"></svg>')
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    qtbot.mouseClick(dialog.choose_image, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    error = dialog.error_labels["image"]
    assert error.isVisible()
    assert error.text().startswith("sneaky.svg was not accepted: This SVG file has an event")
    assert dialog.image_name.text() == ""  # no picture was taken on
    not_image = tmp_path / "notes.png"
    not_image.write_text("just some words")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_image), ""))
    qtbot.mouseClick(dialog.choose_image, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert "not a PNG, JPEG or SVG image" in error.text()
    dialog.reject()


def test_dialog_checks_each_field_as_it_is_typed(page: LibraryPage, qtbot: object) -> None:
    qtbot.mouseClick(page.add_own, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    dialog = the_dialog(page)
    qtbot.keyClicks(dialog.name, "x")  # type: ignore[attr-defined]
    dialog.name.clear()
    assert dialog.error_labels["name"].isVisible()
    assert dialog.error_labels["name"].text() == "Please give the exercise a name."
    qtbot.keyClicks(dialog.name, "Heel slide")  # type: ignore[attr-defined]
    assert not dialog.error_labels["name"].isVisible()
    reps = dialog.spins["reps"]
    reps.lineEdit().selectAll()
    qtbot.keyClicks(reps.lineEdit(), "0")  # type: ignore[attr-defined]
    assert dialog.error_labels["dosage"].text() == (
        "Repetitions must be between 1 and 50 repetitions."
    )
    assert not dialog.save_button.isEnabled()
    reps.lineEdit().selectAll()
    qtbot.keyClicks(reps.lineEdit(), "8")  # type: ignore[attr-defined]
    assert not dialog.error_labels["dosage"].isVisible()
    dialog.steps.setPlainText("Lie on your back.\nSlide one heel away.")
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_search_matches_the_service(page: LibraryPage, qtbot: object) -> None:
    """The page shows exactly what the service finds (one definition of a match)."""
    qtbot.keyClicks(page.filters.search, "tuck")  # type: ignore[attr-defined]
    choose(page.filters.category, "McKenzie")
    expected = page.ui.app.exercises.search(LibraryQuery(text="tuck", category=Category.MCKENZIE))
    assert names(page) == [e.name for e in expected] == ["Chin tuck"]
    QApplication.processEvents()


def test_animated_illustration_play_pause_and_step(ui: UiContext, qtbot: object) -> None:
    page = open_page(ui, qtbot)  # the real shipped library
    service = ui.app.exercises
    bird_dog = service.get("bird-dog")
    assert bird_dog is not None and bird_dog.illustration is not None
    frames = len(bird_dog.illustration.keyframes)
    page.open_exercise(bird_dog)
    panel = page.detail.illustration
    assert panel.figure.isVisible() and panel.figure.playing
    assert panel.play_button.text() == "Pause"

    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not panel.figure.playing and panel.play_button.text() == "Play"
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert panel.figure.keyframe_position() == (2, frames)
    assert panel.position_label.text().startswith(f"Position 2 of {frames}: ")
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    first = bird_dog.illustration.keyframes[0].name
    assert panel.position_label.text() == f"Position 1 of {frames}: {first.replace('-', ' ')}"
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert panel.figure.playing and panel.play_button.text() == "Pause"

    qtbot.keyClick(page.detail.back_button, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not panel.figure.playing  # nothing animates off screen
    assert page.stack.currentIndex() == 0


def test_real_library_thumbnails_draw_without_holding_up_the_page(
    ui: UiContext, qtbot: object
) -> None:
    page = open_page(ui, qtbot)
    assert page.model.rowCount() == len(ui.app.exercises.all()) >= 60
    assert page.thumbnails.pending > 0  # drawing continues after the cards are on screen
    qtbot.waitUntil(lambda: page.thumbnails.pending == 0, timeout=10000)  # type: ignore[attr-defined]
    choose(page.filters.category, "Nerve mobility")
    assert 3 <= page.model.rowCount() < 60
