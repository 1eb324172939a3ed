"""Print preview, print and save as PDF for the handout and the progress sheet, from the GUI.

Pages and the File menu call `print_handout` / `print_progress` with what the user wants
("preview", "print" or "pdf"). The report data is built first, so an empty period or a missing
exercise is reported in words before any dialog opens. `print_button` is the one "Print…"
control the pages share, so they offer the same three choices as the File menu.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from coach.services import reports
from coach.services.settings import PAPER_SIZE
from coach.ui.context import UiContext
from coach.ui.errors import show_error
from coach.ui.printing.output import (
    Draw,
    OutputError,
    paint_printer,
    paper_size,
    prepare_printer,
    write_pdf,
)

# (menu text, how) in the order the File menu lists them.
CHOICES = (("Print preview…", "preview"), ("Print…", "print"), ("Save as PDF…", "pdf"))


def print_button(choose: Callable[[str], None], height: int) -> QToolButton:
    """A "Print…" button that drops down the three choices and calls `choose(how)`."""
    button = QToolButton()
    button.setText("Print…")
    button.setAccessibleName("Print")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    # Tool buttons take focus only by Tab by default; the push buttons beside it take clicks too.
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setMinimumHeight(height)
    # The push buttons' padding, plus room on the right for the drop-down arrow.
    button.setStyleSheet("QToolButton { padding: 6px 22px 6px 14px; }")
    menu = QMenu(button)
    for text, how in CHOICES:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False, h=how: choose(h))
    button.setMenu(menu)
    return button


def _deliver(
    ui: UiContext, draw: Draw, title: str, *, how: str, parent: QWidget | None
) -> QWidget | None:
    suggested = title.replace(" ", "-") + ".pdf"
    page = paper_size(ui.app.settings.get(PAPER_SIZE))
    if how == "pdf":
        name, _ = QFileDialog.getSaveFileName(
            parent, f"Save {title} as PDF", str(Path.home() / suggested), "PDF files (*.pdf)"
        )
        if name:
            try:
                write_pdf(Path(name), page, draw)
            except OutputError as exc:
                show_error(parent, "Could not save the PDF", str(exc))
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, page)
    printer.setDocName(title)
    dialog: QPrintPreviewDialog | QPrintDialog
    if how == "preview":
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(f"Print preview: {title}")
        dialog.paintRequested.connect(lambda target: paint_printer(target, draw))
    else:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"Print {title}")
        dialog.accepted.connect(lambda: paint_printer(printer, draw))
    # The stubs list only open(receiver, member); the plain window-modal open() exists too.
    dialog.open()  # type: ignore[call-arg]
    return dialog


def print_handout(
    ui: UiContext, programme_id: int | None, parent: QWidget | None, how: str = "preview"
) -> QWidget | None:
    """The handout of one programme, or of every programme in force today (None)."""
    from coach.ui.printing.handout import render_handout

    try:
        data = (
            [reports.handout(ui.app, programme_id)]
            if programme_id is not None
            else reports.handouts_for_today(ui.app)
        )
    except reports.ReportError as exc:
        show_error(parent, "Nothing to print", str(exc))
        return None
    return _deliver(
        ui,
        lambda painter, rect, new_page: render_handout(painter, rect, data, new_page),
        "programme handout",
        how=how,
        parent=parent,
    )


def print_progress(
    ui: UiContext,
    first: date | None,
    last: date | None,
    parent: QWidget | None,
    how: str = "preview",
) -> QWidget | None:
    """The progress sheet for first..last (default: the last four weeks)."""
    from coach.ui.printing.progress_sheet import render_progress_sheet

    start, end = reports.default_period(ui.app)
    try:
        data = reports.progress_sheet(ui.app, first or start, last or end)
    except reports.ReportError as exc:
        show_error(parent, "Nothing to print", str(exc))
        return None
    return _deliver(
        ui,
        lambda painter, rect, new_page: render_progress_sheet(painter, rect, data, new_page),
        "progress sheet",
        how=how,
        parent=parent,
    )
