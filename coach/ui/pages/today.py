"""The Today page: the first thing a patient sees, so it says what today holds.

The page owns the date and greeting, the active programmes (each exercise with its dosage in
words and today's progress, and a large Start button that opens the session player), this week's
adherence at a glance, and an empty state that says how to get a first programme. Other features
contribute cards through TODAY_CARDS (a module path with `create_card(ui) -> QWidget`).
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from coach.domain.session_engine import SessionItem, SessionSettings, estimate_seconds
from coach.services.changes import Area
from coach.services.sessions import ItemProgress
from coach.services.settings import GET_READY_S
from coach.ui.context import UiContext
from coach.ui.pages import PAGES
from coach.ui.pages.base import Page
from coach.ui.today.empty_state import EmptyState
from coach.ui.today.programme_card import ProgrammeCard
from coach.ui.today.week_strip import WeekStrip
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.ui.player.window import PlayerWindow

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
    areas = (Area.PROFILE, Area.PROGRAMMES, Area.SESSIONS, Area.EXERCISES)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.player: PlayerWindow | None = None
        self.cards: list[ProgrammeCard] = []
        self.empty: EmptyState | None = None
        self.week: WeekStrip | None = None
        self._recovered = False
        self.date_label = label("", role="heading")
        self.greeting_label = label("", role="muted")
        self.programmes_area = QWidget()
        self.programmes_layout = QVBoxLayout(self.programmes_area)
        self.programmes_layout.setContentsMargins(0, 0, 0, 0)
        self.programmes_layout.setSpacing(14)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self.date_label)
        layout.addWidget(self.greeting_label)
        layout.addWidget(self.programmes_area)
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
        if not self._recovered:
            # A session a crash left open shows as stopped, with what it logged.
            self._recovered = True
            changes = app.sessions.recover_interrupted()
            if changes:
                self.ui.apply(changes)
        now = app.clock.now().astimezone(app.profile.time_zone())
        self.date_label.setText(f"{now:%A} {now.day} {now:%B %Y}")
        profile = app.profile.get()
        name = f", {profile.name}" if profile else ""
        self.greeting_label.setText(f"{greeting(now)}{name}.")
        self._show_programmes()

    def _show_programmes(self) -> None:
        app = self.ui.app
        while self.programmes_layout.count():
            taken = self.programmes_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cards, self.empty, self.week = [], None, None
        today = app.sessions.today()
        by_programme: dict[int, list[ItemProgress]] = defaultdict(list)
        for item in app.sessions.progress_on(today):
            if item.prescribed.programme.id is not None:
                by_programme[item.prescribed.programme.id].append(item)
        if not app.programmes.active_on(today):
            self.empty = EmptyState(any(spec.key == "programmes" for spec in PAGES))
            self.empty.go.connect(self.go)
            self.programmes_layout.addWidget(self.empty)
            return
        settings = SessionSettings(get_ready_s=float(app.settings.get(GET_READY_S)))
        for items in by_programme.values():
            seconds = estimate_seconds(_session_items(items), settings)
            card = ProgrammeCard(items[0].prescribed.programme, items, max(1, round(seconds / 60)))
            card.start_clicked.connect(self.start)
            self.cards.append(card)
            self.programmes_layout.addWidget(card)
        if not self.cards:
            self.programmes_layout.addWidget(
                label("Nothing is prescribed for today. Enjoy your rest day.", role="subheading")
            )
        monday = today - timedelta(days=today.weekday())
        self.week = WeekStrip(
            today,
            app.progress.daily_adherence(monday, today),
            app.progress.adherence(monday, today),
        )
        self.programmes_layout.addWidget(self.week)

    def start(self, programme_id: int) -> PlayerWindow | None:
        """Open the player on the pre-session check for today's items of the programme."""
        plan = self.ui.app.sessions.plan(programme_id)
        if plan is None:
            return None
        if self.player is not None and self.player.isVisible():
            self.player.raise_()
            self.player.activateWindow()
            return self.player
        from coach.ui.player.window import PlayerWindow

        self.player = PlayerWindow(self.ui, plan, parent=self.ui.window)
        self.player.show()
        return self.player

    def go(self, where: str) -> None:
        """Open another page of the main window: the library, or programmes (and import)."""
        window = self.ui.window
        key = "library" if where == "library" else "programmes"
        keys = [spec.key for spec in PAGES]
        if window is None or key not in keys:
            return
        from coach.ui.main_window import MainWindow

        if not isinstance(window, MainWindow):
            return
        window.show_page(keys.index(key))
        if where == "import":
            from coach.ui.pages.programmes import ProgrammesPage

            page = window.page(key)
            if isinstance(page, ProgrammesPage):
                page.import_file()


def _session_items(items: list[ItemProgress]) -> list[SessionItem]:
    return [
        SessionItem(
            p.prescribed.item_row_id, p.prescribed.item.exercise_id, p.name, p.prescribed.dosage
        )
        for p in items
    ]


def create_page(ui: UiContext) -> Page:
    return TodayPage(ui)
