"""Where it hurts: a front and a back body outline whose regions toggle when clicked.

Drawn in the pictogram style of the exercise figure (figure_painter): filled rounded shapes,
each ringed by a thin paper-coloured halo so neighbouring regions stay distinct. Regions are
the domain's BODY_REGIONS; a region drawn on both views (an arm, a foot) is one region, so
clicking it on either view selects it on both.

The front view shows the person facing us, so their left is on our right; both views are
labelled "Left" and "Right" from the person's point of view to avoid that classic slip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.domain.diary import REGIONS_BY_KEY
from coach.ui.figure_painter import DEFAULT_COLORS, HALO

FIGURE_W = 100.0
FIGURE_H = 260.0
CAPTION_H = 22.0
FOOT_H = 20.0
GAP = 24.0
SCENE_W = 2 * FIGURE_W + GAP
SCENE_H = CAPTION_H + FIGURE_H + FOOT_H

REGION_FILL = DEFAULT_COLORS.far
NEUTRAL_FILL = DEFAULT_COLORS.soft
HOVER_FILL = "#5b8fb9"
SELECTED_FILL = DEFAULT_COLORS.arrow
SELECTED_EDGE = "#7a3a0c"
CAPTION_INK = "#1f2933"


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True)
class Shape:
    view: View
    key: str | None  # None: drawn for shape only (head, chest), not clickable
    path: QPainterPath


def _capsule(ax: float, ay: float, bx: float, by: float, radius: float) -> QPainterPath:
    line = QPainterPath(QPointF(ax, ay))
    line.lineTo(bx, by)
    stroker = QPainterPathStroker()
    stroker.setWidth(radius * 2)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    return stroker.createStroke(line).simplified()


def _circle(cx: float, cy: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), radius, radius)
    return path


def _cell(outline: QPainterPath, x0: float, y0: float, x1: float, y1: float) -> QPainterPath:
    box = QPainterPath()
    box.addRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    return outline.intersected(box)


def _mirror(path: QPainterPath) -> QPainterPath:
    return QTransform(-1, 0, 0, 1, FIGURE_W, 0).map(path)


def _trunk() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(27, 44, 46, 98), 12, 12)
    return path


def _limbs(near: str, view: View) -> list[tuple[str, QPainterPath]]:
    """Arm and leg shapes on the viewer's left, for the side called `near` on this view."""
    thigh = "thigh_back" if view is View.BACK else "thigh_front"
    leg = [
        (f"{near}_{thigh}", _capsule(39, 150, 38, 186, 10)),
        (f"{near}_knee", _capsule(38, 196, 38, 199, 8.5)),
        (
            f"{near}_{'calf' if view is View.BACK else 'shin'}",
            _capsule(38, 212, 37, 234, 7.5),
        ),
        (f"{near}_foot", _capsule(37, 246, 35 if view is View.FRONT else 37, 251, 6.5)),
    ]
    arm = [
        (f"{near}_upper_arm", _capsule(20, 62, 16, 94, 6.5)),
        (f"{near}_forearm", _capsule(15.5, 106, 12, 130, 5.5)),
        (f"{near}_hand", _capsule(11.5, 142, 10.5, 150, 6)),
        (f"{near}_shoulder", _circle(25, 51, 9)),
    ]
    return leg + arm


def _view_shapes(view: View) -> list[Shape]:
    near, far = ("left", "right") if view is View.BACK else ("right", "left")
    trunk = _trunk()
    neck = QPainterPath()
    neck.addRoundedRect(QRectF(36, 26, 28, 20), 6, 6)
    head = Shape(view, None, _circle(50, 16, 13))
    shapes: list[Shape] = []
    if view is View.BACK:
        shapes += [
            Shape(view, "left_neck", _cell(neck, 36, 20, 45.5, 50)),
            Shape(view, "neck", _cell(neck, 45.5, 20, 54.5, 50)),
            Shape(view, "right_neck", _cell(neck, 54.5, 20, 64, 50)),
            head,
        ]
        for key, top, bottom in (("shoulder_blade", 44, 88), ("low_back", 88, 116)):
            central = "upper_back" if key == "shoulder_blade" else "low_back"
            shapes += [
                Shape(view, f"left_{key}", _cell(trunk, 20, top, 41, bottom)),
                Shape(view, central, _cell(trunk, 41, top, 59, bottom)),
                Shape(view, f"right_{key}", _cell(trunk, 59, top, 80, bottom)),
            ]
        shapes += [
            Shape(view, "left_buttock", _cell(trunk, 20, 116, 50, 150)),
            Shape(view, "right_buttock", _cell(trunk, 50, 116, 80, 150)),
        ]
    else:
        shapes += [
            Shape(view, "neck", neck),
            head,
            Shape(view, None, _cell(trunk, 20, 44, 80, 116)),
            Shape(view, "right_hip", _cell(trunk, 20, 116, 50, 150)),
            Shape(view, "left_hip", _cell(trunk, 50, 116, 80, 150)),
        ]
    for key, path in _limbs(near, view):
        shapes.append(Shape(view, key, path))
        shapes.append(Shape(view, key.replace(near, far, 1), _mirror(path)))
    return shapes


