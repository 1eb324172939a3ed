"""Small widget helpers so every screen builds labels and cards the same way."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget

QWIDGETSIZE_MAX = 16777215  # Qt's largest widget size: no maximum


def label(
    text: str,
    *,
    role: str | None = None,
    rich: bool = False,
    buddy: QWidget | None = None,
) -> QLabel:
    """A word-wrapped label; `role` picks a style from style.py (heading, muted, error...)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if buddy is not None:
        widget.setBuddy(buddy)
    return widget


def callout(text: str, role: str = "warning", *, rich: bool = False) -> QLabel:
    """Text in a tinted rounded box. A single label rather than a label in a frame, so the
    wrapped text reports its height for the width it gets and is never clipped."""
    widget = label(text, role=role, rich=rich)
    widget.setMargin(6)
    return widget


def boxed(*children: QWidget, role: str = "card") -> QFrame:
    """Children stacked in a rounded frame: a card, or a warning/danger box."""
    frame = QFrame()
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    for child in children:
        layout.addWidget(child)
    return frame


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out.

    For rows of buttons and filters: at a large Text size they no longer fit one line in a
    1100 px window, and a QHBoxLayout would then squeeze them below their text (clipped words).
    Wrapping keeps every item at its size hint; the layout reports the height it needs for the
    width it gets (heightForWidth), so the rows below move down rather than overlap.

    Heights and the minimum size are kept until the layout is invalidated, as Qt's own layouts
    keep theirs: a page's layout asks for them dozens of times per pass, and each answer walked
    every item's size hint (a tenth of the Progress page's time to show new figures).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._heights: dict[int, int] = {}  # by width
        self._minimum: QSize | None = None
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def invalidate(self) -> None:
        self._forget()
        super().invalidate()

    def _forget(self) -> None:
        self._heights.clear()
        self._minimum = None

    def addItem(self, item: QLayoutItem) -> None:
        self._forget()
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._forget()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        if self._minimum is None:
            size = QSize()
            for item in self._items:
                size = size.expandedTo(item.minimumSize())
            margins = self.contentsMargins()
            self._minimum = size + QSize(
                margins.left() + margins.right(), margins.top() + margins.bottom()
            )
        return QSize(self._minimum)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self.spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + gap
        y = area.y()
        for line in lines:
            height = max((hint.height() for _, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:  # centred in its line, so a caption sits level with its buttons
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + gap
            y += height + gap
        return max(0, y - gap - rect.y()) + margins.bottom()
