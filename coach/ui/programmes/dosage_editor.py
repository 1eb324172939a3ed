"""The dosage editor for one programme item: numbers, sides, schedule, weekly progression, note.

The spin boxes accept more than is sensible on purpose: the domain (coach.domain.dosage.NUMBERS
and the programme rules) decides what is allowed, and its message appears under the field the
moment a value leaves the range, instead of the box silently refusing the keystroke. Only a
complete, valid item is handed on (`item_changed`); while anything is wrong `valid_changed(False)`
tells the page to hold back Save.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.domain.dosage import (
    RANGES,
    SCHEDULE_FIELD,
    SESSION_FIELDS,
    WHOLE_NUMBERS,
    Dosage,
)
from coach.domain.profile import ValidationError
from coach.domain.programme import NOTE_MAX, ProgrammeItem, Progressable, Progression
from coach.domain.sides import Sides
from coach.services.programme_words import DAY_NAMES
from coach.ui.widgets import FlowLayout
from coach.ui.widgets import label as make_label

# The per-session numbers in the domain's order: how much, then how long, then the tempo, then
# how often in a day. Days a week is the schedule's business (the day boxes below).
NUMBERS = tuple(RANGES[name] for name in SESSION_FIELDS if name in RANGES)
SIDES = {
    Sides.NONE: "No sides (both at once)",
    Sides.BOTH: "Each side, one after the other",
    Sides.ALTERNATE: "Left and right in turn",
    Sides.LEFT: "Left side only",
    Sides.RIGHT: "Right side only",
}
PROGRESSABLE = {
    Progressable.HOLD_S: "Hold (seconds)",
    Progressable.REPS: "Repetitions",
    Progressable.SETS: "Sets",
}


def _error_label() -> QLabel:
    widget = make_label("", role="error")
    widget.hide()
    return widget


def _piece(name: QLabel, box: QWidget, error: QLabel) -> QWidget:
    """A number's label and box on one line, its error message under them."""
    name.setWordWrap(False)
    piece = QWidget()
    grid = QGridLayout(piece)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(4)
    grid.addWidget(name, 0, 0)
    grid.addWidget(box, 0, 1)
    grid.addWidget(error, 1, 0, 1, 2)
    return piece


