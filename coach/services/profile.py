"""The user's profile: created by the first-run welcome, edited in Settings."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

from coach.domain.days import local_day, system_zone, zone
from coach.domain.patient import Patient
from coach.domain.profile import Profile, Role, ValidationError, clean_name
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.store import patient_repo, profile_repo
from coach.store.rows import new_uid

TEXT_MAX = 200


class ProfileService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cached: Profile | None = None

    def get(self) -> Profile | None:
        if self._cached is None:
            with self._db.read() as conn:
                self._cached = profile_repo.load(conn)
        return self._cached

    @property
    def is_set_up(self) -> bool:
        return self.get() is not None

    def timezone_name(self) -> str:
        current = self.get()
        return current.timezone if current else system_zone().key

    def time_zone(self) -> ZoneInfo:
        return zone(self.timezone_name())

    def day_of(self, moment: datetime) -> date:
        """The user's calendar day for `moment`: what every logged row stores as local_day."""
        return local_day(moment, self.time_zone())

    def today(self) -> date:
        return self.day_of(self._db.clock.now())

    def welcome(self, name: str, role: Role, accepted_notice: bool) -> Changes:
        """First run: who is using Coach, and their acknowledgement of the notice."""
        name = clean_name(name)  # the first field on screen is checked first
        if not accepted_notice:
            raise ValidationError(
                "notice", "Please confirm you have read the notice before you start."
            )
        created = Profile(
            name=name,
            role=role,
            timezone=system_zone().key,
            notice_accepted_at=self._db.clock.now(),
        )
        if role is not Role.PATIENT:
            return self._save(created)
        # A patient's copy is about one patient, the user: made here, with the profile.
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            profile_repo.save(conn, created, now)
            first = patient_repo.first_id(conn)
            if first is None:
                patient_repo.add(conn, Patient(name=name, uid=new_uid()), now)
            else:  # made before the welcome (a programme imported first): now it has a name
                before = patient_repo.get(conn, first)
                assert before is not None
                patient_repo.update_patient(conn, dataclasses.replace(before, name=name), now)
        self._cached = created
        return Changes.of(Area.PROFILE, Area.PATIENTS)

    def update(
        self,
        *,
        name: str,
        role: Role,
        timezone: str,
        date_of_birth: date | None = None,
        patient_identifier: str = "",
        therapist_name: str = "",
        clinic: str = "",
        contact: str = "",
        profession: str = "",
    ) -> Changes:
        current = self.get()
        if current is None:
            raise ValidationError("name", "Complete the welcome first.")
        if zone(timezone).key != timezone:
            raise ValidationError("timezone", f"Unknown time zone {timezone!r}.")
        if date_of_birth is not None and date_of_birth > self._db.clock.now().date():
            raise ValidationError("date_of_birth", "The date of birth is in the future.")
        texts = {
            "patient_identifier": patient_identifier,
            "therapist_name": therapist_name,
            "clinic": clinic,
            "contact": contact,
            "profession": profession,
        }
        for field, value in texts.items():
            if len(value.strip()) > TEXT_MAX:
                raise ValidationError(field, f"Please keep this under {TEXT_MAX} characters.")
        updated = dataclasses.replace(
            current,
            name=clean_name(name),
            role=role,
            timezone=timezone,
            date_of_birth=date_of_birth,
            patient_identifier=patient_identifier.strip(),
            therapist_name=therapist_name.strip(),
            clinic=clinic.strip(),
            contact=contact.strip(),
            profession=profession.strip() if role is Role.THERAPIST else "",
        )
        if role is Role.THERAPIST:  # a therapist's own date of birth is not Coach's business
            updated = dataclasses.replace(updated, date_of_birth=None, patient_identifier="")
        return self._save(updated)

    def _save(self, value: Profile) -> Changes:
        now = self._db.clock.now()
        changes = Changes.of(Area.PROFILE)
        with self._db.transaction() as conn:
            profile_repo.save(conn, value, now)
            own = patient_repo.first_id(conn) if value.role is Role.PATIENT else None
            if own is not None:  # a patient's copy: the user is its one patient
                mirrored = patient_repo.get(conn, own)
                assert mirrored is not None
                patient_repo.update_patient(
                    conn,
                    dataclasses.replace(
                        mirrored,
                        name=value.name,
                        date_of_birth=value.date_of_birth,
                        identifier=value.patient_identifier,
                    ),
                    now,
                )
                changes |= Changes.of(Area.PATIENTS)
        self._cached = value
        return changes
