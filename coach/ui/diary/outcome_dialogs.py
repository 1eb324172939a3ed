"""Entering outcome measures: NPRS, PSFS, and the ODI or NDI section scores.

Each dialog shows the result as it is filled in: the score, its band, how missing sections were
handled, and the change since the last score against the clinically important change. The ODI
and NDI statements are copyrighted and Coach ships none: the patient answers the therapist's
paper form and enters the number of the statement chosen in each section, unless the clinic has
loaded its licensed statements (coach.services.questionnaires), which are then shown to choose
from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.outcomes import (
    MIN_ANSWERED,
    PSFS_MAX_ACTIVITIES,
    Answers,
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
    section_names,
)
from coach.domain.profile import ValidationError
from coach.services.diary import Saved
from coach.ui.context import UiContext
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.moments import from_qdatetime, to_qdatetime
from coach.ui.diary.scale import ScalePicker
from coach.ui.style import scaled
from coach.ui.widgets import FlowLayout, boxed, label

if TYPE_CHECKING:
    from coach.services.context import PatientContext

PSFS_ANCHORS = ((0, "Unable to do it"), (10, "As well as before"))
NOT_ANSWERED = 99  # a button id; QButtonGroup treats -1 as 'assign one for me'


class OutcomeDialog(EntryDialog):
    """Shared parts: when, note, the live result and the Save path."""

    instrument: Instrument

    def __init__(
        self,
        ui: UiContext,
        title: str,
        entry: OutcomeScore | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(ui, title, parent)
        self.entry = entry
        self._tz = ui.app.profile.time_zone()
        moment = entry.recorded_at if entry else ui.app.clock.now()
        self.when = QDateTimeEdit(to_qdatetime(moment, self._tz))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setMinimumHeight(36)
        self.body.addWidget(label("When", role="subheading", buddy=self.when))
        self.body.addWidget(self.when)
        self.body.addWidget(self.errors.add("recorded_at", self.when))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(scaled(60))
        self.result_label = label("")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_box = boxed(self.result_label)

    def finish_layout(self) -> None:
        """Call after the instrument's own inputs: note and live result go last."""
        self.body.addWidget(label("Note (optional)", buddy=self.note))
        self.body.addWidget(self.note)
        self.body.addWidget(self.errors.add("note", self.note))
        self.body.addWidget(self.result_box)
        self.body.addStretch(1)
        self.when.dateTimeChanged.connect(self.update_result)
        self.update_result()

    def answers(self) -> Answers:
        raise NotImplementedError

    def draft(self) -> OutcomeScore:
        return OutcomeScore(
            answers=self.answers(),
            recorded_at=from_qdatetime(self.when.dateTime(), self._tz),
            note=self.note.toPlainText(),
            id=self.entry.id if self.entry else 0,
        )

    def update_result(self) -> None:
        try:
            draft = self.draft()
        except ValidationError:
            self.result_label.setText("The result appears here when the form is complete.")
            return
        result = draft.result
        lines = [f"Result: {result.text}" + (f" — {result.band}" if result.band else "")]
        if result.remark:
            lines.append(result.remark.capitalize())
        change = self.patient.outcomes.change(draft)
        lines.append(change.text if change else "This is the first score of its kind.")
        self.result_label.setText("\n".join(lines))

    def persist(self, patient: PatientContext) -> Saved[OutcomeScore]:
        score = self.draft()
        if self.entry is not None:
            return patient.outcomes.update(self.entry.id, score)
        return patient.outcomes.record(score)


class NprsDialog(OutcomeDialog):
    instrument = Instrument.NPRS

    def __init__(
        self, ui: UiContext, entry: OutcomeScore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui, "Pain rating (NPRS)", entry, parent)
        self.body.addWidget(label("Your pain on average over the last 24 hours", role="subheading"))
        self.scale = ScalePicker("Pain rating")
        self.body.addWidget(self.scale)
        self.body.addWidget(self.errors.add("nprs", self.scale))
        if entry is not None and isinstance(entry.answers, NprsAnswers):
            self.scale.setValue(entry.answers.pain)
            self.note.setPlainText(entry.note)
        self.scale.valueChanged.connect(self.update_result)
        self.finish_layout()
        self.set_default_size(640, 560)

    def answers(self) -> NprsAnswers:
        value = self.scale.value()
        if value is None:
            raise ValidationError("nprs", "Please tap a pain rating from 0 to 10.")
        return NprsAnswers(value)


