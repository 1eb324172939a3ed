"""The building blocks both printed documents are made of: headings, text, tables, boxes, tiles.

Sizes follow one type scale (title 20 pt, section 13 pt, body 10 pt, notes 8.5 pt) and greys
that survive a black-and-white printer; emphasis is weight, rules and tints, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt

from coach.ui.printing.layout import INK, MUTED, RULE, TINT, Block, Canvas, font

BODY = 10.0
SMALL = 8.5


class Title(Block):
    space_before = 0.0

    def __init__(self, text: str, lines: Sequence[str] = ()) -> None:
        self.text = text
        self.lines = tuple(lines)

    def measure(self, canvas: Canvas, width: float) -> float:
        height = canvas.text_height(self.text, font(20, bold=True), width)
        for line in self.lines:
            height += 2 + canvas.text_height(line, font(BODY), width)
        return height + 4

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        big = font(20, bold=True)
        used = canvas.text_height(self.text, big, rect.width())
        canvas.text(QRectF(rect.left(), rect.top(), rect.width(), used), self.text, big)
        y = rect.top() + used
        for line in self.lines:
            size = canvas.text_height(line, font(BODY), rect.width())
            canvas.text(QRectF(rect.left(), y + 2, rect.width(), size), line, font(BODY), MUTED)
            y += 2 + size


class Heading(Block):
    keep_with_next = True

    def __init__(self, text: str, level: int = 1) -> None:
        self.text = text
        self.level = level
        self.space_before = 16.0 if level == 1 else 10.0

    def measure(self, canvas: Canvas, width: float) -> float:
        face = font(13 if self.level == 1 else 11, bold=True)
        return canvas.text_height(self.text, face, width) + (5 if self.level == 1 else 2)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        face = font(13 if self.level == 1 else 11, bold=True)
        size = canvas.text_height(self.text, face, rect.width())
        canvas.text(QRectF(rect.left(), rect.top(), rect.width(), size), self.text, face)
        if self.level == 1:
            canvas.shapes()
            canvas.painter.setPen(canvas.pen(INK, 1.2))
            y = rect.top() + size + 2
            canvas.painter.drawLine(QPointF(rect.left(), y), QPointF(rect.left() + 36, y))


class Paragraph(Block):
    def __init__(
        self, text: str, size: float = BODY, muted: bool = False, italic: bool = False
    ) -> None:
        self.content = text
        self.size = size
        self.muted = muted
        self.italic = italic
        self.space_before = 4.0

    def measure(self, canvas: Canvas, width: float) -> float:
        return canvas.text_height(self.content, font(self.size, italic=self.italic), width)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        canvas.text(
            rect, self.content, font(self.size, italic=self.italic), MUTED if self.muted else INK
        )


def list_height(canvas: Canvas, items: Sequence[str], width: float, size: float = BODY) -> float:
    indent = 16.0
    return sum(canvas.text_height(item, font(size), width - indent) + 3 for item in items)


def draw_list(
    canvas: Canvas,
    left: float,
    top: float,
    width: float,
    items: Sequence[str],
    *,
    numbered: bool = False,
    size: float = BODY,
) -> float:
    """Numbered or bulleted lines with hanging indents; returns the y below the last one."""
    indent = 16.0
    y = top
    for index, item in enumerate(items, start=1):
        height = canvas.text_height(item, font(size), width - indent)
        marker = f"{index}." if numbered else "•"
        canvas.text(
            QRectF(left, y, indent, height),
            marker,
            font(size, bold=numbered),
            INK,
            flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
        canvas.text(QRectF(left + indent, y, width - indent, height), item, font(size))
        y += height + 3
    return y


class Boxed(Block):
    """A ruled box with a bold heading and a list: the red flags, the therapist's contact."""

    PAD = 9.0

    def __init__(
        self, heading: str, items: Sequence[str], footnote: str = "", heavy: bool = False
    ) -> None:
        self.heading = heading
        self.items = tuple(items)
        self.footnote = footnote
        self.heavy = heavy

    def measure(self, canvas: Canvas, width: float) -> float:
        inner = width - 2 * self.PAD - (6 if self.heavy else 0)
        height = canvas.text_height(self.heading, font(11, bold=True), inner) + 4
        height += list_height(canvas, self.items, inner)
        if self.footnote:
            height += 3 + canvas.text_height(self.footnote, font(BODY, bold=True), inner)
        return height + 2 * self.PAD

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        painter = canvas.painter
        painter.setPen(canvas.pen(INK, 1.6 if self.heavy else 0.75))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        left = rect.left() + self.PAD
        if self.heavy:
            # A solid bar down the left edge marks the warning box without relying on colour.
            painter.fillRect(QRectF(rect.left(), rect.top(), 6, rect.height()), INK)
            left += 6
        inner = rect.right() - self.PAD - left
        top = rect.top() + self.PAD
        size = canvas.text_height(self.heading, font(11, bold=True), inner)
        canvas.text(QRectF(left, top, inner, size), self.heading, font(11, bold=True))
        y = draw_list(canvas, left, top + size + 4, inner, self.items)
        if self.footnote:
            height = canvas.text_height(self.footnote, font(BODY, bold=True), inner)
            canvas.text(QRectF(left, y + 3, inner, height), self.footnote, font(BODY, bold=True))


