"""Settings ▸ Reminders: on or off, waking hours, quiet days and hours, sound, running in the
background and starting at login.

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
QUIET_FIELD = "reminders.quiet_from"
LOGIN_FIELD = "app.start_at_login"
DEFAULT_QUIET = (time(12, 0), time(14, 0))  # offered when quiet hours are first ticked
# Shown by the desktop when a Flatpak's background portal asks the user (autostart.py).
LOGIN_REASON = "Coach starts when you log in, so your exercise reminders come."


def time_edit(value: time) -> QTimeEdit:
    """A 24-hour clock time field (also the builder's suggested reminder hours)."""
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def chosen_time(edit: QTimeEdit) -> time:
    chosen = edit.time()
    return time(chosen.hour(), chosen.minute())


class ReminderSection(QWidget):
    def __init__(self, choices: ReminderChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on = QCheckBox("Remind me when it is time for my exercises")
        self.on.setChecked(choices.on)
        self.wake = time_edit(choices.rules.wake)
        self.wake.setAccessibleName("Reminders from")
        self.sleep = time_edit(choices.rules.sleep)
        self.sleep.setAccessibleName("Reminders until")
        self.days: list[QCheckBox] = []
        for index, day in enumerate(WEEKDAYS):
            box = QCheckBox(day.title())
            box.setChecked(index in choices.rules.quiet_days)
            box.setAccessibleName(f"No reminders on {day.title()}")
            self.days.append(box)
        rules = choices.rules
        self.quiet = QCheckBox("From")
        self.quiet.setAccessibleName("Quiet hours")
        self.quiet.setChecked(rules.quiet_from is not None)
        self.quiet_from = time_edit(rules.quiet_from or DEFAULT_QUIET[0])
        self.quiet_from.setAccessibleName("Quiet from")
        self.quiet_to = time_edit(rules.quiet_to or DEFAULT_QUIET[1])
        self.quiet_to.setAccessibleName("Quiet until")
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
        self.quiet_error = label("", role="error")
        self.quiet_error.hide()
        self.errors: dict[str, QLabel] = {
            WAKE_FIELD: self.error,
            QUIET_FIELD: self.quiet_error,
            LOGIN_FIELD: self.login_error,
        }

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
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet)
        quiet.addWidget(self.quiet_from)
        quiet.addWidget(label("to", buddy=self.quiet_to))
        quiet.addWidget(self.quiet_to)
        quiet.addStretch(1)
        quiet_column = QVBoxLayout()
        quiet_column.addLayout(quiet)
        quiet_column.addWidget(self.quiet_error)
        form = QFormLayout()
        form.addRow(self.on)
        form.addRow(label("Between", buddy=self.wake), hours_column)
        form.addRow(label("Not on", buddy=self.days[0]), days)
        form.addRow(label("Quiet hours", buddy=self.quiet), quiet_column)
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
        self.quiet.toggled.connect(lambda _on: self._enable(self.on.isChecked()))
        self._enable(choices.on)

    def _enable(self, on: bool) -> None:
        for widget in (
            self.wake,
            self.sleep,
            self.sound,
            self.keep_running,
            self.quiet,
            *self.days,
        ):
            widget.setEnabled(on)
        for edit in (self.quiet_from, self.quiet_to):
            edit.setEnabled(on and self.quiet.isChecked())

    def chosen(self) -> ReminderChoices:
        """What the section shows, checked: ValidationError naming the field when the hours
        are the wrong way round."""
        quiet = self.quiet.isChecked()
        rules = ReminderRules(
            chosen_time(self.wake),
            chosen_time(self.sleep),
            frozenset(i for i, box in enumerate(self.days) if box.isChecked()),
            chosen_time(self.quiet_from) if quiet else None,
            chosen_time(self.quiet_to) if quiet else None,
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
                autostart.enable(reason=LOGIN_REASON)
            else:
                autostart.disable(reason=LOGIN_REASON)
        except OSError as exc:
            raise UserError(
                f"Coach could not change how it starts at login: {exc.strerror or exc}",
                field=LOGIN_FIELD,
            ) from exc
