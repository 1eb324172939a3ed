"""Print preview, print and save as PDF for any printed document, from the GUI.

Pages and the File menu call `deliver` with what the user wants ("preview", "print" or "pdf"),
the patient it is about and how to build the document. It is built first, so an empty period or
a missing exercise is reported in words before any dialog opens. `print_button` is the one
"Print…" control the pages share, so they offer the same three choices as the File menu.

Each print dialog is made without a printer, so it creates and owns one: the printer lives
exactly as long as the dialog. Handing the dialog a QPrinter made here left the only reference
to it in Python, and once that was collected the preview painted on a deleted printer (the
segfault in libQt6Core on opening or paging through the preview).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import SLOT, QObject, QStandardPaths, Qt, Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from coach.domain.errors import UserError
from coach.services.context import PatientContext
from coach.services.settings import PAPER_SIZE
from coach.ui import ops
from coach.ui.context import UiContext
from coach.ui.errors import show_error
from coach.ui.printing.document import Document
from coach.ui.printing.output import paint_printer, paper_size, prepare_printer, write_pdf
from coach.ui.saved_file import saved_file_box

# (menu text, how) in the order the File menu lists them.
CHOICES = (("Print preview…", "preview"), ("Print…", "print"), ("Save as PDF…", "pdf"))

Build = Callable[[PatientContext], Document]


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


def deliver(
    ui: UiContext, patient: PatientContext, build: Build, how: str, parent: QWidget
) -> QWidget | None:
    """Build the document and preview it, print it or save it as a PDF.

    Returns the dialog or box left open (tests find it), or None when nothing opened.
    """
    try:
        document = build(patient)
    except UserError as error:
        ops.report(ui, parent, error)
        return None
    if how == "pdf":
        return save_pdf(ui, document, parent)
    if how == "preview":
        return preview(ui, document, parent)
    return print_on_paper(ui, document, parent)


def preview(ui: UiContext, document: Document, parent: QWidget) -> QPrintPreviewDialog:
    dialog = QPrintPreviewDialog(parent)
    dialog.setWindowTitle(f"Print preview: {document.kind}")
    _prepare(ui, dialog.printer(), document)
    dialog.paintRequested.connect(lambda printer: paint_printer(printer, document))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def print_on_paper(ui: UiContext, document: Document, parent: QWidget) -> QPrintDialog:
    """The system print dialog, without blocking; the document prints when it is accepted."""
    dialog = QPrintDialog(parent)
    dialog.setWindowTitle(f"Print {document.kind}")
    _prepare(ui, dialog.printer(), document)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # QPrintDialog.open(receiver, member) connects its accepted(QPrinter*) to the job's slot;
    # PySide6 has no open() without arguments here. Its stub types `member` as bytes, but only a
    # str is accepted when called (bytes: ValueError), hence the one ignore.
    dialog.open(_PrintJob(document, dialog), SLOT("paint(QPrinter*)"))  # type: ignore[arg-type]
    return dialog


class _PrintJob(QObject):
    """Paints the document on the printer the print dialog was accepted with; a child of the
    dialog, so it goes when the dialog does."""

    def __init__(self, document: Document, dialog: QPrintDialog) -> None:
        super().__init__(dialog)
        self.document = document
        self.window = dialog.parentWidget()

    @Slot(QPrinter)
    def paint(self, printer: QPrinter) -> None:
        if paint_printer(printer, self.document) is None:
            show_error(
                self.window,
                "Could not print",
                f"The printer {printer.printerName()} would not start printing. Check that it "
                "is switched on and connected, or save the document as a PDF instead.",
            )


def _prepare(ui: UiContext, printer: QPrinter, document: Document) -> None:
    prepare_printer(printer, paper_size(ui.app.settings.get(PAPER_SIZE)))
    printer.setDocName(document.name)


def save_pdf(ui: UiContext, document: Document, parent: QWidget) -> QFileDialog:
    """Ask where (without blocking), write the PDF there and say where it went."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    dialog = QFileDialog(
        parent,
        f"Save the {document.kind} as PDF",
        str(Path(folder or Path.home()) / document.file_name),
        "PDF files (*.pdf)",
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(name: str) -> None:
        path = Path(name)
        try:
            write_pdf(path, paper_size(ui.app.settings.get(PAPER_SIZE)), document)
        except UserError as error:
            ops.report(ui, parent, error)
            return
        saved_box(parent, document, path)

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


def saved_box(parent: QWidget, document: Document, path: Path) -> QMessageBox:
    """A non-blocking note that the PDF is saved, offering to open it or its folder."""
    return saved_file_box(parent, "PDF saved", f"The {document.kind} is saved as a PDF.", path)
