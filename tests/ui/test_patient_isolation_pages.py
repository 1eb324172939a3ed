"""The pages of a therapist's window show only the open patient's rows: Today, Programmes, Diary
and Progress, opened in the real window for each patient of a constructed caseload in turn (the
services, printed documents, CSV export and first screen: tests/services/test_patient_isolation.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from caseloads import make_caseload
from pytestqt.qtbot import QtBot

from coach.services.context import AppContext
from coach.services.settings import SESSION_SOUND
from coach.services.timeline import EntryKind
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.base import Page
from coach.ui.pages.diary import DiaryPage
from coach.ui.pages.programmes import ProgrammesPage
from coach.ui.pages.progress import ProgressPage
from coach.ui.pages.today import TodayPage
from coach.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Shown:
    """What make_caseload wrote for one patient, as the pages should show it."""

    identifier: str
    banner: str
    programme: str
    pains: frozenset[int]
    sessions: int  # in the Diary's default range, the last 4 weeks


PEOPLE = (
    Shown("A-1", "Ann Example · A-1", "Ann's", frozenset({6, 4}), 6),
    Shown("B-2", "Ben Sample · B-2", "Ben's", frozenset({5}), 1),
)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    make_caseload(context)
    context.settings.set(SESSION_SOUND, False)
    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    shown = MainWindow(ui)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.quit_coach()
    ui.tasks.wait()


def _show(window: MainWindow, key: str) -> Page:
    window.show_page([spec.key for spec in window.pages].index(key))
    return window.page(key)


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.identifier)
def test_every_page_shows_only_the_open_patients_rows(
    qtbot: QtBot, window: MainWindow, person: Shown
) -> None:
    app = window.ui.app
    for other in PEOPLE:  # the other one opened first: what it showed must not stay
        if other is not person:
            window.switch_patient(app.patients.find(other.identifier).id)
    for key in ("progress", "programmes", "diary", "today"):
        _show(window, key)  # every page built and showing the other patient
    window.switch_patient(app.patients.find(person.identifier).id)

    today = _show(window, "today")
    assert isinstance(today, TodayPage)
    assert window.patient_banner is not None
    assert window.patient_banner.text.text() == person.banner
    assert [card.summary.name for card in today.cards] == [person.programme]

    programmes = _show(window, "programmes")
    assert isinstance(programmes, ProgrammesPage)
    qtbot.waitUntil(lambda: programmes.ready, timeout=10_000)
    listed = [programmes.list_model.entry(row) for row in range(programmes.list_model.rowCount())]
    names = {e.programme.name for e in listed if e.programme is not None and e.programme.id}
    assert names == {person.programme}

    diary = _show(window, "diary")
    assert isinstance(diary, DiaryPage)
    items = diary.model.items()
    assert {i.title for i in items if i.kind is EntryKind.PAIN} == {
        f"Pain {level} of 10" for level in person.pains
    }
    assert sum(1 for i in items if i.kind is EntryKind.SESSION) == person.sessions

    progress = window.page("progress")
    assert isinstance(progress, ProgressPage)
    with qtbot.waitSignal(progress.loaded, timeout=10_000):  # not the other one's figures
        _show(window, "progress")
    assert progress.overview is not None
    assert {round(p.worst) for p in progress.overview.pain} == person.pains
