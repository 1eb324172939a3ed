"""The kinds of rows a progress file carries, named for people (CLI and GUI share these).

Keyed by the kind's value in coach.exchange.progress_file.Kind (a StrEnum, so a Kind looks up
as itself); importing nothing, like the other wording modules.
"""

from __future__ import annotations

KIND_LABELS = {
    "sessions": "Exercise sessions",
    "exercise_logs": "Exercises done (with their plan)",
    "symptom_responses": "Symptom responses",
    "pain_entries": "Pain entries",
    "checkins": "Daily check-ins",
    "treatments": "Treatments",
    "psfs_activities": "PSFS activities",
    "outcome_scores": "Outcome scores",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS[kind]


def therapist_line(name: str, clinic: str) -> str:
    """The therapist progress goes to, in one line ("Dr Lee, Riverside Physio")."""
    return ", ".join(part for part in (name, clinic) if part) or "your therapist"
