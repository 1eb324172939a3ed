"""The `credit_day` and `flex_credit_day` tables against a computation in Python.

`from_rows` caps every `adherence_day` row (itself checked against the logs by
tests/adherence_sums.py) in Python: the version in force comes from the domain's
`version_windows`, the Ledger's own definition, and the caps from that version's item plans, one
row at a time, independently of the SQL that keeps the tables. `stored` reads the tables. Tests
of the summary compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import Connection, select

from coach.domain.adherence_ledger import ProgrammeSpan, version_windows
from coach.store import progress_queries
from coach.store.schema import adherence_day, credit_day, flex_credit_day, patient

Day = tuple[int, date]  # patient, local day
Flex = tuple[int, date, int, str]  # patient, local day, programme, exercise
Sums = tuple[dict[Day, tuple[float, int, int]], dict[Flex, tuple[int, float, int, int]]]


def from_rows(conn: Connection) -> Sums:
    """Capped credit, done and partly done per patient and day, and per flexible item done."""
    days: dict[Day, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    flexible: dict[Flex, tuple[int, float, int, int]] = {}
    a = adherence_day.c
    for patient_id in conn.execute(select(patient.c.id)).scalars():
        spans = [
            ProgrammeSpan(row.programme_id, row.start, row.end, row.archived_day, row.is_template)
            for row in progress_queries.programmes(conn, patient_id)
        ]
        windows = version_windows(
            spans, progress_queries.versions(conn, patient_id), date.min, date.max
        )
        rows = conn.execute(select(adherence_day).where(a.patient_id == patient_id))
        for row in rows:
            window = next(
                (
                    w
                    for w in windows
                    if w.programme_id == row.programme_id and w.first <= row.local_day <= w.last
                ),
                None,
            )
            if window is None:
                continue
            mine = [i for i in window.items if i.exercise_id == row.exercise_id]
            cap = sum(i.times_per_day for i in mine if i.on_weekday(row.local_day.weekday()))
            flex_cap = sum(i.times_per_day for i in mine if i.flexible)
            used, done = min(row.credit, cap), min(row.done, cap)
            partly = min(row.partly, cap - done)
            if cap:
                entry = days[(patient_id, row.local_day)]
                entry[0] += used
                entry[1] += done
                entry[2] += partly
            if flex_cap:
                flex_done = min(row.done - done, flex_cap)
                flexible[(patient_id, row.local_day, row.programme_id, row.exercise_id)] = (
                    flex_cap,
                    min(row.credit - used, flex_cap),
                    flex_done,
                    min(row.partly - partly, flex_cap - flex_done),
                )
    return (
        {
            key: (credit, int(done), int(partly))
            for key, (credit, done, partly) in days.items()
            if credit > 0
        },
        flexible,
    )


def stored(conn: Connection) -> Sums:
    days = {
        (row.patient_id, row.local_day): (row.credit, row.done, row.partly)
        for row in conn.execute(select(credit_day))
    }
    flexible = {
        (row.patient_id, row.local_day, row.programme_id, row.exercise_id): (
            row.times_per_day,
            row.credit,
            row.done,
            row.partly,
        )
        for row in conn.execute(select(flex_credit_day))
    }
    return days, flexible


def assert_credit_exact(conn: Connection) -> None:
    """The tables hold exactly the days (and flexible items) that earned capped credit, with
    their sums (credit to within float rounding)."""
    (want_days, want_flex), (have_days, have_flex) = from_rows(conn), stored(conn)
    assert set(have_days) == set(want_days)
    for key, (credit, done, partly) in want_days.items():
        assert have_days[key] == (pytest.approx(credit, abs=1e-9), done, partly), key
    assert set(have_flex) == set(want_flex)
    for key, (times, credit, done, partly) in want_flex.items():
        assert have_flex[key] == (times, pytest.approx(credit, abs=1e-9), done, partly), key
