"""Settings ▸ Reminders: the choices are shown, saved through the dialog's Save, and hours the
wrong way round are refused under the hours, on the Reminders tab."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from coach.domain.reminders import ReminderRules
from coach.services.reminders import ReminderChoices
from coach.ui.context import UiContext
from coach.ui.settings_dialog import SettingsDialog


def open_dialog(qtbot: QtBot, ui: UiContext) -> SettingsDialog:
    dialog = SettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_choices_are_saved(qtbot: QtBot, ui: UiContext, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ui)
    section = dialog.reminders
    dialog.tabs.setCurrentWidget(section)
    assert section.on.isChecked() and section.sound.isChecked()
    assert (section.wake.time(), section.sleep.time()) == (QTime(8, 0), QTime(21, 0))
    section.grab().save(str(tmp_path / "reminder-settings.png"))
    section.wake.setTime(QTime(7, 30))
    section.sleep.setTime(QTime(22, 0))
    section.days[5].click()
    section.days[6].click()
    section.sound.click()
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert ui.scope.reminders.choices() == ReminderChoices(
        True, ReminderRules(time(7, 30), time(22), frozenset({5, 6})), False
    )


def test_switched_off_the_rest_is_greyed(qtbot: QtBot, ui: UiContext) -> None:
    dialog = open_dialog(qtbot, ui)
    section = dialog.reminders
    dialog.tabs.setCurrentWidget(section)
    section.on.click()
    assert not section.wake.isEnabled() and not section.days[0].isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert not ui.scope.reminders.choices().on


def test_hours_the_wrong_way_round_are_refused_on_the_reminders_tab(
    qtbot: QtBot, ui: UiContext
) -> None:
    dialog = open_dialog(qtbot, ui)
    section = dialog.reminders
    section.wake.setTime(QTime(22, 0))
    section.sleep.setTime(QTime(7, 0))
    assert dialog.tabs.currentIndex() == 0
    save(qtbot, dialog)
    assert dialog.tabs.currentWidget() is section
    assert section.error.isVisible()
    assert section.error.text() == "The waking time must be before bedtime."
    assert dialog.isVisible()
    assert ui.scope.reminders.choices().rules == ReminderRules()


def test_keep_running_and_start_at_login(qtbot: QtBot, ui: UiContext, tmp_path: Path) -> None:
    entry = tmp_path / "config" / "autostart" / "org.coachapp.Coach.desktop"  # see conftest
    dialog = open_dialog(qtbot, ui)
    section = dialog.reminders
    dialog.tabs.setCurrentWidget(section)
    assert not section.keep_running.isChecked() and not section.start_at_login.isChecked()
    section.keep_running.click()
    section.start_at_login.click()
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert ui.scope.reminders.choices().keep_running
    assert "--background" in entry.read_text()
    again = open_dialog(qtbot, ui)
    assert again.reminders.start_at_login.isChecked()
    again.reminders.start_at_login.click()
    with qtbot.waitSignal(again.accepted):
        save(qtbot, again)
    assert not entry.exists()


def test_a_start_at_login_entry_that_cannot_be_written_is_said_at_the_box(
    qtbot: QtBot, ui: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))
    dialog = open_dialog(qtbot, ui)
    dialog.reminders.start_at_login.click()
    save(qtbot, dialog)
    assert dialog.tabs.currentWidget() is dialog.reminders
    assert dialog.reminders.login_error.isVisible()
    assert dialog.reminders.login_error.text().startswith(
        "Coach could not change how it starts at login"
    )
    assert dialog.isVisible()


def test_quiet_hours(qtbot: QtBot, ui: UiContext) -> None:
    dialog = open_dialog(qtbot, ui)
    section = dialog.reminders
    assert not section.quiet_from.isEnabled()
    section.quiet.click()
    assert section.quiet_from.isEnabled()
    section.quiet_from.setTime(QTime(15, 0))
    section.quiet_to.setTime(QTime(13, 0))
    save(qtbot, dialog)
    assert section.quiet_error.isVisible()
    assert section.quiet_error.text() == "Quiet hours must start before they end."
    section.quiet_from.setTime(QTime(12, 30))
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    rules = ui.scope.reminders.choices().rules
    assert (rules.quiet_from, rules.quiet_to) == (time(12, 30), time(13, 0))
    again = open_dialog(qtbot, ui)
    assert again.reminders.quiet.isChecked()
    again.reminders.quiet.click()
    with qtbot.waitSignal(again.accepted):
        save(qtbot, again)
    assert ui.scope.reminders.choices().rules.quiet_from is None
