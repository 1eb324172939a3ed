"""`progress_day` stays exactly what the pain ratings and exercise logs say, whatever is written.

Random sequences of writes for two patients go through the store functions the services use
(diary_repo for pain entries and check-ins, added, moved to another day, deleted; session_repo
for sessions rated before and after, and logs added and rewritten); after them the table must
equal the day-by-day definition worked out in Python (tests/progress_sums.py). `rebuild`, used
after bulk loads, must arrive at the same rows, and a deleted patient takes theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, delete, insert, select

from coach.domain.diary import CheckIn, PainEntry
from coach.domain.dosage import Sides
from coach.store import diary_repo, progress_days, session_repo
from coach.store.schema import patient, progress_day
from coach.store.session_repo import LogRow, NewSession
from tests.memory_store import memory_engine
from tests.progress_sums import assert_progress_days_exact, stored

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)

days = st.integers(0, 4)
ratings = st.integers(0, 10)
maybe_rating = st.one_of(st.none(), ratings)
# One write: (what, whose, which earlier row or day, values)
writes = st.one_of(
    st.tuples(st.just("pain"), st.integers(0, 1), days, ratings),
    st.tuples(st.just("move pain"), st.integers(0, 30), days, ratings),
    st.tuples(st.just("delete pain"), st.integers(0, 30)),
    st.tuples(st.just("check-in"), st.integers(0, 1), days, ratings, ratings),
    st.tuples(st.just("edit check-in"), st.integers(0, 30), ratings, ratings),
    st.tuples(st.just("delete check-in"), st.integers(0, 30)),
    st.tuples(st.just("session"), st.integers(0, 1), days, maybe_rating, maybe_rating),
    st.tuples(st.just("log"), st.integers(0, 30), st.sampled_from(("done", "partial", "skipped"))),
    st.tuples(
        st.just("rewrite log"), st.integers(0, 30), st.sampled_from(("done", "partial", "skipped"))
    ),
)


class Diary:
    """Two patients in a fresh in-memory store, and the rows written for them so far."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pains: list[tuple[int, PainEntry]] = []
        self.checkins: list[tuple[int, CheckIn]] = []
        self.sessions: list[tuple[int, int, date]] = []
        self.logs: list[tuple[int, int, LogRow]] = []
        with engine.begin() as conn:
            self.patients = [
                int(
                    conn.execute(
                        insert(patient).values(
                            uid=uuid.uuid4().hex, name=name, created_at=NOW, updated_at=NOW
                        )
                    ).inserted_primary_key[0]  # type: ignore[index]
                )
                for name in ("Robin", "Alex")
            ]

    def write(self, conn: Connection, step: tuple[object, ...]) -> None:
        what, *rest = step
        if what == "pain":
            who, day, intensity = (self.patients[int(rest[0])], *rest[1:])  # type: ignore[call-overload]
            entry = PainEntry(NOW, int(intensity))
            entry_id = diary_repo.add_pain(conn, who, entry, MONDAY + timedelta(days=int(day)))
            stored_entry = diary_repo.get_pain(conn, who, entry_id)
            assert stored_entry is not None
            self.pains.append((who, stored_entry))
        elif what == "move pain" and self.pains:
            who, entry = self.pains[int(rest[0]) % len(self.pains)]
            moved = replace(
                entry, intensity=int(rest[2]), local_day=MONDAY + timedelta(days=int(rest[1]))
            )
            diary_repo.restore_pain(conn, who, moved)
        elif what == "delete pain" and self.pains:
            who, entry = self.pains[int(rest[0]) % len(self.pains)]
            diary_repo.delete_pain(conn, who, entry.id)
        elif what == "check-in":
            who = self.patients[int(rest[0])]
            day = MONDAY + timedelta(days=int(rest[1]))
            usual, most = sorted((int(rest[2]), int(rest[3])))
            if diary_repo.checkin_on(conn, who, day) is None:
                entry_id = diary_repo.add_checkin(conn, who, CheckIn(day, most, usual), NOW)
                found = diary_repo.get_checkin(conn, who, entry_id)
                assert found is not None
                self.checkins.append((who, found))
        elif what == "edit check-in" and self.checkins:
            who, found = self.checkins[int(rest[0]) % len(self.checkins)]
            usual, most = sorted((int(rest[1]), int(rest[2])))
            # As the diary service does, a deleted check-in comes back only to a free day.
            other = diary_repo.checkin_on(conn, who, found.day)
            if other is None or other.id == found.id:
                diary_repo.restore_checkin(
                    conn, who, replace(found, typical_pain=usual, worst_pain=most)
                )
        elif what == "delete check-in" and self.checkins:
            who, found = self.checkins[int(rest[0]) % len(self.checkins)]
            diary_repo.delete_checkin(conn, who, found.id)
        elif what == "session":
            who = self.patients[int(rest[0])]
            day = MONDAY + timedelta(days=int(rest[1]))
            before, after = rest[2], rest[3]
            value = NewSession(None, None, NOW, day, "UTC", before, None, None)  # type: ignore[arg-type]
            session_id = session_repo.start(conn, who, value)
            session_repo.finish(
                conn,
                who,
                session_id,
                status="completed",
                ended_at=NOW,
                pain_after=after,  # type: ignore[arg-type]
                effort=None,
                note="",
            )
            self.sessions.append((who, session_id, day))
        elif what == "log" and self.sessions:
            who, session_id, day = self.sessions[int(rest[0]) % len(self.sessions)]
            row = _log(session_id, day, str(rest[1]))
            log_id = session_repo.add_log(conn, who, row)
            self.logs.append((who, log_id, row))
        elif what == "rewrite log" and self.logs:
            who, log_id, row = self.logs[int(rest[0]) % len(self.logs)]
            assert session_repo.replace_log(
                conn, who, log_id, _log(row.session_id, row.local_day, str(rest[1]))
            )


