"""Telling the user something went wrong, in words they can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:  # the box's classes load when a box is first shown, after the first paint
    from PySide6.QtWidgets import QMessageBox, QWidget

# A box without a parent belongs to Python: kept here while it is open, or it would be
# collected (and vanish) as soon as the caller drops it.
_ORPHANS: set[QMessageBox] = set()


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A non-blocking warning box over `parent`; returned so tests can find and close it."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _ORPHANS.add(box)
        box.finished.connect(lambda _result: _ORPHANS.discard(box))
    box.open()
    return box
