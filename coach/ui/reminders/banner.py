"""The reminder banner above the pages: what is due now, "Start now" and "Snooze".

It is the one output that always works (no tray host or notification server needed), so it
shows whatever the desktop does with notifications. Hidden while nothing is due. With several
programmes due, "Start now" asks which one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.domain.reminders import Snooze
from coach.ui import style
from coach.ui.reminders import words
from coach.ui.reminders.watch import ReminderWatch
from coach.ui.widgets import label


class ReminderBanner(QFrame):
    def __init__(self, watch: ReminderWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.setObjectName("reminderBanner")
        # Local to the banner, so the shared style sheet (style.py) is left alone.
        self.setStyleSheet(
            f"#reminderBanner {{ background: #e1ecf7; border-bottom: 2px solid {style.ACCENT}; }}"
        )
        self.setAccessibleName(words.TITLE)
        self.title = label(words.TITLE, role="subheading")
        self.text = label("")
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        self.start_button = QPushButton(words.START)
        self.start_button.setProperty("role", "primary")
        self.start_button.setMinimumHeight(40)
        self.start_button.clicked.connect(self._start_first)
        self.start_menu = QMenu(self)
        self.snooze_button = QPushButton(words.SNOOZE)
        self.snooze_button.setMinimumHeight(40)
        self.snooze_menu = QMenu(self)
        self.snooze_actions: dict[Snooze, QAction] = {}
        for choice, text in words.SNOOZE_CHOICES.items():
            action = self.snooze_menu.addAction(text)
            action.triggered.connect(lambda _=False, c=choice: self.watch.snooze(c, self))
            self.snooze_actions[choice] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(12)
        layout.addLayout(texts, 1)
        layout.addWidget(self.start_button)
        layout.addWidget(self.snooze_button)
        watch.changed.connect(self.update_from_watch)
        self.update_from_watch()

    def update_from_watch(self) -> None:
        due = self.watch.due
        self.setVisible(bool(due))
        if not due:
            return
        self.text.setText(words.summary(due))
        self.start_menu.clear()
        if len(due) > 1:
            for reminder in due:
                action = self.start_menu.addAction(reminder.name)
                action.triggered.connect(
                    lambda _=False, pid=reminder.programme_id: self.watch.start(pid)
                )
            self.start_button.setMenu(self.start_menu)
        else:
            self.start_button.setMenu(None)  # type: ignore[arg-type]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # new text, or the style's fonts arrived
            self._fit(self.width())
        return handled

    def _fit(self, width: int) -> None:
        # The window's layouts do not ask a wrapped label for its height at this width (large
        # text wraps the line); ask here, so the second line is never cut off.
        layout = self.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else -1
        if needed > 0 and needed != self.height():
            self.setFixedHeight(needed)

    def _start_first(self) -> None:
        if len(self.watch.due) == 1:
            self.watch.start(self.watch.due[0].programme_id)
