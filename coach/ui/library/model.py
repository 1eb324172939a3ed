"""The list of exercises the library grid shows: a Qt item model over the service's results.

Searching and filtering happen in ExerciseService (one definition of what matches, shared with
the CLI); this model only holds the current result and answers Qt's questions about it.
Thumbnails come from the ThumbnailCache; when one is drawn the model announces that row's
picture changed, so the view repaints only that card.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from coach.domain.exercise import Exercise
from coach.services import exercise_labels
from coach.ui.library.pictures import ThumbnailCache

Index = QModelIndex | QPersistentModelIndex

EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 3


def subtitle(exercise: Exercise) -> str:
    """The short line under a card's name: category and, for the user's own, that it is theirs."""
    words = exercise_labels.CATEGORY[exercise.category]
    return f"{words} · your own" if exercise.custom else words


class ExerciseListModel(QAbstractListModel):
    def __init__(self, thumbnails: ThumbnailCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exercises: tuple[Exercise, ...] = ()
        self._rows: dict[str, int] = {}
        self._thumbnails = thumbnails
        thumbnails.ready.connect(self._thumbnail_ready)

    def set_exercises(self, exercises: Sequence[Exercise]) -> None:
        self.beginResetModel()
        self._exercises = tuple(exercises)
        self._rows = {exercise.id: row for row, exercise in enumerate(self._exercises)}
        self.endResetModel()
        self._thumbnails.request(list(self._exercises))

    def exercise(self, row: int) -> Exercise:
        return self._exercises[row]

    def row_of(self, exercise_id: str) -> int | None:
        return self._rows.get(exercise_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._exercises)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._exercises):
            return None
        exercise = self._exercises[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return exercise.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return exercise.summary or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{exercise.name}, {subtitle(exercise)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.get(exercise)
        if role == EXERCISE_ROLE:
            return exercise
        if role == ID_ROLE:
            return exercise.id
        if role == SUBTITLE_ROLE:
            return subtitle(exercise)
        return None

    def _thumbnail_ready(self, exercise_id: str) -> None:
        row = self._rows.get(exercise_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
