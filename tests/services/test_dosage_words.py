"""A dosage in plain words, as the library, handouts and sessions show it."""

from __future__ import annotations

import pytest

from coach.domain.dosage import Dosage, Sides
from coach.services.dosage_words import describe, duration


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (1.5, "1.5 seconds"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (300, "5 minutes"),
        (0, "0 seconds"),
    ],
)
def test_duration(seconds: float, words: str) -> None:
    assert duration(seconds) == words


def test_sets_reps_holds_sides_and_frequency() -> None:
    dosage = Dosage(
        sets=3, reps=10, hold_s=5, rest_s=60, sides=Sides.BOTH, times_per_day=2, days_per_week=5
    )
    assert describe(dosage) == (
        "3 sets of 10 repetitions, holding each for 5 seconds.",
        "Do it on one side, then the same on the other side.",
        "Move slowly: about 2 seconds each way.",
        "Rest 1 minute between sets.",
        "Twice a day, on 5 days a week.",
    )


def test_a_single_long_hold_reads_as_a_hold() -> None:
    dosage = Dosage(sets=1, reps=1, hold_s=300, move_s=3, return_s=2)
    assert describe(dosage) == (
        "Hold for 5 minutes.",
        "Take about 3 seconds to move into position and 2 seconds to come back.",
        "Once a day, every day.",
    )
    assert describe(Dosage(sets=3, reps=1, hold_s=30))[0] == "3 times: hold for 30 seconds."
