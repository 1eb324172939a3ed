"""The progress chart's legend: every series named in reading order, each name whole, and the
plot left its width when the names are too long for three to a row."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.ui.progress import legend as legend_module
from coach.ui.progress.chart import ProgressChart


def _chart(qtbot: QtBot, width: int, point_size: float) -> ProgressChart:
    """A chart built at a Text size, as the window builds it: from the application font."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    larger = QFont(normal)
    larger.setPointSizeF(point_size)
    app.setFont(larger)
    try:
        chart = ProgressChart()
    finally:
        app.setFont(normal)
    qtbot.addWidget(chart)
    chart.resize(width, 420)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_the_legend_names_each_series_and_follows_daily_or_weekly(qtbot: QtBot) -> None:
    chart = _chart(qtbot, 1100, QFont().pointSizeF())
    assert chart.legend.names() == [
        "Exercises done (%)",
        "Nothing done (0 %)",
        "Pain, daily mean",
        "Pain, worst of the day",
    ]
    chart.legend.rename(chart.pain_mean, "Pain, weekly mean")
    assert chart.legend.names()[2] == "Pain, weekly mean"


def test_long_names_take_fewer_columns_and_the_plot_keeps_its_width(qtbot: QtBot) -> None:
    wide = _chart(qtbot, 1100, QFont().pointSizeF())
    narrow = _chart(qtbot, 520, 2 * QFont().pointSizeF())
    for chart in (wide, narrow):
        qtbot.waitUntil(lambda chart=chart: chart.legend.size().width() > 0)
    width = narrow.legend.size().width()
    columns = narrow.legend._columns(width)
    assert wide.legend._columns(wide.legend.size().width()) == legend_module.COLUMNS
    assert columns < legend_module.COLUMNS
    # Each name fits its column whole, and the legend is no wider than the plot above it.
    room = (width - legend_module.PADDING) / columns - legend_module.SAMPLE - legend_module.GAP
    metrics = narrow.legend._metrics
    assert all(metrics.horizontalAdvance(name) <= room for name in narrow.legend.names())
    assert width <= narrow.plot.vb.size().width() + 1
    rows = -(-len(narrow.legend.names()) // columns)
    assert narrow.legend.size().height() >= rows * metrics.height()
