"""Running in the background: off by default, closing the window then only hides it; the tray
icon (where the desktop has a tray) shows the next reminder and offers the banner's actions;
without a tray the patient is told once how to get Coach back."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from coach.services.reminders import ReminderChoices
from coach.services.settings import KEEP_RUNNING, NO_TRAY_EXPLAINED
from coach.ui.context import UiContext
from coach.ui.main_window import MainWindow
from coach.ui.pages.today import TodayPage
from coach.ui.reminders import background, tray


class FakeBox:
    """Stands in for QMessageBox: records what would have been shown."""

    Icon = QMessageBox.Icon
    shown: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, _icon: object, title: str, text: str) -> None:
        self.title, self.text = title, text

    def open(self) -> None:
        FakeBox.shown.append((self.title, self.text))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    FakeBox.shown = []
    monkeypatch.setattr(background, "QMessageBox", FakeBox)
    return FakeBox.shown


@pytest.fixture
def window(back_routine: int, main_window: MainWindow) -> MainWindow:
    main_window.reminders.refresh()
    return main_window


def test_by_default_closing_the_window_closes_coach(window: MainWindow) -> None:
    assert window.close()
    assert not window.isVisible()


def test_kept_running_without_a_tray_it_says_once_how_to_come_back(
    window: MainWindow, ui: UiContext, boxes: list[tuple[str, str]]
) -> None:
    assert window.background.tray is None  # the test platform has no tray host
    ui.app.settings.set(KEEP_RUNNING, True)
    assert not window.close()  # refused: hidden instead
    assert window.isHidden()
    assert not QApplication.quitOnLastWindowClosed()  # closing a player would not end Coach
    [(title, text)] = boxes
    assert title == "Coach keeps running"
    assert "applications menu" in text and "File ▸ Quit" in text
    assert ui.app.settings.get(NO_TRAY_EXPLAINED)
    window.reminders.show_window()  # what a second launch or "Start now" does
    assert window.isVisible()
    assert not window.close()
    assert len(boxes) == 1  # once
    window.quit_coach()
    assert not window.isVisible()
    assert QApplication.quitOnLastWindowClosed()


# The offscreen platform has no tray plumbing; told there is a tray host, Qt says so once.
NO_TRAY_PLUMBING = pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTray")


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tray.QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


@NO_TRAY_PLUMBING
@pytest.mark.usefixtures("with_tray")
def test_the_tray_shows_what_is_due_and_offers_the_actions(
    window: MainWindow, ui: UiContext, boxes: list[tuple[str, str]], tmp_path: Path
) -> None:
    icon = window.background.tray
    assert icon is not None
    assert icon.icon.toolTip() == "Time for your exercises: Back routine: session 1 of 3 today."
    icon.menu.grab().save(str(tmp_path / "tray-menu.png"))
    labels = [a.text() for a in icon.menu.actions() if not a.isSeparator()]
    assert labels == ["Open Coach", "Start now", "Snooze", "Quit Coach"]
    [snooze_quarter, *_rest] = icon.snooze_menu.actions()
    snooze_quarter.trigger()
    assert icon.icon.toolTip() == "Next reminder at 15:45: Back routine: session 1 of 3 today."
    assert not icon.start_menu.isEnabled()

    ui.app.settings.set(KEEP_RUNNING, True)
    assert not window.close()
    assert boxes == []  # the tray icon is the way back: nothing to explain
    [start] = [a for a in icon.menu.actions() if a.text() == "Open Coach"]
    start.trigger()
    assert window.isVisible()


@NO_TRAY_PLUMBING
@pytest.mark.usefixtures("with_tray")
def test_start_now_and_quit_from_the_tray(window: MainWindow, ui: UiContext) -> None:
    icon = window.background.tray
    assert icon is not None
    [back] = icon.start_menu.actions()
    assert back.text() == "Back routine"
    back.trigger()
    today = window.page("today")
    assert isinstance(today, TodayPage)
    assert today.player is not None and today.player.isVisible()
    today.player.close()
    ui.app.settings.set(KEEP_RUNNING, True)
    [quit_action] = [a for a in icon.menu.actions() if a.text() == "Quit Coach"]
    quit_action.trigger()
    assert not window.isVisible()
    assert window.background.tray is None


def test_with_reminders_off_closing_closes_even_if_kept_running(
    window: MainWindow, ui: UiContext
) -> None:
    choices = ui.scope.reminders.choices()
    ui.scope.reminders.configure(ReminderChoices(False, choices.rules, choices.sound, True))
    assert window.close()