SHAPES: tuple[Shape, ...] = (*_view_shapes(View.FRONT), *_view_shapes(View.BACK))
_ORIGINS = {View.FRONT: QPointF(0, CAPTION_H), View.BACK: QPointF(FIGURE_W + GAP, CAPTION_H)}


class BodyMap(QWidget):
    """Click regions to mark where it hurts; `regions()` lists the marked keys."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: set[str] = set()
        self._hover: str | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(260, 380)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body map: click where it hurts")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(400, 520)

    def regions(self) -> tuple[str, ...]:
        return tuple(sorted(self._selected))

    def set_regions(self, keys: Iterable[str]) -> None:
        self._selected = {key for key in keys if key in REGIONS_BY_KEY}
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self.set_regions(())

    def _transform(self) -> QTransform:
        scale = min(self.width() / SCENE_W, self.height() / SCENE_H)
        dx = (self.width() - SCENE_W * scale) / 2
        dy = (self.height() - SCENE_H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def _scene_path(self, shape: Shape) -> QPainterPath:
        origin = _ORIGINS[shape.view]
        return QTransform.fromTranslate(origin.x(), origin.y()).map(shape.path)

    def region_at(self, point: QPointF) -> str | None:
        inverse, _ = self._transform().inverted()
        scene = inverse.map(point)
        for shape in reversed(SHAPES):
            if self._scene_path(shape).contains(scene):
                return shape.key
        return None

    def point_of(self, key: str, view: View | None = None) -> QPoint:
        """Where region `key` is drawn, in widget coordinates (for tests and tooltips)."""
        for shape in SHAPES:
            if shape.key == key and view in (None, shape.view):
                centre = self._scene_path(shape).boundingRect().center()
                return self._transform().map(centre).toPoint()
        raise KeyError(key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.region_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setToolTip(REGIONS_BY_KEY[hover].label if hover else "")
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        key = self.region_at(event.position())
        if key is None:
            return
        self._selected ^= {key}
        self.update()
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._transform()
        painter.setTransform(transform)
        halo = QPen(QColor(DEFAULT_COLORS.paper), HALO / 2)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        edge = QPen(QColor(SELECTED_EDGE), 1.6)
        for shape in SHAPES:
            path = self._scene_path(shape)
            if shape.key is None:
                fill = NEUTRAL_FILL
            elif shape.key in self._selected:
                fill = SELECTED_FILL
            elif shape.key == self._hover:
                fill = HOVER_FILL
            else:
                fill = REGION_FILL
            painter.setBrush(QBrush(QColor(fill)))
            painter.setPen(edge if shape.key in self._selected else halo)
            painter.drawPath(path)
        painter.resetTransform()
        self._paint_captions(painter, transform)
        painter.end()

    def _paint_captions(self, painter: QPainter, transform: QTransform) -> None:
        painter.setPen(QColor(CAPTION_INK))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        for view, title in ((View.FRONT, "Front"), (View.BACK, "Back")):
            origin = _ORIGINS[view]
            top = transform.mapRect(QRectF(origin.x(), 0, FIGURE_W, CAPTION_H))
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, title)
        font.setBold(False)
        painter.setFont(font)
        for view in View:
            origin = _ORIGINS[view]
            # The person's own left and right: mirrored on the front view.
            first, second = ("Right", "Left") if view is View.FRONT else ("Left", "Right")
            y = CAPTION_H + FIGURE_H
            left_box = transform.mapRect(QRectF(origin.x(), y, FIGURE_W / 2, FOOT_H))
            right_box = transform.mapRect(
                QRectF(origin.x() + FIGURE_W / 2, y, FIGURE_W / 2, FOOT_H)
            )
            painter.drawText(left_box, Qt.AlignmentFlag.AlignCenter, first)
            painter.drawText(right_box, Qt.AlignmentFlag.AlignCenter, second)
