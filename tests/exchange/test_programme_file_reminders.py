"""The optional suggested reminder plan in a programme file: written only when there is one,
read strictly, and old files without it unchanged."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest

from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import ReminderRules
from coach.exchange.programme_file import (
    ProgrammeFileError,
    parse_programme,
    to_bytes,
    to_document,
)

TODAY = date(2026, 3, 16)
VALUE = Programme(
    uid="",
    name="Neck routine",
    start_date=TODAY,
    items=(ProgrammeItem("chin-tuck", Dosage(reps=10, times_per_day=3)),),
)


def _parse(document: dict[str, Any]) -> Any:
    return parse_programme(json.dumps(document).encode(), TODAY)


def test_a_plan_survives_the_round_trip() -> None:
    plan = ReminderRules(time(9, 30), time(20, 0), frozenset({5, 6}))
    data = to_bytes(VALUE, reminders=plan)
    document = json.loads(data)
    assert document["version"] == 1  # reminders alone never need version 2
    assert document["reminders"] == {
        "wake": "09:30",
        "sleep": "20:00",
        "quiet_days": ["sat", "sun"],
    }
    assert parse_programme(data, TODAY).reminders == plan


def test_without_a_plan_the_file_is_as_before() -> None:
    document = to_document(VALUE)
    assert "reminders" not in document
    assert _parse(document).reminders is None


@pytest.mark.parametrize(
    ("plan", "says"),
    [
        ({"wake": "8:00", "sleep": "21:00"}, "reminders.wake must be a time of day like 08:00"),
        ({"wake": "08:00", "sleep": 21}, "reminders.sleep must be a time of day"),
        ({"wake": "08:00", "sleep": "24:00"}, "reminders.sleep must be a time of day"),
        ({"wake": "21:00", "sleep": "08:00"}, "waking time must be before bedtime"),
        ({"wake": "08:00"}, "reminders.sleep is missing"),
        ({"wake": "08:00", "sleep": "21:00", "loud": True}, "reminders.loud is not a field"),
        ({"wake": "08:00", "sleep": "21:00", "quiet_days": ["sunday"]}, "lists days as mon"),
        (
            {
                "wake": "08:00",
                "sleep": "21:00",
                "quiet_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            },
            "leaves no day for reminders",
        ),
        ([], "reminders must be an object"),
    ],
)
def test_a_bad_plan_is_refused_with_where_and_why(plan: object, says: str) -> None:
    document = to_document(VALUE)
    document["reminders"] = plan
    with pytest.raises(ProgrammeFileError) as refused:
        _parse(document)
    assert says in refused.value.message
