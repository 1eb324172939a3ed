"""Session timing under load: does the player keep time when the GUI thread is busy?

A real Qt event loop runs a session of short holds (1 s holds, 0.5 s moves and returns) for
more than 60 s, driven exactly as the player drives it: its Pacer (a PreciseTimer every TICK_MS
plus one at each step's deadline) calls `SessionEngine.tick()` and repaints the player's
RunView; nothing counts ticks. Meanwhile another
timer keeps the GUI thread busy (BUSY_MS of CPU work every BUSY_EVERY_MS).

Prints the lateness of every step change (when the screen learnt of it, against its planned
deadline): median, p99 and max; and the drift of the session's end against the estimate. Goals:
p99 <= 20 ms, end drift <= 50 ms. It reports; it does not assert (timings are not tests).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/timer.py [--busy-ms 30] [--every-ms 100]
        [--phase-ms 43]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from coach.domain.clock import SystemClock
from coach.domain.dosage import Dosage
from coach.domain.session_engine import (
    SessionDone,
    SessionEngine,
    SessionItem,
    SessionSettings,
    StepStarted,
    estimate_seconds,
)
from coach.ui.player.pacer import TICK_MS, Pacer
from coach.ui.player.run_view import RunView

SHORT_HOLDS = Dosage(sets=2, reps=10, hold_s=1, rest_s=2, move_s=0.5, return_s=0.5)
ITEMS = tuple(SessionItem(i, "bridge", f"Short holds {i}", SHORT_HOLDS) for i in (1, 2))
SETTINGS = SessionSettings(get_ready_s=2, next_exercise_s=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy-ms", type=float, default=30.0)
    parser.add_argument("--every-ms", type=int, default=100)
    # Steps end on multiples of 0.5 s; a load in step with them would hide or exaggerate the
    # problem, so it starts off-beat and runs on a precise timer of its own.
    parser.add_argument("--phase-ms", type=int, default=43)
    args = parser.parse_args()

    app = QApplication([])
    view = RunView()
    view.resize(1280, 800)
    view.show()
    clock = SystemClock()
    estimate = estimate_seconds(ITEMS, SETTINGS)
    lateness: list[float] = []
    result: dict[str, float] = {}

    def busy() -> None:
        until = time.perf_counter() + args.busy_ms / 1000
        while time.perf_counter() < until:
            pass

    load = QTimer()
    load.setTimerType(Qt.TimerType.PreciseTimer)
    load.setInterval(args.every_ms)
    load.timeout.connect(busy)

    engine = SessionEngine(ITEMS, clock, SETTINGS)
    started = clock.monotonic()

    def tick() -> None:
        now_events = engine.tick()
        seen = clock.monotonic()
        for event in now_events:
            if isinstance(event, StepStarted) and event.step.index > 0:
                lateness.append(seen - (started + event.step.offset))
            elif isinstance(event, SessionDone):
                result["end"] = seen - started
                app.quit()
        step = engine.current_step
        view.show_step(
            step,
            engine.seconds_into_step,
            int(engine.remaining_seconds_in_step + 0.999),
            engine.progress,
            paused=engine.is_paused,
        )
        view.repaint()
        if not engine.is_finished:
            pacer.arm(engine.remaining_seconds_in_step)

    pacer = Pacer(tick)
    pacer.start()
    QTimer.singleShot(args.phase_ms, load.start)
    app.exec()

    ms = sorted(1000 * value for value in lateness)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    print(f"session: {len(ITEMS)} exercises, {len(ms) + 1} steps, estimate {estimate:.1f} s")
    print(
        f"load: {args.busy_ms:g} ms of work every {args.every_ms} ms from +{args.phase_ms} ms; "
        f"tick every {TICK_MS} ms and at each deadline"
    )
    print(
        f"step-change lateness: median {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, "
        f"max {ms[-1]:.1f} ms (goal p99 <= 20 ms)"
    )
    drift = 1000 * (result["end"] - estimate)
    print(f"end of session: {result['end']:.3f} s, drift {drift:+.1f} ms (goal <= 50 ms)")


if __name__ == "__main__":
    main()
