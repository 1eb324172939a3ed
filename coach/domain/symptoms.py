"""Where McKenzie symptoms reach, on the ordered scales of shared/CLINICAL.md.

The McKenzie stop rule compares the most distant point of symptoms before and after an exercise:
farther from the spine afterwards is peripheralization (stop, contact the therapist), nearer is
centralization (a good sign). One ordered scale per spine region makes that a comparison of two
whole numbers, which the session, the log and the reports all share.
"""

from __future__ import annotations

from enum import StrEnum

from coach.domain.exercise import SymptomTracking
from coach.domain.profile import ValidationError


class SymptomRegion(StrEnum):
    LUMBAR = "lumbar"
    CERVICAL = "cervical"


class Response(StrEnum):
    CENTRALIZED = "centralized"
    UNCHANGED = "unchanged"
    PERIPHERALIZED = "peripheralized"


# Index = level stored in the log: 0 is no symptoms, 5 the farthest from the spine.
LEVELS: dict[SymptomRegion, tuple[str, ...]] = {
    SymptomRegion.LUMBAR: (
        "None",
        "Back only",
        "Buttock",
        "Thigh",
        "Below the knee",
        "Foot",
    ),
    SymptomRegion.CERVICAL: (
        "None",
        "Neck only",
        "Shoulder blade",
        "Upper arm",
        "Below the elbow",
        "Hand",
    ),
}
TOP_LEVEL = 5


def region_of(tracking: SymptomTracking) -> SymptomRegion | None:
    """The scale an exercise's symptom tracking uses; None for exercises that do not track."""
    if tracking == SymptomTracking.LUMBAR:
        return SymptomRegion.LUMBAR
    if tracking == SymptomTracking.CERVICAL:
        return SymptomRegion.CERVICAL
    return None


def check_level(field: str, level: int) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= TOP_LEVEL:
        raise ValidationError(field, "Choose where your symptoms reach.")
    return level


def response(before: int, after: int) -> Response:
    """Farther after than before is peripheralization; nearer is centralization."""
    check_level("level_before", before)
    check_level("level_after", after)
    if after > before:
        return Response.PERIPHERALIZED
    if after < before:
        return Response.CENTRALIZED
    return Response.UNCHANGED


def level_name(region: SymptomRegion, level: int) -> str:
    return LEVELS[region][check_level("level", level)]
