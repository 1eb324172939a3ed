"""Adherence, defined transparently (shared/CLINICAL.md, "Adherence"): what one log earns.

Per programme item and local day, the prescribed sessions (its times a day, on its scheduled days)
are set against the completed ones; one logged exercise earns its `done_fraction`, so a done
exercise is one session, a skipped one none, and a partly done one the share of its work that
was performed. coach.domain.adherence_ledger adds this up over days, weeks and periods into the
`Adherence` figures defined here (here, not there, so the Today page can show a week's figures
without importing the ledger). coach.store.progress_queries.log_credit is the same formula in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from coach.domain.sides import Sides

ADHERENT = 0.8  # 80 % or more is usually called adherent
# Seconds are measured as differences of float clock readings: 119.9999999 s of a 120 s hold
# is the whole hold.
_WHOLE = 1e-6


def done_fraction(
    *,
    planned_sets: int,
    planned_reps: int,
    sides: Sides | str,
    planned_hold_s: float,
    done_reps: int,
    done_hold_s: float,
    done_sets: int = 0,
) -> float:
    """The share of one exercise's prescribed work that was performed, 0..1.

    shared/CLINICAL.md: "an exercise's done fraction is the work performed over the work
    prescribed, counting repetitions for moving exercises and seconds held for holds, over
    every set and side. Skipped or cut-short work lowers it; 'done' means the fraction is 1."

    `planned_reps` is per set and side, as prescribed. `done_reps` counts the repetitions in
    which work was performed, each side separately, and `done_hold_s` is the mean seconds held
    in those repetitions (0 for a moving exercise), so their product is the seconds held in all.
    A set finished in full (`done_sets`) is never worth less than itself: rows that only know
    their whole sets are credited for those.
    """
    per_set = planned_reps * (2 if sides in (Sides.BOTH, Sides.ALTERNATE) else 1)
    if per_set <= 0 or planned_sets <= 0:
        return 0.0
    reps = per_set * planned_sets
    if planned_hold_s > 0:
        work = done_reps * done_hold_s / (reps * planned_hold_s)
    else:
        work = done_reps / reps
    fraction = max(work, done_sets / planned_sets)
    return 1.0 if fraction >= 1 - _WHOLE else max(0.0, fraction)


def is_done(fraction: float) -> bool:
    """Done means all of the prescribed work (CLINICAL.md); anything less is partly done."""
    return fraction >= 1 - _WHOLE


class Adherence(NamedTuple):
    """Credit against prescription over a day, a week or a period (first..last inclusive).

    A named tuple rather than a frozen dataclass: ten years of daily figures are 3 600 of them,
    and a tuple is made several times faster."""

    first: date
    last: date
    done: float  # the credit: each session's done fraction, summed (the figures use this)
    prescribed: float
    full: int = 0  # sessions done in full (what the patient reads, with `partly`)
    partly: int = 0  # sessions with part of the work done

    @property
    def sessions(self) -> int:
        """The prescribed sessions as a whole number (a flexible item's weekly share of a
        period is fractional)."""
        return round(self.prescribed)

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.prescribed) if self.prescribed > 0 else 0.0

    @property
    def percent(self) -> float:
        return 100.0 * self.fraction

    @property
    def adherent(self) -> bool:
        return self.fraction >= ADHERENT
