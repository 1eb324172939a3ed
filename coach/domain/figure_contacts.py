"""Contacts: a hand on the floor, a foot on a chair, hands round a knee, solved rather than
guessed.

Hand-placed joint angles leave a hand hovering a few units above the mat, and nobody sees it
until a therapist looks at a contact sheet. A keyframe instead declares its contacts (which point
touches what) and this module bends the limb that ends at that point until it touches: a
two-bone inverse kinematics solve over the limb's two hinge angles (shoulder and elbow, or hip
and knee; seen from the front, the sideways swing of the shoulder or hip instead), starting
from the author's angles and changing them as little as it can, within the human ranges of
coach.domain.figure.JOINTS. A contact solved "by root" moves the whole figure instead (the
knees of someone on all fours onto the mat). The checks in figure_checks.py then
measure every contact, so one the solver cannot reach is reported, not drawn.

Targets are in the picture plane, where the drawing is judged: a point on the floor rests its
surface on the floor (or the top of the mat, which is at the same height: y = 0); on a wall,
its surface against the wall's face; on a chair or a bed, on the seat or the mattress; on
another body point, the two surfaces just touching. Seen from the head end or from above (View),
heights are the same as from the side, so the floor and the props are judged in the side
picture, and only two body points touching each other in the picture the camera shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from coach.domain.exercise import Contact, Equipment, Illustration, Keyframe, View
from coach.domain.figure import JOINTS, Placed, figure_points, picture_points, radius_yaw
from coach.domain.props import Box, Solid, point_radius, solids

FLOOR = "floor"
# How far into each other two touching body surfaces sit (soft tissue), as a share of the sum.
SQUEEZE = 0.15

# The hinges that move each point that can touch something (the point's side is added).
_LIMB_JOINTS: dict[str, tuple[str, ...]] = {
    "hand": ("shoulder", "elbow"),
    "wrist": ("shoulder", "elbow"),
    "elbow": ("shoulder",),
    "heel": ("hip", "knee"),
    "toe": ("hip", "knee"),
    "ankle": ("hip", "knee"),
    "knee": ("hip",),
}
PROP_TARGETS = {Equipment.WALL, Equipment.CHAIR, Equipment.BED, Equipment.DOORWAY, Equipment.STEP}


# Seen from the front the picture plane holds the limbs' sideways swing, not their forward one.
_FRONT_SWING = {"shoulder": "shoulder_abd", "hip": "hip_abd"}


def limb_joints(point: str, view_yaw: float = 0.0, view: View = View.SIDE) -> tuple[str, ...]:
    """The joint names the solver may change to move `point`; empty if it cannot. The head-end
    and the top cameras look across a body lying down, where either swing may be the one that
    moves the point in the picture (forwards for an arm raised off the floor, sideways for one
    lifted out to the side), so both are offered and the least-squares step shares the change
    between them."""
    base, _, side = point.rpartition("_")
    if side not in ("near", "far"):
        return ()
    names = _LIMB_JOINTS.get(base, ())
    if view != View.SIDE:
        names = tuple(s for n in names for s in dict.fromkeys((n, _FRONT_SWING.get(n, n))))
    elif 45.0 < view_yaw < 135.0:
        names = tuple(_FRONT_SWING.get(n, n) for n in names)
    return tuple(f"{j}_{side}" for j in names)


def is_prop(target: str) -> bool:
    return target in {e.value for e in PROP_TARGETS}


def judged_in(
    contact: Contact, frame: Keyframe, illustration: Illustration
) -> tuple[dict[str, Placed], float]:
    """The points a contact is judged with, and the view_yaw of their thickness: the side
    picture for the floor and the props (heights are the same from every camera), the camera's
    own picture for two body points touching."""
    if contact.on == FLOOR or is_prop(contact.on):
        return figure_points(frame, illustration.view_yaw), illustration.view_yaw
    return picture_points(illustration, frame), radius_yaw(illustration)


def target(
    contact: Contact,
    points: Mapping[str, Placed],
    yaw: float,
    still: list[Solid],
) -> tuple[float | None, float | None]:
    """Where the contact point's centre must be: (x, y), None where that coordinate is free;
    `points` and `yaw` are those judged_in gives."""
    at = points[contact.point]
    radius = point_radius(contact.point, yaw)
    if contact.on == FLOOR:
        return None, radius  # the floor, or the top of the mat lying on it, is y = 0
    if is_prop(contact.on):
        kind = Equipment(contact.on)
        boxes = [s.box for s in still if s.kind == kind]
        if not boxes:
            return None, None
        if kind in (Equipment.CHAIR, Equipment.BED, Equipment.STEP):
            surface = _surface_under(boxes, at.x)
            return None, surface + radius
        face = _nearest_face(boxes, at.x, points["pelvis"].x)
        return face - math.copysign(radius, face - points["pelvis"].x), None
    other = points[contact.on]
    reach = (radius + point_radius(contact.on, yaw)) * (1.0 - SQUEEZE)
    dx, dy = at.x - other.x, at.y - other.y
    length = math.hypot(dx, dy) or 1.0
    return other.x + dx / length * reach, other.y + dy / length * reach


def _surface_under(boxes: list[Box], x: float) -> float:
    """The top of the highest horizontal piece (seat, mattress) under x, else the highest."""
    flat = [b for b in boxes if b.width > b.height]
    under = [b for b in flat if b.left - 4 <= x <= b.right + 4] or flat or boxes
    return max(b.top for b in under)


def _nearest_face(boxes: list[Box], x: float, body_x: float) -> float:
    """The upright face (wall, door post) on the body's side nearest to x."""
    faces = [b.left if b.left >= body_x else b.right for b in boxes if b.height >= b.width]
    return min(faces or [x], key=lambda f: abs(f - x))


