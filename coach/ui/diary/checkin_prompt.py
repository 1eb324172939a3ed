"""The evening check-in card for the Today page.

It shows from EVENING_HOUR (the user's local time) until midnight when the day has no check-in
yet, and opens the check-in dialog. The Today page tells it the day's state and re-checks the
hour once a minute, so it appears when evening comes without a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.ui.context import UiContext
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.ui.diary.checkin_dialog import CheckInDialog

EVENING_HOUR = 18


class CheckInPrompt(QFrame):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: CheckInDialog | None = None
        self.setProperty("role", "card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        text = QVBoxLayout()
        text.addWidget(label("How was today?", role="subheading"))
        text.addWidget(
            label("A one-minute check-in: your worst and usual pain, sleep and activity.")
        )
        layout.addLayout(text, 1)
        self.button = QPushButton("Do today's check-in")
        self.button.setProperty("role", "primary")
        self.button.setMinimumHeight(44)
        self.button.clicked.connect(self.open_dialog)
        layout.addWidget(self.button)
        self.hide()

    def show_for(self, checked_in: bool, now: datetime) -> None:
        """Show the card if it is evening (`now` is local time) and the check-in is not done."""
        self.setVisible(now.hour >= EVENING_HOUR and not checked_in)

    def open_dialog(self) -> CheckInDialog:
        from coach.ui.diary.checkin_dialog import CheckInDialog

        self.dialog = CheckInDialog(self.ui, parent=self.window())
        self.dialog.open()
        return self.dialog
