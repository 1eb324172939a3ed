"""Adherence, defined transparently (shared/CLINICAL.md, "Adherence").

Per programme item and local day, the prescribed sessions (its times a day, on its scheduled days)
are set against the completed ones; a partial exercise counts as sets done / sets prescribed, and
an item never earns more than it prescribed, so extra sessions of one exercise cannot hide a
missed one. Daily and weekly adherence sum these over the day's or week's items. A day with
nothing prescribed is absent, never zero: `Tally.ratio` is None there.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.dosage import Sides

ADHERENT = 0.8  # 80 % or more is usually called adherent


@dataclass(frozen=True)
class Tally:
    """Prescribed and credited sessions, summed over items, days or weeks."""

    prescribed: float = 0.0
    done: float = 0.0

    @property
    def ratio(self) -> float | None:
        if self.prescribed <= 0:
            return None
        return min(1.0, self.done / self.prescribed)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.prescribed + other.prescribed, self.done + other.done)


def item_tally(prescribed: float, done: float) -> Tally:
    """One item over some days: what it earns is capped at what it prescribed."""
    return Tally(prescribed, min(max(0.0, done), prescribed))


def session_fraction(done_reps: int, planned_reps: int, planned_sets: int, sides: Sides) -> float:
    """How much of one prescribed session a logged exercise is worth: sets done / sets prescribed.

    `planned_reps` is per set and side, as prescribed; `done_reps` counts every repetition done,
    each side separately, so partial sets count for what was done of them.
    """
    per_set = planned_reps * (2 if sides in (Sides.BOTH, Sides.ALTERNATE) else 1)
    if per_set <= 0 or planned_sets <= 0:
        return 0.0
    return min(1.0, done_reps / per_set / planned_sets)


def percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{round(ratio * 100)} %"
