""" "Make easier" / "Make harder" in the builder, driven through its widgets: the item's exercise
moves one rung of its ladder, keeps its days and times a day, and is saved with the
programme."""

from __future__ import annotations

from programmes_helpers import add_by_search, shown_page
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.domain.dosage import Sides
from coach.ui.context import UiContext
from coach.ui.programmes.list_model import Kind


def test_make_harder_and_easier_swap_the_item_and_save_with_the_programme(
    qtbot: QtBot, ui: UiContext
) -> None:
    page = shown_page(qtbot, ui)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Hips")
    add_by_search(qtbot, page, "bridge")
    editor, dosage = page.editor, page.editor.dosage
    assert editor.items.name(0) == "Bridge"
    assert editor.easier_button.isEnabled() is False
    assert "easiest step" in editor.easier_button.toolTip()
    assert "Bridge with march" in editor.harder_button.toolTip()
    for day in (1, 3, 5, 6):  # leave Monday, Wednesday and Friday
        qtbot.mouseClick(dosage.day_boxes[day], Qt.MouseButton.LeftButton)
    dosage.numbers["times_per_day"].setValue(2)
    dosage.numbers["reps"].setValue(15)

    qtbot.mouseClick(editor.harder_button, Qt.MouseButton.LeftButton)
    item = editor.items.item(0)
    assert editor.items.name(0) == "Bridge with march"
    # Done per side, unlike the bridge: the march's own amounts, on the bridge's days.
    assert item.dosage.sides is Sides.ALTERNATE and item.dosage.reps == 8
    assert (item.days, item.dosage.times_per_day) == (frozenset({0, 2, 4}), 2)
    assert "Bridge with march" in dosage.heading.text()
    assert "Bridge with march" in editor.status.text()

    dosage.numbers["reps"].setValue(10)
    editor.harder_button.setFocus()
    qtbot.keyClick(editor.harder_button, Qt.Key.Key_Space)  # reachable from the keyboard
    assert editor.items.name(0) == "Single-leg bridge"
    item = editor.items.item(0)
    assert item.dosage.reps == 10  # the same shape of dosage: the therapist's numbers stay
    assert not editor.harder_button.isEnabled()
    assert "hardest step" in editor.harder_button.toolTip()

    qtbot.mouseClick(editor.easier_button, Qt.MouseButton.LeftButton)
    assert editor.items.name(0) == "Bridge with march"
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    (stored,) = saved.items
    assert stored.exercise_id == "bridge-march"
    assert (stored.days, stored.dosage.times_per_day, stored.dosage.reps) == (
        frozenset({0, 2, 4}),
        2,
        10,
    )


def test_an_exercise_off_the_ladders_says_so(qtbot: QtBot, ui: UiContext) -> None:
    page = shown_page(qtbot, ui)
    page.new_programme()
    add_by_search(qtbot, page, "cat and camel")
    for button in (page.editor.easier_button, page.editor.harder_button):
        assert not button.isEnabled()
        assert "no easier or harder step" in button.toolTip()
        assert button.accessibleDescription() == button.toolTip()


def test_a_starter_template_offers_the_steps_once_a_programme_starts_from_it(
    qtbot: QtBot, ui: UiContext
) -> None:
    page = shown_page(qtbot, ui)
    row = page.list_model.row_of(Kind.STARTER, "mcgill-big-three")
    assert row is not None
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    editor = page.editor
    editor.items_view.setCurrentIndex(editor.items.index(1, 0))  # side plank from the knees
    assert not editor.harder_button.isEnabled()
    assert "Start a programme from this template" in editor.harder_button.toolTip()
    qtbot.mouseClick(editor.from_template_button, Qt.MouseButton.LeftButton)
    editor.items_view.setCurrentIndex(editor.items.index(1, 0))
    assert editor.harder_button.isEnabled()
    qtbot.mouseClick(editor.harder_button, Qt.MouseButton.LeftButton)
    page.save()
    (saved,) = ui.scope.programmes.programmes()
    assert [i.exercise_id for i in saved.items] == ["mcgill-curl-up", "side-plank", "bird-dog"]
