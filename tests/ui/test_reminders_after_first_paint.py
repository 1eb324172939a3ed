"""The reminder outputs wait for the window's first paint (reminders/parts.py): built just after
it, at once when something asks for one earlier, and never needed by a window closed before."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.ui.context import UiContext
from coach.ui.main_window import REMINDERS_AFTER_PAINT_MS, MainWindow
from coach.ui.reminders.banner import ReminderBanner


def test_they_are_built_just_after_the_first_paint(qtbot: QtBot, ui: UiContext) -> None:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    assert window.findChild(ReminderBanner) is None  # nothing of them delays the paint
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: window.findChild(ReminderBanner) is not None, timeout=5000)
    banner = window.findChild(ReminderBanner)
    assert banner is window.reminder_banner and not banner.isVisible()  # nothing due
    window.quit_coach()


@pytest.mark.usefixtures("back_routine")
def test_asked_for_before_the_paint_they_are_built_then_and_once(
    qtbot: QtBot, ui: UiContext
) -> None:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    watch = window.reminders
    watch.refresh()
    assert window.reminder_banner.text.text() == "Back routine: session 1 of 3 today."
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    qtbot.wait(50)  # the timer set at the first paint has run
    assert window.reminders is watch
    assert window.findChildren(ReminderBanner) == [window.reminder_banner]
    assert window.reminder_banner.isVisible()  # placed above the pages, as before
    chain: list[QWidget] = []
    widget = window.navigation
    while widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    # Tab reaches the banner's buttons where they are: after the navigation, before the page.
    banner = window.reminder_banner
    start, snooze = chain.index(banner.start_button), chain.index(banner.snooze_button)
    assert start < snooze < chain.index(window.stack.currentWidget())
    window.quit_coach()


def test_a_start_quitting_at_a_first_paint_slower_than_their_delay_builds_none(
    qtbot: QtBot, ui: UiContext
) -> None:
    """Their delay runs from the end of the first paint, not its start: a start that quits at
    the paint (the smoke test, the start-up benchmark) quits before them on a slow machine too,
    here one whose navigation takes longer to paint than the delay."""

    class SlowPaint(QObject):
        """Slow on the first paint only, the one in the window's first paint pass: a later
        repaint of the list (after the loop's next turn) would be slow where the start has
        already started their delay, and let it run out before the quit's turn comes."""

        slowed = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.slowed:
                self.slowed = True
                time.sleep(1.5 * REMINDERS_AFTER_PAINT_MS / 1000)
            return False

    window = MainWindow(ui)
    qtbot.addWidget(window)
    slow = SlowPaint()
    window.navigation.viewport().installEventFilter(slow)  # painted after the window itself
    running = QEventLoop()
    # As run_gui quits: a zero timer calls QApplication.quit, which posts the Quit event that
    # ends the loop one turn later.
    window.first_painted.connect(
        lambda: QTimer.singleShot(0, lambda: QTimer.singleShot(0, running.quit))
    )
    window.show()
    running.exec()
    assert window.findChild(ReminderBanner) is None
    window.quit_coach()


def test_a_window_closed_before_they_exist_closes(qtbot: QtBot, ui: UiContext) -> None:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    assert window.close()
    assert window.findChild(ReminderBanner) is None
