"""Start at login inside a Flatpak: the desktop's background portal.

A sandboxed Coach cannot write the host's ~/.config/autostart, so it asks the portal
(org.freedesktop.portal.Background.RequestBackground, with "autostart") to write that entry on
its behalf; the desktop may ask the user first. Coach sends the request and takes the portal's
answer that the request was received; whether the user then allowed it arrives later as a
Response signal, which Coach does not wait for (the dialog may stay open for minutes). The
portal cannot be asked what it holds, so what was last asked is kept in a small file in the
sandbox's own config folder, for Settings to show. The message is built by a pure function, so
what would be sent is tested without a portal; `request` sends it over jeepney (pure Python, as
the notifications use).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from coach import APP_ID

if TYPE_CHECKING:
    from jeepney import Message

FLATPAK_INFO = Path("/.flatpak-info")
PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Background"
REPLY_TIMEOUT_S = 5.0


def in_flatpak() -> bool:
    """Flatpak puts /.flatpak-info in every sandbox; FLATPAK_ID alone can be set by hand."""
    return FLATPAK_INFO.is_file()


def request_message(autostart: bool, argv: list[str], reason: str, token: str) -> Message:
    """The RequestBackground call: parent window "" (none), and its options (a{sv})."""
    from jeepney import DBusAddress, new_method_call

    portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=INTERFACE)
    options = {
        "handle_token": ("s", token),
        "reason": ("s", reason),
        "autostart": ("b", autostart),
        "commandline": ("as", argv),
        "dbus-activatable": ("b", False),
    }
    return new_method_call(portal, "RequestBackground", "sa{sv}", ("", options))


def marker(config_home: Path | None = None) -> Path:
    """Where the last request is remembered (in the sandbox, ~/.var/app/<id>/config)."""
    config = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / APP_ID / "start-at-login"


def request(autostart: bool, argv: list[str], reason: str, address: str = "SESSION") -> None:
    """Ask the portal to add (or drop) Coach's start at login. Raises OSError when the session
    bus or the portal does not answer, or the portal refuses the call."""
    from jeepney import MessageType
    from jeepney.io.blocking import open_dbus_connection

    message = request_message(autostart, argv, reason, f"coach{secrets.token_hex(4)}")
    try:
        with open_dbus_connection(address) as conn:
            reply = conn.send_and_get_reply(message, timeout=REPLY_TIMEOUT_S)
    except (OSError, KeyError, ValueError, TimeoutError) as exc:  # KeyError: no bus address
        raise OSError(f"the desktop's background portal did not answer ({exc})") from None
    if reply.header.message_type is MessageType.error:
        raise OSError(f"the desktop's background portal refused: {reply.body}")
    path = marker()
    if autostart:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(" ".join(argv) + "\n", encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
