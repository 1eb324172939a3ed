"""`coach --demo --therapist` counts the example patients in a progress window while it makes
them, and the window is gone when the data is ready."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.ui.demo_seeding import seed_demo_data


def _progress_windows() -> list[QProgressDialog]:
    shown = QApplication.topLevelWidgets()
    return [w for w in shown if isinstance(w, QProgressDialog) and w.isVisible()]


def test_the_caseload_is_counted_in_a_progress_window(qtbot: QtBot, context: AppContext) -> None:
    seen: list[tuple[str, str]] = []

    def look() -> None:
        for dialog in _progress_windows():
            bar = dialog.findChild(QProgressBar)
            assert bar is not None
            seen.append((dialog.labelText(), bar.text()))

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(0)  # runs whenever the seeding lets events through
    seed_demo_data(context, therapist=True, total=2)
    watcher.stop()

    assert seen, "no progress window was shown"
    assert {label for label, _ in seen} == {
        "Making 2 example patients for the demo.\nThe window opens when they are ready."
    }
    counts = list(dict.fromkeys(text for _, text in seen))
    assert counts == ["0 of 2 patients", "1 of 2 patients", "2 of 2 patients"]
    assert _progress_windows() == []
    assert len(context.caseload.entries()) == 2


def test_the_single_example_patient_needs_no_progress_window(
    qtbot: QtBot, context: AppContext
) -> None:
    shown: list[int] = []
    watcher = QTimer()
    watcher.timeout.connect(lambda: shown.append(len(_progress_windows())))
    watcher.start(0)
    seed_demo_data(context, therapist=False)
    qtbot.wait(10)
    watcher.stop()
    assert not any(shown)
    assert context.profile.is_set_up
