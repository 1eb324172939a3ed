"""The programme's own fields in the builder: name, goal, notes, author and dates.

`read` turns the fields into a Programme (items come from the item list); messages from the
domain's validation are shown under the field they name. A therapist also ticks which of the
ODI and NDI the patient is asked for at home; those are not part of the Programme (they are kept
by coach.services.questionnaires), so a tick is announced with `asked_changed` instead.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coach.domain.outcomes import Instrument
from coach.domain.programme import NAME_MAX, Author, Programme
from coach.exchange.questionnaire_file import INSTRUMENTS
from coach.ui.widgets import FlowLayout, label

DATE_FORMAT = "d MMM yyyy"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(name)
    return edit


class ProgrammeFields(QWidget):
    edited = Signal()
    asked_changed = Signal(object)  # the frozenset of Instruments now ticked

    def __init__(self, parent: QWidget | None = None, *, therapist: bool = False) -> None:
        super().__init__(parent)
        self._loading = False
        self._editable = True
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText("For example: Morning back exercises")
        self.name.setAccessibleName("Programme name")
        self.goal = QPlainTextEdit()
        self.goal.setPlaceholderText("What this programme is for, in the patient's words")
        self.goal.setAccessibleName("Goal")
        self.goal.setFixedHeight(64)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes for the patient (optional)")
        self.notes.setAccessibleName("Notes")
        self.notes.setFixedHeight(88)
        self.author_name = QLineEdit()
        self.author_name.setMaxLength(80)
        self.author_name.setAccessibleName("Therapist's name")
        self.clinic = QLineEdit()
        self.clinic.setMaxLength(120)
        self.clinic.setAccessibleName("Clinic")
        self.contact = QLineEdit()
        self.contact.setMaxLength(200)
        self.contact.setAccessibleName("Contact")
        self.start = _date_edit("Start date")
        self.has_review = QCheckBox("Review on")
        self.review = _date_edit("Review date")
        self.has_end = QCheckBox("Ends on")
        self.end = _date_edit("End date")
        # Only a therapist's copy asks: a patient's own programme has no paper form to hand out.
        self.ask: dict[Instrument, QCheckBox] = {}
        if therapist:
            for instrument in INSTRUMENTS:
                box = QCheckBox(f"Ask for the {instrument.value.upper()} at home")
                box.setToolTip(
                    "The patient's Coach then offers this questionnaire; give them the paper form."
                )
                box.toggled.connect(self._asked_toggled)
                self.ask[instrument] = box
        self.errors: dict[str, QLabel] = {}
        for field in ("name", "goal", "notes", "dates"):
            error = label("", role="error")
            error.hide()
            self.errors[field] = error

        # Labels beside their fields where the pane is wide, above them where it is narrow (a
        # large Text size), so no field runs off the side.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        for caption, editor, key in (
            ("Name", self.name, "name"),
            ("Goal", self.goal, "goal"),
            ("Notes", self.notes, "notes"),
            ("Therapist", self.author_name, None),
            ("Clinic", self.clinic, None),
            ("Contact", self.contact, None),
        ):
            form.addRow(label(caption, buddy=editor), editor)
            if key is not None:
                form.addRow("", self.errors[key])
        self.start_label = label("Starts on", buddy=self.start)
        starts = QHBoxLayout()
        starts.addWidget(self.start)
        starts.addStretch(1)
        form.addRow(self.start_label, starts)
        # The review and end dates side by side where there is room, one under the other where
        # there is not.
        later = FlowLayout(spacing=16)
        for box, edit in ((self.has_review, self.review), (self.has_end, self.end)):
            pair = QWidget()
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(box)
            pair_row.addWidget(edit)
            later.addWidget(pair)
        form.addRow("", later)
        form.addRow("", self.errors["dates"])
        if self.ask:
            asks = FlowLayout(spacing=16)
            for box in self.ask.values():
                asks.addWidget(box)
            form.addRow(label("Questionnaires"), asks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        for line in (self.name, self.author_name, self.clinic, self.contact):
            line.textChanged.connect(self._changed)
        for text in (self.goal, self.notes):
            text.textChanged.connect(self._changed)
        for edit in (self.start, self.review, self.end):
            edit.dateChanged.connect(self._changed)
        for box in (self.has_review, self.has_end):
            box.toggled.connect(self._changed)

    def _changed(self) -> None:
        self.review.setEnabled(self.has_review.isChecked() and self._editable)
        self.end.setEnabled(self.has_end.isChecked() and self._editable)
        if not self._loading:
            self.edited.emit()

    def load(self, value: Programme) -> None:
        self._loading = True
        try:
            self.name.setText(value.name)
            self.goal.setPlainText(value.goal)
            self.notes.setPlainText(value.notes)
            self.author_name.setText(value.author.name)
            self.clinic.setText(value.author.clinic)
            self.contact.setText(value.author.contact)
            for line in (self.name, self.author_name, self.clinic, self.contact):
                line.setCursorPosition(0)  # a long entry in a narrow field shows its start
            self.start.setDate(to_qdate(value.start_date))
            self.has_review.setChecked(value.review_date is not None)
            self.review.setDate(to_qdate(value.review_date or value.start_date))
            self.has_end.setChecked(value.end_date is not None)
            self.end.setDate(to_qdate(value.end_date or value.start_date))
            # A template has no dates of its own: they are set when a programme starts from it.
            for widget in (
                self.start_label,
                self.start,
                self.has_review,
                self.review,
                self.has_end,
                self.end,
            ):
                widget.setVisible(not value.is_template)
        finally:
            self._loading = False
        self._changed()
        self.show_error("", "")

    def load_asked(self, asked: frozenset[Instrument]) -> None:
        """Tick the questionnaires this programme asks for, without announcing a change."""
        self._loading = True
        try:
            for instrument, box in self.ask.items():
                box.setChecked(instrument in asked)
        finally:
            self._loading = False

    def asked(self) -> frozenset[Instrument]:
        return frozenset(i for i, box in self.ask.items() if box.isChecked())

    def _asked_toggled(self) -> None:
        if not self._loading:
            self.asked_changed.emit(self.asked())

    def read(self, base: Programme) -> Programme:
        """The base programme with these fields' values (its items are left as they are)."""
        return dataclasses.replace(
            base,
            name=self.name.text(),
            goal=self.goal.toPlainText(),
            notes=self.notes.toPlainText(),
            author=Author(self.author_name.text(), self.clinic.text(), self.contact.text()),
            start_date=base.start_date if base.is_template else from_qdate(self.start.date()),
            review_date=from_qdate(self.review.date())
            if self.has_review.isChecked() and not base.is_template
            else None,
            end_date=from_qdate(self.end.date())
            if self.has_end.isChecked() and not base.is_template
            else None,
        )

    def show_error(self, field: str, message: str) -> bool:
        """Show `message` under `field` (clearing the others); False if the field is not here."""
        target = "dates" if field in ("start_date", "review_date", "end_date") else field
        for name, widget in self.errors.items():
            widget.setText(message if name == target else "")
            widget.setVisible(name == target and bool(message))
        return target in self.errors

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for widget in (
            self.name,
            self.goal,
            self.notes,
            self.author_name,
            self.clinic,
            self.contact,
        ):
            widget.setReadOnly(not editable)
        for control in (self.start, self.has_review, self.has_end, *self.ask.values()):
            control.setEnabled(editable)
        self.review.setEnabled(editable and self.has_review.isChecked())
        self.end.setEnabled(editable and self.has_end.isChecked())
