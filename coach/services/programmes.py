"""Programme use cases: create, edit (versioned), archive, templates, today's prescription."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from coach.domain.days import local_day
from coach.domain.dosage import Dosage
from coach.domain.exercise import Exercise
from coach.domain.profile import Role, ValidationError
from coach.domain.programme import Author, Programme, ProgrammeItem, is_scheduled
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.store import programme_repo


@dataclass(frozen=True)
class Prescribed:
    """One item of one programme as prescribed on one day."""

    programme: Programme
    item: ProgrammeItem
    item_row_id: int
    version_id: int
    dosage: Dosage  # after any weekly progression


def new_uid() -> str:
    return str(uuid.uuid4())


class ProgrammeService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        lookup: Callable[[str], Exercise | None],
        patient_id: int,
    ) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile
        self._lookup = lookup

    @property
    def patient_id(self) -> int:
        """The patient whose programmes these are (templates are everyone's)."""
        return self._patient

    def today(self) -> date:
        return self._profile.today()

    def _checked(self, value: Programme) -> Programme:
        checked = value.validated()
        for position, item in enumerate(checked.items, start=1):
            if self._lookup(item.exercise_id) is None:
                raise ValidationError(
                    "items", f"Exercise {position} ({item.exercise_id}) is not in the library."
                )
        return checked

    def create(self, value: Programme) -> tuple[int, Changes]:
        checked = self._checked(dataclasses.replace(value, uid=value.uid or new_uid()))
        with self._db.transaction() as conn:
            new_id = programme_repo.insert(conn, self._patient, checked, self._db.clock.now())
        return new_id, Changes.of(Area.PROGRAMMES)

    def save(self, value: Programme) -> Changes:
        """Save edits; items change from today, past days keep what they had."""
        if value.id is None:
            raise ValueError("save() is for stored programmes; use create()")
        checked = self._checked(value)
        with self._db.transaction() as conn:
            programme_repo.update(conn, self._patient, checked, self.today(), self._db.clock.now())
        return Changes.of(Area.PROGRAMMES)

    def save_as_template(self, value: Programme) -> tuple[int, Changes]:
        template = dataclasses.replace(
            value, id=None, uid=new_uid(), is_template=True, end_date=None, review_date=None
        )
        return self.create(template)

    def new_programme(self) -> Programme:
        """A new, unsaved programme starting today, signed with the therapist's details kept in
        Settings (the profile), so a therapist does not type them into every programme."""
        return Programme(uid="", name="", start_date=self.today(), author=self.author())

    def author(self) -> Author:
        """The therapist's details from Settings (empty when none are kept): a therapist's own
        profile, or the therapist a patient keeps in theirs."""
        profile = self._profile.get()
        if profile is None:
            return Author()
        if profile.role is Role.THERAPIST:
            return Author(profile.name, profile.clinic, profile.contact)
        return Author(profile.therapist_name, profile.clinic, profile.contact)

    def from_template(self, template: Programme, start: date | None = None) -> Programme:
        """A new, unsaved programme built from a template, starting today by default.

        A template's notes speak to whoever starts from it ("check with your therapist that it
        suits you"), not to the patient, so the programme starts without them. It is signed
        with the therapist's details from Settings when there are any, else the template's.
        """
        author = self.author()
        return dataclasses.replace(
            template,
            id=None,
            uid=new_uid(),
            is_template=False,
            start_date=start or self.today(),
            notes="",
            author=author if author != Author() else template.author,
        )

    def get(self, programme_id: int, day: date | None = None) -> Programme | None:
        with self._db.read() as conn:
            return programme_repo.load(conn, self._patient, programme_id, day)

    def programmes(self, include_archived: bool = False) -> list[Programme]:
        return self._load_all(templates=False, include_archived=include_archived)

    def templates(self) -> list[Programme]:
        """The user's saved templates (shipped starters come from the exchange layer)."""
        return self._load_all(templates=True)

    def _load_all(self, *, templates: bool, include_archived: bool = False) -> list[Programme]:
        with self._db.read() as conn:
            ids = programme_repo.list_ids(
                conn, self._patient, templates=templates, include_archived=include_archived
            )
            loaded = [programme_repo.load(conn, self._patient, i) for i in ids]
        return [p for p in loaded if p is not None]

    def active_on(self, day: date) -> list[Programme]:
        return [p for p in self.programmes() if p.is_active_on(day)]

    def archive(self, programme_id: int) -> Changes:
        with self._db.transaction() as conn:
            now = self._db.clock.now()
            programme_repo.archive(
                conn, self._patient, programme_id, now, local_day(now, self._profile.time_zone())
            )
        return Changes.of(Area.PROGRAMMES)

    def delete_template(self, programme_id: int) -> Changes:
        with self._db.transaction() as conn:
            found = programme_repo.load(conn, self._patient, programme_id)
            if found is None or not found.is_template:
                raise ValidationError("programme", "Only templates can be deleted.")
            programme_repo.delete_programme(conn, self._patient, programme_id)
        return Changes.of(Area.PROGRAMMES)

    def version_days(self, programme_id: int) -> list[date]:
        with self._db.read() as conn:
            return programme_repo.version_days(conn, programme_id)

    def prescription_on(self, day: date) -> list[Prescribed]:
        """Everything prescribed on `day`, across all active programmes, in order."""
        found: list[Prescribed] = []
        with self._db.read() as conn:
            for programme_id in programme_repo.list_ids(conn, self._patient, templates=False):
                version = programme_repo.version_on(conn, programme_id, day)
                header = programme_repo.load(conn, self._patient, programme_id, day)
                if version is None or header is None or not header.is_active_on(day):
                    continue
                items = programme_repo.items_of(conn, version)
                row_ids = programme_repo.item_ids_of(conn, version)
                for item, row_id in zip(items, row_ids, strict=True):
                    if is_scheduled(item, day):
                        found.append(
                            Prescribed(
                                header,
                                item,
                                row_id,
                                version,
                                item.dosage_on(day, header.start_date),
                            )
                        )
        return found
