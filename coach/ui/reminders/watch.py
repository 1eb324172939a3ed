"""Keeps the due reminders current for the banner, the notifications and the tray.

The schedule is a function of "now" (coach.domain.reminders), so the watch only asks again:
every half minute, and whenever a change is published (a session logged, a snooze, new
settings). A computer waking from sleep is caught up on the next poll, as one reminder per
programme, never a burst. The first look waits a moment after the window is built, so the
first paint does not wait for the sessions service.

The watch also carries out what every output offers: "Start now" (the window comes forward and
the Today page opens the pre-session check) and "Snooze".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from coach.domain.reminders import Reminder, Snooze
from coach.services.changes import Area, Changes
from coach.ui.context import UiContext
from coach.ui.ops import mutate

POLL_MS = 30_000
FIRST_LOOK_MS = 1_500
AREAS = (Area.PROFILE, Area.SETTINGS, Area.PROGRAMMES, Area.SESSIONS, Area.EVERYTHING)


class ReminderWatch(QObject):
    changed = Signal()  # `due` or `upcoming` is different from before

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.due: list[Reminder] = []
        self.upcoming: list[Reminder] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        QTimer.singleShot(FIRST_LOOK_MS, self, self.refresh)
        ui.hub.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(*AREAS):
            self.refresh()

    def now(self) -> datetime:
        return self.ui.clock.now()

    def refresh(self) -> None:
        if not self.ui.ready:
            return
        upcoming = self.ui.app.own_patient().reminders.upcoming()
        now = self.now()
        due = [r for r in upcoming if r.is_due(now)]
        if (due, upcoming) != (self.due, self.upcoming):
            self.due, self.upcoming = due, upcoming
            self.changed.emit()

    def next_reminder(self) -> Reminder | None:
        """The soonest one not yet due, for the tray's tooltip."""
        waiting = [r for r in self.upcoming if r not in self.due]
        return waiting[0] if waiting else None

    def window_active(self) -> bool:
        """Whether the patient is looking at Coach: its window shown and focused. The banner
        reminds them then, with no desktop notification on top (notifications.py)."""
        window = self.ui.window
        return (
            window is not None
            and window.isVisible()
            and not window.isMinimized()
            and window.isActiveWindow()
        )

    def show_window(self) -> None:
        """Bring Coach's window forward: it may be minimised or behind other windows."""
        window = self.ui.window
        if window is not None:
            if window.isMinimized() or not window.isVisible():
                window.showNormal()
            window.raise_()
            window.activateWindow()

    def start(self, programme_id: int) -> None:
        """What "Start now" does: Coach comes forward on that programme's pre-session check."""
        self.show_window()
        self.ui.navigator.go("today", "start", programme_id)

    def snooze(self, choice: Snooze, initiator: object | None = None) -> None:
        mutate(
            self.ui,
            initiator,
            lambda app: app.own_patient().reminders.snooze(choice),
            title="Snooze",
        )
