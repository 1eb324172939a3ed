"""Where a printed document goes: a PDF file or a printer (the preview paints a printer too).

Both hand the document a painter and the whole sheet in device units, so the preview, the
printout and the PDF are one drawing. Our own margins are drawn inside the sheet: the PDF has
none of Qt's, and the printer is put in full-page mode.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from coach.domain.errors import UserError
from coach.ui.printing.document import Document
from coach.ui.printing.layout import Layout

PDF_RESOLUTION = 300
# Countries that use US Letter paper; everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.CostaRica,
        QLocale.Country.Guatemala,
        QLocale.Country.Panama,
        QLocale.Country.Philippines,
        QLocale.Country.PuertoRico,
        QLocale.Country.Venezuela,
    }
)


class OutputError(UserError, OSError):
    """The document could not be written; the message says where and why."""

    title = "The document could not be saved"


def paper_size(choice: str, locale: QLocale | None = None) -> QPageSize:
    """A4 or Letter as chosen in Settings; "auto" follows the locale's country."""
    if choice == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if choice == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    territory = (locale or QLocale.system()).territory()
    letter = territory in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def write_pdf(path: Path, page: QPageSize, document: Document) -> Layout:
    """Draw into a new PDF at `path`, replacing any file there."""
    try:
        with open(path, "wb"):
            pass
    except OSError as exc:
        raise OutputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    writer = QPdfWriter(str(path))
    writer.setCreator("Coach")
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise OutputError(f"Cannot write {path}.")
    try:
        sheet = writer.pageLayout().fullRectPixels(writer.resolution())
        return document.render(painter, QRectF(sheet), writer.newPage)
    finally:
        painter.end()


def prepare_printer(printer: QPrinter, page: QPageSize) -> None:
    printer.setFullPage(True)
    printer.setPageSize(page)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def paint_printer(printer: QPrinter, document: Document) -> Layout | None:
    """Draw on a printer (or the preview's printer); None when the printer would not start."""
    painter = QPainter()
    if not painter.begin(printer):
        return None
    try:
        sheet = printer.pageLayout().fullRectPixels(printer.resolution())
        return document.render(painter, QRectF(sheet), printer.newPage)
    finally:
        painter.end()
