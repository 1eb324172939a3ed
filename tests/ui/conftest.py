"""Qt fixtures: a UiContext over the test's data folder, and offscreen rendering."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coach.services.context import AppContext
from coach.ui.context import UiContext

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from coach.ui.main_window import MainWindow


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


@pytest.fixture
def main_window(qtbot: QtBot, ui: UiContext) -> Iterator[MainWindow]:
    """The main window on screen, silent; a player it opened is closed afterwards."""
    from coach.services.settings import SESSION_SOUND
    from coach.ui.main_window import MainWindow
    from coach.ui.pages.today import TodayPage

    ui.app.settings.set(SESSION_SOUND, False)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    today = window.page("today")
    assert isinstance(today, TodayPage)
    if today.player is not None:
        today.player.close()
    window.quit_coach()


@pytest.fixture
def back_routine(ui: UiContext) -> int:
    """A programme with a reminder due: press-ups three times a day, the first (10:10) overdue
    at the test clock's 15:30. Returns its id."""
    from coach.domain.dosage import Dosage
    from coach.domain.programme import Programme, ProgrammeItem

    press_up = ProgrammeItem("prone-press-up", Dosage(reps=10, hold_s=2, times_per_day=3))
    programme_id, changes = ui.scope.programmes.create(
        Programme(
            uid="", name="Back routine", start_date=ui.scope.programmes.today(), items=(press_up,)
        )
    )
    ui.apply(changes)
    return programme_id
