"""`coach --background` at login: with keep-running on, the window stays closed, and a later
launch from the menu brings it forward.

The real start path runs in a subprocess (its own QApplication, its own event loop), driven by
a short script that reports the main window's visibility whenever it changes; the second
launch is a real `python -m coach`. Offscreen there is no window manager to ask, so the
window reports itself.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_single_instance import wait_until_listening

from coach.app import build_context
from coach.domain.profile import Role
from coach.paths import resolve_data_dir
from coach.services.settings import KEEP_RUNNING, REMINDERS_ON
from coach.ui.single_instance import server_name

DRIVER = """
import sys
from PySide6.QtCore import QTimer
from coach.ui.qt_app import ensure_application
from coach.app import main

app = ensure_application()
seen = []

def report():
    from coach.ui.main_window import MainWindow
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    state = "none" if not windows else ("shown" if windows[0].isVisible() else "hidden")
    if seen[-1:] != [state]:
        seen.append(state)
        print(state, flush=True)

timer = QTimer()
timer.timeout.connect(report)
timer.start(50)
sys.exit(main(sys.argv[1:]))
"""
WAIT_S = 60


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """The driver's reports, read on a thread so a silent driver cannot hang the test."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.strip())

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], wanted: str, refused: str = "") -> None:
    while True:
        state = lines.get(timeout=WAIT_S)  # queue.Empty fails the test if it never comes
        assert state != refused, f"the window was {state}"
        if state == wanted:
            return


@pytest.mark.slow
def test_background_start_stays_hidden_until_a_second_launch(tmp_path: Path) -> None:
    data = tmp_path / "data"
    context = build_context(data)
    context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
    context.settings.set(REMINDERS_ON, True)
    context.settings.set(KEEP_RUNNING, True)
    context.close(backup=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no notification reaches the desktop
    options = ["--data-dir", str(data)]
    first = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *options, "--background"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = _lines(first)
        wait_until_listening(server_name(str(resolve_data_dir(data))), first)
        _wait_for(lines, "hidden", refused="shown")
        second = subprocess.run(
            [sys.executable, "-m", "coach", *options],
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT_S,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        _wait_for(lines, "shown")
        assert first.poll() is None  # still the one Coach on this data
    finally:
        first.terminate()
        first.communicate(timeout=30)
