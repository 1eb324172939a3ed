"""The one human figure every exercise illustration is drawn with.

Illustrations are not pictures but poses: each keyframe of an exercise file gives joint angles in
degrees, and this module turns them into points. One skeleton with fixed adult proportions
guarantees that every exercise shows the same person, that limbs never stretch between frames,
and that the other side of an exercise is the exact mirror image. It is pure Python so the
invariants (segment lengths, floor contact, human joint ranges) are tested without Qt; the
painter in coach/ui/figure_painter.py only draws what this module computes.

Coordinates
-----------
Figure units are roughly centimetres of a 174 cm adult. The body frame has x to the figure's
front, y up and z towards its near side. The camera looks at the near side (the body's right),
so un-mirrored figures face right and "near" limbs are the right arm and leg. `view_yaw` turns
the body about its long axis before projecting: 0 is a side view, 90 a front view. The keyframe's
`root_angle` then turns the whole figure in the picture (90 lays a standing figure on its back,
head to the left; -90 on its front, head to the right) and `root` moves the pelvis (the point
between the hip joints). Picture y is up and the floor is y = 0. That side picture is where the
figure meets the floor and the props; an illustration's head-end camera (View.HEAD_END)
then turns it a quarter turn about the vertical (picture_points), so a body lying down is seen
along its length with the same heights, and the top camera (View.TOP) looks down on it: the
side picture's depth becomes picture y and height becomes depth.

Joint vocabulary (degrees; 0 is standing upright, arms hanging)
--------------------------------------------------------------
Spine and head: `lumbar`, `thoracic`, `neck`, `head` (+ bends forward, - bends back), `lumbar_side`,
`thoracic_side`, `neck_side` (+ bends towards the near side), `lumbar_rot`, `thoracic_rot`,
`neck_rot` (+ turns the chest or face towards the near side). `neck` is the lower neck and `head`
the nod on top of it: a chin tuck (retraction) is `neck` < 0 with `head` > 0.
Limbs, each with a `_near` and a `_far` version: `shoulder` (+ raises the arm forwards, - takes
it back), `shoulder_abd` (+ out to the side), `shoulder_rot` (+ turns out), `elbow` (+ bends),
`wrist` (+ bends the hand back), `hip` (+ brings the thigh forwards), `hip_abd` (+ out to the
side), `hip_rot` (+ turns the knee out), `knee` (+ bends), `ankle` (+ pulls the toes up).
Names like `hip_abd_near` put the side last. JOINTS lists every name with its human range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from coach.domain.exercise import Illustration, Keyframe, Phase, View

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]

SIDES = ("near", "far")

# Segment lengths in figure units (adult proportions, about 1 unit = 1 cm of a 174 cm adult).
LUMBAR = 21.0  # hip joints to the waist
THORAX = 30.0  # waist to the base of the neck
NECK = 9.0
HEAD_RADIUS = 11.0
HEAD_CENTRE = (2.0, 10.0)  # from the top of the neck: a little forward, then up
SHOULDER_HALF = 17.0  # half the distance between the shoulder joints
SHOULDER_DROP = 3.0  # shoulder joints sit a little below the base of the neck
HIP_HALF = 9.0
UPPER_ARM = 29.0
FOREARM = 25.0
HAND = 8.0
THIGH = 43.0
SHANK = 43.0
ANKLE_HEIGHT = 6.5  # ankle joint above the sole
HEEL = (-4.0, -3.2)  # heel ball centre from the ankle, in the foot's frame (radius 3.3)
TOE = (16.0, -3.9)  # toe ball centre (radius 2.6)

LIMB_SEGMENTS: dict[str, tuple[str, str, float]] = {
    # segment: (from point, to point, length), for each side
    "upper_arm": ("shoulder", "elbow", UPPER_ARM),
    "forearm": ("elbow", "wrist", FOREARM),
    "hand": ("wrist", "hand", HAND),
    "thigh": ("hip", "knee", THIGH),
    "shank": ("knee", "ankle", SHANK),
}


def _eye(sign: float) -> Vec:
    """An eye on the surface of the head: a little above the nose, a third of the way round."""
    x, y, z = 0.80, 0.30, 0.52 * sign
    n = math.sqrt(x * x + y * y + z * z)
    return (HEAD_RADIUS * x / n, HEAD_RADIUS * y / n, HEAD_RADIUS * z / n)


@dataclass(frozen=True)
class JointRange:
    low: float
    high: float
    meaning: str


_SPINE: dict[str, JointRange] = {
    "lumbar": JointRange(-40, 60, "low back: + bends forward, - arches back"),
    "lumbar_side": JointRange(-30, 30, "low back: + bends towards the near side"),
    "lumbar_rot": JointRange(-15, 15, "low back: + turns the chest towards the near side"),
    "thoracic": JointRange(-30, 45, "upper back: + rounds forward, - arches back"),
    "thoracic_side": JointRange(-25, 25, "upper back: + bends towards the near side"),
    "thoracic_rot": JointRange(-40, 40, "upper back: + turns the chest towards the near side"),
    "neck": JointRange(-60, 50, "lower neck: + bends forward, - bends back"),
    "neck_side": JointRange(-45, 45, "neck: + tilts the ear towards the near shoulder"),
    "neck_rot": JointRange(-80, 80, "neck: + turns the face towards the near side"),
    "head": JointRange(-30, 30, "nod: + chin down, - chin up"),
}
_LIMB: dict[str, JointRange] = {
    "shoulder": JointRange(-60, 180, "arm: + forwards and up, - backwards"),
    "shoulder_abd": JointRange(-40, 180, "arm: + out to the side, - across the body"),
    "shoulder_rot": JointRange(-70, 90, "arm: + turns out, - turns in"),
    "elbow": JointRange(0, 150, "elbow: 0 straight, + bends"),
    "wrist": JointRange(
        -80, 90, "wrist: + bends the hand back (90 = palm flat on the floor), - bends it down"
    ),
    "hip": JointRange(-30, 135, "thigh: + forwards, - backwards"),
    "hip_abd": JointRange(-30, 50, "thigh: + out to the side, - across"),
    "hip_rot": JointRange(-45, 60, "thigh: + turns the knee out, - turns it in"),
    "knee": JointRange(0, 155, "knee: 0 straight, + bends"),
    "ankle": JointRange(-65, 30, "ankle and foot: + pulls the toes up, - points them"),
}

JOINTS: dict[str, JointRange] = {
    **_SPINE,
    **{f"{name}_{side}": limits for name, limits in _LIMB.items() for side in SIDES},
}

# Points a prop, an arrow or an anchor may name, besides the joints' own points.
POINTS = (
    "pelvis",
    "waist",
    "thorax",
    "chest",
    "neck_top",
    "head",
    "nose",
    "face",
    "crown",
    *(
        f"{p}_{s}"
        for p in (
            "shoulder",
            "elbow",
            "wrist",
            "hand",
            "hip",
            "mid_thigh",
            "knee",
            "ankle",
            "heel",
            "toe",
            "eye",
        )
        for s in SIDES
    ),
)


@dataclass(frozen=True)
class Part:
    """One drawn piece: a rounded limb from point `a` to point `b` (a circle when equal).

    Radii are given for a side view and a front view because the trunk is deeper than it is
    wide; limbs are round. `side` is "near", "far" or "" for the trunk and head, which the
    painter draws in the near shade.
    """

    name: str
    a: str
    b: str
    radius_a: tuple[float, float]
    radius_b: tuple[float, float]
    side: str = ""

    def radii(self, view_yaw: float) -> tuple[float, float]:
        return _view_radius(self.radius_a, view_yaw), _view_radius(self.radius_b, view_yaw)


def _view_radius(radius: tuple[float, float], view_yaw: float) -> float:
    side, front = radius
    turn = math.radians(view_yaw)
    return math.hypot(side * math.cos(turn), front * math.sin(turn))


def _round(r: float) -> tuple[float, float]:
    return (r, r)


PARTS: tuple[Part, ...] = (
    Part("pelvis", "pelvis", "waist", (12.0, 15.5), (10.0, 13.0)),
    Part("chest", "waist", "chest_top", (10.0, 13.0), (11.0, 15.5)),
    Part("neck", "chest", "neck_top", _round(4.6), _round(4.6)),
    Part("head", "head", "head", _round(HEAD_RADIUS), _round(HEAD_RADIUS)),
    Part("nose", "nose", "nose", _round(2.4), _round(2.4)),
    *(
        part
        for side in SIDES
        for part in (
            Part(f"thigh_{side}", f"hip_{side}", f"knee_{side}", _round(7.8), _round(6.0), side),
            Part(f"shank_{side}", f"knee_{side}", f"ankle_{side}", _round(5.8), _round(4.0), side),
            Part(f"foot_{side}", f"heel_{side}", f"toe_{side}", _round(3.3), _round(2.6), side),
            Part(
                f"upper_arm_{side}",
                f"shoulder_{side}",
                f"elbow_{side}",
                _round(5.0),
                _round(4.3),
                side,
            ),
            Part(
                f"forearm_{side}", f"elbow_{side}", f"wrist_{side}", _round(4.1), _round(3.4), side
            ),
            Part(f"hand_{side}", f"wrist_{side}", f"hand_{side}", _round(3.7), _round(3.7), side),
        )
    ),
)


# The pieces drawn without seams, which an illustration may emphasise (Illustration.emphasis).
CHAINS: dict[str, tuple[str, ...]] = {
    "trunk": ("pelvis", "chest", "neck"),
    "head": ("head", "nose"),
    **{
        f"{limb}_{side}": tuple(f"{p}_{side}" for p in parts)
        for side in SIDES
        for limb, parts in (
            ("leg", ("thigh", "shank", "foot")),
            ("arm", ("upper_arm", "forearm", "hand")),
        )
    },
}


@dataclass(frozen=True)
class Placed:
    """A point in the picture: x to the right, y up, depth towards the viewer."""

    x: float
    y: float
    depth: float


# --- small 3-D helpers -------------------------------------------------------------------------


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, b: Mat) -> Mat:
    cols = tuple(zip(*b, strict=True))
    return tuple(
        tuple(sum(x * y for x, y in zip(row, col, strict=True)) for col in cols) for row in a
    )  # type: ignore[return-value]


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _chain(*mats: Mat) -> Mat:
    out = mats[0]
    for m in mats[1:]:
        out = _mul(out, m)
    return out


def _bend(flex: float, side: float, rot: float) -> Mat:
    """A spine or neck joint: bend forward (+flex), sideways to the near side, turn near."""
    return _chain(_rz(-flex), _rx(side), _ry(-rot))


# --- forward kinematics ------------------------------------------------------------------------


def body_points(joints: Mapping[str, float]) -> dict[str, Vec]:
    """Every named point in the body frame (pelvis at the origin, standing upright).

    Joints not given are 0. Unknown names are ignored here; `angle_problems` reports them.
    """

    def angle(name: str) -> float:
        return float(joints.get(name, 0.0))

    points: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    lumbar = _bend(angle("lumbar"), angle("lumbar_side"), angle("lumbar_rot"))
    points["waist"] = _apply(lumbar, (0.0, LUMBAR, 0.0))
    chest = _mul(lumbar, _bend(angle("thoracic"), angle("thoracic_side"), angle("thoracic_rot")))
    points["chest"] = _add(points["waist"], _apply(chest, (0.0, THORAX, 0.0)))
    # Mid upper back, where a towel roll goes.
    points["thorax"] = _add(points["waist"], _apply(chest, (0.0, THORAX * 0.6, 0.0)))
    # The drawn chest ends a little below the base of the neck so the neck shows.
    points["chest_top"] = _add(points["waist"], _apply(chest, (0.0, THORAX - 4.0, 0.0)))
    neck = _mul(chest, _bend(angle("neck"), angle("neck_side"), angle("neck_rot")))
    points["neck_top"] = _add(points["chest"], _apply(neck, (0.0, NECK, 0.0)))
    head = _mul(neck, _rz(-angle("head")))
    points["head"] = _add(points["neck_top"], _apply(head, (HEAD_CENTRE[0], HEAD_CENTRE[1], 0.0)))
    points["nose"] = _add(points["head"], _apply(head, (HEAD_RADIUS + 0.6, -1.5, 0.0)))
    # Where the face looks and where the crown is: the painter shades the face side of the head
    # from these, so a turn, a nod or a tilt reads even where the nose is hidden.
    points["face"] = _add(points["head"], _apply(head, (HEAD_RADIUS, 0.0, 0.0)))
    points["crown"] = _add(points["head"], _apply(head, (0.0, HEAD_RADIUS, 0.0)))
    for side, sign in (("near", 1.0), ("far", -1.0)):
        points[f"eye_{side}"] = _add(points["head"], _apply(head, _eye(sign)))

    for side in SIDES:
        sign = 1.0 if side == "near" else -1.0

        def limb(name: str, side: str = side) -> float:
            key = f"{name}_{side}"
            return float(joints.get(key, 0.0))

        shoulder = _add(points["chest"], _apply(chest, (0.0, -SHOULDER_DROP, sign * SHOULDER_HALF)))
        arm = _chain(
            chest,
            _rz(limb("shoulder")),
            _rx(-sign * limb("shoulder_abd")),
            _ry(-sign * limb("shoulder_rot")),
        )
        elbow = _add(shoulder, _apply(arm, (0.0, -UPPER_ARM, 0.0)))
        forearm = _mul(arm, _rz(limb("elbow")))
        wrist = _add(elbow, _apply(forearm, (0.0, -FOREARM, 0.0)))
        hand = _add(wrist, _apply(_mul(forearm, _rz(-limb("wrist"))), (0.0, -HAND, 0.0)))

        hip = (0.0, 0.0, sign * HIP_HALF)
        thigh = _chain(_rz(limb("hip")), _rx(-sign * limb("hip_abd")), _ry(-sign * limb("hip_rot")))
        knee = _add(hip, _apply(thigh, (0.0, -THIGH, 0.0)))
        shank = _mul(thigh, _rz(-limb("knee")))
        ankle = _add(knee, _apply(shank, (0.0, -SHANK, 0.0)))
        foot = _mul(shank, _rz(limb("ankle")))
        heel = _add(ankle, _apply(foot, (HEEL[0], HEEL[1], 0.0)))
        toe = _add(ankle, _apply(foot, (TOE[0], TOE[1], 0.0)))

        mid_thigh = ((hip[0] + knee[0]) / 2, (hip[1] + knee[1]) / 2, (hip[2] + knee[2]) / 2)
        for name, point in (
            ("mid_thigh", mid_thigh),
            ("shoulder", shoulder),
            ("elbow", elbow),
            ("wrist", wrist),
            ("hand", hand),
            ("hip", hip),
            ("knee", knee),
            ("ankle", ankle),
            ("heel", heel),
            ("toe", toe),
        ):
            points[f"{name}_{side}"] = point
    return points


def place(
    points: Mapping[str, Vec],
    view_yaw: float,
    root: tuple[float, float],
    root_angle: float,
    mirrored: bool = False,
) -> dict[str, Placed]:
    """Project body-frame points into the picture: turn by the view, then by the root angle."""
    turn = _mul(_rz(root_angle), _ry(-view_yaw))
    flip = -1.0 if mirrored else 1.0
    placed: dict[str, Placed] = {}
    for name, point in points.items():
        x, y, depth = _apply(turn, point)
        placed[name] = Placed(flip * (x + root[0]), y + root[1], depth)
    return placed


def figure_points(
    frame: Keyframe, view_yaw: float = 0.0, mirrored: bool = False
) -> dict[str, Placed]:
    """The picture points of one keyframe."""
    return place(body_points(frame.joints), view_yaw, frame.root, frame.root_angle, mirrored)


# --- the camera --------------------------------------------------------------------------------


def camera_turn(illustration: Illustration) -> float:
    """Degrees the camera turns about the vertical from the side view: none for the side and
    the top cameras, a quarter turn for the head-end camera, towards whichever end of the start
    pose the head is at, so it looks along the body whichever way the figure lies."""
    if illustration.view in (View.SIDE, View.TOP):
        return 0.0
    start = figure_points(illustration.keyframe(illustration.start), illustration.view_yaw)
    return 90.0 if start["head"].x < start["pelvis"].x else -90.0


def looked_at(points: Mapping[str, Placed], turn: float) -> dict[str, Placed]:
    """Side-view points as a camera turned `turn` degrees about the vertical sees them. Heights
    do not change, so the floor is y = 0 in every view and the floor checks hold in all of them;
    the side view's depth (towards its camera) becomes across the picture."""
    if turn == 0.0:
        return dict(points)
    c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    return {
        name: Placed(c * p.x + s * p.depth, p.y, c * p.depth - s * p.x)
        for name, p in points.items()
    }


