"""How long one session of a programme takes, from the same step expansion the player runs.

The builder shows this while the therapist edits and the import preview shows it before a file
is stored; both ask the session engine (coach.domain.session_engine.estimate_seconds), so the
length promised is the length the guided session runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coach.domain.exercise import Exercise, SymptomTracking
from coach.domain.programme import ProgrammeItem
from coach.domain.session_engine import SessionItem, SessionSettings, estimate_seconds


def is_static(exercise: Exercise | None) -> bool:
    """A held position with no movement into it (its picture has one pose only): the session
    runs its hold alone, without move and come-back steps."""
    drawn = exercise.illustration if exercise is not None else None
    return drawn is not None and drawn.start == drawn.end


def session_items(
    items: Sequence[ProgrammeItem], lookup: Callable[[str], Exercise | None]
) -> list[SessionItem]:
    """The programme's items as one session's exercises, at their starting dosage."""
    found: list[SessionItem] = []
    for item in items:
        exercise = lookup(item.exercise_id)
        found.append(
            SessionItem(
                key=None,
                exercise_id=item.exercise_id,
                name=exercise.name if exercise else item.exercise_id,
                dosage=item.dosage,
                tracks_symptoms=bool(
                    exercise and exercise.symptom_tracking is not SymptomTracking.NONE
                ),
                static=is_static(exercise),
            )
        )
    return found


def session_seconds(
    items: Sequence[ProgrammeItem],
    lookup: Callable[[str], Exercise | None],
    settings: SessionSettings | None = None,
) -> float:
    return estimate_seconds(session_items(items, lookup), settings)


def in_words(seconds: float) -> str:
    """ "About 12 minutes" (rounded to the nearest minute; under a minute says so)."""
    if seconds <= 0:
        return "No exercises yet"
    if seconds < 60:
        return "Under a minute"
    minutes = round(seconds / 60)
    return f"About {minutes} minute{'s' if minutes != 1 else ''}"
