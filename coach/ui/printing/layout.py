"""A small page layout engine: blocks flow down the pages, whole, with a running header.

Every printed document is a list of blocks. Each block measures itself for the content width and
is placed whole on a page; a block that does not fit starts the next page, and only tables split,
between rows, repeating their column headings. Nothing is ever drawn across the content edge,
and `Layout.drawn` records every rectangle drawn so tests can check exactly that.

All positions are in typographic points (1/72 inch) from the paper's top-left corner, whatever
the device: a QPdfWriter, a printer, or the print preview. Shapes are drawn under a scaling
transform; text is drawn untransformed at the device's own resolution, so the font metrics used
for measuring are the ones used for drawing and no line is ever cut off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform

MARGIN = 51.0  # 18 mm on every side, on A4 and Letter alike
HEADER = 26.0  # running header band inside the top margin's content area
FOOTER = 22.0
GAP = 10.0  # default space between blocks

INK = QColor("#111111")
MUTED = QColor("#4a4a4a")
RULE = QColor("#8a8a8a")
TINT = QColor("#ececec")

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    value = QFont("DejaVu Sans")
    value.setStyleHint(QFont.StyleHint.SansSerif)
    value.setPointSizeF(size)
    value.setBold(bold)
    value.setItalic(italic)
    return value


@dataclass
class Drawn:
    page: int
    kind: str  # "block", "text", "header" or "footer"
    rect: QRectF


class Canvas:
    """A painter on one paint device, addressed in points from the paper's corner."""

    def __init__(self, painter: QPainter, page_rect: QRectF) -> None:
        self.painter = painter
        device = painter.device()
        self.scale = device.logicalDpiX() / 72.0 if device is not None else 1.0
        self.origin = page_rect.topLeft()
        self.size = (page_rect.width() / self.scale, page_rect.height() / self.scale)
        self.page = 0
        self.drawn: list[Drawn] = []
        self._metrics: dict[tuple[str, float, bool, bool], QFontMetricsF] = {}

    @property
    def to_device(self) -> QTransform:
        transform = QTransform()
        transform.translate(self.origin.x(), self.origin.y())
        transform.scale(self.scale, self.scale)
        return transform

    def shapes(self) -> None:
        """Draw shapes in points from here on (text always goes through `text`)."""
        self.painter.setTransform(self.to_device)

    def metrics(self, face: QFont) -> QFontMetricsF:
        key = (face.family(), face.pointSizeF(), face.bold(), face.italic())
        if key not in self._metrics:
            self._metrics[key] = QFontMetricsF(face, self.painter.device())
        return self._metrics[key]

    def text_height(self, text: str, face: QFont, width: float) -> float:
        bounds = self.metrics(face).boundingRect(
            QRectF(0, 0, width * self.scale, 1e6), int(WRAP), text
        )
        return bounds.height() / self.scale

    def text_width(self, text: str, face: QFont) -> float:
        return self.metrics(face).horizontalAdvance(text) / self.scale

    def line_height(self, face: QFont) -> float:
        return self.metrics(face).height() / self.scale

    def text(
        self,
        rect: QRectF,
        text: str,
        face: QFont,
        color: QColor = INK,
        *,
        flags: Qt.AlignmentFlag | int = WRAP,
        kind: str = "text",
        elide: bool = False,
    ) -> None:
        painter = self.painter
        if elide:
            # One-line texts (headers) are shortened with an ellipsis rather than cut off.
            text = self.metrics(face).elidedText(
                text, Qt.TextElideMode.ElideRight, rect.width() * self.scale
            )
        painter.save()
        painter.resetTransform()
        painter.setFont(face)
        painter.setPen(color)
        painter.drawText(self.to_device.mapRect(rect), int(flags), text)
        painter.restore()
        self.drawn.append(Drawn(self.page, kind, QRectF(rect)))

    def pen(
        self, color: QColor = INK, width: float = 0.75, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> QPen:
        value = QPen(color, width, style)
        value.setCapStyle(Qt.PenCapStyle.FlatCap)
        return value


class Block:
    """Something placed whole on a page (tables may split between rows)."""

    space_before: float = GAP
    keep_with_next: bool = False
    new_page: bool = False  # always start on a fresh page

    def measure(self, canvas: Canvas, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        raise NotImplementedError

    def split(self, canvas: Canvas, width: float, room: float) -> tuple[Block, Block] | None:
        """A first part that fits in `room` and the rest, or None to move the whole block."""
        return None

    def least_height(self, canvas: Canvas, width: float) -> float:
        """The smallest first part: what a heading kept with this block needs below it."""
        return self.measure(canvas, width)


@dataclass
class Placed:
    block: Block
    top: float
    height: float


@dataclass
class PageFrame:
    """What repeats on every page: the running header and the footer's left text."""

    title: str
    subtitle: str
    footer: str


@dataclass
class Layout:
    pages: list[list[Placed]] = field(default_factory=list)
    content: QRectF = field(default_factory=QRectF)
    paper: tuple[float, float] = (0.0, 0.0)
    drawn: list[Drawn] = field(default_factory=list)


def content_rect(paper: tuple[float, float]) -> QRectF:
    """The area blocks flow into: inside the margins, below the header and above the footer."""
    area = QRectF(0, 0, *paper).marginsRemoved(QMarginsF(MARGIN, MARGIN, MARGIN, MARGIN))
    return area.adjusted(0, HEADER, 0, -FOOTER)


def paginate(canvas: Canvas, blocks: Sequence[Block], content: QRectF) -> list[list[Placed]]:
    width, height = content.width(), content.height()
    pages: list[list[Placed]] = [[]]
    y = 0.0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        if block.new_page and pages[-1]:
            pages.append([])
            y = 0.0
        gap = block.space_before if pages[-1] else 0.0
        size = block.measure(canvas, width)
        need = size
        # Headings stay with what follows them, through a run of headings (section, subsection).
        follower = 0
        keep = block.keep_with_next
        while keep and follower < len(queue):
            nxt = queue[follower]
            keep = nxt.keep_with_next
            need += nxt.space_before + (
                nxt.measure(canvas, width) if keep else nxt.least_height(canvas, width)
            )
            follower += 1
        if y + gap + need <= height or (not pages[-1] and need > height and size <= height):
            pages[-1].append(Placed(block, y + gap, size))
            y += gap + size
            continue
        parts = block.split(canvas, width, height - y - gap) if not block.keep_with_next else None
        if parts is not None:
            head, rest = parts
            head_size = head.measure(canvas, width)
            pages[-1].append(Placed(head, y + gap, head_size))
            queue.insert(0, rest)
        elif not pages[-1]:
            # Taller than a whole page and unsplittable: still placed, so nothing is lost.
            pages[-1].append(Placed(block, 0.0, size))
            y = size
            continue
        else:
            queue.insert(0, block)
        pages.append([])
        y = 0.0
    return pages


def render(
    painter: QPainter,
    page_rect: QRectF,
    frame: PageFrame,
    blocks: Sequence[Block],
    new_page: Callable[[], object],
) -> Layout:
    """Lay `blocks` out on pages of `page_rect` (the whole sheet, in device units) and draw them.

    `new_page` starts the next sheet (QPagedPaintDevice.newPage for printers and PDF writers).
    """
    canvas = Canvas(painter, page_rect)
    content = content_rect(canvas.size)
    pages = paginate(canvas, blocks, content)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for number, placed in enumerate(pages):
        if number:
            new_page()
        canvas.page = number
        _frame(canvas, frame, number + 1, len(pages))
        for item in placed:
            rect = QRectF(content.left(), content.top() + item.top, content.width(), item.height)
            canvas.shapes()
            item.block.draw(canvas, rect)
            canvas.drawn.append(Drawn(number, "block", rect))
    painter.resetTransform()
    return Layout(pages, content, canvas.size, canvas.drawn)


def _frame(canvas: Canvas, frame: PageFrame, number: int, count: int) -> None:
    width = canvas.size[0] - 2 * MARGIN
    small = font(8)
    top = MARGIN
    canvas.text(
        QRectF(MARGIN, top, width * 0.55, HEADER - 8),
        frame.title,
        font(8, bold=True),
        MUTED,
        flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        kind="header",
        elide=True,
    )
    canvas.text(
        QRectF(MARGIN + width * 0.55, top, width * 0.45, HEADER - 8),
        frame.subtitle,
        small,
        MUTED,
        flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        kind="header",
        elide=True,
    )
    canvas.shapes()
    painter = canvas.painter
    painter.setPen(canvas.pen(RULE, 0.5))
    # Both rules keep 10 points from the content, so a table's last line or an exercise's top
    # rule is never read as part of the header or the footer.
    rule_y = top + HEADER - 10
    painter.drawLine(QPointF(MARGIN, rule_y), QPointF(MARGIN + width, rule_y))
    bottom = canvas.size[1] - MARGIN
    footer_y = bottom - FOOTER + 13
    painter.drawLine(QPointF(MARGIN, footer_y - 3), QPointF(MARGIN + width, footer_y - 3))
    canvas.text(
        QRectF(MARGIN, footer_y, width * 0.7, FOOTER - 13),
        frame.footer,
        small,
        MUTED,
        flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        kind="footer",
    )
    canvas.text(
        QRectF(MARGIN + width * 0.7, footer_y, width * 0.3, FOOTER - 13),
        f"Page {number} of {count}",
        font(8, bold=True),
        INK,
        flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        kind="footer",
    )
