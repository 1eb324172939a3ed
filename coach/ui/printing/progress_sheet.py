"""The progress sheet a patient brings to an appointment and a therapist files.

Order follows the therapist's reading: who and when, the headline figures, the chart, then the
detail week by week, scores, treatments, warning signs, the programme as it stands, and the
patient's own questions. An empty section says so instead of leaving a hole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from coach.services import reports
from coach.services.context import PatientContext
from coach.services.reports import NONE_IN_PERIOD, DayNote, ProgressSheetData
from coach.ui.printing.blocks import (
    Boxed,
    Column,
    Fields,
    Heading,
    Paragraph,
    Table,
    Tiles,
    TileText,
    Title,
)
from coach.ui.printing.chart import ChartBlock
from coach.ui.printing.document import Document
from coach.ui.printing.layout import Block, Layout, PageFrame
from coach.ui.printing.layout import render as render_blocks

RIGHT = Qt.AlignmentFlag.AlignRight


def _day(value: date) -> str:
    return f"{value:%d %b %Y}"


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if digits == 0 or abs(value - round(value)) < 0.05:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def period_text(data: ProgressSheetData) -> str:
    header = data.header
    days = (header.last - header.first).days + 1
    return f"{_day(header.first)} to {_day(header.last)} ({days} day{'s' if days != 1 else ''})"


def _notes_table(notes: tuple[DayNote, ...], heading: str) -> list[Block]:
    if not notes:
        return [Paragraph(NONE_IN_PERIOD, muted=True)]
    return [
        Table(
            (Column("Date", 1.0), Column(heading, 4.2)),
            [(_day(note.day), note.text) for note in notes],
        )
    ]


def sheet_blocks(data: ProgressSheetData) -> list[Block]:
    header = data.header
    identity = []
    if header.date_of_birth is not None:
        identity.append(f"born {_day(header.date_of_birth)}")
    if header.patient_id:
        identity.append(f"ID {header.patient_id}")
    therapist = ", ".join(part for part in (header.therapist, header.clinic) if part)
    blocks: list[Block] = [
        Title("Progress sheet", [f"Printed {_day(header.printed_on)}"]),
        Fields(
            [
                ("Patient", header.patient + (f" ({', '.join(identity)})" if identity else "")),
                ("Period", period_text(data)),
                ("Therapist and clinic", therapist),
                ("Therapist's contact", header.contact),
            ]
        ),
        Tiles([TileText(t.label, t.value, t.detail) for t in data.tiles]),
        Paragraph(data.pain_change, muted=True),
        Heading("Adherence and pain"),
        ChartBlock(data.chart),
        Paragraph(
            "Adherence is the share of prescribed exercise sessions done (a partly done "
            "exercise counts in part); days with nothing prescribed are left blank. Pain is "
            "the mean and the worst of each day's ratings.",
            size=8.5,
            muted=True,
        ),
        Heading("Week by week"),
    ]
    if data.weeks:
        blocks.append(
            Table(
                (
                    Column("Week", 2.2),
                    Column("Prescribed", 1.1, RIGHT),
                    Column("Done", 1.0, RIGHT),
                    Column("Adherence", 1.1, RIGHT),
                    Column("Mean pain", 1.1, RIGHT),
                    Column("Worst pain", 1.1, RIGHT),
                ),
                [
                    (
                        f"{week.first:%d %b} – {week.last:%d %b %Y}",
                        _number(week.prescribed),
                        _number(week.done),
                        "—" if week.adherence is None else f"{week.adherence:.0f} %",
                        "—" if week.mean_pain is None else f"{week.mean_pain:.1f}",
                        _number(week.worst_pain, 0),
                    )
                    for week in data.weeks
                ],
            )
        )
    else:
        blocks.append(Paragraph(NONE_IN_PERIOD, muted=True))
    blocks.append(Heading("Outcome scores"))
    if data.outcomes:
        blocks.append(
            Table(
                (
                    Column("Date", 1.0),
                    Column("Measure", 1.6),
                    Column("Score", 1.3),
                    Column("Change since the score before", 3.0),
                    Column("Important?", 0.95),
                ),
                [
                    (
                        _day(row.day),
                        row.measure,
                        row.score,
                        row.change,
                        "—" if row.important is None else ("Yes" if row.important else "No"),
                    )
                    for row in data.outcomes
                ],
                frozenset(i for i, row in enumerate(data.outcomes) if row.important),
            )
        )
    else:
        blocks.append(Paragraph(NONE_IN_PERIOD, muted=True))
    blocks.append(Heading("Treatments"))
    if data.treatments:
        blocks.append(
            Table(
                (
                    Column("No.", 0.45, RIGHT),
                    Column("Date", 1.0),
                    Column("Treatment", 1.9),
                    Column("Details", 3.0),
                ),
                [
                    (str(row.number), _day(row.day), row.treatment, row.detail or "—")
                    for row in data.treatments
                ],
            )
        )
    else:
        blocks.append(Paragraph(NONE_IN_PERIOD, muted=True))
    blocks.append(Heading("Warning signs"))
    blocks.append(Heading("Symptoms spreading further from the spine (peripheralization)", 2))
    blocks += _notes_table(data.peripheralizations, "What happened")
    blocks.append(Heading("Red flags reported", 2))
    if data.red_flags:
        blocks.append(
            Boxed(
                "The patient reported these warning signs",
                [f"{_day(n.day)}: {n.text}" for n in data.red_flags],
                heavy=True,
            )
        )
    else:
        blocks.append(Paragraph(NONE_IN_PERIOD, muted=True))
    blocks.append(Heading("Current programme"))
    if data.programmes:
        for programme in data.programmes:
            blocks.append(Heading(f"{programme.name} (since {_day(programme.since)})", 2))
            blocks.append(
                Table(
                    (Column("Exercise", 1.6), Column("Dosage", 3.4)),
                    [(line.exercise, line.dosage) for line in programme.lines],
                )
            )
    else:
        blocks.append(Paragraph("No programme is in force at the end of this period.", muted=True))
    blocks.append(Heading("Questions for the therapist"))
    blocks += _notes_table(data.questions, "Question")
    return blocks


class ProgressSheet(Document):
    """The sheet for local days first..last."""

    kind = "progress sheet"

    def __init__(self, data: ProgressSheetData) -> None:
        self.data = data

    @classmethod
    def of(
        cls, context: PatientContext, first: date | None = None, last: date | None = None
    ) -> ProgressSheet:
        """Up to `last` (default today), from `first` (default: four weeks before `last`)."""
        start, end = reports.default_period(context)
        last = last or end
        return cls(reports.progress_sheet(context, first or last - (end - start), last))

    @property
    def name(self) -> str:
        header = self.data.header
        who = f" {header.patient}" if header.patient else ""
        return f"Progress sheet{who} {header.first:%Y-%m-%d} to {header.last:%Y-%m-%d}"

    def render(
        self, painter: QPainter, page_rect: QRectF, new_page: Callable[[], object]
    ) -> Layout:
        data = self.data
        frame = PageFrame(
            title=f"Progress sheet: {data.header.patient}",
            subtitle=period_text(data),
            footer=f"Printed {_day(data.header.printed_on)} with Coach. "
            "Coach supports care; it does not diagnose.",
        )
        return render_blocks(painter, page_rect, frame, sheet_blocks(data), new_page)
