"""Building exercise and diary histories row by row, straight into the store tables.

Progress tests need histories no service writes quickly (years of sessions, a programme edited
on a chosen day, rows written under another time zone), and must not depend on the session
player, so they insert rows here; each row also rewrites its day's `adherence_day` sums (with
the capped credit) and `progress_day` row, and each version the capped credit, as the store's
writes do. Made-up data only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert, select

from coach.store import adherence_days, credit_days, progress_days
from coach.store.schema import (
    daily_checkin,
    exercise_log,
    exercise_session,
    outcome_score,
    pain_entry,
    patient,
    programme,
    programme_item,
    programme_version,
    treatment,
)

CREATED = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    exercise_id: str
    times_per_day: int = 1
    days: Sequence[int] | None = None  # weekdays (0 = Monday); None = every day
    days_per_week: int | None = None  # set for a flexible "N days a week" item
    sets: int = 1
    reps: int = 10


@dataclass(frozen=True)
class Done:
    """One exercise of a session: status and what was done of it."""

    exercise_id: str
    status: str = "done"
    done_sets: int | None = None  # default: all for done, 0 otherwise
    planned_sets: int = 1
    planned_reps: int = 10
    done_reps: int | None = None


class History:
    """Rows for one patient: `patient_id`, else the copy's first patient (made if none)."""

    def __init__(self, engine: Engine, patient_id: int | None = None) -> None:
        self.engine = engine
        self.patient_id = patient_id if patient_id is not None else self._first_patient()

    def _first_patient(self) -> int:
        with self.engine.begin() as conn:
            found = conn.execute(select(patient.c.id).order_by(patient.c.id).limit(1)).scalar()
            if found is not None:
                return int(found)
            made = conn.execute(
                insert(patient).values(
                    uid=uuid.uuid4().hex, name="Robin", created_at=CREATED, updated_at=CREATED
                )
            ).inserted_primary_key
        assert made is not None
        return int(made[0])

    def _owned(self) -> dict[str, object]:
        return {"patient_id": self.patient_id, "uid": uuid.uuid4().hex}

    def programme(
        self,
        start: date,
        items: Sequence[Item],
        *,
        name: str = "Programme",
        end: date | None = None,
        archived_at: datetime | None = None,
        template: bool = False,
    ) -> int:
        with self.engine.begin() as conn:
            new = conn.execute(
                insert(programme).values(
                    uid=str(uuid.uuid4()),
                    name=name,
                    start_date=start,
                    end_date=end,
                    is_template=template,
                    created_at=CREATED,
                    archived_at=archived_at,
                    archived_local_day=archived_at.date() if archived_at else None,
                    patient_id=None if template else self.patient_id,
                )
            ).inserted_primary_key
        assert new is not None
        programme_id = int(new[0])
        self.version(programme_id, start, items)
        return programme_id

    def version(self, programme_id: int, effective_from: date, items: Sequence[Item]) -> int:
        with self.engine.begin() as conn:
            new = conn.execute(
                insert(programme_version).values(
                    programme_id=programme_id, effective_from=effective_from, created_at=CREATED
                )
            ).inserted_primary_key
            assert new is not None
            version_id = int(new[0])
            for position, item in enumerate(items):
                mask = 127 if item.days is None else sum(1 << d for d in item.days)
                conn.execute(
                    insert(programme_item).values(
                        version_id=version_id,
                        position=position,
                        exercise_id=item.exercise_id,
                        sets=item.sets,
                        reps=item.reps,
                        hold_s=0,
                        rest_s=30,
                        move_s=2,
                        return_s=2,
                        sides="none",
                        times_per_day=item.times_per_day,
                        days_mask=mask,
                        days_per_week=item.days_per_week,
                    )
                )
            # As programme_repo does: the days already logged are capped by the new version.
            credit_days.rebuild(conn, self.patient_id)
        return version_id

    def session(
        self,
        day: date,
        programme_id: int | None,
        exercises: Sequence[Done],
        *,
        tz: str = "UTC",
        at: time = time(9, 0),
        pain_before: int | None = None,
        pain_after: int | None = None,
    ) -> int:
        """A session on local `day` (as written in zone `tz`) with its exercise logs."""
        started = datetime.combine(day, at, tzinfo=ZoneInfo(tz))
        with self.engine.begin() as conn:
            new = conn.execute(
                insert(exercise_session).values(
                    **self._owned(),
                    programme_id=programme_id,
                    started_at=started,
                    ended_at=started,
                    local_day=day,
                    timezone=tz,
                    status="completed",
                    pain_before=pain_before,
                    pain_after=pain_after,
                )
            ).inserted_primary_key
            assert new is not None
            session_id = int(new[0])
            for done in exercises:
                sets = done.done_sets
                if sets is None:
                    sets = done.planned_sets if done.status == "done" else 0
                conn.execute(
                    insert(exercise_log).values(
                        **self._owned(),
                        session_id=session_id,
                        exercise_id=done.exercise_id,
                        local_day=day,
                        started_at=started,
                        ended_at=started,
                        status=done.status,
                        planned_sets=done.planned_sets,
                        planned_reps=done.planned_reps,
                        planned_hold_s=0,
                        planned_sides="none",
                        done_sets=sets,
                        done_reps=done.done_reps
                        if done.done_reps is not None
                        else sets * done.planned_reps,
                        done_hold_s=0,
                    )
                )
            # What session_repo keeps up to date, kept up to date here too.
            adherence_days.refresh(conn, self.patient_id, day)
            progress_days.refresh(conn, self.patient_id, [day])
        return session_id

    def pain(self, day: date, intensity: int, *, at: time = time(8, 0)) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(pain_entry).values(
                    **self._owned(),
                    recorded_at=datetime.combine(day, at, tzinfo=UTC),
                    local_day=day,
                    intensity=intensity,
                    body_regions=["low_back"],
                    qualities=[],
                    red_flags=[],
                )
            )
            progress_days.refresh(conn, self.patient_id, [day])

    def checkin(self, day: date, worst: int, typical: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(daily_checkin).values(
                    **self._owned(),
                    local_day=day,
                    recorded_at=datetime.combine(day, time(21, 0), tzinfo=UTC),
                    worst_pain=worst,
                    typical_pain=typical,
                )
            )
            progress_days.refresh(conn, self.patient_id, [day])

    def treatment(self, day: date, kind: str = "physical_therapy_visit", site: str = "") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(treatment).values(
                    occurred_on=day, recorded_at=CREATED, kind=kind, site=site, **self._owned()
                )
            )

    def nprs(self, day: date, pain: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(outcome_score).values(
                    **self._owned(),
                    instrument="nprs",
                    recorded_at=datetime.combine(day, time(10, 0), tzinfo=UTC),
                    local_day=day,
                    score=float(pain),
                    details={"pain": pain},
                )
            )
