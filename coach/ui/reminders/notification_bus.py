"""Desktop notifications with action buttons over D-Bus (org.freedesktop.Notifications).

Why jeepney and not desktop-notifier: both were judged for this. desktop-notifier offers one API
for Linux, macOS and Windows, but on Linux it drives dbus-fast through asyncio, so a Qt app has
to run and feed a second event loop on a thread of its own, and it pulls a compiled D-Bus
library plus per-platform back ends (winrt, rubicon-objc) that macOS only honours in a signed
bundle. jeepney is pure Python, has no dependencies, and was measured sending a correct Notify
call with action buttons to GNOME Shell (QtDBus from Python sends a wrongly typed integer, which
strict servers refuse; QSystemTrayIcon.showMessage is silently lost without a tray host). The
D-Bus conversation is small (Notify, CloseNotification, two signals), so the thin layer below
is all Coach needs on Linux; on macOS and Windows the window's banner is the reminder for now.

Nothing here touches Qt, and nothing blocks the caller: one worker thread owns the connection,
sends what `notify` and `withdraw` queue, and hands each button press to `on_event` on that
thread (the GUI side passes a function that only puts it in a queue; see notifications.py).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coach import APP_ID

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
POLL_S = 0.2  # how soon a queued notification goes out while the thread waits for signals
REPLY_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Action:
    """A button (or the notification itself, key "default") was pressed."""

    tag: str
    key: str


@dataclass(frozen=True)
class Unavailable:
    """No session bus or no notification server: the banner has to do."""

    reason: str


Event = Action | Unavailable


@dataclass(frozen=True)
class _Show:
    tag: str
    title: str
    body: str
    actions: tuple[tuple[str, str], ...]  # (key, label)
    sound: bool


@dataclass(frozen=True)
class _Withdraw:
    tag: str


class NotificationBus:
    def __init__(self, app_name: str, on_event: Callable[[Event], None]) -> None:
        self._app_name = app_name
        self._on_event = on_event
        self._requests: queue.SimpleQueue[_Show | _Withdraw | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ids: dict[str, int] = {}  # tag -> the server's notification id
        self.actions_supported = True

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="coach-notifications", daemon=True)
        self._thread.start()

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        *,
        sound: bool = True,
    ) -> None:
        """Show (or replace: same tag) a notification; returns at once."""
        self._requests.put(_Show(tag, title, body, tuple(actions), sound))

    def withdraw(self, tag: str) -> None:
        """Take the notification with this tag off the screen, if it is still there."""
        self._requests.put(_Withdraw(tag))

    def known_ids(self) -> list[int]:
        """The server's ids of the notifications on screen (a copy: the thread changes them)."""
        return list(self._ids.copy().values())

    def close(self, timeout: float = 2.0) -> None:
        self._requests.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    # -- the worker thread ----------------------------------------------------------------

    def _run(self) -> None:
        from jeepney import DBusAddress, MatchRule, MessageType, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        server = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        try:
            conn = open_dbus_connection("SESSION")
        except (OSError, KeyError, ValueError, StopIteration) as exc:
            self._on_event(Unavailable(f"no D-Bus session bus: {exc}"))
            return
        with conn:
            try:
                rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
                conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT_S)
                reply = conn.send_and_get_reply(
                    new_method_call(server, "GetCapabilities"), timeout=REPLY_TIMEOUT_S
                )
            except (OSError, TimeoutError) as exc:
                self._on_event(Unavailable(f"the session bus did not answer: {exc}"))
                return
            if reply.header.message_type is MessageType.error:
                self._on_event(Unavailable("no notification server on the session bus"))
                return
            self.actions_supported = "actions" in reply.body[0]
            pending: dict[int, str] = {}  # serial of a Notify call -> its tag
            tags: dict[int, str] = {}  # notification id -> tag
            while True:
                try:
                    if not self._send_queued(conn, server, pending):
                        return
                    message = conn.receive(timeout=POLL_S)
                except TimeoutError:
                    continue
                except OSError as exc:
                    self._on_event(Unavailable(f"the session bus went away: {exc}"))
                    return
                self._handle(message, pending, tags)

    def _send_queued(self, conn: Any, server: Any, pending: dict[int, str]) -> bool:
        """Send every queued request; False once `close` asked the thread to end."""
        from jeepney import new_method_call

        while True:
            try:
                request = self._requests.get_nowait()
            except queue.Empty:
                return True
            if request is None:
                return False
            if isinstance(request, _Withdraw):
                known = self._ids.pop(request.tag, None)
                if known is not None:
                    conn.send(new_method_call(server, "CloseNotification", "u", (known,)))
                continue
            actions = [part for pair in request.actions for part in pair]
            if not self.actions_supported:
                actions = []
            hints: dict[str, tuple[str, Any]] = {
                "urgency": ("y", 1),
                "category": ("s", "x-coach.reminder"),
                "desktop-entry": ("s", APP_ID),
            }
            if request.sound:
                hints["sound-name"] = ("s", "message-new-instant")
            else:
                hints["suppress-sound"] = ("b", True)
            message = new_method_call(
                server,
                "Notify",
                "susssasa{sv}i",
                (
                    self._app_name,
                    self._ids.get(request.tag, 0),
                    "",
                    request.title,
                    request.body,
                    actions,
                    hints,
                    0,  # stays until the patient answers it: a reminder is not a toast
                ),
            )
            serial = next(conn.outgoing_serial)
            conn.send(message, serial=serial)
            pending[serial] = request.tag

    def _handle(self, message: Any, pending: dict[int, str], tags: dict[int, str]) -> None:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type is MessageType.method_return:
            tag = pending.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
            if tag is not None:
                notification_id = int(message.body[0])
                self._ids[tag] = notification_id
                tags[notification_id] = tag
            return
        if header.message_type is not MessageType.signal:
            return
        member = header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, key = message.body
            tag = tags.get(int(notification_id))
            if tag is not None:
                self._on_event(Action(tag, str(key)))
        elif member == "NotificationClosed":
            tag = tags.pop(int(message.body[0]), None)
            if tag is not None and self._ids.get(tag) == int(message.body[0]):
                del self._ids[tag]
