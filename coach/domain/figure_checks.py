"""Checks that an exercise's pictures show what they claim, run over the whole library.

A therapist found hands hovering above the mat, a body through the wall, two frames that look
the same and two exercises with the same pictures. Each is a measurable fact about the poses,
so each has a check here, returning findings (what, where, by how much) rather than sentences;
the tests run them over every keyframe of every shipped exercise and over planted bad poses.

All measures are in figure units (about a centimetre of an adult; a 120 px thumbnail shows about
0.6 px per unit), in the picture plane, where the drawing is judged: frames and arrows in the
picture the illustration's camera shows; the floor and the props by height, which every camera
shares, in the side picture where the props are laid out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coach.domain.exercise import Exercise, Illustration, Keyframe
from coach.domain.figure import (
    CHAINS,
    PARTS,
    POINTS,
    Placed,
    Vec,
    body_points,
    figure_points,
    picture_points,
)
from coach.domain.figure_contacts import gap
from coach.domain.props import Box, solids

CONTACT_TOLERANCE = 1.5  # a contact this close is touching
PENETRATION_TOLERANCE = 2.5  # soft tissue and rounding: deeper than this is through
VISIBLE_CHANGE = 6.0  # two frames differ when some point moves this far (about 4 px at 120 px)
SAME_PICTURE = 3.0  # two frames are the same picture when no point moves this far
ARROW_SLACK = 80.0  # degrees between an arrow and the way its point really moves
STILL = 3.0  # a point that moves less than this between start and end does not move


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one keyframe (or pair of them): `kind`, where, and a measure."""

    kind: str  # "contact", "floor", "prop", "self", "same_frames", "arrow", "arrow_still", "shared"
    frame: str
    subject: str  # the contact point, the body part, the arrow's point or the other exercise
    amount: float


def contact_findings(illustration: Illustration) -> list[Finding]:
    """Declared contacts farther than the tolerance from touching."""
    still = solids(illustration)
    out = []
    for frame in illustration.keyframes:
        for contact in frame.contacts:
            distance = gap(contact, frame, illustration, still)
            if distance > CONTACT_TOLERANCE:
                out.append(
                    Finding("contact", frame.name, f"{contact.point}>{contact.on}", distance)
                )
    return out


def _box_depth(box: Box, x: float, y: float, radius: float) -> float:
    """How deep a circle reaches into a box (negative: clear of it)."""
    dx = max(box.left - x, 0.0, x - box.right)
    dy = max(box.bottom - y, 0.0, y - box.top)
    if dx == 0.0 and dy == 0.0:
        inside = min(x - box.left, box.right - x, y - box.bottom, box.top - y)
        return radius + inside
    return radius - math.hypot(dx, dy)


def _samples(points: Mapping[str, Placed], yaw: float) -> Iterable[tuple[str, float, float, float]]:
    """Circles along every drawn part: (part, x, y, radius)."""
    for part in PARTS:
        a, b = points[part.a], points[part.b]
        ra, rb = part.radii(yaw)
        for i in range(9):
            t = i / 8
            yield part.name, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, ra + (rb - ra) * t


def penetration_findings(illustration: Illustration) -> list[Finding]:
    """Body parts through the floor (or mat) or through a still prop."""
    yaw = illustration.view_yaw
    surface = 0.0  # the floor, or the top of the mat
    still = solids(illustration)
    out = []
    for frame in illustration.keyframes:
        points = figure_points(frame, yaw)
        deepest: dict[tuple[str, str], float] = {}
        for part, x, y, radius in _samples(points, yaw):
            below = surface - (y - radius)
            if below > PENETRATION_TOLERANCE:
                key = ("floor", part)
                deepest[key] = max(deepest.get(key, 0.0), below)
            for solid in still:
                depth = _box_depth(solid.box, x, y, radius)
                if depth > PENETRATION_TOLERANCE:
                    key = (f"prop:{solid.kind.value}", part)
                    deepest[key] = max(deepest.get(key, 0.0), depth)
        out += [
            Finding(kind.split(":")[0], frame.name, f"{part}>{kind}", depth)
            for (kind, part), depth in sorted(deepest.items())
        ]
    return out


