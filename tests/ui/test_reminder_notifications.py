"""Desktop notifications over a private D-Bus session bus, to python-dbusmock's notification
server: a due reminder is notified once with its buttons, "Start now" opens the pre-session
check in the real window, "Snooze" hides the banner and withdraws the notification."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_mock import MockClient, mock_service
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


class MockServer(MockClient):
    """The notification server mock."""

    def __init__(self, address: str) -> None:
        super().__init__(address, SERVICE, PATH)

    def press(self, notification_id: int, key: str) -> None:
        self.call(
            "EmitSignal",
            "sssav",
            (SERVICE, "ActionInvoked", "us", [("u", notification_id), ("s", key)]),
        )


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MockServer]:
    capabilities = json.dumps({"capabilities": "body actions sound"})
    arguments = ["--template", "notification_daemon", "-p", capabilities]
    with mock_service(monkeypatch, tmp_path, SERVICE, arguments) as address:
        server = MockServer(address)
        yield server
        server.conn.close()


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
    assert window.ui.scope.reminders.snoozed_until() is not None
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
    programmes = main_window.ui.scope.programmes
    _, changes = programmes.create(
        Programme(uid="", name="Neck", start_date=programmes.today(), items=(RETRACTION,))
    )
    main_window.ui.apply(changes)
    main_window.reminders.refresh()  # a reminder due while away: notified, no chime from Coach
    qtbot.waitUntil(lambda: len(server.calls("Notify")) == 1)
    [[*_, body, _actions, _hints, _timeout]] = server.calls("Notify")
    assert body == "Neck: today's session"
    assert main_window.reminder_chime.played == 1
