"""The progress chart's legend: a sample and a name for each series, up to three to a row.

pyqtgraph's LegendItem makes a rich-text document and a sample item for every entry, and lays
them out in a grid of their own; for the chart's five entries that was a fifth of building the
chart, and its documents were laid out again whenever a name changed (daily or weekly pain).
This item draws the same thing itself: each sample (a filled box for bars, a short line in the
series' pen, or the marker of a scatter series) and its name in plain text, across the width
under the plot: three entries to a row, or fewer when the names would not fit (a narrow window
or large text; pyqtgraph's grid then pushed the plot's right axis out of the window).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QStyleOptionGraphicsItem, QWidget

COLUMNS = 3
SAMPLE = 20.0  # the side of a sample's square, in pixels
GAP = 6.0  # between a sample and its name
PADDING = 8.0  # around the rows, left and right of the first column
MARKER_SIZE = 10.0
WIDEST = 16777215.0  # Qt's largest size: no maximum width


@dataclass
class Entry:
    name: str
    pen: QPen | None = None  # a line of this pen (or the symbol's outline)
    brush: QBrush | None = None  # a filled box (or the symbol's fill)
    symbol: str | None = None  # a pyqtgraph marker instead of a line or box


class ChartLegend(pg.GraphicsWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    def __init__(self, font: QFont, colour: str) -> None:
        super().__init__()
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._colour = QColor(colour)
        self._entries: dict[object, Entry] = {}
        self._widest = 0.0  # the longest name's width: the layout asks for sizes often
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def add(self, key: object, entry: Entry) -> None:
        self._entries[key] = entry
        self._measure()
        self.updateGeometry()
        self.update()

    def rename(self, key: object, name: str) -> None:
        entry = self._entries[key]
        if entry.name != name:
            entry.name = name
            self._measure()
            self.updateGeometry()  # a longer name may leave room for fewer columns
            self.update()

    def _measure(self) -> None:
        self._widest = max(self._metrics.horizontalAdvance(e.name) for e in self._entries.values())

    def names(self) -> list[str]:
        """The entries' names in reading order (what a reader of the chart sees)."""
        return [entry.name for entry in self._entries.values()]

    def _row_height(self) -> float:
        return max(SAMPLE, self._metrics.height()) + 4

    def _columns(self, width: float) -> int:
        """Entries to a row at `width`: three, or as many as the longest name leaves room for."""
        widest = SAMPLE + GAP + self._widest + GAP
        return max(1, min(COLUMNS, int((width - PADDING) // widest)))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        if self._columns(event.newSize().width()) != self._columns(event.oldSize().width()):  # type: ignore[attr-defined]
            self.updateGeometry()  # more or fewer rows: a new height

    def sizeHint(self, which: Qt.SizeHint, constraint: QSizeF | None = None) -> QSizeF:
        columns = self._columns(self.size().width())
        rows = -(-len(self._entries) // columns)  # rounded up
        height = rows * self._row_height() + PADDING
        # As wide as the plot above it, which the layout decides; as high as its rows.
        return QSizeF(WIDEST if which == Qt.SizeHint.MaximumSize else 0, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem | None = None,
        widget: QWidget | None = None,
    ) -> None:
        columns = self._columns(self.size().width())
        width = (self.size().width() - PADDING) / columns
        height = self._row_height()
        painter.setFont(self._font)
        for index, entry in enumerate(self._entries.values()):
            row, column = divmod(index, columns)
            left = PADDING + column * width
            top = PADDING / 2 + row * height
            middle = top + height / 2
            self._sample(painter, entry, QRectF(left, middle - SAMPLE / 2, SAMPLE, SAMPLE))
            painter.setPen(self._colour)
            room = width - SAMPLE - GAP
            name = self._metrics.elidedText(entry.name, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRectF(left + SAMPLE + GAP, top, room, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )

    @staticmethod
    def _sample(painter: QPainter, entry: Entry, box: QRectF) -> None:
        painter.save()
        if entry.symbol is not None:
            painter.translate(box.center())
            drawSymbol(
                painter,
                entry.symbol,
                MARKER_SIZE,
                entry.pen or QPen(Qt.PenStyle.NoPen),
                entry.brush or QBrush(Qt.BrushStyle.NoBrush),
            )
        elif entry.brush is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(entry.brush)
            painter.drawRect(box.adjusted(2, 2, -2, -2))
        elif entry.pen is not None:
            painter.setPen(entry.pen)
            y = box.center().y()
            painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
        painter.restore()
