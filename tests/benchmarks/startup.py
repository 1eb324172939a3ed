"""Start-up time of Coach against a bare PySide6 window, measured in the same run.

Runs, alternating so that machine load affects all alike:
- baseline: a script that imports PySide6, shows a QMainWindow and exits at its first paint;
- coach: `coach --quit-after-startup` on a data folder seeded with the demo patient, as usually
  started: with the first screen kept at the previous exit (coach/services/first_screen.py);
- coach, data first: the same with that file removed, as on the first start after the database
  was changed by something else (or the very first start): the data is opened before the window.
- coach, therapist: the usual start of a therapist's copy seeded with the demo caseload (25
  patients), which opens on the Patients page painted from its kept first screen (the
  caseload's rows); the same goal as the patient's usual start;
- coach, therapist data first: the same without that file: SQLAlchemy, the database and the
  caseload query come before the paint.
Prints every wall time, the medians and the ratios. The goal is a ratio of 2.0 or less for the
usual start; this script reports, it does not assert (timings are not tests).

Every program runs with its bytecode cached, as installed (pip and the bundle compile Coach's
modules; PySide6's come compiled): the warm-up runs write it into the temporary folder
(PYTHONPYCACHEPREFIX), so a shell with PYTHONDONTWRITEBYTECODE=1 does not have Python compile
Coach's modules afresh at every start while the bare window's are read compiled.

    python tests/benchmarks/startup.py [--runs N] [--coach-command PATH]

By default Coach runs from this Python (`python -m coach`); `--coach-command` times another
program instead, such as the PyInstaller bundle's `coach` (packaging/build.sh does this).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("Today")
window.setCentralWidget(label)
spy = FirstPaint()
label.installEventFilter(spy)
window.show()
sys.exit(app.exec())
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (at least 5)")
    parser.add_argument(
        "--coach-command",
        metavar="PATH",
        help="time this coach program (e.g. a bundle's executable) instead of python -m coach",
    )
    args = parser.parse_args()
    program = [args.coach_command] if args.coach_command else [sys.executable, "-m", "coach"]
    runs = max(5, args.runs)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        data = Path(tmp) / "data"
        bare = Path(tmp) / "bare_window.py"
        bare.write_text(BARE_WINDOW, encoding="utf-8")
        subprocess.run(
            [*program, "--data-dir", str(data), "demo"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        caseload = Path(tmp) / "caseload"
        subprocess.run(
            [*program, "--data-dir", str(caseload), "demo", "--therapist"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        coach = [*program, "--data-dir", str(data), "--quit-after-startup"]
        therapist_cmd = [*program, "--data-dir", str(caseload), "--quit-after-startup"]
        baseline_cmd = [sys.executable, str(bare)]
        kept = data / "first-screen.json"
        kept_caseload = caseload / "first-screen.json"
        timed(baseline_cmd, env)  # warm the file cache for all, and keep the first screen
        timed(coach, env)
        timed(therapist_cmd, env)  # keeps the therapist's first screen
        baseline, usual, data_first, therapist, therapist_first = [], [], [], [], []
        for _ in range(runs):
            baseline.append(timed(baseline_cmd, env))
            usual.append(timed(coach, env))
            kept.unlink()
            data_first.append(timed(coach, env))  # keeps the first screen again at exit
            therapist.append(timed(therapist_cmd, env))
            kept_caseload.unlink()
            therapist_first.append(timed(therapist_cmd, env))  # and keeps the caseload again
    label = args.coach_command or "python -m coach"
    b = statistics.median(baseline)
    print("bare PySide6 window (s): " + " ".join(f"{t:.3f}" for t in baseline))
    series = (
        ("usual start", usual),
        ("data first", data_first),
        ("therapist", therapist),
        ("therapist data first", therapist_first),
    )
    for name, times in series:
        print(f"{label} --quit-after-startup, {name} (s): " + " ".join(f"{t:.3f}" for t in times))
    u, d, t, f = (statistics.median(times) for _, times in series)
    print(
        f"median bare {b:.3f} s, usual start {u:.3f} s, data first {d:.3f} s, therapist {t:.3f} s, "
        f"therapist data first {f:.3f} s"
    )
    print(
        f"ratio usual start {u / b:.2f} (goal <= 2.0); ratio data first {d / b:.2f}; "
        f"ratio therapist on the Patients page {t / b:.2f} (goal <= 2.0); "
        f"ratio therapist data first {f / b:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
