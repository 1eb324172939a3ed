""" "Where do your symptoms reach?" as six large buttons, nearest the spine on the left.

Used before a session and after each McKenzie exercise, on the lumbar or cervical scale of
shared/CLINICAL.md; the order on screen is the order of the scale, so farther is always righter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QPushButton, QWidget

from coach.domain.symptoms import LEVELS, SymptomRegion


class SymptomPicker(QWidget):
    """Pick a level 0-5 on one region's scale; `value()` is None until one is picked."""

    valueChanged = Signal(object)

    def __init__(
        self, region: SymptomRegion, large: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.region = region
        self.setAccessibleName(f"Where your {region.value} symptoms reach")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for level, name in enumerate(LEVELS[region]):
            button = QPushButton(name)
            button.setCheckable(True)
            # The look is the application sheet's (coach.ui.style), so the buttons follow the
            # Text size like the pain scale's.
            button.setProperty("role", "symptom-large" if large else "symptom")
            button.setAccessibleName(f"Symptoms reach: {name}")
            self.group.addButton(button, level)
            row.addWidget(button, 1)
        self.group.idClicked.connect(self.valueChanged.emit)

    def button(self, level: int) -> QAbstractButton:
        found = self.group.button(level)
        assert found is not None
        return found

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked
