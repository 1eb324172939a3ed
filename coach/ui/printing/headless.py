"""Writing a printed document to PDF from the command line, with no window system.

Without a display the offscreen platform is enough for fonts and QPdfWriter (see qt_app.py).
"""

from __future__ import annotations

from pathlib import Path

from coach.services.context import AppContext
from coach.services.settings import PAPER_SIZE
from coach.ui.printing.document import Document
from coach.ui.qt_app import ensure_application


def write(context: AppContext, document: Document, out: Path, paper: str | None = None) -> int:
    """Write `document` to `out` on `paper` (default: the Settings choice); returns its pages."""
    ensure_application(offscreen_without_display=True)
    from coach.ui.printing.output import paper_size, write_pdf

    layout = write_pdf(out, paper_size(paper or context.settings.get(PAPER_SIZE)), document)
    return len(layout.pages)