def frame_distance(illustration: Illustration, a: Keyframe, b: Keyframe) -> float:
    """The farthest any named point moves from one keyframe's picture to the other's."""
    pa, pb = picture_points(illustration, a), picture_points(illustration, b)
    return max(math.hypot(pa[n].x - pb[n].x, pa[n].y - pb[n].y) for n in POINTS)


def same_frame_findings(illustration: Illustration) -> list[Finding]:
    """Pairs of keyframes of one exercise that do not differ visibly."""
    frames = illustration.keyframes
    out = []
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            distance = frame_distance(illustration, a, b)
            if distance < VISIBLE_CHANGE:
                out.append(Finding("same_frames", a.name, b.name, distance))
    return out


def arrow_findings(illustration: Illustration) -> list[Finding]:
    """Arrows pointing against, or across, the way their point moves from start to end, and
    straight arrows on a point that does not move (amount: the angle off, or the distance
    moved). A curved arrow on a still point shows a turn the picture plane cannot."""
    start = picture_points(illustration, illustration.keyframe(illustration.start))
    end = picture_points(illustration, illustration.keyframe(illustration.end))
    out = []
    for arrow in illustration.arrows:
        dx = end[arrow.joint].x - start[arrow.joint].x
        dy = end[arrow.joint].y - start[arrow.joint].y
        moved = math.hypot(dx, dy)
        if moved < STILL:
            if arrow.curved:
                continue  # a turn about the body's long axis: the point stays where it is
            out.append(Finding("arrow_still", illustration.end, arrow.joint, moved))
            continue
        heading = math.degrees(math.atan2(dy, dx))
        off = abs((arrow.direction - heading + 180.0) % 360.0 - 180.0)
        if off > ARROW_SLACK:
            out.append(Finding("arrow", illustration.end, arrow.joint, off))
    return out


def illustration_findings(illustration: Illustration) -> list[Finding]:
    """Every per-exercise check."""
    return [
        *contact_findings(illustration),
        *penetration_findings(illustration),
        *self_penetration_findings(illustration),
        *same_frame_findings(illustration),
        *arrow_findings(illustration),
    ]


def shared_picture_findings(exercises: Iterable[Exercise]) -> list[Finding]:
    """Exercises whose every keyframe is the same picture as one of another exercise's."""
    illustrated = [(e.id, e.illustration) for e in exercises if e.illustration is not None]
    out = []
    for i, (id_a, a) in enumerate(illustrated):
        for id_b, b in illustrated[i + 1 :]:
            if (a.view, a.view_yaw) != (b.view, b.view_yaw) or set(a.props) != set(b.props):
                continue
            if _covered(a, b) and _covered(b, a):
                out.append(Finding("shared", id_a, id_b, 0.0))
    return out


def _covered(a: Illustration, b: Illustration) -> bool:
    return all(
        any(frame_distance(a, fa, fb) < SAME_PICTURE for fb in b.keyframes) for fa in a.keyframes
    )


# --- the body through itself -------------------------------------------------------------------

# Pieces that meet at a joint overlap there by design.
_ATTACHED = {
    frozenset(pair)
    for side in ("near", "far")
    for pair in (
        ("chest", f"upper_arm_{side}"),
        ("pelvis", f"thigh_{side}"),
        ("chest", "neck"),
        ("neck", "head"),
        ("head", "nose"),
        ("pelvis", "chest"),
        (f"thigh_{side}", f"shank_{side}"),
        (f"shank_{side}", f"foot_{side}"),
        (f"upper_arm_{side}", f"forearm_{side}"),
        (f"forearm_{side}", f"hand_{side}"),
        ("neck", f"upper_arm_{side}"),
    )
} | {frozenset(("thigh_near", "thigh_far"))}
# Hands clasped, arms folded: the two forearms and hands may lie on each other.
_ARMS = {
    frozenset((f"{a}_near", f"{b}_far")) for a in ("forearm", "hand") for b in ("forearm", "hand")
}
SELF_TOLERANCE = 0.5  # of the thinner part's diameter: flesh gives, bones do not
_CHAIN_OF = {part: chain for chain, parts in CHAINS.items() for part in parts}


