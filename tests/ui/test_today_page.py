"""The Today page: programmes with today's progress, Start opening the pre-session check, the
week at a glance, and an empty state whose buttons lead somewhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.session_engine import ExerciseDone, SessionEngine, SessionSettings
from coach.domain.symptoms import SymptomRegion
from coach.services.context import AppContext
from coach.services.settings import SESSION_SOUND
from coach.ui.context import UiContext
from coach.ui.pages import PAGES
from coach.ui.pages.today import TodayPage, create_page

ITEMS = (
    ProgrammeItem("prone-press-up", Dosage(sets=1, reps=10, hold_s=2, times_per_day=3)),
    ProgrammeItem("bridge", Dosage(sets=2, reps=12, hold_s=3)),
)


@pytest.fixture
def page(ui: UiContext, qtbot: QtBot) -> Iterator[TodayPage]:
    ui.app.settings.set(SESSION_SOUND, False)
    created = create_page(ui)
    assert isinstance(created, TodayPage)
    qtbot.addWidget(created)
    created.resize(1000, 800)
    created.show()
    qtbot.waitExposed(created)
    yield created
    if created.player is not None:
        created.player.close()


def add_programme(app: AppContext) -> int:
    return app.own_patient().programmes.create(
        Programme(
            uid="",
            name="Back routine",
            start_date=app.own_patient().programmes.today(),
            items=ITEMS,
        )
    )[0]


def test_programmes_are_listed_with_todays_progress(
    ui: UiContext, page: TodayPage, qtbot: QtBot
) -> None:
    assert page.empty is not None
    changes = ui.scope.programmes.create(
        Programme(uid="", name="Back routine", start_date=ui.scope.programmes.today(), items=ITEMS)
    )[1]
    ui.apply(changes)
    assert page.empty is None
    [card] = page.cards
    assert card.summary.name == "Back routine"
    assert card.progress_labels == ["0 of 3 sessions done", "0 of 1 session done"]
    assert card.start_button.text() == "Start"
    assert page.week is not None
    assert page.week.day_texts[2] == "0 %"  # Wednesday, today
    assert page.week.day_texts[:2] == ["—", "—"]  # before the programme: absent
    assert page.week.day_texts[3:] == [""] * 4


def test_start_opens_the_pre_session_check(ui: UiContext, page: TodayPage, qtbot: QtBot) -> None:
    ui.apply(
        ui.scope.programmes.create(
            Programme(
                uid="", name="Back routine", start_date=ui.scope.programmes.today(), items=ITEMS
            )
        )[1]
    )
    qtbot.mouseClick(page.cards[0].start_button, Qt.MouseButton.LeftButton)
    player = page.player
    assert player is not None and player.isVisible()
    assert player.stack.currentWidget() is player.precheck
    assert player.precheck.flags  # the day's red-flag check comes first
    assert [item.exercise_id for item in player.plan.items] == ["prone-press-up", "bridge"]


def test_a_crashed_session_is_closed_once_when_the_data_opens(ui: UiContext, qtbot: QtBot) -> None:
    from coach.ui.application import data_opened

    app = ui.app
    programme_id = add_programme(app)
    plan = app.own_patient().sessions.plan(programme_id)
    assert plan is not None
    session_id, _ = app.own_patient().sessions.start(plan, 4, {next(iter(plan.symptom_regions)): 2})
    app.own_patient().sessions._open.clear()  # as after a restart: no process owns it any more
    page = create_page(ui)
    qtbot.addWidget(page)
    page.show()
    stored = app.own_patient().sessions.session(session_id)
    assert stored is not None and stored.status == "in_progress"  # a page reload writes nothing
    with qtbot.waitSignal(ui.hub.changed):
        data_opened(ui, app)
    stored = app.own_patient().sessions.session(session_id)
    assert stored is not None and stored.status == "stopped"


@pytest.mark.parametrize("where", ["library", "programmes", "import"])
def test_the_empty_state_buttons_navigate(
    ui: UiContext, qtbot: QtBot, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[1]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    from coach.ui.main_window import MainWindow

    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    page = window.page("today")
    assert isinstance(page, TodayPage)
    window.show_page(0)
    empty = page.empty
    assert empty is not None
    has_programmes = any(spec.key == "programmes" for spec in PAGES)
    assert empty.templates_button.isHidden() != has_programmes
    assert empty.import_button.isHidden() != has_programmes
    if where == "library":
        qtbot.mouseClick(empty.library_button, Qt.MouseButton.LeftButton)
        assert window.current_key() == "library"
    elif where == "programmes" and has_programmes:
        qtbot.mouseClick(empty.templates_button, Qt.MouseButton.LeftButton)
        assert window.current_key() == "programmes"
    elif has_programmes:
        qtbot.mouseClick(empty.import_button, Qt.MouseButton.LeftButton)
        assert window.current_key() == "programmes"
        assert asked == ["Import a programme file"]


def test_a_new_day_reloads_the_page(ui: UiContext, page: TodayPage) -> None:
    assert page.date_label.text() == "Wednesday 11 March 2026"
    clock = ui.app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(86400)
    page.tick()  # the page's minute timer
    assert page.date_label.text() == "Thursday 12 March 2026"


def test_today_and_the_week_show_whole_counts_of_sessions(
    ui: UiContext, page: TodayPage, clock: ManualClock
) -> None:
    app = ui.app
    plan = app.own_patient().sessions.plan(add_programme(app))
    assert plan is not None
    # Two press-up sessions: one in full, one stopped after three of its ten holds.
    for seconds in (None, 3 * 6):
        session_id, _ = app.own_patient().sessions.start(plan, 3, {SymptomRegion.LUMBAR: 2})
        engine = SessionEngine(plan.items[:1], clock, SessionSettings(get_ready_s=0))
        ran = 0.0
        while not engine.is_finished and (seconds is None or ran < seconds):
            clock.advance(0.5)
            ran += 0.5
            for event in engine.tick():
                if isinstance(event, ExerciseDone):
                    app.own_patient().sessions.log_exercise(session_id, event.record)
        engine.stop()
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                app.own_patient().sessions.log_exercise(session_id, event.record)
        ui.apply(app.own_patient().sessions.finish(session_id, stopped=seconds is not None))
    page.reload()
    [card] = page.cards
    assert card.progress_labels == ["1 of 3 sessions done, 1 partly", "0 of 1 session done"]
    assert page.week is not None
    # 1 + 0.3 of 4 sessions: the fraction stays in the percentage.
    assert page.week.summary.text() == "So far this week: 1 of 4 sessions done, 1 partly (32 %)."
