"""The floor, the props an exercise needs, and movement arrows, drawn around the figure.

Where the still props stand (chair, bed, wall, ...) is worked out in coach/domain/props.py, which
the library checks share; this module draws them, and the strap, which is held, so it follows
the hands round the sole of the foot.

All drawing happens in figure units (y up) under the transform figure_painter sets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from coach.domain import props
from coach.domain.exercise import Equipment, Illustration, View
from coach.domain.figure import Placed, radius_yaw
from coach.domain.props import anchor, floor_depth, point_radius

if TYPE_CHECKING:
    from coach.ui.figure_painter import FigureColors

ARROW_LENGTH = 26.0
ARROW_WIDTH = 3.4
ARROW_HEAD = 9.0


def _qp(p: Placed) -> QPointF:
    return QPointF(p.x, p.y)


def _rect(box: props.Box) -> QRectF:
    return QRectF(box.left, box.bottom, box.width, box.height)


def prop_boxes(illustration: Illustration, start: Mapping[str, Placed]) -> list[QRectF]:
    """Rects (y-up) the still props take, for framing the picture."""
    return [_rect(box) for box in props.still_boxes(illustration, start)]


def arrow_lines(
    illustration: Illustration, points: Mapping[str, Placed]
) -> list[tuple[QPointF, QPointF]]:
    """(tail, head) of each movement arrow beside the body point it names.

    An arrow leaves the point in its direction; one that would run into the floor (pressing the
    head down into a pillow, say) arrives at the point from the other side instead (from above,
    the floor is behind everything, so no arrow runs into it).
    """
    lines = []
    for arrow in illustration.arrows:
        at = points[arrow.joint]
        gap = point_radius(arrow.joint, radius_yaw(illustration)) + 7
        ux, uy = math.cos(math.radians(arrow.direction)), math.sin(math.radians(arrow.direction))
        tail = QPointF(at.x + ux * gap, at.y + uy * gap)
        head = QPointF(tail.x() + ux * ARROW_LENGTH, tail.y() + uy * ARROW_LENGTH)
        if illustration.view != View.TOP and min(tail.y(), head.y()) < 0:
            tail = QPointF(at.x - ux * (gap + ARROW_LENGTH), at.y - uy * (gap + ARROW_LENGTH))
            head = QPointF(at.x - ux * gap, at.y - uy * gap)
        lines.append((tail, head))
    return lines


# --- drawing -----------------------------------------------------------------------------------


def paint_ground(
    painter: QPainter,
    illustration: Illustration,
    rect: QRectF,
    transform: QTransform,
    colors: FigureColors,
) -> None:
    """The floor across the whole rect, and the mat on it; from above, the floor is all that
    is seen behind the figure, with no edge."""
    inverse, _ = transform.inverted()
    visible = inverse.mapRect(rect)
    if illustration.view == View.TOP:
        painter.fillRect(visible, QColor(colors.floor))
        if Equipment.MAT in illustration.props:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.mat))
            painter.drawRoundedRect(mat_rect(illustration), 4, 4)
        return
    surface = -floor_depth(illustration)
    ground = QRectF(visible.left(), visible.top(), visible.width(), surface - visible.top())
    painter.fillRect(ground, QColor(colors.floor))
    line = QPen(QColor(colors.floor_line), 0)
    line.setCosmetic(True)
    line.setWidthF(1.0)
    painter.setPen(line)
    painter.drawLine(QPointF(visible.left(), surface), QPointF(visible.right(), surface))
    if Equipment.MAT in illustration.props:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.mat))
        painter.drawRoundedRect(mat_rect(illustration), 1.6, 1.6)


def mat_rect(illustration: Illustration) -> QRectF:
    return _rect(props.mat(illustration))


def _solid(painter: QPainter, fill: str, edge: str) -> None:
    pen = QPen(QColor(edge), 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(fill)))


def paint_props_behind(
    painter: QPainter,
    illustration: Illustration,
    start: Mapping[str, Placed],
    box: QRectF,
    colors: FigureColors,
) -> None:
    """Props the figure rests on or leans against, placed from the start pose."""
    used = illustration.props
    top = box.bottom() - 22
    if Equipment.WALL in used:
        _solid(painter, "#d3d9e0", "#9aa5b1")
        painter.drawRect(_rect(props.wall(illustration, start, top)))
    if Equipment.DOORWAY in used:
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in props.doorway(illustration, start, top):
            painter.drawRect(_rect(piece))
    if Equipment.CHAIR in used:
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in props.chair(illustration, start):
            painter.drawRoundedRect(_rect(piece), 1.5, 1.5)
    if Equipment.BED in used:
        mattress, frame, *legs = props.bed(illustration, start)
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in (frame, *legs):
            painter.drawRect(_rect(piece))
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawRoundedRect(_rect(mattress), 3, 3)
    if Equipment.PILLOW in used:
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawRoundedRect(_rect(props.pillow(illustration, start)), 5, 5)
    if Equipment.STEP in used:
        _solid(painter, colors.furniture, colors.furniture_edge)
        painter.drawRect(_rect(props.step(illustration, start)))
    if Equipment.BAND in used:
        x, y = props.band_anchor(illustration, start)
        _solid(painter, colors.furniture, colors.furniture_edge)
        painter.drawRoundedRect(QRectF(x - 3, y - 3, 6, 6), 1.5, 1.5)
    if Equipment.TOWEL_ROLL in used:
        x, y, radius = props.towel_roll(illustration, start)
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawEllipse(QPointF(x, y), radius, radius)
        painter.drawEllipse(QPointF(x, y), radius * 0.45, radius * 0.45)


def _sole(points: Mapping[str, Placed], side: str) -> QPointF:
    """A point just off the sole of the foot, where a strap loops round it."""
    heel, toe, knee = points[f"heel_{side}"], points[f"toe_{side}"], points[f"knee_{side}"]
    mid_x, mid_y = heel.x * 0.35 + toe.x * 0.65, heel.y * 0.35 + toe.y * 0.65
    length = math.hypot(toe.x - heel.x, toe.y - heel.y) or 1.0
    nx, ny = -(toe.y - heel.y) / length, (toe.x - heel.x) / length
    if nx * (knee.x - mid_x) + ny * (knee.y - mid_y) > 0:
        nx, ny = -nx, -ny
    return QPointF(mid_x + nx * 4.5, mid_y + ny * 4.5)


def paint_props_in_front(
    painter: QPainter,
    illustration: Illustration,
    points: Mapping[str, Placed],
    colors: FigureColors,
) -> None:
    """Props held in the hands, which move with the figure."""
    if Equipment.BAND in illustration.props:
        x, y = props.band_anchor(illustration, props.start_points(illustration))
        band = QPen(QColor(colors.strap), 2.0)
        band.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(band)
        for hand in ("hand_near", "hand_far"):
            painter.drawLine(_qp(points[hand]), QPointF(x, y))
    if Equipment.STRAP not in illustration.props:
        return
    belt = props.belt(illustration, points)
    if belt is not None:
        _solid(painter, colors.strap, colors.strap)
        painter.drawRoundedRect(_rect(belt), 1.5, 1.5)
        # The buckle on top of the body, so the band reads as fastened round it.
        painter.setBrush(QBrush(QColor(colors.paper)))
        width = props.BELT_WIDTH
        painter.drawRect(QRectF(belt.left + 1, belt.top - width - 2, width - 2, width))
        return
    side = "far" if anchor(illustration, Equipment.STRAP).endswith("_far") else "near"
    loop = _sole(points, side)
    pen = QPen(QColor(colors.strap), 2.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for hand in ("hand_near", "hand_far"):
        painter.drawLine(_qp(points[hand]), loop)


def paint_arrows(
    painter: QPainter,
    illustration: Illustration,
    points: Mapping[str, Placed],
    colors: FigureColors,
    *,
    reverse: bool = False,
) -> None:
    """The movement arrows; `reverse` draws each along the same path the other way (the
    movement back), so a curved one keeps its bow."""
    colour = QColor(colors.arrow)
    bow = -1.0 if reverse else 1.0
    for arrow, (out, back) in zip(
        illustration.arrows, arrow_lines(illustration, points), strict=True
    ):
        tail, head = (back, out) if reverse else (out, back)
        dx, dy = head.x() - tail.x(), head.y() - tail.y()
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        path = QPainterPath(tail)
        if arrow.curved:
            # Bow to the left of the direction of travel, and aim the head along the curve.
            control = QPointF(
                (tail.x() + head.x()) / 2 - bow * uy * length * 0.45,
                (tail.y() + head.y()) / 2 + bow * ux * length * 0.45,
            )
            path.quadTo(control, head)
            tx, ty = head.x() - control.x(), head.y() - control.y()
            norm = math.hypot(tx, ty)
            ux, uy = tx / norm, ty / norm
        else:
            path.lineTo(head)
        base = QPointF(head.x() - ux * ARROW_HEAD * 0.8, head.y() - uy * ARROW_HEAD * 0.8)
        pen = QPen(colour, ARROW_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        tip = QPointF(head.x() + ux * ARROW_HEAD * 0.35, head.y() + uy * ARROW_HEAD * 0.35)
        half = ARROW_HEAD * 0.6
        wing_a = QPointF(base.x() - uy * half, base.y() + ux * half)
        wing_b = QPointF(base.x() + uy * half, base.y() - ux * half)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, wing_a, wing_b]))
