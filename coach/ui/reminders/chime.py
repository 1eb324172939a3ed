"""The reminder's sound: a short chime when a reminder falls due, if the sound is on.

A desktop notification asks the notification server for its own sound (notifications.py), so
the chime plays only where no notification goes out: while Coach's window is active, or where
there is no notification service (Windows, macOS, a desktop without one). Each reminder chimes
once while due; after a snooze it chimes again. The tone is the session's "done" chime from the
player's sounds, made the same way and as silent without QtMultimedia (no error: the banner
still shows).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from coach.domain.cues import CueKind
from coach.services.settings import REMINDER_SOUND, SESSION_VOLUME
from coach.ui.reminders.watch import ReminderWatch

if TYPE_CHECKING:
    from coach.ui.reminders.notifications import DesktopNotifications

TONE = CueKind.DONE


class ReminderChime(QObject):
    def __init__(
        self,
        watch: ReminderWatch,
        notifications: DesktopNotifications | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.watch = watch
        self.notifications = notifications
        self.played = 0  # chimes asked for, heard or not (for the tests and the curious)
        self._heard: set[tuple[int, date, int]] = set()  # the keys of the due reminders
        self._effect: Any = None
        self._loaded = False
        watch.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        due = {r.key for r in self.watch.due}
        new = due - self._heard
        self._heard = due
        settings = self.watch.ui.app.settings if self.watch.ui.ready else None
        if new and settings is not None and settings.get(REMINDER_SOUND) and self._ours():
            self.play()

    def _ours(self) -> bool:
        """Whether no notification carries the sound: the window is active, or none is sent."""
        notifications = self.notifications
        return (
            self.watch.window_active() or notifications is None or bool(notifications.unavailable)
        )

    def play(self) -> None:
        if not self._loaded:  # QtMultimedia is loaded with the first chime, not at start-up
            from coach.ui.player.sounds import sound_effects

            self._loaded = True
            volume = self.watch.ui.app.settings.get(SESSION_VOLUME) / 100
            effects, _reason = sound_effects(volume, self, (TONE,))
            self._effect = effects.get(TONE)
        self.played += 1
        if self._effect is not None:
            self._effect.play()
