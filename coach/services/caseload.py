"""The caseload as the Patients page shows it: figures and flags for every patient at once.

Read in a few statements for the whole caseload (coach.store.caseload_queries for the figures,
coach.store.caseload_credit for adherence) so the page paints quickly however many patients
there are; the flags are decided here, from those figures, so the page only words them.

"Exercises done" over the last 7 and 28 days is the Progress page's adherence for the same days
(shared/CLINICAL.md): credit over what the programme prescribed, days without a session
counting as nothing done, not over what happened to be logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from coach.domain.adherence import Adherence
from coach.store.caseload_row import CaseloadRow

# The page can then show kept figures before the database layer (and the ledger that works
# the figures out from it) is loaded.
if TYPE_CHECKING:
    from coach.domain.adherence_ledger import FlexCredit
    from coach.services.database import Database
    from coach.services.profile import ProfileService
    from coach.store.caseload_credit import Credit, Schedule

# A patient who has not exercised for this many days is flagged.
QUIET_DAYS = 7
# The two adherence figures: the last week and the last four weeks, today included.
WEEK_DAYS = 7
MONTH_DAYS = 28


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
    # Adherence over the last 7 and 28 days; None when nothing was prescribed in them.
    last_7: Adherence | None = None
    last_28: Adherence | None = None

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
        from coach.store import caseload_credit, caseload_queries
        from coach.store.caseload_credit import Credit

        today = self._profile.today() if on is None else on
        first_7 = today - timedelta(days=WEEK_DAYS - 1)
        first_28 = today - timedelta(days=MONTH_DAYS - 1)
        with self._db.read() as conn:
            rows = caseload_queries.caseload(conn, today, archived=archived)
            schedules = caseload_credit.schedules(conn)
            flexible = [pid for pid, schedule in schedules.items() if schedule.flexible]
            credit = caseload_credit.caseload_credit(conn, first_28, first_7, today, flexible)
        none = Credit()
        entries = []
        for row in rows:
            pid = row.patient_id
            schedule = schedules.get(pid)
            flex = credit.flexible.get(pid, [])
            entries.append(
                CaseloadEntry(
                    row,
                    flags_of(row, today),
                    _period(schedule, first_7, today, credit.recent.get(pid, none), flex),
                    _period(schedule, first_28, today, credit.whole.get(pid, none), flex),
                )
            )
        return entries


def _period(
    schedule: Schedule | None,
    first: date,
    last: date,
    fixed: Credit,
    flexible: list[FlexCredit],
) -> Adherence | None:
    """The Progress page's adherence over first..last (ProgressService.adherence). The fixed-day
    items' credit comes capped per day from SQL; a day with nothing prescribed caps it at
    nothing, so its sum is the ledger's own. Their prescription is counted by weekday. Only a
    schedule with flexible items needs the ledger itself, for their weekly quotas and credit."""
    from coach.domain.adherence_ledger import Ledger, fixed_sessions, version_windows

    if schedule is None:
        return None
    windows = version_windows(schedule.spans, schedule.versions, first, last)
    if not schedule.flexible:
        prescribed = fixed_sessions(windows)
        if not prescribed:
            return None
        return Adherence(first, last, fixed.done, prescribed, fixed.full, fixed.partly)
    flex = [f for f in flexible if first <= f.day <= last]
    period = Ledger.build(windows, first, last, {}, flex).period()
    if period is None:
        return None
    return Adherence(
        first,
        last,
        period.done + fixed.done,
        period.prescribed,
        period.full + fixed.full,
        period.partly + fixed.partly,
    )
