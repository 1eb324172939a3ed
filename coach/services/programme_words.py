"""A programme item's schedule and weekly progression in plain words.

Shared by the builder, the import preview and the command line, so each says "Mon, Wed and
Fri" or "3 days a week" the same way; the dosage itself is coach.services.dosage_words.
"""

from __future__ import annotations

from coach.domain.dosage import label
from coach.domain.programme import EVERY_DAY, ProgrammeItem, Progressable, Progression
from coach.services.dosage_words import duration, times

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def schedule(item: ProgrammeItem) -> str:
    count = item.days_per_week()
    per_day = f"{times(item.dosage.times_per_day)} a day"
    if item.days is None:
        return f"{per_day}, any {count} day{'s' if count != 1 else ''} a week"
    if item.days == EVERY_DAY:
        return f"{per_day}, every day"
    names = [DAY_NAMES[d] for d in sorted(item.days)]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{per_day}, on {listed}"


def progression(value: Progression) -> str:
    if value.field is Progressable.HOLD_S:
        return f"Hold {duration(value.step)} longer each week, up to {duration(value.limit)}."
    noun = label(value.field.value).lower()
    return f"{noun.capitalize()}: {value.step:g} more each week, up to {value.limit:g}."
