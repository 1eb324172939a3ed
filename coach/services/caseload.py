"""The caseload as the Patients page shows it: figures and flags for every patient at once.

Read in one query (coach.store.caseload_queries) so the page paints quickly however many
patients there are; the flags are decided here, from those figures, so the page only words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from coach.store.caseload_row import CaseloadRow

if TYPE_CHECKING:  # the page can then show kept figures before the database layer is loaded
    from coach.services.database import Database
    from coach.services.profile import ProfileService

# A patient who has not exercised for this many days is flagged.
QUIET_DAYS = 7


class Flag(Enum):
    RED_FLAG = "red_flag"
    SPREADING = "spreading"
    QUESTION = "question"
    NO_SESSION = "no_session"
    REVIEW_DUE = "review_due"


@dataclass(frozen=True)
class CaseloadEntry:
    figures: CaseloadRow
    flags: tuple[Flag, ...]

    @property
    def pain_trend(self) -> float | None:
        """This week's mean pain minus last week's (negative is better); None without both."""
        now, before = self.figures.pain_this_week, self.figures.pain_last_week
        return None if now is None or before is None else round(now - before, 1)


def flags_of(row: CaseloadRow, today: date) -> tuple[Flag, ...]:
    found: list[Flag] = []
    if row.red_flag:
        found.append(Flag.RED_FLAG)
    if row.peripheralized:
        found.append(Flag.SPREADING)
    if row.question:
        found.append(Flag.QUESTION)
    if row.active_programmes and (
        row.last_session is None or row.last_session < today - timedelta(days=QUIET_DAYS)
    ):
        found.append(Flag.NO_SESSION)
    if row.review_date is not None and row.review_date <= today:
        found.append(Flag.REVIEW_DUE)
    return tuple(found)


class CaseloadService:
    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile

    def entries(self, *, archived: bool = False, on: date | None = None) -> list[CaseloadEntry]:
        """Every active (or archived) patient, by name, with figures as of today (or `on`)."""
        from coach.store import caseload_queries

        today = self._profile.today() if on is None else on
        with self._db.read() as conn:
            rows = caseload_queries.caseload(conn, today, archived=archived)
        return [CaseloadEntry(row, flags_of(row, today)) for row in rows]
