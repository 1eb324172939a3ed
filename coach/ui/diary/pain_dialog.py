"""The pain entry form: meant to take a few seconds for the usual case.

Only "how much" is required; the time defaults to now and everything else is optional. The
form is two columns: the 0-10 buttons, qualities and notes on the left, the body map on the
right; where the two do not fit side by side (large text, small screen) the map goes below.
Warning signs sit at the end and, once ticked, show the urgent-care advice at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.diary import BODY_REGIONS, PainEntry, PainQuality
from coach.domain.profile import ValidationError
from coach.domain.safety import RED_FLAGS, URGENT_ADVICE
from coach.services.diary import Saved
from coach.ui.context import UiContext
from coach.ui.diary.body_map import BodyMap
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.moments import from_qdatetime, to_qdatetime
from coach.ui.diary.scale import ScalePicker
from coach.ui.diary.urgent import show_urgent_advice
from coach.ui.style import scaled
from coach.ui.widgets import boxed, label

if TYPE_CHECKING:
    from coach.services.context import PatientContext


class PainDialog(EntryDialog):
    def __init__(
        self, ui: UiContext, entry: PainEntry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui, "Edit pain entry" if entry else "How is your pain?", parent)
        self.entry = entry
        self._tz = ui.app.profile.time_zone()
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(24)
        left = QVBoxLayout()
        left.setSpacing(8)
        right = QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.body.addLayout(columns)
        self._build_left(left, entry.recorded_at if entry else ui.app.clock.now())
        self._build_map(right)
        self._build_flags()
        if entry is not None:
            self._fill(entry)
        self._show_where()
        self.set_default_size(1080, 820)

    def resizeEvent(self, event: QResizeEvent) -> None:
        items = [self.columns.itemAt(index) for index in range(self.columns.count())]
        needed = sum(item.minimumSize().width() for item in items if item is not None)
        needed += self.columns.spacing()
        viewport = self.form.parentWidget()  # the scroll area's viewport
        margins = self.body.contentsMargins()
        width = viewport.width() if viewport is not None else self.width()
        room = width - margins.left() - margins.right()
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if needed <= room else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def _build_left(self, left: QVBoxLayout, moment: datetime) -> None:
        self.when = QDateTimeEdit(to_qdatetime(moment, self._tz))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setMinimumHeight(36)
        left.addWidget(label("When", role="subheading", buddy=self.when))
        left.addWidget(self.when)
        left.addWidget(self.errors.add("recorded_at", self.when))

        self.scale = ScalePicker("Pain")
        left.addWidget(label("How much does it hurt? (0 to 10)", role="subheading"))
        left.addWidget(self.scale)
        left.addWidget(self.errors.add("intensity", self.scale))

        left.addWidget(label("What does it feel like?", role="subheading"))
        chips = QGridLayout()
        self.qualities: dict[PainQuality, QPushButton] = {}
        for index, quality in enumerate(PainQuality):
            chip = QPushButton(quality.label)
            chip.setCheckable(True)
            chip.setProperty("role", "pill")
            self.qualities[quality] = chip
            chips.addWidget(chip, index // 3, index % 3)
        left.addLayout(chips)

        self.worse = QLineEdit()
        self.worse.setPlaceholderText("for example: sitting, bending, coughing")
        self.better = QLineEdit()
        self.better.setPlaceholderText("for example: walking, lying down, heat")
        self.medication = QLineEdit()
        self.medication.setPlaceholderText("name and dose, if you took any")
        for title, edit, field in (
            ("What made it worse?", self.worse, "worse"),
            ("What made it better?", self.better, "better"),
            ("Medicine taken", self.medication, "medication"),
        ):
            edit.setMinimumHeight(34)
            left.addWidget(label(title, buddy=edit))
            left.addWidget(edit)
            left.addWidget(self.errors.add(field, edit))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(scaled(70))
        left.addWidget(label("Note", buddy=self.note))
        left.addWidget(self.note)
        left.addWidget(self.errors.add("note", self.note))
        self.question = QCheckBox("I have a question about this for my therapist")
        left.addWidget(self.question)
        left.addStretch(1)

    def _build_map(self, right: QVBoxLayout) -> None:
        right.addWidget(label("Where? Click every place it hurts", role="subheading"))
        self.body_map = BodyMap()
        right.addWidget(self.body_map, 1)
        self.where = label("", role="muted")
        clear = QPushButton("Clear places")
        clear.clicked.connect(self.body_map.clear)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(clear)
        right.addLayout(where_row)
        right.addWidget(self.errors.add("regions", self.body_map))
        self.body_map.changed.connect(self._show_where)

    def _build_flags(self) -> None:
        self.section("Do you have any of these warning signs?")
        flags = QGridLayout()
        self.flags: dict[str, QCheckBox] = {}
        for index, flag in enumerate(RED_FLAGS):
            box = QCheckBox(flag.text)
            box.toggled.connect(self._show_advice)
            self.flags[flag.key] = box
            flags.addWidget(box, index, 0)
        self.body.addLayout(flags)
        self.advice = boxed(label(URGENT_ADVICE, role="error"), role="danger")
        self.advice.hide()
        self.body.addWidget(self.advice)

    def _fill(self, entry: PainEntry) -> None:
        self.scale.setValue(entry.intensity)
        self.body_map.set_regions(entry.regions)
        for quality, chip in self.qualities.items():
            chip.setChecked(quality in entry.qualities)
        self.worse.setText(entry.worse)
        self.better.setText(entry.better)
        self.medication.setText(entry.medication)
        self.note.setPlainText(entry.note)
        self.question.setChecked(entry.question_for_therapist)
        for key, box in self.flags.items():
            box.setChecked(key in entry.red_flags)

    def _show_where(self) -> None:
        chosen = set(self.body_map.regions())
        labels = [region.label for region in BODY_REGIONS if region.key in chosen]
        self.where.setText(", ".join(labels) if labels else "No places marked yet.")

    def _show_advice(self) -> None:
        flagged = any(box.isChecked() for box in self.flags.values())
        self.advice.setVisible(flagged)
        if flagged:
            # Layouts settle on the next event-loop turn; scroll once the advice has a place.
            QTimer.singleShot(0, self, self._reveal_advice)

    def _reveal_advice(self) -> None:
        self.scroller.ensureWidgetVisible(self.advice)

    def build(self) -> PainEntry:
        intensity = self.scale.value()
        if intensity is None:
            raise ValidationError("intensity", "Please tap how much it hurts, from 0 to 10.")
        return PainEntry(
            recorded_at=from_qdatetime(self.when.dateTime(), self._tz),
            intensity=intensity,
            regions=self.body_map.regions(),
            qualities=tuple(q for q, chip in self.qualities.items() if chip.isChecked()),
            worse=self.worse.text(),
            better=self.better.text(),
            medication=self.medication.text(),
            note=self.note.toPlainText(),
            question_for_therapist=self.question.isChecked(),
            red_flags=tuple(key for key, box in self.flags.items() if box.isChecked()),
        )

    def persist(self, patient: PatientContext) -> Saved[PainEntry]:
        entry = self.build()
        if self.entry is not None:
            return patient.diary.update_pain(self.entry.id, entry)
        return patient.diary.add_pain(entry)

    def stored(self, result: Saved[PainEntry]) -> None:
        if result.record.red_flags:
            show_urgent_advice(self.parentWidget(), result.record.red_flags)
        super().stored(result)
