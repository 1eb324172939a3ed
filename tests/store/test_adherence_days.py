"""`adherence_day` stays exactly what the exercise logs add up to, whatever is written.

Random histories of two patients and two programmes (plus sessions without one) are logged
through session_repo, then rewritten (an exercise reopened and ended again), and programmes and
a patient deleted; after each step the table must equal the full computation over the logs
(tests/adherence_sums.py). `rebuild`, used after bulk loads, must arrive at the same rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, delete, insert, select

from coach.domain.dosage import Sides
from coach.store import adherence_days, programme_repo, session_repo
from coach.store.schema import adherence_day, patient, programme
from coach.store.session_repo import LogRow, NewSession
from tests.adherence_sums import assert_summary_exact, from_logs, stored
from tests.memory_store import memory_engine

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)
EXERCISES = ("bridge", "chin-tuck", "clamshell")


@dataclass(frozen=True)
class Spec:
    """One logged exercise: whose, when, under which programme (None: a free session)."""

    patient: int  # 0 or 1
    day: int  # days after MONDAY
    programme: int | None  # 0 or 1 (each patient has two), None for no programme
    exercise: str
    status: str
    planned_sets: int
    planned_reps: int
    planned_hold_s: float
    sides: Sides
    done_sets: int
    done_reps: int
    done_hold_s: float


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    planned_sets = draw(st.integers(1, 4))
    planned_reps = draw(st.integers(1, 12))
    status = draw(st.sampled_from(("done", "partial", "skipped")))
    done_sets = planned_sets if status == "done" else draw(st.integers(0, planned_sets))
    return Spec(
        patient=draw(st.integers(0, 1)),
        day=draw(st.integers(0, 8)),  # over a weekend into the next week
        programme=draw(st.sampled_from((0, 1, None))),
        exercise=draw(st.sampled_from(EXERCISES)),
        status=status,
        planned_sets=planned_sets,
        planned_reps=planned_reps,
        planned_hold_s=draw(st.sampled_from((0.0, 2.0, 5.0))),
        sides=draw(st.sampled_from(list(Sides))),
        done_sets=done_sets,
        done_reps=draw(st.integers(0, 2 * planned_sets * planned_reps)),
        done_hold_s=draw(st.floats(0, 6, allow_nan=False)),
    )


class Diary:
    """Two patients with two programmes each in a fresh in-memory store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.patients: list[int] = []
        self.programmes: list[list[int]] = []
        self.sessions: dict[tuple[int, int, int | None], int] = {}
        with engine.begin() as conn:
            for name in ("Robin", "Alex"):
                patient_id = self._insert(conn, patient, name=name, created_at=NOW, updated_at=NOW)
                self.patients.append(patient_id)
                self.programmes.append(
                    [
                        self._insert(
                            conn,
                            programme,
                            name=f"{name} {n}",
                            start_date=MONDAY,
                            created_at=NOW,
                            patient_id=patient_id,
                        )
                        for n in range(2)
                    ]
                )

    @staticmethod
    def _insert(conn: Connection, table: object, **values: object) -> int:
        key = conn.execute(insert(table).values(uid=uuid.uuid4().hex, **values))  # type: ignore[arg-type]
        assert key.inserted_primary_key is not None
        return int(key.inserted_primary_key[0])

    def _session(self, conn: Connection, spec: Spec) -> tuple[int, int]:
        patient_id = self.patients[spec.patient]
        programme_id = (
            None if spec.programme is None else self.programmes[spec.patient][spec.programme]
        )
        where = (spec.patient, spec.day, spec.programme)
        if where not in self.sessions:
            day = MONDAY + timedelta(days=spec.day)
            self.sessions[where] = session_repo.start(
                conn,
                patient_id,
                NewSession(programme_id, None, NOW, day, "UTC", None, None, None),
            )
        return patient_id, self.sessions[where]

    def row(self, spec: Spec, session_id: int) -> LogRow:
        return LogRow(
            session_id=session_id,
            item_id=None,
            exercise_id=spec.exercise,
            local_day=MONDAY + timedelta(days=spec.day),
            started_at=NOW,
            ended_at=NOW,
            status=spec.status,
            planned_sets=spec.planned_sets,
            planned_reps=spec.planned_reps,
            planned_hold_s=spec.planned_hold_s,
            planned_sides=spec.sides,
            done_sets=spec.done_sets,
            done_reps=spec.done_reps,
            done_hold_s=spec.done_hold_s,
        )

    def log(self, spec: Spec) -> tuple[int, int, int]:
        """Log `spec`; returns the patient, the session and the log row."""
        with self.engine.begin() as conn:
            patient_id, session_id = self._session(conn, spec)
            log_id = session_repo.add_log(conn, patient_id, self.row(spec, session_id))
        return patient_id, session_id, log_id


