"""Start at login: what is written on Linux, macOS and Windows, and switching it on and off."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from coach.services import autostart

ARGV = ["/opt/My Coach/bin/python", "-m", "coach", "--background"]


def test_the_xdg_entry_quotes_every_argument(tmp_path: Path) -> None:
    entry = autostart.xdg_entry(tmp_path, ["/home/robin/$HOME apps/python", "--background"])
    assert entry.path == tmp_path / "autostart" / "org.coachapp.Coach.desktop"
    lines = entry.content.decode().splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "Type=Application" in lines and "Name=Coach" in lines
    assert 'Exec="/home/robin/\\$HOME apps/python" "--background"' in lines


def test_the_launch_agent_runs_coach_at_load(tmp_path: Path) -> None:
    entry = autostart.launch_agent(tmp_path, ARGV)
    assert entry.path == tmp_path / "Library" / "LaunchAgents" / "org.coachapp.Coach.plist"
    assert plistlib.loads(entry.content) == {
        "Label": "org.coachapp.Coach",
        "ProgramArguments": ARGV,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }


def test_the_run_key_value_is_one_quoted_command_line() -> None:
    entry = autostart.run_key([r"C:\Program Files\Coach\Coach.exe", "--background"])
    assert entry.key == r"Software\Microsoft\Windows\CurrentVersion\Run"
    assert entry.name == "Coach"
    assert entry.value == r'"C:\Program Files\Coach\Coach.exe" --background'


def test_the_command_starts_this_coach_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    assert autostart.command() == [sys.executable, "-m", "coach", "--background"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert autostart.command() == [sys.executable, "--background"]


@pytest.mark.parametrize(
    ("platform", "relative"),
    [
        ("linux", "config/autostart/org.coachapp.Coach.desktop"),
        ("darwin", "home/Library/LaunchAgents/org.coachapp.Coach.plist"),
    ],
)
def test_enable_writes_and_disable_removes(
    platform: str, relative: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert not autostart.is_enabled(platform)
    autostart.enable(platform)
    assert (tmp_path / relative).is_file()
    assert autostart.is_enabled(platform)
    autostart.disable(platform)
    assert not (tmp_path / relative).exists()
    autostart.disable(platform)  # already off: nothing to do


def test_a_flatpak_id_alone_is_no_sandbox(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only /.flatpak-info means Flatpak (test_background_portal.py covers the portal)."""
    monkeypatch.setenv("FLATPAK_ID", "org.coachapp.Coach")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    autostart.enable("linux")
    assert (tmp_path / "autostart" / "org.coachapp.Coach.desktop").is_file()
