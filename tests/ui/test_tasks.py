"""TaskRunner: results come back on the GUI thread, and not to a widget deleted meanwhile."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QEventLoop, QTimer
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


def test_a_result_is_delivered_at_the_next_turn_of_the_loop_not_on_a_timer(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()
    got: list[str] = []
    runner.run(lambda: (started.set(), release.wait(5), "done")[2], got.append)
    assert started.wait(5)
    release.set()
    runner.wait()  # the worker has finished: only the GUI thread's delivery is left
    # The future counts as done a moment before its callbacks run: wait until the worker has
    # handed the result over (and written its wake), so the test times only the delivery.
    for _ in range(500):
        if not runner._finished.empty():
            break
        time.sleep(0.01)
    loop = QEventLoop()
    # A zero timer queued now fires at the loop's first turn: by then the socket notifier has
    # woken and delivered (a polling timer, started at run(), would not have fired yet).
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    assert got == ["done"]


def test_results_keep_coming_after_a_callback_raised(qtbot: QtBot) -> None:
    runner = TaskRunner()
    got: list[int] = []

    def broken(_: int) -> None:
        raise ValueError("a bug in a callback")

    release = threading.Event()
    runner.run(lambda: (release.wait(5), 1)[1], broken)
    runner.run(lambda: (release.wait(5), 2)[1], got.append)
    release.set()
    runner.wait()
    with qtbot.capture_exceptions() as raised:
        qtbot.waitUntil(lambda: got == [2])
    assert [type(error) for _, error, _ in raised] == [ValueError]
    assert not runner.busy
