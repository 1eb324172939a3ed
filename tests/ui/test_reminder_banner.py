"""The reminder banner in the main window: shown when a session is due, "Start now" opens the
pre-session check, "Snooze" hides it until the snooze ends, and it goes once the session is
done."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import Snooze
from coach.services.settings import SESSION_SOUND
from coach.ui.context import UiContext
from coach.ui.main_window import MainWindow
from coach.ui.pages.today import TodayPage

PRESS_UP = ProgrammeItem("prone-press-up", Dosage(reps=10, hold_s=2, times_per_day=3))
RETRACTION = ProgrammeItem("chin-tuck-sitting", Dosage(reps=10, hold_s=2))


def add_programme(ui: UiContext, name: str, item: ProgrammeItem) -> int:
    app = ui.app
    programme_id, changes = app.programmes.create(
        Programme(uid="", name=name, start_date=app.programmes.today(), items=(item,))
    )
    ui.apply(changes)
    return programme_id


@pytest.fixture
def window(qtbot: QtBot, ui: UiContext) -> Iterator[MainWindow]:
    ui.app.settings.set(SESSION_SOUND, False)
    built = MainWindow(ui)
    qtbot.addWidget(built)
    with qtbot.waitSignal(built.first_painted, timeout=5000):
        built.show()
    yield built
    today = built.page("today")
    assert isinstance(today, TodayPage)
    if today.player is not None:
        today.player.close()


def test_hidden_while_nothing_is_due(window: MainWindow) -> None:
    window.reminders.refresh()
    assert not window.reminder_banner.isVisible()


def test_start_now_opens_the_pre_session_check(
    window: MainWindow, ui: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    programme_id = add_programme(ui, "Back routine", PRESS_UP)
    window.show_page(1)  # away from Today: Start now must bring it back
    window.reminders.refresh()
    banner = window.reminder_banner
    assert banner.isVisible()
    assert banner.text.text() == "Back routine: session 1 of 3 today."
    banner.grab().save(str(tmp_path / "banner.png"))
    qtbot.mouseClick(banner.start_button, Qt.MouseButton.LeftButton)
    today = window.page("today")
    assert isinstance(today, TodayPage)
    assert window.stack.currentWidget() is today
    assert today.player is not None and today.player.isVisible()
    assert today.player.stack.currentWidget() is today.player.precheck
    assert today.player.plan.programme.id == programme_id


def test_snooze_hides_it_until_the_snooze_ends(
    window: MainWindow, ui: UiContext, clock: ManualClock
) -> None:
    add_programme(ui, "Back routine", PRESS_UP)
    window.reminders.refresh()
    banner = window.reminder_banner
    assert banner.isVisible()
    assert [a.text() for a in banner.snooze_menu.actions()] == [
        "For 15 minutes",
        "For 1 hour",
        "Until tomorrow",
    ]
    banner.snooze_actions[Snooze.QUARTER_HOUR].trigger()
    assert not banner.isVisible()  # the published snooze refreshed the watch
    clock.advance(14 * 60)
    window.reminders.refresh()
    assert not banner.isVisible()
    clock.advance(60)
    window.reminders.refresh()
    assert banner.isVisible()
    banner.snooze_actions[Snooze.TOMORROW].trigger()
    assert not banner.isVisible()


def test_two_programmes_due_ask_which_to_start(window: MainWindow, ui: UiContext) -> None:
    add_programme(ui, "Back routine", PRESS_UP)
    neck = add_programme(ui, "Neck", RETRACTION)
    window.reminders.refresh()
    banner = window.reminder_banner
    assert banner.text.text() == "Back routine: session 1 of 3 today; Neck: today's session."
    menu = banner.start_button.menu()
    assert menu is not None
    [back, neck_action] = menu.actions()
    assert (back.text(), neck_action.text()) == ("Back routine", "Neck")
    neck_action.trigger()
    today = window.page("today")
    assert isinstance(today, TodayPage)
    assert today.player is not None and today.player.plan.programme.id == neck


def test_a_therapists_copy_shows_no_banner(window: MainWindow, ui: UiContext) -> None:
    add_programme(ui, "Back routine", PRESS_UP)
    ui.apply(ui.app.profile.update(name="Robin", role=Role.THERAPIST, timezone="UTC"))
    window.reminders.refresh()
    assert not window.reminder_banner.isVisible()
