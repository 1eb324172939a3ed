"""A dosage in plain words ("3 sets of 10 repetitions, holding each for 5 seconds").

Patients read this on the library detail, on handouts and in the session, so the wording lives in
one Qt-free place and every front end says the same thing the same way.
"""

from __future__ import annotations

from coach.domain.dosage import Dosage
from coach.domain.sides import Sides


def duration(seconds: float) -> str:
    """Seconds as a person would say them: "45 seconds", "2 minutes", "1 minute 30 seconds"."""
    whole = round(seconds)
    if seconds < 10 and seconds != whole:
        return f"{seconds:g} seconds"
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def amount(dosage: Dosage) -> str:
    """How much in one session: sets, repetitions and holds."""
    if dosage.reps == 1 and dosage.hold_s:
        once = f"hold for {duration(dosage.hold_s)}"
        if dosage.sets == 1:
            return once.capitalize() + "."
        return f"{dosage.sets} times: {once}."
    text = f"{dosage.reps} repetition{'s' if dosage.reps != 1 else ''}"
    if dosage.sets > 1:
        text = f"{dosage.sets} sets of {text}"
    if dosage.hold_s:
        text += f", holding each for {duration(dosage.hold_s)}"
    return text + "."


def sides(dosage: Dosage) -> str:
    return {
        Sides.NONE: "",
        Sides.BOTH: "Do it on one side, then the same on the other side.",
        Sides.ALTERNATE: "Take turns: left side, then right side.",
        Sides.LEFT: "Left side only.",
        Sides.RIGHT: "Right side only.",
    }[dosage.sides]


def tempo(dosage: Dosage) -> str:
    if dosage.move_s == dosage.return_s:
        return f"Move slowly: about {duration(dosage.move_s)} each way."
    return (
        f"Take about {duration(dosage.move_s)} to move into position and "
        f"{duration(dosage.return_s)} to come back."
    )


def rest(dosage: Dosage) -> str:
    if dosage.sets > 1 and dosage.rest_s:
        return f"Rest {duration(dosage.rest_s)} between sets."
    return ""


def frequency(dosage: Dosage) -> str:
    days = (
        "every day"
        if dosage.days_per_week == 7
        else (f"on {dosage.days_per_week} day{'s' if dosage.days_per_week != 1 else ''} a week")
    )
    return f"{times(dosage.times_per_day).capitalize()} a day, {days}."


def describe(dosage: Dosage) -> tuple[str, ...]:
    """The whole prescription as short sentences, empty ones left out."""
    return tuple(
        line
        for line in (amount(dosage), sides(dosage), tempo(dosage), rest(dosage), frequency(dosage))
        if line
    )
