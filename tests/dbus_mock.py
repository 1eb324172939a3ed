"""A private D-Bus session bus with a python-dbusmock service on it, for the tests that talk
D-Bus (desktop notifications, the Flatpak background portal): nothing reaches the desktop the
tests run on. Skips the test where dbus-daemon or python-dbusmock is missing."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

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


class MockClient:
    """Asks a dbusmock object through its org.freedesktop.DBus.Mock interface."""

    def __init__(self, address: str, name: str, path: str) -> None:
        from jeepney import DBusAddress
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(address)
        self.name = name
        self.mock = DBusAddress(path, bus_name=name, interface=MOCK)

    def call(self, method: str, signature: str = "", body: tuple[Any, ...] = ()) -> Any:
        from jeepney import new_method_call

        reply = self.conn.send_and_get_reply(
            new_method_call(self.mock, method, signature, body), timeout=5
        )
        return reply.body

    def calls(self, method: str) -> list[list[Any]]:
        """The arguments of each call of `method` the mock received, in order."""
        [log] = self.call("GetCalls")
        return [[value for _sig, value in args] for _when, name, args in log if name == method]


@contextmanager
def mock_service(
    monkeypatch: pytest.MonkeyPatch, log_folder: Path, name: str, arguments: list[str]
) -> Iterator[str]:
    """A session bus of its own (DBUS_SESSION_BUS_ADDRESS points at it) with `python -m
    dbusmock *arguments` owning `name`; yields the bus address."""
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
    log = (log_folder / "dbusmock.log").open("w")
    mock = subprocess.Popen([python, "-m", "dbusmock", *arguments], stdout=log, stderr=log)
    try:
        wait_for_name(address, name)
        yield address
    finally:
        mock.terminate()
        mock.wait(10)
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()
        log.close()
