"""The progress chart's own axes and frame draw, label and lay out exactly as pyqtgraph's, only
faster; except that date labels which would run together are left out."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from pytestqt.qtbot import QtBot

from coach.ui.progress.chart import day_x
from coach.ui.progress.date_axis import UtcDateAxis
from coach.ui.progress.frame import PlotFrame
from coach.ui.progress.grid_axis import FilledGridAxis
from coach.ui.progress.steady_label import SteadyLabelAxis


def _plot(qtbot: QtBot, left: pg.AxisItem, size: tuple[int, int], grid: float | bool) -> QImage:
    widget = pg.PlotWidget(background="w", axisItems={"left": left})
    qtbot.addWidget(widget)
    left.setGrid(grid)
    left.setTickSpacing(20, 10)
    widget.plot([0, 1, 2], [0, 50, 100], pen=pg.mkPen("b", width=1))
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


@pytest.mark.parametrize("size", [(1100, 400), (801, 333), (640, 517)])
def test_the_filled_grid_has_the_pixels_of_the_stroked_one(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    stroked = _plot(qtbot, pg.AxisItem("left"), size, 0.28)
    filled = _plot(qtbot, FilledGridAxis("left"), size, 0.28)
    assert filled == stroked
    assert filled != _plot(qtbot, FilledGridAxis("left"), size, False)  # there is a grid


@pytest.mark.parametrize("days", [1, 2, 14, 91, 183, 365, 3651, 9000])
@pytest.mark.parametrize("width", [300, 1100, 2400])
def test_date_ticks_and_labels_are_pyqtgraphs(qtbot: QtBot, days: int, width: int) -> None:
    ours = UtcDateAxis()
    theirs = pg.DateAxisItem(orientation="bottom", utcOffset=0)
    for axis in (ours, theirs):
        axis.fontMetrics = QFontMetrics(QFont())  # what a paint sets before asking for ticks
    last = date(2026, 3, 11)
    low, high = day_x(last - timedelta(days=days - 1)) - 43200, day_x(last) + 43200
    levels = ours.tickValues(low, high, width)
    assert levels == theirs.tickValues(low, high, width)
    assert any(ticks for _, ticks in levels)
    for spacing, ticks in levels:
        assert ours.tickStrings(ticks, 1, spacing) == theirs.tickStrings(ticks, 1, spacing)


def _titled(qtbot: QtBot, left: pg.AxisItem) -> tuple[QImage, str]:
    """A plot whose left axis goes through the changes the chart makes, and a few it does not;
    its picture and the title's text."""
    widget = pg.PlotWidget(background="w", axisItems={"left": left})
    qtbot.addWidget(widget)
    left.setPen(pg.mkPen("k", width=1))
    left.setTextPen(pg.mkPen("k", width=1))
    left.setLabel("Exercises done (%)", **{"font-size": "11pt"})
    left.enableAutoSIPrefix(False)
    widget.setYRange(0, 105, padding=0)
    left.setTextPen(pg.mkPen("r", width=1))  # the title's colour changes with the text pen
    left.setLabel("Pain (0-10)", **{"font-size": "13pt"})
    left.showLabel(False)
    left.showLabel(True)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage(), left.label.toPlainText()


def test_the_steady_label_axis_draws_its_title_as_pyqtgraph_does(qtbot: QtBot) -> None:
    steady, title = _titled(qtbot, SteadyLabelAxis("left"))
    assert (steady, title) == _titled(qtbot, pg.AxisItem("left"))
    assert title.strip() == "Pain (0-10)"  # the last title set, not the first


@pytest.mark.parametrize("size", [(1000, 480), (640, 900), (333, 250)])
def test_the_frame_lays_the_plot_out_as_a_plot_item(qtbot: QtBot, size: tuple[int, int]) -> None:
    def axes() -> dict[str, pg.AxisItem]:
        return {
            "bottom": UtcDateAxis(),
            "left": FilledGridAxis("left"),
            "right": pg.AxisItem("right"),
        }

    frame = PlotFrame(axes())
    frame.add_under(pg.LegendItem(colCount=3))
    item = pg.PlotItem(axisItems=axes())
    item.showAxis("right")
    item.layout.addItem(pg.LegendItem(colCount=3), 4, 1)
    views = [pg.GraphicsView(), pg.GraphicsView()]
    for view, plot in zip(views, (frame, item), strict=True):
        qtbot.addWidget(view)
        view.setCentralItem(plot)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
    assert frame.vb.geometry() == item.vb.geometry()
    for name in ("bottom", "left", "right"):
        assert frame.axis(name).geometry() == item.getAxis(name).geometry()


def _date_labels(
    qtbot: QtBot, bottom: pg.AxisItem, days: int, width: int
) -> list[tuple[QRectF, str]]:
    """The date labels `bottom` would draw for the last `days` days across `width` pixels."""
    widget = pg.PlotWidget(axisItems={"bottom": bottom})
    qtbot.addWidget(widget)
    last = date(2026, 3, 11)
    widget.setXRange(day_x(last - timedelta(days=days - 1)) - 43200, day_x(last) + 43200, padding=0)
    widget.resize(width, 300)
    widget.show()
    qtbot.waitExposed(widget)
    image = QImage(width, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(bottom.style["tickFont"] or QFont())
    _, _, texts = bottom.generateDrawSpecs(painter)
    painter.end()
    return [(rect, text) for rect, _, text in texts]


def _touching(labels: list[tuple[QRectF, str]], gap: float) -> list[tuple[str, str]]:
    return [
        (a, b)
        for i, (first, a) in enumerate(labels)
        for second, b in labels[i + 1 :]
        if first.adjusted(-gap, 0, gap, 0).intersects(second)
    ]


@pytest.mark.parametrize("days", [14, 91, 183, 365, 3651])
@pytest.mark.parametrize("width", [300, 1100, 2400])
def test_date_labels_never_run_together(qtbot: QtBot, days: int, width: int) -> None:
    digit = QFontMetrics(QFont()).horizontalAdvance("0")
    ours = _date_labels(qtbot, UtcDateAxis(), days, width)
    theirs = _date_labels(qtbot, pg.DateAxisItem(orientation="bottom", utcOffset=0), days, width)
    assert ours and _touching(ours, digit * 0.99) == []
    # Only labels that came too close are left out: the rest are pyqtgraph's, where it put them.
    kept = {(rect.getRect(), text) for rect, text in ours}
    assert kept <= {(rect.getRect(), text) for rect, text in theirs}
    for rect, text in theirs:
        if (rect.getRect(), text) not in kept:
            assert any(rect.adjusted(-digit, 0, digit, 0).intersects(o) for o, _ in ours), text


def test_a_month_and_the_day_beside_it_no_longer_touch(qtbot: QtBot) -> None:
    """Three months at 1100 px: pyqtgraph wrote "Nov" and "03" as one word, "Nov03"."""
    digit = QFontMetrics(QFont()).horizontalAdvance("0")
    theirs = _date_labels(qtbot, pg.DateAxisItem(orientation="bottom", utcOffset=0), 91, 1100)
    assert _touching(theirs, digit * 0.99)  # the trap is real
    assert _touching(_date_labels(qtbot, UtcDateAxis(), 91, 1100), digit * 0.99) == []
