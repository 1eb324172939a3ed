"""One patient's figures on the Patients page, as the caseload query returns them.

Plain values in a module of their own, apart from the query (caseload_queries.py), so that the
first screen kept at exit can show the Patients page again before SQLAlchemy is imported
(coach.services.first_screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CaseloadRow:
    patient_id: int
    name: str
    identifier: str
    date_of_birth: date | None
    active_programmes: int
    review_date: date | None
    last_session: date | None
    pain_this_week: float | None
    pain_last_week: float | None
    red_flag: bool
    peripheralized: bool
    question: bool
