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

from coach.domain.adherence import Adherence
from coach.services.caseload import CaseloadEntry, flags_of
from coach.store.caseload_row import CaseloadRow


@dataclass(frozen=True)
class KeptCaseload:
    """The Patients page's rows as of one day: every active patient, by name."""

    day: date
    rows: tuple[CaseloadEntry, ...]

    def entries(self) -> list[CaseloadEntry]:
        """The rows flagged as the page flags them on that day."""
        return [
            CaseloadEntry(
                entry.figures, flags_of(entry.figures, self.day), entry.last_7, entry.last_28
            )
            for entry in self.rows
        ]


def caseload_json(kept: KeptCaseload) -> dict[str, Any]:
    return {"day": kept.day.isoformat(), "rows": [to_json(entry) for entry in kept.rows]}


def caseload_from_json(data: dict[str, Any]) -> KeptCaseload:
    """The day's rows written by `caseload_json`; raises as `from_json` does."""
    return KeptCaseload(
        date.fromisoformat(_typed(data["day"], str)),
        tuple(from_json(row) for row in data["rows"]),
    )


def to_json(entry: CaseloadEntry) -> list[Any]:
    row = entry.figures
    return [
        row.patient_id,
        row.name,
        row.identifier,
        row.active_programmes,
        _day_json(row.review_date),
        _day_json(row.last_session),
        _period_json(entry.last_7),
        _period_json(entry.last_28),
        row.pain_this_week,
        row.pain_last_week,
        row.red_flag,
        row.peripheralized,
        row.question,
    ]


def from_json(raw: list[Any]) -> CaseloadEntry:
    """The row written by `to_json`. Raises ValueError or TypeError when `raw` is not one, so a
    damaged file is never shown as the caseload."""
    (
        patient_id,
        name,
        identifier,
        active,
        review,
        last_session,
        last_7,
        last_28,
        pain_now,
        pain_before,
        red_flag,
        peripheralized,
        question,
    ) = raw
    row = CaseloadRow(
        patient_id=_integer(patient_id),
        name=_typed(name, str),
        identifier=_typed(identifier, str),
        date_of_birth=None,
        active_programmes=_integer(active),
        review_date=_day(review),
        last_session=_day(last_session),
        pain_this_week=_pain(pain_now),
        pain_last_week=_pain(pain_before),
        red_flag=_typed(red_flag, bool),
        peripheralized=_typed(peripheralized, bool),
        question=_typed(question, bool),
    )
    return CaseloadEntry(row, (), _period(last_7), _period(last_28))


def _period_json(value: Adherence | None) -> list[Any] | None:
    if value is None:
        return None
    first, last, done, prescribed, full, partly = value
    return [first.isoformat(), last.isoformat(), done, prescribed, full, partly]


def _period(value: Any) -> Adherence | None:
    if value is None:
        return None
    first, last, done, prescribed, full, partly = _typed(value, list)
    return Adherence(
        date.fromisoformat(_typed(first, str)),
        date.fromisoformat(_typed(last, str)),
        _number(done),
        _number(prescribed),
        _integer(full),
        _integer(partly),
    )


def _day_json(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(_typed(value, str))


def _pain(value: Any) -> float | None:
    return None if value is None else _number(value)


def _number(value: Any) -> float:
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
