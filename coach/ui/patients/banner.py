"""The open patient's banner above the pages of a therapist's copy, and the quick switcher.

It never scrolls away: it sits above the page stack, not in a page, and names whose records
Today, Programmes, Diary and Progress show (name, identifier, date of birth). "Switch patient"
(Ctrl+P) opens the switcher: a filter field over the caseload, Enter opens the first match or
the chosen one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.domain.patient import Patient
from coach.ui import style
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.widgets import label

# The pages whose records belong to the open patient.
SCOPED_PAGES = frozenset({"today", "programmes", "diary", "progress"})
SWITCH = "Switch patient (Ctrl+P)"


def describe(patient: Patient) -> str:
    """Name, identifier and date of birth, as far as they are known."""
    return " · ".join((short_name(patient), *_born(patient)))


def short_name(patient: Patient) -> str:
    """Name and identifier: the banner's one line."""
    return " · ".join(part for part in (patient.name, patient.identifier) if part)


def _born(patient: Patient) -> tuple[str, ...]:
    if patient.date_of_birth is None:
        return ()
    return (f"born {patient.date_of_birth.strftime('%-d %B %Y')}",)


class PatientBanner(QFrame):
    """One compact line (name and identifier, the switch button beside them) so the pages below
    keep their room at the largest text size; the date of birth is in the tooltip and the
    accessible description."""

    def __init__(self, on_switch: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientBanner")
        self.setStyleSheet(
            f"#patientBanner {{ background: #eef3e6; border-bottom: 2px solid {style.ACCENT}; }}"
        )
        self.text = label("")
        self.text.setStyleSheet("font-weight: bold;")
        self.switch_button = QPushButton(SWITCH)
        self.switch_button.clicked.connect(on_switch)
        # Slimmer than the pages' buttons: the banner takes its height from every page below.
        self.switch_button.setStyleSheet("QPushButton { padding: 2px 12px; min-height: 0px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def show_patient(self, patient: Patient | None) -> None:
        """Name `patient` (shown), or hide when there is none to name."""
        if patient is None:
            self.hide()
            return
        self.text.setText(short_name(patient))
        born = " ".join(_born(patient))
        self.setToolTip(born)
        self.text.setToolTip(born)
        self.setAccessibleName(f"Open patient: {describe(patient)}")
        self.setAccessibleDescription(born)
        self.text.setAccessibleDescription(born)
        self.show()


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
            item = QListWidgetItem("\n".join((short_name(patient), *_born(patient))))
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