@contextmanager
def new_diary() -> Iterator[Diary]:
    """A fresh store per example (tests/memory_store.py)."""
    with memory_engine() as engine:
        yield Diary(engine)


def _check(diary: Diary) -> None:
    with diary.engine.connect() as conn:
        assert_summary_exact(conn)


EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(logs=st.lists(specs(), max_size=40))
def test_the_summary_equals_the_logs_after_any_writes(logs: list[Spec]) -> None:
    with new_diary() as diary:
        for spec in logs:
            diary.log(spec)
        _check(diary)


@EXAMPLES
@given(
    logs=st.lists(specs(), min_size=1, max_size=25),
    edits=st.lists(st.tuples(st.integers(0, 24), specs()), max_size=15),
)
def test_rewriting_a_log_rewrites_its_sums(logs: list[Spec], edits: list[tuple[int, Spec]]) -> None:
    """A rewritten log keeps its session (and so its patient, day and programme); anything else
    about it may change, the exercise included."""
    with new_diary() as diary:
        written = [diary.log(spec) for spec in logs]
        for index, edit in edits:
            patient_id, session_id, log_id = written[index % len(written)]
            original = logs[index % len(written)]
            spec = replace(
                edit, patient=original.patient, day=original.day, programme=original.programme
            )
            with diary.engine.begin() as conn:
                assert session_repo.replace_log(
                    conn, patient_id, log_id, diary.row(spec, session_id)
                )
        _check(diary)


@EXAMPLES
@given(logs=st.lists(specs(), max_size=40), gone=st.sampled_from((0, 1)))
def test_deleting_a_programme_or_a_patient_takes_their_sums(logs: list[Spec], gone: int) -> None:
    with new_diary() as diary:
        for spec in logs:
            diary.log(spec)
        with diary.engine.begin() as conn:
            programme_repo.delete_programme(conn, diary.patients[0], diary.programmes[0][gone])
        _check(diary)
        with diary.engine.begin() as conn:
            conn.execute(delete(patient).where(patient.c.id == diary.patients[gone]))
        _check(diary)


@EXAMPLES
@given(logs=st.lists(specs(), max_size=40))
def test_rebuild_arrives_at_the_same_rows(logs: list[Spec]) -> None:
    with new_diary() as diary:
        for spec in logs:
            diary.log(spec)
        with diary.engine.begin() as conn:
            kept = stored(conn)
            conn.execute(delete(adherence_day))
            for patient_id in diary.patients:
                adherence_days.rebuild(conn, patient_id)
            assert stored(conn) == kept


def test_a_skipped_exercise_alone_leaves_no_row_nor_does_a_free_session() -> None:
    skipped = Spec(0, 0, 0, "bridge", "skipped", 2, 10, 0.0, Sides.NONE, 0, 0, 0.0)
    with new_diary() as diary:
        diary.log(skipped)
        diary.log(replace(skipped, programme=None, status="done", done_sets=2, done_reps=20))
        with diary.engine.connect() as conn:
            assert stored(conn) == {} == from_logs(conn)
        diary.log(replace(skipped, status="partial", done_sets=1, done_reps=10))
        with diary.engine.connect() as conn:
            row = conn.execute(select(adherence_day)).one()
    assert (row.weekday, row.credit, row.done, row.partly) == (0, 0.5, 0, 1)  # Monday
