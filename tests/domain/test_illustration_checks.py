"""Every keyframe of every shipped exercise against the picture checks, and planted bad poses
that the checks must catch (a hand floating over the mat, a body through the wall)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.domain.exercise import Contact, Exercise, Illustration
from coach.domain.figure import figure_points
from coach.domain.figure_checks import (
    CONTACT_TOLERANCE,
    arrow_findings,
    contact_findings,
    illustration_findings,
    penetration_findings,
    same_frame_findings,
    self_penetration_findings,
    shared_picture_findings,
)
from coach.domain.figure_contacts import gap, solved
from coach.domain.props import belt, point_radius, solids
from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir


def _library() -> dict[str, Exercise]:
    exercises, problems = load_library(exercises_dir())
    assert not problems
    return {e.id: e for e in exercises}


LIBRARY = _library()


def _illustration(exercise_id: str) -> Illustration:
    illustration = LIBRARY[exercise_id].illustration
    assert illustration is not None
    return illustration


@pytest.mark.parametrize("exercise_id", sorted(LIBRARY))
def test_every_keyframe_passes_the_picture_checks(exercise_id: str) -> None:
    assert illustration_findings(_illustration(exercise_id)) == []


def test_no_two_exercises_share_all_their_pictures() -> None:
    assert shared_picture_findings(LIBRARY.values()) == []


def test_the_library_declares_contacts_where_hands_and_knees_rest() -> None:
    # The defects a therapist found: the bird dog hovering, arms in the air in knee-to-chest.
    for exercise_id, point, on in (
        ("bird-dog", "hand_near", "floor"),
        ("bird-dog", "knee_far", "floor"),
        ("double-knee-to-chest", "hand_near", "knee_near"),
        ("single-knee-to-chest", "hand_near", "knee_near"),
    ):
        frames = _illustration(exercise_id).keyframes
        assert any(Contact(point, on, by) in f.contacts for f in frames for by in ("limb", "root"))


def test_a_planted_floating_hand_is_found() -> None:
    illustration = _illustration("bird-dog")
    start = illustration.keyframe(illustration.start)
    assert contact_findings(illustration) == []
    # The same pose 10 units higher: hands and knees hover over the mat.
    planted = replace(
        illustration,
        keyframes=tuple(
            replace(f, root=(f.root[0], f.root[1] + 10.0)) if f is start else f
            for f in illustration.keyframes
        ),
    )
    findings = {f.subject: f.amount for f in contact_findings(planted) if f.frame == start.name}
    assert findings["hand_near>floor"] > 5.0
    assert contact_findings(planted) == [
        f for f in contact_findings(planted) if f.frame == start.name
    ]
    # And the solver puts it back down.
    assert contact_findings(solved(planted)) == []


def test_a_planted_wall_penetration_is_found() -> None:
    illustration = _illustration("wall-sit")
    assert penetration_findings(illustration) == []
    end = illustration.keyframe(illustration.end)
    wall = next(s.box for s in solids(illustration) if s.kind.value == "wall")
    # Slide the seated pose 15 units towards the wall, keeping the wall where the start put it.
    toward = -15.0 if wall.left < end.root[0] else 15.0
    moved = replace(end, root=(end.root[0] + toward, end.root[1]), contacts=())
    planted = replace(
        illustration,
        keyframes=tuple(moved if f is end else f for f in illustration.keyframes),
    )
    through = [f for f in penetration_findings(planted) if f.kind == "prop"]
    assert through and {f.frame for f in through} == {end.name}
    assert max(f.amount for f in through) > 10.0


def test_identical_frames_and_backward_arrows_are_found() -> None:
    illustration = _illustration("bridge")
    start = illustration.keyframe(illustration.start)
    copy = replace(
        illustration.keyframe(illustration.end),
        joints=dict(start.joints),
        root=start.root,
        root_angle=start.root_angle,
    )
    same = replace(illustration, keyframes=(start, copy))
    assert [f.kind for f in same_frame_findings(same)] == ["same_frames"]
    assert arrow_findings(illustration) == []
    backwards = replace(
        illustration,
        arrows=tuple(replace(a, direction=a.direction + 180) for a in illustration.arrows),
    )
    assert {f.kind for f in arrow_findings(backwards)} == {"arrow"}


def test_two_exercises_with_the_same_pictures_are_found() -> None:
    bridge = LIBRARY["bridge"]
    twin = replace(bridge, id="bridge-twin")
    assert [(f.frame, f.subject) for f in shared_picture_findings([bridge, twin])] == [
        ("bridge", "bridge-twin")
    ]


def test_solved_contacts_touch_within_the_tolerance() -> None:
    for exercise in LIBRARY.values():
        illustration = exercise.illustration
        assert illustration is not None
        still = solids(illustration)
        for frame in illustration.keyframes:
            for contact in frame.contacts:
                assert gap(contact, frame, illustration, still) <= CONTACT_TOLERANCE


def test_a_planted_arm_through_the_trunk_is_found() -> None:
    illustration = _illustration("hip-hinge")
    start = illustration.keyframe(illustration.start)
    assert self_penetration_findings(illustration) == []
    # The near arm swung 40 degrees across the body, hanging straight: through the trunk.
    across = replace(start, joints={"shoulder_abd_near": -40.0}, contacts=())
    planted = replace(illustration, keyframes=(across, *illustration.keyframes[1:]))
    through = {f.subject for f in self_penetration_findings(planted) if f.frame == start.name}
    assert {"pelvis>forearm_near", "chest>forearm_near"} <= through


def test_hands_on_the_body_are_contacts_not_penetrations() -> None:
    # Hands on the hips touch the body on purpose; without the contact they would be a finding.
    illustration = _illustration("hip-hinge")
    bare = replace(
        illustration,
        keyframes=tuple(replace(f, contacts=()) for f in illustration.keyframes),
    )
    assert self_penetration_findings(illustration) == []
    assert self_penetration_findings(bare) != []


def test_the_belt_holds_the_pelvis_down_from_the_floor_over_the_back() -> None:
    illustration = _illustration("press-up-with-belt")
    for frame in illustration.keyframes:
        points = figure_points(frame, illustration.view_yaw)
        band = belt(illustration, points)
        assert band is not None
        pelvis = points["pelvis"]
        assert band.left < pelvis.x < band.right
        assert band.bottom <= 0.0
        assert band.top > pelvis.y + point_radius("pelvis", illustration.view_yaw)
    # A strap held in the hands round a foot is no belt.
    held = _illustration("hamstring-strap-stretch")
    assert belt(held, figure_points(held.keyframes[0], held.view_yaw)) is None
