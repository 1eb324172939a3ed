"""The note that a file was saved, saying where, with "Show in folder" (and "Open" where a
program opens it): shared by Save as PDF and the progress file, so both read the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def saved_file_box(
    parent: QWidget, title: str, text: str, path: Path, *, can_open: bool = True
) -> QMessageBox:
    """A non-blocking box naming `path`; `can_open` offers "Open" too (the default button)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent
    )
    box.setInformativeText(str(path))
    opened = box.addButton("Open", QMessageBox.ButtonRole.ActionRole) if can_open else None
    shown = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    if opened is not None:
        box.setDefaultButton(opened)
    else:
        box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        clicked = box.clickedButton()
        if opened is not None and clicked is opened:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif clicked is shown:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.finished.connect(finished)
    box.open()
    return box
