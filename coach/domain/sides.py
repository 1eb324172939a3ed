"""Which side(s) a one-sided exercise is done on: part of a dosage (coach.domain.dosage), and
all that adherence needs of one. In a module of its own so that the caseload's adherence figures
load without the dosage's ranges and dataclasses (a therapist's kept first paint needs none).
"""

from __future__ import annotations

from enum import StrEnum


class Sides(StrEnum):
    """Which side(s) a one-sided exercise is done on."""

    NONE = "none"  # symmetrical exercise: no sides
    BOTH = "both"  # all sets on one side, then all on the other
    ALTERNATE = "alternate"  # left and right take turns rep by rep
    LEFT = "left"
    RIGHT = "right"
