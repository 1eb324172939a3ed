"""A person whose records Coach keeps: the user of a patient's copy, or one of a caseload.

Every record about a person (programmes that are not templates, sessions, diary, scores)
belongs to one patient; the rules here say what a valid patient looks like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coach.domain.profile import ValidationError, clean_name

IDENTIFIER_MAX = 64
CONTACT_MAX = 200
NOTES_MAX = 4000
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class Patient:
    name: str
    uid: str = ""
    date_of_birth: date | None = None
    identifier: str = ""
    contact: str = ""
    notes: str = ""
    archived_at: datetime | None = None
    id: int = 0

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


def checked_patient(
    *,
    name: str,
    today: date,
    identifier: str = "",
    date_of_birth: date | None = None,
    contact: str = "",
    notes: str = "",
) -> Patient:
    """A Patient from what the user typed, trimmed; ValidationError names the first bad field."""
    name = clean_name(name)
    identifier = identifier.strip()
    if len(identifier) > IDENTIFIER_MAX:
        raise ValidationError(
            "identifier", f"Please keep the identifier under {IDENTIFIER_MAX} characters."
        )
    if date_of_birth is not None:
        if date_of_birth > today:
            raise ValidationError("date_of_birth", "The date of birth is in the future.")
        if date_of_birth < EARLIEST_BIRTH:
            raise ValidationError("date_of_birth", "The date of birth is before 1900.")
    contact = contact.strip()
    if len(contact) > CONTACT_MAX:
        raise ValidationError("contact", f"Please keep this under {CONTACT_MAX} characters.")
    if len(notes) > NOTES_MAX:
        raise ValidationError("notes", f"Please keep the notes under {NOTES_MAX} characters.")
    return Patient(
        name=name,
        identifier=identifier,
        date_of_birth=date_of_birth,
        contact=contact,
        notes=notes.strip(),
    )
