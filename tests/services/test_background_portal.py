"""Start at login inside a Flatpak goes through the background portal: the message that would
be sent, and the call as a portal mock on a private session bus receives it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.services import autostart, background_portal

ARGV = ["/app/bin/python3", "-m", "coach", "--background"]
MOCK = "org.freedesktop.DBus.Mock"


def test_the_request_asks_for_autostart_with_coachs_command() -> None:
    message = background_portal.request_message(True, ARGV, "So reminders come.", "coach1")
    fields = {field.name: value for field, value in message.header.fields.items()}
    assert fields == {
        "path": "/org/freedesktop/portal/desktop",
        "destination": "org.freedesktop.portal.Desktop",
        "interface": "org.freedesktop.portal.Background",
        "member": "RequestBackground",
        "signature": "sa{sv}",
    }
    parent, options = message.body
    assert parent == ""  # no parent window to attach the portal's question to
    assert options == {
        "handle_token": ("s", "coach1"),
        "reason": ("s", "So reminders come."),
        "autostart": ("b", True),
        "commandline": ("as", ARGV),
        "dbus-activatable": ("b", False),
    }


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Coach as inside a Flatpak: /.flatpak-info exists, and its own config folder."""
    info = tmp_path / ".flatpak-info"
    info.write_text("[Application]\nname=org.coachapp.Coach\n")
    monkeypatch.setattr(background_portal, "FLATPAK_INFO", info)
    monkeypatch.setattr(autostart, "command", lambda: ARGV)
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


class Portal:
    """python-dbusmock standing in for xdg-desktop-portal, asked through its Mock interface."""

    def __init__(self, address: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(address)
        self.mock = DBusAddress(
            background_portal.PORTAL_PATH, bus_name=background_portal.PORTAL_NAME, interface=MOCK
        )

    def call(self, method: str, signature: str = "", body: tuple[Any, ...] = ()) -> Any:
        from jeepney import new_method_call

        message = new_method_call(self.mock, method, signature, body)
        return self.conn.send_and_get_reply(message, timeout=5).body

    def requests(self) -> list[list[Any]]:
        [log] = self.call("GetCalls")
        return [[v for _sig, v in args] for _when, name, args in log if name == "RequestBackground"]


def _dbusmock_python() -> str | None:
    for python in (sys.executable, shutil.which("python3", path="/usr/bin")):
        if python is None:
            continue
        found = subprocess.run([python, "-c", "import dbusmock"], capture_output=True, check=False)
        if found.returncode == 0:
            return python
    return None


def _wait_for_name(address: str, name: str) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
    with open_dbus_connection(address) as conn:
        for _ in range(400):  # the mock takes a moment to claim its name
            reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)))
            if reply.body[0]:
                return
            time.sleep(0.025)
    raise AssertionError(f"{name} never appeared on the test bus")


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Portal]:
    daemon_program, python = shutil.which("dbus-daemon"), _dbusmock_python()
    if daemon_program is None or python is None:
        pytest.skip("needs dbus-daemon and python-dbusmock (Debian: dbus-daemon python3-dbusmock)")
    daemon = subprocess.Popen(
        [daemon_program, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    log = (tmp_path / "dbusmock.log").open("w")
    mock = subprocess.Popen(
        [
            python,
            "-m",
            "dbusmock",
            background_portal.PORTAL_NAME,
            background_portal.PORTAL_PATH,
            background_portal.INTERFACE,
        ],
        stdout=log,
        stderr=log,
    )
    try:
        _wait_for_name(address, background_portal.PORTAL_NAME)
        portal = Portal(address)
        handle = "/org/freedesktop/portal/desktop/request/1_1/coach"
        portal.call(
            "AddMethod",
            "sssss",
            (background_portal.INTERFACE, "RequestBackground", "sa{sv}", "o", f"ret = '{handle}'"),
        )
        yield portal
        portal.conn.close()
    finally:
        mock.terminate()
        mock.wait(10)
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()
        log.close()


def test_start_at_login_in_a_flatpak_asks_the_portal(sandbox: Path, portal: Portal) -> None:
    assert autostart.supported("linux")
    assert not autostart.is_enabled("linux")
    autostart.enable("linux", reason="So reminders come.")
    [[parent, options]] = portal.requests()
    assert parent == ""
    assert options["autostart"] == ("b", True)
    assert options["commandline"] == ("as", ARGV)
    assert options["reason"] == ("s", "So reminders come.")
    assert autostart.is_enabled("linux")
    assert not (sandbox / "autostart").exists()  # no entry inside the sandbox: the portal's

    autostart.disable("linux")
    assert [options["autostart"] for _parent, options in portal.requests()] == [
        ("b", True),
        ("b", False),
    ]
    assert not autostart.is_enabled("linux")


def test_without_a_portal_the_refusal_says_why(
    sandbox: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    with pytest.raises(OSError, match="background portal did not answer"):
        autostart.enable("linux", reason="So reminders come.")
    assert not autostart.is_enabled("linux")
