"""The `progress_day` table against its definition, worked out in Python from the source rows.

`from_rows` reads every patient's pain entries, check-ins, sessions and exercise logs with plain
selects and adds them up day by day, independently of the SQL that keeps the table (the rules
are in coach.store.progress_days); `stored` reads the table. Tests of the summary compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, select

from coach.store.schema import (
    daily_checkin,
    exercise_log,
    exercise_session,
    pain_entry,
    progress_day,
)

Key = tuple[int, date]  # patient, local day
Day = tuple[int, int, int | None, bool]  # pain total, ratings, worst, exercised


def from_rows(conn: Connection) -> dict[Key, Day]:
    total: dict[Key, int] = defaultdict(int)
    ratings: dict[Key, int] = defaultdict(int)
    worst: dict[Key, int] = {}
    exercised: set[Key] = set()

    def rate(key: Key, counted: list[int], extreme: int) -> None:
        total[key] += sum(counted)
        ratings[key] += len(counted)
        worst[key] = max(worst.get(key, extreme), extreme)

    pe, ci, es, log = pain_entry.c, daily_checkin.c, exercise_session.c, exercise_log.c
    for who, day, intensity in conn.execute(select(pe.patient_id, pe.local_day, pe.intensity)):
        rate((who, day), [intensity], intensity)
    for who, day, usual, most in conn.execute(
        select(ci.patient_id, ci.local_day, ci.typical_pain, ci.worst_pain)
    ):
        rate((who, day), [usual], max(usual, most))
    for who, day, before, after in conn.execute(
        select(es.patient_id, es.local_day, es.pain_before, es.pain_after)
    ):
        given = [p for p in (before, after) if p is not None]
        if given:
            rate((who, day), given, max(given))
    for who, day, status in conn.execute(select(log.patient_id, log.local_day, log.status)):
        if status != "skipped":
            exercised.add((who, day))
    return {
        key: (total[key], ratings[key], worst.get(key), key in exercised)
        for key in set(ratings) | exercised
    }


def stored(conn: Connection) -> dict[Key, Day]:
    d = progress_day.c
    query = select(
        d.patient_id, d.local_day, d.pain_total, d.pain_ratings, d.pain_worst, d.exercised
    )
    return {
        (who, day): (total, count, worst, bool(done))
        for who, day, total, count, worst, done in conn.execute(query)
    }


def assert_progress_days_exact(conn: Connection) -> None:
    """The table holds exactly the days with a pain rating or an exercise done, with their
    sums."""
    want, have = from_rows(conn), stored(conn)
    assert set(have) == set(want)
    for key, day in want.items():
        assert have[key] == day, key
