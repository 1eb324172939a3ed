"""What the banner, the desktop notification and the tray say about due reminders.

One wording for all three, so a patient who sees a notification finds the same sentence in the
window. Times are the user's local clock times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from coach.domain.reminders import Reminder, Snooze

TITLE = "Time for your exercises"
START = "Start now"
SNOOZE = "Snooze"
SNOOZE_CHOICES = {
    Snooze.QUARTER_HOUR: "For 15 minutes",
    Snooze.HOUR: "For 1 hour",
    Snooze.TOMORROW: "Until tomorrow",
}


def clock_time(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.hour}:{local.minute:02d}"


def one(reminder: Reminder) -> str:
    if reminder.sessions == 1:
        return f"{reminder.name}: today's session"
    return f"{reminder.name}: session {reminder.session + 1} of {reminder.sessions} today"


def summary(reminders: Sequence[Reminder]) -> str:
    """The due reminders in one line (the programme names and which session each is)."""
    return "; ".join(one(r) for r in reminders) + "."


def next_at(reminder: Reminder | None, zone: tzinfo) -> str:
    """For the tray's tooltip: when the next reminder comes."""
    if reminder is None:
        return "No more reminders today."
    return f"Next reminder at {clock_time(reminder.at, zone)}: {one(reminder)}."
