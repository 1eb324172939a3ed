"""An axis whose grid lines are filled one-pixel rectangles rather than stroked lines.

pyqtgraph draws an axis's grid as its tick lines stretched across the plot, in a translucent
pen. Qt's raster engine strokes a translucent one-pixel line about ten times slower than it
fills the same pixels as a rectangle (2 ms against 0.2 ms for the Progress chart's grid, a third
of its paint). This axis hands pyqtgraph the ticks without the grid, and fills each grid line's
pixels itself: the same pixels as the stroke (a cosmetic line from x1 to x2 covers the pixels
floor(x1) to floor(x2) of row floor(y)), the same colour, after the axis line as before.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

from coach.ui.progress.steady_label import SteadyLabelAxis


class FilledGridAxis(SteadyLabelAxis):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._grid_lines: list[tuple[QPen, QPointF, QPointF]] = []

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: Any, textSpecs: Any) -> None:
        lines = []
        if self.grid is not False:  # every tick is then a line across the plot
            lines = [spec for spec in tickSpecs if _straight(spec[1], spec[2])]
            tickSpecs = [spec for spec in tickSpecs if not _straight(spec[1], spec[2])]
        self._grid_lines = lines
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)

    def paint(self, p: QPainter, *args: Any) -> None:
        super().paint(p, *args)  # makes the picture when it is out of date, then plays it
        if not self._grid_lines:
            return
        to_device = p.combinedTransform()
        p.save()
        p.resetTransform()
        for pen, start, end in self._grid_lines:
            a, b = to_device.map(QPointF(start)), to_device.map(QPointF(end))
            left, top = math.floor(min(a.x(), b.x())), math.floor(min(a.y(), b.y()))
            right, bottom = math.floor(max(a.x(), b.x())), math.floor(max(a.y(), b.y()))
            p.fillRect(QRectF(left, top, right - left + 1, bottom - top + 1), pen.color())
        p.restore()


def _straight(start: QPointF, end: QPointF) -> bool:
    """Level or upright: the lines a grid is made of, and the only ones a rectangle draws."""
    return start.x() == end.x() or start.y() == end.y()
