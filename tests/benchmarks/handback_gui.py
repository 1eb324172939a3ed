"""A year of one patient's progress through the hand-back dialogs: does the window stay alive?

Generates a year of a made-up patient (tests/benchmarks/history.py's generator: about 1,000
sessions and 7,800 exercise logs, pain, check-ins and treatments) in a patient's copy that
imported a programme file from a therapist's copy, so the progress file is sealed. Then, for
each run, into a fresh therapist's copy:
- the file's size, and the time to write it, to open and count it (the preview) and to store it
  (the import), each through the services, against reading the same rows back with one SQL
  query per kind (the baseline: what any export must at least do);
- the import started from the real preview dialog (Import clicked), which stores off the GUI
  thread: the longest the GUI thread went without running a 10 ms timer while it worked,
  against the longest gap in the same time with nothing running (goal: ratio <= 5, so the
  window repaints and the busy bar moves throughout).
It reports; it does not assert (timings are not tests).

The generator's outcome scores are left out: it writes NPRS scores without the answers they
come from, which the progress file's reader rightly refuses.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/handback_gui.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from history import TODAY, generate, median_ms  # the sibling script (on sys.path)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for tests.ui.handback_helpers
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 10


def patient_with_a_year(folder: Path, clock: Any) -> Any:
    from sqlalchemy import delete

    from coach.app import build_context
    from coach.domain.profile import Role
    from coach.store.schema import outcome_score

    patient = build_context(folder / "patient", clock=clock)
    patient.profile.welcome("Benchmark Patient", Role.PATIENT, accepted_notice=True)
    counts = generate(patient, 1)
    with patient.db.transaction() as conn:
        conn.execute(delete(outcome_score))
    print("Generated: " + ", ".join(f"{v} {k}" for k, v in counts.items() if k != "outcome scores"))
    return patient


def read_back(patient: Any, first: Any, last: Any) -> float:
    from coach.store import handback_rows

    started = time.perf_counter()
    with patient.db.read() as conn:
        handback_rows.read_range(conn, patient.own_patient().patient_id, first, last)
    return time.perf_counter() - started


def longest_gap(app: Any, until: Any, timeout_s: float = 120.0) -> float:
    """Run the event loop until `until()` and return the longest wait between timer ticks."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    deadline = time.perf_counter() + timeout_s
    while not until() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in pairwise(ticks))


def one_run(patient: Any, folder: Path, clock: Any, app: Any) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from coach.ui.context import UiContext
    from coach.ui.handback.import_dialog import ImportProgressDialog
    from coach.ui.hub import ChangeHub
    from coach.ui.tasks import TaskRunner
    from tests.ui.handback_helpers import hand_over, therapist_copy

    therapist = therapist_copy(folder / "therapist", clock)
    try:
        hand_over(therapist, patient, folder)
        since = TODAY - timedelta(days=365)
        started = time.perf_counter()
        sent = patient.own_patient().progress_export.export(folder / "year.coachprogress", since)
        export_s = time.perf_counter() - started
        baseline_s = read_back(patient, since, TODAY)
        started = time.perf_counter()
        preview = therapist.progress_import.preview(sent.path)
        preview_s = time.perf_counter() - started

        ui = UiContext(app=therapist, hub=ChangeHub(), tasks=TaskRunner())
        dialog = ImportProgressDialog(ui, sent.path, preview)
        dialog.show()
        app.processEvents()
        started = time.perf_counter()
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        busy_gap = longest_gap(app, lambda: not dialog.isVisible())
        import_s = time.perf_counter() - started
        idle_until = time.perf_counter() + import_s
        idle_gap = longest_gap(app, lambda: time.perf_counter() >= idle_until)
        ui.tasks.wait()
        dialog.deleteLater()
        return {
            "size": sent.size_bytes,
            "rows": preview.new_rows,
            "export": export_s,
            "preview": preview_s,
            "import": import_s,
            "baseline": baseline_s,
            "busy gap": busy_gap,
            "idle gap": idle_gap,
        }
    finally:
        therapist.close(backup=False)
        for name in ("therapist", "year.coachprogress", "Back routine.coachprogramme"):
            target = folder / name
            if target.is_file():
                target.unlink()
            elif target.is_dir():
                shutil.rmtree(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from coach.domain.clock import ManualClock

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="coach-handback-") as name:
        folder = Path(name)
        clock = ManualClock(datetime(2026, 3, 11, 17, 0, tzinfo=UTC))
        patient = patient_with_a_year(folder, clock)
        try:
            runs = [one_run(patient, folder, clock, app) for _ in range(args.runs)]
        finally:
            patient.close(backup=False)

    def median(key: str) -> float:
        return median_ms([run[key] for run in runs])

    base = median("baseline")
    print(f"File: {runs[0]['size'] / 1e6:.2f} MB, {int(runs[0]['rows'])} rows (sealed)")
    for key in ("export", "preview", "import"):
        print(f"{key:>8}: {median(key):8.0f} ms  ({median(key) / base:6.1f} x reading the rows)")
    print(f"baseline: {base:8.0f} ms  (one SQL read per kind of row)")
    busy, idle = median("busy gap"), median("idle gap")
    print(
        f"GUI thread while importing from the dialog: longest gap {busy:.0f} ms against "
        f"{idle:.0f} ms idle, ratio {busy / idle:.1f} (goal <= 5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
