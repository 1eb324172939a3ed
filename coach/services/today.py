"""The Today page's content for a day, gathered from the services that own each part.

One call answers everything the page shows, so the page never orchestrates services itself and
the same answer can be kept for the first screen of the next start (first_screen.py). Every
figure is a function of the stored data and the day asked about, never of the clock: a view
built today for tomorrow is exactly what tomorrow's would be if nothing is written meanwhile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from coach.domain.session_engine import SessionItem, SessionSettings, estimate_seconds
from coach.services import dosage_words
from coach.services.diary import DiaryService
from coach.services.profile import ProfileService
from coach.services.programmes import ProgrammeService
from coach.services.progress import ProgressService
from coach.services.sessions import ItemProgress, SessionService
from coach.services.settings import GET_READY_S
from coach.services.settings_service import SettingsService
from coach.services.today_view import ItemLine, ProgrammeSummary, TodayView


class TodayService:
    def __init__(  # noqa: PLR0917 - one collaborator per part of the page
        self,
        profile: ProfileService,
        settings: SettingsService,
        programmes: ProgrammeService,
        sessions: SessionService,
        progress: ProgressService,
        diary: DiaryService,
        patient_name: Callable[[], str] | None = None,
    ) -> None:
        self._patient_name = patient_name
        self._profile = profile
        self._settings = settings
        self._programmes = programmes
        self._sessions = sessions
        self._progress = progress
        self._diary = diary

    def view(self, day: date) -> TodayView:
        if self._patient_name is not None:  # whose Today this is: the open patient
            name = self._patient_name()
        else:
            profile = self._profile.get()
            name = profile.name if profile is not None else ""
        checked_in = self._diary.checkin_on(day) is not None
        if not self._programmes.active_on(day):
            return TodayView(day, name, False, (), (), None, checked_in)
        by_programme: dict[int, list[ItemProgress]] = defaultdict(list)
        for item in self._sessions.progress_on(day):
            if item.prescribed.programme.id is not None:
                by_programme[item.prescribed.programme.id].append(item)
        timing = SessionSettings(get_ready_s=float(self._settings.get(GET_READY_S)))
        summaries = tuple(
            _summary(programme_id, items, timing) for programme_id, items in by_programme.items()
        )
        ledger = self._progress.ledger(day - timedelta(days=day.weekday()), day, as_of=day)
        return TodayView(
            day, name, True, summaries, tuple(ledger.daily()), ledger.period(), checked_in
        )


def _summary(
    programme_id: int, items: list[ItemProgress], timing: SessionSettings
) -> ProgrammeSummary:
    programme = items[0].prescribed.programme
    steps = [
        SessionItem(
            p.prescribed.item_row_id,
            p.prescribed.item.exercise_id,
            p.name,
            p.prescribed.dosage,
            static=p.static,
        )
        for p in items
    ]
    minutes = max(1, round(estimate_seconds(steps, timing) / 60))
    lines = tuple(
        ItemLine(
            p.name,
            " ".join(
                part
                for part in (
                    dosage_words.amount(p.prescribed.dosage),
                    dosage_words.sides(p.prescribed.dosage),
                )
                if part
            ),
            p.text,
            p.complete,
        )
        for p in items
    )
    return ProgrammeSummary(programme_id, programme.name, programme.goal or "", minutes, lines)
