"""A bug in a slot, a timer, a background task or a thread leaves the app running, writes a
crash report without health data, and tells the user calmly (coach/ui/crash.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from coach.ui.context import UiContext
from coach.ui.crash import CrashHandler

# pytest-qt's own hook would turn these exceptions into test failures: here ours must see them.
pytestmark = pytest.mark.qt_no_exception_capture

SECRET = "Robin Quill: numbness in the left foot"


@pytest.fixture
def handler(tmp_path: Path, qtbot: QtBot) -> Iterator[CrashHandler]:
    crashes = CrashHandler(lambda: tmp_path, lambda: None)
    crashes.install()
    yield crashes
    crashes.uninstall()
    if crashes.box is not None:
        crashes.box.close()


def _reports(tmp_path: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "crash-reports").glob("*"))]


def test_a_bug_in_a_slot_is_reported_once_and_the_app_lives(
    handler: CrashHandler, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clicks: list[int] = []

    def broken() -> None:
        note = SECRET  # noqa: F841  (a local full of health data: reports hold no locals)
        clicks.append(1)
        raise ValueError(SECRET)

    button = QPushButton("Save")
    qtbot.addWidget(button)
    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert handler.box is not None and handler.box.isVisible()
    assert "your data is safe" in handler.box.text()
    assert handler.box.defaultButton().text() == "Carry on"
    qtbot.keyClick(handler.box, Qt.Key.Key_Escape)  # Esc closes it (and so quitting is not held)
    assert handler.box is None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # still alive, still working
    assert len(clicks) == 2
    reports = _reports(tmp_path)
    assert len(reports) == 1  # the same bug again is not a second report
    assert "ValueError (message left out)" in reports[0] and "in broken" in reports[0]
    assert SECRET not in reports[0] and "Robin" not in reports[0]
    assert SECRET not in capsys.readouterr().err


def test_a_bug_in_a_timer_and_in_a_background_task_is_reported(
    handler: CrashHandler, qtbot: QtBot, tmp_path: Path, ui: UiContext
) -> None:
    def in_timer() -> None:
        raise KeyError(SECRET)

    QTimer.singleShot(0, in_timer)
    qtbot.waitUntil(lambda: len(_reports(tmp_path)) == 1)

    def in_task() -> None:
        raise ZeroDivisionError(SECRET)

    ui.tasks.run(in_task)  # no on_error: the result comes back to the GUI thread and raises
    qtbot.waitUntil(lambda: len(_reports(tmp_path)) == 2)
    assert all(SECRET not in text for text in _reports(tmp_path))
    assert "ZeroDivisionError" in "".join(_reports(tmp_path))


def test_a_bug_in_a_thread_is_reported_and_shown_from_the_gui_thread(
    handler: CrashHandler, qtbot: QtBot, tmp_path: Path
) -> None:
    def work() -> None:
        raise RuntimeError(SECRET)

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    assert len(_reports(tmp_path)) == 1
    assert "thread: worker" in _reports(tmp_path)[0]
    qtbot.waitUntil(lambda: handler.box is not None and handler.box.isVisible(), timeout=3000)


def test_without_a_data_folder_the_report_goes_to_stderr_only(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    crashes = CrashHandler(lambda: None, lambda: None)
    crashes.install()
    try:
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: crashes.box is not None)
    finally:
        crashes.uninstall()
    assert crashes.box is not None
    assert "No report could be saved" in crashes.box.informativeText()
    crashes.box.close()
    assert "ZeroDivisionError (message left out)" in capsys.readouterr().err
