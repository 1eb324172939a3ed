"""The shipped progression ladders: real exercises, one rung each, no cycles, one body area."""

from __future__ import annotations

from dataclasses import replace

from coach.domain.exercise import Category, Region
from coach.domain.progressions import LADDERS, ladder_problems, rungs
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
