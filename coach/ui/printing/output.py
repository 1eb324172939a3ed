"""Where a printed document goes: a PDF file or a printer (the preview paints a printer too).

Both hand the document a painter and the whole sheet in device units, so the preview, the
printout and the PDF are one drawing. Our own margins are drawn inside the sheet: the PDF has
none of Qt's, and the printer is put in full-page mode.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from coach.domain.errors import UserError
from coach.store.failures import user_facing
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
    """Draw into a new PDF at `path`, replacing any file there only once the new one is whole.

    QPdfWriter reports no write errors, so the PDF is drawn into a temporary file beside `path`
    and checked for its end-of-file trailer before it takes the name: a full disk leaves the old
    file (or none) and says so, never half a PDF.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise _refusal(exc, path) from exc
    part = Path(name)
    try:
        layout = _draw(part, page, document)
        if not _whole(part):
            raise _refusal(OSError(errno.ENOSPC, "the file was not written in full"), path)
        os.replace(part, path)
    except OSError as exc:
        raise _refusal(exc, path) from exc
    finally:
        part.unlink(missing_ok=True)
    return layout


def _draw(path: Path, page: QPageSize, document: Document) -> Layout:
    writer = QPdfWriter(str(path))
    writer.setCreator("Coach")
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise OutputError(f"Cannot write {path.parent / path.name}.")
    try:
        sheet = writer.pageLayout().fullRectPixels(writer.resolution())
        return document.render(painter, QRectF(sheet), writer.newPage)
    finally:
        painter.end()


def _whole(path: Path) -> bool:
    """Whether the PDF ends with its trailer, as a completely written one does."""
    try:
        with open(path, "rb") as pdf:
            pdf.seek(0, os.SEEK_END)
            pdf.seek(max(0, pdf.tell() - 64))
            return b"%%EOF" in pdf.read()
    except OSError:
        return False


def _refusal(exc: OSError, path: Path) -> UserError:
    """The disk-full message when the disk is full (coach.store.failures), else the reason."""
    if isinstance(exc, UserError):
        return exc
    return user_facing(exc, path.parent) or OutputError(
        f"Cannot write {path}: {exc.strerror or exc}."
    )


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
