"""The builder's list of what can be opened: the user's programmes, their templates and the
starter templates, each group under a heading row that cannot be selected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from coach.domain.programme import Programme
from coach.services.programme_draft import Kind

Index = QModelIndex | QPersistentModelIndex


HEADINGS = {
    Kind.PROGRAMME: "Your programmes",
    Kind.TEMPLATE: "Your templates",
    Kind.STARTER: "Starter templates",
}


@dataclass(frozen=True)
class Entry:
    kind: Kind
    programme: Programme | None = None  # None for a heading row

    @property
    def is_heading(self) -> bool:
        return self.programme is None


class ProgrammeListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_groups(
        self,
        programmes: list[Programme],
        templates: list[Programme],
        starters: list[Programme],
    ) -> None:
        self.beginResetModel()
        self._entries = []
        for kind, values in (
            (Kind.PROGRAMME, programmes),
            (Kind.TEMPLATE, templates),
            (Kind.STARTER, starters),
        ):
            if values:
                self._entries.append(Entry(kind))
                self._entries.extend(Entry(kind, value) for value in values)
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, kind: Kind, key: int | str | None) -> int | None:
        """The row of a stored programme (by id) or a starter (by uid)."""
        for row, entry in enumerate(self._entries):
            value = entry.programme
            if value is None or entry.kind is not kind:
                continue
            if key in (value.id, value.uid):
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._entries[index.row()].is_heading:
            # Enabled so it reads clearly, but never selected: it names the group below it.
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        value = entry.programme
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADINGS[entry.kind] if value is None else value.name
        if role == Qt.ItemDataRole.ToolTipRole and value is not None:
            return value.goal or None
        if role == Qt.ItemDataRole.FontRole and value is None:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if value is None:
                return HEADINGS[entry.kind]
            return f"{value.name}, {HEADINGS[entry.kind].lower()}"
        return None
