"""What the Qt side hands to every page and dialog instead of a global main window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from coach.services.changes import Changes
from coach.services.context import AppContext
from coach.ui.hub import ChangeHub
from coach.ui.tasks import TaskRunner


@dataclass
class UiContext:
    app: AppContext
    hub: ChangeHub
    tasks: TaskRunner
    window: QWidget | None = None  # parent for dialogs; set once the main window exists

    def apply(self, changes: Changes) -> None:
        """Publish what a service call changed, so every page can refresh."""
        self.hub.publish(changes)
