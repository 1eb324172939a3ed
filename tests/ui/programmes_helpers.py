"""Driving the Programmes page as a user does, shared by its test modules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.ui.context import UiContext
from coach.ui.pages.programmes import ProgrammesPage


def shown_page(qtbot: QtBot, ui: UiContext) -> ProgrammesPage:
    """The page on screen at a comfortable size, its starters and library loaded."""
    widget = ProgrammesPage(ui)
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitUntil(lambda: widget.ready, timeout=10_000)
    return widget


def add_by_search(qtbot: QtBot, page: ProgrammesPage, text: str) -> None:
    """Add the first exercise the library picker finds for `text`."""
    page.editor.add_button.click() if page.editor.editable else page.show_picker()
    page.picker.search.clear()
    qtbot.keyClicks(page.picker.search, text)
    qtbot.mouseClick(page.picker.add, Qt.MouseButton.LeftButton)
