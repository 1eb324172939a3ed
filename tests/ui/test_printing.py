"""Printed documents: the numbers the progress service computes, paper sizes, page flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coach.services import reports
from coach.services.context import AppContext
from coach.services.demo import seed_demo
from coach.ui.printing.handout import ExerciseBlock, render_handout
from coach.ui.printing.layout import MARGIN, Layout
from coach.ui.printing.output import paper_size, write_pdf
from coach.ui.printing.progress_sheet import render_progress_sheet


@pytest.fixture
def demo(qtbot: object, context: AppContext) -> AppContext:
    seed_demo(context)
    return context


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def sheet_pdf(context: AppContext, path: Path, paper: str, days: int | None = None) -> Layout:
    first, last = context.progress.span() or reports.default_period(context)
    if days is not None:
        first = last.fromordinal(last.toordinal() - days + 1)
    data = reports.progress_sheet(context, first, last)
    return write_pdf(path, paper_size(paper), lambda p, r, n: render_progress_sheet(p, r, data, n))


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
    first, last = demo.progress.span() or (None, None)
    assert first is not None and last is not None
    overview = demo.progress.overview(first, last)
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
    documents = reports.handouts_for_today(demo)
    layout = write_pdf(
        tmp_path / "h.pdf", paper_size("a4"), lambda p, r, n: render_handout(p, r, documents, n)
    )
    blocks = [
        placed.block
        for page in layout.pages
        for placed in page
        if isinstance(placed.block, ExerciseBlock)
    ]
    expected = [e.name for d in documents for e in d.exercises]
    assert [b.exercise.name for b in blocks] == expected
    assert all(b.exercise.grid.days == 14 for b in blocks)
    text = text_of(tmp_path / "h.pdf")
    assert "Tick a box each time you do it" in text and "Page 1 of" in text
    assert "Stop exercising and get medical help today" in text
    assert_inside(layout)


def test_empty_range_is_an_error(demo: AppContext) -> None:
    with pytest.raises(reports.ReportError, match="Nothing was recorded"):
        reports.progress_sheet(
            demo,
            demo.progress.today().replace(year=2001, month=1, day=1),
            demo.progress.today().replace(year=2001, month=1, day=31),
        )