@dataclass(frozen=True)
class Column:
    title: str
    weight: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


class Table(Block):
    """Rows of text under column headings; splits between rows, repeating the headings."""

    PAD = 4.0

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        bold_rows: frozenset[int] = frozenset(),
    ) -> None:
        self.columns = tuple(columns)
        self.rows = [tuple(r) for r in rows]
        self.bold_rows = bold_rows
        self.space_before = 6.0

    def _widths(self, width: float) -> list[float]:
        total = sum(c.weight for c in self.columns)
        return [width * c.weight / total for c in self.columns]

    def _row_height(
        self, canvas: Canvas, cells: Sequence[str], width: float, header: bool, bold: bool = False
    ) -> float:
        tallest = 0.0
        face = font(SMALL, bold=True) if header else font(BODY, bold=bold)
        for cell, cell_width in zip(cells, self._widths(width), strict=True):
            tallest = max(tallest, canvas.text_height(cell, face, cell_width - 2 * self.PAD))
        return tallest + 2 * self.PAD

    def _header_height(self, canvas: Canvas, width: float) -> float:
        return self._row_height(canvas, [c.title for c in self.columns], width, True)

    def _heights(self, canvas: Canvas, width: float) -> list[float]:
        return [
            self._row_height(canvas, row, width, False, index in self.bold_rows)
            for index, row in enumerate(self.rows)
        ]

    def measure(self, canvas: Canvas, width: float) -> float:
        return self._header_height(canvas, width) + sum(self._heights(canvas, width))

    def least_height(self, canvas: Canvas, width: float) -> float:
        first = self._heights(canvas, width)[:1]
        return self._header_height(canvas, width) + sum(first)

    def split(self, canvas: Canvas, width: float, room: float) -> tuple[Block, Block] | None:
        used = self._header_height(canvas, width)
        count = 0
        for height in self._heights(canvas, width):
            if used + height > room:
                break
            used += height
            count += 1
        # Never strand a single row at the foot of a page.
        if count < min(2, len(self.rows)) or count == len(self.rows):
            return None
        head = Table(self.columns, self.rows[:count], self.bold_rows)
        rest = Table(
            self.columns,
            self.rows[count:],
            frozenset(i - count for i in self.bold_rows if i >= count),
        )
        rest.space_before = 0.0
        return head, rest

    def _cells(
        self,
        canvas: Canvas,
        cells: Sequence[str],
        left: float,
        top: float,
        width: float,
        *,
        height: float,
        header: bool,
        bold: bool = False,
    ) -> None:
        x = left
        face = font(SMALL, bold=True) if header else font(BODY, bold=bold)
        for cell, column, cell_width in zip(cells, self.columns, self._widths(width), strict=True):
            inner = QRectF(
                x + self.PAD, top + self.PAD, cell_width - 2 * self.PAD, height - 2 * self.PAD
            )
            canvas.text(
                inner,
                cell,
                face,
                MUTED if header else INK,
                flags=column.align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            )
            x += cell_width

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        width = rect.width()
        painter = canvas.painter
        header = self._header_height(canvas, width)
        painter.fillRect(QRectF(rect.left(), rect.top(), width, header), TINT)
        self._cells(
            canvas,
            [c.title for c in self.columns],
            rect.left(),
            rect.top(),
            width,
            height=header,
            header=True,
        )
        y = rect.top() + header
        for index, (row, height) in enumerate(
            zip(self.rows, self._heights(canvas, width), strict=True)
        ):
            self._cells(
                canvas,
                row,
                rect.left(),
                y,
                width,
                height=height,
                header=False,
                bold=index in self.bold_rows,
            )
            y += height
            canvas.shapes()
            painter.setPen(canvas.pen(RULE, 0.4))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        canvas.shapes()
        painter.setPen(canvas.pen(INK, 0.8))
        painter.drawLine(
            QPointF(rect.left(), rect.top() + header), QPointF(rect.right(), rect.top() + header)
        )


