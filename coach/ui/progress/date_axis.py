"""The chart's date axis: days labelled in UTC, without per-tick time-zone arithmetic.

The chart places a local day at its noon in UTC seconds and labels the axis in UTC (see
coach.ui.progress.chart), so no tick ever moves for a time zone. pyqtgraph's DateAxisItem still
converts every tick of every level through QDateTime to apply the offset, even an offset of
zero: for ten years of months and days that was a third of the axis's preparation at each paint
with new figures. With whole days or coarser between ticks, and no offset, the ticks are where
the steppers put them, so this axis takes them as they are. Hours (a range of a day or two on a
wide window) go through pyqtgraph as before: their handling looks at the machine's own zone.

pyqtgraph thins a level's labels by how much of the axis they fill, not by whether two of them
meet: a month's name and the day label two days after it ran together ("Nov03" on three months
at 1100 px). So a label that would come within a digit's width of one already placed is left
out (coarser levels are placed first, so the month stays and the day goes); its tick stays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from coach.ui.progress.steady_label import SteadyLabelAxis

DAY_SECONDS = 86400


class UtcDateAxis(SteadyLabelAxis, pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", utcOffset=0, **kwargs)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        self.setZoomLevelForDensity((maxVal - minVal) / size)
        specs = self.zoomLevel.tickSpecs
        if any(spec.spacing < DAY_SECONDS for spec in specs):
            hours: list[Any] = super().tickValues(minVal, maxVal, size)
            return hours
        shown = np.empty(0)  # ticks of the coarser levels: a finer level does not repeat them
        levels = []
        for spec in specs:
            ticks, skip = spec.makeTicks(minVal, maxVal, self.minSpacing)
            if shown.size and ticks.size:
                gap = np.abs(ticks[:, np.newaxis] - shown[np.newaxis, :]).min(axis=1)
                ticks = ticks[gap > self.minSpacing * 0.01]
            shown = np.concatenate([shown, ticks])
            levels.append((spec.spacing, ticks.tolist()))
            if skip > 1:  # this level already thins its ticks out: a finer one would crowd
                break
        return levels

    def generateDrawSpecs(self, p: QPainter) -> Any:
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        half_gap = p.fontMetrics().horizontalAdvance("0") / 2
        placed: list[QRectF] = []
        kept = []
        for spec in texts:  # coarser levels first, each from left to right
            room = spec[0].adjusted(-half_gap, 0, half_gap, 0)
            if any(room.intersects(other) for other in placed):
                continue
            placed.append(room)
            kept.append(spec)
        return axis, ticks, kept
