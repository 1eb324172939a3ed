"""Coach in the background: closing the window can leave it running, so reminders still come.

Off by default (a patient who did not ask for reminders expects a closed window to mean a
closed app). When on, the window hides instead of closing; the tray icon brings it back where
the desktop has a tray, and elsewhere (stock GNOME) the patient is told once how to find and
quit the unseen Coach: from the applications menu (one instance, so that brings this one
forward) and File ▸ Quit. The tray is there whenever reminders are active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle

from coach import APP_NAME
from coach.services.changes import Area, Changes
from coach.services.settings import KEEP_RUNNING, NO_TRAY_EXPLAINED
from coach.ui.ops import mutate
from coach.ui.reminders.watch import ReminderWatch

if TYPE_CHECKING:
    from coach.ui.reminders.tray import ReminderTray

NO_TRAY_TITLE = f"{APP_NAME} keeps running"
NO_TRAY_TEXT = (
    f"{APP_NAME} is still running, so your reminders will come. Your desktop has no tray "
    f"area for its icon: to open the window again, start {APP_NAME} from your applications "
    "menu. To stop it, choose File ▸ Quit."
)


class Background(QObject):
    quit_requested = Signal()

    def __init__(self, watch: ReminderWatch, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.tray: ReminderTray | None = None
        self.explanation: QMessageBox | None = None
        self._icon = icon
        watch.changed.connect(self.update_tray)
        watch.ui.hub.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(Area.SETTINGS, Area.PROFILE, Area.EVERYTHING):
            self.update_tray()

    def keeps_running(self) -> bool:
        """Whether closing the window only hides it: chosen, and there are reminders to give."""
        ui = self.watch.ui
        return (
            ui.ready
            and ui.app.settings.get(KEEP_RUNNING)
            and ui.app.own_patient().reminders.active()
        )

    def update_tray(self) -> None:
        ui = self.watch.ui
        wanted = ui.ready and ui.app.own_patient().reminders.active()
        if wanted and self.tray is None:
            from coach.ui.reminders.tray import reminder_tray  # once the data is open

            icon = self._icon
            if icon.isNull():
                style = QApplication.style()
                icon = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
            self.tray = reminder_tray(self.watch, icon, self)
            if self.tray is not None:
                self.tray.quit_requested.connect(self.quit_requested)
        elif not wanted and self.tray is not None:
            self.tray.close()
            self.tray = None

    def went_to_background(self) -> None:
        """The window was hidden: where no tray icon shows the way back, say so, once."""
        # With the window hidden, closing a player window must not end Coach; close() ends it.
        QApplication.setQuitOnLastWindowClosed(False)
        ui = self.watch.ui
        if self.tray is not None or ui.app.settings.get(NO_TRAY_EXPLAINED):
            return
        box = QMessageBox(QMessageBox.Icon.Information, NO_TRAY_TITLE, NO_TRAY_TEXT)
        box.open()
        self.explanation = box
        mutate(ui, self, lambda app: app.settings.set(NO_TRAY_EXPLAINED, True))

    def close(self) -> None:
        """Coach is closing for good."""
        if self.tray is not None:
            self.tray.close()
            self.tray = None
        if not QApplication.quitOnLastWindowClosed():
            QApplication.setQuitOnLastWindowClosed(True)
            QApplication.quit()  # nothing else ends the event loop once it was kept running
