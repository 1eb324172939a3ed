"""Where an exercise's props stand, worked out from the figure, without Qt.

Props are placed from the figure itself rather than from coordinates in the exercise file: the
chair seat goes under the pelvis, the bed edge at the hip, the wall against the hand. So a pose
can change without breaking its props, and an exercise file only says which props it uses (and,
rarely, which body point one sits against). Props that stay still are placed from the start
keyframe so they do not slide while the figure moves.

The geometry lives here, not in the painter, because two things need the same answer: the
painter that draws the props (coach/ui/props_painter.py) and the checks that refuse a pose
passing through a wall, a bed or a chair (coach/domain/figure_checks.py), which run without Qt.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from coach.domain.exercise import Equipment, Illustration, View
from coach.domain.figure import PARTS, Placed, bounds, figure_points, picture_points, radius_yaw

MAT_THICKNESS = 3.5

# What the cameras other than the side one (View.HEAD_END, View.TOP) draw: the mat, under
# the figure across the picture (or, from above, all round it). Everything else is laid out
# beside a body seen from the side, so an exercise file that asks for another prop with those
# cameras is refused.
LYING_VIEW_PROPS = frozenset({Equipment.MAT})

DEFAULT_ANCHOR: dict[Equipment, str] = {
    Equipment.CHAIR: "pelvis",
    Equipment.BED: "hip_near",
    Equipment.WALL: "hand_near",
    Equipment.DOORWAY: "hand_near",
    Equipment.STRAP: "ankle_near",
    Equipment.TOWEL_ROLL: "thorax",
    Equipment.PILLOW: "head",
    Equipment.STEP: "heel_near",
    Equipment.BAND: "hand_near",
}


@dataclass(frozen=True)
class Box:
    """An upright rectangle in picture units, y up: `bottom` is its lower edge."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def top(self) -> float:
        return self.bottom + self.height


@dataclass(frozen=True)
class Solid:
    """A piece of a prop the body must not pass through (`kind` names the prop)."""

    kind: Equipment
    box: Box


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


def mat(illustration: Illustration) -> Box:
    """The mat, a little larger than the figure over every keyframe: a thin strip on the floor
    seen from the side or the head end, a rectangle round the body seen from above."""
    left, right, top = figure_extent(illustration)
    if illustration.view != View.TOP:
        return Box(left - 6, -MAT_THICKNESS, right - left + 12, MAT_THICKNESS)
    yaw = radius_yaw(illustration)
    bottom = min(
        bounds(picture_points(illustration, frame), yaw)[1] for frame in illustration.keyframes
    )
    return Box(left - 6, bottom - 6, right - left + 12, top - bottom + 12)


def figure_extent(illustration: Illustration) -> tuple[float, float, float]:
    """(left, right, top) of the figure over every keyframe, in the camera's picture (the mat
    under it spans this from the other cameras too)."""
    left, right, top = math.inf, -math.inf, -math.inf
    yaw = radius_yaw(illustration)
    for frame in illustration.keyframes:
        fl, _, fr, ft = bounds(picture_points(illustration, frame), yaw)
        left, right, top = min(left, fl), max(right, fr), max(top, ft)
    return left, right, top


