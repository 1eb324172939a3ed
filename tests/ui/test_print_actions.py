"""Printing from the GUI as a user reaches it: File ▸ Print and the "Print…" buttons of the
Progress and Programmes pages, saving a PDF (file dialog answered by the test) or opening the
print preview. The preview dialog is only opened and closed: nothing is sent to a printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.services.demo import DEMO_NAME, seed_demo
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages import PAGES
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.pages.progress import ProgressPage
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


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


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
    def shown() -> QPrintPreviewDialog | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QPrintPreviewDialog) and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: shown() is not None, timeout=5000)
    dialog = shown()
    assert dialog is not None
    return dialog


def progress_page(qtbot: QtBot, window: MainWindow) -> ProgressPage:
    page = window.page("progress")
    assert isinstance(page, ProgressPage)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.show_page(next(i for i, s in enumerate(PAGES) if s.key == "progress"))
    return page


def open_saved_programme(qtbot: QtBot, window: MainWindow) -> ProgrammesPage:
    page = window.page("programmes")
    assert isinstance(page, ProgrammesPage)
    window.show_page(next(i for i, s in enumerate(PAGES) if s.key == "programmes"))
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    row = next(
        r
        for r in range(page.list_model.rowCount())
        if page.list_model.entry(r).kind is Kind.PROGRAMME
        and not page.list_model.entry(r).is_heading
    )
    page.list_view.setCurrentIndex(page.list_model.index(row, 0))
    return page


def test_file_menu_saves_the_progress_sheet_as_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.pdf"
    answer_save_dialog(monkeypatch, target)
    print_menu_action(window, "Progress sheet: save as P&DF…")
    text = text_of(target)
    assert DEMO_NAME in text
    assert "(28 days)" in text  # the menu prints the last four weeks


def test_file_menu_saves_the_handouts_in_force_as_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.pdf"
    answer_save_dialog(monkeypatch, target)
    print_menu_action(window, "Programme handout: save as PD&F…")
    text = text_of(target)
    for programme in window.ui.app.programmes.programmes():
        assert programme.name in text


def test_file_menu_opens_the_print_preview(qtbot: QtBot, window: MainWindow) -> None:
    print_menu_action(window, "Progress sheet: print pre&view…")
    dialog = open_preview(qtbot)
    assert dialog.windowTitle() == "Print preview: progress sheet"
    dialog.close()


def test_progress_page_prints_the_range_it_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = progress_page(qtbot, window)
    assert page.overview is not None
    days = (page.overview.last - page.overview.first).days + 1
    target = tmp_path / "progress.pdf"
    answer_save_dialog(monkeypatch, target)
    choose_from(page.print_button, "Save as PDF…")
    text = text_of(target)
    assert DEMO_NAME in text
    assert f"({days} days)" in text and days != 28

    choose_from(page.print_button, "Print preview…")
    dialog = open_preview(qtbot)
    assert "progress sheet" in dialog.windowTitle()
    dialog.close()


def test_programmes_page_prints_the_saved_programme_open(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.page("programmes")
    assert isinstance(page, ProgrammesPage)
    window.show_page(next(i for i, s in enumerate(PAGES) if s.key == "programmes"))
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    page.new_programme()
    assert not page.editor.print_button.isEnabled()  # a new programme is not saved yet

    open_saved_programme(qtbot, window)
    assert page.editor.print_button.isEnabled()
    name = page.editor.fields.name.text()
    others = [p.name for p in window.ui.app.programmes.programmes() if p.name != name]
    target = tmp_path / "handout.pdf"
    answer_save_dialog(monkeypatch, target)
    choose_from(page.editor.print_button, "Save as PDF…")
    text = text_of(target)
    assert name in text
    assert not any(other in text for other in others)  # only the programme open

    choose_from(page.editor.print_button, "Print preview…")
    dialog = open_preview(qtbot)
    assert "handout" in dialog.windowTitle()
    dialog.close()
