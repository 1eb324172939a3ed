"""The Today page: the first thing a patient sees, so it says what today holds.

The page shows a TodayView (coach.services.today_view): the date and greeting, the active
programmes (each exercise with its dosage in words and today's progress, and a large Start button
that opens the session player), this week's adherence at a glance, the evening check-in card, and
an empty state that says how to get a first programme. The view comes from TodayService, or at
start-up from the first-screen cache before the services are open (`show_view`).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from coach.services.changes import Area
from coach.services.today_view import TodayView
from coach.ui.context import UiContext
from coach.ui.diary.checkin_prompt import CheckInPrompt
from coach.ui.pages import PAGES
from coach.ui.pages.base import Page
from coach.ui.today.empty_state import EmptyState
from coach.ui.today.programme_card import ProgrammeCard
from coach.ui.today.week_strip import WeekStrip
from coach.ui.widgets import label

if TYPE_CHECKING:
    from coach.ui.player.window import PlayerWindow

TICK_MS = 60_000  # how often the page looks at the clock: evening, midnight


def greeting(moment: datetime) -> str:
    if moment.hour < 12:
        return "Good morning"
    if moment.hour < 18:
        return "Good afternoon"
    return "Good evening"


class TodayPage(Page):
    title = "Today"
    key = "today"
    areas = (Area.PROFILE, Area.PROGRAMMES, Area.SESSIONS, Area.EXERCISES, Area.DIARY)

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.player: PlayerWindow | None = None
        self.view: TodayView | None = None
        self.cards: list[ProgrammeCard] = []
        self.empty: EmptyState | None = None
        self.week: WeekStrip | None = None
        self._zone: tzinfo = UTC
        self.date_label = label("", role="heading")
        self.greeting_label = label("", role="muted")
        # A therapist's copy: the page shows the open patient's day, the greeting is for the user.
        self.whose_label = label("", role="subheading")
        self.whose_label.hide()
        self._therapist: str | None = None
        self.programmes_area = QWidget()
        self.programmes_layout = QVBoxLayout(self.programmes_area)
        self.programmes_layout.setContentsMargins(0, 0, 0, 0)
        self.programmes_layout.setSpacing(14)
        self.checkin = CheckInPrompt(ui)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self.date_label)
        layout.addWidget(self.greeting_label)
        layout.addWidget(self.whose_label)
        layout.addWidget(self.programmes_area)
        layout.addWidget(self.checkin)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._clock = QTimer(self)
        self._clock.setInterval(TICK_MS)
        self._clock.timeout.connect(self.tick)
        self._clock.start()

    def reload(self) -> None:
        app = self.ui.app
        if app.profile_is_patient():
            self._therapist = None
        else:
            profile = app.profile.get()
            self._therapist = profile.name if profile is not None else ""
        self.show_view(self.ui.scope.today.view(app.profile.today()), app.profile.time_zone())

    def now(self) -> datetime:
        """The user's local time."""
        return self.ui.clock.now().astimezone(self._zone)

    def tick(self) -> None:
        """Once a minute: show the check-in card when evening comes; a new day reloads."""
        if self.view is None:
            return
        now = self.now()
        if now.date() != self.view.day and self.ui.ready:
            self.invalidate()
            return
        self.checkin.show_for(self.view.checked_in, now)

    def show_view(self, view: TodayView, zone: tzinfo) -> None:
        self.view, self._zone = view, zone
        now = self.now()
        day = view.day
        self.date_label.setText(f"{day:%A} {day.day} {day:%B %Y}")
        greeted = view.name if self._therapist is None else self._therapist
        self.greeting_label.setText(f"{greeting(now)}{f', {greeted}' if greeted else ''}.")
        self.whose_label.setText(f"{view.name}'s programmes today" if view.name else "")
        self.whose_label.setVisible(self._therapist is not None and bool(view.name))
        self.checkin.show_for(view.checked_in, now)
        while self.programmes_layout.count():
            taken = self.programmes_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # gone from the next paint, not only once it is deleted
                widget.deleteLater()
        self.cards, self.empty, self.week = [], None, None
        if not view.has_active_programme:
            self.empty = EmptyState(any(spec.key == "programmes" for spec in PAGES))
            self.empty.go.connect(self.go)
            self.programmes_layout.addWidget(self.empty)
            return
        for summary in view.programmes:
            card = ProgrammeCard(summary)
            card.start_clicked.connect(self.start)
            self.cards.append(card)
            self.programmes_layout.addWidget(card)
        if not self.cards:
            self.programmes_layout.addWidget(
                label("Nothing is prescribed for today. Enjoy your rest day.", role="subheading")
            )
        self.week = WeekStrip(day, view.week_days, view.week)
        self.programmes_layout.addWidget(self.week)

    def start(self, programme_id: int) -> PlayerWindow | None:
        """Open the player on the pre-session check for today's items of the programme."""
        patient = self.ui.scope  # the one whose Today is on screen
        plan = patient.sessions.plan(programme_id)
        if plan is None:
            return None
        if self.player is not None and self.player.isVisible():
            self.player.raise_()
            self.player.activateWindow()
            return self.player
        from coach.ui.player.window import PlayerWindow

        self.player = PlayerWindow(self.ui, patient, plan, parent=self.ui.window)
        self.player.show()
        return self.player

    def perform(self, request: str, *arguments: object) -> None:
        """The request "start" with a programme id: what a reminder's "Start now" asks for."""
        if request == "start" and len(arguments) == 1 and isinstance(arguments[0], int):
            self.start(arguments[0])
            return
        super().perform(request, *arguments)

    def go(self, where: str) -> None:
        """Open another page: the library, or programmes (and its import)."""
        if where == "library":
            self.ui.navigator.go("library")
        else:
            self.ui.navigator.go("programmes", "import" if where == "import" else "")


def create_page(ui: UiContext) -> Page:
    return TodayPage(ui)
