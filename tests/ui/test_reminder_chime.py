"""The reminder's chime: once when a reminder falls due with the sound on (again after a
snooze), never with it off, and silent without error where QtMultimedia cannot load."""

from __future__ import annotations

import pytest

from coach.domain.clock import ManualClock
from coach.domain.reminders import Snooze
from coach.services.settings import REMINDER_SOUND
from coach.ui.main_window import MainWindow
from coach.ui.player import sounds


class FakeEffect:
    def __init__(self) -> None:
        self.plays = 0

    def play(self) -> None:
        self.plays += 1


@pytest.fixture
def effect(monkeypatch: pytest.MonkeyPatch) -> FakeEffect:
    fake = FakeEffect()
    monkeypatch.setattr(
        sounds, "sound_effects", lambda volume, parent, kinds: (dict.fromkeys(kinds, fake), "")
    )
    return fake


@pytest.mark.usefixtures("back_routine")
def test_a_due_reminder_chimes_once_and_again_after_a_snooze(
    main_window: MainWindow, effect: FakeEffect, clock: ManualClock
) -> None:
    assert main_window.notifications is None  # no session bus in the tests: the chime is ours
    main_window.reminders.refresh()
    assert main_window.reminder_banner.isVisible()
    assert effect.plays == 1
    main_window.reminders.changed.emit()  # still the same reminder
    assert effect.plays == 1
    main_window.reminders.snooze(Snooze.QUARTER_HOUR)
    clock.advance(15 * 60)
    main_window.reminders.refresh()
    assert effect.plays == 2


@pytest.mark.usefixtures("back_routine")
def test_no_chime_with_the_sound_off(main_window: MainWindow, effect: FakeEffect) -> None:
    main_window.ui.app.settings.set(REMINDER_SOUND, False)
    main_window.reminders.refresh()
    assert main_window.reminder_banner.isVisible()
    assert effect.plays == 0


@pytest.mark.usefixtures("back_routine")
def test_without_qt_multimedia_the_banner_still_comes(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sounds, "sound_effects", lambda volume, parent, kinds: ({}, "no audio support")
    )
    main_window.reminders.refresh()
    assert main_window.reminder_banner.isVisible()
    assert main_window.reminder_chime.played == 1  # asked for, and nothing to play it with