def _segment_distance(p1: Vec, q1: Vec, p2: Vec, q2: Vec) -> tuple[float, float, float]:
    """Closest distance between two 3-D segments, and where along each (0..1)."""
    d1 = tuple(q - p for p, q in zip(p1, q1, strict=True))
    d2 = tuple(q - p for p, q in zip(p2, q2, strict=True))
    r = tuple(a - b for a, b in zip(p1, p2, strict=True))
    a, e = _dot(d1, d1), _dot(d2, d2)
    f = _dot(d2, r)
    if a < 1e-9 and e < 1e-9:
        return math.dist(p1, p2), 0.0, 0.0
    if a < 1e-9:
        s, t = 0.0, min(1.0, max(0.0, f / e))
    else:
        c = _dot(d1, r)
        if e < 1e-9:
            s, t = min(1.0, max(0.0, -c / a)), 0.0
        else:
            b = _dot(d1, d2)
            denom = a * e - b * b
            s = min(1.0, max(0.0, (b * f - c * e) / denom)) if denom > 1e-9 else 0.0
            t = (b * s + f) / e
            if t < 0.0:
                s, t = min(1.0, max(0.0, -c / a)), 0.0
            elif t > 1.0:
                s, t = min(1.0, max(0.0, (b - c) / a)), 1.0
    c1 = tuple(p + d * s for p, d in zip(p1, d1, strict=True))
    c2 = tuple(p + d * t for p, d in zip(p2, d2, strict=True))
    return math.dist(c1, c2), s, t


def _dot(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def self_penetration_findings(illustration: Illustration) -> list[Finding]:
    """Two parts of the body passing through each other (in 3-D, before projecting), beyond what
    soft tissue allows; parts that a declared contact brings together are left to that contact.
    The amount is the overlap as a share of the thinner part's diameter."""
    out = []
    for frame in illustration.keyframes:
        points = body_points(frame.joints)
        touching = {
            frozenset((mover, held))
            for c in frame.contacts
            for mover in _chains_at(c.point)
            for held in _chains_at(c.on)
        }
        for i, first in enumerate(PARTS):
            for second in PARTS[i + 1 :]:
                pair = frozenset((first.name, second.name))
                chains = frozenset((_CHAIN_OF[first.name], _CHAIN_OF[second.name]))
                if pair in _ATTACHED or pair in _ARMS or chains in touching:
                    continue
                distance, s, t = _segment_distance(
                    points[first.a], points[first.b], points[second.a], points[second.b]
                )
                ra = _thin(first.radius_a) + (_thin(first.radius_b) - _thin(first.radius_a)) * s
                rb = _thin(second.radius_a) + (_thin(second.radius_b) - _thin(second.radius_a)) * t
                overlap = (ra + rb - distance) / (2 * min(ra, rb))
                if overlap > SELF_TOLERANCE:
                    out.append(Finding("self", frame.name, f"{first.name}>{second.name}", overlap))
    return out


def _chains_at(point: str) -> set[str]:
    """The drawn chains a named point is on: a hip is on the trunk and its leg, the pelvis on
    the trunk and both legs; none for the floor or a prop."""
    _, _, side = point.rpartition("_")
    if point.startswith(("mid_thigh_", "hip_")):
        return {"trunk", f"leg_{side}"}
    if point == "pelvis":
        return {"trunk", "leg_near", "leg_far"}
    return {_CHAIN_OF[p.name] for p in PARTS if point in (p.a, p.b)}


def _thin(radius: tuple[float, float]) -> float:
    return min(radius)
