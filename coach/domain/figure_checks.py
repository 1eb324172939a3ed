"""Checks that an exercise's pictures show what they claim, run over the whole library.

A therapist found hands hovering above the mat, a body through the wall, two frames that look
the same and two exercises with the same pictures. Each is a measurable fact about the poses,
so each has a check here, returning findings (what, where, by how much) rather than sentences;
the tests run them over every keyframe of every shipped exercise and over planted bad poses.

All measures are in figure units (about a centimetre of an adult; a 120 px thumbnail shows about
0.6 px per unit), in the picture plane, where the drawing is judged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coach.domain.exercise import Exercise, Illustration, Keyframe
from coach.domain.figure import PARTS, POINTS, Placed, figure_points
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

    kind: str  # "contact", "floor", "prop", "same_frames", "arrow", "shared"
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


def frame_distance(a: Keyframe, b: Keyframe, yaw: float) -> float:
    """The farthest any named point moves from one keyframe's picture to the other's."""
    pa, pb = figure_points(a, yaw), figure_points(b, yaw)
    return max(math.hypot(pa[n].x - pb[n].x, pa[n].y - pb[n].y) for n in POINTS)


def same_frame_findings(illustration: Illustration) -> list[Finding]:
    """Pairs of keyframes of one exercise that do not differ visibly."""
    frames = illustration.keyframes
    out = []
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            distance = frame_distance(a, b, illustration.view_yaw)
            if distance < VISIBLE_CHANGE:
                out.append(Finding("same_frames", a.name, b.name, distance))
    return out


def arrow_findings(illustration: Illustration) -> list[Finding]:
    """Arrows pointing against, or across, the way their point moves from start to end, and
    straight arrows on a point that does not move (amount: the angle off, or the distance
    moved). A curved arrow on a still point shows a turn the picture plane cannot."""
    yaw = illustration.view_yaw
    start = figure_points(illustration.keyframe(illustration.start), yaw)
    end = figure_points(illustration.keyframe(illustration.end), yaw)
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
        *same_frame_findings(illustration),
        *arrow_findings(illustration),
    ]


def shared_picture_findings(exercises: Iterable[Exercise]) -> list[Finding]:
    """Exercises whose every keyframe is the same picture as one of another exercise's."""
    illustrated = [(e.id, e.illustration) for e in exercises if e.illustration is not None]
    out = []
    for i, (id_a, a) in enumerate(illustrated):
        for id_b, b in illustrated[i + 1 :]:
            if a.view_yaw != b.view_yaw or set(a.props) != set(b.props):
                continue
            if _covered(a, b) and _covered(b, a):
                out.append(Finding("shared", id_a, id_b, 0.0))
    return out


def _covered(a: Illustration, b: Illustration) -> bool:
    return all(
        any(frame_distance(fa, fb, a.view_yaw) < SAME_PICTURE for fb in b.keyframes)
        for fa in a.keyframes
    )
