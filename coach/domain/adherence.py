"""Adherence, defined transparently (shared/CLINICAL.md, "Adherence"): what one log earns.

Per programme item and local day, the prescribed sessions (its times a day, on its scheduled days)
are set against the completed ones; a done exercise is one session, a skipped one none, and a
partial one counts as sets done / sets prescribed. coach.domain.adherence_ledger adds this up
over days, weeks and periods into the `Adherence` figures defined here (here, not there, so the
Today page can show a week's figures without importing the ledger).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.domain.dosage import Sides

ADHERENT = 0.8  # 80 % or more is usually called adherent


def session_fraction(done_reps: int, planned_reps: int, planned_sets: int, sides: Sides) -> float:
    """How much of one prescribed session a partial exercise is worth: sets done / prescribed.

    `planned_reps` is per set and side, as prescribed; `done_reps` counts every repetition done,
    each side separately, so partial sets count for what was done of them.
    """
    per_set = planned_reps * (2 if sides in (Sides.BOTH, Sides.ALTERNATE) else 1)
    if per_set <= 0 or planned_sets <= 0:
        return 0.0
    return min(1.0, done_reps / per_set / planned_sets)


@dataclass(frozen=True)
class Adherence:
    """Credit against prescription over a day, a week or a period (first..last inclusive)."""

    first: date
    last: date
    done: float
    prescribed: float

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.prescribed) if self.prescribed > 0 else 0.0

    @property
    def percent(self) -> float:
        return 100.0 * self.fraction

    @property
    def adherent(self) -> bool:
        return self.fraction >= ADHERENT
