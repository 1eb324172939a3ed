"""The therapist's preview of a progress file, before anything is stored: Import or Cancel.

It names the patient the file is about and the caseload patient it goes to (matched by uid).
When no patient matches, the therapist adds the file's patient as a new one (the default) or
picks one from the caseload; the counts are then worked out again against that patient, off
the GUI thread. For each kind of entry it shows how many are new, already here, and replaced
(an entry the patient edited since an earlier file). Import stores everything in one
transaction through coach.ui.ops.mutate, whose Changes refresh the caseload at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.errors import UserError
from coach.exchange.progress_rows import Kind
from coach.services.progress_import import ImportOutcome, ProgressPreview
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.handback import words
from coach.ui.handback.count_table import count_grid, fill
from coach.ui.ops import mutate, report
from coach.ui.style import scaled
from coach.ui.widgets import callout, label

COLUMNS = ("New", "Already here", "Replaced")


class ImportProgressDialog(PersistentDialog):
    imported = Signal(object)  # the ImportOutcome, once stored

    def __init__(
        self,
        ui: UiContext,
        path: Path,
        preview: ProgressPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self.ui = ui
        self.path = path
        self.preview = preview
        self._asked = 0  # which re-count is the latest (an older answer is dropped)
        file = preview.file
        self.setWindowTitle(words.IMPORT_TITLE)
        self.setMinimumWidth(scaled(560))
        self.set_default_size(600, 560)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label(f"Progress of {file.patient_name}", role="heading"))
        layout.addWidget(label(f"{words.days(file.first, file.last)}, from {preview.source}."))
        if file.sealed:
            layout.addWidget(
                label(
                    f"Sealed to your key {file.recipient}: only your Coach could open it, and "
                    "it was not changed on the way. Sealing does not show who wrote it, so check "
                    "that the patient and the days are the ones you expect.",
                    role="muted",
                )
            )
        else:
            layout.addWidget(
                callout(
                    "This file was not sealed: anyone could have read or changed it on the way."
                )
            )

        self.new_patient: QRadioButton | None = None
        self.existing: QRadioButton | None = None
        self.patients: QComboBox | None = None
        if preview.match is not None:
            layout.addWidget(label(f"It goes to {preview.match.name} on your caseload."))
        else:
            layout.addWidget(self._build_choice(file.patient_name))

        layout.addWidget(label("What importing adds", role="subheading"))
        self.table = count_grid()
        layout.addLayout(self.table)
        self.summary = label("")
        layout.addWidget(self.summary)
        self.older = label("", role="muted")
        layout.addWidget(self.older)
        layout.addStretch(1)

        # The default button made first, so Tab reaches it first, as it is drawn (left).
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.store)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Once in the dialog: made default earlier, QDialog would not know it (Cancel would be).
        self.import_button.setDefault(True)
        self._show_counts()

    def _build_choice(self, name: str) -> QWidget:
        """No caseload patient has this file's uid: add them, or pick who it is."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label("No patient on your caseload matches this file."))
        self.new_patient = QRadioButton(f"Add {name} as a new patient")
        self.existing = QRadioButton("Import into this patient:")
        self.patients = QComboBox()
        self.patients.setAccessibleName("Patient to import into")
        for patient in self.ui.app.patients.list():
            self.patients.addItem(patient.name, patient.id)
        self.existing.setEnabled(self.patients.count() > 0)
        group = QButtonGroup(box)
        for button in (self.new_patient, self.existing):
            group.addButton(button)
        self.new_patient.setChecked(True)
        self.patients.setEnabled(False)
        column.addWidget(self.new_patient)
        row = QWidget()
        line = QGridLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.existing, 0, 0)
        line.addWidget(self.patients, 0, 1)
        line.setColumnStretch(1, 1)
        column.addWidget(row)
        self.existing.toggled.connect(lambda _on: self._recount())
        self.patients.currentIndexChanged.connect(lambda _index: self._recount())
        return box

    def chosen_patient(self) -> int | None:
        """The caseload patient picked by hand; None for the match or a new patient."""
        if self.existing is None or self.patients is None or not self.existing.isChecked():
            return None
        chosen = self.patients.currentData()
        return int(chosen) if chosen is not None else None

    def _recount(self) -> None:
        """Count again against the patient now chosen, off the GUI thread."""
        assert self.patients is not None
        self.patients.setEnabled(self.existing is not None and self.existing.isChecked())
        self._asked += 1
        asked = self._asked
        chosen = self.chosen_patient()
        self.import_button.setEnabled(False)
        self.summary.setText("Counting…")
        service, path = self.ui.app.progress_import, self.path
        self.ui.tasks.run(
            lambda: service.preview(path, chosen),
            lambda preview: self._recounted(asked, preview),
            self._failed(asked),
        )

    def _recounted(self, asked: int, preview: ProgressPreview) -> None:
        if asked == self._asked:
            self.preview = preview
            self._show_counts()

    def _failed(self, asked: int) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            if not isinstance(error, UserError):
                raise error
            if asked == self._asked:
                self.summary.setText("")
                report(self.ui, self, error)

        return failed

    def _show_counts(self) -> None:
        file = self.preview.file
        kinds = [kind for kind in Kind if file.count(kind)]
        counts = self.preview.counts
        fill(
            self.table,
            COLUMNS,
            [(k, (counts[k].new, counts[k].present, counts[k].replaced)) for k in kinds],
        )
        creating = self.preview.target is None
        if not kinds:
            text = "The file holds no entries for these days."
        elif self._changes_anything():
            text = (
                f"{self.preview.new_rows} new and {self.preview.replaced_rows} replaced "
                "entries are stored in one go. Replaced: entries the patient edited after an "
                "earlier file."
            )
        else:
            text = "Nothing new: everything in this file is here already."
        self.summary.setText(text)
        target = self.preview.target
        self.older.setVisible(target is not None and self.preview.older_than_last)
        if target is not None:
            self.older.setText(
                f"This file is not newer than the last one imported for {target.name}: where "
                "an entry differs, the version already here is kept."
            )
        self.import_button.setEnabled(creating or self._changes_anything())

    def _changes_anything(self) -> bool:
        return bool(self.preview.new_rows or self.preview.replaced_rows)

    def store(self) -> None:
        """Import the whole file in one transaction; a refusal is shown and nothing written."""
        preview, chosen = self.preview, self.chosen_patient()
        self._working(True)
        # A year of entries takes seconds to store: off the GUI thread, the dialog saying so.
        mutate(
            self.ui,
            self,
            lambda app: app.progress_import.commit(preview, chosen),
            on_done=self._stored,
            title="This progress file cannot be imported",
            in_background=True,
            on_refused=lambda _error: self._working(False),
        )

    def _working(self, busy: bool) -> None:
        """While storing: say so; nothing can be changed or cancelled half way."""
        self.buttons.setEnabled(not busy)
        if self.new_patient is not None and self.existing is not None and self.patients is not None:
            self.new_patient.setEnabled(not busy)
            self.existing.setEnabled(not busy and self.patients.count() > 0)
            self.patients.setEnabled(not busy and self.existing.isChecked())
        if busy:
            self.summary.setText("Importing… the patient's entries are being stored.")
        else:
            self._show_counts()

    def reject(self) -> None:
        if self.buttons.isEnabled():  # not while the entries are being stored
            super().reject()

    def _stored(self, outcome: ImportOutcome) -> None:
        self.imported.emit(outcome)
        self.accept()
