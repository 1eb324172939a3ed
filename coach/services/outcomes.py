"""Recording outcome measures (NPRS, PSFS, ODI, NDI) and comparing each with the one before.

A PSFS records the patient's own activities: saving one also makes its activities the list the
next PSFS starts from, in the same transaction.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from coach.domain.diary import check_not_future
from coach.domain.outcomes import (
    ActivityChange,
    Change,
    Instrument,
    OutcomeScore,
    PsfsAnswers,
    compare,
    psfs_activity_changes,
)
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.diary import Deleted, MissingEntryError, Saved
from coach.services.profile import ProfileService
from coach.store import outcome_repo

OUTCOMES = Changes.of(Area.OUTCOMES)


class OutcomeService:
    def __init__(self, db: Database, profile: ProfileService, patient_id: int) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile

    def record(self, score: OutcomeScore) -> Saved[OutcomeScore]:
        now = self._db.clock.now()
        check_not_future("recorded_at", score.recorded_at, now)
        day = self._profile.day_of(score.recorded_at)
        with self._db.transaction() as conn:
            if isinstance(score.answers, PsfsAnswers):
                names = [r.activity for r in score.answers.ratings]
                outcome_repo.sync_activities(conn, self._patient, names, now)
            new_id = outcome_repo.add(conn, self._patient, score, day)
        return Saved(OUTCOMES, dataclasses.replace(score, id=new_id, local_day=day))

    def update(self, score_id: int, score: OutcomeScore) -> Saved[OutcomeScore]:
        check_not_future("recorded_at", score.recorded_at, self._db.clock.now())
        with self._db.transaction() as conn:
            before = outcome_repo.get(conn, self._patient, score_id)
            if before is None:
                raise MissingEntryError()
            if before.instrument is not score.instrument:
                raise ValueError("an edit keeps the instrument")
            day = (
                before.local_day
                if score.recorded_at == before.recorded_at and before.local_day
                else self._profile.day_of(score.recorded_at)
            )
            after = dataclasses.replace(score, id=score_id, local_day=day)
            outcome_repo.restore(conn, self._patient, after)
        return Saved(OUTCOMES, after, before)

    def delete(self, score_id: int) -> Deleted[OutcomeScore]:
        with self._db.transaction() as conn:
            before = outcome_repo.get(conn, self._patient, score_id)
            if before is None:
                raise MissingEntryError()
            outcome_repo.remove(conn, self._patient, score_id)
        return Deleted(OUTCOMES, before)

    def restore(self, record: OutcomeScore) -> Changes:
        with self._db.transaction() as conn:
            outcome_repo.restore(conn, self._patient, record)
        return OUTCOMES

    def get(self, score_id: int) -> OutcomeScore | None:
        with self._db.read() as conn:
            return outcome_repo.get(conn, self._patient, score_id)

    def between(self, first: date, last: date) -> list[OutcomeScore]:
        with self._db.read() as conn:
            return outcome_repo.between(conn, self._patient, first, last)

    def history(self, instrument: Instrument) -> list[OutcomeScore]:
        with self._db.read() as conn:
            return outcome_repo.history(conn, self._patient, instrument)

    def previous(self, score: OutcomeScore) -> OutcomeScore | None:
        with self._db.read() as conn:
            return outcome_repo.previous(conn, self._patient, score)

    def change(self, score: OutcomeScore) -> Change | None:
        """How `score` compares with the one before it, or None for a first score."""
        before = self.previous(score)
        if before is None or before.local_day is None:
            return None
        return compare(before.result, before.local_day, score.result)

    def activity_changes(self, score: OutcomeScore) -> tuple[ActivityChange, ...]:
        before = self.previous(score)
        if before is None:
            return ()
        assert isinstance(before.answers, PsfsAnswers)
        assert isinstance(score.answers, PsfsAnswers)
        return psfs_activity_changes(before.answers, score.answers)

    def psfs_activities(self) -> list[str]:
        """The activities the patient named for the PSFS, to rate again."""
        with self._db.read() as conn:
            return outcome_repo.active_activities(conn, self._patient)