class PsfsDialog(OutcomeDialog):
    """3 to 5 activities in the patient's own words, each rated 0-10."""

    instrument = Instrument.PSFS

    def __init__(
        self, ui: UiContext, entry: OutcomeScore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui, "Activities (PSFS)", entry, parent)
        self.body.addWidget(
            label(
                "Name 3 to 5 activities your problem makes hard, then rate how well you can "
                "do each today: 0 = unable, 10 = as well as before the problem. Next time, "
                "rate the same activities again.",
                role="muted",
            )
        )
        self.body.addWidget(self.errors.add("psfs.activities"))
        self.names: list[QLineEdit] = []
        self.ratings: list[ScalePicker] = []
        if entry is not None and isinstance(entry.answers, PsfsAnswers):
            known = [r.activity for r in entry.answers.ratings]
            rated = [r.rating for r in entry.answers.ratings]
        else:
            known = self.patient.outcomes.psfs_activities()
            rated = []
        for index in range(PSFS_MAX_ACTIVITIES):
            name = QLineEdit(known[index] if index < len(known) else "")
            name.setPlaceholderText(f"Activity {index + 1}")
            name.setMinimumHeight(34)
            rating = ScalePicker(f"Activity {index + 1}", PSFS_ANCHORS)
            if index < len(rated):
                rating.setValue(rated[index])
            self.body.addWidget(label(f"Activity {index + 1}", role="subheading", buddy=name))
            self.body.addWidget(name)
            self.body.addWidget(self.errors.add(f"psfs.activity.{index}", name))
            self.body.addWidget(rating)
            self.body.addWidget(self.errors.add(f"psfs.rating.{index}", rating))
            name.textChanged.connect(self.update_result)
            rating.valueChanged.connect(self.update_result)
            self.names.append(name)
            self.ratings.append(rating)
        if entry is not None:
            self.note.setPlainText(entry.note)
        self.finish_layout()
        self.set_default_size(700, 860)

    def answers(self) -> PsfsAnswers:
        used: list[int] = []
        ratings: list[PsfsRating] = []
        for index, (name, picker) in enumerate(zip(self.names, self.ratings, strict=True)):
            text, value = name.text().strip(), picker.value()
            if not text and value is None:
                continue
            if not text:
                raise ValidationError(f"psfs.activity.{index}", "Please name this activity.")
            if value is None:
                raise ValidationError(f"psfs.rating.{index}", "Please rate this activity.")
            used.append(index)
            ratings.append(PsfsRating(text, value))
        try:
            return PsfsAnswers(tuple(ratings))
        except ValidationError as error:
            # The domain numbers the activities it was given; point at the row on screen.
            head, _, tail = error.field.rpartition(".")
            if tail.isdigit():
                raise ValidationError(f"{head}.{used[int(tail)]}", error.message) from None
            raise


PAPER_FORM_HELP = (
    "Your therapist gives you the paper form for this questionnaire. Answer it on paper first: "
    "in each section, tick the one statement that fits you best today. Then, for each section "
    "below, tap the number of the statement you ticked: the first statement is 0, the second "
    "is 1, and so on to 5 for the last."
)
STATEMENTS_HELP = (
    "Your therapist asked you to fill in this questionnaire. In each section, choose the one "
    "statement that fits you best today."
)


class _StatementText(QLabel):
    """A statement beside its radio button: wraps at any text size, and a click on it chooses."""

    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._button.click()
        super().mouseReleaseEvent(event)


