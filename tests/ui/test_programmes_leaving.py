"""Unsaved programme edits are never lost silently: leaving the editor for another page, or
closing the window, asks to save, discard or stay; and a save reloads the page's list once,
with a refusal shown at the field it names."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from programmes_helpers import add_by_search, shown_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coach.domain.profile import ValidationError
from coach.domain.programme import Programme
from coach.ui.context import UiContext
from coach.ui.main_window import MainWindow
from coach.ui.pages import PAGES
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.programmes.list_model import ProgrammeListModel


def answer(page: ProgrammesPage, button: str) -> None:
    """Click `button` in the open "Save your changes?" question."""
    box = page._boxes[-1]
    assert box.isVisible() and box.windowTitle() == "Save your changes?"
    next(b for b in box.buttons() if b.text() == button).click()


def count_repopulations(
    monkeypatch: pytest.MonkeyPatch, model: ProgrammeListModel
) -> Callable[[], int]:
    calls: list[int] = []
    original = model.set_groups

    def counted(*args: list[Programme]) -> None:
        calls.append(1)
        original(*args)

    monkeypatch.setattr(model, "set_groups", counted)
    return lambda: len(calls)


@pytest.fixture
def page(qtbot: QtBot, ui: UiContext) -> ProgrammesPage:
    return shown_page(qtbot, ui)


@pytest.fixture
def window(qtbot: QtBot, ui: UiContext) -> Iterator[MainWindow]:
    widget = MainWindow(ui)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.first_painted, timeout=5000):
        widget.show()
    yield widget
    ui.tasks.wait()


def edited_programmes(qtbot: QtBot, window: MainWindow) -> ProgrammesPage:
    """The Programmes page on screen, with a new programme typed in and not saved."""
    window.show_page([spec.key for spec in PAGES].index("programmes"))
    page = window.page("programmes")
    assert isinstance(page, ProgrammesPage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Lunchtime")
    add_by_search(qtbot, page, "bridge")
    assert page.unsaved
    return page


# --- one repopulation per save, refusals at their field ---------------------------------------


def test_a_save_reloads_the_list_once(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    repopulations = count_repopulations(monkeypatch, page.list_model)
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Evening core")
    add_by_search(qtbot, page, "bridge")
    with qtbot.waitSignal(ui.hub.changed) as published:
        qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert published.args is not None and published.args[1] is page  # tagged with the page
    assert repopulations() == 1
    assert page.list_view.currentIndex().data() == "Evening core" and not page.unsaved

    # A second save (a new version of the stored programme): still one reload.
    page.editor.dosage.numbers["reps"].setValue(14)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert repopulations() == 2
    qtbot.mouseClick(page.editor.template_button, Qt.MouseButton.LeftButton)
    assert repopulations() == 3 and len(ui.scope.programmes.templates()) == 1


def test_a_refusal_from_the_service_appears_at_its_field(
    qtbot: QtBot, page: ProgrammesPage, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_programme()
    qtbot.keyClicks(page.editor.fields.name, "Nothing in it")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    items_error = page.editor.items_error
    assert items_error.isVisible() and items_error.text() == "Add at least one exercise."

    add_by_search(qtbot, page, "bridge")
    assert page.editor.items_error.isHidden()
    service = ui.scope.programmes

    def refuse_reps(value: Programme) -> object:
        raise ValidationError("reps", "Repetitions must be between 1 and 50 repetitions.")

    monkeypatch.setattr(service, "create", refuse_reps)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    error = page.editor.dosage.errors["reps"]
    assert error.isVisible() and "between 1 and 50" in error.text()

    def refuse_name(value: Programme) -> object:
        raise ValidationError("name", "Please keep the name under 120 characters.")

    monkeypatch.setattr(service, "create", refuse_name)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert page.editor.fields.errors["name"].text() == "Please keep the name under 120 characters."
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [b for b in boxes if b.isVisible()]  # shown at the fields, not in a box
    assert page.unsaved and service.programmes() == []


# --- leaving for another page, and closing the window ------------------------------------------

# (the answer, whether the user is still in the editor afterwards, whether the edits were saved)
ANSWERS = [("Stay", True, False), ("Discard changes", False, False), ("Save", False, True)]


@pytest.mark.parametrize("case", ANSWERS, ids=[case[0] for case in ANSWERS])
def test_switching_page_with_unsaved_edits_asks_first(
    qtbot: QtBot, window: MainWindow, ui: UiContext, case: tuple[str, bool, bool]
) -> None:
    button, stays, saved = case
    page = edited_programmes(qtbot, window)
    window.navigation.setCurrentRow(0)  # the user clicks Today in the navigation
    assert window.stack.currentWidget() is page  # nothing happens before the answer
    answer(page, button)
    assert window.current_key() == ("programmes" if stays else "today")
    assert window.stack.currentWidget() is (page if stays else window.page("today"))
    assert page.unsaved is stays
    assert [p.name for p in ui.scope.programmes.programmes()] == (["Lunchtime"] if saved else [])


@pytest.mark.parametrize("case", ANSWERS, ids=[case[0] for case in ANSWERS])
def test_closing_the_window_with_unsaved_edits_asks_first(
    qtbot: QtBot, window: MainWindow, ui: UiContext, case: tuple[str, bool, bool]
) -> None:
    button, stays, saved = case
    page = edited_programmes(qtbot, window)
    window.close()
    assert window.isVisible()  # nothing happens before the answer
    answer(page, button)
    assert window.isVisible() is stays and page.unsaved is stays
    stored = ui.scope.programmes.programmes()
    assert [p.name for p in stored] == (["Lunchtime"] if saved else [])
    if saved:
        assert [i.exercise_id for i in stored[0].items] == ["bridge"]


def test_a_save_that_is_refused_stays_on_the_page(
    qtbot: QtBot, window: MainWindow, ui: UiContext
) -> None:
    page = edited_programmes(qtbot, window)
    page.editor.fields.name.clear()
    window.navigation.setCurrentRow(0)
    answer(page, "Save")
    assert window.current_key() == "programmes"
    assert page.editor.fields.errors["name"].text() == "Please give the programme a name."
    assert ui.scope.programmes.programmes() == []


def test_closing_with_nothing_unsaved_asks_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page([spec.key for spec in PAGES].index("programmes"))
    page = window.page("programmes")
    assert isinstance(page, ProgrammesPage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    window.close()
    assert not window.isVisible() and not page._boxes
