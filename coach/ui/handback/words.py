"""The hand-back's words on screen: the menu texts, the warning, days.

Kept in one place so the send dialog, the import preview and the menus say the same thing;
the kinds of rows are named by coach.wording.handback, as the CLI names them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from coach.wording.handback import therapist_line

if TYPE_CHECKING:  # the window names its menu items before the database layer loads
    from coach.services.handback_state import Recipient

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

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date) -> str:
    """ "1 Dec 2026": the day as the date fields show it (d MMM yyyy)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def days(first: date, last: date) -> str:
    return day(first) if first == last else f"{day(first)} to {day(last)}"


def who(recipient: Recipient) -> str:
    """The therapist a file is sealed to, in one line, as the CLI names them."""
    return therapist_line(recipient.name, recipient.clinic)
