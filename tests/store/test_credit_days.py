"""`credit_day` and `flex_credit_day` stay the capped credit, whatever is logged or edited.

Two patients with two programmes each (fixed-day and flexible items, one exercise in both
kinds) log random exercises through session_repo, and their programmes are edited (items, times
a day, days, end dates), archived and deleted through programme_repo, in random order; after
each step the tables must equal the computation in Python over the version windows
(tests/credit_sums.py). `rebuild` must arrive at the same rows, and both statements must compile
for PostgreSQL as for SQLite.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from coach.domain.dosage import Dosage, Sides
from coach.domain.programme import Programme, ProgrammeItem
from coach.store import credit_days, programme_repo, session_repo
from coach.store.schema import credit_day, flex_credit_day, patient, progress_day
from coach.store.session_repo import LogRow, NewSession
from tests.credit_sums import assert_credit_exact, from_rows, stored
from tests.memory_store import memory_engine

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)
EXERCISES = ("bridge", "chin-tuck", "clamshell")
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def item(exercise: str, times: int, days: frozenset[int] | None) -> ProgrammeItem:
    per_week = 3 if days is None else len(days)
    return ProgrammeItem(exercise, Dosage(times_per_day=times, days_per_week=per_week), days)


def first_items() -> tuple[ProgrammeItem, ...]:
    # "bridge" both on fixed days and "any 3 days": the flexible item takes what is left.
    return (
        item("bridge", 1, frozenset({0, 2, 4})),
        item("bridge", 2, None),
        item("chin-tuck", 2, frozenset(range(7))),
    )


items_drawn = st.lists(
    st.builds(
        item,
        st.sampled_from(EXERCISES),
        st.integers(1, 3),
        st.one_of(st.none(), st.frozensets(st.integers(0, 6), min_size=1)),
    ),
    min_size=1,
    max_size=4,
)
logs = st.tuples(
    st.just("log"),
    st.integers(0, 1),  # patient
    st.sampled_from((0, 1, None)),  # programme (None: a free session)
    st.integers(0, 13),  # day after MONDAY
    st.sampled_from(EXERCISES),
    st.sampled_from(("done", "partial", "skipped")),
    st.integers(0, 3),  # sets done of 3
)
edits = st.tuples(
    st.just("edit"),
    st.integers(0, 1),
    st.integers(0, 1),
    st.integers(0, 13),  # the day of the edit: items change from then on
    items_drawn,
    st.one_of(st.none(), st.integers(0, 13)),  # end date
)
archives = st.tuples(st.just("archive"), st.integers(0, 1), st.integers(0, 1), st.integers(0, 13))
deletes = st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, 1))
steps = st.lists(st.one_of(logs, logs, logs, edits, archives, deletes), min_size=1, max_size=30)


class Copy:
    """Two patients with two programmes each, written as the programme service writes them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.patients: list[int] = []
        self.programmes: list[list[int | None]] = []
        self.sessions: dict[tuple[int, int, int | None], int] = {}
        with engine.begin() as conn:
            for name in ("Robin", "Alex"):
                row = insert(patient).values(
                    uid=uuid.uuid4().hex, name=name, created_at=NOW, updated_at=NOW
                )
                key = conn.execute(row).inserted_primary_key
                assert key is not None
                self.patients.append(int(key[0]))
                self.programmes.append(
                    [
                        programme_repo.insert(
                            conn,
                            int(key[0]),
                            Programme(uuid.uuid4().hex, f"{name} {n}", MONDAY, first_items()),
                            NOW,
                        )
                        for n in range(2)
                    ]
                )

    def run(self, step: tuple[object, ...]) -> None:
        kind, who, *rest = step
        assert isinstance(who, int)
        patient_id = self.patients[who]
        with self.engine.begin() as conn:
            if kind == "log":
                which, after, exercise, status, sets = rest
                programme_id = None if which is None else self.programmes[who][which]  # type: ignore[index]
                day = MONDAY + timedelta(days=after)  # type: ignore[arg-type]
                where = (who, after, programme_id)
                if where not in self.sessions:
                    self.sessions[where] = session_repo.start(  # type: ignore[index]
                        conn,
                        patient_id,
                        NewSession(programme_id, None, NOW, day, "UTC", None, None, None),
                    )
                done_sets = 3 if status == "done" else sets
                session_repo.add_log(
                    conn,
                    patient_id,
                    LogRow(
                        session_id=self.sessions[where],  # type: ignore[index]
                        item_id=None,
                        exercise_id=str(exercise),
                        local_day=day,
                        started_at=NOW,
                        ended_at=NOW,
                        status=str(status),
                        planned_sets=3,
                        planned_reps=10,
                        planned_hold_s=0.0,
                        planned_sides=Sides.NONE,
                        done_sets=int(done_sets),  # type: ignore[call-overload]
                        done_reps=10 * int(done_sets),  # type: ignore[call-overload]
                        done_hold_s=0.0,
                    ),
                )
                return
            which = rest[0]
            assert isinstance(which, int)
            programme_id = self.programmes[who][which]
            if programme_id is None:
                return  # deleted already
            if kind == "edit":
                _, after, new_items, end = rest
                value = programme_repo.load(conn, patient_id, programme_id)
                assert value is not None
                edited = dataclasses.replace(
                    value,
                    items=tuple(new_items),  # type: ignore[arg-type]
                    end_date=None if end is None else MONDAY + timedelta(days=end),  # type: ignore[operator]
                )
                today = MONDAY + timedelta(days=after)  # type: ignore[arg-type]
                programme_repo.update(conn, patient_id, edited, today, NOW)
            elif kind == "archive":
                day = MONDAY + timedelta(days=rest[1])  # type: ignore[arg-type]
                programme_repo.archive(conn, patient_id, programme_id, NOW, day)
            else:
                programme_repo.delete_programme(conn, patient_id, programme_id)
                self.programmes[who][which] = None


