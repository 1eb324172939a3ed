"""The only source of time in Coach.

Wall time (`now`) stamps what the user logs; monotonic time drives the session timer, because
the wall clock can jump (NTP, DST, the user changing it) while a countdown must not. Tests and
the session engine take a `Clock` so they can run hours of exercise in microseconds.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time as an aware datetime."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards; only differences mean anything."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to: for tests, demos and benchmarks."""

    def __init__(self, start: datetime, monotonic_start: float = 1000.0) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self._now = start
        self._mono = monotonic_start

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together, as real time does."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set_now(self, when: datetime) -> None:
        """Jump the wall clock only (a user or NTP changing it); monotonic time is untouched."""
        if when.tzinfo is None:
            raise ValueError("set_now needs an aware datetime")
        self._now = when
