"""The search box and filters above the library grid, and the count of what they let through.

Each filter is a combo box whose first entry means "any"; the entries offered are the values
the library actually uses (ExerciseService.facets), so no choice leads to an empty grid by
construction. Any change emits `changed` at once: 60-odd exercises filter in microseconds, so
there is nothing to debounce.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.exercise import Category, Equipment, Position, Region
from coach.services import exercise_labels
from coach.services.exercises import Facets, LibraryQuery
from coach.ui.widgets import FlowLayout, label

E = TypeVar("E", bound=StrEnum)


class SearchBox(QLineEdit):
    """A search field that hands the keyboard to the grid on Down (and clears on Escape)."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    changed = Signal()
    move_down = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setPlaceholderText("Search by name, for example “bridge” or “chin tuck”")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search exercises")
        self.search.setMinimumHeight(38)
        self.search.textChanged.connect(self.changed)
        self.search.move_down.connect(self.move_down)

        self.category = self._combo("Category", "All categories")
        self.region = self._combo("Body area", "All body areas")
        self.position = self._combo("Position", "All positions")
        self.equipment = self._combo("Equipment", "Any equipment")

        self.clear_button = QPushButton("Show all")
        self.clear_button.setToolTip("Clear the search and every filter")
        self.clear_button.clicked.connect(self.clear)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.count.setAccessibleName("Number of exercises shown")

        search_row = QHBoxLayout()
        search_label = label("&Search", buddy=self.search)
        search_label.setWordWrap(False)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)

        # Caption over combo, in rows that wrap at large text sizes (FlowLayout) rather than
        # squeezing the combos below their text.
        filters = FlowLayout(spacing=12)
        for text, combo in (
            ("Cate&gory", self.category),
            ("&Body area", self.region),
            ("&Position", self.position),
            ("E&quipment", self.equipment),
        ):
            caption = label(text, role="muted", buddy=combo)
            caption.setWordWrap(False)
            filters.addWidget(_stacked(caption, combo))
        filters.addWidget(_stacked(self.clear_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.count)

    def _combo(self, name: str, any_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(any_text, None)
        combo.setMinimumHeight(34)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def set_facets(self, facets: Facets) -> None:
        """Offer the values the library uses, keeping each current choice if it still exists."""
        self.blockSignals(True)
        try:
            _fill(self.category, facets.categories, exercise_labels.CATEGORY)
            _fill(self.region, facets.regions, exercise_labels.REGION)
            _fill(self.position, facets.positions, exercise_labels.POSITION)
            _fill(self.equipment, facets.equipment, exercise_labels.EQUIPMENT)
        finally:
            self.blockSignals(False)

    def query(self) -> LibraryQuery:
        return LibraryQuery(
            text=self.search.text(),
            category=_chosen(self.category, Category),
            region=_chosen(self.region, Region),
            position=_chosen(self.position, Position),
            equipment=_chosen(self.equipment, Equipment),
        )

    def is_filtering(self) -> bool:
        return self.query() != LibraryQuery()

    def clear(self) -> None:
        self.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.category, self.region, self.position, self.equipment):
                combo.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        noun = "exercise" if total == 1 else "exercises"
        if shown == total:
            self.count.setText(f"All {total} {noun}")
        else:
            self.count.setText(f"Showing {shown} of {total} {noun}")
        self.clear_button.setEnabled(self.is_filtering())


def _fill(combo: QComboBox, values: Sequence[StrEnum], words: Mapping[Any, str]) -> None:
    current = combo.currentData()
    any_text = combo.itemText(0)
    combo.clear()
    combo.addItem(any_text, None)
    for value in values:
        combo.addItem(words[value], value.value)
    found = combo.findData(current)
    combo.setCurrentIndex(found if found >= 0 else 0)


def _chosen(combo: QComboBox, kind: type[E]) -> E | None:
    value = combo.currentData()
    return kind(value) if value is not None else None


def _stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other, pushed to the bottom so buttons line up with the combos."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addStretch(1)
    for widget in widgets:
        layout.addWidget(widget)
    return column
