"""TaskRunner: results come back on the GUI thread, and not to a widget deleted meanwhile."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.ui.tasks import TaskRunner


def test_a_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    got: list[tuple[int, bool]] = []
    runner.run(lambda: 6 * 7, lambda value: got.append((value, _on_main())))
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, True)]


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    label = QLabel()
    runner.run(lambda: (release.wait(5), "loaded")[1], label.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _valid(label))
    release.set()
    with qtbot.waitSignal(runner.idle):
        pass  # no "already deleted" error from calling setText on the gone label


def _on_main() -> bool:
    return threading.current_thread() is threading.main_thread()


def _valid(widget: QLabel) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
