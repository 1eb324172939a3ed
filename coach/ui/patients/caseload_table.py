"""The caseload's table view: its columns share the width so it never scrolls sideways.

Nine columns do not fit the smallest window at the largest text size at their natural widths.
Each column gets at least its longest word (the cells wrap at spaces, the rows grow to fit) and
the room beyond that goes to the columns whose text would otherwise wrap, in proportion to what
they lack; a window wide enough for every column at full width shows them on one line. When
even the longest words do not fit (the smallest window at a large text size), the columns a
therapist can best do without are left out, least needed first, and `columns_left_out` names
them so the page can say so.

A caseload has hundreds of rows, so the view measures its text once per new caseload (or new
font), not on every resize, and asks Qt for no column or row size over all rows: its cells'
padding comes from one index, and a row gets a height of its own only when one of its cells
wraps at the widths given (Qt's own sizeHintForRow says how tall); every other row is one line.

The table never asks for its viewport (QAbstractScrollArea.viewport()): the viewport is a widget
Qt made, and the first such widget handed to Python has PySide6 build the binding of every widget
class to find which one it is, some 40 M instructions before the first paint. The viewport's size
comes with its resize events instead, which QAbstractScrollArea passes to `resizeEvent`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QEvent,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

# Beyond its text a cell needs its padding; one more pixel keeps the last glyph off the grid.
_SLACK = 1
# Where Qt may wrap a cell's text: spaces and line breaks, not the no-break space.
_BREAKS = re.compile("[ \t\n]+")


@dataclass(frozen=True)
class _Column:
    """One column's measures: what it wants (every cell on one line) and the least it can have
    (its longest word), each of its texts' one-line width with the cell's padding, and the
    heights its wrapping texts were found to take, by text and width. By text, not by row:
    sorting moves the model's rows, not what they say."""

    wanted: int
    least: int
    lines: dict[str, int]
    wrapped: dict[tuple[str, int], int] = field(default_factory=dict)


class _Widths:
    """Text widths in one font, each distinct text and word measured once."""

    def __init__(self, metrics: QFontMetrics) -> None:
        self._metrics = metrics
        self._seen: dict[str, int] = {}

    def of(self, text: str) -> int:
        width = self._seen.get(text)
        if width is None:
            width = self._seen[text] = self._metrics.horizontalAdvance(text)
        return width

    def line_and_word(self, text: str) -> tuple[int, int]:
        """The width of the longest line and of the longest word of `text`.

        Words are split at ordinary spaces and line breaks only: the figures hold no-break
        spaces ("71\u00a0% (5\u00a0of\u00a07)") so that Qt keeps their parts together, and
        str.split() would cut them there and allow a column too narrow for them."""
        lines = text.split("\n") or [""]
        words = _BREAKS.split(text)
        return max(self.of(line) for line in lines), max(self.of(word) for word in words)


