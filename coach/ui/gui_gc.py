"""Cyclic garbage collection only on the GUI thread.

Python's cycle collector runs on whichever thread happens to allocate past its threshold. When
that is a worker thread (TaskRunner) and the garbage holds Qt objects made on the GUI thread,
their C++ halves are destroyed from the wrong thread and the process crashes: we measured a
segmentation fault "Garbage-collecting" in a worker about one full test run in three. So the
automatic collector is switched off and the same thresholds are checked on a GUI-thread timer
instead; memory is reclaimed as before, a few hundred milliseconds later at most.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def check(self) -> None:
        """Collect the oldest generation whose count has passed its threshold, as CPython
        itself would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
