"""The reminder outputs of one main window, built together and only once the window is drawn.

None of them is needed to paint: the banner is hidden until something is due (and the first look
at the schedule waits a moment anyway, watch.py), and the tray, the desktop notifications and the
chime matter only later. Built before the first paint, their modules (D-Bus, the tray, the
background portal) would delay it; the main window builds them a moment after it
(MainWindow.reminder_parts, main_window.REMINDERS_AFTER_PAINT_MS), or earlier if something
asks for one first.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow

from coach.ui.context import UiContext
from coach.ui.reminders.background import Background
from coach.ui.reminders.banner import ReminderBanner
from coach.ui.reminders.chime import ReminderChime
from coach.ui.reminders.notifications import DesktopNotifications, desktop_notifications
from coach.ui.reminders.watch import ReminderWatch


class ReminderParts(NamedTuple):
    watch: ReminderWatch
    banner: ReminderBanner
    notifications: DesktopNotifications | None  # None where no notification service is known
    chime: ReminderChime
    background: Background


def build_reminder_parts(ui: UiContext, window: QMainWindow, icon: QIcon) -> ReminderParts:
    """Every output over one watch, owned by `window`; the banner is left for it to place."""
    watch = ReminderWatch(ui, window)
    notifications = desktop_notifications(watch, window)
    background = Background(watch, icon, window)
    if ui.ready:
        # Built after the data opened, the background missed the change that said so: the tray
        # shows now if reminders are on, rather than when the schedule next changes.
        background.update_tray()
    return ReminderParts(
        watch=watch,
        banner=ReminderBanner(watch),
        notifications=notifications,
        chime=ReminderChime(watch, notifications, window),
        background=background,
    )
