"""One renderer for every paint device: screen widget, image, SVG and PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from pytestqt.qtbot import QtBot

from coach.domain.exercise import Exercise, Phase
from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir
from coach.ui.figure_files import write_contact_sheet
from coach.ui.figure_painter import DEFAULT_COLORS, paint_figure
from coach.ui.figure_view import FigureView

SIZE = 120


def _exercises() -> dict[str, Exercise]:
    exercises, problems = load_library(exercises_dir())
    assert not problems
    return {e.id: e for e in exercises}


EXERCISES = _exercises()


def _render(exercise: Exercise, pose: str | float | None = None, mirrored: bool = False) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    assert exercise.illustration is not None
    paint_figure(painter, QRectF(0, 0, SIZE, SIZE), exercise.illustration, pose, mirrored=mirrored)
    painter.end()
    return image


def _count(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) == wanted
    )


def _column_weights(image: QImage, colour: str) -> list[int]:
    wanted = QColor(colour).rgb()
    return [
        sum(1 for y in range(image.height()) if image.pixel(x, y) == wanted)
        for x in range(image.width())
    ]


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_draws_a_figure_at_thumbnail_size(exercise_id: str) -> None:
    image = _render(EXERCISES[exercise_id])
    # The figure fills a fair part of a 120 px thumbnail: the pose can be read. Both shades
    # count: seen from the head end (prone T raise) the far arm is as much of the pose as the
    # near one.
    figure = _count(image, DEFAULT_COLORS.near) + _count(image, DEFAULT_COLORS.far)
    assert figure > 250


def test_mirrored_is_the_picture_flipped() -> None:
    exercise = EXERCISES["hamstring-strap-stretch"]
    plain = _column_weights(_render(exercise, "leg-pulled"), DEFAULT_COLORS.near)
    flipped = _column_weights(_render(exercise, "leg-pulled", mirrored=True), DEFAULT_COLORS.near)
    assert plain != flipped
    assert (
        sum(abs(a - b) for a, b in zip(plain, reversed(flipped), strict=True)) < sum(plain) * 0.05
    )


def test_keyframes_look_different() -> None:
    exercise = EXERCISES["prone-press-up"]
    assert _render(exercise, "hands-by-shoulders") != _render(exercise, "pressed-up")
    assert _render(exercise, 0.0) == _render(exercise, "hands-by-shoulders")


def test_renders_to_svg(tmp_path: Path) -> None:
    path = tmp_path / "bird-dog.svg"
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(400, 400))
    generator.setViewBox(QRect(0, 0, 400, 400))
    painter = QPainter(generator)
    ill = EXERCISES["bird-dog"].illustration
    assert ill is not None
    paint_figure(painter, QRectF(0, 0, 400, 400), ill, ill.end)
    painter.end()
    svg = path.read_text("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert svg.count("<path") + svg.count("<polygon") > 10
    assert DEFAULT_COLORS.near in svg.lower()


def test_renders_to_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = tmp_path / "handout.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(96)
    painter = QPainter(writer)
    page = QRectF(0, 0, writer.width(), writer.height())
    for index, exercise_id in enumerate(("side-plank", "calf-stretch-wall", "chin-tuck-sitting")):
        ill = EXERCISES[exercise_id].illustration
        assert ill is not None
        paint_figure(painter, QRectF(20, 20 + index * 260, 240, 240), ill, ill.end)
    painter.end()
    assert len(PdfReader(str(path)).pages) == 1
    assert path.stat().st_size > 2000
    assert page.width() > 0


def test_painter_state_is_restored() -> None:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = painter.transform()
    ill = EXERCISES["wall-sit"].illustration
    assert ill is not None
    paint_figure(painter, QRectF(0, 0, SIZE, SIZE), ill)
    assert painter.transform() == before
    assert not painter.hasClipping()
    painter.end()


def test_figure_view_plays_pauses_and_steps(qtbot: QtBot) -> None:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(240, 240)
    view.show()
    ill = EXERCISES["cat-camel"].illustration
    assert ill is not None
    view.set_illustration(ill)
    assert view.current_keyframe() == ill.start
    assert view.keyframe_position() == (1, 3)

    with qtbot.waitSignal(view.poseChanged) as shown:
        view.step(1)
    assert shown.args == ["back-hollow"]
    view.step(1)
    assert view.current_keyframe() == "hands-and-knees"
    view.step(1)
    assert view.current_keyframe() == ill.start
    view.step(-1)
    assert view.keyframe_position() == (3, 3)

    view.play()
    assert view.playing
    assert view.current_keyframe() == ""
    first = view.grab().toImage()
    qtbot.wait(400)
    assert view.grab().toImage() != first
    view.pause()
    assert not view.playing
    view.stop()
    assert view.current_keyframe() == ill.start


def test_figure_view_follows_session_phases(qtbot: QtBot) -> None:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(200, 200)
    ill = EXERCISES["dead-bug"].illustration
    assert ill is not None
    view.set_illustration(ill)
    view.set_show_arrows(False)  # the poses alone (arrows are shown while moving only)
    view.show_phase(Phase.HOLD)
    hold = view.grab().toImage()
    view.show_phase(Phase.MOVE, 1.0)
    assert view.grab().toImage() == hold
    view.show_phase(Phase.READY)
    assert view.grab().toImage() != hold
    view.set_mirrored(True)
    assert view.grab().toImage() != hold


def test_figure_view_without_illustration_says_so(qtbot: QtBot) -> None:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(160, 160)
    view.set_illustration(None)
    view.play()
    assert not view.playing
    view.step(1)
    image = view.grab().toImage()
    assert image.pixelColor(80, 80).isValid()
    assert view.keyframe_position() == (0, 0)


def _arrow_tip_row(reverse: bool) -> tuple[int, int]:
    """(row where the press-up's arrow is widest, i.e. its head, first row with arrow ink)."""
    illustration = EXERCISES["prone-press-up"].illustration
    assert illustration is not None
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_figure(
        painter,
        QRectF(0, 0, 400, 400),
        illustration,
        illustration.end,
        show_props=False,
        reverse_arrows=reverse,
    )
    painter.end()
    ink = QColor(DEFAULT_COLORS.arrow)
    widths = {}
    for y in range(400):
        widths[y] = sum(
            1
            for x in range(400)
            if abs(image.pixelColor(x, y).red() - ink.red()) < 12
            and abs(image.pixelColor(x, y).green() - ink.green()) < 12
            and abs(image.pixelColor(x, y).blue() - ink.blue()) < 12
        )
    rows = [y for y, width in widths.items() if width]
    assert rows, "no arrow drawn"
    return max(rows, key=lambda y: widths[y]), rows[0]


def test_the_press_up_arrow_points_up_and_back_down_when_coming_back() -> None:
    up_head, up_top = _arrow_tip_row(reverse=False)
    down_head, down_top = _arrow_tip_row(reverse=True)
    assert up_top == pytest.approx(down_top, abs=6)  # the same arrow, on the same path
    rows = abs(up_top - up_head), abs(up_top - down_head)
    assert rows[0] < rows[1]  # forward: the head at the top; coming back: at the bottom


def test_the_session_figure_hides_arrows_while_holding(qtbot: QtBot) -> None:
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.set_illustration(EXERCISES["prone-press-up"].illustration)
    view.show_phase(Phase.HOLD)
    held = view.grab().toImage()
    view.set_show_arrows(False)
    assert held == view.grab().toImage()
    view.set_show_arrows(True)
    view.show_phase(Phase.MOVE, 1.0)
    assert view.grab().toImage() != held


def test_the_face_shows_where_the_head_turns_and_tilts() -> None:
    # Neck exercises were two near-identical circles: the shaded face side must change.
    for exercise_id, start, end in (
        ("retraction-rotation", "chin-tucked", "turned"),
        ("retraction-side-bend", "chin-tucked", "ear-to-shoulder"),
        ("retraction-extension", "chin-tucked", "looking-up"),
    ):
        exercise = EXERCISES[exercise_id]
        before = _column_weights(_render(exercise, start), DEFAULT_COLORS.face)
        after = _column_weights(_render(exercise, end), DEFAULT_COLORS.face)
        assert sum(before) > 20 and sum(after) > 20, exercise_id
        assert sum(abs(a - b) for a, b in zip(before, after, strict=True)) > 15, exercise_id


def test_emphasis_outlines_the_moving_part() -> None:
    exercise = EXERCISES["chin-tuck-sitting"]
    ill = exercise.illustration
    assert ill is not None and ill.emphasis == ("head",)
    plain = replace(exercise, illustration=replace(ill, emphasis=(), arrows=()))
    marked = replace(exercise, illustration=replace(ill, arrows=()))
    assert _count(_render(plain), DEFAULT_COLORS.arrow) == 0
    assert _count(_render(marked), DEFAULT_COLORS.arrow) > 10


def test_contact_sheet_has_a_cell_for_every_keyframe(tmp_path: Path) -> None:
    path = tmp_path / "sheet.png"
    chosen = [EXERCISES["cat-camel"], EXERCISES["bridge"]]
    write_contact_sheet(chosen, path, cell=100, across=2)
    image = QImage(str(path))
    # Three keyframes at most per exercise, two exercises across, one row of 100 + title.
    assert (image.width(), image.height()) == (2 * 3 * 100, 100 + 100 // 6)
    assert _count(image, DEFAULT_COLORS.near) > 500
