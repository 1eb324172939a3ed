"""A bug inside the session player: the session goes on, what was logged stays, and the crash
report names no one (coach/ui/crash.py catching what the player's slots raise)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot
from test_player import (
    BRIDGE,
    PRESS_UP,
    answer_precheck,
    logs,
    make_player,
    quiet,
    run_for,
    session_row,
)

from coach.domain.clock import ManualClock
from coach.services.context import AppContext
from coach.ui.context import UiContext
from coach.ui.crash import CrashHandler

pytestmark = pytest.mark.qt_no_exception_capture
__all__ = ["quiet"]  # the player tests' fixture, used here too

NOTE = "Robin: tingling in the left foot after the injection"


@pytest.fixture
def handler(tmp_path: Path) -> Iterator[CrashHandler]:
    crashes = CrashHandler(lambda: tmp_path, lambda: None)
    crashes.install()
    yield crashes
    crashes.uninstall()
    if crashes.box is not None:
        crashes.box.close()


def test_a_bug_in_the_player_keeps_the_session_going(  # noqa: PLR0917 (fixtures)
    quiet: AppContext,
    ui: UiContext,
    qtbot: QtBot,
    clock: ManualClock,
    handler: CrashHandler,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    player = make_player(ui, qtbot, PRESS_UP, BRIDGE)
    answer_precheck(qtbot, player)
    run_for(player, clock, 4)  # into the first press-up
    assert player.stack.currentWidget() is player.run_view

    real = player._render
    failures = [ValueError(NOTE)]

    def render_once_broken() -> None:
        if failures:
            raise failures.pop()
        real()

    monkeypatch.setattr(player, "_render", render_once_broken)
    engine = player.engine
    assert engine is not None

    def position() -> int:
        return next(i for i, s in enumerate(engine.steps) if s is engine.current_step)

    step = position()
    # As from the keyboard: the event loop delivers the key (qtbot.keyClick would hand the
    # exception back to the test instead of to the hook, as a call from Python does).
    QCoreApplication.postEvent(
        player,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
    )
    qtbot.waitUntil(lambda: handler.box is not None and handler.box.isVisible())
    handler.box.close()

    assert player.isVisible() and player.engine is engine
    assert position() == step + 1  # the step moved on before the bug
    qtbot.keyClick(player, Qt.Key.Key_Right)  # and the player still answers
    assert position() == step + 2
    assert session_row(quiet)["status"] == "in_progress"
    run_for(player, clock, 60)  # the rest of the press-ups run their course: logged
    assert logs(quiet)[0][:2] == ("prone-press-up", "partial")
    [report] = [p.read_text(encoding="utf-8") for p in (tmp_path / "crash-reports").iterdir()]
    assert "ValueError (message left out)" in report and "render_once_broken" in report
    assert "Robin" not in report and "tingling" not in report
    player.timer.stop()
