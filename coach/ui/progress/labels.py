"""The treatment labels of the progress chart: every label in one item.

Each label reads upwards beside its treatment's line, hanging from a point near the top of the
plot, in screen pixels whatever the view's scale (as a pyqtgraph TextItem turned by 90 degrees
and anchored by its end would draw it). One TextItem per label made a text document each, and
each re-placed itself before every paint; the labels of a ten-year chart cost more to set up and
to paint than the bars and lines together. This item draws the plain strings itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

MARGIN = 4.0  # pixels between a label and its anchor, as a text item's document margin


class VerticalLabels(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Labels anchored at view coordinates (x, y): each drawn turned to read upwards, its end at
    the anchor and its top edge along the line through it, so it hangs down on the right."""

    def __init__(self, font: QFont, colour: str) -> None:
        super().__init__()
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._colour = QColor(colour)
        self._labels: list[tuple[float, float, str]] = []
        self._drawn: list[str] = []

    def set_labels(self, labels: Sequence[tuple[float, float, str]]) -> None:
        self.prepareGeometryChange()
        self._labels = list(labels)
        self.update()

    def texts(self) -> list[str]:
        """The labels shown, left to right (what a reader of the chart sees)."""
        return [text for _, _, text in sorted(self._labels)]

    def drawn(self) -> list[str]:
        """The labels as last painted, in the order given: cut short with an ellipsis where
        the plot was too low for them (the hover read-out names the treatment in full)."""
        return list(self._drawn)

    def boundingRect(self) -> QRectF:
        # Drawn in pixels inside the plot: the view's rectangle holds every label (the view
        # box clips its children to it anyway).
        view = self.getViewBox()
        return QRectF() if view is None else view.viewRect()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem | None = None,
        widget: QWidget | None = None,
    ) -> None:
        if not self._labels:
            return
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        painter.setPen(self._colour)
        height = self._metrics.height()
        # A label runs down from its anchor; one longer than the plot is below it would be cut
        # off mid-word at the plot's bottom edge, so it is shortened to fit instead.
        bottom = to_device.mapRect(self.boundingRect()).bottom()
        self._drawn = []
        for x, y, name in self._labels:
            anchor = to_device.map(QPointF(x, y))
            room = max(0.0, bottom - anchor.y() - 2 * MARGIN)
            text = self._metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
            self._drawn.append(text)
            width = self._metrics.horizontalAdvance(text)
            painter.save()
            painter.translate(anchor)
            painter.rotate(-90)
            painter.drawText(
                QRectF(-width - MARGIN, MARGIN, width, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                text,
            )
            painter.restore()
        painter.restore()
