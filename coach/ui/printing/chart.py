"""The adherence-against-pain chart, drawn with QPainter straight from the report's series.

Drawn as vector shapes rather than rendered from a pyqtgraph scene: pyqtgraph scenes come out
wrong on high-resolution paint devices (shared/DESIGN.md), and paper wants crisp lines at any
printer resolution. Every series differs in shape as well as shade (filled bars, a solid line
with dots, a dashed line, dotted numbered markers), so the chart reads on a greyscale printer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath

from coach.services.reports import ChartSeries, PainPoint
from coach.ui.printing.layout import INK, MUTED, Block, Canvas, font

BAR_FILL = QColor("#c4c4c4")
BAR_EDGE = QColor("#7a7a7a")
WORST = QColor("#555555")
AXIS_FONT = 7.5
PLOT_HEIGHT = 170.0
MARKER_ROW = 12.0
LEGEND_HEIGHT = 30.0
AXIS_WIDTH = 30.0
ADHERENT = 80.0


def _ticks(first: date, last: date) -> list[date]:
    """Dates worth a label: weekly Mondays for short ranges, month starts for longer ones."""
    days = (last - first).days + 1
    if days <= 70:
        step = 7 if days <= 35 else 14
        day = first + timedelta(days=(7 - first.weekday()) % 7)
        found = []
        while day <= last:
            found.append(day)
            day += timedelta(days=step)
        return found
    every = next(
        (step for limit, step in ((200, 1), (400, 2), (800, 3), (1800, 6)) if days <= limit), 12
    )
    found = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > last:
            return found
        if (month - 1) % every == 0:
            found.append(day)


def _tick_label(day: date, span: int) -> str:
    if span <= 70:
        return f"{day.day} {day:%b}"
    return f"{day:%b}" if day.month != 1 and span <= 400 else f"{day:%b %Y}"


class ChartBlock(Block):
    def __init__(self, series: ChartSeries) -> None:
        self.series = series
        self.space_before = 6.0

    def _marker_layout(self, day_width: float) -> tuple[list[float], list[int]]:
        """Each marker's x offset in days and the row its label sits in, so labels never touch."""
        xs: list[float] = []
        rows: list[int] = []
        last_x = [-1e9, -1e9, -1e9]
        for marker in self.series.treatments:
            x = (marker.day - self.series.first).days + 0.5
            row = 0
            for candidate in range(3):
                if (x - last_x[candidate]) * day_width >= 16:
                    row = candidate
                    break
            else:
                row = min(range(3), key=lambda r: last_x[r])
            last_x[row] = x
            xs.append(x)
            rows.append(row)
        return xs, rows

    def measure(self, canvas: Canvas, width: float) -> float:
        return 3 * MARKER_ROW + PLOT_HEIGHT + 18 + LEGEND_HEIGHT

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        series = self.series
        span = (series.last - series.first).days + 1
        plot = QRectF(
            rect.left() + AXIS_WIDTH,
            rect.top() + 3 * MARKER_ROW,
            rect.width() - 2 * AXIS_WIDTH,
            PLOT_HEIGHT,
        )
        day_width = plot.width() / span
        painter = canvas.painter

        def x_of(offset_days: float) -> float:
            return plot.left() + offset_days * day_width

        def y_percent(value: float) -> float:
            return plot.bottom() - plot.height() * min(100.0, value) / 100.0

        def y_pain(value: float) -> float:
            return plot.bottom() - plot.height() * value / 10.0

        # Grid and axes.
        canvas.shapes()
        painter.setPen(canvas.pen(QColor("#dddddd"), 0.4))
        for step in range(1, 5):
            y = plot.bottom() - plot.height() * step / 4
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        # Bars.
        painter.setPen(canvas.pen(BAR_EDGE, 0.4))
        painter.setBrush(QBrush(BAR_FILL))
        gap = 0.12 if day_width * (7 if series.weekly_bars else 1) > 3 else 0.0
        for bar in series.bars:
            start = (bar.first - series.first).days
            length = (bar.last - bar.first).days + 1
            top = y_percent(bar.percent)
            painter.drawRect(
                QRectF(
                    x_of(start + gap * min(length, 1)),
                    top,
                    max(0.3, (length - 2 * gap * min(length, 1)) * day_width),
                    plot.bottom() - top,
                )
            )
        # 80 % line: the usual threshold for "adherent".
        painter.setPen(canvas.pen(INK, 0.6, Qt.PenStyle.DashDotLine))
        painter.drawLine(
            QPointF(plot.left(), y_percent(ADHERENT)), QPointF(plot.right(), y_percent(ADHERENT))
        )
        # Treatment markers: dotted verticals with numbers matching the treatments table.
        xs, rows = self._marker_layout(day_width)
        for marker, offset, row in zip(series.treatments, xs, rows, strict=True):
            x = x_of(offset)
            canvas.shapes()
            painter.setPen(canvas.pen(INK, 0.7, Qt.PenStyle.DotLine))
            label_top = rect.top() + row * MARKER_ROW
            painter.drawLine(QPointF(x, label_top + MARKER_ROW - 1), QPointF(x, plot.bottom()))
            label = str(marker.number)
            label_width = canvas.text_width(label, font(AXIS_FONT, bold=True)) + 5
            box = QRectF(x - label_width / 2, label_top + 0.5, label_width, MARKER_ROW - 1.5)
            painter.setPen(canvas.pen(INK, 0.6))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawRect(box)
            canvas.text(
                box, label, font(AXIS_FONT, bold=True), INK, flags=Qt.AlignmentFlag.AlignCenter
            )
        # Pain lines, broken where more than three days have no rating.
        canvas.shapes()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(canvas.pen(WORST, 1.0, Qt.PenStyle.DashLine))
        painter.drawPath(self._line(series.pain, x_of, y_pain, worst=True))
        painter.setPen(canvas.pen(INK, 1.5))
        painter.drawPath(self._line(series.pain, x_of, y_pain, worst=False))
        if day_width >= 4:
            painter.setBrush(QBrush(INK))
            painter.setPen(Qt.PenStyle.NoPen)
            for point in series.pain:
                centre = QPointF(x_of((point.day - series.first).days + 0.5), y_pain(point.mean))
                painter.drawEllipse(centre, 1.6, 1.6)
        # Frame and axis labels.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(canvas.pen(INK, 0.8))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
        painter.drawLine(plot.topRight(), plot.bottomRight())
        small = font(AXIS_FONT)
        for step in range(5):
            y = plot.bottom() - plot.height() * step / 4
            canvas.text(
                QRectF(rect.left(), y - 5, AXIS_WIDTH - 4, 10),
                f"{25 * step} %",
                small,
                MUTED,
                flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
        for pain in range(0, 11, 2):
            y = y_pain(pain)
            canvas.text(
                QRectF(plot.right() + 4, y - 5, AXIS_WIDTH - 4, 10),
                str(pain),
                small,
                MUTED,
                flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
        for tick in _ticks(series.first, series.last):
            x = x_of((tick - series.first).days)
            canvas.shapes()
            painter.setPen(canvas.pen(INK, 0.6))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
            label = _tick_label(tick, span)
            half = canvas.text_width(label, small) / 2 + 2
            left = max(rect.left(), min(x - half, rect.right() - 2 * half))
            canvas.text(
                QRectF(left, plot.bottom() + 4, 2 * half, 11),
                label,
                small,
                MUTED,
                flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            )
        self._legend(canvas, QRectF(rect.left(), plot.bottom() + 18, rect.width(), LEGEND_HEIGHT))

    def _line(
        self,
        pain: tuple[PainPoint, ...],
        x_of: Callable[[float], float],
        y_of: Callable[[float], float],
        worst: bool,
    ) -> QPainterPath:
        path = QPainterPath()
        previous: date | None = None
        for point in pain:
            x = x_of((point.day - self.series.first).days + 0.5)
            y = y_of(point.worst if worst else point.mean)
            if previous is None or (point.day - previous).days > 3:
                path.moveTo(x, y)
            else:
                path.lineTo(x, y)
            previous = point.day
        return path

    def _legend(self, canvas: Canvas, rect: QRectF) -> None:
        unit = "weekly" if self.series.weekly_bars else "daily"
        entries = (
            ("bar", f"Adherence, {unit} (left axis)"),
            ("mean", "Mean pain (right axis)"),
            ("worst", "Worst pain"),
            ("target", "80 %: adherent"),
            ("marker", "Treatment (numbered as in the list)"),
        )
        painter = canvas.painter
        small = font(AXIS_FONT)
        x = rect.left()
        y = rect.top()
        for kind, text in entries:
            width = 22 + canvas.text_width(text, small) + 14
            if x + width > rect.right():
                x = rect.left()
                y += 13
            canvas.shapes()
            mid = y + 5
            if kind == "bar":
                painter.setPen(canvas.pen(BAR_EDGE, 0.4))
                painter.setBrush(QBrush(BAR_FILL))
                painter.drawRect(QRectF(x, y, 16, 10))
            elif kind == "marker":
                painter.setPen(canvas.pen(INK, 0.7, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x + 8, y), QPointF(x + 8, y + 10))
            else:
                style, colour, weight = {
                    "mean": (Qt.PenStyle.SolidLine, INK, 1.5),
                    "worst": (Qt.PenStyle.DashLine, WORST, 1.0),
                    "target": (Qt.PenStyle.DashDotLine, INK, 0.6),
                }[kind]
                painter.setPen(canvas.pen(colour, weight, style))
                painter.drawLine(QPointF(x, mid), QPointF(x + 16, mid))
            canvas.text(
                QRectF(x + 20, y - 1, width - 20, 12),
                text,
                small,
                INK,
                flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            x += width
