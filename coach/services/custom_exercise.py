"""What a custom exercise may contain, and how it is stored.

A user's own exercise is a smaller thing than a shipped one: name, summary, steps, cautions,
dosage, where it sits in the library (category, region, position) and an optional picture
instead of the drawn figure. Its definition is stored as JSON with the same field names as a
shipped exercise file (assets/exercises/README.md), so one vocabulary describes every exercise.

Reading a stored definition validates it again: a row written by a newer Coach or edited by
hand is reported with the field that is wrong instead of breaking the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from coach.domain.dosage import Dosage
from coach.domain.exercise import Category, Exercise, Position, Region
from coach.domain.profile import ValidationError
from coach.domain.sides import Sides

ID_PREFIX = "custom-"
NAME_MAX = 120
SUMMARY_MAX = 400
LINE_MAX = 300
STEPS_MAX = 20
CAUTIONS_MAX = 10
DOSAGE_SOURCE = "Chosen by the person who added this exercise."

# People often type their own numbering; the library numbers steps itself.
_TYPED_NUMBER = re.compile(r"^\s*(?:step\s*)?\d{1,2}\s*[.):-]\s*", re.IGNORECASE)

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class ExerciseDraft:
    """What the custom-exercise dialog hands to the service to create or edit an exercise."""

    name: str
    steps: tuple[str, ...]
    summary: str = ""
    cautions: tuple[str, ...] = ()
    dosage: Dosage = field(default_factory=Dosage)
    category: Category = Category.CORE
    region: Region = Region.LUMBAR
    position: Position = Position.STANDING
    new_image: Path | None = None  # a file the user just chose: checked and copied in on save
    kept_image: str | None = None  # the stored image of the exercise being edited


def clean_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise ValidationError("name", "Please give the exercise a name.")
    if len(name) > NAME_MAX:
        raise ValidationError("name", f"Please keep the name under {NAME_MAX} characters.")
    return name


def clean_summary(raw: str) -> str:
    summary = " ".join(raw.split())
    if len(summary) > SUMMARY_MAX:
        raise ValidationError("summary", f"Please keep the summary under {SUMMARY_MAX} characters.")
    return summary


def clean_steps(raw: tuple[str, ...]) -> tuple[str, ...]:
    steps = _lines(raw, "steps", "step", STEPS_MAX)
    if not steps:
        raise ValidationError("steps", "Please write at least one step, one action per line.")
    return steps


def clean_cautions(raw: tuple[str, ...]) -> tuple[str, ...]:
    return _lines(raw, "cautions", "caution", CAUTIONS_MAX)


def clean(draft: ExerciseDraft) -> ExerciseDraft:
    """The draft with text tidied, or ValidationError naming the field that needs attention."""
    name = clean_name(draft.name)
    summary = clean_summary(draft.summary)
    steps = clean_steps(draft.steps)
    cautions = clean_cautions(draft.cautions)
    for name_of, value, kind in (
        ("category", draft.category, Category),
        ("region", draft.region, Region),
        ("position", draft.position, Position),
    ):
        if not isinstance(value, kind):
            raise ValidationError(name_of, f"Please choose a {name_of}.")
    if not isinstance(draft.dosage, Dosage):
        raise ValidationError("dosage", "Please fill in the dosage.")
    return replace(draft, name=name, summary=summary, steps=steps, cautions=cautions)


def _lines(raw: tuple[str, ...], field_name: str, noun: str, most: int) -> tuple[str, ...]:
    lines = tuple(
        text for line in raw if (text := " ".join(_TYPED_NUMBER.sub("", line, count=1).split()))
    )
    if len(lines) > most:
        raise ValidationError(field_name, f"Please keep it to {most} {noun}s or fewer.")
    for number, line in enumerate(lines, start=1):
        if len(line) > LINE_MAX:
            raise ValidationError(
                field_name,
                f"{noun.capitalize()} {number} is too long; please keep each under "
                f"{LINE_MAX} characters.",
            )
    return lines


def definition_of(draft: ExerciseDraft) -> dict[str, Any]:
    """The stored JSON for a cleaned draft, in the shipped exercise file's vocabulary."""
    dosage = {f.name: getattr(draft.dosage, f.name) for f in fields(Dosage)}
    dosage["sides"] = draft.dosage.sides.value
    return {
        "name": draft.name,
        "summary": draft.summary,
        "category": draft.category.value,
        "regions": [draft.region.value],
        "position": draft.position.value,
        "steps": list(draft.steps),
        "cautions": list(draft.cautions),
        "dosage": dosage,
        "dosage_source": DOSAGE_SOURCE,
    }


def exercise_of(uid: str, definition: dict[str, Any], image_path: str | None) -> Exercise:
    """Rebuild an Exercise from its stored definition; ValidationError names a bad field."""
    draft = clean(
        ExerciseDraft(
            name=_text(definition, "name"),
            summary=_text(definition, "summary"),
            steps=_texts(definition, "steps"),
            cautions=_texts(definition, "cautions"),
            dosage=_dosage(definition.get("dosage")),
            category=_choice(Category, definition.get("category"), "category"),
            region=_choice(Region, _first(definition.get("regions")), "regions"),
            position=_choice(Position, definition.get("position"), "position"),
        )
    )
    return Exercise(
        id=uid,
        name=draft.name,
        category=draft.category,
        regions=(draft.region,),
        position=draft.position,
        summary=draft.summary,
        steps=draft.steps,
        dosage=draft.dosage,
        dosage_source=_text(definition, "dosage_source") or DOSAGE_SOURCE,
        cautions=draft.cautions,
        image_path=image_path,
        custom=True,
    )


def draft_of(exercise: Exercise) -> ExerciseDraft:
    """A draft holding a custom exercise as it is, for the edit dialog."""
    return ExerciseDraft(
        name=exercise.name,
        steps=exercise.steps,
        summary=exercise.summary,
        cautions=exercise.cautions,
        dosage=exercise.dosage,
        category=exercise.category,
        region=exercise.regions[0] if exercise.regions else Region.LUMBAR,
        position=exercise.position,
        kept_image=Path(exercise.image_path).name if exercise.image_path else None,
    )


def _text(definition: dict[str, Any], key: str) -> str:
    value = definition.get(key, "")
    if not isinstance(value, str):
        raise ValidationError(key, f"{key} must be text, not {type(value).__name__}")
    return value


def _texts(definition: dict[str, Any], key: str) -> tuple[str, ...]:
    value = definition.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(key, f"{key} must be a list of text lines")
    return tuple(value)


def _echo(value: Any) -> str:
    """A value from an imported file, cut short enough for a one-line message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _choice(kind: type[E], value: Any, key: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ValidationError(key, f"{_echo(value)} is not one of: {allowed}") from None


def _dosage(value: Any) -> Dosage:
    if not isinstance(value, dict):
        raise ValidationError("dosage", "dosage must be an object with sets, reps and so on")
    known = {f.name for f in fields(Dosage)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValidationError("dosage", f"unknown dosage field {_echo(unknown[0])}")
    values = dict(value)
    if "sides" in values:
        values["sides"] = _choice(Sides, values["sides"], "dosage.sides")
    try:
        return Dosage(**values)
    except ValidationError as exc:
        raise ValidationError(f"dosage.{exc.field}", exc.message) from exc
