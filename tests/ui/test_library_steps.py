"""The exercise detail's links along a progression ladder, driven through its buttons, over the
shipped library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.ui.context import UiContext
from coach.ui.pages.library import LibraryPage


def shown(qtbot: QtBot, ui: UiContext, exercise_id: str) -> LibraryPage:
    page = LibraryPage(ui)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    exercise = ui.app.exercises.get(exercise_id)
    assert exercise is not None
    page.open_exercise(exercise)
    return page


def test_the_detail_walks_the_ladder_both_ways(qtbot: QtBot, ui: UiContext) -> None:
    page = shown(qtbot, ui, "bridge-march")
    detail = page.detail
    assert detail.easier_button.isVisible() and detail.harder_button.isVisible()
    assert detail.easier_button.accessibleName() == "One step easier: Bridge"
    assert detail.harder_button.accessibleName() == "One step harder: Single-leg bridge"

    qtbot.mouseClick(detail.harder_button, Qt.MouseButton.LeftButton)
    assert detail.title.text() == "Single-leg bridge"
    assert not detail.harder_button.isVisible()  # the top of the ladder
    assert "Bridge with march" in detail.easier_button.text()

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    detail.easier_button.setFocus()
    qtbot.keyClick(detail.easier_button, Qt.Key.Key_Space)
    assert detail.title.text() == "Bridge with march"
    assert detail.easier_button.hasFocus()  # walking on down needs no Tab back
    qtbot.keyClick(detail.easier_button, Qt.Key.Key_Space)
    assert detail.title.text() == "Bridge"
    assert not detail.easier_button.isVisible() and detail.steps_label.isVisible()


def test_an_exercise_off_the_ladders_shows_no_links(qtbot: QtBot, ui: UiContext) -> None:
    page = shown(qtbot, ui, "cat-camel")
    assert page.detail.title.text() == "Cat and camel"
    assert not page.detail.steps_label.isVisible()
    assert not page.detail.easier_button.isVisible()
    assert not page.detail.harder_button.isVisible()
