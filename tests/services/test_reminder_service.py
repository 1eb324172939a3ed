"""Reminders from the store: what is logged counts them down, snooze is kept, a therapist's
copy has none, and the choices are checked as a whole."""

from __future__ import annotations

from datetime import time

import pytest

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role, ValidationError
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import ReminderRules, Snooze
from coach.domain.session_engine import ExerciseDone, SessionEngine, SessionSettings
from coach.domain.symptoms import SymptomRegion
from coach.services.context import AppContext
from coach.services.reminders import ReminderChoices

QUICK = SessionSettings(get_ready_s=0, switch_side_s=1, next_exercise_s=0)
PRESS_UP = ProgrammeItem("prone-press-up", Dosage(reps=2, move_s=1, return_s=1, times_per_day=3))
BRIDGE = ProgrammeItem("bridge", Dosage(reps=2, move_s=1, return_s=1))


def programme(context: AppContext, *items: ProgrammeItem) -> int:
    value = Programme(
        uid="", name="Morning", start_date=context.own_patient().programmes.today(), items=items
    )
    return context.own_patient().programmes.create(value)[0]


def do_session(context: AppContext, programme_id: int, clock: ManualClock) -> None:
    plan = context.own_patient().sessions.plan(programme_id)
    assert plan is not None
    session_id, _ = context.own_patient().sessions.start(plan, None, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, QUICK)
    while not engine.is_finished:
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                context.own_patient().sessions.log_exercise(session_id, event.record)
        clock.advance(min(0.5, engine.remaining_seconds_in_step))
    context.own_patient().sessions.finish(
        session_id, stopped=False, pain_after=None, effort="same", note=""
    )


def test_a_session_done_moves_the_reminder_on(patient: AppContext, clock: ManualClock) -> None:
    mine = patient.own_patient()
    programme_id = programme(patient, PRESS_UP, BRIDGE)  # press-ups 3 a day: 3 reminders
    [due] = mine.reminders.due()  # 15:30 UTC: the 10:10 session is overdue
    assert (due.programme_id, due.name, due.session, due.sessions) == (
        programme_id,
        "Morning",
        0,
        3,
    )
    do_session(patient, programme_id, clock)
    assert mine.reminders.due() == []
    [upcoming] = mine.reminders.upcoming()
    assert upcoming.session == 1
    assert f"{upcoming.at:%H:%M}" == "19:50"  # a gap (4 h 20) after the session, done 15:30


def test_nothing_active_means_no_reminders(patient: AppContext) -> None:
    assert patient.own_patient().reminders.upcoming() == []


def test_snooze_is_kept_in_the_settings(patient: AppContext, clock: ManualClock) -> None:
    mine = patient.own_patient()
    programme(patient, PRESS_UP)
    assert mine.reminders.snooze(Snooze.QUARTER_HOUR)
    assert mine.reminders.due() == []
    assert f"{mine.reminders.snoozed_until():%H:%M}" == "15:45"
    clock.advance(15 * 60)
    assert len(mine.reminders.due()) == 1
    mine.reminders.snooze(Snooze.TOMORROW)
    assert mine.reminders.upcoming() == []


def test_a_therapists_copy_and_a_switched_off_one_remind_nobody(patient: AppContext) -> None:
    mine = patient.own_patient()
    programme(patient, PRESS_UP)
    choices = mine.reminders.choices()
    mine.reminders.configure(ReminderChoices(False, choices.rules, choices.sound))
    assert mine.reminders.upcoming() == []
    mine.reminders.configure(choices)
    assert mine.reminders.upcoming() != []
    patient.profile.update(name="Robin", role=Role.THERAPIST, timezone="UTC")
    assert mine.reminders.upcoming() == []


def test_choices_round_trip(patient: AppContext) -> None:
    mine = patient.own_patient()
    assert mine.reminders.choices() == ReminderChoices(True, ReminderRules(), True)
    chosen = ReminderChoices(
        True,
        ReminderRules(time(7, 30), time(22), frozenset({6}), time(12), time(13, 30)),
        False,
    )
    assert mine.reminders.configure(chosen)
    assert mine.reminders.choices() == chosen
    assert not mine.reminders.configure(chosen)  # nothing changed, nothing to publish
    with pytest.raises(ValidationError) as err:
        ReminderChoices(True, ReminderRules(time(22), time(7)), True)
    assert err.value.field == "reminders.wake"
