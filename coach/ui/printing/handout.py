"""The programme handout: what to do, how much, what to watch for, and boxes to tick.

Patients stick it on the fridge, so each exercise is one block that never breaks across pages
and two or three share a page: the name and the dosage in bold, the start and end pose (one
picture for a hold in a single position; the same figure renderer as the screen) beside the
numbered steps, cautions and stop rules, and a two-week tick grid with a row per time of day.
The therapist's contact and the red-flag box come first, on page one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath

from coach.domain.programme import Programme
from coach.services import reports
from coach.services.context import AppContext
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
from coach.ui.printing.document import Document
from coach.ui.printing.layout import INK, MUTED, RULE, TINT, Block, Canvas, Layout, PageFrame, font
from coach.ui.printing.layout import render as render_blocks

PICTURE_WIDTH = 170.0  # the pictures' column; the instructions take the rest of the width
FIGURE_HEIGHT = 96.0
LIST = 9.5  # the instructions, a little under body size so that most exercises share a page
LABEL = 13.0  # "Start" and "End" under the pictures
COLUMN_GAP = 14.0
GRID_LABEL = 44.0
GRID_HEAD = 13.0
GRID_ROW = 14.0
ORDINALS = ("1st", "2nd", "3rd")


def _ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= 3 else f"{n}th"


class ExerciseBlock(Block):
    """One exercise, never split: name and dosage, the pictures beside the instructions, and
    the tick grid across the foot. Compact enough that two or three share a page."""

    PAD = 8.0

    def __init__(self, exercise: HandoutExercise) -> None:
        self.exercise = exercise
        self.space_before = 14.0

    def _sections(self) -> list[tuple[str, tuple[str, ...], bool]]:
        """(heading, lines, numbered): the steps, then what to watch for."""
        found = [("How to do it", self.exercise.steps, True)]
        if self.exercise.cautions:
            found.append(("Take care", self.exercise.cautions, False))
        if self.exercise.stop_rules:
            found.append(("Stop and tell your therapist if", self.exercise.stop_rules, False))
        return found

    def _head_lines(self) -> list[tuple[str, QFont, QColor, float]]:
        """(text, font, colour, space above) for the name, the dosage and the details."""
        e = self.exercise
        lines = [
            (f"{e.number}  {e.name}", font(14, bold=True), INK, 0.0),
            (e.dosage, font(11, bold=True), INK, 2.0),
        ]
        lines += [(line, font(SMALL, italic=True), MUTED, 1.0) for line in e.details]
        return lines

    def _head_height(self, canvas: Canvas, width: float) -> float:
        return sum(
            above + canvas.text_height(text, face, width)
            for text, face, _, above in self._head_lines()
        )

    @staticmethod
    def _text_width(width: float) -> float:
        return width - PICTURE_WIDTH - COLUMN_GAP

    def _text_height(self, canvas: Canvas, width: float) -> float:
        height = 0.0
        for title, items, _ in self._sections():
            height += canvas.text_height(title.upper(), font(SMALL, bold=True), width) + 2
            height += list_height(canvas, items, width, LIST) + 4
        return height - 4

    def _body_height(self, canvas: Canvas, width: float) -> float:
        return max(FIGURE_HEIGHT + LABEL, self._text_height(canvas, self._text_width(width)))

    def _grid_height(self) -> float:
        return 14 + GRID_HEAD + GRID_ROW * self.exercise.grid.times_per_day

    def measure(self, canvas: Canvas, width: float) -> float:
        head = self._head_height(canvas, width)
        return self.PAD + head + 8 + self._body_height(canvas, width) + 10 + self._grid_height()

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        painter = canvas.painter
        painter.setPen(canvas.pen(INK, 1.2))
        painter.drawLine(rect.topLeft(), rect.topRight())
        width = rect.width()
        y = rect.top() + self.PAD
        for text, face, color, above in self._head_lines():
            height = canvas.text_height(text, face, width)
            canvas.text(QRectF(rect.left(), y + above, width, height), text, face, color)
            y += above + height
        y += 8
        self._pictures(canvas, QRectF(rect.left(), y, PICTURE_WIDTH, FIGURE_HEIGHT))
        left = rect.left() + PICTURE_WIDTH + COLUMN_GAP
        text_width = self._text_width(width)
        text_y = y
        for title, items, numbered in self._sections():
            heading = title.upper()
            height = canvas.text_height(heading, font(SMALL, bold=True), text_width)
            canvas.text(
                QRectF(left, text_y, text_width, height), heading, font(SMALL, bold=True), MUTED
            )
            text_y = draw_list(
                canvas, left, text_y + height + 2, text_width, items, numbered=numbered, size=LIST
            )
            text_y += 4
        grid_top = y + self._body_height(canvas, width) + 10
        self._grid(canvas, QRectF(rect.left(), grid_top, width, self._grid_height()))

    def _pictures(self, canvas: Canvas, rect: QRectF) -> None:
        """The start and end poses with an arrow between them, or the one pose of a hold."""
        e = self.exercise
        painter = canvas.painter
        canvas.shapes()
        if e.illustration is not None and e.poses:
            if len(e.poses) == 1:
                boxes = [rect]
                labels = ["Position"]
            else:
                half = (rect.width() - 12) / 2
                boxes = [
                    QRectF(rect.left(), rect.top(), half, rect.height()),
                    QRectF(rect.right() - half, rect.top(), half, rect.height()),
                ]
                labels = ["Start", "End"]
            for box, pose in zip(boxes, e.poses, strict=True):
                canvas.shapes()
                paint_figure(painter, box, e.illustration, pose)
        else:
            image = QImage(e.image_path) if e.image_path else QImage()
            if image.isNull():
                canvas.text(
                    rect,
                    "No picture for this exercise",
                    font(SMALL, italic=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                )
            else:
                size = image.size().scaled(
                    int(rect.width() * 10),
                    int(rect.height() * 10),
                    Qt.AspectRatioMode.KeepAspectRatio,
                )
                target = QRectF(0, 0, size.width() / 10, size.height() / 10)
                target.moveCenter(rect.center())
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(target, image)
            boxes, labels = [rect], [""]
        canvas.shapes()
        painter.setPen(canvas.pen(RULE, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box, label in zip(boxes, labels, strict=True):
            painter.drawRect(box)
            if label:
                canvas.text(
                    QRectF(box.left(), box.bottom() + 1, box.width(), LABEL - 1),
                    label,
                    font(SMALL, bold=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                )
        if len(boxes) == 2:
            # An arrow between the poses: from the start position to the end one.
            canvas.shapes()
            mid_y = boxes[0].center().y()
            tail, head = boxes[0].right() + 1.5, boxes[1].left() - 1.5
            painter.setPen(canvas.pen(INK, 0.9))
            painter.drawLine(QPointF(tail, mid_y), QPointF(head - 3, mid_y))
            tip = QPainterPath(QPointF(head, mid_y))
            tip.lineTo(head - 5, mid_y - 3.5)
            tip.lineTo(head - 5, mid_y + 3.5)
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
    """Who to call, on one line so the exercises can start on the first page."""
    who = data.therapist
    parts = [part for part in (who.name, who.clinic) if part]
    if who.contact:
        parts.append(f"Contact: {who.contact}")
    if not parts:
        return ["Write your therapist's name and phone number here: ____________________"]
    return [" · ".join(parts)]


def handout_blocks(data: HandoutData) -> list[Block]:
    facts = [
        f"For {data.patient}" if data.patient else "",
        f"Starting {data.starts:%d %B %Y}" if data.starts else "",
    ]
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


class Handout(Document):
    """The handout of one programme or template, or of several one after another (each
    starting on a new page)."""

    kind = "programme handout"

    def __init__(self, documents: Sequence[HandoutData]) -> None:
        self.documents = tuple(documents)

    @classmethod
    def of(cls, context: AppContext, programme: int | Programme) -> Handout:
        """A stored programme or template by id, or a programme as given (a shipped starter)."""
        if isinstance(programme, Programme):
            return cls([reports.handout_of(context, programme)])
        return cls([reports.handout(context, programme)])

    @classmethod
    def named(cls, context: AppContext, name: str) -> Handout:
        found = reports.find_programme(context, name)
        return cls([reports.handout_of(context, found)])

    @classmethod
    def in_force_today(cls, context: AppContext) -> Handout:
        return cls(reports.handouts_for_today(context))

    @property
    def name(self) -> str:
        return " + ".join(d.programme for d in self.documents)

    def render(
        self, painter: QPainter, page_rect: QRectF, new_page: Callable[[], object]
    ) -> Layout:
        blocks: list[Block] = []
        for index, document in enumerate(self.documents):
            part = handout_blocks(document)
            if index:
                part[0] = PageBreakTitle(part[0])
            blocks.extend(part)
        first = self.documents[0]
        frame = PageFrame(
            title="Exercise programme: " + ", ".join(d.programme for d in self.documents),
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
