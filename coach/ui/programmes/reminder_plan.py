"""A therapist's suggested reminder plan for the programme open in the builder.

Therapists get no reminders of their own, but a programme they send can suggest the hours a
patient is reminded in (waking window, days without reminders); the patient's copy proposes
them on import. The plan is not part of the programme's versions: it is kept per programme
(coach.services.reminders) and saved as soon as it is changed, so it is shown only for a
saved programme or template that can be edited.
"""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from coach.domain.errors import UserError
from coach.domain.profile import Role
from coach.domain.programme import WEEKDAYS, Programme
from coach.domain.reminders import DEFAULT_SLEEP, DEFAULT_WAKE, ReminderRules
from coach.ui.context import UiContext
from coach.ui.ops import mutate_for
from coach.ui.reminders.settings_section import chosen_time, time_edit
from coach.ui.widgets import label


class ReminderPlanFields(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self._uid = ""
        self._patient = ui.scope  # taken again for each programme shown
        self._loading = False
        self.suggest = QCheckBox("Suggest reminder hours to the patient")
        self.wake = time_edit(DEFAULT_WAKE)
        self.wake.setAccessibleName("Suggested reminders from")
        self.sleep = time_edit(DEFAULT_SLEEP)
        self.sleep.setAccessibleName("Suggested reminders until")
        self.days = [QCheckBox(day.title()) for day in WEEKDAYS]
        for box, day in zip(self.days, WEEKDAYS, strict=True):
            box.setAccessibleName(f"No suggested reminders on {day.title()}")
        self.error = label("", role="error")
        self.error.hide()

        hours = QHBoxLayout()
        hours.addWidget(label("Between", buddy=self.wake))
        hours.addWidget(self.wake)
        hours.addWidget(label("and", buddy=self.sleep))
        hours.addWidget(self.sleep)
        hours.addStretch(1)
        days = QGridLayout()
        days.addWidget(label("Not on", buddy=self.days[0]), 0, 0)
        for index, box in enumerate(self.days):  # two rows, to fit the largest text size
            days.addWidget(box, index // 4, 1 + index % 4)
        days.setColumnStretch(5, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.suggest)
        layout.addLayout(hours)
        layout.addLayout(days)
        layout.addWidget(self.error)
        layout.addWidget(
            label(
                "Sent with the programme file; the patient's Coach offers these hours when "
                "they import it.",
                role="muted",
            )
        )
        self.suggest.toggled.connect(self._edited)
        for edit in (self.wake, self.sleep):
            edit.editingFinished.connect(self._edited)
        for box in self.days:
            box.toggled.connect(self._edited)

    def show_for(self, value: Programme, editable: bool) -> bool:
        """Load the plan of `value`; False (and nothing to show) where no plan can be set."""
        profile = self.ui.app.profile.get()
        wanted = (
            editable
            and value.id is not None
            and bool(value.uid)
            and profile is not None
            and profile.role is Role.THERAPIST
        )
        self._uid = value.uid if wanted else ""
        if not wanted:
            return False
        self._patient = self.ui.scope  # the programme's patient: its edits go to them
        plan = self._patient.reminders.suggested_plan(value.uid)
        shown = plan or ReminderRules()
        self._loading = True
        try:
            self.suggest.setChecked(plan is not None)
            self.wake.setTime(QTime(shown.wake.hour, shown.wake.minute))
            self.sleep.setTime(QTime(shown.sleep.hour, shown.sleep.minute))
            for index, box in enumerate(self.days):
                box.setChecked(index in shown.quiet_days)
        finally:
            self._loading = False
        self._enable()
        self.error.hide()
        return True

    def _enable(self) -> None:
        for widget in (self.wake, self.sleep, *self.days):
            widget.setEnabled(self.suggest.isChecked())

    def _edited(self) -> None:
        self._enable()
        if self._loading or not self._uid:
            return
        self.error.hide()
        uid, suggest = self._uid, self.suggest.isChecked()
        wake, sleep = chosen_time(self.wake), chosen_time(self.sleep)
        quiet = frozenset(i for i, box in enumerate(self.days) if box.isChecked())
        mutate_for(
            self.ui,
            self._patient,
            self,
            lambda patient: patient.reminders.suggest_plan(
                uid, ReminderRules(wake, sleep, quiet) if suggest else None
            ),
            fields=self,
        )

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: the hours the wrong way round, shown under them."""
        self.error.setText(error.message)
        self.error.show()
        return True
