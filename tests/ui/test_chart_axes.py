"""The progress chart's own axes draw and label exactly as pyqtgraph's, only faster."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont, QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from coach.ui.progress.chart import day_x
from coach.ui.progress.date_axis import UtcDateAxis
from coach.ui.progress.grid_axis import FilledGridAxis


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
