"""Keeping the pain and treatment diary: pain entries, daily check-ins and treatments.

Each mutation validates first (domain rules plus the ones that need the clock), then writes in
one transaction. Edits and deletes hand back the record as it was, and `restore_*` writes such a
record back exactly, so the diary page can offer undo without knowing any table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from coach.domain.diary import (
    CheckIn,
    PainEntry,
    Treatment,
    check_day_not_future,
    check_not_future,
)
from coach.domain.errors import UserError
from coach.domain.profile import ValidationError
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.store import diary_repo

T = TypeVar("T")


class MissingEntryError(UserError, LookupError):
    """The entry was deleted meanwhile (another window, or an undo)."""

    def __init__(self) -> None:
        super().__init__("That entry is no longer in the diary.")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """An added or edited record as now stored, and (for an edit) what it replaced."""

    changes: Changes
    record: T
    before: T | None = None


@dataclass(frozen=True)
class Deleted(Generic[T]):
    """What a delete removed: enough to put it back with `restore_*`."""

    changes: Changes
    record: T


PAIN = Changes.of(Area.DIARY)
TREATMENTS = Changes.of(Area.TREATMENTS)


class DiaryService:
    def __init__(self, db: Database, profile: ProfileService, patient_id: int) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile

    def today(self) -> date:
        return self._profile.today()

    # Pain entries

    def add_pain(self, entry: PainEntry) -> Saved[PainEntry]:
        check_not_future("recorded_at", entry.recorded_at, self._db.clock.now())
        day = self._profile.day_of(entry.recorded_at)
        with self._db.transaction() as conn:
            new_id = diary_repo.add_pain(conn, self._patient, entry, day)
        return Saved(PAIN, dataclasses.replace(entry, id=new_id, local_day=day))

    def update_pain(self, entry_id: int, entry: PainEntry) -> Saved[PainEntry]:
        check_not_future("recorded_at", entry.recorded_at, self._db.clock.now())
        with self._db.transaction() as conn:
            before = diary_repo.get_pain(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            # An unchanged time keeps the day it was filed under, even after a move abroad.
            day = (
                before.local_day
                if entry.recorded_at == before.recorded_at and before.local_day
                else self._profile.day_of(entry.recorded_at)
            )
            after = dataclasses.replace(entry, id=entry_id, local_day=day)
            diary_repo.restore_pain(conn, self._patient, after)
        return Saved(PAIN, after, before)

    def delete_pain(self, entry_id: int) -> Deleted[PainEntry]:
        with self._db.transaction() as conn:
            before = diary_repo.get_pain(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            diary_repo.delete_pain(conn, self._patient, entry_id)
        return Deleted(PAIN, before)

    def restore_pain(self, record: PainEntry) -> Changes:
        with self._db.transaction() as conn:
            diary_repo.restore_pain(conn, self._patient, record)
        return PAIN

    def pain(self, entry_id: int) -> PainEntry | None:
        with self._db.read() as conn:
            return diary_repo.get_pain(conn, self._patient, entry_id)

    def pain_between(self, first: date, last: date) -> list[PainEntry]:
        with self._db.read() as conn:
            return diary_repo.pain_between(conn, self._patient, first, last)

    # Daily check-ins

    def add_checkin(self, entry: CheckIn) -> Saved[CheckIn]:
        check_day_not_future("day", entry.day, self.today())
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            self._refuse_second(
                existing=diary_repo.checkin_on(conn, self._patient, entry.day), own_id=0
            )
            new_id = diary_repo.add_checkin(conn, self._patient, entry, now)
        return Saved(PAIN, dataclasses.replace(entry, id=new_id, recorded_at=now))

    def update_checkin(self, entry_id: int, entry: CheckIn) -> Saved[CheckIn]:
        check_day_not_future("day", entry.day, self.today())
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            before = diary_repo.get_checkin(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            self._refuse_second(
                existing=diary_repo.checkin_on(conn, self._patient, entry.day), own_id=entry_id
            )
            after = dataclasses.replace(entry, id=entry_id, recorded_at=now)
            diary_repo.restore_checkin(conn, self._patient, after)
        return Saved(PAIN, after, before)

    @staticmethod
    def _refuse_second(existing: CheckIn | None, own_id: int) -> None:
        if existing is not None and existing.id != own_id:
            raise ValidationError(
                "day", "That day already has a check-in. Edit it in the diary instead."
            )

    def delete_checkin(self, entry_id: int) -> Deleted[CheckIn]:
        with self._db.transaction() as conn:
            before = diary_repo.get_checkin(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            diary_repo.delete_checkin(conn, self._patient, entry_id)
        return Deleted(PAIN, before)

    def restore_checkin(self, record: CheckIn) -> Changes:
        with self._db.transaction() as conn:
            # Another check-in may have been made for that day since this one was removed.
            self._refuse_second(
                existing=diary_repo.checkin_on(conn, self._patient, record.day), own_id=record.id
            )
            diary_repo.restore_checkin(conn, self._patient, record)
        return PAIN

    def checkin(self, entry_id: int) -> CheckIn | None:
        with self._db.read() as conn:
            return diary_repo.get_checkin(conn, self._patient, entry_id)

    def checkin_on(self, day: date) -> CheckIn | None:
        with self._db.read() as conn:
            return diary_repo.checkin_on(conn, self._patient, day)

    def checkins_between(self, first: date, last: date) -> list[CheckIn]:
        with self._db.read() as conn:
            return diary_repo.checkins_between(conn, self._patient, first, last)

    # Treatments

    def add_treatment(self, entry: Treatment) -> Saved[Treatment]:
        check_day_not_future("occurred_on", entry.occurred_on, self.today())
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            new_id = diary_repo.add_treatment(conn, self._patient, entry, now)
        return Saved(TREATMENTS, dataclasses.replace(entry, id=new_id, recorded_at=now))

    def update_treatment(self, entry_id: int, entry: Treatment) -> Saved[Treatment]:
        check_day_not_future("occurred_on", entry.occurred_on, self.today())
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            before = diary_repo.get_treatment(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            after = dataclasses.replace(entry, id=entry_id, recorded_at=now)
            diary_repo.restore_treatment(conn, self._patient, after)
        return Saved(TREATMENTS, after, before)

    def delete_treatment(self, entry_id: int) -> Deleted[Treatment]:
        with self._db.transaction() as conn:
            before = diary_repo.get_treatment(conn, self._patient, entry_id)
            if before is None:
                raise MissingEntryError()
            diary_repo.delete_treatment(conn, self._patient, entry_id)
        return Deleted(TREATMENTS, before)

    def restore_treatment(self, record: Treatment) -> Changes:
        with self._db.transaction() as conn:
            diary_repo.restore_treatment(conn, self._patient, record)
        return TREATMENTS

    def treatment(self, entry_id: int) -> Treatment | None:
        with self._db.read() as conn:
            return diary_repo.get_treatment(conn, self._patient, entry_id)

    def treatments_between(self, first: date, last: date) -> list[Treatment]:
        with self._db.read() as conn:
            return diary_repo.treatments_between(conn, self._patient, first, last)
