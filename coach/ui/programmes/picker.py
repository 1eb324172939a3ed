"""The library beside the programme: search by name or synonym, see the picture, add.

A compact list (thumbnail and name) over the same ExerciseListModel and search the Exercises
page uses. Enter, a double click or the Add button hands the exercise id to the builder.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.services.exercises import ExerciseService, LibraryQuery
from coach.ui.library.model import ID_ROLE, ExerciseListModel
from coach.ui.library.pictures import ThumbnailCache
from coach.ui.widgets import label

THUMBNAIL = QSize(72, 56)


class LibraryPicker(QWidget):
    chosen = Signal(str)  # exercise id

    def __init__(self, exercises: ExerciseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exercises = exercises
        self.thumbnails = ThumbnailCache(THUMBNAIL, self.devicePixelRatioF(), self)
        self.model = ExerciseListModel(self.thumbnails, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search exercises")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search exercises")
        self.search.textChanged.connect(self.apply)
        self.search.returnPressed.connect(self._focus_list)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setIconSize(THUMBNAIL)
        self.view.setSpacing(2)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Exercises to add")
        self.view.activated.connect(self._activated)
        self.add = QPushButton("Add to programme")
        self.add.clicked.connect(self._add_current)
        self.count = label("", role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.add)

    def apply(self) -> None:
        found = self._exercises.search(LibraryQuery(text=self.search.text()))
        self.model.set_exercises(found)
        self.count.setText(
            f"{len(found)} exercise{'s' if len(found) != 1 else ''}"
            if found
            else "No exercises match; try another word."
        )
        if found:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.add.setEnabled(bool(found))

    def _focus_list(self) -> None:
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(index.data(ID_ROLE))

    def _add_current(self) -> None:
        self._activated(self.view.currentIndex())
