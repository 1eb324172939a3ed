"""The caseload: adding, editing, archiving and deleting patients, and finding one.

A patient's own copy has exactly one patient (the user), made at the welcome; a therapist's copy
holds many. Deleting a patient deletes every record about them, so a backup is taken first.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from uuid import uuid4

from sqlalchemy import Connection

from coach.domain.errors import UserError
from coach.domain.patient import Patient, checked_patient
from coach.domain.profile import ValidationError
from coach.services.backups import BackupService
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.store import patient_repo

PATIENTS = Changes.of(Area.PATIENTS)


class MissingPatientError(UserError, LookupError):
    """The patient was deleted meanwhile, or no patient has that identifier or uid."""

    def __init__(self, key: str = "") -> None:
        super().__init__(f"No patient {key!r}." if key else "That patient is no longer here.")


class PatientService:
    def __init__(self, db: Database, profile: ProfileService, backups: BackupService) -> None:
        self._db = db
        self._profile = profile
        self._backups = backups

    def list(self, *, archived: bool | None = False) -> list[Patient]:
        """By name; archived=False (default) the active caseload, True the archive, None all."""
        with self._db.read() as conn:
            return patient_repo.listed(conn, archived=archived)

    def get(self, patient_id: int) -> Patient:
        with self._db.read() as conn:
            found = patient_repo.get(conn, patient_id)
        if found is None:
            raise MissingPatientError()
        return found

    def first_id(self) -> int | None:
        """The oldest active patient: the user in a patient's copy."""
        with self._db.read() as conn:
            return patient_repo.first_id(conn)

    def find(self, key: str) -> Patient:
        """The patient whose identifier or uid is `key` (as typed on a command line)."""
        key = key.strip()
        with self._db.read() as conn:
            found = patient_repo.find_by_identifier(conn, key) or patient_repo.find_by_uid(
                conn, key
            )
        if found is None:
            raise MissingPatientError(key)
        return found

    def add(
        self,
        *,
        name: str,
        identifier: str = "",
        date_of_birth: date | None = None,
        contact: str = "",
        notes: str = "",
    ) -> tuple[Changes, Patient]:
        value = checked_patient(
            name=name,
            today=self._profile.today(),
            identifier=identifier,
            date_of_birth=date_of_birth,
            contact=contact,
            notes=notes,
        )
        value = dataclasses.replace(value, uid=uuid4().hex)
        with self._db.transaction() as conn:
            self._refuse_duplicate(conn, value.identifier, None)
            new_id = patient_repo.add(conn, value, self._db.clock.now())
        return PATIENTS, dataclasses.replace(value, id=new_id)

    def update(
        self,
        patient_id: int,
        *,
        name: str,
        identifier: str = "",
        date_of_birth: date | None = None,
        contact: str = "",
        notes: str = "",
    ) -> tuple[Changes, Patient]:
        checked = checked_patient(
            name=name,
            today=self._profile.today(),
            identifier=identifier,
            date_of_birth=date_of_birth,
            contact=contact,
            notes=notes,
        )
        with self._db.transaction() as conn:
            before = patient_repo.get(conn, patient_id)
            if before is None:
                raise MissingPatientError()
            self._refuse_duplicate(conn, checked.identifier, patient_id)
            value = dataclasses.replace(
                checked, id=patient_id, uid=before.uid, archived_at=before.archived_at
            )
            patient_repo.update_patient(conn, value, self._db.clock.now())
        return PATIENTS, value

    def archive(self, patient_id: int, archived: bool = True) -> Changes:
        """Archive (or bring back) a patient: their records stay, the caseload hides them."""
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            if not patient_repo.set_archived(conn, patient_id, now if archived else None, now):
                raise MissingPatientError()
        return PATIENTS

    def delete(self, patient_id: int) -> Changes:
        """Delete a patient and every record about them, after a backup of the whole copy."""
        if self._backups.enabled:
            self._backups.now(self._db.clock.now())
        with self._db.transaction() as conn:
            if not patient_repo.remove(conn, patient_id):
                raise MissingPatientError()
        return Changes.of(Area.PATIENTS, Area.EVERYTHING)

    @staticmethod
    def _refuse_duplicate(conn: Connection, identifier: str, own_id: int | None) -> None:
        other = patient_repo.find_by_identifier(conn, identifier)
        if other is not None and other.id != own_id:
            raise ValidationError(
                "identifier", f"{other.name} already has the identifier {identifier}."
            )
