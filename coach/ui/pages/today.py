"""The Today page: the first thing a patient sees, so it says what today holds.

It is built from cards. Each feature contributes its card through TODAY_CARDS (a module path with
`create_card(ui) -> QWidget`); the page itself owns only the date and the greeting.
"""

from __future__ import annotations

import importlib
from datetime import datetime

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from coach.domain.days import zone
from coach.services.changes import Area
from coach.ui.context import UiContext
from coach.ui.pages.base import Page
from coach.ui.widgets import label

TODAY_CARDS: tuple[str, ...] = ("coach.ui.diary.checkin_prompt",)


def greeting(moment: datetime) -> str:
    if moment.hour < 12:
        return "Good morning"
    if moment.hour < 18:
        return "Good afternoon"
    return "Good evening"


class TodayPage(Page):
    title = "Today"
    key = "today"
    areas = (Area.PROFILE,)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.date_label = label("", role="heading")
        self.greeting_label = label("", role="muted")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self.date_label)
        layout.addWidget(self.greeting_label)
        for module in TODAY_CARDS:
            layout.addWidget(importlib.import_module(module).create_card(ui))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def reload(self) -> None:
        app = self.ui.app
        now = app.clock.now().astimezone(zone(app.profile.timezone_name()))
        self.date_label.setText(f"{now:%A} {now.day} {now:%B %Y}")
        profile = app.profile.get()
        name = f", {profile.name}" if profile else ""
        self.greeting_label.setText(f"{greeting(now)}{name}.")


def create_page(ui: UiContext) -> Page:
    return TodayPage(ui)
