"""Exercise programmes: what to do, how much, on which days, and how it grows week by week.

A programme is an ordered list of items, each an exercise with its dosage and schedule. Editing
an active programme never rewrites the past: the store keeps versions, each effective from a
local day, and a day's prescription is the version in force on that day (see
`coach.store.programme_repo`). A patient may follow several programmes at once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coach.domain.dosage import RANGES, Dosage
from coach.domain.profile import ValidationError

NAME_MAX = 120
NOTE_MAX = 2000
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = frozenset(range(7))
# Short programmes are followed more faithfully than long ones (CLINICAL.md).
COMFORTABLE_LENGTH = 4


class Progressable(StrEnum):
    """The dosage fields a weekly progression may raise."""

    HOLD_S = "hold_s"
    REPS = "reps"
    SETS = "sets"


@dataclass(frozen=True)
class Progression:
    """Raise one dosage field by `step` each week after the programme starts, up to `limit`
    (for example +2 s hold each week up to 10 s)."""

    field: Progressable
    step: float
    limit: float

    def __post_init__(self) -> None:
        bounds = RANGES[self.field.value]
        if not 0 < self.step <= bounds.high:
            raise ValidationError("progression", "The weekly increase must be more than 0.")
        if not bounds.low <= self.limit <= bounds.high:
            raise ValidationError(
                "progression",
                f"The progression limit must be between {bounds.low:g} and {bounds.high:g}.",
            )

    def applied(self, dosage: Dosage, weeks: int) -> Dosage:
        """The dosage after `weeks` whole weeks; never lowered, never past the limit."""
        if weeks <= 0:
            return dosage
        current = float(getattr(dosage, self.field.value))
        if current >= self.limit:
            return dosage
        raised = min(self.limit, current + self.step * weeks)
        if self.field is Progressable.HOLD_S:
            return dataclasses.replace(dosage, hold_s=raised)
        if self.field is Progressable.REPS:
            return dataclasses.replace(dosage, reps=int(raised))
        return dataclasses.replace(dosage, sets=int(raised))


@dataclass(frozen=True)
class ProgrammeItem:
    exercise_id: str
    dosage: Dosage
    # Fixed weekdays (0 = Monday). None means "any dosage.days_per_week days of the week".
    days: frozenset[int] | None = EVERY_DAY
    progression: Progression | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not self.exercise_id:
            raise ValidationError("exercise_id", "Each item needs an exercise.")
        if self.days is not None:
            if not self.days:
                raise ValidationError("days", "Choose at least one day of the week.")
            if not self.days <= EVERY_DAY:
                raise ValidationError("days", "Days of the week are numbered 0 to 6.")
            if self.dosage.days_per_week != len(self.days):
                # Fixed days say how many days a week; keep the dosage saying the same.
                fixed = dataclasses.replace(self.dosage, days_per_week=len(self.days))
                object.__setattr__(self, "dosage", fixed)
        if len(self.note) > NOTE_MAX:
            raise ValidationError("note", f"Please keep the note under {NOTE_MAX} characters.")

    @property
    def flexible(self) -> bool:
        return self.days is None

    def days_per_week(self) -> int:
        return self.dosage.days_per_week if self.days is None else len(self.days)

    def dosage_on(self, day: date, programme_start: date) -> Dosage:
        """The dosage in force on `day`, after any weekly progression."""
        if self.progression is None:
            return self.dosage
        return self.progression.applied(self.dosage, (day - programme_start).days // 7)


@dataclass(frozen=True)
class Author:
    name: str = ""
    clinic: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Programme:
    uid: str
    name: str
    start_date: date
    items: tuple[ProgrammeItem, ...] = ()
    goal: str = ""
    notes: str = ""
    author: Author = Author()
    review_date: date | None = None
    end_date: date | None = None
    is_template: bool = False
    id: int | None = None

    def validated(self) -> Programme:
        """This programme with its name tidied, or ValidationError naming the field."""
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("name", "Please give the programme a name.")
        if len(name) > NAME_MAX:
            raise ValidationError("name", f"Please keep the name under {NAME_MAX} characters.")
        for field in ("goal", "notes"):
            if len(getattr(self, field)) > NOTE_MAX:
                raise ValidationError(field, f"Please keep this under {NOTE_MAX} characters.")
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValidationError("end_date", "The end date is before the start date.")
        if self.review_date is not None and self.review_date < self.start_date:
            raise ValidationError("review_date", "The review date is before the start date.")
        if not self.items:
            raise ValidationError("items", "Add at least one exercise.")
        return dataclasses.replace(self, name=name)

    def is_active_on(self, day: date) -> bool:
        if self.is_template or day < self.start_date:
            return False
        return self.end_date is None or day <= self.end_date

    @property
    def is_long(self) -> bool:
        return len(self.items) > COMFORTABLE_LENGTH


def days_mask(days: frozenset[int] | None) -> int:
    """Weekdays as a bit mask (bit 0 = Monday), the store's representation."""
    if days is None:
        return 127
    return sum(1 << d for d in days)


def days_from_mask(mask: int) -> frozenset[int]:
    return frozenset(d for d in range(7) if mask & (1 << d))


def is_scheduled(item: ProgrammeItem, day: date) -> bool:
    """Whether the item is prescribed on `day`. A flexible item ("N days a week") may be done
    on any day; how many of those days count is a weekly question for adherence."""
    return item.days is None or day.weekday() in item.days