@dataclass(frozen=True)
class TileText:
    label: str
    value: str
    detail: str


class Tiles(Block):
    """A row of figures that answer the first questions at a glance."""

    GAP = 8.0
    PAD = 8.0

    def __init__(self, tiles: Sequence[TileText]) -> None:
        self.tiles = tuple(tiles)
        self.space_before = 12.0

    def _tile_width(self, width: float) -> float:
        return (width - self.GAP * (len(self.tiles) - 1)) / len(self.tiles)

    def measure(self, canvas: Canvas, width: float) -> float:
        inner = self._tile_width(width) - 2 * self.PAD
        tallest = 0.0
        for tile in self.tiles:
            tallest = max(
                tallest,
                canvas.text_height(tile.label, font(SMALL, bold=True), inner)
                + canvas.text_height(tile.value, font(16, bold=True), inner)
                + canvas.text_height(tile.detail, font(SMALL), inner)
                + 6,
            )
        return tallest + 2 * self.PAD

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        tile_width = self._tile_width(rect.width())
        inner = tile_width - 2 * self.PAD
        for index, tile in enumerate(self.tiles):
            left = rect.left() + index * (tile_width + self.GAP)
            canvas.shapes()
            canvas.painter.setPen(canvas.pen(RULE, 0.6))
            canvas.painter.setBrush(Qt.BrushStyle.NoBrush)
            canvas.painter.drawRect(QRectF(left, rect.top(), tile_width, rect.height()))
            y = rect.top() + self.PAD
            for text, face, color in (
                (tile.label.upper(), font(SMALL, bold=True), MUTED),
                (tile.value, font(16, bold=True), INK),
                (tile.detail, font(SMALL), MUTED),
            ):
                height = canvas.text_height(text, face, inner)
                canvas.text(QRectF(left + self.PAD, y, inner, height), text, face, color)
                y += height + 3


class Fields(Block):
    """Label and value pairs in two columns: who the sheet is about and who it is for."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = tuple(pairs)
        self.space_before = 8.0

    def _rows(self) -> list[tuple[tuple[str, str], ...]]:
        return [tuple(self.pairs[i : i + 2]) for i in range(0, len(self.pairs), 2)]

    def _row_height(self, canvas: Canvas, row: Sequence[tuple[str, str]], half: float) -> float:
        return (
            max(
                canvas.text_height(label, font(SMALL, bold=True), half)
                + canvas.text_height(value or "—", font(BODY), half)
                for label, value in row
            )
            + 6
        )

    def measure(self, canvas: Canvas, width: float) -> float:
        half = width / 2 - 6
        return sum(self._row_height(canvas, row, half) for row in self._rows())

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        half = rect.width() / 2 - 6
        y = rect.top()
        for row in self._rows():
            for column, (label, value) in enumerate(row):
                left = rect.left() + column * (half + 12)
                label_h = canvas.text_height(label, font(SMALL, bold=True), half)
                canvas.text(
                    QRectF(left, y, half, label_h), label.upper(), font(SMALL, bold=True), MUTED
                )
                value_h = canvas.text_height(value or "—", font(BODY), half)
                canvas.text(QRectF(left, y + label_h, half, value_h), value or "—", font(BODY))
            y += self._row_height(canvas, row, half)
