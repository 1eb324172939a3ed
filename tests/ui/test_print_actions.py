"""Printing from the GUI as a user reaches it: File ▸ Print and the "Print…" buttons of the
Progress and Programmes pages, saving a PDF (file dialog answered by the test), opening the
print preview and paging through it, and opening the print dialog. Nothing is sent to a printer
here: tests/ui/test_print_queue.py prints on a real queue."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.services.demo import DEMO_NAME, seed_demo
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages import PAGES
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.pages.progress import ProgressPage
from coach.ui.printing.document import safe_file_name
from coach.ui.programmes.list_model import Kind
from coach.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    seed_demo(context)
    runner = TaskRunner()
    main = MainWindow(UiContext(app=context, hub=ChangeHub(), tasks=runner))
    qtbot.addWidget(main)
    main.resize(1200, 860)
    with qtbot.waitSignal(main.first_painted, timeout=5000):
        main.show()
    yield main
    runner.wait()


W = TypeVar("W", bound=QWidget)


def visible(qtbot: QtBot, kind: type[W], title: str | None = None, timeout: int = 5000) -> W:
    """The top-level `kind` window on screen (with `title`, if given), once it is shown."""

    def shown() -> W | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, kind)
                and w.isVisible()
                and (title is None or w.windowTitle() == title)
            ),
            None,
        )

    qtbot.waitUntil(lambda: shown() is not None, timeout=timeout)
    found = shown()
    assert found is not None
    return found


def save_as(qtbot: QtBot, target: Path) -> str:
    """Answer the open "Save as PDF" dialog with `target`; returns the name it suggested."""
    dialog = visible(qtbot, QFileDialog)
    suggested = dialog.selectedFiles()[0]
    dialog.selectFile(str(target))
    dialog.accept()
    return suggested


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def print_menu_action(window: MainWindow, text: str) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    printing = next(a.menu() for a in file_menu.actions() if a.text() == "&Print")
    assert isinstance(printing, QMenu)
    next(a for a in printing.actions() if a.text() == text).trigger()


def choose_from(button: QToolButton, text: str) -> None:
    """Pick `text` from the menu the button drops down. Offscreen, a popped-up menu cannot be
    raised or given the keyboard (and a second one in a test can crash), so the menu's own
    action is triggered as a click on it would."""
    assert button.isEnabled() and button.isVisible()
    assert button.popupMode() is QToolButton.ToolButtonPopupMode.InstantPopup
    menu = button.menu()
    assert [a.text() for a in menu.actions()] == ["Print preview…", "Print…", "Save as PDF…"]
    next(a for a in menu.actions() if a.text() == text).trigger()


def open_preview(qtbot: QtBot) -> QPrintPreviewDialog:
    return visible(qtbot, QPrintPreviewDialog)


def progress_page(qtbot: QtBot, window: MainWindow) -> ProgressPage:
    page = window.page("progress")
    assert isinstance(page, ProgressPage)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.show_page(next(i for i, s in enumerate(PAGES) if s.key == "progress"))
    return page


def programmes_page(qtbot: QtBot, window: MainWindow) -> ProgrammesPage:
    page = window.page("programmes")
    assert isinstance(page, ProgrammesPage)
    window.show_page(next(i for i, s in enumerate(PAGES) if s.key == "programmes"))
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    return page


def open_first(qtbot: QtBot, window: MainWindow, kind: Kind) -> ProgrammesPage:
    """Open the first programme (or starter template) in the Programmes page's list."""
    page = programmes_page(qtbot, window)
    row = next(
        r
        for r in range(page.list_model.rowCount())
        if page.list_model.entry(r).kind is kind and not page.list_model.entry(r).is_heading
    )
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    return page


def open_saved_programme(qtbot: QtBot, window: MainWindow) -> ProgrammesPage:
    return open_first(qtbot, window, Kind.PROGRAMME)


def test_file_menu_saves_the_progress_sheet_as_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.pdf"
    print_menu_action(window, "Progress sheet: save as P&DF…")
    save_as(qtbot, target)
    text = text_of(target)
    assert DEMO_NAME in text
    assert "(28 days)" in text  # the menu prints the last four weeks


