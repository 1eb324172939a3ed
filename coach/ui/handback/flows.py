"""The ways into the hand-back, shared by the File menu, the pages and the window's drop target.

- `send_progress`: the patient's send dialog (sealed when a programme came from a therapist,
  otherwise the not-protected export).
- `choose_progress_file`: the therapist picks a .coachprogress file to import.
- `open_progress_file`: checks the file off the GUI thread (opening and reading a year of
  entries takes a moment) and shows the preview; a refusal is one calm line in a box.
- `progress_files`: the .coachprogress files among dragged URLs, for the window's drop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from coach.domain.errors import UserError
from coach.exchange.progress_file import SUFFIX
from coach.services.progress_import import ImportOutcome, ProgressPreview
from coach.ui.context import UiContext
from coach.ui.handback import words
from coach.ui.handback.import_dialog import ImportProgressDialog
from coach.ui.handback.send_dialog import SendProgressDialog
from coach.ui.ops import report

REFUSED_TITLE = "This progress file cannot be imported"


def send_progress(ui: UiContext, parent: QWidget) -> SendProgressDialog | None:
    """The send dialog for the open patient; None in a copy with no patient open."""
    patient = ui.patient
    if patient is None:
        return None
    dialog = SendProgressDialog(ui, patient.progress_export, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def send_menu_text(ui: UiContext) -> str:
    """What the patient's menu item and button say: sealed, or plainly not protected."""
    patient = ui.patient if ui.ready else None
    return send_text(patient is None or patient.progress_export.offered())


def send_text(offered: bool) -> str:
    """The words for sending progress when a therapist's key is (`offered`) or is not there."""
    return words.SEND_MENU if offered else words.UNSEALED_MENU


def choose_progress_file(ui: UiContext, parent: QWidget) -> QFileDialog:
    """Ask which progress file to import, without blocking; its preview follows."""
    dialog = QFileDialog(parent, "Import a progress file", "", words.FILE_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: open_progress_file(ui, Path(name), parent))
    dialog.open()
    return dialog


def open_progress_file(ui: UiContext, path: Path, parent: QWidget) -> None:
    """Check and count the file off the GUI thread, then show its preview."""
    service = ui.app.progress_import
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"Opening {path.name}…")

    def shown(preview: ProgressPreview) -> None:
        _clear_status(window)
        dialog = ImportProgressDialog(ui, path, preview, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda outcome: _say_imported(window, preview, outcome))
        dialog.open()

    def failed(error: Exception) -> None:
        _clear_status(window)
        if not isinstance(error, UserError):
            raise error  # a bug: the crash handler reports it
        report(ui, parent, error, title=REFUSED_TITLE)

    ui.tasks.run(lambda: service.preview(path), shown, failed)


def _clear_status(window: QWidget) -> None:
    if isinstance(window, QMainWindow):
        window.statusBar().clearMessage()


def _say_imported(window: QWidget, preview: ProgressPreview, outcome: ImportOutcome) -> None:
    if not isinstance(window, QMainWindow):
        return
    new = sum(counts.new for counts in outcome.counts.values())
    replaced = sum(counts.replaced for counts in outcome.counts.values())
    added = " (added as a new patient)" if outcome.created_patient else ""
    window.statusBar().showMessage(
        f"Imported {preview.source}{added}: {new} new, {replaced} replaced.", 10000
    )


def progress_files(mime: QMimeData) -> list[Path]:
    """The local .coachprogress files among what is being dragged."""
    if not mime.hasUrls():
        return []
    found = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in found if path.suffix.lower() == SUFFIX]