def looked_down_on(points: Mapping[str, Placed]) -> dict[str, Placed]:
    """Side-view points as a camera above the floor sees them, the side camera's side at the
    bottom of the picture: the higher a point, the nearer the camera."""
    return {name: Placed(p.x, -p.depth, p.y) for name, p in points.items()}


def picture_points(illustration: Illustration, frame: Keyframe) -> dict[str, Placed]:
    """The points of one keyframe where the illustration's camera puts them in the picture."""
    side = figure_points(frame, illustration.view_yaw)
    if illustration.view == View.TOP:
        return looked_down_on(side)
    return looked_at(side, camera_turn(illustration))


def radius_yaw(illustration: Illustration) -> float:
    """The view_yaw the body's thickness is drawn for: the head-end and the top cameras see the
    trunk of a body lying down across its width, as the front view does."""
    return illustration.view_yaw if illustration.view == View.SIDE else 90.0


# --- invariants --------------------------------------------------------------------------------


def segment_lengths(points: Mapping[str, Vec]) -> dict[str, float]:
    """3-D lengths of every limb segment and the trunk; constant for every pose."""

    def dist(a: str, b: str) -> float:
        return math.dist(points[a], points[b])

    lengths = {
        "lumbar": dist("pelvis", "waist"),
        "thorax": dist("waist", "chest"),
        "neck": dist("chest", "neck_top"),
    }
    for segment, (start, end, _) in LIMB_SEGMENTS.items():
        for side in SIDES:
            lengths[f"{segment}_{side}"] = dist(f"{start}_{side}", f"{end}_{side}")
    return lengths


