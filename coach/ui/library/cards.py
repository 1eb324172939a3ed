"""The library grid: exercise cards in rows that reflow with the window, driven by the keyboard.

A QListView in icon mode over ExerciseListModel, painted by a delegate as cards: the thumbnail
on top, the name in large type (up to two lines) and the category below. Arrow keys move between
cards, Enter opens one (the view's `activated` signal), as does a double click.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coach.ui import style
from coach.ui.library.model import SUBTITLE_ROLE
from coach.ui.library.pictures import paint_no_picture

THUMBNAIL = QSize(196, 150)
PADDING = 10
SPACING = 14
NAME_LINES = 2


def picture_size(font: QFont) -> QSize:
    """The thumbnail's size on a card: it grows with the Text size, so a name set in the larger
    type still gets two lines as wide as the picture (the picture is scaled, a little soft)."""
    return THUMBNAIL * max(1.0, font.pointSizeF() / style.BASE_POINT_SIZE)


class CardDelegate(QStyledItemDelegate):
    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        name = QFont(base)
        name.setPointSizeF(base.pointSizeF() * 1.1)
        name.setWeight(QFont.Weight.DemiBold)
        return name, QFont(base)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        name_font, small_font = self._fonts(option.font)
        name_height = QFontMetricsF(name_font).lineSpacing() * NAME_LINES
        small_height = QFontMetricsF(small_font).lineSpacing()
        picture = picture_size(option.font)
        height = PADDING + picture.height() + 8 + name_height + 4 + small_height + PADDING
        return QSize(picture.width() + 2 * PADDING, round(height))

    def shown_text(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> str:
        """The name as the card draws it: on up to NAME_LINES lines, elided if longer still.
        (tests/ui/text_fit.py compares it with the name to find elided cards.)"""
        name_font, _ = self._fonts(option.font)
        width = picture_size(option.font).width()
        return _wrapped(str(index.data()), QFontMetricsF(name_font), width)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

        outline = QPainterPath()
        outline.addRoundedRect(rect, 10, 10)
        painter.fillPath(outline, QColor("#eaf2fa" if selected else style.SURFACE))
        border = QColor(style.ACCENT if selected or focused else style.BORDER)
        if hovered and not selected:
            border = QColor(style.ACCENT_DARK)
        painter.setPen(QPen(border, 3 if selected else 1.2))
        painter.drawPath(outline)

        size = picture_size(option.font)
        picture = QRectF(
            rect.left() + PADDING - 1.5, rect.top() + PADDING - 1.5, size.width(), size.height()
        )
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            painter.drawPixmap(picture.toRect(), pixmap)
        else:
            paint_no_picture(painter, picture, "")

        name_font, small_font = self._fonts(option.font)
        name_metrics = QFontMetricsF(name_font)
        text_left = picture.left()
        top = picture.bottom() + 8
        name_box = QRectF(text_left, top, picture.width(), name_metrics.lineSpacing() * NAME_LINES)
        painter.setFont(name_font)
        painter.setPen(QColor(style.INK))
        painter.drawText(name_box, self.shown_text(option, index))

        painter.setFont(small_font)
        painter.setPen(QColor(style.MUTED))
        small_metrics = QFontMetricsF(small_font)
        sub_box = QRectF(
            text_left, name_box.bottom() + 4, picture.width(), small_metrics.lineSpacing()
        )
        subtitle = small_metrics.elidedText(
            str(index.data(SUBTITLE_ROLE) or ""), Qt.TextElideMode.ElideRight, picture.width()
        )
        painter.drawText(sub_box, Qt.AlignmentFlag.AlignLeft, subtitle)
        painter.restore()


def _wrapped(text: str, metrics: QFontMetricsF, width: float) -> str:
    """Word-wrap to NAME_LINES lines, eliding the last one if the name is longer still."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < NAME_LINES:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = metrics.elidedText(
            f"{lines[-1]} {' '.join(words)}", Qt.TextElideMode.ElideRight, width
        )
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)


class CardGrid(QListView):
    """The grid of cards. Activating a card (Enter or double click) emits `activated`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSpacing(SPACING // 2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setItemDelegate(CardDelegate(self))
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setAccessibleName("Exercises")
        self.setStyleSheet(f"QListView {{ background: {style.BACKGROUND}; }}")
        self.verticalScrollBar().setSingleStep(24)
