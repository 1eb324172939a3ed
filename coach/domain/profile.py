"""Who uses this copy of Coach: a patient keeping their own record, or a therapist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from coach.domain.errors import UserError

NAME_MAX = 80


class Role(StrEnum):
    PATIENT = "patient"
    THERAPIST = "therapist"


class ValidationError(UserError, ValueError):
    """Bad user input; `field` names the input so the UI can show the message beside it."""

    field: str

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


@dataclass(frozen=True)
class Profile:
    """The user of this copy.

    A therapist's profile is who they are (name, clinic, contact, profession): it signs the
    programmes they write. A patient's profile keeps their therapist's details as before; their
    own name, date of birth and identifier are also those of the copy's one patient row (the
    record every report is about), which ProfileService keeps equal.
    """

    name: str
    role: Role
    timezone: str
    notice_accepted_at: datetime
    date_of_birth: date | None = None
    patient_identifier: str = ""
    therapist_name: str = ""
    clinic: str = ""
    contact: str = ""
    profession: str = ""


def clean_name(raw: str) -> str:
    """A display name: trimmed, inner runs of spaces folded, 1 to NAME_MAX characters."""
    name = " ".join(raw.split())
    if not name:
        raise ValidationError("name", "Please enter a name (a first name is enough).")
    if len(name) > NAME_MAX:
        raise ValidationError("name", f"Please keep the name under {NAME_MAX} characters.")
    return name
