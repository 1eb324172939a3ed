"""The shipped progression ladders: real exercises, one rung each, no cycles, one body area."""

from __future__ import annotations

from dataclasses import replace

from coach.domain.dosage import Dosage
from coach.domain.exercise import Category, Region
from coach.domain.programme import ProgrammeItem, Progressable, Progression
from coach.domain.progressions import LADDERS, ladder_problems, rungs, shape, swapped
from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir

LIBRARY = {e.id: e for e in load_library(exercises_dir())[0]}


def test_the_shipped_ladders_hold() -> None:
    assert ladder_problems(LADDERS, LIBRARY) == []


def test_the_ladders_the_clinic_expects_are_there() -> None:
    links = rungs()
    assert links["front-plank-knees"].harder == "front-plank"
    assert links["side-plank"].easier == "side-plank-knees"
    assert links["bridge"].harder == "bridge-march"
    assert links["bridge-march"].harder == "single-leg-bridge"
    assert links["chin-nod-lying"].harder == "deep-neck-flexor-head-lift"
    assert links["prone-press-up"].harder == "press-up-hips-off-centre"
    assert links["prone-lying"].easier == ""
    assert "walking-programme" not in links


def test_a_cycle_is_found() -> None:
    problems = ladder_problems((("bridge", "bridge-march"), ("bridge-march", "bridge")), LIBRARY)
    assert "cycle" in {p.kind for p in problems}
    assert "twice" in {p.kind for p in problems}


def test_a_step_to_another_body_area_or_category_is_found() -> None:
    problems = ladder_problems((("chin-tuck-sitting", "bridge"),), LIBRARY)
    assert {(p.kind, p.ids) for p in problems} == {
        ("area", ("chin-tuck-sitting", "bridge")),
        ("category", ("chin-tuck-sitting", "bridge")),
    }
    neck_bridge = replace(LIBRARY["bridge"], regions=(Region.CERVICAL,), category=Category.MCKENZIE)
    assert (
        ladder_problems((("chin-tuck-sitting", "bridge"),), {**LIBRARY, "bridge": neck_bridge})
        == []
    )


def test_an_unknown_exercise_is_found() -> None:
    problems = ladder_problems((("bridge", "no-such-exercise"),), LIBRARY)
    assert [(p.kind, p.ids) for p in problems] == [("unknown", ("no-such-exercise",))]


def test_a_swap_keeps_the_schedule_and_numbers_that_suit_the_new_exercise() -> None:
    item = ProgrammeItem(
        "chin-tuck-sitting",
        Dosage(sets=2, reps=12, hold_s=4, times_per_day=3),
        days=frozenset({0, 2, 4}),
        progression=Progression(Progressable.REPS, 1, 15),
        note="Slowly",
    )
    moved = swapped(item, LIBRARY["retraction-overpressure"])
    assert moved == replace(item, exercise_id="retraction-overpressure")


def test_a_swap_to_another_shape_of_dosage_takes_the_new_default_but_keeps_the_schedule() -> None:
    item = ProgrammeItem(
        "prone-press-up",
        Dosage(reps=12, hold_s=2, times_per_day=4),
        days=frozenset({1, 3}),
        progression=Progression(Progressable.REPS, 2, 20),
    )
    lying = swapped(item, LIBRARY["prone-on-elbows"])  # one position held, not repetitions
    default = LIBRARY["prone-on-elbows"].dosage
    assert (lying.dosage.reps, lying.dosage.hold_s) == (default.reps, default.hold_s)
    assert (lying.days, lying.dosage.times_per_day, lying.dosage.days_per_week) == (
        frozenset({1, 3}),
        4,
        2,
    )
    assert lying.progression is None  # one repetition: nothing to raise
    sided = swapped(item, LIBRARY["press-up-hips-off-centre"])  # done to one side
    assert sided.dosage.sides is LIBRARY["press-up-hips-off-centre"].dosage.sides
    assert sided.progression == item.progression
    assert shape(sided.dosage) == shape(LIBRARY["press-up-hips-off-centre"].dosage)


def test_a_progression_whose_limit_the_new_default_reaches_is_dropped() -> None:
    item = ProgrammeItem(
        "side-plank-knees",
        Dosage(reps=3, hold_s=10),  # no sides, unlike the side plank: its default applies
        progression=Progression(Progressable.HOLD_S, 5, 20),
    )
    moved = swapped(item, LIBRARY["side-plank"])  # starts at a 20 s hold
    assert moved.dosage.hold_s == LIBRARY["side-plank"].dosage.hold_s == 20
    assert moved.progression is None
    raised = replace(item, progression=Progression(Progressable.HOLD_S, 5, 40))
    assert swapped(raised, LIBRARY["side-plank"]).progression == raised.progression
