"""A tray icon with the next reminder's time and the same actions as the banner.

Only where the desktop has a tray host (KDE, Xfce, Windows, macOS's menu bar; stock GNOME has
none, and there QSystemTrayIcon would be silently invisible): `reminder_tray` returns None
and background.py explains once what closing the window does instead. The icon is never used
for notifications (showMessage is lost without a host and carries no buttons); those are
notifications.py's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from coach import APP_NAME
from coach.ui.reminders import words
from coach.ui.reminders.watch import ReminderWatch


class ReminderTray(QObject):
    quit_requested = Signal()

    def __init__(self, watch: ReminderWatch, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.menu = QMenu()
        self.menu.addAction(f"Open {APP_NAME}").triggered.connect(watch.show_window)
        self.start_menu = self.menu.addMenu(words.START)
        self.snooze_menu = self.menu.addMenu(words.SNOOZE)
        for choice, text in words.SNOOZE_CHOICES.items():
            action = self.snooze_menu.addAction(text)
            action.triggered.connect(lambda _=False, c=choice: watch.snooze(c, self))
        self.menu.addSeparator()
        self.menu.addAction(f"Quit {APP_NAME}").triggered.connect(self.quit_requested)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        watch.changed.connect(self.update_from_watch)
        self.update_from_watch()
        self.icon.show()

    def update_from_watch(self) -> None:
        due = self.watch.due
        if due:
            tip = f"{words.TITLE}: {words.summary(due)}"
        else:
            zone = self.watch.ui.app.profile.time_zone() if self.watch.ui.ready else None
            reminder = self.watch.next_reminder()
            tip = words.next_at(reminder, zone) if zone is not None else APP_NAME
        self.icon.setToolTip(tip)
        self.start_menu.clear()
        for reminder in due:
            action = self.start_menu.addAction(reminder.name)
            action.triggered.connect(
                lambda _=False, pid=reminder.programme_id: self.watch.start(pid)
            )
        self.start_menu.setEnabled(bool(due))
        self.snooze_menu.setEnabled(bool(due))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.watch.show_window()

    def close(self) -> None:
        self.icon.hide()


def reminder_tray(
    watch: ReminderWatch, icon: QIcon, parent: QObject | None = None
) -> ReminderTray | None:
    return ReminderTray(watch, icon, parent) if QSystemTrayIcon.isSystemTrayAvailable() else None
