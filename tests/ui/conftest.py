"""Qt fixtures: a UiContext over the test's data folder, and offscreen rendering."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coach.services.context import AppContext
from coach.ui.context import UiContext


@pytest.fixture(scope="session", autouse=True)
def _gc_on_gui_thread(qapp: object) -> Iterator[None]:
    """As in the app: cycles are collected on the GUI thread only (see coach/ui/gui_gc.py)."""
    from coach.ui.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _no_desktop_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sends a notification to the desktop it runs on (the notification tests start
    a private bus of their own) or writes a start-at-login entry into the real home."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def ui(qtbot: object, patient: AppContext) -> Iterator[UiContext]:
    from coach.ui.hub import ChangeHub
    from coach.ui.tasks import TaskRunner

    runner = TaskRunner()
    context = UiContext(app=patient, hub=ChangeHub(), tasks=runner)
    yield context
    runner.wait()
