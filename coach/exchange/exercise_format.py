"""The exercise file format: one JSON file per exercise, read into coach.domain.exercise.Exercise.

Shipped exercises live in assets/exercises/ and assets/exercises/README.md documents every
field. The same reader checks files a user or a therapist writes, so every error says which
file, which field and what is wrong, in words a non-programmer can act on, and one bad file
never stops the rest of the library from loading.

Poses are checked against the figure model (coach.domain.figure): joint names must be in its
vocabulary, angles within a person's range, and no keyframe may put the figure through the floor.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from coach.domain.dosage import FIELDS as DOSAGE_FIELDS
from coach.domain.dosage import RANGES, WHOLE_NUMBERS, Dosage
from coach.domain.errors import UserError
from coach.domain.exercise import (
    Arrow,
    Category,
    Contact,
    Equipment,
    Exercise,
    Illustration,
    Keyframe,
    Position,
    PropPlacement,
    Region,
    SymptomTracking,
    View,
)
from coach.domain.figure import (
    CHAINS,
    JOINTS,
    POINTS,
    angle_problems,
    figure_points,
    lowest_point,
)
from coach.domain.figure_contacts import FLOOR, PROP_TARGETS, limb_joints, solved
from coach.domain.profile import ValidationError
from coach.domain.props import LYING_VIEW_PROPS
from coach.domain.sides import Sides
from coach.exchange import strict_json
from coach.exchange.strict_json import StrictJsonError, field_name, kind_of, quoted

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always fullmatch: "$" passes "id\n"
ID_MAX = 60
NAME_MAX = 80
SUMMARY_MAX = 400
LINE_MAX = 240  # one step, cue, caution or stop rule
LIST_MAX = 12
MAX_FILE_BYTES = 1024 * 1024  # the largest shipped exercise file is about 6 KB
FLOOR_TOLERANCE = 1.0  # figure units a pose may dip below the floor (about 1 cm)
POSITION_LIMIT = 1000.0  # figure units; the figure is about 175 tall

E = TypeVar("E", bound=StrEnum)

_TOP_LEVEL = {
    "format",
    "id",
    "name",
    "synonyms",
    "category",
    "regions",
    "position",
    "equipment",
    "summary",
    "steps",
    "cues",
    "cautions",
    "stop_rules",
    "symptom_tracking",
    "dosage",
    "dosage_source",
    "illustration",
}
_INTEGER_DOSAGE = WHOLE_NUMBERS
_DOSAGE_KEYS = list(DOSAGE_FIELDS)
_ILLUSTRATION = {
    "keyframes",
    "start",
    "end",
    "props",
    "placements",
    "arrows",
    "view_yaw",
    "view",
    "anchor",
    "emphasis",
}
_KEYFRAME = {"name", "root", "root_angle", "joints", "contacts"}
_CONTACT = {"point", "on", "by"}


class ExerciseFormatError(UserError, ValueError):
    """One thing wrong in one exercise file; `message` names the file and the field."""

    field: str

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}", field=field)
        self.file = file
        self.problem = message


@dataclass(frozen=True)
class Problem:
    """A file that could not be loaded, and why; the library shows these to the user."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class LoadedLibrary(NamedTuple):
    exercises: list[Exercise]
    problems: list[Problem]


# --- reading values ----------------------------------------------------------------------------


