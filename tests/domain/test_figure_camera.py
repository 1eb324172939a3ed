"""The head-end and top cameras: a figure lying down seen along its body or from above, for
movements the side view cannot show (arms lifted out to the side, an arm opening across the
chest, knees rolling to one side, the hips shifted off centre)."""

from __future__ import annotations

import pytest

from coach.domain.exercise import Illustration, Keyframe, View
from coach.domain.figure import (
    SHOULDER_HALF,
    camera_turn,
    figure_points,
    looked_at,
    picture_points,
)
from coach.exchange.exercise_format import load_exercise
from coach.paths import exercises_dir


def _illustration(exercise_id: str) -> Illustration:
    illustration = load_exercise(exercises_dir() / f"{exercise_id}.json").illustration
    assert illustration is not None
    return illustration


def _lying(root_angle: float, view: View) -> Illustration:
    frame = Keyframe("lying", {}, (0.0, 12.0), root_angle)
    return Illustration((frame,), "lying", "lying", view=view)


@pytest.mark.parametrize("root_angle", [90.0, -90.0])
def test_the_head_end_camera_has_the_head_nearest_whichever_way_the_figure_lies(
    root_angle: float,
) -> None:
    illustration = _lying(root_angle, View.HEAD_END)
    points = picture_points(illustration, illustration.keyframes[0])
    assert points["head"].depth > points["pelvis"].depth > points["ankle_near"].depth


def test_an_end_camera_keeps_heights_so_the_floor_stays_at_zero() -> None:
    illustration = _lying(-90.0, View.HEAD_END)
    frame = illustration.keyframes[0]
    side = figure_points(frame, 0.0)
    end = picture_points(illustration, frame)
    assert camera_turn(illustration) == -90.0
    assert all(end[name].y == pytest.approx(side[name].y) for name in side)
    # What the side camera saw as depth (the near side) is now across the picture.
    assert end["shoulder_near"].x - end["shoulder_far"].x == pytest.approx(-2 * SHOULDER_HALF)


def test_the_side_camera_does_not_turn() -> None:
    illustration = _lying(90.0, View.SIDE)
    points = figure_points(illustration.keyframes[0], 0.0)
    assert camera_turn(illustration) == 0.0
    assert looked_at(points, 0.0) == points


def test_the_prone_t_raise_shows_the_arms_out_to_the_sides_and_lifting() -> None:
    illustration = _illustration("prone-t-raise")
    assert illustration.view == View.HEAD_END
    start, end = (
        picture_points(illustration, illustration.keyframe(name))
        for name in (illustration.start, illustration.end)
    )
    side = figure_points(illustration.keyframe(illustration.start), illustration.view_yaw)
    for points in (start, end):
        # The T: hands far out on either side of the body, where the side view stacks them.
        assert abs(points["hand_near"].x - points["hand_far"].x) > 6 * SHOULDER_HALF
    assert abs(side["hand_near"].x - side["hand_far"].x) < 1.0
    for hand in ("hand_near", "hand_far"):
        assert end[hand].y - start[hand].y > 10.0


def test_the_open_book_shows_the_top_arm_crossing_over_the_chest() -> None:
    illustration = _illustration("open-book-rotation")
    start, end = (
        picture_points(illustration, illustration.keyframe(name))
        for name in (illustration.start, illustration.end)
    )
    # The top hand starts in front of the chest with the other hand and ends behind it.
    front = start["hand_near"].x - start["chest"].x
    assert (start["hand_far"].x - start["chest"].x) * front > 0
    assert (end["hand_far"].x - end["chest"].x) * front < 0
    assert abs(end["hand_far"].x - start["hand_far"].x) > 60.0


def test_the_top_camera_looks_down_with_the_side_cameras_side_at_the_bottom() -> None:
    illustration = _lying(-90.0, View.TOP)
    frame = illustration.keyframes[0]
    side = figure_points(frame, 0.0)
    top = picture_points(illustration, frame)
    assert camera_turn(illustration) == 0.0
    for name, p in side.items():
        assert (top[name].x, top[name].y, top[name].depth) == (p.x, -p.depth, p.y)
    assert top["shoulder_near"].y < top["shoulder_far"].y


def test_the_hips_off_centre_are_seen_from_above() -> None:
    illustration = _illustration("press-up-hips-off-centre")
    assert illustration.view == View.TOP
    start, end = (
        picture_points(illustration, illustration.keyframe(name))
        for name in (illustration.start, illustration.end)
    )
    side_start, side_end = (
        figure_points(illustration.keyframe(name), illustration.view_yaw)
        for name in (illustration.start, illustration.end)
    )
    # The head and the feet move to one side while the pelvis stays: the hips end off the line
    # between them. Across the picture from above; towards the side camera (unseen) from the side.
    for point in ("head", "ankle_near"):
        assert start[point].y - end[point].y > 10.0
        assert abs(side_start[point].y - side_end[point].y) < 3.0
    assert start["pelvis"] == end["pelvis"]
