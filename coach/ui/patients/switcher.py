"""The quick switcher of a therapist's copy: type to filter the caseload, Enter opens the first
match or the chosen one. Opened from the patient's banner (banner.py) or with Ctrl+P.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.patients.banner import born, short_name
from coach.ui.widgets import label


class PatientSwitcher(PersistentDialog):
    """Type to filter the caseload; Enter (or Open) opens the selected patient."""

    def __init__(
        self, ui: UiContext, parent: QWidget | None, on_chosen: Callable[[int], None]
    ) -> None:
        super().__init__(ui.app.settings, parent)
        self._on_chosen = on_chosen
        self.setWindowTitle("Switch patient")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type a name or identifier")
        self.filter.setAccessibleName("Find a patient")
        self.list = QListWidget()
        self.list.setAccessibleName("Patients")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)  # each patient is two lines: keep them apart
        opened = ui.app.opened_patient_id
        for patient in ui.app.patients.list():
            item = QListWidgetItem("\n".join((short_name(patient), *born(patient))))
            item.setData(Qt.ItemDataRole.UserRole, patient.id)
            self.list.addItem(item)
            if patient.id == opened:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Find a patient", buddy=self.filter))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.set_default_size(520, 440)

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(wanted) and wanted not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_shown is not None:
            self.list.setCurrentItem(first_shown)

    def accept(self) -> None:
        current = self.list.currentItem()
        if current is None or current.isHidden():
            return
        super().accept()
        self._on_chosen(int(current.data(Qt.ItemDataRole.UserRole)))
