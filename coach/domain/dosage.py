"""How much of an exercise to do: the prescription a therapist sets and the session follows.

One type serves the exercise library's defaults, programme items and the session engine, so the
ranges below are the single place that says what a sensible prescription is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from coach.domain.profile import ValidationError
from coach.domain.sides import Sides


@dataclass(frozen=True)
class NumberField:
    """One number of a prescription, declared once: the file formats, the store and the editors
    all read their field lists, ranges and whole-number rules from `NUMBERS`."""

    name: str
    label: str  # the words a user sees for it
    low: float
    high: float
    unit: str
    whole: bool = False  # a count (sets, repetitions), not seconds
    step: float = 1  # the natural increment when editing it


NUMBERS: tuple[NumberField, ...] = (
    NumberField("sets", "Sets", 1, 10, "sets", whole=True),
    NumberField("reps", "Repetitions", 1, 50, "repetitions", whole=True),
    NumberField("hold_s", "Hold", 0, 600, "seconds"),
    NumberField("rest_s", "Rest", 0, 300, "seconds"),
    NumberField("move_s", "Time to move", 0.5, 10, "seconds", step=0.5),
    NumberField("return_s", "Time to return", 0.5, 10, "seconds", step=0.5),
    NumberField("times_per_day", "Times a day", 1, 12, "times a day", whole=True),
    NumberField("days_per_week", "Days a week", 1, 7, "days a week", whole=True),
)
RANGES: dict[str, NumberField] = {number.name: number for number in NUMBERS}
# Counts are whole numbers in the type itself: 2.5 sets would reach the session engine (which
# loops over them) from any path that builds a Dosage, so none may build one.
WHOLE_NUMBERS = frozenset(number.name for number in NUMBERS if number.whole)
# A programme item's schedule (its weekdays, or N days a week) says how many days a week, so
# programme files and the programme editor keep this field apart from the per-session numbers.
SCHEDULE_FIELD = "days_per_week"


@dataclass(frozen=True)
class Dosage:
    sets: int = 1
    reps: int = 10
    hold_s: float = 0
    rest_s: float = 30
    move_s: float = 2  # tempo: seconds to move into the position
    return_s: float = 2  # tempo: seconds to come back
    sides: Sides = Sides.NONE
    times_per_day: int = 1
    days_per_week: int = 7

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name not in RANGES:
                continue
            value = getattr(self, f.name)
            limits = RANGES[f.name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValidationError(f.name, f"{f.name} must be a number")
            fraction = f.name in WHOLE_NUMBERS and not isinstance(value, int)
            if fraction or not limits.low <= value <= limits.high:
                raise ValidationError(
                    f.name,
                    f"{label(f.name)} must be {'a whole number ' if fraction else ''}between "
                    f"{limits.low:g} and {limits.high:g} {limits.unit}.",
                )
        if not isinstance(self.sides, Sides):
            raise ValidationError("sides", f"unknown sides value {self.sides!r}")

    @property
    def side_count(self) -> int:
        """How many times each set is done: twice for both sides, once otherwise."""
        return 2 if self.sides in (Sides.BOTH, Sides.ALTERNATE) else 1


def label(field_name: str) -> str:
    """The words a user sees for a dosage field."""
    number = RANGES.get(field_name)
    return number.label if number is not None else field_name


# Every field of a dosage in declaration order (the numbers and `sides`), and those that say how
# one session is done: what a programme file's "dosage" object and the programme editor hold.
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Dosage))
SESSION_FIELDS: tuple[str, ...] = tuple(name for name in FIELDS if name != SCHEDULE_FIELD)
