"""The programme handout: what to do, how much, what to watch for, and boxes to tick.

Patients stick it on the fridge, so each exercise is one block that never breaks across pages:
the start and end pose side by side (the same figure renderer as the screen), the dosage in one
bold line, numbered steps, cautions and stop rules, and a two-week tick grid with a row per
time of day. The therapist's contact and the red-flag box come first, on page one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPainterPath

from coach.services.reports import HandoutData, HandoutExercise
from coach.ui.figure_painter import paint_figure
from coach.ui.printing.blocks import (
    BODY,
    SMALL,
    Boxed,
    Heading,
    Paragraph,
    Title,
    draw_list,
    list_height,
)
from coach.ui.printing.layout import INK, MUTED, RULE, TINT, Block, Canvas, Layout, PageFrame, font
from coach.ui.printing.layout import render as render_blocks

FIGURE_HEIGHT = 150.0
PICTURES = FIGURE_HEIGHT + 24  # the pictures, their labels and the gap below
GRID_LABEL = 44.0
GRID_HEAD = 13.0
GRID_ROW = 15.0
ORDINALS = ("1st", "2nd", "3rd")


def _ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= 3 else f"{n}th"


class ExerciseBlock(Block):
    PAD = 8.0

    def __init__(self, exercise: HandoutExercise) -> None:
        self.exercise = exercise
        self.space_before = 14.0

    def _sections(self) -> list[tuple[str, tuple[str, ...], bool]]:
        found = [("How to do it", self.exercise.steps, True)]
        if self.exercise.cautions:
            found.append(("Take care", self.exercise.cautions, False))
        if self.exercise.stop_rules:
            found.append(("Stop and tell your therapist if", self.exercise.stop_rules, False))
        return found

    def _head_height(self, canvas: Canvas, width: float) -> float:
        e = self.exercise
        height = canvas.text_height(f"{e.number}  {e.name}", font(14, bold=True), width)
        height += 2 + canvas.text_height(e.dosage, font(11, bold=True), width)
        for line in e.details:
            height += 1 + canvas.text_height(line, font(SMALL, italic=True), width)
        return height + 8

    def _text_height(self, canvas: Canvas, width: float) -> float:
        height = 0.0
        for title, items, _ in self._sections():
            height += canvas.text_height(title, font(SMALL, bold=True), width) + 2
            height += list_height(canvas, items, width) + 5
        return height

    def _grid_height(self) -> float:
        return 14 + GRID_HEAD + GRID_ROW * self.exercise.grid.times_per_day

    def measure(self, canvas: Canvas, width: float) -> float:
        body = PICTURES + self._text_height(canvas, width)
        return self.PAD + self._head_height(canvas, width) + body + 8 + self._grid_height()

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        e = self.exercise
        painter = canvas.painter
        painter.setPen(canvas.pen(INK, 1.2))
        painter.drawLine(rect.topLeft(), rect.topRight())
        width = rect.width()
        y = rect.top() + self.PAD
        title = f"{e.number}  {e.name}"
        height = canvas.text_height(title, font(14, bold=True), width)
        canvas.text(QRectF(rect.left(), y, width, height), title, font(14, bold=True))
        y += height + 2
        height = canvas.text_height(e.dosage, font(11, bold=True), width)
        canvas.text(QRectF(rect.left(), y, width, height), e.dosage, font(11, bold=True))
        y += height
        for line in e.details:
            height = canvas.text_height(line, font(SMALL, italic=True), width)
            canvas.text(
                QRectF(rect.left(), y + 1, width, height), line, font(SMALL, italic=True), MUTED
            )
            y += 1 + height
        y += 8
        # The start and end poses side by side across the block, large enough to read from
        # across a room; the instructions below them at full width.
        self._pictures(canvas, QRectF(rect.left(), y, width, FIGURE_HEIGHT + 16))
        left = rect.left()
        text_width = width
        text_y = y + PICTURES
        for title_text, items, numbered in self._sections():
            height = canvas.text_height(title_text, font(SMALL, bold=True), text_width)
            canvas.text(
                QRectF(left, text_y, text_width, height),
                title_text.upper(),
                font(SMALL, bold=True),
                MUTED,
            )
            text_y = (
                draw_list(canvas, left, text_y + height + 2, text_width, items, numbered=numbered)
                + 5
            )
        body = PICTURES + self._text_height(canvas, text_width)
        self._grid(canvas, QRectF(rect.left(), y + body + 8, width, self._grid_height()))

    def _pictures(self, canvas: Canvas, rect: QRectF) -> None:
        e = self.exercise
        painter = canvas.painter
        half = (rect.width() - 10) / 2
        boxes: tuple[QRectF, ...] = (
            QRectF(rect.left(), rect.top(), half, FIGURE_HEIGHT),
            QRectF(rect.left() + half + 10, rect.top(), half, FIGURE_HEIGHT),
        )
        canvas.shapes()
        if e.illustration is not None:
            illustration = e.illustration
            for box, pose in zip(boxes, (illustration.start, illustration.end), strict=True):
                canvas.shapes()
                paint_figure(painter, box, illustration, pose)
            labels: tuple[str, ...] = ("Start", "End")
        else:
            image = QImage(e.image_path) if e.image_path else QImage()
            whole = QRectF(rect.left(), rect.top(), rect.width(), FIGURE_HEIGHT)
            if image.isNull():
                canvas.text(
                    whole,
                    "No picture for this exercise",
                    font(SMALL, italic=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignCenter,
                )
            else:
                size = image.size().scaled(
                    int(whole.width() * 10),
                    int(whole.height() * 10),
                    Qt.AspectRatioMode.KeepAspectRatio,
                )
                target = QRectF(0, 0, size.width() / 10, size.height() / 10)
                target.moveCenter(whole.center())
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(target, image)
            boxes = (whole,)
            labels = ("",)
        canvas.shapes()
        painter.setPen(canvas.pen(RULE, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box, label in zip(boxes, labels, strict=False):
            painter.drawRect(box)
            if label:
                canvas.text(
                    QRectF(box.left(), box.bottom() + 2, box.width(), 12),
                    label,
                    font(SMALL, bold=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignHCenter,
                )
        if len(boxes) == 2:
            # An arrow between the poses: from the start position to the end one.
            canvas.shapes()
            mid_y = boxes[0].center().y()
            tail, head = boxes[0].right() + 1.5, boxes[1].left() - 1.5
            painter.setPen(canvas.pen(INK, 0.9))
            painter.drawLine(QPointF(tail, mid_y), QPointF(head - 2, mid_y))
            tip = QPainterPath(QPointF(head, mid_y))
            tip.lineTo(head - 4, mid_y - 3)
            tip.lineTo(head - 4, mid_y + 3)
            tip.closeSubpath()
            painter.fillPath(tip, QBrush(INK))

    def _grid(self, canvas: Canvas, rect: QRectF) -> None:
        grid = self.exercise.grid
        painter = canvas.painter
        label = "Tick a box each time you do it (two weeks)"
        canvas.text(
            QRectF(rect.left(), rect.top(), rect.width(), 12), label, font(SMALL, bold=True), MUTED
        )
        top = rect.top() + 14
        cell = (rect.width() - GRID_LABEL) / grid.days
        canvas.shapes()
        painter.fillRect(QRectF(rect.left(), top, rect.width(), GRID_HEAD), TINT)
        canvas.text(
            QRectF(rect.left() + 3, top, GRID_LABEL - 3, GRID_HEAD),
            "Day",
            font(7.5, bold=True),
            MUTED,
            flags=Qt.AlignmentFlag.AlignVCenter,
        )
        for day in range(grid.days):
            canvas.text(
                QRectF(rect.left() + GRID_LABEL + day * cell, top, cell, GRID_HEAD),
                str(day + 1),
                font(7.5, bold=True),
                MUTED,
                flags=Qt.AlignmentFlag.AlignCenter,
            )
        for row in range(grid.times_per_day):
            y = top + GRID_HEAD + row * GRID_ROW
            canvas.text(
                QRectF(rect.left() + 3, y, GRID_LABEL - 3, GRID_ROW),
                _ordinal(row + 1) if grid.times_per_day > 1 else "Done",
                font(7.5),
                MUTED,
                flags=Qt.AlignmentFlag.AlignVCenter,
            )
        canvas.shapes()
        painter.setPen(canvas.pen(INK, 0.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        bottom = top + GRID_HEAD + GRID_ROW * grid.times_per_day
        painter.drawRect(QRectF(rect.left(), top, rect.width(), bottom - top))
        painter.setPen(canvas.pen(RULE, 0.5))
        for day in range(grid.days + 1):
            x = rect.left() + GRID_LABEL + day * cell
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        for row in range(grid.times_per_day + 1):
            y = top + GRID_HEAD + row * GRID_ROW
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        # A heavier line every seven days marks where the second week starts.
        painter.setPen(canvas.pen(INK, 0.9))
        x = rect.left() + GRID_LABEL + 7 * cell
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))


def contact_lines(data: HandoutData) -> list[str]:
    who = data.therapist
    lines = [part for part in (who.name, who.clinic) if part]
    if who.contact:
        lines.append(f"Contact: {who.contact}")
    return lines or ["Write your therapist's name and phone number here: ____________________"]


def handout_blocks(data: HandoutData) -> list[Block]:
    facts = [f"For {data.patient}" if data.patient else "", f"Starting {data.starts:%d %B %Y}"]
    blocks: list[Block] = [Title(data.programme, [" · ".join(f for f in facts if f)])]
    if data.goal:
        blocks.append(Paragraph(f"Goal: {data.goal}"))
    if data.notes:
        blocks.append(Paragraph(data.notes, muted=True))
    blocks.append(Boxed("Your therapist", contact_lines(data)))
    blocks.append(
        Boxed(
            "Stop exercising and get medical help today if you notice",
            data.red_flags,
            data.urgent_advice,
            heavy=True,
        )
    )
    blocks.append(Heading(f"Your exercises ({len(data.exercises)})"))
    blocks.append(
        Paragraph(
            "If an exercise makes pain spread further into your arm or leg, stop that exercise "
            "and contact your therapist.",
            size=BODY,
            muted=True,
        )
    )
    blocks.extend(ExerciseBlock(e) for e in data.exercises)
    return blocks


def render_handout(
    painter: QPainter,
    page_rect: QRectF,
    data: HandoutData | Sequence[HandoutData],
    new_page: Callable[[], object],
) -> Layout:
    """Draw one handout, or several one after another (each starting on a new page)."""
    documents = [data] if isinstance(data, HandoutData) else list(data)
    blocks: list[Block] = []
    for index, document in enumerate(documents):
        part = handout_blocks(document)
        if index:
            part[0] = PageBreakTitle(part[0])
        blocks.extend(part)
    first = documents[0]
    names = ", ".join(d.programme for d in documents)
    frame = PageFrame(
        title=f"Exercise programme: {names}",
        subtitle=first.patient,
        footer=f"Printed {first.printed_on:%d %B %Y} with Coach",
    )
    return render_blocks(painter, page_rect, frame, blocks, new_page)


class PageBreakTitle(Block):
    """A title that always starts a new page (the next programme of a combined handout)."""

    space_before = 0.0

    def __init__(self, inner: Block) -> None:
        self.new_page = True
        self.inner = inner

    def measure(self, canvas: Canvas, width: float) -> float:
        return self.inner.measure(canvas, width)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        self.inner.draw(canvas, rect)
