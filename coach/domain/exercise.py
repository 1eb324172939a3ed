"""What an exercise is: instructions, safety, default dosage and how to illustrate it.

Shipped exercises come from assets/exercises/*.json (format in assets/exercises/README.md, parsed
by coach.exchange.exercise_format); custom ones are made by the user and stored in the database.
Both become this one frozen type, so the library, the programme builder, the session player and
printing never care where an exercise came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.domain.dosage import Dosage


class Category(StrEnum):
    MCKENZIE = "mckenzie"
    CORE = "core"
    FLEXIBILITY = "flexibility"
    NEURAL = "neural"


class Region(StrEnum):
    LUMBAR = "lumbar"
    CERVICAL = "cervical"
    THORACIC = "thoracic"
    HIP = "hip"
    SHOULDER = "shoulder"
    KNEE = "knee"
    ANKLE = "ankle"
    WHOLE_BODY = "whole_body"


class Position(StrEnum):
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side_lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    SITTING = "sitting"
    STANDING = "standing"


class Equipment(StrEnum):
    MAT = "mat"
    WALL = "wall"
    CHAIR = "chair"
    BED = "bed"
    STRAP = "strap"
    TOWEL_ROLL = "towel_roll"
    PILLOW = "pillow"
    DOORWAY = "doorway"
    BAND = "band"  # an elastic exercise band, tied to something ahead at chest height
    STEP = "step"  # a stair or a sturdy step


class SymptomTracking(StrEnum):
    """Whether the session asks where symptoms reach (McKenzie), and on which scale."""

    NONE = "none"
    LUMBAR = "lumbar"  # none / back / buttock / thigh / below knee / foot
    CERVICAL = "cervical"  # none / neck / shoulder blade / upper arm / below elbow / hand


class View(StrEnum):
    """Where the camera stands. The side camera turns round the body's long axis by the
    illustration's view_yaw; the head-end camera stands on the floor at the head of a figure
    lying down and looks along the body, for movements across it (arms lifted out to the
    side when lying face down, a knee roll, an arm opening across the chest); the top camera
    looks down on it, for movements along the floor (the hips shifted to one side)."""

    SIDE = "side"
    HEAD_END = "head-end"
    TOP = "top"


class Phase(StrEnum):
    """Session phases that show a pose (see the session engine)."""

    READY = "ready"  # get into the start position
    MOVE = "move"  # moving from start pose toward end pose
    HOLD = "hold"  # holding the end pose
    RETURN = "return"  # moving back to the start pose
    REST = "rest"


@dataclass(frozen=True)
class Contact:
    """A body point that touches something in a keyframe: the floor, a prop or another body
    point (a hand on a knee). The figure code solves the limb so it really touches
    (coach/domain/figure_contacts.py) and the library checks hold it to that."""

    point: str
    on: str  # "floor", a prop ("wall", "chair", "bed", ...) or a figure point
    # "limb" bends the limb that ends at the point; "root" moves the whole figure instead.
    by: str = "limb"


@dataclass(frozen=True)
class Keyframe:
    """One pose of the figure: joint angles in degrees, keyed by joint name (see figure.py)."""

    name: str
    joints: dict[str, float]
    # Where the figure is placed and how it is turned, in figure units (figure.py explains).
    root: tuple[float, float] = (0.0, 0.0)
    root_angle: float = 0.0
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class Arrow:
    """A movement arrow drawn near a joint to show which way to move."""

    joint: str
    direction: float  # degrees, 0 = to the figure's front, 90 = up
    curved: bool = False


@dataclass(frozen=True)
class PropPlacement:
    """Which figure point a prop sits against (figure.py names the points).

    Props without a placement go to their usual place (the chair under the pelvis, the strap
    from the near hand to the near foot, ...); a placement moves one, e.g. a pillow under the
    pelvis instead of the head.
    """

    equipment: Equipment
    at: str


@dataclass(frozen=True)
class Illustration:
    keyframes: tuple[Keyframe, ...]
    # Which keyframe (by name) each phase shows; MOVE animates start -> end, RETURN end -> start.
    start: str
    end: str
    props: tuple[Equipment, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    placements: tuple[PropPlacement, ...] = ()
    # Camera angle around the body's long axis: 0 sees the figure's near side with the figure
    # facing right, 90 sees it from the front (needed for side bends and side-lying poses).
    view_yaw: float = 0.0
    # The camera: from the side (turned by view_yaw), from the head end, or from above.
    view: View = View.SIDE
    # A figure point that stays put while moving between keyframes (e.g. the feet when
    # standing up from a chair); "" blends the placement of the whole figure instead.
    anchor: str = ""
    # Chains drawn with an accent outline because they move ("head", "arm_near", "leg_far",
    # "trunk"; figure_painter names them).
    emphasis: tuple[str, ...] = ()

    def placement(self, equipment: Equipment) -> str:
        """The figure point a prop sits against, or "" for its usual place."""
        for placed in self.placements:
            if placed.equipment == equipment:
                return placed.at
        return ""

    def keyframe(self, name: str) -> Keyframe:
        for frame in self.keyframes:
            if frame.name == name:
                return frame
        raise KeyError(name)


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: Category
    regions: tuple[Region, ...]
    position: Position
    summary: str
    steps: tuple[str, ...]
    dosage: Dosage
    dosage_source: str
    synonyms: tuple[str, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    cues: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    stop_rules: tuple[str, ...] = ()
    symptom_tracking: SymptomTracking = SymptomTracking.NONE
    illustration: Illustration | None = None
    # For custom exercises: an image in the data folder instead of a drawn figure.
    image_path: str | None = None
    custom: bool = False

    def matches(self, text: str) -> bool:
        """Search by name and synonyms, ignoring case and extra spaces."""
        needle = " ".join(text.lower().split())
        if not needle:
            return True
        return any(needle in candidate.lower() for candidate in (self.name, *self.synonyms))
