"""Desktop notifications over a private D-Bus session bus, to python-dbusmock's notification
server: a due reminder is notified once with its buttons, "Start now" opens the pre-session
check in the real window, "Snooze" hides the banner and withdraws the notification."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.ui.main_window import MainWindow
from coach.ui.pages.today import TodayPage
from coach.ui.reminders.notifications import DesktopNotifications

RETRACTION = ProgrammeItem("chin-tuck-sitting", Dosage(reps=10, hold_s=2))
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
MOCK = "org.freedesktop.DBus.Mock"


def dbusmock_python() -> str | None:
    """An interpreter that has python-dbusmock: this one, or the system's (python3-dbusmock)."""
    if importlib.util.find_spec("dbusmock") is not None:
        return sys.executable
    system = shutil.which("python3", path="/usr/bin")
    if system is None:
        return None
    found = subprocess.run([system, "-c", "import dbusmock"], capture_output=True, check=False)
    return system if found.returncode == 0 else None


class MockServer:
    """The notification server mock, asked through its org.freedesktop.DBus.Mock interface."""

    def __init__(self, address: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(address)
        self.mock = DBusAddress(PATH, bus_name=SERVICE, interface=MOCK)

    def _call(self, method: str, signature: str = "", body: tuple[Any, ...] = ()) -> Any:
        from jeepney import new_method_call

        reply = self.conn.send_and_get_reply(
            new_method_call(self.mock, method, signature, body), timeout=5
        )
        return reply.body

    def calls(self, method: str) -> list[list[Any]]:
        [log] = self._call("GetCalls")
        return [[value for _sig, value in args] for _when, name, args in log if name == method]

    def press(self, notification_id: int, key: str) -> None:
        self._call(
            "EmitSignal",
            "sssav",
            (SERVICE, "ActionInvoked", "us", [("u", notification_id), ("s", key)]),
        )


def wait_for_name(address: str, name: str) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
    with open_dbus_connection(address) as conn:
        for _ in range(400):  # the mock takes a moment to claim its name
            reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)))
            if reply.body[0]:
                return
            time.sleep(0.025)
    raise RuntimeError(f"{name} never appeared on the test bus")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MockServer]:
    daemon_program = shutil.which("dbus-daemon")
    if daemon_program is None:
        pytest.skip("dbus-daemon is not installed (Debian: apt install dbus-daemon)")
    python = dbusmock_python()
    if python is None:
        pytest.skip("python-dbusmock is not installed (Debian: apt install python3-dbusmock)")
    daemon = subprocess.Popen(
        [daemon_program, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # it warns that it may not raise its fd limit: harmless
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    capabilities = json.dumps({"capabilities": "body actions sound"})
    log = (tmp_path / "dbusmock.log").open("w")
    mock = subprocess.Popen(
        [python, "-m", "dbusmock", "--template", "notification_daemon", "-p", capabilities],
        stdout=log,
        stderr=log,
    )
    try:
        wait_for_name(address, SERVICE)
        server = MockServer(address)
        yield server
        server.conn.close()
    finally:
        mock.terminate()
        mock.wait(10)
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()
        log.close()


def focus_elsewhere(qtbot: QtBot) -> QWidget:
    """Another window takes the focus, as another program's would: Coach's is not active."""
    other = QWidget()
    other.setWindowTitle("Another program")
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    return other


@pytest.fixture
def window(
    server: MockServer, back_routine: int, main_window: MainWindow, qtbot: QtBot
) -> MainWindow:
    """Built after the server fixture: the window looks for a session bus when it is made.
    The patient is in another program, so reminders go to the desktop."""
    focus_elsewhere(qtbot)
    assert not main_window.reminders.window_active()
    return main_window


def notifications_of(window: MainWindow) -> DesktopNotifications:
    assert window.notifications is not None  # a session bus is there
    return window.notifications


def test_a_due_reminder_is_notified_once_with_its_buttons(
    window: MainWindow, server: MockServer, qtbot: QtBot
) -> None:
    window.reminders.refresh()
    qtbot.waitUntil(lambda: len(server.calls("Notify")) == 1)
    [[app, replaces, _icon, title, body, actions, hints, timeout]] = server.calls("Notify")
    assert (app, replaces, title, body, timeout) == (
        "Coach",
        0,
        "Time for your exercises",
        "Back routine: session 1 of 3 today",
        0,
    )
    assert actions == ["start", "Start now", "15min", "Snooze 15 min", "1h", "Snooze 1 hour"]
    assert hints["sound-name"] == ("s", "message-new-instant")
    window.reminders.refresh()  # still due: not notified again
    window.reminders.changed.emit()
    assert notifications_of(window).unavailable == ""
    assert len(server.calls("Notify")) == 1


def test_start_now_opens_the_pre_session_check(
    window: MainWindow, server: MockServer, qtbot: QtBot
) -> None:
    window.show_page(1)
    # That page loads in the background: let it finish, or its result would arrive after
    # the test, for a page already gone.
    qtbot.waitUntil(lambda: not window.ui.tasks.busy)
    window.reminders.refresh()
    qtbot.waitUntil(lambda: bool(server.calls("Notify")))
    bus = notifications_of(window).bus
    assert bus is not None
    qtbot.waitUntil(lambda: bool(bus.known_ids()))  # the server's reply has arrived
    server.press(bus.known_ids()[0], "start")
    today = window.page("today")
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.player is not None and today.player.isVisible())
    assert today.player is not None
    assert window.stack.currentWidget() is today
    assert today.player.stack.currentWidget() is today.player.precheck
    assert today.player.plan.programme.name == "Back routine"


def test_snooze_hides_the_banner_and_withdraws_the_notification(
    window: MainWindow, server: MockServer, qtbot: QtBot
) -> None:
    window.reminders.refresh()
    assert window.reminder_banner.isVisible()
    qtbot.waitUntil(lambda: bool(server.calls("Notify")))
    bus = notifications_of(window).bus
    assert bus is not None
    qtbot.waitUntil(lambda: bool(bus.known_ids()))
    [notification_id] = bus.known_ids()
    server.press(notification_id, "15min")
    qtbot.waitUntil(lambda: not window.reminder_banner.isVisible())
    assert window.ui.app.reminders.snoozed_until() is not None
    qtbot.waitUntil(lambda: server.calls("CloseNotification") == [[notification_id]])


@pytest.mark.usefixtures("server", "back_routine")
def test_no_notification_while_the_window_is_active(
    main_window: MainWindow, server: MockServer, qtbot: QtBot
) -> None:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    main_window.reminders.refresh()
    assert main_window.reminder_banner.isVisible()  # the banner is enough
    assert main_window.reminder_chime.played == 1  # and Coach plays the sound itself
    focus_elsewhere(qtbot)
    main_window.reminders.changed.emit()  # the same reminder, seen: not notified later
    programmes = main_window.ui.app.programmes
    _, changes = programmes.create(
        Programme(uid="", name="Neck", start_date=programmes.today(), items=(RETRACTION,))
    )
    main_window.ui.apply(changes)
    main_window.reminders.refresh()  # a reminder due while away: notified, no chime from Coach
    qtbot.waitUntil(lambda: len(server.calls("Notify")) == 1)
    [[*_, body, _actions, _hints, _timeout]] = server.calls("Notify")
    assert body == "Neck: today's session"
    assert main_window.reminder_chime.played == 1
