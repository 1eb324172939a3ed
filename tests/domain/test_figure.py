"""The figure model's invariants, checked on every keyframe of every shipped exercise."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from coach.domain.exercise import Exercise, Illustration, Keyframe, Phase
from coach.domain.figure import (
    EXPECTED_LENGTHS,
    JOINTS,
    angle_problems,
    between,
    blend,
    body_points,
    ease_in_out,
    figure_points,
    grounded,
    lowest_point,
    mirror_joints,
    mirror_keyframe,
    pose_for,
    segment_lengths,
)
from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir

FLOOR_TOLERANCE = 1.0


def _shipped() -> list[Exercise]:
    exercises, problems = load_library(exercises_dir())
    assert not problems
    return exercises


SHIPPED = _shipped()
KEYFRAMES = [
    pytest.param(e.illustration, frame, id=f"{e.id}/{frame.name}")
    for e in SHIPPED
    if e.illustration is not None
    for frame in e.illustration.keyframes
]


def _random_joints(rng: random.Random) -> dict[str, float]:
    return {name: rng.uniform(r.low, r.high) for name, r in JOINTS.items()}


@pytest.mark.parametrize(("illustration", "frame"), KEYFRAMES)
def test_every_shipped_keyframe_is_a_human_pose_on_the_floor(
    illustration: Illustration, frame: Keyframe
) -> None:
    assert angle_problems(frame.joints) == []
    lengths = segment_lengths(body_points(frame.joints))
    for segment, expected in EXPECTED_LENGTHS.items():
        assert lengths[segment] == pytest.approx(expected, abs=1e-9), segment
    yaw = illustration.view_yaw
    assert lowest_point(figure_points(frame, yaw), yaw) >= -FLOOR_TOLERANCE


def test_shipped_keyframes_were_checked() -> None:
    assert len(KEYFRAMES) >= 2 * 60


def test_segment_lengths_hold_for_any_pose_in_range() -> None:
    rng = random.Random(7)
    for _ in range(200):
        lengths = segment_lengths(body_points(_random_joints(rng)))
        for segment, expected in EXPECTED_LENGTHS.items():
            assert lengths[segment] == pytest.approx(expected, abs=1e-9)


def test_angle_problems_name_unknown_joints_and_out_of_range_angles() -> None:
    problems = angle_problems({"knee_near": 170, "tail": 10, "elbow_far": 90})
    assert any("knee_near is 170" in p for p in problems)
    assert any("unknown joint 'tail'" in p for p in problems)
    assert len(problems) == 2


def test_standing_figure_has_adult_proportions_and_stands_on_the_floor() -> None:
    frame = grounded(Keyframe("stand", {}))
    points = figure_points(frame)
    assert lowest_point(points) == pytest.approx(0.0, abs=1e-9)
    top = points["head"].y + 11.0
    assert 165 < top < 185
    # Legs are about half of standing height, as in adults.
    assert 0.48 < points["pelvis"].y / top < 0.58


def test_lying_down_turns_the_figure_without_changing_it() -> None:
    standing = figure_points(Keyframe("a", {}))
    lying = figure_points(Keyframe("b", {}, (0.0, 0.0), 90.0))
    assert lying["head"].x < lying["pelvis"].x < lying["ankle_near"].x
    assert lying["head"].y == pytest.approx(lying["pelvis"].y, abs=3)
    assert math.dist((lying["head"].x, lying["head"].y), (0, 0)) == pytest.approx(
        math.dist((standing["head"].x, standing["head"].y), (0, 0))
    )


@pytest.mark.parametrize("yaw", [0.0, 55.0, 90.0, 125.0])
def test_mirrored_pose_seen_from_the_other_side_is_the_flipped_picture(yaw: float) -> None:
    rng = random.Random(int(yaw) + 1)
    for _ in range(20):
        frame = Keyframe(
            "x", _random_joints(rng), (rng.uniform(-50, 50), 90.0), rng.uniform(-90, 90)
        )
        flipped = figure_points(frame, yaw, mirrored=True)
        other = figure_points(mirror_keyframe(frame), 180.0 - yaw)
        for name, point in flipped.items():
            twin = (
                name.replace("_near", "_far")
                if name.endswith("_near")
                else (name.replace("_far", "_near") if name.endswith("_far") else name)
            )
            assert other[twin].x == pytest.approx(point.x, abs=1e-6), name
            assert other[twin].y == pytest.approx(point.y, abs=1e-6), name
            assert other[twin].depth == pytest.approx(point.depth, abs=1e-6), name


def test_mirroring_twice_is_the_original_and_swaps_sides() -> None:
    joints = {"knee_near": 90.0, "hip_far": 30.0, "neck_rot": 40.0, "lumbar": 20.0}
    once = mirror_joints(joints)
    assert once == {"knee_far": 90.0, "hip_near": 30.0, "neck_rot": -40.0, "lumbar": 20.0}
    assert mirror_joints(once) == joints


def test_ease_in_out_starts_and_ends_slowly() -> None:
    assert ease_in_out(0.0) == 0.0
    assert ease_in_out(1.0) == 1.0
    assert ease_in_out(0.5) == pytest.approx(0.5)
    assert ease_in_out(0.1) < 0.1
    assert ease_in_out(0.9) > 0.9
    assert ease_in_out(-1.0) == 0.0
    assert ease_in_out(2.0) == 1.0


def test_blend_ends_are_the_keyframes() -> None:
    a = Keyframe("a", {"knee_near": 10.0}, (0.0, 50.0), 0.0)
    b = Keyframe("b", {"knee_near": 90.0, "hip_near": 40.0}, (10.0, 60.0), 90.0)
    start, end = blend(a, b, 0.0), blend(a, b, 1.0)
    assert start.joints == {"knee_near": 10.0, "hip_near": 0.0}
    assert (start.root, start.root_angle) == (a.root, a.root_angle)
    assert end.joints == b.joints
    assert (end.root, end.root_angle) == (b.root, b.root_angle)
    middle = blend(a, b, 0.5)
    assert middle.joints["knee_near"] == pytest.approx(50.0)


def test_blend_turns_the_short_way_round() -> None:
    a = Keyframe("a", {}, (0.0, 0.0), 170.0)
    b = Keyframe("b", {}, (0.0, 0.0), -170.0)
    assert blend(a, b, 0.5).root_angle == pytest.approx(180.0)


def test_phases_show_start_move_hold_and_return() -> None:
    exercise = next(e for e in SHIPPED if e.id == "prone-press-up")
    ill = exercise.illustration
    assert ill is not None
    start, end = ill.keyframe(ill.start), ill.keyframe(ill.end)
    assert pose_for(ill, Phase.READY) == start
    assert pose_for(ill, Phase.REST) == start
    assert pose_for(ill, Phase.HOLD) == end
    assert _all_joints(pose_for(ill, Phase.MOVE, 1.0)) == pytest.approx(_all_joints(end))
    assert _all_joints(pose_for(ill, Phase.RETURN, 1.0)) == pytest.approx(_all_joints(start))
    halfway = _all_joints(pose_for(ill, Phase.MOVE, 0.5))
    for joint, value in halfway.items():
        low, high = sorted((_all_joints(start)[joint], _all_joints(end)[joint]))
        assert low - 1e-9 <= value <= high + 1e-9


def _all_joints(frame: Keyframe) -> dict[str, float]:
    return {name: frame.joints.get(name, 0.0) for name in JOINTS}


def test_anchor_stays_put_while_moving() -> None:
    exercise = next(e for e in SHIPPED if e.id == "sit-to-stand")
    ill = exercise.illustration
    assert ill is not None and ill.anchor
    start = figure_points(ill.keyframe(ill.start))[ill.anchor]
    # The files round positions to 0.1 units, so the ends agree to about that.
    for step in range(11):
        pose = between(ill, ill.keyframe(ill.start), ill.keyframe(ill.end), step / 10)
        here = figure_points(pose)[ill.anchor]
        assert (here.x, here.y) == pytest.approx((start.x, start.y), abs=0.2)
    # Without the anchor the feet would slide while standing up.
    loose = replace(ill, anchor="")
    drift = [
        figure_points(between(loose, ill.keyframe(ill.start), ill.keyframe(ill.end), t / 10))[
            ill.anchor
        ].x
        - start.x
        for t in range(11)
    ]
    assert max(abs(d) for d in drift) > 1.0


def test_moving_never_goes_through_the_floor() -> None:
    for exercise in SHIPPED:
        ill = exercise.illustration
        assert ill is not None
        for step in range(9):
            pose = pose_for(ill, Phase.MOVE, step / 8)
            low = lowest_point(figure_points(pose, ill.view_yaw), ill.view_yaw)
            assert low >= -FLOOR_TOLERANCE, exercise.id


def test_grounded_only_moves_the_figure_up_or_down() -> None:
    frame = Keyframe("x", {"knee_near": 90.0}, (12.0, 300.0), 0.0)
    placed = grounded(frame)
    assert placed.root[0] == 12.0
    assert lowest_point(figure_points(placed)) == pytest.approx(0.0, abs=0.01)
    assert replace(placed, root=frame.root) == frame
