"""What the banner, the desktop notification and the tray say about due reminders.

One wording for all three, so a patient who sees a notification finds the same sentence in the
window. Times are the user's local clock times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, tzinfo

from coach.domain.reminders import Reminder, ReminderRules, Snooze

TITLE = "Time for your exercises"
START = "Start now"
SNOOZE = "Snooze"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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


def _hhmm(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def offer(rules: ReminderRules, times_per_day: int | None = None) -> str:
    """The schedule in words, for a tick box that turns reminders on ("Remind me 3 times a
    day between 08:00 and 21:00, not on Sunday"); without a programme yet, how often is left
    to the programme."""
    if times_per_day is None:
        how_often = "when it is time for my exercises,"
    elif times_per_day == 1:
        how_often = "once a day"
    else:
        how_often = f"{times_per_day} times a day"
    text = f"Remind me {how_often} between {_hhmm(rules.wake)} and {_hhmm(rules.sleep)}"
    days = [DAY_NAMES[d] for d in sorted(rules.quiet_days)]
    if days:
        listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " or " + days[-1]
        text += f", not on {listed}"
    return text
