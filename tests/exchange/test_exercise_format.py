"""The exercise file format: every shipped file loads, and bad files are reported precisely."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coach.domain.dosage import Sides
from coach.domain.exercise import Category, Region, SymptomTracking, View
from coach.exchange.exercise_format import (
    ExerciseFormatError,
    load_exercise,
    load_library,
    parse_exercise,
    to_json_dict,
)
from coach.paths import exercises_dir

SHIPPED_DIR = exercises_dir()


def _shipped_json(exercise_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHIPPED_DIR / f"{exercise_id}.json").read_text("utf-8"))
    return data


def test_every_shipped_file_loads_without_problems() -> None:
    exercises, problems = load_library(SHIPPED_DIR)
    assert problems == []
    assert len(exercises) == len(list(SHIPPED_DIR.glob("*.json"))) >= 60
    assert len({e.id for e in exercises}) == len(exercises)
    assert all(e.illustration is not None for e in exercises)


def test_per_category_counts_hold() -> None:
    exercises, _ = load_library(SHIPPED_DIR)
    counts = Counter(e.category for e in exercises)
    mckenzie = [e for e in exercises if e.category == Category.MCKENZIE]
    lumbar = [e for e in mckenzie if e.symptom_tracking == SymptomTracking.LUMBAR]
    cervical = [e for e in mckenzie if e.symptom_tracking == SymptomTracking.CERVICAL]
    assert len(lumbar) >= 8
    assert len(cervical) >= 5
    assert len(lumbar) + len(cervical) == counts[Category.MCKENZIE]
    assert counts[Category.CORE] >= 14
    assert counts[Category.FLEXIBILITY] >= 18
    assert counts[Category.NEURAL] >= 3


def test_shipped_content_is_complete_for_patients() -> None:
    exercises, _ = load_library(SHIPPED_DIR)
    for e in exercises:
        assert len(e.steps) >= 3, e.id
        assert e.stop_rules, e.id
        # A published source with its year, never the project's own fact sheet.
        assert re.search(r"\b(19|20)\d\d\b", e.dosage_source), e.id
        assert ".md" not in e.dosage_source, e.id
        assert e.summary.endswith("."), e.id
        for step in e.steps:
            assert step[0].isupper() and step.endswith("."), (e.id, step)
    by_id = {e.id: e for e in exercises}
    assert by_id["prone-press-up"].dosage.reps == 10
    assert by_id["prone-press-up"].regions == (Region.LUMBAR,)
    assert by_id["bird-dog"].dosage.sides == Sides.ALTERNATE


def test_search_finds_exercises_by_synonym() -> None:
    exercises, _ = load_library(SHIPPED_DIR)
    assert {e.id for e in exercises if e.matches("sphinx")} == {"prone-on-elbows"}
    assert "cat-camel" in {e.id for e in exercises if e.matches("CAT-COW")}


@pytest.mark.parametrize(
    "exercise_id", ["prone-press-up", "hamstring-strap-stretch", "wall-sit", "prone-t-raise"]
)
def test_writing_and_reading_back_gives_the_same_exercise(exercise_id: str) -> None:
    original = load_exercise(SHIPPED_DIR / f"{exercise_id}.json")
    again = parse_exercise(json.loads(json.dumps(to_json_dict(original))), "again.json")
    assert again == original


BAD_CASES = [
    ("category", "yoga", "category", "'yoga' is not one of"),
    ("steps", [], "steps", "needs at least one entry"),
    ("regions", ["lumbar", "lumbar"], "regions[1]", "listed twice"),
    ("name", 42, "name", "must be text"),
    ("colour", "red", "colour", "is not a field"),
    ("format", 2, "format", "newer Coach"),
    ("symptom_tracking", "none", "symptom_tracking", "McKenzie exercises track"),
]


@pytest.mark.parametrize(("key", "value", "field", "reason"), BAD_CASES)
def test_bad_top_level_values_name_the_field(
    key: str, value: object, field: str, reason: str
) -> None:
    data = _shipped_json("prone-press-up")
    data[key] = value
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(data, "mine.json")
    assert caught.value.file == "mine.json"
    assert caught.value.field == field
    assert reason in caught.value.message


def _with(data: dict[str, Any], path: list[Any], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


NESTED_CASES = [
    (["dosage", "reps"], 0, "dosage.reps", "between 1 and 50"),
    (["dosage", "sets"], 2.5, "dosage.sets", "whole number"),
    (["dosage", "sides"], "up", "dosage.sides", "'up' is not one of"),
    (["illustration", "start"], "nowhere", "illustration.start", "not one of the keyframes"),
    (
        ["illustration", "keyframes", 1, "joints", "knee_near"],
        200,
        "illustration.keyframes[1].joints.knee_near",
        "a person reaches 0 to 155",
    ),
    (
        ["illustration", "keyframes", 0, "joints", "tail"],
        10,
        "illustration.keyframes[0].joints.tail",
        "not a joint of the figure",
    ),
    (
        ["illustration", "keyframes", 0, "root"],
        [0, -40],
        "illustration.keyframes[0].root",
        "below the floor",
    ),
    (
        ["illustration", "arrows", 0, "joint"],
        "elbow",
        "illustration.arrows[0].joint",
        "not a point of the figure",
    ),
    (["illustration", "props"], ["mat", "trampoline"], "illustration.props[1]", "not one of"),
    (["illustration", "view"], "above", "illustration.view", "'above' is not one of"),
    (["illustration", "view"], "HEAD-END", "illustration.view", "not one of: side, head-end"),
    (["illustration", "view"], 90, "illustration.view", "must be one of"),
    (["illustration", "view"], None, "illustration.view", "must be one of"),
    (["illustration", "view"], ["head-end"], "illustration.view", "must be one of"),
]


@pytest.mark.parametrize(("path", "value", "field", "reason"), NESTED_CASES)
def test_bad_nested_values_name_the_full_field_path(
    path: list[Any], value: object, field: str, reason: str
) -> None:
    data = _with(_shipped_json("prone-press-up"), path, value)
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(data, "mine.json")
    assert (caught.value.field, reason in caught.value.message) == (field, True), caught.value


def test_an_end_view_draws_only_the_mat_under_a_body_lying_down() -> None:
    lying = _shipped_json("prone-press-up")
    lying["illustration"]["view"] = "head-end"
    with_strap = _with(lying, ["illustration", "props"], ["mat", "strap"])
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(with_strap, "mine.json")
    assert caught.value.field == "illustration.props[1]"
    assert "'strap' cannot be drawn with the view 'head-end'" in caught.value.message

    upright = _shipped_json("standing-extension")
    upright["illustration"]["view"] = "top"
    with pytest.raises(ExerciseFormatError) as caught:
        parse_exercise(upright, "mine.json")
    assert caught.value.field == "illustration.view"
    assert "is upright" in caught.value.message

    accepted = parse_exercise(_with(lying, ["illustration", "props"], ["mat"]), "mine.json")
    assert accepted.illustration is not None
    assert accepted.illustration.view == View.HEAD_END


def test_a_missing_dosage_field_is_reported() -> None:
    data = _shipped_json("bridge")
    del data["dosage"]["rest_s"]
    with pytest.raises(ExerciseFormatError, match=r"bridge.json: dosage.rest_s: is missing"):
        parse_exercise(data, "bridge.json")


def test_malformed_files_are_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    for good in ("bridge", "bird-dog"):
        (tmp_path / f"{good}.json").write_text(json.dumps(_shipped_json(good)), "utf-8")
    (tmp_path / "broken.json").write_text('{"id": "broken",', "utf-8")
    wrong_joint = _with(
        _shipped_json("dead-bug"), ["illustration", "keyframes", 0, "joints", "elbow_far"], -20
    )
    (tmp_path / "dead-bug.json").write_text(json.dumps(wrong_joint), "utf-8")
    (tmp_path / "renamed.json").write_text(json.dumps(_shipped_json("wall-sit")), "utf-8")
    (tmp_path / "latin1.json").write_bytes('{"name": "\xe9"}'.encode("latin-1"))
    (tmp_path / "notes.txt").write_text("not an exercise", "utf-8")

    exercises, problems = load_library(tmp_path)

    assert sorted(e.id for e in exercises) == ["bird-dog", "bridge"]
    reported = {p.file: p for p in problems}
    assert set(reported) == {"broken.json", "dead-bug.json", "renamed.json", "latin1.json"}
    assert reported["broken.json"].field == "(file)"
    assert "not valid JSON" in reported["broken.json"].message
    assert reported["dead-bug.json"].field == "illustration.keyframes[0].joints.elbow_far"
    assert "a person reaches 0 to 150" in reported["dead-bug.json"].message
    assert reported["renamed.json"].field == "id"
    assert "renamed.json" in reported["renamed.json"].message
    assert "UTF-8" in reported["latin1.json"].message
    assert str(reported["renamed.json"]).startswith("renamed.json: id: ")


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    exercises, problems = load_library(tmp_path / "nowhere")
    assert exercises == []
    assert [p.message for p in problems] == ["does not exist"]


def test_an_exercise_without_illustration_is_allowed() -> None:
    data = _shipped_json("bridge")
    del data["illustration"]
    assert parse_exercise(data, "bridge.json").illustration is None
