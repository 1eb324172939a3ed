"""The cues a session gives: which sound (or spoken word) is due.

Apart from the session engine so that what only plays cues (the player's sounds, a reminder's
chime) can name them without loading the engine, which the first window does not need.
"""

from __future__ import annotations

from enum import StrEnum


class CueKind(StrEnum):
    """Which sound (or spoken word) the player should give now."""

    START = "start"  # a repetition starts moving
    HOLD = "hold"
    RELEASE = "release"  # come back from the held position
    REST = "rest"  # rest between sets, or switch side
    DONE = "done"  # an exercise or the session is finished
    TICK = "tick"  # each of the last 3 seconds of a hold or a pause
