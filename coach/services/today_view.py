"""What the Today page shows for one day, as plain values.

TodayService builds it from the programmes, sessions, progress and diary. It holds no database
types and imports nothing heavy, so the first screen can be kept in a small file at exit and
shown at the next start before the database layer is loaded (see first_screen.py); `to_json`
and `from_json` are that file's format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.domain.adherence import Adherence


@dataclass(frozen=True)
class ItemLine:
    """One exercise of a programme on the day: its dosage in words and how much is done."""

    name: str
    dosage: str
    progress: str
    done: bool


@dataclass(frozen=True)
class ProgrammeSummary:
    programme_id: int
    name: str
    goal: str
    minutes: int  # estimated length of one session
    items: tuple[ItemLine, ...]

    @property
    def all_done(self) -> bool:
        return all(item.done for item in self.items)


@dataclass(frozen=True)
class TodayView:
    day: date
    name: str  # the patient's name; "" when none was given
    has_active_programme: bool
    programmes: tuple[ProgrammeSummary, ...]  # those prescribing something on the day
    week_days: tuple[Adherence, ...]  # Monday to the day
    week: Adherence | None
    checked_in: bool  # the evening check-in for the day is done


def to_json(view: TodayView) -> dict[str, Any]:
    return {
        "day": view.day.isoformat(),
        "name": view.name,
        "has_active_programme": view.has_active_programme,
        "programmes": [
            {
                "id": p.programme_id,
                "name": p.name,
                "goal": p.goal,
                "minutes": p.minutes,
                "items": [[i.name, i.dosage, i.progress, i.done] for i in p.items],
            }
            for p in view.programmes
        ],
        "week_days": [_adherence_json(a) for a in view.week_days],
        "week": None if view.week is None else _adherence_json(view.week),
        "checked_in": view.checked_in,
    }


def from_json(data: dict[str, Any]) -> TodayView:
    """The view written by `to_json`. Raises KeyError, TypeError or ValueError when the data is
    not such a view, so a damaged file is never shown as the patient's day."""
    programmes = tuple(
        ProgrammeSummary(
            _typed(p["id"], int),
            _typed(p["name"], str),
            _typed(p["goal"], str),
            _typed(p["minutes"], int),
            tuple(
                ItemLine(_typed(n, str), _typed(d, str), _typed(s, str), _typed(ok, bool))
                for n, d, s, ok in p["items"]
            ),
        )
        for p in data["programmes"]
    )
    return TodayView(
        day=date.fromisoformat(data["day"]),
        name=_typed(data["name"], str),
        has_active_programme=_typed(data["has_active_programme"], bool),
        programmes=programmes,
        week_days=tuple(_adherence(a) for a in data["week_days"]),
        week=None if data["week"] is None else _adherence(data["week"]),
        checked_in=_typed(data["checked_in"], bool),
    )


def _adherence_json(a: Adherence) -> list[Any]:
    return [a.first.isoformat(), a.last.isoformat(), a.done, a.prescribed, a.full, a.partly]


def _adherence(raw: list[Any]) -> Adherence:
    # A file kept by a build without the whole counts has four entries.
    first, last, done, prescribed, *counts = raw
    full, partly = (_typed(n, int) for n in counts) if len(counts) == 2 else (0, 0)
    return Adherence(
        date.fromisoformat(first),
        date.fromisoformat(last),
        float(_typed(done, int | float)),
        float(_typed(prescribed, int | float)),
        full,
        partly,
    )


def _typed(value: Any, kind: Any) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind}, got {type(value).__name__}")
    return value
