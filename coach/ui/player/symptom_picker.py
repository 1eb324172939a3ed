""" "Where do your symptoms reach?" as six large buttons, nearest the spine on the left.

Used before a session and after each McKenzie exercise, on the lumbar or cervical scale of
shared/CLINICAL.md; the order on screen is the order of the scale, so farther is always righter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QPushButton, QWidget

from coach.domain.symptoms import LEVELS, SymptomRegion
from coach.ui import style


def _style(points: int, height: int) -> str:
    return f"""
QPushButton {{
    font-size: {points}pt; font-weight: 600; color: {style.INK}; background: {style.SURFACE};
    border: 1px solid {style.BORDER}; border-radius: 8px; padding: 6px 8px;
    min-height: {height}px;
}}
QPushButton:hover {{ border: 2px solid {style.ACCENT}; }}
QPushButton:checked {{
    background: {style.ACCENT}; color: white; border: 2px solid {style.ACCENT_DARK};
}}
"""


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
            button.setStyleSheet(_style(17, 96) if large else _style(13, 56))
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
