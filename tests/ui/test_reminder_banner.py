"""The reminder banner in the main window: shown when a session is due, "Start now" opens the
pre-session check, "Snooze" hides it until the snooze ends, and it goes once the session is
done."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import Snooze
from coach.domain.session_engine import ExerciseDone, SessionEngine, SessionSettings
from coach.domain.symptoms import SymptomRegion
from coach.services.settings import TEXT_SCALE
from coach.ui.context import UiContext
from coach.ui.main_window import MainWindow
from coach.ui.pages.today import TodayPage
from coach.ui.style import apply_style

RETRACTION = ProgrammeItem("chin-tuck-sitting", Dosage(reps=10, hold_s=2))


def test_hidden_while_nothing_is_due(main_window: MainWindow) -> None:
    main_window.reminders.refresh()
    assert not main_window.reminder_banner.isVisible()


def test_start_now_opens_the_pre_session_check(
    main_window: MainWindow, back_routine: int, qtbot: QtBot, tmp_path: Path
) -> None:
    main_window.show_page(1)  # away from Today: Start now must bring it back
    main_window.reminders.refresh()
    banner = main_window.reminder_banner
    assert banner.isVisible()
    assert banner.text.text() == "Back routine: session 1 of 3 today."
    banner.grab().save(str(tmp_path / "banner.png"))
    qtbot.mouseClick(banner.start_button, Qt.MouseButton.LeftButton)
    today = main_window.page("today")
    assert isinstance(today, TodayPage)
    assert main_window.stack.currentWidget() is today
    assert today.player is not None and today.player.isVisible()
    assert today.player.stack.currentWidget() is today.player.precheck
    assert today.player.plan.programme.id == back_routine


@pytest.mark.usefixtures("back_routine")
def test_snooze_hides_it_until_the_snooze_ends(main_window: MainWindow, clock: ManualClock) -> None:
    main_window.reminders.refresh()
    banner = main_window.reminder_banner
    assert banner.isVisible()
    assert [a.text() for a in banner.snooze_menu.actions()] == [
        "For 15 minutes",
        "For 1 hour",
        "Until tomorrow",
    ]
    banner.snooze_actions[Snooze.QUARTER_HOUR].trigger()
    assert not banner.isVisible()  # the published snooze refreshed the watch
    clock.advance(14 * 60)
    main_window.reminders.refresh()
    assert not banner.isVisible()
    clock.advance(60)
    main_window.reminders.refresh()
    assert banner.isVisible()
    banner.snooze_actions[Snooze.TOMORROW].trigger()
    assert not banner.isVisible()


@pytest.mark.usefixtures("back_routine")
def test_two_programmes_due_ask_which_to_start(main_window: MainWindow, ui: UiContext) -> None:
    neck, changes = ui.scope.programmes.create(
        Programme(uid="", name="Neck", start_date=ui.scope.programmes.today(), items=(RETRACTION,))
    )
    ui.apply(changes)
    main_window.reminders.refresh()
    banner = main_window.reminder_banner
    assert banner.text.text() == "Back routine: session 1 of 3 today; Neck: today's session."
    menu = banner.start_button.menu()
    assert menu is not None
    [back, neck_action] = menu.actions()
    assert (back.text(), neck_action.text()) == ("Back routine", "Neck")
    neck_action.trigger()
    today = main_window.page("today")
    assert isinstance(today, TodayPage)
    assert today.player is not None and today.player.plan.programme.id == neck


@pytest.mark.usefixtures("back_routine")
def test_a_therapists_copy_shows_no_banner(main_window: MainWindow, ui: UiContext) -> None:
    ui.apply(ui.app.profile.update(name="Robin", role=Role.THERAPIST, timezone="UTC"))
    main_window.reminders.refresh()
    assert not main_window.reminder_banner.isVisible()


def test_it_goes_once_the_session_is_done(
    main_window: MainWindow, ui: UiContext, back_routine: int, clock: ManualClock
) -> None:
    main_window.reminders.refresh()
    assert main_window.reminder_banner.isVisible()
    app = ui.app
    plan = app.own_patient().sessions.plan(back_routine)
    assert plan is not None
    session_id, _ = app.own_patient().sessions.start(plan, None, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, SessionSettings(get_ready_s=0))
    while not engine.is_finished:
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                app.own_patient().sessions.log_exercise(session_id, event.record)
        clock.advance(min(0.5, engine.remaining_seconds_in_step))
    ui.apply(
        app.own_patient().sessions.finish(session_id, stopped=False)
    )  # as the player publishes it
    assert not main_window.reminder_banner.isVisible()


@pytest.fixture
def largest_text(qapp: QApplication) -> Iterator[None]:
    """The largest Text size for one test; the app-wide font and style sheet are put back."""
    font, sheet = QFont(qapp.font()), qapp.styleSheet()
    apply_style(qapp, max(TEXT_SCALE.choices))
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.mark.usefixtures("largest_text", "back_routine")
def test_the_banner_fits_its_text_at_the_largest_text_size(
    main_window: MainWindow, ui: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    long_name = "Neck and upper back exercises from the clinic"
    _, changes = ui.scope.programmes.create(
        Programme(
            uid="", name=long_name, start_date=ui.scope.programmes.today(), items=(RETRACTION,)
        )
    )
    ui.apply(changes)
    main_window.resize(900, 700)
    main_window.reminders.refresh()
    banner = main_window.reminder_banner
    # The banner fits itself once the window's layout has run (ReminderBanner._fit).
    qtbot.waitUntil(lambda: banner.height() >= banner.layout().totalHeightForWidth(banner.width()))
    banner.grab().save(str(tmp_path / "banner-large.png"))
    text = banner.text
    assert long_name in text.text()
    assert text.heightForWidth(text.width()) > text.fontMetrics().height()  # it wraps
    assert text.height() >= text.heightForWidth(text.width())  # no line cut off
    assert banner.rect().contains(text.geometry())
    for widget in (banner.title, banner.start_button, banner.snooze_button):
        hint = widget.sizeHint()
        assert widget.width() >= hint.width() and widget.height() >= hint.height()
