"""The evening check-in card for the Today page.

It shows itself from EVENING_HOUR (the user's local time) until midnight when today has no
check-in yet, and opens the check-in dialog. It re-checks when the diary changes and once a
minute, so it appears when evening comes without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.services.changes import Area, Changes
from coach.ui.context import UiContext
from coach.ui.diary.checkin_dialog import CheckInDialog
from coach.ui.widgets import label

EVENING_HOUR = 18
RECHECK_MS = 60_000


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
        ui.hub.changed.connect(self._on_changes)
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.update_visibility)
        self._timer.start()
        self.update_visibility()

    def due(self) -> bool:
        app = self.ui.app
        now = app.clock.now().astimezone(app.profile.time_zone())
        return now.hour >= EVENING_HOUR and app.diary.checkin_on(now.date()) is None

    def update_visibility(self) -> None:
        self.setVisible(self.due())

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.DIARY, Area.PROFILE):
            self.update_visibility()

    def open_dialog(self) -> CheckInDialog:
        self.dialog = CheckInDialog(self.ui, parent=self.window())
        self.dialog.open()
        return self.dialog


def create_card(ui: UiContext) -> QWidget:
    return CheckInPrompt(ui)