def check(copy: Copy) -> None:
    with copy.engine.connect() as conn:
        assert_credit_exact(conn)
        # The Progress page reads a day's credit joined to its progress_day row
        # (progress_queries.day_sweep): a day that earned anything must have one, as a day on
        # which an exercise was done at least in part.
        c, d = credit_day.c, progress_day.c
        earned = select(c.patient_id, c.local_day).where((c.credit > 0) | (c.done > 0))
        exercise_days = select(d.patient_id, d.local_day).where(d.exercised)
        assert conn.execute(earned.except_(exercise_days)).all() == []


@EXAMPLES
@given(steps)
def test_the_capped_credit_equals_the_computation_after_any_writes(
    history: list[tuple[object, ...]],
) -> None:
    with memory_engine() as engine:
        copy = Copy(engine)
        for step in history:
            copy.run(step)
            check(copy)


@EXAMPLES
@given(steps)
def test_rebuild_arrives_at_the_same_rows(history: list[tuple[object, ...]]) -> None:
    with memory_engine() as engine:
        copy = Copy(engine)
        for step in history:
            copy.run(step)
        with engine.begin() as conn:
            kept = stored(conn)
            conn.execute(delete(credit_day))
            conn.execute(delete(flex_credit_day))
            for patient_id in copy.patients:
                credit_days.rebuild(conn, patient_id)
            assert stored(conn) == kept


def test_a_flexible_item_takes_what_the_fixed_days_leave_of_the_same_exercise() -> None:
    with memory_engine() as engine:
        copy = Copy(engine)
        # Monday: "bridge" is prescribed once on fixed days, and twice a day flexibly.
        for _ in range(4):
            copy.run(("log", 0, 0, 0, "bridge", "done", 3))
        with engine.connect() as conn:
            days, flexible = stored(conn)
            assert (days, flexible) == from_rows(conn)
        robin, programme_id = copy.patients[0], copy.programmes[0][0]
        assert days == {(robin, MONDAY): (1.0, 1, 0)}
        assert flexible == {(robin, MONDAY, programme_id, "bridge"): (2, 2.0, 2, 0)}


def test_both_statements_compile_for_sqlite_and_postgresql() -> None:
    for statement in (*credit_days._FILL_DAY, *credit_days._FILL_ALL):
        on_sqlite = str(statement.compile(dialect=sqlite.dialect()))
        on_postgresql = str(statement.compile(dialect=postgresql.dialect()))
        # The weekday is stored with the day's sums: no date function per row on either.
        assert "runs.weekday" in on_sqlite and "strftime" not in on_sqlite
        assert "runs.weekday" in on_postgresql and "ISODOW" not in on_postgresql
        assert "MIN(" in on_sqlite
        assert "LEAST(" in on_postgresql and "MIN(" not in on_postgresql