class _Reader:
    """Reads one JSON object, raising errors that name the file and the full field path."""

    def __init__(self, file: str, data: object, path: str = "") -> None:
        self.file = file
        self.path = path
        if not isinstance(data, dict):
            raise self.error("", f"must be an object ({{...}}), not {kind_of(data)}")
        self.data: dict[str, Any] = data

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> ExerciseFormatError:
        return ExerciseFormatError(
            self.file, self.where(key) if key else self.path or "(file)", message
        )

    def only(self, allowed: Iterable[str]) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise self.error(field_name(unknown[0]), "is not a field of this format (a typo?)")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> object:
        if key not in self.data:
            raise self.error(key, "is missing")
        return self.data[key]

    def child(self, key: str) -> _Reader:
        return _Reader(self.file, self.raw(key), self.where(key))

    def text(self, key: str, limit: int = LINE_MAX, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self.raw(key)
        if not isinstance(value, str):
            raise self.error(key, f"must be text, not {kind_of(value)}")
        value = " ".join(value.split())
        if not value and default is None:
            raise self.error(key, "must not be empty")
        if len(value) > limit:
            raise self.error(key, f"is {len(value)} characters long; at most {limit} are allowed")
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        if not required and key not in self.data:
            return ()
        items = self.items(key)
        if required and not items:
            raise self.error(key, "needs at least one entry")
        if len(items) > LIST_MAX:
            raise self.error(key, f"has {len(items)} entries; at most {LIST_MAX} are allowed")
        out = []
        for index, item in enumerate(items):
            where = f"{key}[{index}]"
            if not isinstance(item, str) or not item.strip():
                raise self.error(where, "must be non-empty text")
            line = " ".join(item.split())
            if len(line) > LINE_MAX:
                raise self.error(
                    where,
                    f"is {len(line)} characters long; at most {LINE_MAX} "
                    "are allowed (split it into two)",
                )
            out.append(line)
        return tuple(out)

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(key, f"must be a list ([...]), not {kind_of(value)}")
        return value

    def choice(self, key: str, kind: type[E], default: E | None = None) -> E:
        if default is not None and key not in self.data:
            return default
        return _choice(self, key, self.raw(key), kind)

    def choices(self, key: str, kind: type[E], required: bool = False) -> tuple[E, ...]:
        if not required and key not in self.data:
            return ()
        items = self.items(key)
        if required and not items:
            raise self.error(key, "needs at least one entry")
        out: list[E] = []
        for index, item in enumerate(items):
            value = _choice(self, f"{key}[{index}]", item, kind)
            if value in out:
                raise self.error(f"{key}[{index}]", f"{value.value!r} is listed twice")
            out.append(value)
        return tuple(out)

    def number(self, key: str, low: float, high: float, default: float | None = None) -> float:
        if default is not None and key not in self.data:
            return default
        value = self.raw(key)
        return _number(self, key, value, low, high)


def _number(reader: _Reader, key: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise reader.error(key, f"must be a number, not {kind_of(value)}")
    if not low <= value <= high:
        raise reader.error(key, f"is {value:g}; it must be between {low:g} and {high:g}")
    return float(value)


def _choice(reader: _Reader, key: str, value: object, kind: type[E]) -> E:
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str):
        raise reader.error(key, f"must be one of: {allowed}")
    try:
        return kind(value)
    except ValueError:
        raise reader.error(key, f"{quoted(value)} is not one of: {allowed}") from None


# --- the parts of an exercise ------------------------------------------------------------------


def _dosage(reader: _Reader) -> Dosage:
    reader.only(_DOSAGE_KEYS)
    values: dict[str, Any] = {}
    for key in _DOSAGE_KEYS:
        if key == "sides":
            values[key] = reader.choice(key, Sides)
            continue
        limits = RANGES[key]
        value = _number(reader, key, reader.raw(key), limits.low, limits.high)
        if key in _INTEGER_DOSAGE:
            if not value.is_integer():
                raise reader.error(key, f"must be a whole number, not {value:g}")
            values[key] = int(value)
        else:
            values[key] = value
    try:
        return Dosage(**values)
    except ValidationError as exc:
        raise reader.error(exc.field, exc.message) from None


def _keyframe(reader: _Reader, view_yaw: float) -> Keyframe:
    reader.only(_KEYFRAME)
    name = reader.text("name", 40)
    root_value = reader.raw("root")
    if not isinstance(root_value, list) or len(root_value) != 2:
        raise reader.error("root", "must be a list of two numbers [x, y]")
    x = _number(reader, "root[0]", root_value[0], -POSITION_LIMIT, POSITION_LIMIT)
    y = _number(reader, "root[1]", root_value[1], -POSITION_LIMIT, POSITION_LIMIT)
    angle = reader.number("root_angle", -360, 360, default=0.0)
    joints_reader = reader.child("joints")
    joints: dict[str, float] = {}
    for joint, value in joints_reader.data.items():
        if joint not in JOINTS:
            raise joints_reader.error(
                joint,
                "is not a joint of the figure; see the joint list in assets/exercises/README.md",
            )
        limits = JOINTS[joint]
        joints[joint] = _number(joints_reader, joint, value, -360, 360)
        if angle_problems({joint: joints[joint]}):
            raise joints_reader.error(
                joint,
                f"is {value:g} degrees; a person reaches {limits.low:g} to {limits.high:g} "
                f"({limits.meaning})",
            )
    return Keyframe(name, joints, (x, y), angle, _contacts(reader))


def _above_floor(reader: _Reader, index: int, frame: Keyframe, view_yaw: float) -> None:
    """Refuses a keyframe (as its contacts leave it) that puts the figure through the floor."""
    low = lowest_point(figure_points(frame, view_yaw), view_yaw)
    if low < -FLOOR_TOLERANCE:
        raise reader.error(
            f"keyframes[{index}].root",
            f"puts the figure {-low:.1f} units below the floor; raise root y or change the pose",
        )


def _contacts(reader: _Reader) -> tuple[Contact, ...]:
    """A keyframe's declared contacts: which point touches the floor, a prop or a body point."""
    if not reader.has("contacts"):
        return ()
    contacts = []
    targets = {FLOOR, *(e.value for e in PROP_TARGETS)}
    for index, item in enumerate(reader.items("contacts")):
        contact = _Reader(reader.file, item, reader.where(f"contacts[{index}]"))
        contact.only(_CONTACT)
        point = _point(contact, "point", contact.raw("point"))
        on = contact.text("on", 40)
        if on not in targets and on not in POINTS:
            raise contact.error(
                "on", f"{on!r} is not the floor, a prop ({', '.join(sorted(targets))}) or a point"
            )
        by = contact.text("by", 10, default="limb")
        if by not in ("limb", "root"):
            raise contact.error("by", "must be 'limb' or 'root'")
        if by == "limb" and not limb_joints(point):
            raise contact.error("point", f"{point!r} is not the end of a limb; use by 'root'")
        contacts.append(Contact(point, on, by))
    return tuple(contacts)


def _point(reader: _Reader, key: str, value: object) -> str:
    if not isinstance(value, str) or value not in POINTS:
        raise reader.error(
            key, f"{quoted(str(value))} is not a point of the figure; one of: " + ", ".join(POINTS)
        )
    return value


def _illustration(reader: _Reader) -> Illustration:
    reader.only(_ILLUSTRATION)
    view_yaw = reader.number("view_yaw", 0, 180, default=0.0)
    frames_value = reader.items("keyframes")
    if not frames_value:
        raise reader.error("keyframes", "needs at least one keyframe")
    frames: list[Keyframe] = []
    for index, item in enumerate(frames_value):
        frame = _keyframe(_Reader(reader.file, item, reader.where(f"keyframes[{index}]")), view_yaw)
        if any(other.name == frame.name for other in frames):
            raise reader.error(f"keyframes[{index}].name", f"{frame.name!r} is used twice")
        frames.append(frame)
    names = [frame.name for frame in frames]
    start = reader.text("start", 40)
    end = reader.text("end", 40)
    for key, name in (("start", start), ("end", end)):
        if name not in names:
            raise reader.error(key, f"{name!r} is not one of the keyframes: {', '.join(names)}")
    props = reader.choices("props", Equipment)
    view = reader.choice("view", View, default=View.SIDE)
    if view != View.SIDE:
        _lying_view(reader, view, props, frames[names.index(start)], view_yaw)
    placements = []
    if reader.has("placements"):
        for index, item in enumerate(reader.items("placements")):
            placed = _Reader(reader.file, item, reader.where(f"placements[{index}]"))
            placed.only({"equipment", "at"})
            equipment = placed.choice("equipment", Equipment)
            if equipment not in props:
                raise placed.error("equipment", f"{equipment.value!r} is not in props")
            placements.append(PropPlacement(equipment, _point(placed, "at", placed.raw("at"))))
    arrows = []
    if reader.has("arrows"):
        for index, item in enumerate(reader.items("arrows")):
            arrow = _Reader(reader.file, item, reader.where(f"arrows[{index}]"))
            arrow.only({"joint", "direction", "curved"})
            curved = arrow.data.get("curved", False)
            if not isinstance(curved, bool):
                raise arrow.error("curved", "must be true or false")
            arrows.append(
                Arrow(
                    _point(arrow, "joint", arrow.raw("joint")),
                    arrow.number("direction", -360, 360),
                    curved,
                )
            )
    anchor = reader.text("anchor", 40, default="")
    if anchor:
        _point(reader, "anchor", anchor)
    emphasis = reader.texts("emphasis")
    for index, chain in enumerate(emphasis):
        if chain not in CHAINS:
            raise reader.error(
                f"emphasis[{index}]", f"{chain!r} is not one of: {', '.join(CHAINS)}"
            )
    illustration = solved(
        Illustration(
            keyframes=tuple(frames),
            start=start,
            end=end,
            props=props,
            arrows=tuple(arrows),
            placements=tuple(placements),
            view_yaw=view_yaw,
            view=view,
            anchor=anchor,
            emphasis=emphasis,
        )
    )
    for index, frame in enumerate(illustration.keyframes):
        _above_floor(reader, index, frame, view_yaw)
    return illustration


def _lying_view(
    reader: _Reader, view: View, props: tuple[Equipment, ...], start: Keyframe, view_yaw: float
) -> None:
    """An end or the top camera looks along or down on a body lying down, and draws only the
    mat under it."""
    for index, prop in enumerate(props):
        if prop not in LYING_VIEW_PROPS:
            raise reader.error(
                f"props[{index}]",
                f"{prop.value!r} cannot be drawn with the view {view.value!r}; "
                f"only: {', '.join(sorted(p.value for p in LYING_VIEW_PROPS))}",
            )
    points = figure_points(start, view_yaw)
    along = abs(points["head"].x - points["pelvis"].x)
    if along <= abs(points["head"].y - points["pelvis"].y):
        raise reader.error(
            "view",
            f"{view.value!r} is for a body lying down, but the start keyframe "
            f"{start.name!r} is upright; use the side view",
        )


def _tracking(reader: _Reader, category: Category, regions: tuple[Region, ...]) -> SymptomTracking:
    tracking = reader.choice("symptom_tracking", SymptomTracking, default=SymptomTracking.NONE)
    if category == Category.MCKENZIE:
        if tracking == SymptomTracking.NONE:
            raise reader.error(
                "symptom_tracking",
                "McKenzie exercises track where symptoms reach: use lumbar or cervical",
            )
        if Region(tracking.value) not in regions:
            raise reader.error(
                "symptom_tracking",
                f"is {tracking.value!r} but regions does not include {tracking.value!r}",
            )
    elif tracking != SymptomTracking.NONE:
        raise reader.error("symptom_tracking", "only McKenzie exercises track symptoms; use none")
    return tracking


def parse_exercise(
    data: object, file: str = "(exercise)", expected_id: str | None = None
) -> Exercise:
    """One exercise from parsed JSON. Raises ExerciseFormatError naming file and field."""
    reader = _Reader(file, data)
    reader.only(_TOP_LEVEL)
    version = reader.number("format", 1, 1_000_000, default=float(FORMAT_VERSION))
    if version != FORMAT_VERSION:
        raise reader.error(
            "format",
            f"is {version:g}; this version of Coach reads format "
            f"{FORMAT_VERSION} (the file was written for a newer Coach)",
        )
    exercise_id = reader.text("id", ID_MAX)
    if not ID_PATTERN.fullmatch(exercise_id):
        raise reader.error(
            "id",
            f"{quoted(exercise_id)} must be lower-case letters and digits joined "
            "by single hyphens, e.g. prone-press-up",
        )
    if expected_id is not None and exercise_id != expected_id:
        raise reader.error(
            "id",
            f"is {quoted(exercise_id)} but the file is named {expected_id}.json; they must match",
        )
    category = reader.choice("category", Category)
    regions = reader.choices("regions", Region, required=True)
    return Exercise(
        id=exercise_id,
        name=reader.text("name", NAME_MAX),
        category=category,
        regions=regions,
        position=reader.choice("position", Position),
        summary=reader.text("summary", SUMMARY_MAX),
        steps=reader.texts("steps", required=True),
        dosage=_dosage(reader.child("dosage")),
        dosage_source=reader.text("dosage_source", SUMMARY_MAX),
        synonyms=reader.texts("synonyms"),
        equipment=reader.choices("equipment", Equipment),
        cues=reader.texts("cues"),
        cautions=reader.texts("cautions"),
        stop_rules=reader.texts("stop_rules"),
        symptom_tracking=_tracking(reader, category, regions),
        illustration=_illustration(reader.child("illustration"))
        if reader.has("illustration")
        else None,
    )


def load_exercise(path: Path) -> Exercise:
    """Read and check one exercise file; its id must match the file name."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = f"cannot be read: {exc.strerror or exc}"
        raise ExerciseFormatError(path.name, "(file)", reason) from None
    try:
        data = strict_json.loads(raw, max_bytes=MAX_FILE_BYTES, what="an exercise file")
    except StrictJsonError as exc:
        raise ExerciseFormatError(path.name, exc.field or "(file)", exc.problem) from None
    return parse_exercise(data, path.name, expected_id=path.stem)


def load_library(folder: Path) -> LoadedLibrary:
    """Every *.json exercise in `folder`, in file-name order, and what was wrong with the rest.

    Ids are unique because each must equal its file's name.
    """
    exercises: list[Exercise] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return LoadedLibrary([], [Problem(str(folder), "(folder)", "does not exist")])
    for path in sorted(folder.glob("*.json")):
        try:
            exercises.append(load_exercise(path))
        except ExerciseFormatError as exc:
            problems.append(Problem(exc.file, exc.field, exc.problem))
    return LoadedLibrary(exercises, problems)


# --- writing -----------------------------------------------------------------------------------


def _clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def _dosage_dict(dosage: Dosage) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _DOSAGE_KEYS:
        value = getattr(dosage, key)
        out[key] = value.value if isinstance(value, Sides) else _clean(value)
    return out


def _illustration_dict(illustration: Illustration) -> dict[str, Any]:
    out: dict[str, Any] = {
        "view_yaw": _clean(illustration.view_yaw),
        **({"view": illustration.view.value} if illustration.view != View.SIDE else {}),
        "start": illustration.start,
        "end": illustration.end,
        "props": [p.value for p in illustration.props],
    }
    if illustration.placements:
        out["placements"] = [
            {"equipment": p.equipment.value, "at": p.at} for p in illustration.placements
        ]
    if illustration.anchor:
        out["anchor"] = illustration.anchor
    if illustration.emphasis:
        out["emphasis"] = list(illustration.emphasis)
    out["arrows"] = [
        {"joint": a.joint, "direction": _clean(a.direction), "curved": a.curved}
        for a in illustration.arrows
    ]
    out["keyframes"] = [
        {
            "name": frame.name,
            "root": [_clean(frame.root[0]), _clean(frame.root[1])],
            "root_angle": _clean(frame.root_angle),
            "joints": {name: _clean(value) for name, value in sorted(frame.joints.items())},
            **({"contacts": [_contact_dict(c) for c in frame.contacts]} if frame.contacts else {}),
        }
        for frame in illustration.keyframes
    ]
    return out


def _contact_dict(contact: Contact) -> dict[str, str]:
    out = {"point": contact.point, "on": contact.on}
    if contact.by != "limb":
        out["by"] = contact.by
    return out


def to_json_dict(exercise: Exercise) -> dict[str, Any]:
    """The file form of an exercise (what parse_exercise reads back to the same exercise)."""
    out: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": exercise.id,
        "name": exercise.name,
        "synonyms": list(exercise.synonyms),
        "category": exercise.category.value,
        "regions": [r.value for r in exercise.regions],
        "position": exercise.position.value,
        "equipment": [e.value for e in exercise.equipment],
        "summary": exercise.summary,
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "cautions": list(exercise.cautions),
        "stop_rules": list(exercise.stop_rules),
        "symptom_tracking": exercise.symptom_tracking.value,
        "dosage": _dosage_dict(exercise.dosage),
        "dosage_source": exercise.dosage_source,
    }
    if exercise.illustration is not None:
        out["illustration"] = _illustration_dict(exercise.illustration)
    return out
