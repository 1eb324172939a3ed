"""Recording a treatment: what, when, where on the spine (if it applies), who, and a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from coach.domain.diary import Treatment, TreatmentKind
from coach.domain.profile import ValidationError
from coach.services.diary import Saved
from coach.ui.context import UiContext
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.moments import from_qdate, to_qdate
from coach.ui.style import scaled
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.services.context import PatientContext


class TreatmentDialog(EntryDialog):
    def __init__(
        self, ui: UiContext, entry: Treatment | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui, "Edit treatment" if entry else "Add a treatment", parent)
        self.entry = entry
        self.kind = QComboBox()
        self.kind.setMinimumHeight(36)
        self.kind.addItem("Choose…", None)
        for kind in TreatmentKind:
            # Qt hands item data back as a plain str, so the value is stored and looked up.
            self.kind.addItem(kind.label, kind.value)
        self.body.addWidget(label("What was it?", role="subheading", buddy=self.kind))
        self.body.addWidget(self.kind)
        self.body.addWidget(self.errors.add("kind", self.kind))

        self.day = QDateEdit(to_qdate(entry.occurred_on if entry else self.patient.diary.today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setMinimumHeight(36)
        self.body.addWidget(label("When", role="subheading", buddy=self.day))
        self.body.addWidget(self.day)
        self.body.addWidget(self.errors.add("occurred_on", self.day))

        self.site = QLineEdit()
        self.site_label: QLabel = label("", role="subheading", buddy=self.site)
        self.provider = QLineEdit()
        self.provider.setPlaceholderText("clinic, doctor or therapist")
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(scaled(90))
        self.note.setPlaceholderText("what was done, what you were told, how you felt after")
        for title, edit, field in (
            (self.site_label, self.site, "site"),
            (
                label("Who gave it (optional)", role="subheading", buddy=self.provider),
                self.provider,
                "provider",
            ),
            (label("Note (optional)", role="subheading", buddy=self.note), self.note, "note"),
        ):
            self.body.addWidget(title)
            self.body.addWidget(edit)
            self.body.addWidget(self.errors.add(field, edit))
        self.site.setMinimumHeight(34)
        self.provider.setMinimumHeight(34)
        self.body.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if entry is not None:
            self.kind.setCurrentIndex(self.kind.findData(entry.kind.value))
            self.site.setText(entry.site)
            self.provider.setText(entry.provider)
            self.note.setPlainText(entry.note)
        self._kind_changed()
        self.set_default_size(620, 640)

    def chosen_kind(self) -> TreatmentKind | None:
        value = self.kind.currentData()
        return TreatmentKind(value) if value else None

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        prompt = kind.site_prompt if kind else ""
        self.site_label.setText(prompt)
        self.site_label.setVisible(bool(prompt))
        self.site.setVisible(bool(prompt))

    def build(self) -> Treatment:
        kind = self.chosen_kind()
        if kind is None:
            raise ValidationError("kind", "Please choose what kind of treatment it was.")
        return Treatment(
            kind=kind,
            occurred_on=from_qdate(self.day.date()),
            site=self.site.text(),
            provider=self.provider.text(),
            note=self.note.toPlainText(),
        )

    def persist(self, patient: PatientContext) -> Saved[Treatment]:
        entry = self.build()
        if self.entry is not None:
            return patient.diary.update_treatment(self.entry.id, entry)
        return patient.diary.add_treatment(entry)
