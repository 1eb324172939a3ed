"""The exercises of the programme being edited, in order: a list model the builder's view shows.

Reordering goes through `moveRows`, whichever way the user asks: Alt+Up/Alt+Down, the move
buttons, or drag and drop (the view's drop is turned into a `moveRows` call in `dropMimeData`,
so a drag never copies or loses a row). Edits from the dosage editor replace one row's item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from coach.domain.exercise import Exercise
from coach.domain.programme import ProgrammeItem
from coach.services import dosage_words, programme_words
from coach.ui.library.pictures import ThumbnailCache

Index = QModelIndex | QPersistentModelIndex

ROWS_MIME = "application/x-coach-programme-rows"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ProgrammeItemsModel(QAbstractListModel):
    def __init__(
        self,
        lookup: Callable[[str], Exercise | None],
        thumbnails: ThumbnailCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._items: list[ProgrammeItem] = []
        self._thumbnails = thumbnails
        thumbnails.ready.connect(self._thumbnail_ready)

    # --- the programme side ---------------------------------------------------------------------

    def set_items(self, items: Sequence[ProgrammeItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> tuple[ProgrammeItem, ...]:
        return tuple(self._items)

    def item(self, row: int) -> ProgrammeItem:
        return self._items[row]

    def append(self, item: ProgrammeItem) -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(item)
        self.endInsertRows()
        return row

    def replace(self, row: int, item: ProgrammeItem) -> None:
        if self._items[row] == item:
            return
        self._items[row] = item
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def name(self, row: int) -> str:
        exercise_id = self._items[row].exercise_id
        exercise = self._lookup(exercise_id)
        return exercise.name if exercise else exercise_id

    # --- Qt's questions -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        row = index.row()
        item = self._items[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row + 1}. {self.name(row)}\n{summary(item)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Exercise {row + 1}: {self.name(row)}. {summary(item)}"
        if role == Qt.ItemDataRole.DecorationRole:
            exercise = self._lookup(item.exercise_id)
            return self._thumbnails.get(exercise) if exercise else None
        if role == ITEM_ROLE:
            return item
        return None

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._items[row : row + count]
        self.endRemoveRows()
        return True

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > len(self._items):
            return False
        if not 0 <= destination_child <= len(self._items):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: nothing moves (Qt refuses this move too)
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        ):
            return False
        moving = self._items[source_row : source_row + count]
        del self._items[source_row : source_row + count]
        at = destination_child - count if destination_child > source_row else destination_child
        self._items[at:at] = moving
        self.endMoveRows()
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(ROWS_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged row to where it was dropped.

        Returns False even after moving: True would tell the view the data was copied, and it
        would then delete the "original" rows.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            rows = [int(part) for part in bytes(data.data(ROWS_MIME).data()).decode().split(",")]
        except ValueError:
            return False
        if len(rows) != 1:
            return False
        target = parent.row() if parent.isValid() else row
        if target < 0:
            target = len(self._items)
        self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), target)
        return False

    def _thumbnail_ready(self, exercise_id: str) -> None:
        for row, item in enumerate(self._items):
            if item.exercise_id == exercise_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def summary(item: ProgrammeItem) -> str:
    """One line for the list: how much and how often."""
    amount = dosage_words.amount(item.dosage).rstrip(".")
    return f"{amount} · {programme_words.schedule(item)}"
