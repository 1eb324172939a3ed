"""Filling the throwaway folder of `coach --demo` before the window opens.

The single example patient takes a moment; the therapist's caseload of 25 takes about half a
minute, long enough for someone who double-clicked to think nothing happened. So the caseload
is seeded under a small progress window that counts the patients as they are made. Seeding
stays on the GUI thread (the window cannot open before the data is there anyway); the window
repaints after each patient.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog

from coach import APP_NAME
from coach.services.context import AppContext


def seed_demo_data(context: AppContext, therapist: bool, total: int | None = None) -> None:
    """The example patient, or (`therapist`) the example caseload of `total` patients (the
    demo's usual number when None)."""
    from coach.services.demo import seed_demo
    from coach.services.demo_caseload import CASELOAD_SIZE, seed_caseload

    if not therapist:
        seed_demo(context)
        return
    total = CASELOAD_SIZE if total is None else total
    dialog = QProgressDialog()
    dialog.setWindowTitle(f"{APP_NAME}: demo")
    dialog.setCancelButton(None)  # no Cancel: the demo has nothing to go back to
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)  # "25 of 25" stays up until the window is about to open
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * 52)
    dialog.setAccessibleName("Making the example patients")

    bar = QProgressBar(dialog)
    bar.setFormat("%v of %m patients")
    dialog.setBar(bar)  # the dialog's range and value apply to the bar it holds
    dialog.setRange(0, total)
    dialog.setLabelText(
        f"Making {total} example patients for the demo.\nThe window opens when they are ready."
    )
    dialog.setValue(0)
    dialog.show()
    QApplication.processEvents()

    def made(done: int, _of: int) -> None:
        dialog.setValue(done)
        QApplication.processEvents()

    try:
        seed_caseload(context, total, progress=made)
    finally:
        dialog.close()
        dialog.deleteLater()
