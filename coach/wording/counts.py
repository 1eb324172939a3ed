"""Whole counts of sessions in words, for every place a patient reads them.

shared/CLINICAL.md: patients see whole counts ("2 of 4 sessions done, 1 partly"); the fraction a
partly done session earns stays in the percentages. Kept apart from the services that count, and
importing nothing, so the Today page's first screen can use it before the database layer loads.
"""

from __future__ import annotations


def sessions_done_text(full: int, partly: int, target: int) -> str:
    """ "2 of 4 sessions done, 1 partly": whole counts for the patient (CLINICAL.md); the
    fraction a partly done session earns stays in the percentages."""
    noun = "session" if target == 1 else "sessions"
    text = f"{full} of {target} {noun} done"
    return f"{text}, {partly} partly" if partly else text


def partly_text(partly: int) -> str:
    """The caption under "3 of 4" sessions: the partly done ones, counted in the percentage."""
    if not partly:
        return "done in full"
    noun = "session" if partly == 1 else "sessions"
    return f"done in full, and {partly} {noun} partly (each counted in part)"


def session_length_text(minutes: int) -> str:
    """ "About 4 minutes a session.", in the singular for one and in words under one."""
    if minutes < 1:
        return "Under a minute a session."
    noun = "minute" if minutes == 1 else "minutes"
    return f"About {minutes} {noun} a session."
