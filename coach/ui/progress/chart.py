"""The progress chart: adherence bars against pain, with treatments and outcome measures.

One pyqtgraph plot with two vertical scales. Adherence (0-100 %) is drawn as bars in the plot's
own ViewBox on the left axis; pain (0-10) is a line in a second ViewBox on the right axis, linked
on X so both always show the same days. ODI and NDI, being percentages, sit on the left scale;
NPRS and PSFS, being 0-10, on the right. Treatments are labelled vertical lines.

X is days: a local day is placed at its noon in seconds since 1970 (UTC), and the date axis is
told to label in UTC, so a day's bar sits over that day's label whatever the machine's zone.
Bars are daily, or weekly once a range is longer than WEEKLY_AFTER days (hundreds of slim bars
say less than fifty readable ones). Lines use 1 px pens, clip to the view and downsample, so ten
years of days draw quickly.

Moving the mouse over the plot reports that day's values through `hovered`.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QSizePolicy, QVBoxLayout, QWidget

from coach.domain.adherence import ADHERENT, Adherence
from coach.domain.adherence_ledger import week_start
from coach.domain.diary import Treatment
from coach.services.progress import OutcomePoint, Overview
from coach.store.progress_queries import DayPain
from coach.ui import style
from coach.ui.progress import palette
from coach.ui.progress.date_axis import UtcDateAxis
from coach.ui.progress.frame import PlotFrame
from coach.ui.progress.grid_axis import FilledGridAxis
from coach.ui.progress.labels import VerticalLabels
from coach.ui.progress.legend import ChartLegend, Entry
from coach.ui.progress.steady_label import SteadyLabelAxis
from coach.wording.counts import sessions_done_text

EPOCH = date(1970, 1, 1)
DAY_S = 86400.0
WEEKLY_AFTER = 183  # days in range beyond which bars are weekly (about six months)
LABEL_SLOTS = 16  # at most this many treatment labels across the plot's width
SYMBOLS_UP_TO = 120  # pain points get markers only while they are few enough to see
TOP = 105.0  # the top of the percentage scale: a little room above 100 %
GRID_ALPHA = 0.28  # of the horizontal grid lines (two layers of 0.15 over each other)


def day_x(day: date) -> float:
    """The X of a day's noon."""
    return (day - EPOCH).days * DAY_S + DAY_S / 2


def x_day(x: float) -> date:
    return EPOCH + timedelta(days=math.floor(x / DAY_S))


