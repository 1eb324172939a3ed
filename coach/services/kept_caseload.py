"""The Patients page's figures as the first-screen file keeps them (see first_screen.py).

A therapist's copy opens on the Patients page, so its kept first screen is the caseload table:
every active patient's row, as of each day kept. One JSON list per row, in a fixed order, keeps
the file small for a caseload of hundreds. Only what the page shows is kept: the date of birth
is left out (read back as None), so the file holds names and figures and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.services.caseload import CaseloadEntry, flags_of
from coach.store.caseload_row import CaseloadRow


@dataclass(frozen=True)
class KeptCaseload:
    """The Patients page's rows as of one day: every active patient, by name."""

    day: date
    rows: tuple[CaseloadRow, ...]

    def entries(self) -> list[CaseloadEntry]:
        """The rows flagged as the page flags them on that day."""
        return [CaseloadEntry(row, flags_of(row, self.day)) for row in self.rows]


def caseload_json(kept: KeptCaseload) -> dict[str, Any]:
    return {"day": kept.day.isoformat(), "rows": [to_json(row) for row in kept.rows]}


def caseload_from_json(data: dict[str, Any]) -> KeptCaseload:
    """The day's rows written by `caseload_json`; raises as `from_json` does."""
    return KeptCaseload(
        date.fromisoformat(_typed(data["day"], str)),
        tuple(from_json(row) for row in data["rows"]),
    )


def to_json(row: CaseloadRow) -> list[Any]:
    return [
        row.patient_id,
        row.name,
        row.identifier,
        row.active_programmes,
        _day_json(row.review_date),
        _day_json(row.last_session),
        row.done_7,
        row.logged_7,
        row.done_28,
        row.logged_28,
        row.pain_this_week,
        row.pain_last_week,
        row.red_flag,
        row.peripheralized,
        row.question,
    ]


def from_json(raw: list[Any]) -> CaseloadRow:
    """The row written by `to_json`. Raises ValueError or TypeError when `raw` is not one, so a
    damaged file is never shown as the caseload."""
    (
        patient_id,
        name,
        identifier,
        active,
        review,
        last_session,
        done_7,
        logged_7,
        done_28,
        logged_28,
        pain_now,
        pain_before,
        red_flag,
        peripheralized,
        question,
    ) = raw
    return CaseloadRow(
        patient_id=_integer(patient_id),
        name=_typed(name, str),
        identifier=_typed(identifier, str),
        date_of_birth=None,
        active_programmes=_integer(active),
        review_date=_day(review),
        last_session=_day(last_session),
        done_7=_integer(done_7),
        logged_7=_integer(logged_7),
        done_28=_integer(done_28),
        logged_28=_integer(logged_28),
        pain_this_week=_pain(pain_now),
        pain_last_week=_pain(pain_before),
        red_flag=_typed(red_flag, bool),
        peripheralized=_typed(peripheralized, bool),
        question=_typed(question, bool),
    )


def _day_json(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(_typed(value, str))


def _pain(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("expected a number, got bool")
    return float(_typed(value, int | float))


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("expected int, got bool")
    return int(_typed(value, int))


def _typed(value: Any, kind: Any) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind}, got {type(value).__name__}")
    return value
