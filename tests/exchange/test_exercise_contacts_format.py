"""The illustration keys for contacts and emphasis: read, solved on loading, written back, and
refused with the field named when wrong."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from coach.domain.exercise import Contact
from coach.domain.figure import figure_points
from coach.exchange.exercise_format import ExerciseFormatError, parse_exercise, to_json_dict
from coach.paths import exercises_dir


def _bird_dog() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((exercises_dir() / "bird-dog.json").read_text("utf-8"))
    return data


def test_contacts_are_read_solved_and_written_back() -> None:
    data = _bird_dog()
    start = data["illustration"]["keyframes"][0]
    # Lift the hands off the mat: loading puts them back down.
    start["joints"]["elbow_near"] = 35.0
    exercise = parse_exercise(data)
    assert exercise.illustration is not None
    frame = exercise.illustration.keyframes[0]
    assert Contact("hand_near", "floor") in frame.contacts
    hand = figure_points(frame, exercise.illustration.view_yaw)["hand_near"]
    assert abs(hand.y - 3.7) < 1.5  # the hand's radius above the mat
    written = to_json_dict(exercise)["illustration"]["keyframes"][0]["contacts"]
    assert {"point": "knee_near", "on": "floor", "by": "root"} in written
    assert {"point": "hand_near", "on": "floor"} in written


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        ({"point": "hand_near", "on": "ceiling"}, "on"),
        ({"point": "elbow", "on": "floor"}, "point"),
        ({"point": "pelvis", "on": "floor"}, "point"),  # not the end of a limb, and no "by": "root"
        ({"point": "hand_near", "on": "floor", "by": "magic"}, "by"),
        ({"point": "hand_near", "on": "floor", "grip": True}, "grip"),
    ],
)
def test_a_bad_contact_names_its_field(contact: dict[str, Any], field: str) -> None:
    data = _bird_dog()
    data["illustration"]["keyframes"][0]["contacts"] = [contact]
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(data)
    assert caught.value.field == f"illustration.keyframes[0].contacts[0].{field}"


def test_emphasis_names_parts_of_the_figure() -> None:
    data = _bird_dog()
    data["illustration"]["emphasis"] = ["arm_far", "leg_near"]
    exercise = parse_exercise(copy.deepcopy(data))
    assert exercise.illustration is not None
    assert exercise.illustration.emphasis == ("arm_far", "leg_near")
    assert to_json_dict(exercise)["illustration"]["emphasis"] == ["arm_far", "leg_near"]
    data["illustration"]["emphasis"] = ["tail"]
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(data)
    assert caught.value.field == "illustration.emphasis[0]"
