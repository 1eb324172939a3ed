"""Printed documents: the numbers the progress service computes, paper sizes, page flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coach.domain.dosage import Dosage, Sides
from coach.domain.programme import Author, Programme, ProgrammeItem
from coach.services import reports
from coach.services.context import AppContext
from coach.services.demo import seed_demo
from coach.ui.printing.document import safe_file_name
from coach.ui.printing.handout import ExerciseBlock, Handout
from coach.ui.printing.layout import MARGIN, Layout
from coach.ui.printing.output import paper_size, write_pdf
from coach.ui.printing.progress_sheet import ProgressSheet


@pytest.fixture
def demo(qtbot: object, context: AppContext) -> AppContext:
    seed_demo(context)
    return context


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def sheet_pdf(context: AppContext, path: Path, paper: str, days: int | None = None) -> Layout:
    first, last = context.own_patient().progress.span() or reports.default_period(
        context.own_patient()
    )
    if days is not None:
        first = last.fromordinal(last.toordinal() - days + 1)
    return write_pdf(path, paper_size(paper), ProgressSheet.of(context.own_patient(), first, last))


def assert_inside(layout: Layout) -> None:
    width, height = layout.paper
    for drawn in layout.drawn:
        area = layout.content if drawn.kind in {"block", "text"} else None
        if area is None:
            assert (
                drawn.rect.left() >= MARGIN - 0.01 and drawn.rect.right() <= width - MARGIN + 0.01
            )
            assert (
                drawn.rect.top() >= MARGIN - 0.01 and drawn.rect.bottom() <= height - MARGIN + 0.01
            )
            continue
        assert area.adjusted(-0.01, -0.01, 0.01, 0.01).contains(drawn.rect), (drawn, area)


def test_sheet_holds_the_progress_numbers(demo: AppContext, tmp_path: Path) -> None:
    first, last = demo.own_patient().progress.span() or (None, None)
    assert first is not None and last is not None
    overview = demo.own_patient().progress.overview(first, last)
    layout = sheet_pdf(demo, tmp_path / "s.pdf", "a4")
    text = text_of(tmp_path / "s.pdf")
    period = overview.summary.adherence
    assert period is not None
    assert f"{period.percent:.0f} %" in text
    assert f"{period.full} of {period.sessions}" in text
    for week in overview.weekly:
        assert f"{week.percent:.0f} %" in text
    for treatment in overview.treatments:
        assert treatment.kind.label in text
    assert "Questions for the therapist" in text and "tingling" in text
    assert f"Page {len(layout.pages)} of {len(layout.pages)}" in text
    assert_inside(layout)


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size_and_margins(
    demo: AppContext, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    layout = sheet_pdf(demo, tmp_path / "s.pdf", paper)
    box = PdfReader(tmp_path / "s.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    assert round(layout.content.left()) == round(MARGIN)
    assert round(layout.paper[0] - layout.content.right()) == round(MARGIN)
    assert_inside(layout)


def test_longer_range_flows_onto_more_pages(demo: AppContext, tmp_path: Path) -> None:
    short = sheet_pdf(demo, tmp_path / "short.pdf", "a4", days=14)
    long = sheet_pdf(demo, tmp_path / "long.pdf", "a4")
    assert len(long.pages) > len(short.pages)
    assert_inside(long)


def test_handout_one_block_per_exercise_with_grid(demo: AppContext, tmp_path: Path) -> None:
    handout = Handout.in_force_today(demo.own_patient())
    layout = write_pdf(tmp_path / "h.pdf", paper_size("a4"), handout)
    blocks = [
        placed.block
        for page in layout.pages
        for placed in page
        if isinstance(placed.block, ExerciseBlock)
    ]
    expected = [e.name for d in handout.documents for e in d.exercises]
    assert [b.exercise.name for b in blocks] == expected
    assert all(b.exercise.grid.days == 14 for b in blocks)
    text = text_of(tmp_path / "h.pdf")
    assert "Tick a box each time you do it" in text and "Page 1 of" in text
    assert "Stop exercising and get medical help today" in text
    assert_inside(layout)


def test_empty_range_is_an_error(demo: AppContext) -> None:
    with pytest.raises(reports.ReportError, match="Nothing was recorded"):
        reports.progress_sheet(
            demo.own_patient(),
            demo.own_patient().progress.today().replace(year=2001, month=1, day=1),
            demo.own_patient().progress.today().replace(year=2001, month=1, day=31),
        )


FOUR = (
    ProgrammeItem("prone-press-up", Dosage(sets=1, reps=10, hold_s=1, rest_s=0, times_per_day=4)),
    ProgrammeItem("bridge", Dosage(sets=2, reps=10, hold_s=3, rest_s=30, times_per_day=1)),
    ProgrammeItem(
        "bird-dog", Dosage(sets=1, reps=6, hold_s=5, rest_s=0, times_per_day=1, sides=Sides.BOTH)
    ),
    ProgrammeItem(
        "chin-tuck-sitting", Dosage(sets=1, reps=10, hold_s=2, rest_s=0, times_per_day=3)
    ),
)


def test_four_exercises_fit_on_three_pages_with_the_cover(
    patient: AppContext, tmp_path: Path
) -> None:
    context = patient  # records are kept for a patient: the welcome is done
    programme = Programme(
        uid="",
        name="Back and neck: four exercises",
        start_date=context.own_patient().programmes.today(),
        items=FOUR,
        goal="Walk to the shops without stopping.",
        author=Author("Alex Morgan", "Riverside Physio (demo)", "555-0142"),
    )
    new_id, _ = context.own_patient().programmes.create(programme)
    handout = Handout.of(context.own_patient(), new_id)
    layout = write_pdf(tmp_path / "four.pdf", paper_size("a4"), handout)
    assert len(PdfReader(tmp_path / "four.pdf").pages) <= 3
    per_page = [sum(isinstance(p.block, ExerciseBlock) for p in page) for page in layout.pages]
    assert sum(per_page) == 4 and max(per_page) >= 2  # exercises share pages, each one whole
    assert handout.file_name == "Back and neck four exercises.pdf"
    assert_inside(layout)


def test_a_hold_in_one_position_has_one_picture(demo: AppContext) -> None:
    exercises = {
        e.name: e for d in Handout.in_force_today(demo.own_patient()).documents for e in d.exercises
    }
    assert exercises["Lying face down"].poses == ("lying",)  # start and end are the same pose
    assert len(exercises["Press-up lying face down"].poses) == 2


def test_a_starter_template_prints_without_a_start_date(
    context: AppContext, tmp_path: Path
) -> None:
    starter = context.own_patient().programme_transfer.starters().templates[0]
    assert starter.id is None
    handout = Handout.of(context.own_patient(), starter)
    write_pdf(tmp_path / "t.pdf", paper_size("a4"), handout)
    text = text_of(tmp_path / "t.pdf")
    assert starter.name in text and "Starting" not in text
    assert handout.file_name == safe_file_name(starter.name, "x") + ".pdf"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Low back: extension/flexion?", "Low back extension flexion"),
        ("CON", "CON_"),  # a reserved device name on Windows
        ("lpt1.old", "lpt1_.old"),
        ("tab\tand\nnewline", "tab and newline"),
        ("  ..  ", "programme handout"),
        ("a" * 300, "a" * 120),
    ],
)
def test_file_names_are_safe_everywhere(name: str, safe: str) -> None:
    assert safe_file_name(name, "programme handout") == safe