def _log(session_id: int, day: date, status: str) -> LogRow:
    done = {"done": 2, "partial": 1, "skipped": 0}[status]
    return LogRow(
        session_id=session_id,
        item_id=None,
        exercise_id="bridge",
        local_day=day,
        started_at=NOW,
        ended_at=NOW,
        status=status,
        planned_sets=2,
        planned_reps=10,
        planned_hold_s=0.0,
        planned_sides=Sides.NONE,
        done_sets=done,
        done_reps=10 * done,
        done_hold_s=0.0,
    )


@contextmanager
def new_diary() -> Iterator[Diary]:
    """A fresh store per example (tests/memory_store.py)."""
    with memory_engine() as engine:
        yield Diary(engine)


EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Found by this test: undoing one patient's deleted check-in after another patient's check-in
# was given the same id; and undoing it after the patient had checked in again that day.
@example(
    steps=[
        ("check-in", 1, 1, 0, 0),
        ("delete check-in", 0),
        ("check-in", 0, 1, 0, 0),
        ("edit check-in", 0, 0, 0),
    ]
)
@example(
    steps=[
        ("check-in", 0, 0, 0, 0),
        ("delete check-in", 0),
        ("check-in", 0, 0, 1, 1),
        ("edit check-in", 0, 0, 0),
    ]
)
@EXAMPLES
@given(steps=st.lists(writes, max_size=40))
def test_the_summary_equals_the_rows_after_any_writes(steps: list[tuple[object, ...]]) -> None:
    with new_diary() as diary:
        for step in steps:
            with diary.engine.begin() as conn:
                diary.write(conn, step)
        with diary.engine.connect() as conn:
            assert_progress_days_exact(conn)


@EXAMPLES
@given(steps=st.lists(writes, max_size=40), gone=st.sampled_from((0, 1)))
def test_rebuild_arrives_at_the_same_rows_and_a_deleted_patient_takes_theirs(
    steps: list[tuple[object, ...]], gone: int
) -> None:
    with new_diary() as diary:
        for step in steps:
            with diary.engine.begin() as conn:
                diary.write(conn, step)
        with diary.engine.begin() as conn:
            kept = stored(conn)
            conn.execute(delete(progress_day))
            for patient_id in diary.patients:
                progress_days.rebuild(conn, patient_id)
            assert stored(conn) == kept
            conn.execute(delete(patient).where(patient.c.id == diary.patients[gone]))
            assert_progress_days_exact(conn)


def test_a_skipped_exercise_makes_no_exercise_day_and_a_rating_keeps_its_worst() -> None:
    with new_diary() as diary:
        robin = diary.patients[0]
        with diary.engine.begin() as conn:
            diary.write(conn, ("session", 0, 0, None, None))
            diary.write(conn, ("log", 0, "skipped"))
            assert stored(conn) == {}
            diary.write(conn, ("check-in", 0, 0, 3, 8))
            diary.write(conn, ("log", 0, "partial"))
            row = conn.execute(select(progress_day)).one()
    assert (row.patient_id, row.local_day) == (robin, MONDAY)
    # The check-in's usual pain counts towards the mean, its worst only towards the worst.
    assert (row.pain_total, row.pain_ratings, row.pain_worst, row.exercised) == (3, 1, 8, True)


def test_rewriting_the_days_only_exercise_as_skipped_ends_its_exercise_day() -> None:
    with new_diary() as diary, diary.engine.begin() as conn:
        diary.write(conn, ("session", 1, 2, None, None))
        diary.write(conn, ("log", 0, "done"))
        assert [day for *_, day in stored(conn).values()] == [True]
        diary.write(conn, ("rewrite log", 0, "skipped"))
        assert stored(conn) == {}
