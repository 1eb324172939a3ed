"""The caseload's table view: its columns share the width so it never scrolls sideways.

Nine columns do not fit the smallest window at the largest text size at their natural widths.
Each column gets at least its longest word (the cells wrap at spaces, the rows grow to fit) and
the room beyond that goes to the columns whose text would otherwise wrap, in proportion to what
they lack; a window wide enough for every column at full width shows them on one line. When
even the longest words do not fit (the smallest window at a large text size), the columns a
therapist can best do without are left out, least needed first, and `columns_left_out` names
them so the page can say so.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# Beyond its text a cell needs its padding; one more pixel keeps the last glyph off the grid.
_SLACK = 1


def _widths(metrics: QFontMetrics, text: str) -> tuple[int, int]:
    """The width of the longest line and of the longest word of `text`."""
    lines = text.split("\n") or [""]
    words = text.split() or [""]
    return (
        max(metrics.horizontalAdvance(line) for line in lines),
        max(metrics.horizontalAdvance(word) for word in words),
    )


class CaseloadTable(QTableView):
    # The headings of the columns left out for want of room (empty when every one is shown).
    columns_left_out = Signal(list)

    def __init__(self, spare_first: tuple[int, ...], parent: QWidget | None = None) -> None:
        """`spare_first`: the columns that may be left out, the least needed first."""
        super().__init__(parent)
        self._spare_first = spare_first
        self._left_out: list[str] = []
        self._measured: tuple[list[int], list[int]] | None = None
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def fit_columns(self) -> None:
        """Share the viewport's width among the columns (called on a resize and new rows). A
        hidden table waits until it is shown: measuring is the slow part of painting a large
        caseload, and the width it has before then is not the one it will show."""
        model = self.model()
        if model is None or not model.columnCount() or not self.isVisible():
            return
        header = self.horizontalHeader()
        if self._measured is None:
            self._measured = self._measure(model)
        wanted, least = self._measured
        room = (
            self.viewport().width()
            if not self.verticalScrollBar().isVisible()
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
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column not in widths)
            if column in widths:
                header.resizeSection(column, widths[column])
        left_out = [
            " ".join(str(model.headerData(c, header.orientation())).split())
            for c in range(model.columnCount())
            if c not in widths
        ]
        if left_out != self._left_out:
            self._left_out = left_out
            self.columns_left_out.emit(left_out)

    def _measure(self, model: QAbstractItemModel) -> tuple[list[int], list[int]]:
        """Each column's width on one line, and its least (its longest word): kept until the
        rows or the fonts change, so a resize only shares out the room again."""
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            # A hidden section has no size hint: measured so, a column left out last time would
            # seem to fit, and every other fit would show it again (the layout would flip).
            self.setColumnHidden(column, False)
        cells, heads = self.fontMetrics(), header.fontMetrics()
        wanted: list[int] = []
        least: list[int] = []
        for column in range(model.columnCount()):
            heading = str(model.headerData(column, header.orientation()) or "")
            full, word = _widths(heads, heading)
            # Qt's own measures carry the padding the style adds around the text.
            header_pad = max(0, header.sectionSizeHint(column) - full)
            texts = [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
            measured = [_widths(cells, text) for text in texts] or [(0, 0)]
            line = max(width for width, _ in measured)
            cell_pad = max(0, self.sizeHintForColumn(column) - line) if texts else 0
            wanted.append(max(full + header_pad, line + cell_pad) + _SLACK)
            least.append(max(word + header_pad, max(w for _, w in measured) + cell_pad) + _SLACK)
        return wanted, least

    def _forget_measures(self, *_: object) -> None:
        self._measured = None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self._measured = None
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.dataChanged,
                model.headerDataChanged,
            ):
                signal.connect(self._forget_measures)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured = None
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()
