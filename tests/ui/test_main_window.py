"""The main window and first-run welcome, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from coach.domain.profile import Role
from coach.services.changes import Area, Changes
from coach.services.context import AppContext
from coach.services.settings import LAST_PAGE, PAPER_SIZE, TEXT_SCALE, WINDOW_GEOMETRY
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages import PAGES
from coach.ui.pages.base import Page
from coach.ui.tasks import TaskRunner


def _window(qtbot: QtBot, ui: UiContext) -> MainWindow:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    return window


def test_window_starts_on_today_with_every_page_in_navigation(qtbot: QtBot, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    assert window.navigation.count() == len(PAGES)
    assert window.stack.currentWidget() is window.page("today")
    today = window.page("today")
    assert "Robin" in today.greeting_label.text()
    assert "March 2026" in today.date_label.text()  # the test clock's date, not the real one


def test_registry_agrees_with_each_page_and_pages_are_built_when_opened(
    qtbot: QtBot, ui: UiContext
) -> None:
    window = _window(qtbot, ui)
    assert window.stack.currentWidget() is window.page("today")
    for index, spec in enumerate(PAGES):
        window.show_page(index)
        page = window.stack.currentWidget()
        assert isinstance(page, Page)
        assert (page.key, page.title) == (spec.key, spec.title)
        assert window.navigation.item(index).text() == spec.title


def test_keyboard_shortcuts_switch_pages(qtbot: QtBot, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    if window.navigation.count() < 2:
        return
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0


def test_geometry_and_last_page_are_kept(qtbot: QtBot, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    window.resize(790, 580)
    window.show_page(window.navigation.count() - 1)
    window.close()
    settings = ui.app.settings
    assert settings.get(WINDOW_GEOMETRY)
    assert settings.get(LAST_PAGE) == PAGES[-1].key
    again = _window(qtbot, ui)
    assert again.size().width() == 790
    assert again.stack.currentIndex() == window.navigation.count() - 1


def test_pages_refresh_only_for_their_own_changes(qtbot: QtBot, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    today = window.page("today")
    ui.app.profile.update(name="Robin Q", role=Role.PATIENT, timezone="UTC")
    ui.apply(Changes.of(Area.SETTINGS))
    assert "Robin Q" not in today.greeting_label.text()
    ui.apply(Changes.of(Area.PROFILE))
    assert "Robin Q" in today.greeting_label.text()


def test_welcome_refuses_until_name_and_notice_then_saves(
    qtbot: QtBot, context: AppContext
) -> None:
    from coach.ui.welcome import WelcomeDialog

    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    dialog = WelcomeDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    start = dialog.start
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert dialog.name_error.isVisible()
    assert "enter a name" in dialog.name_error.text()
    assert not context.profile.is_set_up

    qtbot.keyClicks(dialog.name, "  Jo   Smith ")
    qtbot.mouseClick(dialog.therapist, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert dialog.confirm_error.isVisible()
    assert not context.profile.is_set_up

    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(ui.hub.changed), qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    profile = context.profile.get()
    assert profile is not None
    assert (profile.name, profile.role) == ("Jo Smith", Role.THERAPIST)


def test_settings_dialog_validates_at_the_field_and_saves(qtbot: QtBot, ui: UiContext) -> None:
    from coach.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.name.clear()
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.errors["name"].isVisible()
    assert ui.app.profile.get().name == "Robin"  # type: ignore[union-attr]

    qtbot.keyClicks(dialog.name, "Robin B")
    dialog.timezone.setCurrentText("Europe/Berlin")
    qtbot.keyClicks(dialog.clinic, "Riverside Physio")
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(1.25))
    assert dialog.paper.currentText() == "Automatic (from your region)"
    dialog.paper.setFocus()
    qtbot.keyClicks(dialog.paper, "Letter")
    assert dialog.paper.currentData() == "letter"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    profile = ui.app.profile.get()
    assert profile is not None
    assert (profile.name, profile.timezone, profile.clinic) == (
        "Robin B",
        "Europe/Berlin",
        "Riverside Physio",
    )
    assert ui.app.settings.get(TEXT_SCALE) == 1.25
    assert ui.app.settings.get(PAPER_SIZE) == "letter"


def test_settings_dialog_rejects_an_unknown_time_zone(qtbot: QtBot, ui: UiContext) -> None:
    from coach.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.timezone.setCurrentText("Mars/Olympus_Mons")
    dialog.save()
    assert dialog.errors["timezone"].isVisible()
    assert ui.app.profile.timezone_name() == "UTC"


def test_background_task_results_arrive_on_the_gui_thread(qtbot: QtBot, ui: UiContext) -> None:
    import threading

    seen: list[tuple[object, bool]] = []
    main = threading.get_ident()

    def work() -> int:
        return threading.get_ident()

    with qtbot.waitSignal(ui.tasks.idle, timeout=5000):
        ui.tasks.run(work, lambda worker: seen.append((worker, threading.get_ident() == main)))
    assert len(seen) == 1
    worker_thread, on_gui_thread = seen[0]
    assert worker_thread != main
    assert on_gui_thread


def test_background_task_errors_reach_the_error_callback(qtbot: QtBot, ui: UiContext) -> None:
    errors: list[Exception] = []

    def fail() -> None:
        raise OSError("disk on fire")

    with qtbot.waitSignal(ui.tasks.idle, timeout=5000):
        ui.tasks.run(fail, on_error=errors.append)
    assert [str(e) for e in errors] == ["disk on fire"]


def test_back_up_now_from_the_file_menu(qtbot: QtBot, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Back up now"
    )
    with qtbot.waitSignal(ui.tasks.idle, timeout=10000):
        action.trigger()
    assert len(ui.app.backups.list()) == 1
    assert "Backup saved" in window.statusBar().currentMessage()


def test_add_to_programme_from_the_exercises_page_before_programmes_was_opened(
    qtbot: QtBot, ui: UiContext
) -> None:
    from coach.ui.pages.library import LibraryPage
    from coach.ui.pages.programmes import ProgrammesPage

    window = _window(qtbot, ui)
    qtbot.waitUntil(window.isActiveWindow)
    library_row = next(i for i, spec in enumerate(PAGES) if spec.key == "library")
    qtbot.mouseClick(
        window.navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.navigation.visualItemRect(window.navigation.item(library_row)).center(),
    )
    library = window.stack.currentWidget()
    assert isinstance(library, LibraryPage)
    qtbot.waitUntil(lambda: library.model.rowCount() > 0, timeout=10_000)
    qtbot.keyClicks(library.filters.search, "bridge")
    qtbot.keyClick(library.filters.search, Qt.Key.Key_Down)
    qtbot.keyClick(library.grid, Qt.Key.Key_Return)
    assert library.stack.currentWidget() is library.detail
    wanted = library.model.exercise(library.grid.currentIndex().row())
    add = library.detail.add_button
    assert add.isVisible()  # offered although the Programmes page was never opened
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)

    assert window.current_key() == "programmes"
    programmes = window.stack.currentWidget()
    assert isinstance(programmes, ProgrammesPage)
    assert programmes.editor.editable
    assert programmes.editor.items.items()[-1].exercise_id == wanted.id
    assert programmes.editor.status.text() == f"Added “{wanted.name}”."
    qtbot.waitUntil(lambda: programmes.ready, timeout=10_000)
    assert [item.exercise_id for item in programmes.editor.items.items()] == [wanted.id]
