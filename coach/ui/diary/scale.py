"""A 0-10 rating as eleven large buttons with anchor words, for hands that may shake.

Used for pain, sleep, activity, NPRS and PSFS ratings. A spin box is quicker for a mouse expert
but hard to hit and hard to read; one tap on a big numbered button is neither.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

PAIN_ANCHORS = ((0, "No pain"), (5, "Moderate"), (10, "Worst imaginable"))


class ScalePicker(QWidget):
    """Pick a whole number from 0 to 10; `value()` is None until one is picked."""

    valueChanged = Signal(object)

    def __init__(
        self,
        what: str,
        anchors: tuple[tuple[int, str], ...] = PAIN_ANCHORS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(what)
        self.group = QButtonGroup(self)
        # Exclusive groups cannot be cleared; exclusivity is kept by hand in _clicked.
        self.group.setExclusive(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for number in range(11):
            button = QPushButton(str(number))
            button.setCheckable(True)
            button.setProperty("role", "scale")  # square, sized with the text: style.py
            button.setAccessibleName(f"{what}: {number}")
            self.group.addButton(button, number)
            grid.addWidget(button, 0, number)
        for number, word in anchors:
            anchor = QLabel(word)
            anchor.setProperty("role", "muted")
            span = 3
            column = max(0, min(number - 1, 11 - span))
            if number == 0:
                column, align = 0, Qt.AlignmentFlag.AlignLeft
            elif number == 10:
                column, align = 11 - span, Qt.AlignmentFlag.AlignRight
            else:
                align = Qt.AlignmentFlag.AlignHCenter
            grid.addWidget(anchor, 1, column, 1, span, align | Qt.AlignmentFlag.AlignTop)
        self.group.buttonClicked.connect(self._clicked)

    def button(self, number: int) -> QAbstractButton:
        found = self.group.button(number)
        assert found is not None
        return found

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def setValue(self, number: int | None) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == number)
        self.valueChanged.emit(self.value())

    def _clicked(self, clicked: QAbstractButton) -> None:
        for button in self.group.buttons():
            if button is not clicked:
                button.setChecked(False)
        self.valueChanged.emit(self.value())
