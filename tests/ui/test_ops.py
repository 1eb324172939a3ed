"""coach.ui.ops.mutate: a refusal from any layer is shown once, at its field where the form has
one; a change is published once, tagged with who made it, and that page does not reload twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coach.domain.errors import UserError
from coach.domain.profile import ValidationError
from coach.services.changes import Area, Changes
from coach.services.diary import MissingEntryError
from coach.store.errors import DiskFullError
from coach.ui.context import UiContext
from coach.ui.diary.pain_dialog import PainDialog
from coach.ui.library.custom_dialog import CustomExerciseDialog
from coach.ui.ops import changes_in, mutate, report
from coach.ui.pages.base import Page
from coach.ui.pages.diary import DiaryPage, create_page


class CountingPage(Page):
    areas = (Area.DIARY,)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


class Sink:
    def __init__(self) -> None:
        self.shown: list[UserError] = []

    def show_field_error(self, error: UserError) -> bool:
        self.shown.append(error)
        return error.field is not None


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.fixture
def pages(ui: UiContext, qtbot: QtBot) -> tuple[CountingPage, CountingPage]:
    made = CountingPage(ui), CountingPage(ui)
    for page in made:
        qtbot.addWidget(page)
        page.show()
        page.reloads = 0
    return made


def test_a_change_reloads_every_page_but_the_one_that_made_it(
    ui: UiContext, pages: tuple[CountingPage, CountingPage], qtbot: QtBot
) -> None:
    maker, other = pages
    done: list[Any] = []
    with qtbot.waitSignal(ui.hub.changed) as published:
        result = mutate(ui, maker, lambda app: (7, Changes.of(Area.DIARY)), on_done=done.append)
    assert result == (7, Changes.of(Area.DIARY)) and done == [result]
    assert published.args == [Changes.of(Area.DIARY), maker]
    assert (maker.reloads, other.reloads) == (0, 1)


def test_a_refusal_publishes_nothing_and_shows_at_the_field_or_in_a_box(
    ui: UiContext, pages: tuple[CountingPage, CountingPage], qtbot: QtBot
) -> None:
    maker, other = pages
    sink = Sink()

    def refuse(error: UserError) -> Any:
        def call(app: object) -> Changes:
            raise error

        return call

    already = _boxes()  # left open by earlier tests
    assert mutate(ui, maker, refuse(ValidationError("name", "Say a name.")), fields=sink) is None
    assert [e.message for e in sink.shown] == ["Say a name."] and _boxes() == already
    assert mutate(ui, maker, refuse(DiskFullError()), fields=sink, title="Could not save") is None
    [boxed] = [box for box in _boxes() if box not in already]
    assert boxed.windowTitle() == DiskFullError.title  # the error's own title wins
    assert "disk is full" in boxed.text()
    boxed.close()
    assert report(ui, None, UserError("Gone."), title="Could not save") is not None
    [plain] = [box for box in _boxes() if box not in already]
    assert plain.windowTitle() == "Could not save"
    plain.close()
    assert (maker.reloads, other.reloads) == (0, 0)


def test_in_the_background_the_call_runs_off_the_gui_thread_and_finishes_on_it(
    ui: UiContext, pages: tuple[CountingPage, CountingPage], qtbot: QtBot
) -> None:
    import threading

    maker, other = pages
    gui = threading.current_thread()
    ran_on: list[threading.Thread] = []
    done: list[tuple[Any, threading.Thread]] = []

    def slow(app: object) -> tuple[int, Changes]:
        ran_on.append(threading.current_thread())
        return 7, Changes.of(Area.DIARY)

    with qtbot.waitSignal(ui.hub.changed) as published:
        returned = mutate(
            ui,
            maker,
            slow,
            on_done=lambda result: done.append((result, threading.current_thread())),
            in_background=True,
        )
        assert returned is None  # at once: the result comes later
    assert ran_on and ran_on[0] is not gui
    assert done == [((7, Changes.of(Area.DIARY)), gui)]
    assert published.args == [Changes.of(Area.DIARY), maker]
    assert (maker.reloads, other.reloads) == (0, 1)


def test_in_the_background_a_refusal_is_shown_and_handed_back(
    ui: UiContext, pages: tuple[CountingPage, CountingPage], qtbot: QtBot
) -> None:
    maker, other = pages
    refused: list[UserError] = []
    sink = Sink()

    def refuse(app: object) -> Changes:
        raise ValidationError("name", "Say a name.")

    mutate(ui, maker, refuse, fields=sink, in_background=True, on_refused=refused.append)
    qtbot.waitUntil(lambda: bool(refused))
    assert [e.message for e in sink.shown] == ["Say a name."] == [e.message for e in refused]
    assert (maker.reloads, other.reloads) == (0, 0)


def test_a_bug_is_not_a_refusal(ui: UiContext) -> None:
    def broken(app: object) -> Changes:
        raise TypeError("a bug")

    with pytest.raises(TypeError):
        mutate(ui, None, broken)


def test_changes_are_found_in_what_services_return() -> None:
    diary = Changes.of(Area.DIARY)

    class Saved:
        changes = diary

    assert changes_in(diary) == diary
    assert changes_in(Saved()) == diary
    assert changes_in((1, Changes.of(Area.SESSIONS))) == Changes.of(Area.SESSIONS)
    assert changes_in(None) == Changes()


# --- real forms: a refusal from each layer ----------------------------------------------------


@pytest.fixture
def diary(ui: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DiaryPage:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = create_page(ui)
    assert isinstance(page, DiaryPage)
    qtbot.addWidget(page)
    page.show()
    return page


def _pain_dialog(qtbot: QtBot, page: DiaryPage) -> PainDialog:
    qtbot.mouseClick(page.pain_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PainDialog)
    qtbot.mouseClick(dialog.scale.button(5), Qt.MouseButton.LeftButton)
    return dialog


def test_saving_an_entry_reloads_the_diary_once(
    ui: UiContext, diary: DiaryPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads: list[int] = []
    original = diary.reload
    monkeypatch.setattr(diary, "reload", lambda: (reloads.append(1), original())[1])
    dialog = _pain_dialog(qtbot, diary)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(reloads) == 1
    assert [item.title for item in diary.model.items()] == ["Pain 5 of 10"]


def test_a_store_refusal_keeps_the_form_open_with_its_message(
    ui: UiContext, diary: DiaryPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(entry: object) -> object:
        raise DiskFullError()

    monkeypatch.setattr(ui.scope.diary, "add_pain", full)
    dialog = _pain_dialog(qtbot, diary)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "disk is full" in dialog.errors.general.text()
    assert dialog.errors.general.isVisibleTo(dialog)
    dialog.reject()


def test_a_services_refusal_for_a_vanished_entry_is_shown_in_the_form(
    ui: UiContext, diary: DiaryPage, qtbot: QtBot
) -> None:
    dialog = _pain_dialog(qtbot, diary)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    diary.table.selectRow(0)
    diary.edit_selected()
    editing = diary.dialog
    assert isinstance(editing, PainDialog)
    ui.scope.diary.delete_pain(diary.model.item(0).id)  # meanwhile, elsewhere
    qtbot.mouseClick(editing.save_button, Qt.MouseButton.LeftButton)
    assert editing.isVisible()
    assert MissingEntryError().message in editing.errors.general.text()
    editing.reject()


def test_an_exchange_refusal_of_a_picture_is_shown_at_the_picture(
    ui: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"this is not a picture")
    dialog = CustomExerciseDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Wall push")
    qtbot.keyClicks(dialog.summary, "Push away from the wall.")
    qtbot.keyClicks(dialog.steps, "Stand facing a wall.")
    dialog._new_image = fake  # as chosen in the file dialog, but changed on disk since
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_labels["image"].isVisibleTo(dialog)
    assert dialog.error_labels["image"].text()
    assert not any(e.custom for e in ui.app.exercises.all())
