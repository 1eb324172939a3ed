"""The handout's pictures: a strip of poses from start to end for a movement, one picture for a
hold; a figure lying down stacks its strip so it is drawn across the column, an upright one
goes side by side."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QRectF
from test_printing import FOUR

from coach.domain.programme import Programme
from coach.services import reports
from coach.services.context import AppContext
from coach.ui.printing.handout import PICTURE_WIDTH, ExerciseBlock, Handout
from coach.ui.printing.layout import Layout
from coach.ui.printing.output import paper_size, write_pdf


def four_exercise_handout(context: AppContext, path: Path) -> tuple[Handout, Layout]:
    programme = Programme(
        uid="", name="Four", start_date=context.own_patient().programmes.today(), items=FOUR
    )
    new_id, _ = context.own_patient().programmes.create(programme)
    handout = Handout.of(context.own_patient(), new_id)
    return handout, write_pdf(path, paper_size("a4"), handout)


def test_each_movement_is_a_strip_lying_stacked_and_upright_side_by_side(
    qtbot: object, patient: AppContext, tmp_path: Path
) -> None:
    handout, layout = four_exercise_handout(patient, tmp_path / "four.pdf")
    assert len(PdfReader(tmp_path / "four.pdf").pages) <= 3
    pictures = [d.rect for d in layout.drawn if d.kind == "picture"]
    (document,) = handout.documents
    assert [len(e.poses) for e in document.exercises] == [2, 2, 2, 2]
    assert len(pictures) == 8
    press_up_start, press_up_end = pictures[0], pictures[1]  # lying: stacked, column-wide
    assert press_up_end.top() > press_up_start.bottom()
    assert press_up_start.width() == PICTURE_WIDTH
    chin_start, chin_end = pictures[6], pictures[7]  # sitting: side by side
    assert chin_end.left() > chin_start.right() and chin_end.top() == chin_start.top()


def test_middle_keyframes_join_the_strip_and_a_hold_has_one_picture(
    qtbot: object, context: AppContext
) -> None:
    cat_camel = context.exercises.get("cat-camel")
    assert cat_camel is not None and cat_camel.illustration is not None
    illustration = cat_camel.illustration
    frames = {frame.name: frame for frame in illustration.keyframes}
    through_neutral = dataclasses.replace(
        illustration,
        keyframes=(frames["back-rounded"], frames["hands-and-knees"], frames["back-hollow"]),
    )
    poses = reports.pictured_poses(through_neutral)
    assert poses == ("back-rounded", "hands-and-knees", "back-hollow")
    assert reports.pictured_poses(illustration) == ("back-rounded", "back-hollow")

    programme = Programme(
        uid="", name="Two", start_date=context.own_patient().programmes.today(), items=FOUR
    )
    exercise = reports.handout_of(context.own_patient(), programme).exercises[0]
    block = ExerciseBlock(dataclasses.replace(exercise, illustration=through_neutral, poses=poses))
    column = QRectF(0, 0, PICTURE_WIDTH, 240)
    placed = block.frames(column)
    assert [label for _, label in placed] == ["Start", "Then", "End"]
    for (upper, _), (lower, _) in itertools.pairwise(placed):
        assert lower.top() > upper.bottom()
    assert all(column.left() <= box.left() and box.right() <= column.right() for box, _ in placed)

    held = dataclasses.replace(exercise, poses=(exercise.poses[0],))
    assert [label for _, label in ExerciseBlock(held).frames(column)] == [""]
