"""What a mutation changed, so each page can refresh only when its own data moved.

The pattern every use case follows (see services/profile.py for a small example):

    def do_something(self, ...) -> Changes:
        value = domain_rule(...)              # validate first: raises ValidationError
        with self.db.transaction() as conn:   # one short transaction per user action
            repository.write(conn, value)
        return Changes.of(Area.SOMETHING)

The GUI emits the record on one signal; a page whose areas it does not touch does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Area(StrEnum):
    PROFILE = "profile"
    PATIENTS = "patients"  # the caseload: a patient added, edited, archived or deleted
    SETTINGS = "settings"
    EXERCISES = "exercises"
    PROGRAMMES = "programmes"
    SESSIONS = "sessions"
    DIARY = "diary"
    TREATMENTS = "treatments"
    OUTCOMES = "outcomes"
    EVERYTHING = "everything"  # a restore or import replaced the data wholesale


@dataclass(frozen=True)
class Changes:
    areas: frozenset[Area] = frozenset()

    @classmethod
    def of(cls, *areas: Area) -> Changes:
        return cls(frozenset(areas))

    def touches(self, *areas: Area) -> bool:
        return Area.EVERYTHING in self.areas or any(a in self.areas for a in areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)

    def __bool__(self) -> bool:
        return bool(self.areas)


NOTHING = Changes()
