"""The evening check-in: worst and usual pain today, last night's sleep, today's activity."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDateEdit, QPlainTextEdit, QWidget

from coach.domain.diary import CheckIn
from coach.domain.profile import ValidationError
from coach.services.diary import Saved
from coach.ui.context import UiContext
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.moments import from_qdate, to_qdate
from coach.ui.diary.scale import ScalePicker
from coach.ui.style import scaled
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.services.context import PatientContext

SLEEP_ANCHORS = ((0, "Very badly"), (10, "Very well"))
ACTIVITY_ANCHORS = ((0, "Rested all day"), (5, "Some activity"), (10, "Very active"))


class CheckInDialog(EntryDialog):
    def __init__(
        self,
        ui: UiContext,
        entry: CheckIn | None = None,
        parent: QWidget | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(ui, "Edit check-in" if entry else "Daily check-in", parent)
        self.entry = entry
        self.day = QDateEdit(to_qdate(entry.day if entry else day or self.patient.diary.today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setMinimumHeight(36)
        self.body.addWidget(label("Which day", role="subheading", buddy=self.day))
        self.body.addWidget(self.day)
        self.body.addWidget(self.errors.add("day", self.day))

        self.worst = ScalePicker("Worst pain")
        self.typical = ScalePicker("Usual pain")
        self.sleep = ScalePicker("Sleep", SLEEP_ANCHORS)
        self.activity = ScalePicker("Activity", ACTIVITY_ANCHORS)
        for title, picker, field in (
            ("Worst pain today", self.worst, "worst_pain"),
            ("Usual pain today", self.typical, "typical_pain"),
            ("How did you sleep last night? (optional)", self.sleep, "sleep_quality"),
            ("How active were you today? (optional)", self.activity, "activity_level"),
        ):
            self.body.addWidget(label(title, role="subheading"))
            self.body.addWidget(picker)
            self.body.addWidget(self.errors.add(field, picker))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(scaled(70))
        self.body.addWidget(label("Note (optional)", buddy=self.note))
        self.body.addWidget(self.note)
        self.body.addWidget(self.errors.add("note", self.note))
        self.body.addStretch(1)
        if entry is not None:
            self.worst.setValue(entry.worst_pain)
            self.typical.setValue(entry.typical_pain)
            self.sleep.setValue(entry.sleep_quality)
            self.activity.setValue(entry.activity_level)
            self.note.setPlainText(entry.note)
        self.set_default_size(640, 820)

    def build(self) -> CheckIn:
        worst, typical = self.worst.value(), self.typical.value()
        if worst is None:
            raise ValidationError("worst_pain", "Please tap your worst pain today.")
        if typical is None:
            raise ValidationError("typical_pain", "Please tap your usual pain today.")
        return CheckIn(
            day=from_qdate(self.day.date()),
            worst_pain=worst,
            typical_pain=typical,
            sleep_quality=self.sleep.value(),
            activity_level=self.activity.value(),
            note=self.note.toPlainText(),
        )

    def persist(self, patient: PatientContext) -> Saved[CheckIn]:
        entry = self.build()
        if self.entry is not None:
            return patient.diary.update_checkin(self.entry.id, entry)
        return patient.diary.add_checkin(entry)
