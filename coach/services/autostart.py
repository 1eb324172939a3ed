"""Start at login, so reminders come on a day the patient did not think of opening Coach.

Each platform has its own place: an XDG autostart entry on Linux and the BSDs
(~/.config/autostart), the per-user Run key on Windows (HKCU\\...\\CurrentVersion\\Run; a
value there needs no shortcut file and is what Settings ▸ Apps ▸ Startup lists), and a
LaunchAgent property list on macOS (~/Library/LaunchAgents). What would be written is built by
pure functions, so every platform's entry is tested on any machine; `enable` and `disable`
write or remove the one for the platform Coach runs on. Coach starts there with
`--background`: the window stays closed if the patient chose to keep Coach running.
Under Flatpak (/.flatpak-info) the sandbox cannot write the host's autostart folder, so the
request goes to the desktop's background portal instead (background_portal.py).
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from coach import APP_ID, APP_NAME
from coach.services import background_portal

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
BACKGROUND = "--background"


@dataclass(frozen=True)
class FileEntry:
    path: Path
    content: bytes


@dataclass(frozen=True)
class RegistryEntry:
    key: str  # under HKEY_CURRENT_USER
    name: str
    value: str


def command() -> list[str]:
    """How this Coach is started again: the frozen app itself, or this Python with -m coach."""
    if getattr(sys, "frozen", False):
        return [sys.executable, BACKGROUND]
    return [sys.executable, "-m", "coach", BACKGROUND]


def xdg_entry(config_home: Path, argv: list[str]) -> FileEntry:
    # Exec follows the Desktop Entry spec: each argument quoted, with \ " ` $ escaped.
    def quoted(arg: str) -> str:
        for char in ("\\", '"', "`", "$"):
            arg = arg.replace(char, "\\" + char)
        return f'"{arg}"'

    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        f"Exec={' '.join(quoted(a) for a in argv)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ]
    return FileEntry(config_home / "autostart" / f"{APP_ID}.desktop", "\n".join(lines).encode())


def launch_agent(home: Path, argv: list[str]) -> FileEntry:
    plist = {
        "Label": APP_ID,
        "ProgramArguments": argv,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    path = home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    return FileEntry(path, plistlib.dumps(plist))


def run_key(argv: list[str]) -> RegistryEntry:
    return RegistryEntry(RUN_KEY, APP_NAME, subprocess.list2cmdline(argv))


def supported(platform: str = sys.platform) -> bool:
    if background_portal.in_flatpak():
        return True
    return platform.startswith(("linux", "freebsd", "openbsd", "darwin", "win32"))


def _file_entry(platform: str) -> FileEntry:
    if platform == "darwin":
        return launch_agent(Path.home(), command())
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return xdg_entry(Path(config), command())


def is_enabled(platform: str = sys.platform) -> bool:
    if background_portal.in_flatpak():
        return background_portal.marker().is_file()  # what the portal was last asked
    if platform == "win32":
        return _windows_value() is not None
    return _file_entry(platform).path.is_file()


def enable(platform: str = sys.platform, *, reason: str = "") -> None:
    """Raises OSError when the entry cannot be written. `reason` is what the desktop shows
    when the Flatpak portal asks the user."""
    if background_portal.in_flatpak():
        background_portal.request(True, command(), reason)
        return
    if platform == "win32":
        _windows_write(run_key(command()))
        return
    entry = _file_entry(platform)
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    entry.path.write_bytes(entry.content)


def disable(platform: str = sys.platform, *, reason: str = "") -> None:
    if background_portal.in_flatpak():
        background_portal.request(False, command(), reason)
        return
    if platform == "win32":
        _windows_write(None)
        return
    _file_entry(platform).path.unlink(missing_ok=True)


def _windows_value() -> str | None:
    if sys.platform != "win32":
        raise OSError("the Run key exists on Windows only")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, APP_NAME)
    except OSError:
        return None
    return str(value)


def _windows_write(entry: RegistryEntry | None) -> None:
    if sys.platform != "win32":
        raise OSError("the Run key exists on Windows only")
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        if entry is None:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, APP_NAME)
        else:
            winreg.SetValueEx(key, entry.name, 0, winreg.REG_SZ, entry.value)
