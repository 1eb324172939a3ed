"""Printing for real: the handout and the progress sheet go through Print… and the system print
dialog to a CUPS queue, and the PDF that queue wrote is read back (pages and text).

Needs a CUPS-PDF queue named in COACH_TEST_PRINTER and the folder it writes to in
COACH_TEST_PRINTER_OUT; .ci/run sets both up. Without them the tests are skipped and say why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.services.settings import PAPER_SIZE
from coach.ui.main_window import MainWindow
from coach.ui.printing.document import Document
from coach.ui.printing.handout import Handout
from coach.ui.printing.output import paper_size, write_pdf
from coach.ui.printing.progress_sheet import ProgressSheet
from tests.one_at_a_time import held
from tests.ui import test_print_actions as gui
from tests.ui.test_print_actions import choose_from, open_saved_programme, text_of

window = gui.window  # the same main window over the demo data

QUEUE = os.environ.get("COACH_TEST_PRINTER", "")
OUT = Path(os.environ.get("COACH_TEST_PRINTER_OUT", "/nonexistent"))


def _why_not() -> str:
    if not QUEUE:
        return "COACH_TEST_PRINTER names no CUPS queue (.ci/run sets up a CUPS-PDF one)"
    if not OUT.is_dir():
        return f"COACH_TEST_PRINTER_OUT ({OUT}) is not the folder the queue writes to"
    if QUEUE not in QPrinterInfo.availablePrinterNames():
        return f"CUPS has no queue called {QUEUE} (is cupsd running?)"
    return ""


@pytest.fixture
def queue(qapp: QApplication) -> Iterator[set[Path]]:
    """The queue's PDFs present before the test; skips when there is no queue."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    with held(str(OUT)):  # a job is told apart by the file it adds, so one test prints at a time
        yield set(OUT.glob("*.pdf"))


def printed(qtbot: QtBot, before: set[Path], pages: int) -> Path:
    """The PDF the queue wrote for this test, once it is complete."""

    def complete() -> Path | None:
        for path in set(OUT.glob("*.pdf")) - before:
            try:
                if len(PdfReader(path).pages) == pages:
                    return path
            except Exception:  # still being written
                continue
        return None

    qtbot.waitUntil(lambda: complete() is not None, timeout=60_000)
    found = complete()
    assert found is not None
    return found


def print_on_queue(qtbot: QtBot, start: Callable[[], None]) -> None:
    """Start printing, pick the queue in the system print dialog and press its Print button."""
    start()

    dialog = gui.visible(qtbot, QPrintDialog, timeout=10_000)
    names = next(
        combo
        for combo in dialog.findChildren(QComboBox)
        if QUEUE in [combo.itemText(i) for i in range(combo.count())]
    )
    names.setCurrentText(QUEUE)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert isinstance(ok, QPushButton)
    ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)


def expected(context: AppContext, document: Document, tmp_path: Path) -> tuple[int, str]:
    """The pages and text of the same document written straight to a PDF."""
    path = tmp_path / "expected.pdf"
    layout = write_pdf(path, paper_size(context.settings.get(PAPER_SIZE)), document)
    return len(layout.pages), text_of(path)


def test_programmes_page_prints_the_handout_on_the_queue(
    qtbot: QtBot, window: MainWindow, queue: set[Path], tmp_path: Path
) -> None:
    page = open_saved_programme(qtbot, window)
    assert page.draft is not None and page.draft.value.id is not None
    pages, text = expected(
        window.ui.app, Handout.of(window.ui.scope, page.draft.value.id), tmp_path
    )
    print_on_queue(qtbot, lambda: choose_from(page.editor.print_button, "Print…"))
    out = printed(qtbot, queue, pages)
    got = text_of(out)
    assert page.editor.fields.name.text() in got and "Tick a box each time you do it" in got
    assert f"Page {pages} of {pages}" in got and f"Page {pages} of {pages}" in text


def test_file_menu_prints_the_progress_sheet_on_the_queue(
    qtbot: QtBot, window: MainWindow, queue: set[Path], tmp_path: Path
) -> None:
    pages, _ = expected(window.ui.app, ProgressSheet.of(window.ui.scope), tmp_path)
    print_on_queue(qtbot, lambda: gui.print_menu_action(window, "Progress sheet: &print…"))
    got = text_of(printed(qtbot, queue, pages))
    for section in ("Progress sheet", "Week by week", "Questions for the therapist"):
        assert section in got
