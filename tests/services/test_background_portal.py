"""Start at login inside a Flatpak goes through the background portal: the message that would
be sent, and the call as a portal mock on a private session bus receives it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_mock import MockClient, mock_service

from coach.services import autostart, background_portal

ARGV = ["/app/bin/python3", "-m", "coach", "--background"]


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


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MockClient]:
    """python-dbusmock standing in for xdg-desktop-portal, answering with a request handle."""
    name, path = background_portal.PORTAL_NAME, background_portal.PORTAL_PATH
    with mock_service(
        monkeypatch, tmp_path, name, [name, path, background_portal.INTERFACE]
    ) as address:
        portal = MockClient(address, name, path)
        handle = "/org/freedesktop/portal/desktop/request/1_1/coach"
        portal.call(
            "AddMethod",
            "sssss",
            (background_portal.INTERFACE, "RequestBackground", "sa{sv}", "o", f"ret = '{handle}'"),
        )
        yield portal
        portal.conn.close()


def test_start_at_login_in_a_flatpak_asks_the_portal(sandbox: Path, portal: MockClient) -> None:
    assert autostart.supported("linux")
    assert not autostart.is_enabled("linux")
    autostart.enable("linux", reason="So reminders come.")
    [[parent, options]] = portal.calls("RequestBackground")
    assert parent == ""
    assert options["autostart"] == ("b", True)
    assert options["commandline"] == ("as", ARGV)
    assert options["reason"] == ("s", "So reminders come.")
    assert autostart.is_enabled("linux")
    assert not (sandbox / "autostart").exists()  # no entry inside the sandbox: the portal's

    autostart.disable("linux")
    assert [options["autostart"] for _parent, options in portal.calls("RequestBackground")] == [
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
