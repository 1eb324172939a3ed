"""Holds back clicks and keys meant for a window whose services are still opening.

When the first screen comes from the start-up cache, the main window is on screen a fraction of
a second before the database is open. A click in that moment would reach code that needs the
services, so input to that window is dropped until `release`. Other windows (a message about
the data, say) are not held.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

HELD = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)


class InputHold(QObject):
    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._held = True
        app.installEventFilter(self)
        window.destroyed.connect(self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in HELD and self._aimed_at_window(watched):
            return True
        return super().eventFilter(watched, event)

    def _aimed_at_window(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self._window
        return watched is self._window.windowHandle()

    def release(self) -> None:
        """Let input through again (also when the window goes, so nothing outlives it)."""
        if self._held:
            self._held = False
            self._app.removeEventFilter(self)
            self.deleteLater()
