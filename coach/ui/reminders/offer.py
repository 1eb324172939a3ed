"""The tick box that offers reminders, with the schedule in words beside it.

A QCheckBox does not wrap its text, and the schedule in words ("Remind me 3 times a day between
08:00 and 21:00, not on Saturday or Sunday") is longer than a dialog is wide at the largest
text size; so the words are a wrapped label next to the box, and clicking them ticks it too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget


class _Words(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ReminderOffer(QWidget):
    def __init__(self, text: str, checked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setChecked(checked)
        self.box.setAccessibleName(text)
        self.words = _Words(text)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setBuddy(self.box)
        self.words.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.words, 1)

    def _clicked(self) -> None:
        if self.box.isEnabled():
            self.box.toggle()

    def text(self) -> str:
        return self.words.text()

    def isChecked(self) -> bool:
        return self.box.isChecked()
