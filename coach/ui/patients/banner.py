"""The open patient's banner above the pages of a therapist's copy.

It never scrolls away: it sits above the page stack, not in a page, and names whose records
Today, Programmes, Diary and Progress show (name, identifier, date of birth). Its "Switch
patient" button (Ctrl+P) opens the switcher (switcher.py), which is imported only then: the
banner is part of a therapist's first paint, the switcher and its dialog base are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from coach.ui import style
from coach.ui.widgets import label

if TYPE_CHECKING:  # a kept caseload paints before the patients' records are read
    from coach.domain.patient import Patient

# The pages whose records belong to the open patient.
SCOPED_PAGES = frozenset({"today", "programmes", "diary", "progress"})
SWITCH = "Switch patient (Ctrl+P)"


def describe(patient: Patient) -> str:
    """Name, identifier and date of birth, as far as they are known."""
    return " · ".join((short_name(patient), *born(patient)))


def short_name(patient: Patient) -> str:
    """Name and identifier: the banner's one line."""
    return " · ".join(part for part in (patient.name, patient.identifier) if part)


def born(patient: Patient) -> tuple[str, ...]:
    """The date of birth in words, when it is known."""
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
        born_on = " ".join(born(patient))
        self.setToolTip(born_on)
        self.text.setToolTip(born_on)
        self.setAccessibleName(f"Open patient: {describe(patient)}")
        self.setAccessibleDescription(born_on)
        self.text.setAccessibleDescription(born_on)
        self.show()
