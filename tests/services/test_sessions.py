"""Session logging: plan next to actual, partial and skipped exercises, symptom responses,
crash recovery, today's progress and this week's adherence."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage, Sides
from coach.domain.profile import ValidationError
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.session_engine import (
    ExerciseDone,
    ExerciseRecord,
    SessionEngine,
    SessionSettings,
)
from coach.domain.symptoms import Response, SymptomRegion
from coach.services.context import AppContext
from coach.services.sessions import PlannedSession, SessionService, log_fraction
from coach.store.progress_queries import log_credit
from coach.store.schema import exercise_log

QUICK = SessionSettings(get_ready_s=0, switch_side_s=1, next_exercise_s=0)
PRESS_UP = ProgrammeItem(
    "prone-press-up", Dosage(sets=1, reps=3, hold_s=2, move_s=1, return_s=1, times_per_day=3)
)
BRIDGE = ProgrammeItem(
    "bridge", Dosage(sets=2, reps=2, hold_s=1, rest_s=5, move_s=1, return_s=1, times_per_day=1)
)


def programme(context: AppContext, *items: ProgrammeItem, start: date | None = None) -> int:
    value = Programme(
        uid="",
        name="Morning",
        start_date=start or context.own_patient().programmes.today(),
        items=items,
    )
    return context.own_patient().programmes.create(value)[0]


def plan_of(context: AppContext, programme_id: int) -> PlannedSession:
    plan = context.own_patient().sessions.plan(programme_id)
    assert plan is not None
    return plan


def advance(engine: SessionEngine, clock: ManualClock, seconds: float) -> list[ExerciseRecord]:
    """Let time pass in half-second ticks, as a running player does (a jump is a stall);
    returns the exercises reported meanwhile."""
    reported = []
    while seconds > 1e-9:
        clock.advance(min(0.5, seconds))
        seconds -= 0.5
        reported += [e.record for e in engine.tick() if isinstance(e, ExerciseDone)]
    return reported


def run(
    sessions: SessionService, session_id: int, engine: SessionEngine, clock: ManualClock
) -> list[int]:
    """Run the engine to its end, logging each exercise as the player does."""
    log_ids = []
    while True:
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                log_ids.append(sessions.log_exercise(session_id, event.record)[0])
        if engine.is_finished:
            return log_ids
        clock.advance(min(0.5, engine.remaining_seconds_in_step))


def test_plan_knows_the_items_and_which_ask_about_symptoms(patient: AppContext) -> None:
    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    assert [item.exercise_id for item in plan.items] == ["prone-press-up", "bridge"]
    assert [item.tracks_symptoms for item in plan.items] == [True, False]
    assert plan.regions == (SymptomRegion.LUMBAR, None)
    assert plan.symptom_regions == (SymptomRegion.LUMBAR,)
    assert [item.static for item in plan.items] == [False, False]
    lying = ProgrammeItem("prone-lying", Dosage(sets=1, reps=1, hold_s=120))
    [held] = plan_of(patient, programme(patient, lying)).items
    assert held.static and held.holds_only  # one pose only: the hold alone
    assert not plan.neck


def test_a_whole_session_logs_planned_next_to_done(patient: AppContext, clock: ManualClock) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    session_id, changes = sessions.start(plan, 5, {SymptomRegion.LUMBAR: 3})
    assert changes
    engine = SessionEngine(plan.items, clock, QUICK)
    run(sessions, session_id, engine, clock)
    sessions.finish(session_id, stopped=False, pain_after=3, effort="easier", note=" fine ")

    stored = sessions.session(session_id)
    assert stored is not None
    assert (stored.status, stored.pain_before, stored.pain_after) == ("completed", 5, 3)
    assert (stored.symptom_region, stored.symptoms_before, stored.effort) == ("lumbar", 3, "easier")
    assert stored.note == "fine"
    assert stored.local_day == date(2026, 3, 11)
    logs = sessions.logs(session_id)
    assert [(log.exercise_id, log.status) for log in logs] == [
        ("prone-press-up", "done"),
        ("bridge", "done"),
    ]
    press, bridge = logs
    assert (press.planned_sets, press.planned_reps, press.planned_hold_s) == (1, 3, 2.0)
    assert (press.done_sets, press.done_reps, press.done_hold_s) == (1, 3, 2.0)
    assert (bridge.planned_sets, bridge.done_sets, bridge.done_reps) == (2, 2, 4)
    assert press.item_id == plan.items[0].key
    assert press.ended_at > press.started_at
    assert press.local_day == date(2026, 3, 11)


def test_skip_and_stop_log_skipped_and_partial(patient: AppContext, clock: ManualClock) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    session_id, _ = sessions.start(plan, None, {SymptomRegion.LUMBAR: 2})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    engine.skip_exercise()
    reported = advance(engine, clock, 3)  # move, hold, return of the bridge's first repetition
    engine.next_step()  # the second move cut short, then stopped
    engine.stop()
    reported += [e.record for e in engine.tick() if isinstance(e, ExerciseDone)]
    for record in reported:
        sessions.log_exercise(session_id, record)
    sessions.finish(session_id, stopped=True)
    logs = sessions.logs(session_id)
    assert [(log.status, log.done_sets, log.done_reps, log.done_hold_s) for log in logs] == [
        ("skipped", 0, 0, 0),
        ("partial", 0, 1, 1.0),
    ]
    stored = sessions.session(session_id)
    assert stored is not None and stored.status == "stopped"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (4, 2, Response.CENTRALIZED),
        (2, 2, Response.UNCHANGED),
        (2, 4, Response.PERIPHERALIZED),
    ],
)
def test_symptom_responses_are_recorded(
    patient: AppContext, clock: ManualClock, before: int, after: int, expected: Response
) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP))
    session_id, _ = sessions.start(plan, 4, {SymptomRegion.LUMBAR: before})
    [log_id] = run(sessions, session_id, SessionEngine(plan.items, clock, QUICK), clock)
    found, _ = sessions.record_symptoms(log_id, SymptomRegion.LUMBAR, before, after)
    assert found == expected
    [row] = sessions.symptoms(session_id)
    assert (row.log_id, row.region, row.level_before, row.level_after, row.response) == (
        log_id,
        "lumbar",
        before,
        after,
        expected.value,
    )


def test_bad_values_are_refused(patient: AppContext) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP))
    with pytest.raises(ValidationError) as missing:
        sessions.start(plan, 3, {})
    assert missing.value.field == "symptoms_before"
    with pytest.raises(ValidationError):
        sessions.start(plan, 11, {SymptomRegion.LUMBAR: 1})
    session_id, _ = sessions.start(plan, 3, {SymptomRegion.LUMBAR: 1})
    with pytest.raises(ValidationError):
        sessions.finish(session_id, stopped=False, effort="much")
    with pytest.raises(ValidationError):
        sessions.record_symptoms(1, SymptomRegion.LUMBAR, 2, 6)


def test_a_crashed_session_reopens_as_stopped_with_what_it_logged(
    patient: AppContext, clock: ManualClock
) -> None:
    mine = patient.own_patient()
    from coach.app import build_context

    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    session_id, _ = mine.sessions.start(plan, 6, {SymptomRegion.LUMBAR: 3})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    logged = None
    while logged is None:
        clock.advance(0.5)
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                logged = event.record
                mine.sessions.log_exercise(session_id, event.record)
    clock.advance(3)  # the bridge is under way when the process dies
    # Its own process leaves it alone: that session is still running.
    assert not mine.sessions.recover_interrupted()
    assert patient.paths is not None
    reopened = build_context(patient.paths.root, clock=clock)
    try:
        assert reopened.own_patient().sessions.recover_interrupted()
        stored = reopened.own_patient().sessions.session(session_id)
        assert stored is not None
        assert stored.status == "stopped"
        assert stored.ended_at == logged.ended_at
        assert [log.exercise_id for log in reopened.own_patient().sessions.logs(session_id)] == [
            "prone-press-up"
        ]
        assert not reopened.own_patient().sessions.recover_interrupted()
    finally:
        reopened.close(backup=False)


def test_todays_progress_counts_partials_by_the_work_done(
    patient: AppContext, clock: ManualClock
) -> None:
    mine = patient.own_patient()
    sessions = mine.sessions
    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    session_id, _ = sessions.start(plan, 4, {SymptomRegion.LUMBAR: 2})
    engine = SessionEngine(plan.items, clock, QUICK)
    run(sessions, session_id, engine, clock)
    sessions.finish(session_id, stopped=False)
    # A second session: the press-up in full, then one of the bridge's two sets.
    session_id, _ = sessions.start(plan, 3, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    while engine.current_step.kind != "rest":
        clock.advance(min(0.5, engine.remaining_seconds_in_step))
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                sessions.log_exercise(session_id, event.record)
    engine.stop()
    for event in engine.tick():
        if isinstance(event, ExerciseDone):
            sessions.log_exercise(session_id, event.record)
    sessions.finish(session_id, stopped=True)

    progress = sessions.progress_on()
    assert [(p.name, p.done, p.target) for p in progress] == [
        ("Press-up lying face down", 2.0, 3),
        ("Bridge", 1.5, 1),
    ]
    assert [p.text for p in progress] == ["2 of 3 sessions done", "1 of 1 session done"]
    # The progress page's adherence agrees: capped per item, so the bridge's extra half does
    # not make up for the press-up.
    today = mine.progress.adherence(sessions.today(), sessions.today())
    assert today is not None
    assert (today.prescribed, today.done) == (4, 3.0)
    # A third session stopped after one of the press-up's three holds.
    session_id, _ = sessions.start(plan, 3, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    advance(engine, clock, 4)
    engine.stop()
    for event in engine.tick():
        if isinstance(event, ExerciseDone):
            sessions.log_exercise(session_id, event.record)
    sessions.finish(session_id, stopped=True)
    press = sessions.progress_on()[0]
    assert (press.full, press.partly, press.done) == (2, 1, pytest.approx(2 + 1 / 3))
    assert press.text == "2 of 3 sessions done, 1 partly"
    today = mine.progress.adherence(sessions.today(), sessions.today())
    assert today is not None
    assert today.done == pytest.approx(3 + 1 / 3)
    # Whole counts beside the credit: the bridge's extra half is no extra session.
    assert (today.full, today.partly, today.sessions) == (3, 1, 4)
    # The SQL credit and the domain's definition agree row by row.
    with patient.db.read() as conn:
        by_sql = dict(conn.execute(select(exercise_log.c.id, log_credit())).all())
    logged = [log for day_logs in [sessions.logs(i) for i in range(1, 4)] for log in day_logs]
    assert {log.id: log_fraction(log) for log in logged} == pytest.approx(by_sql)


def test_a_skipped_exercise_earns_nothing(patient: AppContext, clock: ManualClock) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP))
    session_id, _ = sessions.start(plan, 3, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    for _ in range(3):  # through one whole repetition without doing it, then skip the rest
        engine.next_step()
    engine.skip_exercise()
    for event in engine.tick():
        if isinstance(event, ExerciseDone):
            sessions.log_exercise(session_id, event.record)
    [log] = sessions.logs(session_id)
    assert (log.status, log.done_reps) == ("skipped", 0)
    assert sessions.progress_on()[0].done == 0.0


def test_a_reopened_exercise_rewrites_its_row(patient: AppContext, clock: ManualClock) -> None:
    sessions = patient.own_patient().sessions
    plan = plan_of(patient, programme(patient, PRESS_UP, BRIDGE))
    session_id, _ = sessions.start(plan, 3, {SymptomRegion.LUMBAR: 1})
    engine = SessionEngine(plan.items, clock, QUICK)
    engine.tick()
    advance(engine, clock, 4)  # one press-up
    engine.skip_exercise()
    [skipped] = [e.record for e in engine.tick() if isinstance(e, ExerciseDone)]
    log_id, _ = sessions.log_exercise(session_id, skipped)
    engine.previous_step()  # back into the press-up, where it was left
    ended: list[ExerciseRecord] = []
    for _ in range(40):
        clock.advance(0.5)
        ended += [e.record for e in engine.tick() if isinstance(e, ExerciseDone)]
        if ended:
            break
    assert sessions.log_exercise(session_id, ended[0], replaces=log_id)[0] == log_id
    [log] = sessions.logs(session_id)
    assert (log.id, log.status, log.done_reps, log.done_hold_s) == (log_id, "done", 3, 2.0)


def test_the_red_flag_check_holds_for_one_local_day(
    patient: AppContext, clock: ManualClock
) -> None:
    sessions = patient.own_patient().sessions
    assert not sessions.red_flag_check_done()
    assert sessions.mark_red_flag_check_done()
    assert sessions.red_flag_check_done()
    clock.advance(24 * 3600)
    assert not sessions.red_flag_check_done()


def test_sides_count_in_the_log(patient: AppContext, clock: ManualClock) -> None:
    mine = patient.own_patient()
    both = ProgrammeItem(
        "bridge", Dosage(sets=1, reps=2, hold_s=1, move_s=1, return_s=1, sides=Sides.BOTH)
    )
    plan = plan_of(patient, programme(patient, both))
    session_id, _ = mine.sessions.start(plan, 2)
    run(mine.sessions, session_id, SessionEngine(plan.items, clock, QUICK), clock)
    [log] = mine.sessions.logs(session_id)
    assert (log.planned_reps, log.planned_sides, log.done_reps, log.done_sets) == (
        2,
        Sides.BOTH,
        4,
        1,
    )
    assert mine.sessions.progress_on()[0].done == 1.0
