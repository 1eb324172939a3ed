"""Settings ▸ Reminders: on or off, waking hours, quiet days, sound, running in the background
and starting at login.

A tab of its own that the Settings dialog places and saves (settings_dialog.py), so the dialog
only gains a few lines and does not grow taller than a laptop's screen. The waking hours are
checked together with the rest of the rules (coach.domain.reminders.ReminderRules), and a
refusal is shown under the hours.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.programme import WEEKDAYS
from coach.domain.reminders import ReminderRules
from coach.services import autostart
from coach.services.reminders import ReminderChoices
from coach.ui.widgets import label

WAKE_FIELD = "reminders.wake"
LOGIN_FIELD = "app.start_at_login"


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def _time(edit: QTimeEdit) -> time:
    chosen = edit.time()
    return time(chosen.hour(), chosen.minute())


class ReminderSection(QWidget):
    def __init__(self, choices: ReminderChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = choices.rules
        self.on = QCheckBox("Remind me when it is time for my exercises")
        self.on.setChecked(choices.on)
        self.wake = _time_edit(choices.rules.wake)
        self.wake.setAccessibleName("Reminders from")
        self.sleep = _time_edit(choices.rules.sleep)
        self.sleep.setAccessibleName("Reminders until")
        self.days: list[QCheckBox] = []
        for index, day in enumerate(WEEKDAYS):
            box = QCheckBox(day.title())
            box.setChecked(index in choices.rules.quiet_days)
            box.setAccessibleName(f"No reminders on {day.title()}")
            self.days.append(box)
        self.sound = QCheckBox("Play a sound with each reminder")
        self.sound.setChecked(choices.sound)
        self.keep_running = QCheckBox("Keep running when I close the window")
        self.keep_running.setChecked(choices.keep_running)
        self.start_at_login = QCheckBox("Start Coach when I log in")
        self.start_at_login.setChecked(autostart.is_enabled())
        self.start_at_login.setVisible(autostart.supported())
        self.error = label("", role="error")
        self.error.hide()
        self.login_error = label("", role="error")
        self.login_error.hide()
        self.errors: dict[str, QLabel] = {WAKE_FIELD: self.error, LOGIN_FIELD: self.login_error}

        hours = QHBoxLayout()
        hours.addWidget(self.wake)
        hours.addWidget(label("to", buddy=self.sleep))
        hours.addWidget(self.sleep)
        hours.addStretch(1)
        hours_column = QVBoxLayout()
        hours_column.addLayout(hours)
        hours_column.addWidget(self.error)
        # Two rows (Monday to Thursday, then the weekend's end of the week), so the days fit
        # the dialog's width at the largest text size.
        days = QGridLayout()
        for index, box in enumerate(self.days):
            days.addWidget(box, index // 4, index % 4)
        days.setColumnStretch(4, 1)
        form = QFormLayout()
        form.addRow(self.on)
        form.addRow(label("Between", buddy=self.wake), hours_column)
        form.addRow(label("Not on", buddy=self.days[0]), days)
        form.addRow(self.sound)
        form.addRow(self.keep_running)
        form.addRow(self.start_at_login)
        form.addRow(self.login_error)
        form.addRow(
            label(
                "Reminders are shown at the top of Coach's window and as desktop "
                "notifications while Coach is running. Keep it running to have them with "
                "the window closed.",
                role="muted",
            )
        )
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addStretch(1)
        self.on.toggled.connect(self._enable)
        self._enable(choices.on)

    def _enable(self, on: bool) -> None:
        for widget in (self.wake, self.sleep, self.sound, self.keep_running, *self.days):
            widget.setEnabled(on)

    def chosen(self) -> ReminderChoices:
        """What the section shows, checked: ValidationError (field "reminders.wake") when the
        hours are the wrong way round. Quiet hours set elsewhere are kept."""
        rules = ReminderRules(
            _time(self.wake),
            _time(self.sleep),
            frozenset(i for i, box in enumerate(self.days) if box.isChecked()),
            self._rules.quiet_from,
            self._rules.quiet_to,
        )
        return ReminderChoices(
            self.on.isChecked(), rules, self.sound.isChecked(), self.keep_running.isChecked()
        )

    def apply_start_at_login(self) -> None:
        """Write or remove the start-at-login entry (coach.services.autostart) as ticked."""
        wanted = self.start_at_login.isChecked()
        if wanted == autostart.is_enabled():
            return
        try:
            if wanted:
                autostart.enable()
            else:
                autostart.disable()
        except OSError as exc:
            raise UserError(
                f"Coach could not change how it starts at login: {exc.strerror or exc}",
                field=LOGIN_FIELD,
            ) from exc