EXPECTED_LENGTHS: dict[str, float] = {
    "lumbar": LUMBAR,
    "thorax": THORAX,
    "neck": NECK,
    **{
        f"{segment}_{side}": length
        for segment, (_, _, length) in LIMB_SEGMENTS.items()
        for side in SIDES
    },
}


def lowest_point(placed: Mapping[str, Placed], view_yaw: float = 0.0) -> float:
    """The lowest y any drawn part reaches (the figure's surface, not its joint centres)."""
    low = math.inf
    for part in PARTS:
        ra, rb = part.radii(view_yaw)
        low = min(low, placed[part.a].y - ra, placed[part.b].y - rb)
    return low


def bounds(
    placed: Mapping[str, Placed], view_yaw: float = 0.0
) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of everything drawn."""
    left = bottom = math.inf
    right = top = -math.inf
    for part in PARTS:
        for name, r in zip((part.a, part.b), part.radii(view_yaw), strict=True):
            p = placed[name]
            left, right = min(left, p.x - r), max(right, p.x + r)
            bottom, top = min(bottom, p.y - r), max(top, p.y + r)
    return left, bottom, right, top


def angle_problems(joints: Mapping[str, float]) -> list[str]:
    """Why a set of joint angles is not a human pose: unknown joints or angles out of range."""
    problems = []
    for name, value in joints.items():
        limits = JOINTS.get(name)
        if limits is None:
            problems.append(f"unknown joint {name!r}")
        elif not limits.low <= value <= limits.high:
            problems.append(
                f"{name} is {value:g} degrees; a person reaches {limits.low:g} to "
                f"{limits.high:g} ({limits.meaning})"
            )
    return problems


# --- placing, blending and mirroring -----------------------------------------------------------


def grounded(frame: Keyframe, view_yaw: float = 0.0, floor: float = 0.0) -> Keyframe:
    """The same pose moved up or down so its lowest part rests on `floor`."""
    low = lowest_point(figure_points(frame, view_yaw), view_yaw)
    x, y = frame.root
    return replace(frame, root=(x, round(y + floor - low, 2)))


def moved_to(frame: Keyframe, point: str, x: float, y: float, view_yaw: float = 0.0) -> Keyframe:
    """The same pose moved so that the named point is at (x, y)."""
    at = figure_points(frame, view_yaw)[point]
    rx, ry = frame.root
    return replace(frame, root=(round(rx + x - at.x, 2), round(ry + y - at.y, 2)))


def ease_in_out(t: float) -> float:
    """Slow start, slow finish: how a person moves between two positions."""
    t = min(1.0, max(0.0, t))
    return t * t * (3.0 - 2.0 * t)


def blend(a: Keyframe, b: Keyframe, t: float, name: str = "") -> Keyframe:
    """The pose a fraction `t` (0..1, eased) of the way from `a` to `b`."""
    k = ease_in_out(t)
    names = set(a.joints) | set(b.joints)
    joints = {
        j: a.joints.get(j, 0.0) + (b.joints.get(j, 0.0) - a.joints.get(j, 0.0)) * k for j in names
    }
    root = (a.root[0] + (b.root[0] - a.root[0]) * k, a.root[1] + (b.root[1] - a.root[1]) * k)
    return Keyframe(name or f"{a.name}>{b.name}", joints, root, a.root_angle + _turn(a, b) * k)


def _turn(a: Keyframe, b: Keyframe) -> float:
    """The shorter way round from a's root angle to b's."""
    return (b.root_angle - a.root_angle + 180.0) % 360.0 - 180.0


def between(illustration: Illustration, a: Keyframe, b: Keyframe, t: float) -> Keyframe:
    """Blend two keyframes the way the illustration moves: keeping its anchor point still and
    never dipping through the floor on the way."""
    pose = blend(a, b, t)
    yaw = illustration.view_yaw
    if illustration.anchor:
        start = figure_points(a, yaw)[illustration.anchor]
        end = figure_points(b, yaw)[illustration.anchor]
        k = ease_in_out(t)
        pose = moved_to(
            pose,
            illustration.anchor,
            start.x + (end.x - start.x) * k,
            start.y + (end.y - start.y) * k,
            yaw,
        )
    low = lowest_point(figure_points(pose, yaw), yaw)
    if low < 0.0:
        pose = replace(pose, root=(pose.root[0], pose.root[1] - low))
    return pose


def pose_for(illustration: Illustration, phase: Phase, progress: float = 0.0) -> Keyframe:
    """The pose a session phase shows, `progress` (0..1) of the way through it."""
    start = illustration.keyframe(illustration.start)
    end = illustration.keyframe(illustration.end)
    if phase == Phase.MOVE:
        return between(illustration, start, end, progress)
    if phase == Phase.RETURN:
        return between(illustration, end, start, progress)
    if phase == Phase.HOLD:
        return end
    return start


def mirror_joints(joints: Mapping[str, float]) -> dict[str, float]:
    """The same pose done with the other side of the body: near and far limbs swap, and side
    bends and turns change direction. Seen from the other side (view_yaw -> 180 - view_yaw,
    root mirrored) it is the original picture flipped left to right."""
    mirrored: dict[str, float] = {}
    for name, value in joints.items():
        if name.endswith("_near"):
            mirrored[name[: -len("near")] + "far"] = value
        elif name.endswith("_far"):
            mirrored[name[: -len("far")] + "near"] = value
        elif name.endswith(("_side", "_rot")):
            mirrored[name] = -value
        else:
            mirrored[name] = value
    return mirrored


def mirror_point(name: str) -> str:
    """The same point on the other side of the body."""
    if name.endswith("_near"):
        return name[: -len("near")] + "far"
    if name.endswith("_far"):
        return name[: -len("far")] + "near"
    return name


def mirror_keyframe(frame: Keyframe) -> Keyframe:
    """The other-side pose placed where the flipped picture puts it."""
    return Keyframe(
        frame.name,
        mirror_joints(frame.joints),
        (-frame.root[0], frame.root[1]),
        -frame.root_angle,
        tuple(
            replace(c, point=mirror_point(c.point), on=mirror_point(c.on)) for c in frame.contacts
        ),
    )
