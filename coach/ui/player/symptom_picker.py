""" "Where do your symptoms reach?" as six large buttons, nearest the spine on the left.

Used before a session and after each McKenzie exercise, on the lumbar or cervical scale of
shared/CLINICAL.md; the order on screen is the order of the scale, so farther is always righter.
Where one row of six does not fit (a large Text size in a small window), the buttons go on two
or three rows in columns, still in the scale's reading order, rather than being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QGridLayout, QPushButton, QWidget

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
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self._columns = 0
        for level, name in enumerate(LEVELS[region]):
            button = QPushButton(name)
            button.setCheckable(True)
            # The look is the application sheet's (coach.ui.style), so the buttons follow the
            # Text size like the pain scale's.
            button.setProperty("role", "symptom-large" if large else "symptom")
            button.setAccessibleName(f"Symptoms reach: {name}")
            self.group.addButton(button, level)
        self._arrange(len(LEVELS[region]))
        self.group.idClicked.connect(self.valueChanged.emit)

    def _buttons(self) -> list[QAbstractButton]:
        return self.group.buttons()

    def _needed(self, columns: int) -> int:
        """The width the buttons take in `columns` columns, each as wide as its widest."""
        widths = [button.sizeHint().width() for button in self._buttons()]
        widest = [max(widths[column::columns]) for column in range(columns)]
        return sum(widest) + (columns - 1) * self.grid.spacing()

    def _fitting(self, width: int) -> int:
        """The most columns (6, 3 or 2: rows of equal length) whose buttons fit `width`."""
        return next((columns for columns in (6, 3) if self._needed(columns) <= width), 2)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._buttons():
            self.grid.removeWidget(button)
        for level, button in enumerate(self._buttons()):
            self.grid.addWidget(button, level // columns, level % columns)
        for column in range(6):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """As narrow as two columns: the layout goes down to that before anything is cut; as
        tall as the rows of the arrangement in force."""
        return QSize(self._needed(2), self.grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self._needed(6), self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self._fitting(event.size().width()))
        super().resizeEvent(event)

    def button(self, level: int) -> QAbstractButton:
        found = self.group.button(level)
        assert found is not None
        return found

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked
