"""The list of a programme's exercises, with the keyboard moves a builder needs.

Alt+Up and Alt+Down move the selected exercise, Delete removes it. They are handled in the
view's own key handling (not window shortcuts), so they work wherever the list has focus and
never clash with shortcuts elsewhere in the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from coach.ui.wrapped_rows import wrap_rows


class ItemsView(QListView):
    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        wrap_rows(self)  # dosage and days on as many lines as the width needs
        self.setSpacing(2)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
