"""The floor, the props an exercise needs, and movement arrows, drawn around the figure.

Props are placed from the figure itself rather than from coordinates in the exercise file: the
chair seat goes under the pelvis, the bed edge at the hip, the wall against the hand, the strap
from the hands round the sole of the foot. So a pose can change without breaking its props, and
an exercise file only says which props it uses (and, rarely, which body point one sits against).
Props that stay still (chair, bed, wall, ...) are placed from the start keyframe so they do not
slide while the figure moves; the strap is held, so it follows the hands.

All drawing happens in figure units (y up) under the transform figure_painter sets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from coach.domain.exercise import Equipment, Illustration
from coach.domain.figure import PARTS, Placed, bounds, figure_points

if TYPE_CHECKING:
    from coach.ui.figure_painter import FigureColors

MAT_THICKNESS = 3.5
ARROW_LENGTH = 26.0
ARROW_WIDTH = 3.4
ARROW_HEAD = 9.0

DEFAULT_ANCHOR: dict[Equipment, str] = {
    Equipment.CHAIR: "pelvis",
    Equipment.BED: "hip_near",
    Equipment.WALL: "hand_near",
    Equipment.DOORWAY: "hand_near",
    Equipment.STRAP: "ankle_near",
    Equipment.TOWEL_ROLL: "thorax",
    Equipment.PILLOW: "head",
}


def anchor(illustration: Illustration, equipment: Equipment) -> str:
    return illustration.placement(equipment) or DEFAULT_ANCHOR.get(equipment, "pelvis")


def floor_depth(illustration: Illustration) -> float:
    """How far below y = 0 the floor surface is (a mat lifts the figure off the floor)."""
    return MAT_THICKNESS if Equipment.MAT in illustration.props else 0.0


def point_radius(name: str, view_yaw: float) -> float:
    """The thickness of the body at a named point: the widest part that ends there."""
    radius = 0.0
    for part in PARTS:
        ra, rb = part.radii(view_yaw)
        if part.a == name:
            radius = max(radius, ra)
        if part.b == name:
            radius = max(radius, rb)
    return radius


def _qp(p: Placed) -> QPointF:
    return QPointF(p.x, p.y)


# --- where things go ---------------------------------------------------------------------------


def _figure_extent(illustration: Illustration) -> tuple[float, float, float]:
    """(left, right, top) of the figure over every keyframe."""
    left, right, top = math.inf, -math.inf, -math.inf
    for frame in illustration.keyframes:
        fl, _, fr, ft = bounds(figure_points(frame, illustration.view_yaw), illustration.view_yaw)
        left, right, top = min(left, fl), max(right, fr), max(top, ft)
    return left, right, top


def _chair(illustration: Illustration, points: Mapping[str, Placed]) -> list[QRectF]:
    """Seat, backrest and two legs, in y-up rects (x, y = lower edge, w, h).

    The seat is under the pelvis (sitting) or under another point, e.g. a foot put up on it.
    """
    yaw = illustration.view_yaw
    name = anchor(illustration, Equipment.CHAIR)
    pelvis = points["pelvis"]
    if name == "pelvis":
        seat_top = min(
            pelvis.y - point_radius("pelvis", yaw),
            points["hip_near"].y - point_radius("hip_near", yaw),
            points["hip_far"].y - point_radius("hip_far", yaw),
        )
        centre = pelvis.x
    else:
        side = "far" if name.endswith("_far") else "near"
        if name.startswith(("heel", "toe", "ankle")):
            feet = (f"heel_{side}", f"toe_{side}")
            seat_top = min(points[p].y - point_radius(p, yaw) for p in feet)
            centre = (points[feet[0]].x + points[feet[1]].x) / 2
        else:
            seat_top = points[name].y - point_radius(name, yaw)
            centre = points[name].x
    if yaw > 45 or name != "pelvis":
        left, right = centre - 24, centre + 24
        back = QRectF(left + 2, seat_top, right - left - 4, 50)
        if name != "pelvis":
            # Something rests on the seat: the backrest stands behind it, away from the body.
            away = 1.0 if centre >= pelvis.x else -1.0
            back = QRectF(right - 4 if away > 0 else left, seat_top, 4, 50)
    else:
        facing = 1.0 if points["knee_near"].x >= pelvis.x else -1.0
        near_edge = pelvis.x - facing * (point_radius("pelvis", yaw) + 3)
        far_edge = pelvis.x + facing * 26
        left, right = min(near_edge, far_edge), max(near_edge, far_edge)
        back_x = left if facing > 0 else right - 4
        back = QRectF(back_x, seat_top, 4, 50)
    seat = QRectF(left, seat_top - 4, right - left, 4)
    legs = [QRectF(left + 1, 0, 3.5, seat_top - 4), QRectF(right - 4.5, 0, 3.5, seat_top - 4)]
    return [back, seat, *legs]


def _bed(illustration: Illustration, points: Mapping[str, Placed]) -> list[QRectF]:
    yaw = illustration.view_yaw
    edge = points[anchor(illustration, Equipment.BED)]
    top = min(points[p].y - point_radius(p, yaw) for p in ("pelvis", "waist", "chest_top"))
    toward_head = 1.0 if points["head"].x >= edge.x else -1.0
    edge_x = edge.x - toward_head * 4
    end_x = points["head"].x + toward_head * 24
    left, right = min(edge_x, end_x), max(edge_x, end_x)
    mattress = QRectF(left, top - 11, right - left, 11)
    frame = QRectF(left, top - 16, right - left, 5)
    legs = [QRectF(left + 2, 0, 5, top - 16), QRectF(right - 7, 0, 5, top - 16)]
    return [mattress, frame, *legs]


def _wall(illustration: Illustration, points: Mapping[str, Placed], top: float) -> QRectF:
    yaw = illustration.view_yaw
    name = anchor(illustration, Equipment.WALL)
    touch = points[name]
    if touch.x >= points["pelvis"].x:
        x = touch.x + point_radius(name, yaw)
        return QRectF(x, 0, 10, top + 22)
    x = touch.x - point_radius(name, yaw)
    return QRectF(x - 10, 0, 10, top + 22)


def _doorway(illustration: Illustration, points: Mapping[str, Placed], top: float) -> list[QRectF]:
    yaw = illustration.view_yaw
    name = anchor(illustration, Equipment.DOORWAY)
    height = top + 20
    if yaw > 45:
        other = name.replace("_near", "_far") if name.endswith("_near") else name
        posts = []
        for side in (name, other):
            touch = points[side]
            outward = 1.0 if touch.x >= points["pelvis"].x else -1.0
            x = touch.x + outward * point_radius(side, yaw)
            posts.append(QRectF(x if outward > 0 else x - 9, 0, 9, height))
        left = min(p.left() for p in posts)
        right = max(p.right() for p in posts)
        return [*posts, QRectF(left, height - 9, right - left, 9)]
    touch = points[name]
    outward = 1.0 if touch.x >= points["pelvis"].x else -1.0
    x = touch.x + outward * point_radius(name, yaw)
    return [QRectF(x if outward > 0 else x - 9, 0, 9, height)]


def _towel_roll(illustration: Illustration, points: Mapping[str, Placed]) -> tuple[QPointF, float]:
    """A roll on the floor under the anchor point, as thick as the gap beneath the back there."""
    under = points[anchor(illustration, Equipment.TOWEL_ROLL)]
    back = under.y - point_radius("waist", illustration.view_yaw)
    radius = min(12.0, max(6.0, back / 2))
    return QPointF(under.x, radius), radius


def _pillow(illustration: Illustration, points: Mapping[str, Placed]) -> QRectF:
    name = anchor(illustration, Equipment.PILLOW)
    under = points[name]
    height = max(8.0, under.y)
    return QRectF(under.x - 21, 0, 42, height)


def prop_boxes(illustration: Illustration, start: Mapping[str, Placed]) -> list[QRectF]:
    """Rects (y-up) the still props take, for framing the picture."""
    _, _, top = _figure_extent(illustration)
    boxes: list[QRectF] = []
    props = illustration.props
    if Equipment.CHAIR in props:
        boxes += _chair(illustration, start)
    if Equipment.BED in props:
        boxes += _bed(illustration, start)
    if Equipment.WALL in props:
        boxes.append(_wall(illustration, start, top))
    if Equipment.DOORWAY in props:
        boxes += _doorway(illustration, start, top)
    return boxes


def arrow_lines(
    illustration: Illustration, points: Mapping[str, Placed]
) -> list[tuple[QPointF, QPointF]]:
    """(tail, head) of each movement arrow beside the body point it names.

    An arrow leaves the point in its direction; one that would run into the floor (pressing the
    head down into a pillow, say) arrives at the point from the other side instead.
    """
    lines = []
    for arrow in illustration.arrows:
        at = points[arrow.joint]
        gap = point_radius(arrow.joint, illustration.view_yaw) + 7
        ux, uy = math.cos(math.radians(arrow.direction)), math.sin(math.radians(arrow.direction))
        tail = QPointF(at.x + ux * gap, at.y + uy * gap)
        head = QPointF(tail.x() + ux * ARROW_LENGTH, tail.y() + uy * ARROW_LENGTH)
        if min(tail.y(), head.y()) < 0:
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
    """The floor across the whole rect, and the mat on it."""
    inverse, _ = transform.inverted()
    visible = inverse.mapRect(rect)
    surface = -floor_depth(illustration)
    ground = QRectF(visible.left(), visible.top(), visible.width(), surface - visible.top())
    painter.fillRect(ground, QColor(colors.floor))
    line = QPen(QColor(colors.floor_line), 0)
    line.setCosmetic(True)
    line.setWidthF(1.0)
    painter.setPen(line)
    painter.drawLine(QPointF(visible.left(), surface), QPointF(visible.right(), surface))
    if Equipment.MAT in illustration.props:
        left, right, _ = _figure_extent(illustration)
        mat = QRectF(left - 6, surface, right - left + 12, MAT_THICKNESS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.mat))
        painter.drawRoundedRect(mat, 1.6, 1.6)


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
    props = illustration.props
    top = box.bottom() - 22
    if Equipment.WALL in props:
        _solid(painter, "#d3d9e0", "#9aa5b1")
        painter.drawRect(_wall(illustration, start, top))
    if Equipment.DOORWAY in props:
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in _doorway(illustration, start, top):
            painter.drawRect(piece)
    if Equipment.CHAIR in props:
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in _chair(illustration, start):
            painter.drawRoundedRect(piece, 1.5, 1.5)
    if Equipment.BED in props:
        mattress, frame, *legs = _bed(illustration, start)
        _solid(painter, colors.furniture, colors.furniture_edge)
        for piece in (frame, *legs):
            painter.drawRect(piece)
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawRoundedRect(mattress, 3, 3)
    if Equipment.PILLOW in props:
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawRoundedRect(_pillow(illustration, start), 5, 5)
    if Equipment.TOWEL_ROLL in props:
        centre, radius = _towel_roll(illustration, start)
        _solid(painter, colors.soft, colors.soft_edge)
        painter.drawEllipse(centre, radius, radius)
        painter.drawEllipse(centre, radius * 0.45, radius * 0.45)


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
    if Equipment.STRAP not in illustration.props:
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
