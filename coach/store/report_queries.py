"""Reads that only the printed progress sheet needs: symptom responses that spread outwards.

The Progress page has no use for them, so they live apart from progress_queries; the sheet lists
each peripheralization so the therapist sees which exercise and which day it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from coach.store.schema import exercise_log, symptom_response


@dataclass(frozen=True)
class SpreadRow:
    """One logged exercise after which symptoms reached farther from the spine."""

    local_day: date
    exercise_id: str
    region: str
    level_before: int
    level_after: int


def peripheralizations(
    conn: Connection, patient_id: int, first: date, last: date
) -> list[SpreadRow]:
    query = (
        select(
            symptom_response.c.local_day,
            exercise_log.c.exercise_id,
            symptom_response.c.region,
            symptom_response.c.level_before,
            symptom_response.c.level_after,
        )
        .join(exercise_log, exercise_log.c.id == symptom_response.c.log_id)
        .where(
            symptom_response.c.patient_id == patient_id,
            symptom_response.c.response == "peripheralized",
            symptom_response.c.local_day.between(first, last),
        )
        .order_by(symptom_response.c.recorded_at, symptom_response.c.id)
    )
    return [
        SpreadRow(row.local_day, row.exercise_id, row.region, row.level_before, row.level_after)
        for row in conn.execute(query)
    ]
