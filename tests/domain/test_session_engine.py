"""The session step engine: expansion, timing on a fake clock, controls and what gets reported."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage, Sides
from coach.domain.exercise import Phase
from coach.domain.profile import ValidationError
from coach.domain.session_engine import (
    CueDue,
    CueKind,
    Event,
    ExerciseDone,
    Outcome,
    PausedAfterGap,
    SecondsLeft,
    SessionDone,
    SessionEngine,
    SessionItem,
    SessionSettings,
    Side,
    Step,
    StepKind,
    StepStarted,
    estimate_seconds,
    expand,
    phase_progress,
    pose_blend,
)

# The same instant as tests/conftest.py's clock fixture.
START = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


def item(name: str = "Bridge", key: int | None = 1, **dosage: Any) -> SessionItem:
    return SessionItem(key, name.lower(), name, Dosage(**dosage))


def kinds(steps: tuple[Step, ...]) -> list[StepKind]:
    return [step.kind for step in steps]


def run(
    engine: SessionEngine, clock: ManualClock, stride: float = 1.0
) -> list[tuple[float, Event]]:
    """Tick to the end, never jumping past a deadline, and stamp each event with its tick time."""
    stamped = [(clock.monotonic(), event) for event in engine.tick()]
    while not engine.is_finished:
        clock.advance(min(stride, engine.remaining_seconds_in_step))
        stamped.extend((clock.monotonic(), event) for event in engine.tick())
    return stamped


def advance(engine: SessionEngine, clock: ManualClock, seconds: float) -> list[Event]:
    """Let time pass in half-second ticks, as a running player would."""
    events: list[Event] = []
    while seconds > 1e-9:
        stride = min(0.5, seconds)
        clock.advance(stride)
        seconds -= stride
        events.extend(engine.tick())
    return events


def started(events: list[Event]) -> list[Step]:
    return [event.step for event in events if isinstance(event, StepStarted)]


def records(events: list[Event]) -> list[ExerciseDone]:
    return [event for event in events if isinstance(event, ExerciseDone)]


# -- expansion -------------------------------------------------------------------------------


def test_no_sides_runs_sets_of_move_hold_return_with_rests_between() -> None:
    steps = expand([item(sets=2, reps=3, hold_s=5, rest_s=20)])
    rep = [StepKind.MOVE, StepKind.HOLD, StepKind.RETURN]
    assert kinds(steps) == [
        StepKind.GET_READY,
        *rep * 3,
        StepKind.REST,
        *rep * 3,
        StepKind.DONE,
    ]
    assert steps[1].label == "Rep 1 of 3 · Set 1 of 2"
    assert steps[-2].label == "Rep 3 of 3 · Set 2 of 2"
    assert all(step.side is None for step in steps)


def test_both_sides_does_every_set_on_the_left_then_switches_to_the_right() -> None:
    steps = expand([item(sets=2, reps=2, hold_s=0, rest_s=15, sides=Sides.BOTH)])
    moves = [step for step in steps if step.kind == StepKind.MOVE]
    assert [(m.set_number, m.rep_number, m.side) for m in moves] == [
        (1, 1, Side.LEFT),
        (1, 2, Side.LEFT),
        (2, 1, Side.LEFT),
        (2, 2, Side.LEFT),
        (1, 1, Side.RIGHT),
        (1, 2, Side.RIGHT),
        (2, 1, Side.RIGHT),
        (2, 2, Side.RIGHT),
    ]
    breaks = [step for step in steps if not step.is_rep and step.kind != StepKind.GET_READY]
    assert [b.kind for b in breaks] == [
        StepKind.REST,
        StepKind.SWITCH_SIDE,
        StepKind.REST,
        StepKind.DONE,
    ]
    switch = breaks[1]
    assert switch.title == "Switch to your right side"
    assert switch.side == Side.RIGHT
    assert switch.duration == SessionSettings().switch_side_s
    assert moves[0].label == "Rep 1 of 2 · Set 1 of 2 · Left side"
    assert moves[4].label == "Rep 1 of 2 · Set 1 of 2 · Right side"


def test_alternate_takes_turns_rep_by_rep_and_counts_reps_per_side() -> None:
    steps = expand([item(sets=2, reps=2, hold_s=3, rest_s=10, sides=Sides.ALTERNATE)])
    moves = [step for step in steps if step.kind == StepKind.MOVE]
    assert [(m.set_number, m.rep_number, m.side) for m in moves] == [
        (1, 1, Side.LEFT),
        (1, 1, Side.RIGHT),
        (1, 2, Side.LEFT),
        (1, 2, Side.RIGHT),
        (2, 1, Side.LEFT),
        (2, 1, Side.RIGHT),
        (2, 2, Side.LEFT),
        (2, 2, Side.RIGHT),
    ]
    assert kinds(steps).count(StepKind.REST) == 1
    assert StepKind.SWITCH_SIDE not in kinds(steps)
    assert moves[1].label == "Rep 1 of 2 · Set 1 of 2 · Right side"


@pytest.mark.parametrize(("sides", "side"), [(Sides.LEFT, Side.LEFT), (Sides.RIGHT, Side.RIGHT)])
def test_one_sided_exercises_stay_on_their_side(sides: Sides, side: Side) -> None:
    steps = expand([item(sets=1, reps=4, hold_s=2, sides=sides)])
    reps = [step for step in steps if step.is_rep]
    assert len(reps) == 4 * 3
    assert {step.side for step in reps} == {side}
    assert reps[0].label == f"Rep 1 of 4 · {side.value.capitalize()} side"
    assert StepKind.SWITCH_SIDE not in kinds(steps)
    assert StepKind.REST not in kinds(steps)


def test_reps_without_a_hold_follow_the_tempo() -> None:
    steps = expand([item(sets=1, reps=2, hold_s=0, move_s=1.5, return_s=3)])
    assert [(s.kind, s.duration) for s in steps if s.is_rep] == [
        (StepKind.MOVE, 1.5),
        (StepKind.RETURN, 3.0),
        (StepKind.MOVE, 1.5),
        (StepKind.RETURN, 3.0),
    ]
    assert [s.phase for s in steps[1:3]] == [Phase.MOVE, Phase.RETURN]


def test_rest_comes_between_sets_only() -> None:
    three = expand([item(sets=3, reps=1, hold_s=1, rest_s=30)])
    assert kinds(three).count(StepKind.REST) == 2
    # The last set ends the exercise: no rest after it.
    assert kinds(three)[-2] == StepKind.RETURN
    assert StepKind.REST not in kinds(expand([item(sets=1, reps=5, rest_s=30)]))
    assert StepKind.REST not in kinds(expand([item(sets=3, reps=5, rest_s=0)]))


def test_exercises_are_joined_by_a_next_exercise_step_and_coming_next_says_what_follows() -> None:
    steps = expand(
        [item("Bridge", sets=2, reps=1, rest_s=20), item("Cat-camel", key=2, reps=1)],
        SessionSettings(get_ready_s=7, next_exercise_s=12),
    )
    assert steps[0].kind == StepKind.GET_READY
    assert steps[0].duration == 7
    assert steps[0].coming_next == "Set 1 of 2"
    assert steps[1].coming_next == "Come back"
    assert steps[2].coming_next == "Rest 20 s"
    lead_in = next(s for s in steps if s.kind == StepKind.NEXT_EXERCISE)
    assert (lead_in.duration, lead_in.item_index, lead_in.phase) == (12, 1, Phase.READY)
    assert steps[lead_in.index - 1].coming_next == "Cat-camel"
    assert steps[-2].coming_next == "Finish"
    assert steps[-1].kind == StepKind.DONE
    assert steps[-1].duration == 0


def test_offsets_are_the_running_sum_of_durations() -> None:
    steps = expand([item(sets=2, reps=3, hold_s=4, rest_s=10, sides=Sides.BOTH)])
    total = 0.0
    for index, step in enumerate(steps):
        assert step.index == index
        assert step.offset == pytest.approx(total)
        total += step.duration
    assert estimate_seconds([item(sets=2, reps=3, hold_s=4, rest_s=10, sides=Sides.BOTH)]) == (
        pytest.approx(total)
    )


def test_an_empty_session_lasts_nothing_and_cannot_be_run(clock: ManualClock) -> None:
    assert estimate_seconds([]) == 0
    with pytest.raises(ValueError, match="at least one"):
        SessionEngine([], clock)


def test_settings_reject_impossible_values() -> None:
    with pytest.raises(ValidationError) as caught:
        SessionSettings(get_ready_s=-1)
    assert caught.value.field == "get_ready_s"
    with pytest.raises(ValidationError):
        SessionSettings(stall_s=0)


# -- running ---------------------------------------------------------------------------------


def test_a_full_run_takes_exactly_the_estimated_time(clock: ManualClock) -> None:
    items = [
        item("Bridge", sets=2, reps=3, hold_s=2.5, rest_s=20, sides=Sides.BOTH),
        item("Bird dog", key=2, sets=1, reps=2, hold_s=5, sides=Sides.ALTERNATE),
        item("Cat-camel", key=3, sets=2, reps=3, hold_s=0, move_s=1.5, rest_s=10),
    ]
    begin = clock.monotonic()
    engine = SessionEngine(items, clock)
    stamped = run(engine, clock)
    done_at = [when for when, event in stamped if isinstance(event, SessionDone)]
    assert done_at == [pytest.approx(begin + estimate_seconds(items))]
    # Every step started at its planned offset: no drift accumulates.
    for when, event in stamped:
        if isinstance(event, StepStarted):
            assert when == pytest.approx(begin + event.step.offset)
    assert [e.record.outcome for _, e in stamped if isinstance(e, ExerciseDone)] == [
        Outcome.DONE
    ] * 3
    assert engine.progress == 1.0


def test_late_ticks_catch_up_from_the_deadlines_not_from_the_tick(clock: ManualClock) -> None:
    items = [item(sets=1, reps=3, hold_s=0.5, move_s=0.5, return_s=0.5)]
    options = SessionSettings(get_ready_s=1)
    begin = clock.monotonic()
    engine = SessionEngine(items, clock, options)
    engine.tick()
    # One tick arrives 1.8 s later (a busy GUI thread, still short of a stall) after several
    # steps have ended: the engine lands where the plan says, not 1.8 s behind.
    clock.advance(1.8)
    events = engine.tick()
    assert [step.kind for step in started(events)] == [StepKind.MOVE, StepKind.HOLD]
    assert engine.current_step.offset == 1.5
    assert engine.seconds_into_step == pytest.approx(0.3)
    assert not engine.is_paused
    stamped = run(engine, clock)
    end = next(when for when, event in stamped if isinstance(event, SessionDone))
    assert end == pytest.approx(begin + estimate_seconds(items, options))


def test_countdown_sends_each_whole_second_once(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=4)], clock)
    first = engine.tick()
    assert [e.seconds for e in first if isinstance(e, SecondsLeft)] == [5]
    events = []
    for _ in range(20):  # ticks every 0.25 s through the 5 s get-ready
        clock.advance(0.25)
        events.extend(engine.tick())
    counts = [(e.step.kind, e.seconds) for e in events if isinstance(e, SecondsLeft)]
    assert counts == [
        (StepKind.GET_READY, 4),
        (StepKind.GET_READY, 3),
        (StepKind.GET_READY, 2),
        (StepKind.GET_READY, 1),
        (StepKind.MOVE, 2),
    ]


def test_cues_mark_each_phase_and_tick_the_last_three_seconds(clock: ManualClock) -> None:
    items = [item(sets=2, reps=1, hold_s=5, rest_s=4, move_s=2, return_s=2)]
    engine = SessionEngine(items, clock, SessionSettings(get_ready_s=2))
    cues = [
        (round(when - 1000.0, 3), event.kind, event.step.kind)
        for when, event in run(engine, clock, stride=0.5)
        if isinstance(event, CueDue)
    ]
    tick = CueKind.TICK
    assert cues == [
        # The 2 s get-ready counts down like a rest: one tick with 1 s to go.
        (1.0, tick, StepKind.GET_READY),
        (2.0, CueKind.START, StepKind.MOVE),
        (4.0, CueKind.HOLD, StepKind.HOLD),
        # The hold runs 4..9: ticks when 3, 2 and 1 seconds are left.
        (6.0, tick, StepKind.HOLD),
        (7.0, tick, StepKind.HOLD),
        (8.0, tick, StepKind.HOLD),
        (9.0, CueKind.RELEASE, StepKind.RETURN),
        (11.0, CueKind.REST, StepKind.REST),
        (12.0, tick, StepKind.REST),
        (13.0, tick, StepKind.REST),
        (14.0, tick, StepKind.REST),
        (15.0, CueKind.START, StepKind.MOVE),
        (17.0, CueKind.HOLD, StepKind.HOLD),
        (19.0, tick, StepKind.HOLD),
        (20.0, tick, StepKind.HOLD),
        (21.0, tick, StepKind.HOLD),
        (22.0, CueKind.RELEASE, StepKind.RETURN),
        (24.0, CueKind.DONE, StepKind.DONE),
    ]


def test_pause_shifts_the_deadline_by_the_time_paused(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=10)], clock)
    advance(engine, clock, 5 + 2 + 4)  # 4 s into the 10 s hold
    assert engine.current_step.kind == StepKind.HOLD
    engine.pause()
    assert engine.is_paused
    events = advance(engine, clock, 30)
    assert started(events) == []
    assert [e for e in events if isinstance(e, SecondsLeft)] == []
    assert engine.remaining_seconds_in_step == pytest.approx(6)
    assert engine.progress == pytest.approx((5 + 2 + 4) / 19)
    engine.resume()
    assert not engine.is_paused
    assert engine.remaining_seconds_in_step == pytest.approx(6)
    events = advance(engine, clock, 5.5)
    assert started(events) == []
    events = advance(engine, clock, 0.5)
    assert [step.kind for step in started(events)] == [StepKind.RETURN]
    run(engine, clock)
    assert engine.records[0].hold_s == pytest.approx(10)


def test_pause_and_resume_twice_are_harmless(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1)], clock)
    engine.pause()
    engine.pause()
    clock.advance(1)
    engine.resume()
    engine.resume()
    assert not engine.is_paused
    assert engine.remaining_seconds_in_step == pytest.approx(5)


def test_next_and_previous_step_move_within_the_exercise(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=2, hold_s=10)], clock)
    engine.tick()
    engine.next_step()
    assert [s.kind for s in started(engine.tick())] == [StepKind.MOVE]
    engine.next_step()
    events = engine.tick()
    assert [s.kind for s in started(events)] == [StepKind.HOLD]
    assert CueDue(CueKind.HOLD, engine.current_step) in events
    clock.advance(1.5)
    engine.tick()
    engine.previous_step()
    assert engine.current_step.kind == StepKind.MOVE
    assert engine.remaining_seconds_in_step == pytest.approx(2)
    engine.previous_step()
    engine.previous_step()  # at the exercise's first step: restart it
    assert engine.current_step == engine.steps[0]
    assert engine.remaining_seconds_in_step == pytest.approx(5)
    engine.tick()
    # The new step runs its full length from the moment of the key press.
    events = advance(engine, clock, 5)
    assert [s.kind for s in started(events)] == [StepKind.MOVE]


def test_back_from_an_exercise_start_reopens_the_one_before_and_reports_it_again(
    clock: ManualClock,
) -> None:
    engine = SessionEngine([item("A", reps=2), item("B", key=2, reps=1)], clock)
    advance(engine, clock, 5 + 4)  # A's first repetition
    engine.skip_exercise()
    (first,) = records(engine.tick())
    assert (first.record.outcome, first.record.reps_done) == (Outcome.PARTIAL, 1)
    assert engine.current_step.kind == StepKind.NEXT_EXERCISE
    engine.previous_step()
    # Back where A was skipped, with its first repetition kept.
    assert (engine.current_step.item_index, engine.current_step.rep_number) == (0, 2)
    assert engine.current_step.kind == StepKind.MOVE
    events = advance(engine, clock, 4)
    (again,) = records(events)
    assert (again.record.item_index, again.record.outcome) == (0, Outcome.DONE)
    assert again.record.reps_done == 2
    assert [r.outcome for r in engine.records] == [Outcome.DONE]  # the new report replaces


def test_back_after_an_exercise_ended_on_its_own_returns_to_its_last_step(
    clock: ManualClock,
) -> None:
    engine = SessionEngine([item("A", reps=1), item("B", key=2, reps=1)], clock)
    advance(engine, clock, 5 + 4)
    assert engine.current_step.kind == StepKind.NEXT_EXERCISE
    engine.previous_step()
    assert (engine.current_step.item_index, engine.current_step.kind) == (0, StepKind.RETURN)


def test_next_step_while_paused_stays_paused_with_the_full_step_ahead(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=8)], clock)
    engine.pause()
    engine.next_step()
    assert engine.is_paused
    assert engine.current_step.kind == StepKind.MOVE
    advance(engine, clock, 10)
    assert engine.current_step.kind == StepKind.MOVE
    assert engine.remaining_seconds_in_step == pytest.approx(2)


def test_stepping_through_reps_credits_nothing(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=2, hold_s=5)], clock)
    for _ in range(7):  # get ready, then move, hold, return twice
        engine.next_step()
    events = engine.tick()
    (done,) = records(events)
    assert done.record.outcome == Outcome.SKIPPED
    assert (done.record.reps_done, done.record.fraction, done.record.hold_s) == (0, 0, 0)
    assert isinstance(events[-1], SessionDone)


def test_a_hold_cut_short_earns_the_seconds_held(clock: ManualClock) -> None:
    engine = SessionEngine([item("Prone lying", reps=1, hold_s=120)], clock)
    advance(engine, clock, 5 + 2 + 15)  # get ready, the move, 15 s of the hold
    assert engine.current_step.kind == StepKind.HOLD
    engine.next_step()
    advance(engine, clock, 2)  # coming back
    (done,) = engine.records
    assert done.outcome == Outcome.PARTIAL
    assert (done.reps_done, done.hold_s, done.held_s) == (1, 15, 15)
    assert done.fraction == pytest.approx(15 / 120)


def test_moves_count_only_when_they_ran_their_course(clock: ManualClock) -> None:
    engine = SessionEngine([item("Cat-camel", reps=4, move_s=2, return_s=2)], clock)
    advance(engine, clock, 5 + 4 + 4)  # two repetitions
    engine.next_step()  # the third move cut short at once
    advance(engine, clock, 2 + 4)  # its return, then the fourth
    (done,) = engine.records
    assert (done.outcome, done.reps_done, done.fraction) == (Outcome.PARTIAL, 3, 0.75)


def test_a_both_sides_exercise_skipped_after_the_left_side_keeps_the_left(
    clock: ManualClock,
) -> None:
    engine = SessionEngine([item("Side plank", reps=2, hold_s=5, sides=Sides.BOTH)], clock)
    advance(engine, clock, 5 + 2 * 9)  # both left repetitions
    assert engine.current_step.kind == StepKind.SWITCH_SIDE
    assert engine.work_in_progress() is not None
    engine.skip_exercise()
    (done,) = engine.records
    assert (done.outcome, done.reps_done, done.full_sets) == (Outcome.PARTIAL, 2, 0)
    assert done.fraction == pytest.approx(0.5)


def test_work_in_progress_counts_the_hold_under_way(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=60)], clock)
    advance(engine, clock, 5 + 1)
    assert engine.work_in_progress() is None  # moving, nothing done yet
    advance(engine, clock, 1 + 20)
    now = engine.work_in_progress()
    assert now is not None and now.held_s == pytest.approx(20)
    assert engine.records == ()  # asking reports nothing


def test_a_static_hold_has_no_move_or_come_back_steps() -> None:
    lying = SessionItem(1, "prone-lying", "Prone lying", Dosage(reps=1, hold_s=120), static=True)
    steps = expand([lying])
    assert kinds(steps) == [StepKind.GET_READY, StepKind.HOLD, StepKind.DONE]
    assert steps[0].coming_next == "Hold 2:00"
    assert steps[1].label == ""
    moving = expand([item(reps=10, hold_s=2)])
    assert moving[0].coming_next == "Rep 1 of 10"
    bracing = SessionItem(2, "abdominal-bracing", "Bracing", Dosage(reps=2, hold_s=10), static=True)
    steps = expand([bracing])
    assert kinds(steps) == [
        StepKind.GET_READY,
        StepKind.HOLD,
        StepKind.REST,
        StepKind.HOLD,
        StepKind.DONE,
    ]
    assert (steps[2].title, steps[2].duration, steps[2].coming_next) == ("Relax", 2, "Rep 2 of 2")


def test_skip_exercise_reports_what_was_done_and_starts_the_next(clock: ManualClock) -> None:
    items = [item("Bridge", sets=2, reps=3, hold_s=2), item("Cat-camel", key=2, reps=2)]
    engine = SessionEngine(items, clock)
    advance(engine, clock, 5 + 6 + 6 + 1)  # two reps done, the third one moving
    engine.skip_exercise()
    events = engine.tick()
    (skipped,) = records(events)
    record = skipped.record
    assert (record.item_index, record.outcome) == (0, Outcome.PARTIAL)
    assert (record.reps_done, record.reps_planned, record.full_sets) == (2, 6, 0)
    assert record.fraction == pytest.approx(1 / 3)
    assert record.hold_s == pytest.approx(2)
    assert record.started == pytest.approx(1000)
    assert record.ended == pytest.approx(1018)
    assert record.started_at == START
    assert record.ended_at == START + timedelta(seconds=18)
    assert [s.kind for s in started(events)] == [StepKind.NEXT_EXERCISE]
    assert engine.current_step.item_index == 1
    # Skipping the last exercise ends the session.
    engine.skip_exercise()
    events = engine.tick()
    assert [r.record.outcome for r in records(events)] == [Outcome.SKIPPED]
    assert isinstance(events[-1], SessionDone)
    assert not events[-1].stopped
    assert engine.is_finished


def test_a_gap_in_time_pauses_where_the_last_tick_left_off(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=2, hold_s=10)], clock)
    advance(engine, clock, 5 + 2 + 3)  # 3 s into the first hold
    remaining = engine.remaining_seconds_in_step
    clock.advance(3600)  # the laptop slept for an hour
    events = engine.tick()
    assert [type(event) for event in events] == [PausedAfterGap]
    gap = events[0]
    assert isinstance(gap, PausedAfterGap)
    assert gap.gap_s == pytest.approx(3600)
    assert gap.step.kind == StepKind.HOLD
    assert engine.is_paused
    assert engine.remaining_seconds_in_step == pytest.approx(remaining)
    engine.resume()
    events = advance(engine, clock, remaining)
    assert [s.kind for s in started(events)] == [StepKind.RETURN]


def test_a_gap_just_under_the_limit_catches_up_instead(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=10)], clock, SessionSettings(stall_s=3))
    engine.tick()
    clock.advance(2.9)
    events = engine.tick()
    assert not engine.is_paused
    assert not [e for e in events if isinstance(e, PausedAfterGap)]


def test_stop_mid_exercise_reports_finished_and_partial_work(clock: ManualClock) -> None:
    items = [
        item("Bridge", reps=2, hold_s=1),
        item("Side plank", key=2, sets=2, reps=3, hold_s=1, sides=Sides.BOTH),
        item("Cat-camel", key=3, reps=5),
    ]
    engine = SessionEngine(items, clock)
    advance(engine, clock, 5 + 10)  # the bridge is done
    advance(engine, clock, 10 + 5 * 4 + 1)  # side plank: 4 reps, then the rest between sets
    assert engine.current_step.kind == StepKind.REST
    progress = engine.progress
    engine.stop()
    events = engine.tick()
    assert engine.is_finished
    assert engine.progress == progress
    partial = records(events)[0].record
    assert (partial.item_index, partial.outcome) == (1, Outcome.PARTIAL)
    assert (partial.reps_done, partial.reps_planned, partial.full_sets) == (3, 12, 0)
    assert partial.fraction == pytest.approx(0.25)
    done = events[-1]
    assert isinstance(done, SessionDone)
    assert done.stopped
    assert [(r.item_index, r.outcome) for r in done.records] == [
        (0, Outcome.DONE),
        (1, Outcome.PARTIAL),
    ]
    # Nothing moves after a stop.
    assert advance(engine, clock, 5) == []


def test_stop_before_an_exercise_begins_reports_only_the_finished_ones(
    clock: ManualClock,
) -> None:
    engine = SessionEngine([item("A", reps=1), item("B", key=2, reps=1)], clock)
    advance(engine, clock, 5 + 4 + 2)  # in B's next-exercise step
    engine.stop()
    done = engine.tick()[-1]
    assert isinstance(done, SessionDone)
    assert [r.item_index for r in done.records] == [0]


def test_progress_and_upcoming_follow_the_plan(clock: ManualClock) -> None:
    engine = SessionEngine([item(reps=1, hold_s=3)], clock)  # 5 + 2 + 3 + 2 = 12 s
    assert engine.progress == 0
    assert engine.upcoming is not None
    assert engine.upcoming.kind == StepKind.MOVE
    advance(engine, clock, 6)
    assert engine.progress == pytest.approx(0.5)
    run(engine, clock)
    assert engine.progress == 1
    assert engine.upcoming is None
    assert engine.remaining_seconds_in_step == 0


# -- animation helpers -----------------------------------------------------------------------


def test_moves_ease_in_and_out_and_holds_keep_the_end_pose() -> None:
    steps = expand([item(reps=1, hold_s=4, move_s=2, return_s=2)])
    move, hold, back = steps[1], steps[2], steps[3]
    assert phase_progress(move, 0) == 0
    assert phase_progress(move, 1) == pytest.approx(0.5)
    assert phase_progress(move, 0.2) < 0.1  # a slow start: linear would be at 0.1
    assert phase_progress(move, 5) == 1
    assert phase_progress(hold, 1) == pytest.approx(0.25)  # still phases run linearly
    assert pose_blend(move, 2) == pytest.approx(1)
    assert pose_blend(hold, 0) == 1
    assert pose_blend(back, 0) == pytest.approx(1)
    assert pose_blend(back, 2) == pytest.approx(0)
    assert pose_blend(steps[0], 3) == 0
    assert phase_progress(steps[-1], 0) == 1  # the zero-length done step


# -- properties ------------------------------------------------------------------------------

dosages = st.builds(
    Dosage,
    sets=st.integers(1, 3),
    reps=st.integers(1, 4),
    hold_s=st.sampled_from([0, 0.5, 1, 2.5, 7]),
    rest_s=st.sampled_from([0, 1, 4.5, 12]),
    move_s=st.sampled_from([0.5, 1, 2.25]),
    return_s=st.sampled_from([0.5, 1.5, 3]),
    sides=st.sampled_from(list(Sides)),
)
session_items = st.lists(
    st.builds(SessionItem, st.integers(1, 99), st.just("ex"), st.just("Exercise"), dosages),
    min_size=1,
    max_size=3,
)
session_settings = st.builds(
    SessionSettings,
    get_ready_s=st.sampled_from([0, 3, 5]),
    switch_side_s=st.sampled_from([0, 5]),
    next_exercise_s=st.sampled_from([0, 10]),
)


@settings(max_examples=60, deadline=None)
@given(items=session_items, options=session_settings)
def test_any_session_runs_to_its_estimate_and_reports_every_exercise_once(
    items: list[SessionItem], options: SessionSettings
) -> None:
    steps = expand(items, options)
    estimate = estimate_seconds(items, options)
    assert math.fsum(step.duration for step in steps) == pytest.approx(estimate)
    assert sum(1 for s in steps if s.kind == StepKind.MOVE) == sum(
        i.dosage.sets * i.dosage.reps * i.dosage.side_count for i in items
    )

    clock = ManualClock(START)
    engine = SessionEngine(items, clock, options)
    stamped = run(engine, clock, stride=1.5)
    events = [event for _, event in stamped]
    done = [event.record for event in events if isinstance(event, ExerciseDone)]
    assert [record.item_index for record in done] == list(range(len(items)))
    assert all(record.outcome == Outcome.DONE for record in done)
    assert all(record.reps_done == record.reps_planned for record in done)
    assert all(record.full_sets == record.item.dosage.sets for record in done)
    assert all(
        record.hold_s == pytest.approx(record.item.dosage.hold_s, abs=0.01) for record in done
    )
    assert sum(isinstance(event, SessionDone) for event in events) == 1
    assert isinstance(events[-1], SessionDone)
    assert stamped[-1][0] - 1000.0 == pytest.approx(estimate)
