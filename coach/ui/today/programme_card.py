"""One active programme on the Today page: its exercises, how much of each is done today, and a
large Start button for a patient who may be stiff, in pain or without glasses."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.domain.programme import Programme
from coach.services import dosage_words
from coach.services.sessions import ItemProgress
from coach.ui import style
from coach.ui.widgets import label


class ProgrammeCard(QFrame):
    start_clicked = Signal(int)  # the programme's id

    def __init__(
        self,
        programme: Programme,
        items: Sequence[ItemProgress],
        minutes: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme = programme
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(programme.name, role="subheading"))
        if programme.goal:
            titles.addWidget(label(f"Goal: {programme.goal}", role="muted"))
        header.addLayout(titles, 1)
        all_done = all(item.done >= item.target for item in items)
        self.start_button = QPushButton("Start again" if all_done else "Start")
        self.start_button.setProperty("role", "primary")
        self.start_button.setMinimumSize(170, 60)
        self.start_button.setStyleSheet("font-size: 17pt; min-height: 56px;")
        self.start_button.setAccessibleName(f"Start {programme.name}")
        self.start_button.setToolTip(f"About {minutes} minutes")
        assert programme.id is not None
        programme_id = programme.id
        self.start_button.clicked.connect(lambda: self.start_clicked.emit(programme_id))
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        self.progress_labels: list[str] = []
        for row, item in enumerate(items):
            name = label(item.name)
            name.setStyleSheet("font-weight: 600;")
            words = " ".join(
                part
                for part in (
                    dosage_words.amount(item.prescribed.dosage),
                    dosage_words.sides(item.prescribed.dosage),
                )
                if part
            )
            done = item.done >= item.target
            mark = "✓ " if done else ""
            progress = label(mark + item.text)
            progress.setStyleSheet(
                f"color: {style.GOOD_INK if done else style.INK}; font-weight: 600;"
            )
            progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.progress_labels.append(item.text)
            grid.addWidget(name, row, 0)
            grid.addWidget(label(words, role="muted"), row, 1)
            grid.addWidget(progress, row, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(label(f"About {minutes} minutes a session.", role="muted"))
