"""One active programme on the Today page: its exercises, how much of each is done today, and a
large Start button for a patient who may be stiff, in pain or without glasses."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.services.today_view import ProgrammeSummary
from coach.ui import style
from coach.ui.widgets import label
from coach.wording.counts import session_length_text


class ProgrammeCard(QFrame):
    start_clicked = Signal(int)  # the programme's id

    def __init__(self, summary: ProgrammeSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(summary.name, role="subheading"))
        if summary.goal:
            titles.addWidget(label(f"Goal: {summary.goal}", role="muted"))
        header.addLayout(titles, 1)
        self.start_button = QPushButton("Start again" if summary.all_done else "Start")
        self.start_button.setProperty("role", "primary")
        self.start_button.setProperty("size", "large")
        self.start_button.setAccessibleName(f"Start {summary.name}")
        self.start_button.setToolTip(f"About {summary.minutes} minutes")
        self.start_button.clicked.connect(lambda: self.start_clicked.emit(summary.programme_id))
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.progress_labels: list[str] = []
        for row, item in enumerate(summary.items):
            name = label(item.name)
            name.setStyleSheet("font-weight: 600;")
            progress = label(("✓ " if item.done else "") + item.progress)
            progress.setStyleSheet(
                f"color: {style.GOOD_INK if item.done else style.INK}; font-weight: 600;"
            )
            progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.progress_labels.append(item.progress)
            grid.addWidget(name, row, 0)
            grid.addWidget(label(item.dosage, role="muted"), row, 1)
            grid.addWidget(progress, row, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(label(session_length_text(summary.minutes), role="muted"))
