"""Writing the printed documents to PDF from the command line, with no window system.

Without a display the offscreen platform is enough for fonts and QPdfWriter (see qt_app.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach.services.context import AppContext
from coach.services.reports import HandoutData, ProgressSheetData
from coach.services.settings import PAPER_SIZE
from coach.ui.qt_app import ensure_application


def _paper(context: AppContext, choice: str | None) -> str:
    return choice or context.settings.get(PAPER_SIZE)


def write_progress_sheet(
    context: AppContext, data: ProgressSheetData, out: Path, paper: str | None = None
) -> int:
    """Write the sheet; returns the number of pages."""
    ensure_application(offscreen_without_display=True)
    from coach.ui.printing.output import paper_size, write_pdf
    from coach.ui.printing.progress_sheet import render_progress_sheet

    layout = write_pdf(
        out,
        paper_size(_paper(context, paper)),
        lambda painter, rect, new_page: render_progress_sheet(painter, rect, data, new_page),
    )
    return len(layout.pages)


def write_handout(
    context: AppContext, documents: Sequence[HandoutData], out: Path, paper: str | None = None
) -> int:
    ensure_application(offscreen_without_display=True)
    from coach.ui.printing.handout import render_handout
    from coach.ui.printing.output import paper_size, write_pdf

    layout = write_pdf(
        out,
        paper_size(_paper(context, paper)),
        lambda painter, rect, new_page: render_handout(painter, rect, documents, new_page),
    )
    return len(layout.pages)
