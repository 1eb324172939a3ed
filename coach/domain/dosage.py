"""How much of an exercise to do: the prescription a therapist sets and the session follows.

One type serves the exercise library's defaults, programme items and the session engine, so the
ranges below are the single place that says what a sensible prescription is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from coach.domain.profile import ValidationError


class Sides(StrEnum):
    """Which side(s) a one-sided exercise is done on."""

    NONE = "none"  # symmetrical exercise: no sides
    BOTH = "both"  # all sets on one side, then all on the other
    ALTERNATE = "alternate"  # left and right take turns rep by rep
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str


RANGES: dict[str, Range] = {
    "sets": Range(1, 10, "sets"),
    "reps": Range(1, 50, "repetitions"),
    "hold_s": Range(0, 600, "seconds"),
    "rest_s": Range(0, 300, "seconds"),
    "move_s": Range(0.5, 10, "seconds"),
    "return_s": Range(0.5, 10, "seconds"),
    "times_per_day": Range(1, 12, "times a day"),
    "days_per_week": Range(1, 7, "days a week"),
}
# Counts are whole numbers in the type itself: 2.5 sets would reach the session engine (which
# loops over them) from any path that builds a Dosage, so none may build one.
COUNTS = frozenset({"sets", "reps", "times_per_day", "days_per_week"})


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
            fraction = f.name in COUNTS and not isinstance(value, int)
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
    return {
        "sets": "Sets",
        "reps": "Repetitions",
        "hold_s": "Hold",
        "rest_s": "Rest",
        "move_s": "Time to move",
        "return_s": "Time to return",
        "times_per_day": "Times a day",
        "days_per_week": "Days a week",
    }.get(field_name, field_name)
