"""The diary timeline as a table model: date, time, kind, pain and what was noted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from coach.services.timeline import TimelineItem
from coach.ui import style

HEADERS = ("Date", "Time", "Entry", "Pain", "Details")
ENTRY_COLUMN, DETAILS_COLUMN = HEADERS.index("Entry"), HEADERS.index("Details")
ItemRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class TimelineModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._items: list[TimelineItem] = []

    def set_items(self, items: list[TimelineItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> TimelineItem:
        return self._items[row]

    def items(self) -> list[TimelineItem]:
        return list(self._items)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (item.title, item.detail) if part)
        if role == Qt.ItemDataRole.ForegroundRole and item.red_flag:
            return QBrush(QColor(style.DANGER_INK))
        if role == Qt.ItemDataRole.FontRole and item.red_flag and column == 2:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ItemRole:
            return item
        return None

    @staticmethod
    def _text(item: TimelineItem, column: int) -> str:
        if column == 0:
            return f"{item.day:%a %d %b %Y}"
        if column == 1:
            return item.time_text
        if column == 2:
            return ("⚠ " if item.red_flag else "") + item.title
        if column == 3:
            return "" if item.pain is None else str(item.pain)
        return ("? " if item.question else "") + item.detail