def _residual(
    contact: Contact, frame: Keyframe, illustration: Illustration, still: list[Solid]
) -> list[float]:
    points, yaw = judged_in(contact, frame, illustration)
    tx, ty = target(contact, points, yaw, still)
    at = points[contact.point]
    return [v - a for v, a in ((tx, at.x), (ty, at.y)) if v is not None]


def gap(contact: Contact, frame: Keyframe, illustration: Illustration, still: list[Solid]) -> float:
    """How far (figure units) the contact point is from touching; 0 is touching."""
    return math.hypot(*_residual(contact, frame, illustration, still), 0.0)


def _clamped(joints: dict[str, float], name: str, value: float) -> None:
    limits = JOINTS[name]
    joints[name] = min(limits.high, max(limits.low, value))


def _solve_limb(
    contact: Contact, frame: Keyframe, illustration: Illustration, still: list[Solid]
) -> Keyframe:
    """Damped least squares over the limb's hinges: the smallest change of angles that puts
    the point where it touches."""
    names = limb_joints(contact.point, illustration.view_yaw, illustration.view)
    if not names:
        return frame
    for _ in range(100):
        r = _residual(contact, frame, illustration, still)
        if not r or math.hypot(*r) < 0.05:
            break
        jac: list[list[float]] = [[0.0] * len(names) for _ in r]
        for column, name in enumerate(names):
            nudged = dict(frame.joints)
            nudged[name] = frame.joints.get(name, 0.0) + 0.5
            moved = _residual(contact, replace(frame, joints=nudged), illustration, still)
            for row in range(len(r)):
                # The residual is target - point, so the point's motion is its negative.
                jac[row][column] = (r[row] - moved[row]) / 0.5
        step = _damped_step(jac, r, damping=0.3)
        joints = dict(frame.joints)
        for name, delta in zip(names, step, strict=True):
            _clamped(joints, name, joints.get(name, 0.0) + max(-10.0, min(10.0, delta)))
        frame = replace(frame, joints={k: round(v, 2) for k, v in joints.items()})
    return frame


def _damped_step(jac: list[list[float]], r: list[float], damping: float) -> list[float]:
    """J^T (J J^T + d^2 I)^-1 r for one or two residual rows."""
    cols = len(jac[0])
    jjt = [
        [sum(jac[i][k] * jac[j][k] for k in range(cols)) for j in range(len(r))]
        for i in range(len(r))
    ]
    for i in range(len(r)):
        jjt[i][i] += damping * damping
    if len(r) == 1:
        solved = [r[0] / jjt[0][0]]
    else:
        (a, b), (c, d) = jjt
        det = a * d - b * c
        solved = [(d * r[0] - b * r[1]) / det, (-c * r[0] + a * r[1]) / det]
    return [sum(jac[i][k] * solved[i] for i in range(len(r))) for k in range(cols)]


def _solve_root(
    contact: Contact, frame: Keyframe, illustration: Illustration, still: list[Solid]
) -> Keyframe:
    points, yaw = judged_in(contact, frame, illustration)
    tx, ty = target(contact, points, yaw, still)
    at = points[contact.point]
    x, y = frame.root
    return replace(
        frame,
        root=(
            round(x + (tx - at.x if tx is not None else 0.0), 2),
            round(y + (ty - at.y if ty is not None else 0.0), 2),
        ),
    )


def solve_frame(
    frame: Keyframe, illustration: Illustration, still: list[Solid], props: bool
) -> Keyframe:
    """The keyframe with its contacts solved in order (root moves first, then limbs); only the
    prop contacts when `props`, only the others when not."""
    ordered = sorted(frame.contacts, key=lambda c: c.by != "root")
    for contact in ordered:
        if is_prop(contact.on) != props:
            continue
        if contact.by == "root":
            frame = _solve_root(contact, frame, illustration, still)
        else:
            frame = _solve_limb(contact, frame, illustration, still)
    return frame


def solved(illustration: Illustration) -> Illustration:
    """The illustration with every keyframe's contacts touching.

    Floor and body contacts first; then the still props are placed from the solved start pose
    and the contacts with them solved, so a wall stands where the start pose touches it and
    every other keyframe reaches that same wall.
    """
    if not any(frame.contacts for frame in illustration.keyframes):
        return illustration
    first = replace(
        illustration,
        keyframes=tuple(
            solve_frame(f, illustration, [], props=False) for f in illustration.keyframes
        ),
    )
    still = solids(first)
    return replace(
        first,
        keyframes=tuple(solve_frame(f, first, still, props=True) for f in first.keyframes),
    )
