"""List rows whose text wraps onto more lines instead of being cut short with "…".

A QListView in list mode lays each row out on one line and elides what does not fit: at a large
Text size a programme's name, or an exercise's dosage and days, then loses its end. This
delegate gives each row the height its text needs at the width the view has (the icon, if any,
on the left), and draws it wrapped at word boundaries. The view re-lays its rows out when it is
resized (`wrap_rows` sets that up), so the rows follow the window and the Text size.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
_TALL = 100_000


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the view's width."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _margin(self) -> int:
        # The space Qt's own item drawing keeps each side of a row's text and icon.
        style = self._view.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1

    def _text_rect(self, option: QStyleOptionViewItem, row: QRect) -> QRect:
        margin = self._margin()
        left = row.left() + margin
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            left += option.decorationSize.width() + 2 * margin
        return QRect(left, row.top() + margin, max(1, row.right() - margin - left), row.height())

    def _prepared(self, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        prepared = QStyleOptionViewItem(option)
        self.initStyleOption(prepared, index)
        return prepared

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        prepared = self._prepared(option, index)
        width = self._view.viewport().width()
        text_rect = self._text_rect(prepared, QRect(0, 0, width, _TALL))
        metrics = QFontMetrics(prepared.font)
        text = metrics.boundingRect(text_rect, _FLAGS, prepared.text)
        margin = self._margin()
        icon = (
            prepared.decorationSize.height()
            if prepared.features & (QStyleOptionViewItem.ViewItemFeature.HasDecoration)
            else 0
        )
        return QSize(width, max(text.height(), icon) + 2 * margin)

    def shown_text(self, option: QStyleOptionViewItem, index: Index) -> str:
        """The text as drawn: all of it, unless one word is wider than the row (then that word
        is cut short). tests/ui/text_fit.py compares it with the row's text."""
        prepared = self._prepared(option, index)
        width = self._text_rect(prepared, QRect(0, 0, self._view.viewport().width(), 1)).width()
        metrics = QFontMetrics(prepared.font)
        elide = Qt.TextElideMode.ElideRight
        return "\n".join(
            " ".join(metrics.elidedText(word, elide, width) for word in line.split(" "))
            for line in prepared.text.split("\n")
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        prepared = self._prepared(option, index)
        text, prepared.text = prepared.text, ""
        style = self._view.style()
        # Background, selection, icon and focus as the style draws them; the text ourselves.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, prepared, painter, self._view)
        selected = bool(prepared.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(prepared.font)
        painter.setPen(prepared.palette.color(role))
        bounds = self._text_rect(prepared, prepared.rect.adjusted(0, 0, 0, -2 * self._margin()))
        painter.drawText(bounds, _FLAGS, text)
        painter.restore()


def wrap_rows(view: QListView) -> None:
    """Give `view` wrapped rows that are laid out again whenever its width changes."""
    view.setItemDelegate(WrappedRows(view))
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