class ProgressChart(QWidget):
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None
        self.weekly = False
        self._daily: dict[date, Adherence] | None = None  # by day, made at the first hover
        self._weeks: list[Adherence] = []
        self._pain: dict[date, DayPain] = {}
        self._treatments: dict[date, list[Treatment]] = {}
        self._outcomes: dict[date, list[OutcomePoint]] = {}

        axis = UtcDateAxis()
        left, right = FilledGridAxis(orientation="left"), SteadyLabelAxis(orientation="right")
        # Both scales are fixed and unitless, and the dates have no title, so no SI prefix ever
        # applies; left on, pyqtgraph worked out the axis title again at every range change
        # (some fifty times per chart) to find that out.
        for scale in (axis, left, right):
            scale.enableAutoSIPrefix(False)
        # No context menus, no settings panel (the chart is read, not explored): see PlotFrame.
        plot = PlotFrame({"bottom": axis, "left": left, "right": right})
        self.plot = plot
        self.widget = pg.GraphicsView(background=style.SURFACE)
        self.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.widget.setCentralItem(plot)
        self.widget.setAccessibleName("Progress chart: exercises done and pain by day")
        self.widget.setMinimumHeight(320)
        plot.vb.setMouseEnabled(x=False, y=False)
        plot.vb.setYRange(0, TOP, padding=0)
        ink = pg.mkPen(style.INK, width=1)
        # pyqtgraph draws its text in its own fonts; these follow the Text size the chart is
        # built at (the page is rebuilt with the window).
        self._text_font = QFont(QApplication.font())
        size = {"font-size": f"{self._text_font.pointSizeF():g}pt"}
        # The tick labels' room is measured here, from the widest label the fixed scales can
        # show, rather than by pyqtgraph at the first paint: an axis that resizes itself then
        # lays the plot out and paints it twice more before the figures arrive.
        metrics = QFontMetrics(self._text_font)
        room = {
            "left": {"tickTextWidth": metrics.horizontalAdvance("100") + 2},
            "right": {"tickTextWidth": metrics.horizontalAdvance("10") + 2},
            "bottom": {"tickTextHeight": metrics.height()},
        }
        for name in ("left", "bottom", "right"):
            plot.axis(name).setPen(ink)
            plot.axis(name).setTextPen(ink)
            plot.axis(name).setStyle(
                tickFont=self._text_font, autoExpandTextSpace=False, **room[name]
            )
        # The grid from the left axis only, with ticks every 20 % and 10 %: both scales put
        # their lines at the same heights, so a grid from the right axis doubled the left's,
        # and pyqtgraph's finest level (every 2 %) added forty faint lines. Lines drawn with
        # transparency are slow to paint, and those were most of the chart's painting time.
        # The grid is as dark as the two it replaces together.
        plot.axis("left").setTickSpacing(20, 10)
        plot.axis("left").setGrid(GRID_ALPHA)
        # Without a grid the right axis also has room for its "0", and pyqtgraph's default
        # crowding rule would then drop the odd pain levels: every level stays labelled while
        # the labels fill less than 40 % of the axis, as they did with the grid.
        plot.axis("right").setStyle(textFillLimits=[(0, 0.8), (2, 0.6), (4, 0.4)])
        plot.axis("left").setLabel("Exercises done (%)", **size)
        plot.axis("right").setLabel("Pain (0-10)", **size)

        self.pain_view = pg.ViewBox(enableMenu=False)
        self.pain_view.setZValue(plot.zValue() + 1)  # pain lines over the bars, not under
        self.pain_view.setMouseEnabled(x=False, y=False)
        plot.scene().addItem(self.pain_view)
        plot.axis("right").linkToView(self.pain_view)
        self.pain_view.setXLink(plot.vb)
        self.pain_view.setYRange(0, 10.5, padding=0)
        plot.vb.sigResized.connect(self._match_views)

        # Under the plot, not over it: a legend inside the plot hides the data behind it.
        self.legend = ChartLegend(self._text_font, style.INK)
        plot.add_under(self.legend)
        self.bars = pg.BarGraphItem(
            x=[], height=[], width=DAY_S, brush=palette.ADHERENCE_FILL, pen=None
        )
        plot.vb.addItem(self.bars)
        self.legend.add(
            self.bars, Entry("Exercises done (%)", brush=pg.mkBrush(palette.ADHERENCE_FILL))
        )
        # A day (or week) with nothing done has no bar; this mark tells it from one with
        # nothing prescribed, which has neither.
        nothing_pen = pg.mkPen(palette.NOTHING_DONE, width=1)
        self.nothing_done = pg.ScatterPlotItem(symbol="x", size=9, pen=nothing_pen, brush=None)
        plot.vb.addItem(self.nothing_done)
        self.legend.add(self.nothing_done, Entry("Nothing done (0 %)", pen=nothing_pen, symbol="x"))
        self.target = pg.InfiniteLine(
            pos=100 * ADHERENT,
            angle=0,
            pen=pg.mkPen(palette.TARGET, width=1, style=Qt.PenStyle.DashDotLine),
        )
        plot.vb.addItem(self.target)
        self.pain_mean = self._line(palette.PAIN_MEAN, Qt.PenStyle.SolidLine)
        self.pain_worst = self._line(palette.PAIN_WORST, Qt.PenStyle.DashLine)
        for line, name in (
            (self.pain_mean, "Pain, daily mean"),
            (self.pain_worst, "Pain, worst of the day"),
        ):
            self.legend.add(line, Entry(name, pen=line.opts["pen"]))
        self.markers: dict[object, pg.ScatterPlotItem] = {}
        # Treatments: every line in one item (pairs of points from the bottom to the top), and
        # every label in another. Forty InfiniteLines with labels cost more than the rest of a
        # ten-year chart together.
        self.treatment_lines = pg.PlotCurveItem(
            pen=pg.mkPen(palette.TREATMENT, width=1, style=Qt.PenStyle.DotLine), connect="pairs"
        )
        plot.vb.addItem(self.treatment_lines, ignoreBounds=True)
        self.treatment_labels = VerticalLabels(self._text_font, style.INK)
        plot.vb.addItem(self.treatment_labels, ignoreBounds=True)
        self.day_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(palette.HOVER, width=1, style=Qt.PenStyle.DotLine)
        )
        self.day_line.hide()
        plot.vb.addItem(self.day_line, ignoreBounds=True)
        plot.scene().sigMouseMoved.connect(self._mouse_moved)
        # Until the figures come the chart is its bare surface, the same size: empty axes
        # labelled for 1970 said nothing, and painting them took the interpreter from the
        # worker computing the figures (a quarter of the page's first paint). No layout
        # depends on the plot's contents, so nothing moves when they appear. Transparent rather
        # than hidden: the scene skips painting it all the same, and the axes still measure
        # their room (a hidden axis takes none, and keeps none once shown).
        plot.setOpacity(0)
        self.pain_view.setOpacity(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    def _line(self, colour: str, pen_style: Qt.PenStyle) -> pg.PlotDataItem:
        item = pg.PlotDataItem(
            x=[], y=[], pen=pg.mkPen(colour, width=1, style=pen_style), connect="finite"
        )
        item.setDownsampling(auto=True, method="peak")
        item.setClipToView(True)
        self.pain_view.addItem(item)
        return item

    def _match_views(self) -> None:
        self.pain_view.setGeometry(self.plot.vb.sceneBoundingRect())
        self.pain_view.linkedViewChanged(self.plot.vb, self.pain_view.XAxis)

    # Data

    def set_overview(self, overview: Overview) -> None:
        self.overview = overview
        first, last = overview.first, overview.last
        self.weekly = (last - first).days + 1 > WEEKLY_AFTER
        self._daily = None
        self._weeks = list(overview.weekly)
        self._pain = {p.day: p for p in overview.pain}
        self._treatments = {}
        for t in overview.treatments:
            self._treatments.setdefault(t.occurred_on, []).append(t)
        self._outcomes = {}
        for o in overview.outcomes:
            self._outcomes.setdefault(o.day, []).append(o)
        # The days first: with the range fixed, new data does not have pyqtgraph measure every
        # item's bounds for an automatic range that would be replaced anyway.
        self.plot.vb.setXRange(day_x(first) - DAY_S / 2, day_x(last) + DAY_S / 2, padding=0)
        self._draw_bars()
        self._draw_pain(first, last)
        unit = "week" if self.weekly else "day"
        self.legend.rename(
            self.pain_mean, "Pain, weekly mean" if self.weekly else "Pain, daily mean"
        )
        self.legend.rename(self.pain_worst, f"Pain, worst of the {unit}")
        self._draw_treatments()
        self._draw_outcomes()
        self.pain_view.setYRange(0, 10.5, padding=0)
        self.plot.vb.setYRange(0, TOP, padding=0)
        self.plot.setOpacity(1)
        self.pain_view.setOpacity(1)
        # The views take their new ranges now rather than when the scene prepares its paint:
        # a transform changed during a paint is painted again, the whole plot a second time.
        for view in (self.plot.vb, self.pain_view):
            view.prepareForPaint()

    def _draw_bars(self) -> None:
        assert self.overview is not None
        if self.weekly:
            entries = self._weeks
            xs = [(day_x(w.first) + day_x(w.last)) / 2 for w in entries]
            widths = [((w.last - w.first).days + 1) * DAY_S * 0.85 for w in entries]
        else:
            entries = list(self.overview.daily)
            xs = [day_x(a.first) for a in entries]
            widths = [DAY_S * 0.8] * len(entries)
        self.bars.setOpts(
            x=np.array(xs, dtype=float),
            height=np.array([a.percent for a in entries], dtype=float),
            width=np.array(widths, dtype=float),
        )
        zero = [x for x, a in zip(xs, entries, strict=True) if a.done <= 0]
        self.nothing_done.setData(x=zero, y=[1.5] * len(zero))

    def _draw_pain(self, first: date, last: date) -> None:
        if self.weekly:
            xs, mean, worst = self._weekly_pain()
        else:
            # Every day of the range gets a slot; days without ratings are NaN, breaking the line.
            days = (last - first).days + 1
            xs = day_x(first) + DAY_S * np.arange(days, dtype=float)
            mean = np.full(days, np.nan)
            worst = np.full(days, np.nan)
            for day, pain in self._pain.items():
                mean[(day - first).days] = pain.mean
                worst[(day - first).days] = pain.worst
        rated = np.count_nonzero(~np.isnan(mean))
        if not rated:  # no ratings: nothing to draw (pyqtgraph's bounds warn on all-NaN data)
            xs = mean = worst = np.empty(0)
        symbol = "o" if rated <= SYMBOLS_UP_TO else None
        self.pain_mean.setData(
            x=xs,
            y=mean,
            symbol=symbol,
            symbolSize=5,
            symbolBrush=palette.PAIN_MEAN,
            symbolPen=None,
        )
        self.pain_worst.setData(x=xs, y=worst)

    def _weekly_pain(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """With weekly bars, pain too is by week (mean of the daily means, worst of the days):
        years of daily values draw as a solid smear, weeks as a readable line."""
        assert self.overview is not None
        first = week_start(self.overview.first)
        weeks = (self.overview.last - first).days // 7 + 1
        xs = day_x(first) + DAY_S * (7 * np.arange(weeks, dtype=float) + 3)
        # Arrays, not a loop over the days: ten years are 3 000 days with ratings. The days'
        # columns are taken apart in one step and their weeks counted from day numbers.
        if self.overview.pain:
            days, day_means, day_worsts, _ = zip(*self.overview.pain, strict=True)
        else:
            days = day_means = day_worsts = ()
        numbers = np.fromiter(map(date.toordinal, days), dtype=np.int64, count=len(days))
        index = (numbers - first.toordinal()) // 7
        means = np.array(day_means, dtype=float)
        worsts = np.array(day_worsts, dtype=float)
        total = np.bincount(index, weights=means, minlength=weeks)
        count = np.bincount(index, minlength=weeks)
        worst = np.full(weeks, np.nan)
        np.fmax.at(worst, index, worsts)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / count, np.nan)
        return xs, mean, worst

    def _draw_treatments(self) -> None:
        assert self.overview is not None
        days = sorted(self._treatments)
        self.treatment_lines.setData(
            x=np.repeat(np.array([day_x(d) for d in days], dtype=float), 2),
            y=np.tile(np.array([0.0, TOP]), len(days)),
        )
        # Labels run down beside their line; one too close to a labelled line would print over
        # it, so it stays unlabelled (the hover read-out names it). Rarer kinds are labelled
        # first: the one injection matters more than the tenth weekly visit next to it.
        spacing = max(1, ((self.overview.last - self.overview.first).days + 1) // LABEL_SLOTS)
        frequency = Counter(t.kind for given in self._treatments.values() for t in given)
        labelled: list[date] = []
        for day in sorted(
            days, key=lambda d: (min(frequency[t.kind] for t in self._treatments[d]), d)
        ):
            if all(abs((day - other).days) >= spacing for other in labelled):
                labelled.append(day)
        # Turned to read upwards, anchored by its end: the text hangs from the top of the plot
        # on the right of its line.
        self.treatment_labels.set_labels(
            [
                (day_x(day), TOP * 0.98, " + ".join(t.kind.label for t in self._treatments[day]))
                for day in sorted(labelled)
            ]
        )

    def _draw_outcomes(self) -> None:
        for instrument, marker in palette.MARKERS.items():
            points = [p for ps in self._outcomes.values() for p in ps if p.instrument is instrument]
            item = self.markers.get(instrument)
            if not points:
                if item is not None:
                    item.setData(x=[], y=[])
                continue
            if item is None:
                brush, pen = pg.mkBrush(marker.colour), pg.mkPen(style.SURFACE, width=1)
                item = pg.ScatterPlotItem(symbol=marker.symbol, size=11, brush=brush, pen=pen)
                (self.pain_view if marker.on_pain_axis else self.plot.vb).addItem(item)
                self.legend.add(
                    item, Entry(marker.name, pen=pen, brush=brush, symbol=marker.symbol)
                )
                self.markers[instrument] = item
            scale = 2.0 if instrument.value == "ndi" else 1.0  # NDI total 0-50 as a percentage
            item.setData(x=[day_x(p.day) for p in points], y=[p.score * scale for p in points])

    # Hover

    def _mouse_moved(self, position: QPointF) -> None:
        if self.overview is None or not self.plot.vb.sceneBoundingRect().contains(position):
            self.day_line.hide()
            return
        x = self.plot.vb.mapSceneToView(position).x()
        day = x_day(x)
        if not self.overview.first <= day <= self.overview.last:
            self.day_line.hide()
            return
        self.day_line.setPos(day_x(day))
        self.day_line.show()
        self.hovered.emit(self.describe(day))

    def describe(self, day: date) -> str:
        """Everything the chart holds for one day, in words."""
        parts = [f"{day:%A} {day.day} {day:%B %Y}"]
        if self.weekly:
            week = next((w for w in self._weeks if w.first <= day <= w.last), None)
            if week is not None:
                parts.append(
                    f"exercises done that week {week.percent:.0f} % "
                    f"({sessions_done_text(week.full, week.partly, week.sessions)})"
                )
        if self._daily is None:
            self._daily = {a.first: a for a in self.overview.daily} if self.overview else {}
        adherence = self._daily.get(day)
        if adherence is not None:
            parts.append(
                f"exercises done {adherence.percent:.0f} % "
                f"({sessions_done_text(adherence.full, adherence.partly, adherence.sessions)})"
            )
        elif not self.weekly:
            parts.append("nothing prescribed")
        pain = self._pain.get(day)
        if pain is not None:
            parts.append(f"pain: mean {pain.mean:.1f}, worst {pain.worst:.0f}")
        else:
            parts.append("no pain rating")
        for given in self._treatments.get(day, []):
            parts.append(given.kind.label + (f" ({given.site})" if given.site else ""))
        parts += [o.text for o in self._outcomes.get(day, [])]
        return " · ".join(parts)
