"""The hand-back's words: kinds of rows as a reader counts them, days, and the menu texts.

Kept in one place so the send dialog, the import preview and the menus say the same thing.
"""

from __future__ import annotations

from datetime import date

from coach.exchange.progress_file import Kind

SEND_TITLE = "Send progress to my therapist"
SEND_MENU = "Send progress to my &therapist…"
UNSEALED_TITLE = "Export progress (not protected)"
UNSEALED_MENU = "Export progress (&not protected)…"
IMPORT_TITLE = "Import progress"
IMPORT_MENU = "&Import progress…"
FILE_FILTER = "Coach progress files (*.coachprogress);;All files (*)"
NOT_PROTECTED = (
    "Not protected: anyone who has this file can read it, and nothing shows whether it was "
    "changed. It is for a clinician who does not use Coach; send it only in a way you trust. "
    "A therapist who gave you a programme file from their Coach can receive a sealed file "
    "instead."
)

# (one, many) for each kind of row, in the order a file lists them.
_NOUNS: dict[Kind, tuple[str, str]] = {
    Kind.SESSIONS: ("exercise session", "exercise sessions"),
    Kind.EXERCISE_LOGS: ("exercise done", "exercises done"),
    Kind.SYMPTOM_RESPONSES: ("symptom answer", "symptom answers"),
    Kind.PAIN_ENTRIES: ("pain entry", "pain entries"),
    Kind.CHECKINS: ("daily check-in", "daily check-ins"),
    Kind.TREATMENTS: ("treatment", "treatments"),
    Kind.PSFS_ACTIVITIES: ("PSFS activity", "PSFS activities"),
    Kind.OUTCOME_SCORES: ("outcome measure", "outcome measures"),
}
# The same kinds as headings of the import preview's table.
HEADINGS: dict[Kind, str] = {
    Kind.SESSIONS: "Exercise sessions",
    Kind.EXERCISE_LOGS: "Exercises done",
    Kind.SYMPTOM_RESPONSES: "Symptom answers",
    Kind.PAIN_ENTRIES: "Pain entries",
    Kind.CHECKINS: "Daily check-ins",
    Kind.TREATMENTS: "Treatments",
    Kind.PSFS_ACTIVITIES: "PSFS activities",
    Kind.OUTCOME_SCORES: "Outcome measures",
}


def counted(kind: Kind, number: int) -> str:
    """ "3 pain entries", "1 treatment"."""
    one, many = _NOUNS[kind]
    return f"{number} {one if number == 1 else many}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date) -> str:
    """ "1 Dec 2026": the day as the date fields show it (d MMM yyyy)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def days(first: date, last: date) -> str:
    return day(first) if first == last else f"{day(first)} to {day(last)}"


def contents(counts: dict[Kind, int]) -> str:
    """What a file holds, one kind a line; a line saying so when there is nothing."""
    lines = [counted(kind, counts[kind]) for kind in Kind if counts.get(kind)]
    return "\n".join(lines) if lines else "Nothing recorded in these days."
