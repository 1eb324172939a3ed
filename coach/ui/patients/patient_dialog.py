"""Adding or editing a patient, and deleting one, confirmed by typing their name.

Every message appears at its field (coach.ui.ops's FieldSink): a missing name, an identifier
another patient already has, a date of birth that cannot be read or is in the future.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.domain.patient import Patient
from coach.domain.profile import ValidationError
from coach.services.changes import Changes
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.ops import mutate
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.services.context import AppContext

BIRTH_HINT = "YYYY-MM-DD"


class PatientDialog(PersistentDialog):
    """New patient when `patient` is None; else editing that patient."""

    def __init__(
        self,
        ui: UiContext,
        parent: QWidget | None,
        patient: Patient | None = None,
        on_saved: Callable[[Patient], None] | None = None,
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self._patient = patient
        self._on_saved = on_saved
        self.setWindowTitle("Edit patient" if patient else "Add a patient")
        self.name = QLineEdit(patient.name if patient else "")
        self.identifier = QLineEdit(patient.identifier if patient else "")
        self.identifier.setPlaceholderText("Optional")
        born = patient.date_of_birth if patient else None
        self.birth = QLineEdit(born.isoformat() if born else "")
        self.birth.setPlaceholderText(BIRTH_HINT)
        self.contact = QLineEdit(patient.contact if patient else "")
        self.notes = QPlainTextEdit(patient.notes if patient else "")
        self.notes.setTabChangesFocus(True)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, title, widget in (
            ("name", "Name", self.name),
            ("identifier", "Identifier", self.identifier),
            ("date_of_birth", "Date of birth", self.birth),
            ("contact", "Contact", self.contact),
            ("notes", "Notes", self.notes),
        ):
            widget.setAccessibleName(title)
            error = label("", role="error")
            error.hide()
            self.errors[key] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label(title, buddy=widget), column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(
            "Save" if patient else "Add patient", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.set_default_size(520, 400)

    def _birth_date(self) -> date | None:
        typed = self.birth.text().strip()
        if not typed:
            return None
        try:
            return date.fromisoformat(typed)
        except ValueError as error:
            raise ValidationError(
                "date_of_birth", f"Please type the date as {BIRTH_HINT}, for example 1968-04-23."
            ) from error

    def submit(self) -> None:
        for error in self.errors.values():
            error.hide()
        try:
            born = self._birth_date()
        except ValidationError as error:
            self.show_field_error(error)
            return
        fields = {
            "name": self.name.text(),
            "identifier": self.identifier.text(),
            "date_of_birth": born,
            "contact": self.contact.text(),
            "notes": self.notes.toPlainText(),
        }
        existing = self._patient

        def keep_patient(app: AppContext) -> tuple[Changes, Patient]:
            if existing is None:
                return app.patients.add(**fields)  # type: ignore[arg-type]
            return app.patients.update(existing.id, **fields)  # type: ignore[arg-type]

        mutate(self.ui, self, keep_patient, on_done=self._saved, fields=self)

    def _saved(self, result: tuple[Changes, Patient]) -> None:
        self.accept()
        if self._on_saved is not None:
            self._on_saved(result[1])

    def show_field_error(self, error: UserError) -> bool:
        """coach.ui.ops's FieldSink: the message under its field (else under the name)."""
        shown = self.errors.get(error.field or "", self.errors["name"])
        shown.setText(error.message)
        shown.show()
        target = {
            "name": self.name,
            "identifier": self.identifier,
            "date_of_birth": self.birth,
            "contact": self.contact,
            "notes": self.notes,
        }.get(error.field or "", self.name)
        target.setFocus()
        return True


class DeletePatientDialog(PersistentDialog):
    """Deleting a patient removes every record about them: the user types the name to go on."""

    def __init__(
        self,
        ui: UiContext,
        parent: QWidget | None,
        patient: Patient,
        on_deleted: Callable[[], None],
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self._patient = patient
        self._on_deleted = on_deleted
        self.setWindowTitle("Delete patient")
        explain = label(
            f"This deletes {patient.name} and every record about them: programmes, sessions, "
            "diary and scores. A backup of the whole copy is made first. To go on, type the "
            "patient's name."
        )
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Type the patient's name to confirm")
        self.typed.setPlaceholderText(patient.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete = QPushButton("Delete patient")
        self.delete.setEnabled(False)
        buttons.addButton(self.delete, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.typed.textChanged.connect(
            lambda text: self.delete.setEnabled(text.strip() == patient.name)
        )
        self.delete.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.typed)
        layout.addWidget(buttons)
        self.set_default_size(440, 220)

    def submit(self) -> None:
        if self.typed.text().strip() != self._patient.name:
            return
        patient_id = self._patient.id
        if mutate(self.ui, self, lambda app: app.patients.delete(patient_id), title="Not deleted"):
            self.accept()
            self._on_deleted()
