"""The programme handout: what to do, how much, what to watch for, and boxes to tick.

Patients stick it on the fridge, so each exercise is one block that never breaks across pages
and two or three share a page: the name and the dosage in bold, a strip of the poses from start
to end with small arrows between (one picture for a hold in a single position; the same figure
renderer as the screen) beside the numbered steps, cautions and stop rules, and a two-week tick
grid with a row per time of day.
The therapist's contact and the red-flag box come first, on page one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath

from coach.domain.exercise import Illustration
from coach.domain.programme import Programme
from coach.services import reports
from coach.services.context import PatientContext
from coach.services.reports import HandoutData, HandoutExercise
from coach.ui.figure_painter import paint_figure, scene_box
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
from coach.ui.printing.layout import (
    INK,
    MUTED,
    RULE,
    TINT,
    Block,
    Canvas,
    Drawn,
    Layout,
    PageFrame,
    font,
)
from coach.ui.printing.layout import render as render_blocks

PICTURE_WIDTH = 170.0  # the pictures' column; the instructions take the rest of the width
FIGURE_HEIGHT = 96.0
LIST = 9.5  # the instructions, a little under body size so that most exercises share a page
LABEL = 13.0  # "Start" and "End" under the pictures
STRIP_GAP = 12.0  # between the pictures of a strip, room for the small arrow
WIDE = 1.25  # a scene this much wider than tall (lying, kneeling) stacks its strip downwards
FRAME_HEIGHTS = (50.0, 90.0)  # a stacked strip's pictures: at least, at most (label included)
TALL_FRAME_MAX = 130.0  # side-by-side pictures of an upright figure grow up to this height
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

    def _room(self, canvas: Canvas, width: float) -> float:
        """The height beside the instructions (never less than one picture and its label)."""
        return max(FIGURE_HEIGHT + LABEL, self._text_height(canvas, self._text_width(width)))

    def _body_height(self, canvas: Canvas, width: float) -> float:
        room = self._room(canvas, width)
        frames = self.frames(QRectF(0, 0, PICTURE_WIDTH, room))
        return max(room, max((f.bottom() for f, _ in frames), default=0.0) + LABEL)

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
        self._pictures(canvas, QRectF(rect.left(), y, PICTURE_WIDTH, self._room(canvas, width)))
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

    def frames(self, column: QRectF) -> list[tuple[QRectF, str]]:
        """Where each picture goes in the pictures' column, and its label.

        A hold gets one picture. A movement gets a strip from the start pose to the end one:
        side by side for an upright figure, and stacked for a wide scene (lying, kneeling), so
        a figure lying down is drawn across the column's width instead of shrunk to a sliver.
        Stacked pictures share the height the instructions take, within FRAME_HEIGHTS.
        """
        e = self.exercise
        count = len(e.poses) if e.illustration is not None else 0
        if count <= 1:
            return [(QRectF(column.left(), column.top(), column.width(), FIGURE_HEIGHT), "")]
        labels = ["Start", *["Then"] * (count - 2), "End"]
        gaps = STRIP_GAP * (count - 1)
        if _is_wide(e.illustration):
            low, high = FRAME_HEIGHTS
            height = min(high, max(low, (column.height() - gaps) / count - LABEL))
            step = height + LABEL + STRIP_GAP
            return [
                (QRectF(column.left(), column.top() + i * step, column.width(), height), label)
                for i, label in enumerate(labels)
            ]
        width = (column.width() - gaps) / count
        height = min(TALL_FRAME_MAX, max(FIGURE_HEIGHT, column.height() - LABEL))
        return [
            (QRectF(column.left() + i * (width + STRIP_GAP), column.top(), width, height), label)
            for i, label in enumerate(labels)
        ]

    def _pictures(self, canvas: Canvas, rect: QRectF) -> None:
        """The strip of poses with small arrows between them, or the one pose of a hold."""
        e = self.exercise
        painter = canvas.painter
        frames = self.frames(rect)
        canvas.shapes()
        if e.illustration is not None and e.poses:
            for (box, _), pose in zip(frames, e.poses, strict=True):
                canvas.shapes()
                paint_figure(painter, box, e.illustration, pose)
                canvas.drawn.append(Drawn(canvas.page, "picture", QRectF(box)))
        else:
            box = frames[0][0]
            image = QImage(e.image_path) if e.image_path else QImage()
            if image.isNull():
                canvas.text(
                    box,
                    "No picture for this exercise",
                    font(SMALL, italic=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                )
            else:
                size = image.size().scaled(
                    int(box.width() * 10),
                    int(box.height() * 10),
                    Qt.AspectRatioMode.KeepAspectRatio,
                )
                target = QRectF(0, 0, size.width() / 10, size.height() / 10)
                target.moveCenter(box.center())
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(target, image)
        canvas.shapes()
        painter.setPen(canvas.pen(RULE, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for box, label in frames:
            painter.drawRect(box)
            if label:
                canvas.text(
                    QRectF(box.left(), box.bottom() + 1, box.width(), LABEL - 1),
                    label,
                    font(SMALL, bold=True),
                    MUTED,
                    flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                )
        for (before, _), (after, _) in itertools.pairwise(frames):
            canvas.shapes()
            _arrow(canvas, before, after)

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


def _is_wide(illustration: Illustration | None) -> bool:
    if illustration is None:
        return False
    box = scene_box(illustration)
    return box.width() > WIDE * box.height()


def _arrow(canvas: Canvas, before: QRectF, after: QRectF) -> None:
    """A small arrow from one picture of a strip to the next: across, or down past the
    earlier picture's label when the strip is stacked."""
    painter = canvas.painter
    painter.setPen(canvas.pen(INK, 0.9))
    if after.left() > before.right():
        y = before.center().y()
        tail, head = QPointF(before.right() + 1.5, y), QPointF(after.left() - 1.5, y)
        back, side = QPointF(-5, 0), QPointF(0, 3.5)
    else:
        x = before.center().x()
        tail, head = QPointF(x, before.bottom() + LABEL), QPointF(x, after.top() - 1.5)
        back, side = QPointF(0, -5), QPointF(3.5, 0)
    painter.drawLine(tail, head + back * 0.6)
    tip = QPainterPath(head)
    tip.lineTo(head + back - side)
    tip.lineTo(head + back + side)
    tip.closeSubpath()
    painter.fillPath(tip, QBrush(INK))


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
    def of(cls, context: PatientContext, programme: int | Programme) -> Handout:
        """A stored programme or template by id, or a programme as given (a shipped starter)."""
        if isinstance(programme, Programme):
            return cls([reports.handout_of(context, programme)])
        return cls([reports.handout(context, programme)])

    @classmethod
    def named(cls, context: PatientContext, name: str) -> Handout:
        found = reports.find_programme(context, name)
        return cls([reports.handout_of(context, found)])

    @classmethod
    def in_force_today(cls, context: PatientContext) -> Handout:
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