def chair(illustration: Illustration, points: Mapping[str, Placed]) -> list[Box]:
    """Backrest, seat and two legs.

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
        back = Box(left + 2, seat_top, right - left - 4, 50)
        if name != "pelvis":
            # Something rests on the seat: the backrest stands behind it, away from the body.
            away = 1.0 if centre >= pelvis.x else -1.0
            back = Box(right - 4 if away > 0 else left, seat_top, 4, 50)
    else:
        facing = 1.0 if points["knee_near"].x >= pelvis.x else -1.0
        near_edge = pelvis.x - facing * (point_radius("pelvis", yaw) + 3)
        far_edge = pelvis.x + facing * 18
        left, right = min(near_edge, far_edge), max(near_edge, far_edge)
        back_x = left if facing > 0 else right - 4
        back = Box(back_x, seat_top, 4, 50)
    seat = Box(left, seat_top - 4, right - left, 4)
    legs = [Box(left + 1, 0, 3.5, seat_top - 4), Box(right - 4.5, 0, 3.5, seat_top - 4)]
    return [back, seat, *legs]


def bed(illustration: Illustration, points: Mapping[str, Placed]) -> list[Box]:
    """Mattress, frame and two legs, under the trunk and ending at the anchor point: towards the
    head from a hip (legs over the edge), towards the feet from the chest (head over the end)."""
    yaw = illustration.view_yaw
    name = anchor(illustration, Equipment.BED)
    edge = points[name]
    top = min(points[p].y - point_radius(p, yaw) for p in ("pelvis", "waist", "chest_top"))
    if name in ("chest", "thorax", "neck_top"):
        # Head and neck over the end of the bed: the bed runs from there to the feet.
        toward_feet = 1.0 if points["heel_near"].x >= edge.x else -1.0
        edge_x = edge.x + toward_feet * 6
        end_x = points["heel_near"].x + toward_feet * 12
    else:
        toward_head = 1.0 if points["head"].x >= edge.x else -1.0
        edge_x = edge.x - toward_head * 4
        end_x = points["head"].x + toward_head * 24
    left, right = min(edge_x, end_x), max(edge_x, end_x)
    mattress = Box(left, top - 11, right - left, 11)
    frame = Box(left, top - 16, right - left, 5)
    legs = [Box(left + 2, 0, 5, top - 16), Box(right - 7, 0, 5, top - 16)]
    return [mattress, frame, *legs]


BELT_WIDTH = 7.0
_BELTED = ("pelvis", "waist")
_TRUNK = ("pelvis", "waist", "thorax", "chest", "neck_top", "head", "crown")


def wall(illustration: Illustration, points: Mapping[str, Placed], top: float) -> Box:
    """The wall just beyond the anchor point, on whichever side of the pelvis that point is;
    against a point of the trunk (a back on the wall) it stands behind the body."""
    yaw = illustration.view_yaw
    name = anchor(illustration, Equipment.WALL)
    touch = points[name]
    if name in _TRUNK:
        radius = max(point_radius(name, yaw), point_radius("chest_top", yaw))
        behind = points["face"].x < points["head"].x
        if behind:
            return Box(touch.x + radius, 0, 10, top + 22)
        return Box(touch.x - radius - 10, 0, 10, top + 22)
    if touch.x >= points["pelvis"].x:
        x = touch.x + point_radius(name, yaw)
        return Box(x, 0, 10, top + 22)
    x = touch.x - point_radius(name, yaw)
    return Box(x - 10, 0, 10, top + 22)


def doorway(illustration: Illustration, points: Mapping[str, Placed], top: float) -> list[Box]:
    """One door post beside the hand (side view), or both posts and the lintel (front view)."""
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
            posts.append(Box(x if outward > 0 else x - 9, 0, 9, height))
        left = min(p.left for p in posts)
        right = max(p.right for p in posts)
        return [*posts, Box(left, height - 9, right - left, 9)]
    touch = points[name]
    outward = 1.0 if touch.x >= points["pelvis"].x else -1.0
    x = touch.x + outward * point_radius(name, yaw)
    return [Box(x if outward > 0 else x - 9, 0, 9, height)]


def towel_roll(
    illustration: Illustration, points: Mapping[str, Placed]
) -> tuple[float, float, float]:
    """(x, y, radius) of a roll on the floor under the anchor point, as thick as the gap there."""
    under = points[anchor(illustration, Equipment.TOWEL_ROLL)]
    back = under.y - point_radius("waist", illustration.view_yaw)
    radius = min(12.0, max(6.0, back / 2))
    return under.x, radius, radius


def pillow(illustration: Illustration, points: Mapping[str, Placed]) -> Box:
    under = points[anchor(illustration, Equipment.PILLOW)]
    return Box(under.x - 21, 0, 42, max(8.0, under.y))


def step(illustration: Illustration, points: Mapping[str, Placed]) -> Box:
    """A step under the anchor foot, its top where the sole is."""
    side = "far" if anchor(illustration, Equipment.STEP).endswith("_far") else "near"
    yaw = illustration.view_yaw
    heel, toe = points[f"heel_{side}"], points[f"toe_{side}"]
    top = min(heel.y - point_radius(f"heel_{side}", yaw), toe.y - point_radius(f"toe_{side}", yaw))
    left, right = min(heel.x, toe.x) - 3, max(heel.x, toe.x) + 10
    return Box(left, 0, right - left, max(4.0, top))


def belt(illustration: Illustration, points: Mapping[str, Placed]) -> Box | None:
    """A strap placed at the pelvis or the waist is a belt holding the body down (the press-up
    with a belt), fastened to the floor on both sides. Seen from the side it is a band from
    the floor up over the body at that point; None when the strap is held in the hands."""
    name = anchor(illustration, Equipment.STRAP)
    if name not in _BELTED:
        return None
    at = points[name]
    over = at.y + point_radius(name, illustration.view_yaw) + BELT_WIDTH / 2
    bottom = -floor_depth(illustration)
    return Box(at.x - BELT_WIDTH / 2, bottom, BELT_WIDTH, over - bottom)


def band_anchor(illustration: Illustration, points: Mapping[str, Placed]) -> tuple[float, float]:
    """Where the band is tied: ahead of the hand it is held in at the start, at that height."""
    hand = points[anchor(illustration, Equipment.BAND)]
    ahead = 1.0 if points["face"].x >= points["head"].x else -1.0
    return hand.x + ahead * 45.0, hand.y


def start_points(illustration: Illustration) -> dict[str, Placed]:
    return figure_points(illustration.keyframe(illustration.start), illustration.view_yaw)


def still_boxes(illustration: Illustration, start: Mapping[str, Placed]) -> list[Box]:
    """Every box the still props take, for framing the picture."""
    _, _, top = figure_extent(illustration)
    props = illustration.props
    out: list[Box] = []
    if Equipment.CHAIR in props:
        out += chair(illustration, start)
    if Equipment.BED in props:
        out += bed(illustration, start)
    if Equipment.WALL in props:
        out.append(wall(illustration, start, top))
    if Equipment.DOORWAY in props:
        out += doorway(illustration, start, top)
    if Equipment.STEP in props:
        out.append(step(illustration, start))
    if Equipment.BAND in props:
        x, y = band_anchor(illustration, start)
        out.append(Box(x - 3, y - 3, 6, 6))
    return out


def solids(illustration: Illustration, start: Mapping[str, Placed] | None = None) -> list[Solid]:
    """The still props' pieces, placed from the start pose, that the body may rest on or lean
    against but not pass through.

    Only pieces in the body's own plane count: chair and bed legs stand beside the body, and
    seen from the front or three-quarters a chair is behind the body, and a door post is beside
    it unless seen square from the front (an arm pressed on a post's face crosses it from three
    quarters), so a limb drawn across them is in front, not through.
    """
    points = start if start is not None else start_points(illustration)
    _, _, top = figure_extent(illustration)
    props = illustration.props
    side_view = illustration.view_yaw <= 45
    out: list[Solid] = []
    if Equipment.CHAIR in props and side_view:
        back, seat, *_ = chair(illustration, points)
        out.append(Solid(Equipment.CHAIR, seat))
        if anchor(illustration, Equipment.CHAIR) == "pelvis":
            out.append(Solid(Equipment.CHAIR, back))
    if Equipment.BED in props:
        mattress, frame, *_ = bed(illustration, points)
        out += [Solid(Equipment.BED, mattress), Solid(Equipment.BED, frame)]
    if Equipment.WALL in props:
        out.append(Solid(Equipment.WALL, wall(illustration, points, top)))
    if Equipment.DOORWAY in props and illustration.view_yaw >= 80:
        out += [Solid(Equipment.DOORWAY, box) for box in doorway(illustration, points, top)]
    if Equipment.STEP in props:
        out.append(Solid(Equipment.STEP, step(illustration, points)))
    return out
