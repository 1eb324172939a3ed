"""When the player looks at the session engine: a steady repaint tick plus a tick at each
step's deadline.

The steady PreciseTimer (every TICK_MS) keeps the countdown and the figure moving. On its own it
would show a step change up to TICK_MS late; a single-shot PreciseTimer armed for the current
step's deadline brings that down to the event loop's own delay. Neither counts anything: each
just calls `tick`, which asks the engine what the clock says.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 30


class Pacer(QObject):
    def __init__(self, tick: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.steady = QTimer(self)
        self.steady.setTimerType(Qt.TimerType.PreciseTimer)
        self.steady.setInterval(TICK_MS)
        self.steady.timeout.connect(tick)
        self.deadline = QTimer(self)
        self.deadline.setTimerType(Qt.TimerType.PreciseTimer)
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(tick)

    def start(self) -> None:
        self.steady.start()

    def stop(self) -> None:
        self.steady.stop()
        self.deadline.stop()

    def isActive(self) -> bool:
        return self.steady.isActive()

    def arm(self, seconds_to_deadline: float) -> None:
        """Tick again the moment the current step is due to end (re-armed on every tick)."""
        self.deadline.start(max(0, math.ceil(seconds_to_deadline * 1000)))
