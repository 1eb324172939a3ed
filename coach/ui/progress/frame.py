"""The progress chart's frame: a view with its axes around it, laid out as a pyqtgraph PlotItem.

A PlotItem also builds, whatever is shown, its settings panel (two dozen widgets from a Designer
form, grouped for saving their state), the context menu holding it, an auto-range button, a
hidden title label and a hidden top axis that follows every change of range. The chart uses
none of them: building them was some 4 ms of the chart's 13 (thread time, on this project's
shared test machine). This frame holds only the view and the axes given, in the PlotItem's grid (the
same cells, margins, spacing and stretch), so the plot is laid out to the same pixels, and one
row under them for a legend.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QGraphicsLayoutItem, QSizePolicy

# The PlotItem's cells: (row, column). Row 0 (its title) and the top axis's row 1 stay empty.
CELLS = {"bottom": (3, 1), "left": (2, 0), "right": (2, 2)}
VIEW_CELL = (2, 1)
UNDER_CELL = (4, 1)


class PlotFrame(pg.GraphicsWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    def __init__(self, axes: dict[str, pg.AxisItem]) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        grid = QGraphicsGridLayout()
        grid.setContentsMargins(1, 1, 1, 1)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        self.setLayout(grid)
        self._grid = grid
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        grid.addItem(self.vb, *VIEW_CELL)
        self.axes = axes
        for name, axis in axes.items():
            axis.linkToView(self.vb)
            grid.addItem(axis, *CELLS[name])
            axis.setZValue(0.5)  # as the PlotItem stacks them: over the view, under its items
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
        for row in range(4):
            grid.setRowPreferredHeight(row, 0)
            grid.setRowMinimumHeight(row, 0)
            grid.setRowSpacing(row, 0)
            grid.setRowStretchFactor(row, 1)
        for column in range(3):
            grid.setColumnPreferredWidth(column, 0)
            grid.setColumnMinimumWidth(column, 0)
            grid.setColumnSpacing(column, 0)
            grid.setColumnStretchFactor(column, 1)
        grid.setRowStretchFactor(2, 100)
        grid.setColumnStretchFactor(1, 100)
        # The PlotItem's hidden title and top axis take no height; left empty, their rows would
        # take a share of the stretch.
        grid.setRowFixedHeight(0, 0)
        grid.setRowFixedHeight(1, 0)

    def axis(self, name: str) -> pg.AxisItem:
        return self.axes[name]

    def add_under(self, item: QGraphicsLayoutItem) -> None:
        """Put `item` under the plot, across the view's width (where the chart's legend goes)."""
        self._grid.addItem(item, *UNDER_CELL)
