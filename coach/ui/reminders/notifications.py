"""Due reminders as desktop notifications with "Start now" and "Snooze" buttons (Linux).

Each due reminder is notified once (its key names the programme, the day and which session),
and taken off the screen when it is no longer due: done, snoozed, or Coach closing. One that
falls due while Coach's window is active is not notified: the banner is in front of the patient.
The D-Bus side runs on its own thread (notification_bus.py) and never calls Qt: a button press comes
back through a queue and one byte on a pipe that a QSocketNotifier watches, so it is handled
on the GUI thread without polling. The bus is opened with the first due reminder, not at
start-up, and the D-Bus module is imported then too.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier

from coach import APP_NAME
from coach.domain.reminders import Reminder, Snooze
from coach.services.settings import REMINDER_SOUND
from coach.ui.reminders import words
from coach.ui.reminders.watch import ReminderWatch

if TYPE_CHECKING:
    from coach.ui.reminders.notification_bus import Action, Event, NotificationBus

START_KEY = "start"
ACTIONS = (
    (START_KEY, words.START),
    (Snooze.QUARTER_HOUR.value, "Snooze 15 min"),
    (Snooze.HOUR.value, "Snooze 1 hour"),
)


def tag_of(reminder: Reminder) -> str:
    return f"{reminder.programme_id}/{reminder.day.isoformat()}/{reminder.session}"


class DesktopNotifications(QObject):
    def __init__(self, watch: ReminderWatch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.bus: NotificationBus | None = None
        self.shown: dict[str, Reminder] = {}  # tag -> the reminder on screen
        self.seen_in_window: set[str] = set()  # due while Coach's window was active
        self.unavailable = ""  # why notifications cannot be shown, once that is known
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._wake = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._wake.activated.connect(self._deliver)
        watch.changed.connect(self.update_from_watch)

    def update_from_watch(self) -> None:
        if self.unavailable:
            return
        due = {tag_of(r): r for r in self.watch.due}
        for tag in [t for t in self.shown if t not in due]:
            self._bus().withdraw(tag)
        self.seen_in_window &= due.keys()
        new = {t: r for t, r in due.items() if t not in self.shown and t not in self.seen_in_window}
        if new and self.watch.window_active():
            # The patient is looking at Coach: the banner says it, with its chime (chime.py);
            # nor is it notified later, once seen.
            self.seen_in_window |= new.keys()
            new = {}
        if new:
            sound = self.watch.ui.app.settings.get(REMINDER_SOUND)
            for tag, reminder in new.items():
                self._bus().notify(tag, words.TITLE, words.one(reminder), ACTIONS, sound=sound)
        self.shown = {t: r for t, r in due.items() if t in self.shown or t in new}

    def _bus(self) -> NotificationBus:
        if self.bus is None:
            from coach.ui.reminders.notification_bus import NotificationBus

            self.bus = NotificationBus(APP_NAME, self._from_worker)
            self.bus.start()
        return self.bus

    def _from_worker(self, event: Event) -> None:
        """On the bus thread: only a queue and a pipe, no Qt."""
        self._events.put(event)
        with contextlib.suppress(BlockingIOError):  # a wake-up is already waiting
            os.write(self._write, b"!")

    def _deliver(self) -> None:
        from coach.ui.reminders.notification_bus import Action, Unavailable

        with contextlib.suppress(BlockingIOError):
            os.read(self._read, 512)
        while True:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            if isinstance(event, Unavailable):
                self.unavailable = event.reason
            elif isinstance(event, Action):
                self._act(event)

    def _act(self, action: Action) -> None:
        programme_id = int(action.tag.split("/", 1)[0])
        if action.key == START_KEY:
            self.watch.start(programme_id)
        elif action.key in {Snooze.QUARTER_HOUR.value, Snooze.HOUR.value}:
            self.watch.snooze(Snooze(action.key), self)
        else:  # "default": the notification itself was clicked
            self.watch.show_window()

    def close(self) -> None:
        """Take Coach's notifications off the screen (their buttons would do nothing)."""
        if self.bus is not None:
            for tag in self.shown:
                self.bus.withdraw(tag)
            self.bus.close()
            self.bus = None
        self.shown = {}
        if self._read >= 0:
            self._wake.setEnabled(False)
            os.close(self._read)
            os.close(self._write)
            self._read = self._write = -1


def desktop_notifications(
    watch: ReminderWatch, parent: QObject | None = None
) -> DesktopNotifications | None:
    """Notifications where a D-Bus session exists; elsewhere the banner alone reminds."""
    return DesktopNotifications(watch, parent) if session_bus_expected() else None


def session_bus_expected() -> bool:
    """Whether a D-Bus session can be expected here (Linux and the BSDs with a session bus)."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd")) and bool(
        os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    )
