"""Draws an exercise's figure with QPainter, the same way on screen, on paper and in files.

The pose comes from coach.domain.figure; this module only decides how it looks: a pictogram of
filled rounded limbs and a round head whose face side is shaded (with the nose and the eyes
that are in sight) so turns, nods and tilts read; the limbs nearer the viewer in a dark shade
and the far ones in a light shade, each limb ringed by a thin paper-coloured halo so
overlapping parts stay readable at thumbnail size (about 120 px). Props and movement arrows
come from props_painter.

The drawing is framed on all of an illustration's keyframes, so an animation keeps one scale and
the floor stays put while the figure moves. Everything is drawn in figure units under one
QTransform, so screen widgets, QPdfWriter/QPrinter pages, QImage and QSvgGenerator all get
the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from coach.domain.exercise import Equipment, Illustration, Keyframe, Phase, View
from coach.domain.figure import (
    CHAINS,
    HEAD_RADIUS,
    PARTS,
    Part,
    Placed,
    between,
    bounds,
    figure_points,
    picture_points,
    pose_for,
    radius_yaw,
)
from coach.domain.props import floor_depth
from coach.ui import props_painter

# Figure-unit widths; about 0.6 px each at 120 px.
HALO = 2.2
EMPHASIS = 1.6  # the accent outline round a moving part
MARGIN = 0.06  # of the rect, on every side


@dataclass(frozen=True)
class FigureColors:
    """The palette; the defaults keep contrast on white paper and in greyscale print."""

    near: str = "#1d5f8f"
    far: str = "#8fb6d3"
    paper: str = "#ffffff"
    floor: str = "#e8ecf0"
    floor_line: str = "#a7b1bb"
    mat: str = "#8cc0a6"
    furniture: str = "#c9b59c"
    furniture_edge: str = "#8f7a60"
    soft: str = "#dfe5ee"  # pillow and towel roll
    soft_edge: str = "#9aa7b8"
    strap: str = "#7b4fa0"
    arrow: str = "#d2691e"
    face: str = "#c7dcec"  # the face side of the head, light enough to show the eyes


DEFAULT_COLORS = FigureColors()

PoseChoice = Keyframe | str | float | None


def resolve_pose(illustration: Illustration, pose: PoseChoice) -> Keyframe:
    """A keyframe for what the caller asked: a pose, a keyframe name, or progress 0..1 from the
    start keyframe to the end one; None is the start keyframe."""
    if isinstance(pose, Keyframe):
        return pose
    if isinstance(pose, str):
        return illustration.keyframe(pose)
    if pose is None:
        return illustration.keyframe(illustration.start)
    return pose_for(illustration, Phase.MOVE, float(pose))


def scene_box(illustration: Illustration, with_arrows: bool = True) -> QRectF:
    """The area in figure units (y up) that every keyframe, prop and arrow fits in."""
    yaw = radius_yaw(illustration)
    # From the side or the head end the floor is at the bottom; from above the mat is round it.
    from_above = illustration.view == View.TOP
    bottom = math.inf if from_above else -floor_depth(illustration)
    left, right, top = math.inf, -math.inf, 0.0
    frames = list(illustration.keyframes)
    # Mid-way poses can reach beyond both ends (an arm sweeping overhead).
    start = illustration.keyframe(illustration.start)
    end = illustration.keyframe(illustration.end)
    frames.append(between(illustration, start, end, 0.5))
    for frame in frames:
        points = picture_points(illustration, frame)
        fl, fb, fr, ft = bounds(points, yaw)
        left, right, top = min(left, fl), max(right, fr), max(top, ft)
        if from_above:
            bottom = min(bottom, fb)
        if with_arrows:
            for tail, head in props_painter.arrow_lines(illustration, points):
                for p in (tail, head):
                    left, right = min(left, p.x() - 6), max(right, p.x() + 6)
                    top = max(top, p.y() + 6)
                    bottom = min(bottom, p.y() - 6)
    # Props are laid out in the side picture (the other cameras show only the mat, props.py).
    start_points = figure_points(start, illustration.view_yaw)
    boxes = props_painter.prop_boxes(illustration, start_points)
    if from_above and Equipment.MAT in illustration.props:
        boxes.append(props_painter.mat_rect(illustration))
    for box in boxes:
        bottom = min(bottom, box.top())  # QRectF in y-up units: top() is the smaller y
        left, right = min(left, box.left()), max(right, box.right())
        top = max(top, box.bottom())  # QRectF in y-up units: bottom() is the larger y
    return QRectF(left, bottom, right - left, top - bottom)


def figure_transform(rect: QRectF, box: QRectF, mirrored: bool) -> QTransform:
    """Figure units (y up) to device units, fitted into rect and centred."""
    inner = rect.adjusted(
        rect.width() * MARGIN,
        rect.height() * MARGIN,
        -rect.width() * MARGIN,
        -rect.height() * MARGIN,
    )
    scale = min(inner.width() / box.width(), inner.height() / box.height())
    centre_x = box.center().x()
    # Spare height goes mostly above the figure, so the floor stays near the bottom.
    spare = inner.height() / scale - box.height()
    centre_y = box.center().y() + spare * 0.2
    transform = QTransform()
    transform.translate(inner.center().x(), inner.center().y())
    transform.scale(-scale if mirrored else scale, -scale)
    transform.translate(-centre_x, -centre_y)
    return transform


def paint_figure(
    painter: QPainter,
    rect: QRectF,
    illustration: Illustration,
    pose: PoseChoice = None,
    *,
    mirrored: bool = False,
    show_props: bool = True,
    show_arrows: bool = True,
    reverse_arrows: bool = False,
    fill_background: bool = True,
    colors: FigureColors = DEFAULT_COLORS,
) -> None:
    """Draw `illustration` in `pose` (see resolve_pose) fitted into `rect`.

    mirrored draws the other side of a one-sided exercise (the picture flipped left to right).
    reverse_arrows points the movement arrows back along their path, for coming back.
    The painter's state is restored afterwards, so callers can draw labels around the figure.
    """
    frame = resolve_pose(illustration, pose)
    yaw = radius_yaw(illustration)
    points = picture_points(illustration, frame)
    start_points = figure_points(illustration.keyframe(illustration.start), illustration.view_yaw)
    box = scene_box(illustration, show_arrows)

    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(rect)
        if fill_background:
            painter.fillRect(rect, QColor(colors.paper))
        transform = figure_transform(rect, box, mirrored)
        painter.setTransform(transform, True)
        props_painter.paint_ground(painter, illustration, rect, transform, colors)
        if show_props:
            props_painter.paint_props_behind(painter, illustration, start_points, box, colors)
        _paint_body(painter, points, yaw, colors, illustration.emphasis)
        if show_props:
            props_painter.paint_props_in_front(painter, illustration, points, colors)
        if show_arrows:
            props_painter.paint_arrows(
                painter, illustration, points, colors, reverse=reverse_arrows
            )
    finally:
        painter.restore()


# --- the body ----------------------------------------------------------------------------------

_PART_BY_NAME: dict[str, Part] = {part.name: part for part in PARTS}


def _capsule(a: Placed, b: Placed, ra: float, rb: float) -> QPainterPath:
    """A limb: the outline hugging a circle at each end (one closed polygon, so halos and
    fills never cancel out where the pieces would overlap)."""
    path = QPainterPath()
    distance = math.hypot(b.x - a.x, b.y - a.y)
    if distance <= abs(ra - rb) + 1e-6:
        centre, radius = (a, ra) if ra >= rb else (b, rb)
        path.addEllipse(QPointF(centre.x, centre.y), radius, radius)
        return path
    heading = math.atan2(b.y - a.y, b.x - a.x)
    spread = math.acos((ra - rb) / distance)
    outline = []
    # Round the far end of b from one tangent to the other, then round the back of a.
    for centre, radius, first, last in (
        (b, rb, heading - spread, heading + spread),
        (a, ra, heading + spread, heading + 2 * math.pi - spread),
    ):
        steps = max(4, int((last - first) / (math.pi / 16)))
        for i in range(steps + 1):
            angle = first + (last - first) * i / steps
            outline.append(
                QPointF(centre.x + radius * math.cos(angle), centre.y + radius * math.sin(angle))
            )
    path.addPolygon(QPolygonF(outline))
    path.closeSubpath()
    return path


def _chain_depth(names: tuple[str, ...], points: Mapping[str, Placed]) -> float:
    depths = []
    for name in names:
        part = _PART_BY_NAME[name]
        depths += [points[part.a].depth, points[part.b].depth]
    return sum(depths) / len(depths)


def _face_path(points: Mapping[str, Placed]) -> QPainterPath:
    """The half of the head the face is on, as seen: a moon phase of the head's disc.

    The face hemisphere's rim is a great circle; seen from the camera it is an ellipse as wide as
    the head and as deep as the face is turned towards (or away from) the viewer. So the light
    part is a half disc on the side the face looks to, plus (face towards the viewer) or minus
    (face away) half of that ellipse: a turn, a nod or a tilt all change it at thumbnail size.
    """
    centre, face = points["head"], points["face"]
    fx, fy, fd = (
        (face.x - centre.x) / HEAD_RADIUS,
        (face.y - centre.y) / HEAD_RADIUS,
        (face.depth - centre.depth) / HEAD_RADIUS,
    )
    path = QPainterPath()
    across = math.hypot(fx, fy)
    if across < 0.05:
        if fd > 0:
            path.addEllipse(QPointF(centre.x, centre.y), HEAD_RADIUS, HEAD_RADIUS)
        return path
    ax, ay = fx / across, fy / across  # towards the face, in the picture
    bx, by = -ay, ax
    outline = []
    for i in range(17):
        t = math.radians(-90 + 180 * i / 16)
        c, s = math.cos(t), math.sin(t)
        outline.append(
            QPointF(
                centre.x + HEAD_RADIUS * (c * ax + s * bx),
                centre.y + HEAD_RADIUS * (c * ay + s * by),
            )
        )
    for i in range(17):
        t = math.radians(90 - 180 * i / 16)
        c, s = -fd * math.cos(t), math.sin(t)
        outline.append(
            QPointF(
                centre.x + HEAD_RADIUS * (c * ax + s * bx),
                centre.y + HEAD_RADIUS * (c * ay + s * by),
            )
        )
    path.addPolygon(QPolygonF(outline))
    path.closeSubpath()
    return path


def _paint_face(painter: QPainter, points: Mapping[str, Placed], colors: FigureColors) -> None:
    """The face side of the head in a light tint, the nose on it and the eyes that are seen."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(colors.face)))
    painter.drawPath(_face_path(points))
    centre = points["head"]
    nose = points["nose"]
    if nose.depth >= centre.depth - HEAD_RADIUS * 0.3:
        painter.drawEllipse(QPointF(nose.x, nose.y), 2.4, 2.4)
    painter.setBrush(QBrush(QColor(colors.near)))
    for side in ("near", "far"):
        eye = points[f"eye_{side}"]
        if eye.depth > centre.depth + 1.0:
            painter.drawEllipse(QPointF(eye.x, eye.y), 1.5, 1.5)


def _paint_body(
    painter: QPainter,
    points: Mapping[str, Placed],
    yaw: float,
    colors: FigureColors,
    emphasis: tuple[str, ...] = (),
) -> None:
    chains = []
    for chain, names in CHAINS.items():
        depth = _chain_depth(names, points)
        # On ties (front views) the trunk goes behind the limbs and the head in front.
        bias = {"trunk": -0.5, "head": 0.5}.get(chain, 0.0)
        chains.append((depth + bias, chain, names))
    halo = QPen(QColor(colors.paper), HALO * 2)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for _, chain, names in sorted(chains):
        shade = colors.far if chain.endswith("_far") else colors.near
        paths = []
        for name in names:
            part = _PART_BY_NAME[name]
            ra, rb = part.radii(yaw)
            paths.append(_capsule(points[part.a], points[part.b], ra, rb))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(halo)
        for path in paths:
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(shade)))
        for path in paths:
            painter.drawPath(path)
        if chain == "head":
            _paint_face(painter, points, colors)
        if chain in emphasis:
            accent = QPen(QColor(colors.arrow), EMPHASIS)
            accent.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(accent)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            outline = QPainterPath()
            for path in paths:
                outline = outline.united(path)
            painter.drawPath(outline)
