"""Loading a clinic's licensed ODI/NDI statements from a questionnaire file.

Shared by the diary's measure menu and the Settings dialog, so both ask for the file and report
the outcome in the same words. The file's format is in assets/questionnaires/README.md.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coach.exchange.questionnaire_file import Statements
from coach.services.changes import Changes
from coach.ui.context import UiContext
from coach.ui.ops import mutate

FILE_FILTER = "Questionnaire files (*.json);;All files (*)"
MENU_TEXT = "Load questionnaire statements…"


def choose_and_load(ui: UiContext, initiator: QWidget) -> None:
    """Ask for a questionnaire file and load it; say what was loaded or why it was refused."""
    path, _ = QFileDialog.getOpenFileName(
        initiator, "Load questionnaire statements", "", FILE_FILTER
    )
    if path:
        load(ui, initiator, Path(path))


def load(ui: UiContext, initiator: QWidget, path: Path) -> None:
    def done(result: tuple[Statements, Changes]) -> None:
        loaded = result[0]
        QMessageBox.information(
            initiator.window(),
            "Statements loaded",
            f"The {loaded.instrument.label} now shows its statements to choose from.",
        )

    mutate(
        ui,
        initiator,
        lambda app: app.questionnaires.load_statements(path),
        on_done=done,
        title="These statements cannot be loaded",
    )