def test_file_menu_saves_the_handouts_in_force_as_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "handout.pdf"
    print_menu_action(window, "Programme handout: save as PD&F…")
    save_as(qtbot, target)
    text = text_of(target)
    for programme in window.ui.scope.programmes.programmes():
        assert programme.name in text


def test_file_menu_opens_the_print_preview(qtbot: QtBot, window: MainWindow) -> None:
    print_menu_action(window, "Progress sheet: print pre&view…")
    dialog = open_preview(qtbot)
    assert dialog.windowTitle() == "Print preview: progress sheet"
    dialog.close()


def test_progress_page_prints_the_range_it_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = progress_page(qtbot, window)
    assert page.overview is not None
    days = (page.overview.last - page.overview.first).days + 1
    target = tmp_path / "progress.pdf"
    choose_from(page.print_button, "Save as PDF…")
    save_as(qtbot, target)
    text = text_of(target)
    assert DEMO_NAME in text
    assert f"({days} days)" in text and days != 28

    choose_from(page.print_button, "Print preview…")
    dialog = open_preview(qtbot)
    assert "progress sheet" in dialog.windowTitle()
    dialog.close()


def test_programmes_page_prints_the_saved_programme_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = programmes_page(qtbot, window)
    page.new_programme()
    assert not page.editor.print_button.isEnabled()  # a new programme is not saved yet

    open_saved_programme(qtbot, window)
    assert page.editor.print_button.isEnabled()
    name = page.editor.fields.name.text()
    others = [p.name for p in window.ui.scope.programmes.programmes() if p.name != name]
    target = tmp_path / "handout.pdf"
    choose_from(page.editor.print_button, "Save as PDF…")
    save_as(qtbot, target)
    text = text_of(target)
    assert name in text
    assert not any(other in text for other in others)  # only the programme open

    choose_from(page.editor.print_button, "Print preview…")
    dialog = open_preview(qtbot)
    assert "handout" in dialog.windowTitle()
    dialog.close()


def saved_box(qtbot: QtBot) -> QMessageBox:
    return visible(qtbot, QMessageBox, "PDF saved")


def test_preview_pages_through_and_closes(qtbot: QtBot, window: MainWindow) -> None:
    """The preview once painted on a printer Python had already collected: a segfault."""
    page = open_saved_programme(qtbot, window)
    choose_from(page.editor.print_button, "Print preview…")
    dialog = open_preview(qtbot)
    gc.collect()
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None and preview.pageCount() >= 2
    for number in range(1, preview.pageCount() + 1):
        preview.setCurrentPage(number)
        preview.updatePreview()  # paints the document again, on the dialog's own printer
        assert preview.currentPage() == number
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_print_opens_the_print_dialog_without_blocking(qtbot: QtBot, window: MainWindow) -> None:
    print_menu_action(window, "Programme handout: p&rint…")  # returns: the dialog is not exec'd

    dialog = visible(qtbot, QPrintDialog)
    assert dialog.windowTitle() == "Print programme handout"
    assert dialog.printer().docName() == " + ".join(
        p.name for p in window.ui.scope.programmes.active_on(window.ui.scope.programmes.today())
    )
    dialog.reject()


def test_save_as_pdf_suggests_the_programme_name_and_says_where(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_saved_programme(qtbot, window)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    choose_from(page.editor.print_button, "Save as PDF…")
    suggested = save_as(qtbot, tmp_path / "chosen name")  # the suffix is added
    assert Path(suggested).name == safe_file_name(page.editor.fields.name.text(), "x") + ".pdf"
    box = saved_box(qtbot)
    saved = tmp_path / "chosen name.pdf"
    assert box.informativeText() == str(saved) and saved.is_file()
    buttons = {b.text(): b for b in box.buttons()}
    assert {"Open", "Show in folder"} <= set(buttons)
    qtbot.mouseClick(buttons["Show in folder"], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_a_starter_template_can_be_printed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = open_first(qtbot, window, Kind.STARTER)
    name = page.editor.fields.name.text()
    assert page.editor.print_button.isEnabled()
    target = tmp_path / "template.pdf"
    choose_from(page.editor.print_button, "Save as PDF…")
    save_as(qtbot, target)
    assert name in text_of(target)
    saved_box(qtbot).close()
