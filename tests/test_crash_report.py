"""Crash reports name the bug and never the user's data (coach/crash_report.py), without Qt."""

from __future__ import annotations

import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import pytest

from coach import crash_report

HEALTH = ("Robin Quill", "sciatica below the knee", "epidural on 3 March")
NOW = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


def _raise_with_health_data() -> None:
    patient = HEALTH[0]  # a local: reports hold no locals
    note = HEALTH[1]
    try:
        {}[patient]
    except KeyError as exc:
        raise ValueError(f"could not save {note} ({HEALTH[2]})") from exc


def _caught() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        _raise_with_health_data()
    except ValueError:
        kind, error, tb = sys.exc_info()
        assert kind is not None and error is not None
        return kind, error, tb
    raise AssertionError("nothing raised")


def test_a_report_names_the_bug_but_no_message_local_or_data(tmp_path: Path) -> None:
    kind, error, tb = _caught()
    path = crash_report.write(
        tmp_path / "crash-reports", kind, error, tb, now=NOW, versions={"qt": "6.x"}
    )
    text = path.read_text(encoding="utf-8")
    for secret in HEALTH:
        assert secret not in text
    assert "builtins.ValueError (message left out)" in text
    assert "builtins.KeyError (message left out)" in text  # the cause comes first
    assert text.index("KeyError") < text.index("ValueError (message")
    assert "_raise_with_health_data" in text and "qt: 6.x" in text
    assert "coach: " in text and "python: " in text and "platform: " in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_paths_under_home_are_written_from_a_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(Path(__file__).parent.parent))
    kind, error, tb = _caught()
    text = crash_report.describe(kind, error, tb)
    assert f'"~{os.sep}tests{os.sep}test_crash_report.py"' in text
    assert str(Path(__file__).parent.parent) not in text


def test_only_the_newest_reports_are_kept(tmp_path: Path) -> None:
    kind, error, tb = _caught()
    folder = tmp_path / "crash-reports"
    for _ in range(crash_report.KEEP + 5):
        crash_report.write(folder, kind, error, tb, now=NOW)
    assert len(list(folder.glob("crash-*.txt"))) == crash_report.KEEP