class CaseloadTable(QTableView):
    # The headings of the columns left out for want of room (empty when every one is shown).
    columns_left_out = Signal(list)

    def __init__(
        self,
        spare_first: tuple[int, ...],
        column_texts: Callable[[int], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        """`spare_first`: the columns that may be left out, the least needed first;
        `column_texts(column)`: every row's text in that column, in the source model's order."""
        super().__init__(parent)
        self._spare_first = spare_first
        self._column_texts = column_texts
        self._left_out: list[str] = []
        self._columns: list[_Column] = []
        self._text_margins = 0
        self._rows_stale = False  # new measures: the rows are fitted even if no width changes
        self._viewport_size: QSize | None = None  # as its last resize event had it
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            # Sorting and filtering move rows between sections: their heights follow.
            for changed in (
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.modelReset,
            ):
                changed.connect(self._fit_rows)

    def fit_columns(self) -> None:
        """Measure the rows anew and share the width (called when the caseload is read)."""
        self._measure()
        self._rows_stale = True
        self._share()

    def _measure(self) -> None:
        model = self.model()
        self._columns = []
        if model is None:
            return
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            # A hidden section has no size hint: measured so, a column left out last time would
            # seem to fit, and the next fit would show it again (the layout would flip).
            self.setColumnHidden(column, False)
        cells, heads = _Widths(self.fontMetrics()), _Widths(header.fontMetrics())
        # The room a view item keeps each side of its text (QCommonStyle's viewItem margin).
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        self._text_margins = 2 * (margin + 1)
        for column in range(model.columnCount()):
            heading = str(model.headerData(column, header.orientation()) or "")
            full, word = heads.line_and_word(heading)
            # Qt's own measures carry the padding the style adds around the text.
            header_pad = max(0, header.sectionSizeHint(column) - full)
            # Each distinct text once: many rows share a date, a flag or a count.
            measured = {text: cells.line_and_word(text) for text in set(self._column_texts(column))}
            cell_pad = self._cell_padding(column, cells)
            line = max((width for width, _ in measured.values()), default=0)
            longest_word = max((w for _, w in measured.values()), default=0)
            self._columns.append(
                _Column(
                    max(full + header_pad, line + cell_pad) + _SLACK,
                    max(word + header_pad, longest_word + cell_pad) + _SLACK,
                    {text: width + cell_pad for text, (width, _) in measured.items()},
                )
            )

    def _cell_padding(self, column: int, cells: _Widths) -> int:
        """What a cell needs beyond its text, as sizeHintForColumn counts it: the delegate's
        hint for a shown cell with text (an empty cell's hint has no text margins) less the
        text, and the grid line. Without such a cell, the style's text margins."""
        model = self.model()
        grid = 1 if self.showGrid() else 0
        for row in range(model.rowCount()):
            index = model.index(row, column)
            shown = str(index.data() or "")
            if shown:
                return max(0, self.sizeHintForIndex(index).width() - cells.of(shown)) + grid
        return self._text_margins + grid

    def _share(self) -> None:
        """Share the viewport's width among the columns (on a resize and on new rows).

        Not before the viewport's first resize event, which comes when the table is first shown:
        until then the viewport has no width of its own (a hidden table is not laid out), and
        sharing a made-up one would size the columns and fit every row for nothing."""
        model = self.model()
        viewport = self._viewport_size
        if model is None or not self._columns or len(self._columns) != model.columnCount():
            return
        if viewport is None:
            return
        header = self.horizontalHeader()
        wanted = [c.wanted for c in self._columns]
        least = [c.least for c in self._columns]
        # Rows that even at one line each overflow the viewport will bring the scroll bar:
        # its room is left now, or its coming would share the width, and fit every row, again.
        bar_coming = model.rowCount() * self.fontMetrics().height() > viewport.height()
        room = (
            viewport.width()
            if not (self.verticalScrollBar().isVisible() or bar_coming)
            else (
                self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
            )
        )
        shown = list(range(model.columnCount()))
        for spare in self._spare_first:
            if sum(least[c] for c in shown) <= room:
                break
            shown.remove(spare)
        want = sum(wanted[c] for c in shown)
        if want <= room:
            widths = {c: wanted[c] for c in shown}
            widths[shown[0]] += room - want
        else:
            spare_room = max(0, room - sum(least[c] for c in shown))
            lacking = sum(wanted[c] - least[c] for c in shown)
            share = spare_room / lacking if lacking else 0.0
            widths = {c: least[c] + int((wanted[c] - least[c]) * share) for c in shown}
        changed = False
        for column in range(model.columnCount()):
            if self.isColumnHidden(column) != (column not in widths):
                self.setColumnHidden(column, column not in widths)
                changed = True
            if column in widths and header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])
                changed = True
        if changed or self._rows_stale:
            self._rows_stale = False
            self._fit_rows()
        left_out = [
            " ".join(str(model.headerData(c, header.orientation())).split())
            for c in range(model.columnCount())
            if c not in widths
        ]
        if left_out != self._left_out:
            self._left_out = left_out
            self.columns_left_out.emit(left_out)

    def _fit_rows(self) -> None:
        """Each row's height as Qt's sizeHintForRow gives it, asked once per row shape.

        A cell's height depends only on how many lines its text takes at its column's width,
        so rows whose cells take the same numbers of lines are as tall as each other: a row
        fitting on one line everywhere is one line high, and Qt measures one row of each other
        shape. Lines are counted (QFontMetrics.boundingRect, the same line breaking as the
        delegate's) only for cells too wide for one line. Rows in a font of their own (the
        archived, in italics) are measured each.
        """
        model = self.model()
        if model is None or not self._columns:
            return
        proxy = model if isinstance(model, QAbstractProxyModel) else None
        count = model.rowCount()
        sources = (
            list(range(count))
            if proxy is None
            else [proxy.mapToSource(proxy.index(row, 0)).row() for row in range(count)]
        )
        header = self.horizontalHeader()
        shown = [c for c in range(len(self._columns)) if not self.isColumnHidden(c)]
        per_column = [self._heights(c, header.sectionSize(c), sources) for c in shown]
        if None in per_column:
            return  # new rows not measured yet: fit_columns follows
        shapes = list(zip(*per_column, strict=True)) if per_column else [()] * count
        own_font = Qt.ItemDataRole.FontRole
        by_shape: dict[tuple[int, ...], int] = {}
        heights: list[int] = []
        for row, shape in enumerate(shapes):
            if model.index(row, 0).data(own_font) is not None:
                heights.append(self.sizeHintForRow(row))
                continue
            height = by_shape.get(shape)
            if height is None:
                height = by_shape[shape] = self.sizeHintForRow(row)
            heights.append(height)
        rows = self.verticalHeader()
        one_line = by_shape.get((0,) * len(shown))
        if one_line is not None and rows.defaultSectionSize() != one_line:
            rows.setDefaultSectionSize(one_line)  # sets every row: the others follow
        for row, height in enumerate(heights):
            if rows.sectionSize(row) != height:
                rows.resizeSection(row, height)

    def _heights(self, column: int, width: int, sources: list[int]) -> list[int] | None:
        """For each source row: 0 when its text fits on one line at `width`, else the height
        the text wraps to (measured once per text and width); None if a text is not measured."""
        measured = self._columns[column]
        lines, wrapped = measured.lines, measured.wrapped
        texts = self._column_texts(column)
        if len(texts) <= max(sources, default=-1) or not all(t in lines for t in texts):
            return None
        fits = width - _SLACK
        metrics = self.fontMetrics()
        room = QRect(0, 0, max(1, width - self._text_margins), 1 << 20)
        heights = []
        for source in sources:
            if lines[texts[source]] <= fits:
                heights.append(0)
                continue
            key = (texts[source], width)
            height = wrapped.get(key)
            if height is None:
                height = wrapped[key] = metrics.boundingRect(
                    room, Qt.TextFlag.TextWordWrap, texts[source]
                ).height()
            heights.append(height)
        return heights

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()  # every measure was in the old font

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The viewport's resize (a scroll area's own resize only lays out its parts): its size.
        super().resizeEvent(event)
        self._viewport_size = QSize(event.size())  # a copy: the event goes
        self._share()
