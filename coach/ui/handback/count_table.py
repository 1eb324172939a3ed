"""A small table of counts per kind of entry, for the send dialog and the import preview.

Labels in a grid rather than a table view: a handful of rows that must never scroll or clip,
and that grow with the Text size like the rest of the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel

from coach.exchange.progress_rows import Kind
from coach.ui.style import scaled
from coach.wording.handback import kind_label


def count_grid() -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(scaled(18))
    grid.setColumnStretch(0, 1)
    return grid


def fill(
    grid: QGridLayout, headings: Sequence[str], rows: Sequence[tuple[Kind, Sequence[int]]]
) -> None:
    """Show `rows` (a kind and its numbers) under `headings` (one per column of numbers),
    replacing what the grid showed before."""
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
    for column, heading in enumerate(headings, start=1):
        grid.addWidget(_cell(heading, heading=True), 0, column)
    for row, (kind, numbers) in enumerate(rows, start=1):
        grid.addWidget(_cell(kind_label(kind)), row, 0)
        for column, number in enumerate(numbers, start=1):
            grid.addWidget(_cell(str(number), number=True), row, column)


def _cell(text: str, *, heading: bool = False, number: bool = False) -> QLabel:
    cell = QLabel(text)
    if heading:
        cell.setProperty("role", "subheading")
    if number:
        cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return cell
