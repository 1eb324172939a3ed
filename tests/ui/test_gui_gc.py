"""Cycles are collected on the GUI thread's timer, never by a worker (coach/ui/gui_gc.py)."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from coach.ui.gui_gc import GuiThreadCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector can free it


def test_automatic_collection_is_off_while_the_gui_collector_runs() -> None:
    assert not gc.isenabled()


def test_the_timer_collects_a_cycle_once_past_the_threshold(qtbot: QtBot) -> None:
    collector = GuiThreadCollector()
    collector._thresholds = (0, 0, 0)  # any count is over the threshold
    garbage = Node()
    alive = weakref.ref(garbage)
    del garbage
    assert alive() is not None
    collector._timer.start()
    qtbot.waitUntil(lambda: alive() is None, timeout=2000)
    collector._timer.stop()
