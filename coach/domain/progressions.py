"""Progression ladders: which exercise is the next step easier or harder than another.

A therapist progresses one thing at a time and drops a step back when symptoms spread or stay
worse (CLINICAL.md, progressions). So each ladder is a short chain from the easiest exercise to
the hardest of one kind, for one body area, and "make easier / make harder" moves one rung. The
ladders are data here, without Qt, so the library service, the builder and the tests share them;
`ladder_problems` says what is wrong with a set of ladders (an unknown exercise, one on two
rungs, a cycle, a step that changes category or body area), and the tests hold the shipped
ladders to it. `swapped` is the programme item after such a move.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from coach.domain.dosage import Dosage
from coach.domain.exercise import Exercise, Region
from coach.domain.programme import ProgrammeItem, Progressable, Progression
from coach.domain.sides import Sides

# Easiest first.
LADDERS: tuple[tuple[str, ...], ...] = (
    # McKenzie lumbar extension, then the lateral component and overpressure.
    (
        "prone-lying",
        "prone-on-elbows",
        "prone-press-up",
        "press-up-hips-off-centre",
        "press-up-with-belt",
    ),
    # McKenzie lumbar flexion: lying, then sitting, then standing.
    ("flexion-in-lying", "flexion-in-sitting", "flexion-in-standing"),
    # McKenzie cervical: retraction, overpressure, extension, extension lying over the bed end.
    (
        "chin-tuck-sitting",
        "retraction-overpressure",
        "retraction-extension",
        "retraction-extension-lying",
    ),
    # Deep neck flexors: the nod, then holding the head just off the floor.
    ("chin-nod-lying", "deep-neck-flexor-head-lift"),
    # Trunk stability lying down.
    ("abdominal-bracing", "heel-slide", "dead-bug-heel-tap", "dead-bug"),
    ("bridge", "bridge-march", "single-leg-bridge"),
    ("bird-dog-arm", "bird-dog-leg", "bird-dog"),
    ("front-plank-knees", "front-plank"),
    ("side-plank-knees", "side-plank"),
    # Scapular and upper back: the T (arms out to the sides) is a shorter lever than the Y.
    ("scapular-retraction-sitting", "band-row", "prone-t-raise", "prone-y-raise"),
    # Legs.
    ("sit-to-stand", "squat", "split-squat", "step-up"),
    # Flexibility.
    ("single-knee-to-chest", "double-knee-to-chest"),
)


@dataclass(frozen=True)
class Rung:
    """Where an exercise stands on its ladder: the ids one step easier and harder ("" at an
    end)."""

    easier: str = ""
    harder: str = ""


def rungs(ladders: Iterable[tuple[str, ...]] = LADDERS) -> dict[str, Rung]:
    """Every laddered exercise id and its neighbours (the last ladder naming an id wins;
    `ladder_problems` reports an id on two rungs)."""
    out: dict[str, Rung] = {}
    for ladder in ladders:
        for index, exercise_id in enumerate(ladder):
            out[exercise_id] = Rung(
                ladder[index - 1] if index > 0 else "",
                ladder[index + 1] if index + 1 < len(ladder) else "",
            )
    return out


class Shape(StrEnum):
    """How a dosage is done, which decides whether one exercise's numbers suit another."""

    SUSTAINED = "sustained"  # one position held (prone lying: 1 x 3 minutes)
    HELD = "held"  # repetitions with a hold at the end (bridge: 12 x 3 s)
    MOVING = "moving"  # repetitions without a hold (squat)


def shape(dosage: Dosage) -> tuple[Shape, bool]:
    """The dosage's shape and whether it is done per side."""
    if dosage.hold_s <= 0:
        kind = Shape.MOVING
    else:
        kind = Shape.SUSTAINED if dosage.reps == 1 else Shape.HELD
    return kind, dosage.sides is not Sides.NONE


def swapped(item: ProgrammeItem, exercise: Exercise) -> ProgrammeItem:
    """`item` with `exercise` in its place, one rung up or down its ladder.

    The schedule stays (the days, the times a day) and so does the note. The therapist's numbers
    stay too when they suit the new exercise: the same shape of dosage (a position held, held
    repetitions, or moving ones) and the same use of sides. Otherwise the new exercise's own
    default applies, so a single-leg bridge is never prescribed without sides, nor prone lying
    as ten two-second holds; a weekly progression stays while what it raises is there and
    below its limit.
    """
    if shape(item.dosage) == shape(exercise.dosage):
        return dataclasses.replace(item, exercise_id=exercise.id)
    dosage = dataclasses.replace(
        exercise.dosage,
        times_per_day=item.dosage.times_per_day,
        days_per_week=item.dosage.days_per_week,
    )
    progression = item.progression
    if progression is not None and not _still_raises(progression, dosage):
        progression = None
    return dataclasses.replace(
        item, exercise_id=exercise.id, dosage=dosage, progression=progression
    )


def _still_raises(progression: Progression, dosage: Dosage) -> bool:
    """Whether a weekly progression means something for `dosage`: what it raises is there
    (a hold, repetitions) and still below its limit."""
    if progression.field is Progressable.HOLD_S and dosage.hold_s <= 0:
        return False
    if progression.field is Progressable.REPS and dosage.reps <= 1:
        return False
    return float(getattr(dosage, progression.field.value)) < progression.limit


@dataclass(frozen=True)
class LadderProblem:
    """What is wrong with a ladder: `kind` ("unknown", "twice", "cycle", "category", "area"),
    the exercise ids concerned."""

    kind: str
    ids: tuple[str, ...]


def _areas(exercise: Exercise) -> set[Region]:
    return set(exercise.regions) - {Region.WHOLE_BODY}


def ladder_problems(
    ladders: Iterable[tuple[str, ...]], exercises: Mapping[str, Exercise]
) -> list[LadderProblem]:
    """Everything that keeps a set of ladders from being one-step-at-a-time chains."""
    ladders = tuple(ladders)
    problems: list[LadderProblem] = []
    seen: dict[str, int] = {}
    for ladder in ladders:
        for exercise_id in ladder:
            seen[exercise_id] = seen.get(exercise_id, 0) + 1
            if exercise_id not in exercises:
                problems.append(LadderProblem("unknown", (exercise_id,)))
        for easier, harder in pairwise(ladder):
            if easier not in exercises or harder not in exercises:
                continue
            a, b = exercises[easier], exercises[harder]
            if a.category != b.category:
                problems.append(LadderProblem("category", (easier, harder)))
            if not _areas(a) & _areas(b):
                problems.append(LadderProblem("area", (easier, harder)))
    problems += [LadderProblem("twice", (i,)) for i, n in seen.items() if n > 1]
    steps_up: dict[str, set[str]] = {}
    for ladder in ladders:
        for lower, upper in pairwise(ladder):
            steps_up.setdefault(lower, set()).add(upper)
    cycle = _cycle(steps_up)
    if cycle:
        problems.append(LadderProblem("cycle", cycle))
    return problems


def _cycle(harder: Mapping[str, set[str]]) -> tuple[str, ...]:
    """A chain of "harder" links that comes back to where it started, or ()."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> tuple[str, ...]:
        if node in path:
            return tuple(path[path.index(node) :])
        if node in done:
            return ()
        for step in sorted(harder.get(node, ())):
            found = visit(step, [*path, node])
            if found:
                return found
        done.add(node)
        return ()

    for start in sorted(harder):
        found = visit(start, [])
        if found:
            return found
    return ()