class SectionPicker(QWidget):
    """One ODI/NDI section: a score 0-5 (a statement, when loaded), or 'Not answered'."""

    def __init__(
        self, name: str, statements: tuple[str, ...] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        if statements:
            self._statement_rows(name, statements)
            return
        # Wraps "Not answered" onto a line of its own when the text is too large for one line.
        row = FlowLayout(self, spacing=4)
        for number in range(6):
            button = QPushButton(str(number))
            button.setCheckable(True)
            button.setProperty("role", "section")  # sized with the text: style.py
            button.setAccessibleName(f"{name}: {number}")
            self.group.addButton(button, number)
            row.addWidget(button)
        skip = QPushButton("Not answered")
        skip.setCheckable(True)
        skip.setProperty("role", "section")
        skip.setAccessibleName(f"{name}: not answered")
        self.group.addButton(skip, NOT_ANSWERED)
        row.addWidget(skip)

    def _statement_rows(self, name: str, statements: tuple[str, ...]) -> None:
        """A radio button per statement, scored by its place (0 first), then 'Not answered'."""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        choices = [*enumerate(statements), (NOT_ANSWERED, "Not answered")]
        for row, (number, text) in enumerate(choices):
            button = QRadioButton()
            button.setAccessibleName(f"{name}: {text}")
            self.group.addButton(button, number)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_StatementText(text, button), row, 1)
        grid.setColumnStretch(1, 1)

    def button(self, number: int) -> QAbstractButton:
        found = self.group.button(number)
        assert found is not None
        return found

    def chosen(self) -> bool:
        return self.group.checkedButton() is not None

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked == NOT_ANSWERED else checked

    def set_value(self, value: int | None) -> None:
        self.button(NOT_ANSWERED if value is None else value).setChecked(True)


class SectionsDialog(OutcomeDialog):
    """The ODI or NDI, one row per section, entered from the completed paper form."""

    def __init__(
        self,
        ui: UiContext,
        instrument: Instrument,
        entry: OutcomeScore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui, instrument.label, entry, parent)
        self.instrument = instrument
        loaded = ui.app.questionnaires.statements(instrument)
        self.statements = loaded is not None
        self.help = label(STATEMENTS_HELP if loaded else PAPER_FORM_HELP)
        self.body.addWidget(self.help)
        self.body.addWidget(
            label(
                "Choose 'Not answered' for a section that was left blank or does not apply "
                f"(at least {MIN_ANSWERED} of 10 are needed).",
                role="muted",
            )
        )
        prefix = instrument.value
        self.body.addWidget(self.errors.add(f"{prefix}.sections"))
        self.sections: list[SectionPicker] = []
        self.body.addLayout(
            self._statement_sections(loaded.sections) if loaded else self._score_sections()
        )
        if entry is not None and isinstance(entry.answers, SectionAnswers):
            for picker, value in zip(self.sections, entry.answers.sections, strict=True):
                picker.set_value(value)
            self.note.setPlainText(entry.note)
        self.finish_layout()
        self.set_default_size(860, 900)

    def _score_sections(self) -> QGridLayout:
        """Each section's name with its six score buttons beside it."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        prefix = self.instrument.value
        for index, name in enumerate(section_names(self.instrument)):
            picker = self._add_picker(name)
            title: QLabel = label(f"{index + 1}. {name}")
            grid.addWidget(title, 2 * index, 0)
            grid.addWidget(picker, 2 * index, 1)
            grid.addWidget(self.errors.add(f"{prefix}.section.{index}", picker), 2 * index + 1, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _statement_sections(self, statements: tuple[tuple[str, ...], ...]) -> QVBoxLayout:
        """Each section's name as a heading over its statements (too long to sit beside it)."""
        column = QVBoxLayout()
        column.setSpacing(6)
        prefix = self.instrument.value
        names = section_names(self.instrument)
        for index, (name, texts) in enumerate(zip(names, statements, strict=True)):
            picker = self._add_picker(name, texts)
            column.addWidget(label(f"{index + 1}. {name}", role="subheading"))
            column.addWidget(boxed(picker))
            column.addWidget(self.errors.add(f"{prefix}.section.{index}", picker))
        return column

    def _add_picker(self, name: str, statements: tuple[str, ...] = ()) -> SectionPicker:
        picker = SectionPicker(name, statements)
        picker.group.buttonClicked.connect(self.update_result)
        self.sections.append(picker)
        return picker

    def answers(self) -> SectionAnswers:
        for index, picker in enumerate(self.sections):
            if not picker.chosen():
                raise ValidationError(
                    f"{self.instrument.value}.section.{index}",
                    "Please choose a statement, or 'Not answered'."
                    if self.statements
                    else "Please choose a score, or 'Not answered'.",
                )
        return SectionAnswers(self.instrument, tuple(p.value() for p in self.sections))


def dialog_for(
    ui: UiContext,
    instrument: Instrument,
    entry: OutcomeScore | None = None,
    parent: QWidget | None = None,
) -> OutcomeDialog:
    if instrument is Instrument.NPRS:
        return NprsDialog(ui, entry, parent)
    if instrument is Instrument.PSFS:
        return PsfsDialog(ui, entry, parent)
    return SectionsDialog(ui, instrument, entry, parent)