class DosageEditor(QWidget):
    item_changed = Signal(object)  # a valid ProgrammeItem
    valid_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: ProgrammeItem | None = None
        self._loading = False
        self._valid = True
        self.heading = make_label("", role="subheading")
        self.numbers: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.errors: dict[str, QLabel] = {}

        # Each number with its label as one piece, the pieces flowing two or three to a line
        # where the pane is wide and one under the other where it is narrow (a large Text size).
        numbers = FlowLayout(spacing=16)
        for number in NUMBERS:
            name = number.name
            box: QSpinBox | QDoubleSpinBox
            if number.whole:
                box = QSpinBox()
                box.setRange(0, 999)
                box.setSingleStep(int(number.step))
            else:
                box = QDoubleSpinBox()
                box.setDecimals(1)
                box.setRange(0, 9999)
                box.setSingleStep(number.step)
                box.setSuffix(" s")
            box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            box.setKeyboardTracking(True)
            box.setAccessibleName(number.label)
            box.setMinimumWidth(96)
            box.setMaximumWidth(140)
            box.setToolTip(f"{number.low:g} to {number.high:g} {number.unit}")
            box.valueChanged.connect(self._edited)
            self.numbers[name] = box
            self.errors[name] = _error_label()
            numbers.addWidget(_piece(make_label(number.label, buddy=box), box, self.errors[name]))

        self.sides = QComboBox()
        self.sides.setAccessibleName("Sides")
        for value, words in SIDES.items():
            self.sides.addItem(words, value)
        self.sides.currentIndexChanged.connect(self._edited)
        sides_row = FlowLayout()
        sides_row.addWidget(make_label("Sides", buddy=self.sides))
        sides_row.addWidget(self.sides)

        self.fixed_days = QRadioButton("On these days")
        self.any_days = QRadioButton("Any days,")
        schedule_group = QButtonGroup(self)
        schedule_group.addButton(self.fixed_days)
        schedule_group.addButton(self.any_days)
        self.day_boxes = [QCheckBox(name) for name in DAY_NAMES]
        days_row = FlowLayout()
        days_row.setContentsMargins(24, 0, 0, 0)
        for day_box in self.day_boxes:
            day_box.toggled.connect(self._edited)
            days_row.addWidget(day_box)
        self.per_week = QSpinBox()
        self.per_week.setRange(0, 99)
        self.per_week.setSuffix(" a week")
        self.per_week.setAccessibleName("Days a week")
        self.per_week.valueChanged.connect(self._edited)
        any_row = QHBoxLayout()
        any_row.addWidget(self.any_days)
        any_row.addWidget(self.per_week)
        any_row.addStretch(1)
        self.fixed_days.toggled.connect(self._edited)
        self.errors["days"] = _error_label()

        self.progress = QCheckBox("Increase each week")
        self.progress_field = QComboBox()
        self.progress_field.setAccessibleName("What increases")
        for field, words in PROGRESSABLE.items():
            self.progress_field.addItem(words, field)
        self.progress_step = QDoubleSpinBox()
        self.progress_step.setDecimals(1)
        self.progress_step.setRange(0, 999)
        self.progress_step.setPrefix("by ")
        self.progress_step.setAccessibleName("Weekly increase")
        self.progress_limit = QDoubleSpinBox()
        self.progress_limit.setDecimals(1)
        self.progress_limit.setRange(0, 9999)
        self.progress_limit.setPrefix("up to ")
        self.progress_limit.setAccessibleName("Progression limit")
        for widget in (self.progress_step, self.progress_limit):
            widget.valueChanged.connect(self._edited)
        self.progress.toggled.connect(self._edited)
        self.progress_field.currentIndexChanged.connect(self._edited)
        progress_row = FlowLayout()
        progress_row.setContentsMargins(24, 0, 0, 0)
        progress_row.addWidget(self.progress_field)
        progress_row.addWidget(self.progress_step)
        progress_row.addWidget(self.progress_limit)
        self.errors["progression"] = _error_label()

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("A note for the patient (optional)")
        self.note.setAccessibleName("Note for the patient")
        self.note.setFixedHeight(64)
        self.note.textChanged.connect(self._edited)
        self.errors["note"] = _error_label()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(numbers)
        layout.addLayout(sides_row)
        layout.addWidget(make_label("How often", role="muted"))
        layout.addWidget(self.fixed_days)
        layout.addLayout(days_row)
        layout.addLayout(any_row)
        layout.addWidget(self.errors["days"])
        layout.addWidget(self.progress)
        layout.addLayout(progress_row)
        layout.addWidget(self.errors["progression"])
        layout.addWidget(self.note)
        layout.addWidget(self.errors["note"])
        self.set_item(None, "")

    # --- loading -------------------------------------------------------------------------------

    def set_item(self, item: ProgrammeItem | None, name: str) -> None:
        """Show an item for editing (None: nothing selected, the editor is disabled)."""
        self._loading = True
        try:
            self._item = item
            self.setEnabled(item is not None)
            self.heading.setText(name if item else "Select an exercise to change its dosage")
            shown = item or ProgrammeItem("none", Dosage())
            dosage = shown.dosage
            for name_of, box in self.numbers.items():
                box.setValue(getattr(dosage, name_of))
            self.sides.setCurrentIndex(list(SIDES).index(dosage.sides))
            flexible = shown.days is None
            self.any_days.setChecked(flexible)
            self.fixed_days.setChecked(not flexible)
            for day, day_box in enumerate(self.day_boxes):
                day_box.setChecked(shown.days is not None and day in shown.days)
            self.per_week.setValue(shown.days_per_week())
            progression = shown.progression
            self.progress.setChecked(progression is not None)
            if progression is not None:
                self.progress_field.setCurrentIndex(list(PROGRESSABLE).index(progression.field))
                self.progress_step.setValue(progression.step)
                self.progress_limit.setValue(progression.limit)
            else:
                self.progress_field.setCurrentIndex(0)
                self.progress_step.setValue(1)
                self.progress_limit.setValue(max(10.0, dosage.hold_s + 5))
            self.note.setPlainText(shown.note)
        finally:
            self._loading = False
        self._show_errors({})
        self._sync_enabled()
        self._set_valid(True)

    # --- editing -------------------------------------------------------------------------------

    def _sync_enabled(self) -> None:
        fixed = self.fixed_days.isChecked()
        for box in self.day_boxes:
            box.setEnabled(fixed)
        self.per_week.setEnabled(not fixed)
        progressing = self.progress.isChecked()
        for widget in (self.progress_field, self.progress_step, self.progress_limit):
            widget.setEnabled(progressing)
        hold = self.progress_field.currentData() == Progressable.HOLD_S.value
        self.progress_step.setSuffix(" s" if hold else "")
        self.progress_limit.setSuffix(" s" if hold else "")

    def _edited(self) -> None:
        if self._loading or self._item is None:
            return
        self._sync_enabled()
        item, problems = self.read()
        self._show_errors(problems)
        if item is not None:
            self._item = item
            self.item_changed.emit(item)
        self._set_valid(item is not None)

    def read(self) -> tuple[ProgrammeItem | None, dict[str, str]]:
        """The item the fields describe, or None and a message for each field that is wrong."""
        assert self._item is not None
        problems: dict[str, str] = {}
        # Combo data comes back from Qt as plain text, so the enums are rebuilt from it.
        values: dict[str, object] = {"sides": Sides(self.sides.currentData())}
        for name, box in self.numbers.items():
            value = box.value()
            values[name] = int(value) if name in WHOLE_NUMBERS else float(value)
        fixed = self.fixed_days.isChecked()
        days = frozenset(d for d, box in enumerate(self.day_boxes) if box.isChecked())
        values["days_per_week"] = len(days) if fixed and days else self.per_week.value()
        if fixed and not days:
            problems["days"] = "Choose at least one day of the week."
            values["days_per_week"] = 7
        dosage: Dosage | None = None
        while dosage is None:
            try:
                dosage = Dosage(**values)  # type: ignore[arg-type]
            except ValidationError as exc:
                problems["days" if exc.field == SCHEDULE_FIELD else exc.field] = exc.message
                # Check the remaining fields too, with a harmless stand-in for the wrong one.
                values[exc.field] = getattr(Dosage(), exc.field)
        progression = None
        if self.progress.isChecked():
            field = Progressable(self.progress_field.currentData())
            try:
                progression = Progression(
                    field, self.progress_step.value(), self.progress_limit.value()
                )
            except ValidationError as exc:
                problems["progression"] = exc.message
            else:
                start = float(getattr(dosage, field.value))
                if progression.limit <= start:
                    problems["progression"] = (
                        f"The limit must be above the starting value ({start:g}), "
                        "or there is nothing to increase."
                    )
        note = self.note.toPlainText()
        if len(note) > NOTE_MAX:
            problems["note"] = f"Please keep the note under {NOTE_MAX} characters."
        if problems:
            return None, problems
        item = ProgrammeItem(
            self._item.exercise_id, dosage, days if fixed else None, progression, note
        )
        return item, problems

    def _show_errors(self, problems: dict[str, str]) -> None:
        for field, widget in self.errors.items():
            message = problems.get(field, "")
            widget.setText(message)
            widget.setVisible(bool(message))

    def show_error(self, field: str, message: str) -> bool:
        """Show a refusal from the service at its field; False if this editor has no such field.

        (Days a week is shown with the day boxes, which say it.)
        """
        target = "days" if field == SCHEDULE_FIELD else field
        if target not in self.errors:
            return False
        self._show_errors({target: message})
        return True

    def _set_valid(self, valid: bool) -> None:
        if valid != self._valid:
            self._valid = valid
            self.valid_changed.emit(valid)

    @property
    def is_valid(self) -> bool:
        return self._valid
