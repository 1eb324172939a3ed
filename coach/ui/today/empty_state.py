"""What Today shows before there is any programme: what a programme is and where to get one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.ui.widgets import label

EXPLANATION = (
    "A programme is the short list of exercises you do at home, with how much and how often: "
    "the one your therapist gave you, or one you put together. Once you have one, this page "
    "shows what to do today and guides you through it, step by step, with a timer."
)


class EmptyState(QFrame):
    """Buttons for the library, templates and import; a missing destination hides its button."""

    go = Signal(str)  # "library", "templates" or "import"

    def __init__(self, has_programmes_page: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(label("No exercise programme yet", role="subheading"))
        layout.addWidget(label(EXPLANATION))
        row = QHBoxLayout()
        self.library_button = self._button("Browse the exercises", "library")
        self.templates_button = self._button("Start from a template", "templates")
        self.import_button = self._button("Import a programme file", "import")
        self.templates_button.setProperty("role", "primary")
        for button in (self.templates_button, self.import_button, self.library_button):
            row.addWidget(button)
        row.addStretch(1)
        self.templates_button.setVisible(has_programmes_page)
        self.import_button.setVisible(has_programmes_page)
        layout.addLayout(row)

    def _button(self, text: str, where: str) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(44)
        button.clicked.connect(lambda: self.go.emit(where))
        return button
