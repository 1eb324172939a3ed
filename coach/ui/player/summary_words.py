"""What the player says about the work done: in the "skip the rest?" question and the summary.

The patient sees whole counts and plain times ("3 of 10 repetitions", "held 15 seconds of
3 minutes", "2 of 4 sessions done, 1 partly"); the done fraction behind them stays in the
percentages (shared/CLINICAL.md, "Adherence").
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.domain.adherence import Adherence
from coach.domain.session_engine import ExerciseRecord, Outcome
from coach.services.dosage_words import duration
from coach.wording.counts import sessions_done_text


def done_words(record: ExerciseRecord) -> str:
    """How much of one exercise was done: seconds held for a hold, repetitions otherwise."""
    noun = "repetition" if record.reps_planned == 1 else "repetitions"
    reps = f"{record.reps_done} of {record.reps_planned} {noun}"
    if record.item.dosage.hold_s <= 0:
        return reps
    held = f"{duration(record.held_s)} of {duration(record.hold_planned_s)} held"
    return f"{reps}, {held}" if record.reps_planned > 1 else held


def outcome_words(record: ExerciseRecord) -> str:
    if record.outcome == Outcome.DONE:
        return "done"
    if record.outcome == Outcome.PARTIAL:
        return f"partly done ({done_words(record)})"
    return "skipped"


def summary_lines(
    records: Sequence[ExerciseRecord],
    planned: int,
    time: str | None,
    today: Adherence | None,
) -> list[str]:
    """The summary after a session: time, each exercise as it went, and today so far."""
    lines = [f"Time: {time}"] if time else []
    done = sum(1 for r in records if r.outcome == Outcome.DONE)
    partly = sum(1 for r in records if r.outcome == Outcome.PARTIAL)
    counted = f"Exercises done: {done} of {planned}"
    lines.append(f"{counted}, {partly} partly" if partly else counted)
    lines += [f"   • {r.item.name}: {outcome_words(r)}" for r in records]
    if today is not None and today.prescribed > 0:
        counts = sessions_done_text(today.full, today.partly, today.sessions)
        lines.append(f"Today so far: {counts} ({today.percent:.0f} %)")
    return lines
