"""The demo patient's exercise history: about ten weeks of guided sessions, made up.

It follows whatever programmes the demo holds (the programme seed runs first) and the diary's
story (coach.services.demo_diary): pain around 6-7 easing after the injection in week 4, leg
symptoms retreating toward the back. Most prescribed sessions are done, some days are missed
altogether, a few sessions are stopped halfway or an exercise skipped, so adherence lands around
60-80 %. McKenzie exercises mostly centralize the symptoms; once, in week 3, a press-up sends
them further down the leg and the session is stopped there.

Sessions are run through the real session engine on a fake clock set to each session's time and
logged through SessionService, so the history obeys the same rules as a real one. The random
source is seeded: every demo folder holds the same history.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from coach.domain.clock import ManualClock
from coach.domain.days import zone
from coach.domain.session_engine import (
    ExerciseDone,
    SessionEngine,
    SessionSettings,
    StepKind,
)
from coach.domain.symptoms import TOP_LEVEL, SymptomRegion
from coach.services.changes import Area, Changes
from coach.services.context import PatientContext
from coach.services.database import Database
from coach.services.demo_diary import DAYS, INJECTION_DAY, typical_pain
from coach.services.sessions import PlannedSession, SessionService

SLOT_TIMES = (time(8, 15), time(13, 0), time(18, 30), time(21, 0))
MISSED_DAY = 0.12  # whole days without any session
MISSED_SLOT = 0.22  # single sessions left out on other days
STOPPED = 0.07  # sessions stopped halfway
SKIPPED = 0.04  # exercises skipped inside a session
PERIPHERALIZED_DAY = 17  # the first lumbar session from this day on spreads the symptoms
STRIDE_S = 30.0
NOTES = ("", "", "", "Stiff this morning.", "Felt easier today.", "Short on time.")


def symptom_level(day_index: int) -> int:
    """Where the demo patient's leg symptoms reach before exercising (lumbar scale)."""
    if day_index < INJECTION_DAY:
        return 4  # below the knee
    if day_index < INJECTION_DAY + 12:
        return 3  # thigh
    if day_index < INJECTION_DAY + 30:
        return 2  # buttock
    return 1  # back only


def seed_sessions(
    context: PatientContext,
    seed: int = 20260312,
    *,
    missed_day: float = MISSED_DAY,
    spread_day: int = PERIPHERALIZED_DAY,
    quiet_days: int = 0,
) -> Changes:
    """Write the history; does nothing when the demo has no programme. The demo caseload varies
    how many days are missed, when the symptoms spread, and how many recent days are left quiet.
    """
    rng = random.Random(seed)
    tz = zone(context.profile.timezone_name())
    now = context.clock.now()
    today = context.programmes.today()
    first = today - timedelta(days=DAYS - 1)
    programmes = [p for p in context.programmes.programmes() if p.id is not None]
    if not programmes:
        return Changes()
    wrote = False
    spread_done = False
    for index in range(DAYS):
        day = first + timedelta(days=index)
        if rng.random() < missed_day or index >= DAYS - quiet_days:
            continue
        for programme in programmes:
            assert programme.id is not None
            plan = context.sessions.plan(programme.id, day)
            if plan is None:
                continue
            slots = max(item.dosage.times_per_day for item in plan.items)
            for slot in range(min(slots, len(SLOT_TIMES))):
                start = datetime.combine(day, SLOT_TIMES[slot], tzinfo=tz).astimezone(now.tzinfo)
                start += timedelta(minutes=rng.randint(-20, 40))
                if start > now - timedelta(hours=1) or rng.random() < MISSED_SLOT:
                    continue
                spread = not spread_done and index >= spread_day
                spread &= SymptomRegion.LUMBAR in plan.symptom_regions
                _one_session(context, plan, start, index, rng, spread=spread)
                spread_done |= spread
                wrote = True
    return Changes.of(Area.SESSIONS) if wrote else Changes()


def _one_session(
    context: PatientContext,
    plan: PlannedSession,
    start: datetime,
    day_index: int,
    rng: random.Random,
    *,
    spread: bool,
) -> None:
    clock = ManualClock(start)
    sessions = SessionService(
        Database(context.app.store, clock),
        context.profile,
        context.programmes,
        context.settings,
        context.app.exercises.get,
        context.patient_id,
    )
    level = symptom_level(day_index)
    levels = {
        region: level if region == SymptomRegion.LUMBAR else 1 for region in plan.symptom_regions
    }
    pain = max(0, min(10, round(typical_pain(day_index) + rng.uniform(-1, 1))))
    session_id, _ = sessions.start(plan, pain, levels)
    # The fake clock jumps from deadline to deadline: allow jumps longer than a stall.
    engine = SessionEngine(plan.items, clock, SessionSettings(stall_s=STRIDE_S + 1))
    stop_at = rng.uniform(0.2, 0.8) if rng.random() < STOPPED else None
    peripheralized = False
    stopped = False
    skip_next = False
    while not engine.is_finished:
        for event in engine.tick():
            if isinstance(event, ExerciseDone):
                record = event.record
                log_id, _ = sessions.log_exercise(session_id, record)
                region = plan.regions[record.item_index]
                if region is not None and record.outcome.value == "done":
                    peripheralized = _symptoms(
                        sessions, log_id, region, levels=levels, spread=spread, rng=rng
                    )
        if engine.is_finished:
            break
        if peripheralized or (stop_at is not None and engine.progress >= stop_at):
            stopped = True
            engine.stop()
            continue
        step = engine.current_step
        first_step = step.kind in (StepKind.GET_READY, StepKind.NEXT_EXERCISE)
        if first_step and not skip_next and rng.random() < SKIPPED:
            skip_next = True
            engine.skip_exercise()
            continue
        skip_next = False
        clock.advance(min(STRIDE_S, engine.remaining_seconds_in_step))
    for event in engine.tick():
        if isinstance(event, ExerciseDone):
            sessions.log_exercise(session_id, event.record)
    clock.advance(rng.uniform(20, 90))  # answering the questions after the session
    sessions.finish(
        session_id,
        stopped=stopped,
        pain_after=max(0, pain - rng.choice((0, 1, 1, 2))),
        effort=rng.choice(("easier", "same", "same", "harder")) if rng.random() < 0.6 else None,
        note="Leg tingling spread to the foot; stopped and rang the clinic."
        if peripheralized
        else rng.choice(NOTES),
    )


def _symptoms(
    sessions: SessionService,
    log_id: int,
    region: SymptomRegion,
    *,
    levels: dict[SymptomRegion, int],
    spread: bool,
    rng: random.Random,
) -> bool:
    """Answer the after-exercise question; True when the symptoms spread (the one bad day)."""
    before = levels[region]
    if spread and region == SymptomRegion.LUMBAR:
        after = min(TOP_LEVEL, before + 1)
    elif before > 1 and rng.random() < 0.6:
        after = before - 1
    else:
        after = before
    sessions.record_symptoms(log_id, region, before, after)
    levels[region] = after
    return after > before
