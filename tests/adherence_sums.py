"""The `adherence_day` table against the full computation over the exercise logs.

`from_logs` adds every patient's logs up in Python, one log at a time with the session
service's `log_fraction` (coach.domain.adherence.done_fraction), independently of the SQL that
keeps the table; `stored` reads the table. Tests of the summary compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import Connection, select

from coach.services.sessions import log_fraction
from coach.store import session_repo
from coach.store.schema import adherence_day, patient

Key = tuple[int, date, int, str]  # patient, local day, programme, exercise
Sums = dict[Key, tuple[int, float, int, int]]  # weekday, credit, done in full, partly done


def from_logs(conn: Connection) -> Sums:
    """Credit and whole counts per patient, day, programme and exercise, for the days that
    earned anything, from the log rows of sessions that have a programme."""
    totals: dict[Key, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    for patient_id in conn.execute(select(patient.c.id)).scalars():
        for log in session_repo.logs_between(conn, patient_id, date.min, date.max):
            if log.programme_id is None:
                continue
            fraction = log_fraction(log)
            entry = totals[(patient_id, log.local_day, log.programme_id, log.exercise_id)]
            entry[0] += fraction
            entry[1] += log.status == "done"
            entry[2] += log.status == "partial" and fraction > 0
    return {
        key: (key[1].weekday(), credit, int(done), int(partly))
        for key, (credit, done, partly) in totals.items()
        if credit > 0
    }


def stored(conn: Connection) -> Sums:
    a = adherence_day.c
    key = (a.patient_id, a.local_day, a.programme_id, a.exercise_id)
    query = select(*key, a.weekday, a.credit, a.done, a.partly)
    return {
        (row.patient_id, row.local_day, row.programme_id, row.exercise_id): (
            row.weekday,
            row.credit,
            row.done,
            row.partly,
        )
        for row in conn.execute(query)
    }


def assert_summary_exact(conn: Connection) -> None:
    """The table holds exactly the days the logs earned something on, with their weekday and
    sums (credit to within float rounding and the 1e-6 under which done_fraction calls work
    whole)."""
    want, have = from_logs(conn), stored(conn)
    assert set(have) == set(want)
    for key, (day_of_week, credit, done, partly) in want.items():
        assert have[key] == (day_of_week, pytest.approx(credit, abs=1e-5), done, partly), key
