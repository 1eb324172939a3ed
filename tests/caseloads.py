"""Constructed caseloads: three patients showing different figures and flags, and six whose
histories test the adherence figures against each patient's Progress page."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from histories import Done, History, Item
from sqlalchemy import insert, select, update

from coach.domain.adherence import Adherence
from coach.domain.profile import Role
from coach.services.caseload import MONTH_DAYS, WEEK_DAYS
from coach.services.context import AppContext
from coach.store import progress_days
from coach.store.schema import exercise_log, pain_entry, programme, symptom_response


def _pain(context: AppContext, patient_id: int, day: date, intensity: int, **extra: object) -> None:
    with context.store.engine.begin() as conn:
        conn.execute(
            insert(pain_entry).values(
                patient_id=patient_id,
                uid=uuid.uuid4().hex,
                recorded_at=datetime(2026, 3, 1, tzinfo=UTC),
                local_day=day,
                intensity=intensity,
                body_regions=["low_back"],
                qualities=[],
                red_flags=extra.pop("red_flags", []),
                **extra,
            )
        )
        progress_days.refresh(conn, patient_id, [day])


def make_caseload(context: AppContext) -> dict[str, int]:
    """Ann: busy, improving, a red flag and spreading symptoms. Ben: quiet for ten days, a
    question, review overdue. Cy: nothing recorded yet."""
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    today = context.profile.today()
    ids = {}
    for name, identifier in (("Ann Example", "A-1"), ("Ben Sample", "B-2"), ("Cy Test", "")):
        _, made = context.patients.add(name=name, identifier=identifier)
        ids[name] = made.id
    ann = History(context.store.engine, ids["Ann Example"])
    plan = ann.programme(today - timedelta(days=30), [Item("bridge")], name="Ann's")
    for back in range(5):
        ann.session(today - timedelta(days=back), plan, [Done("bridge"), Done("bridge", "skipped")])
    log_day = today - timedelta(days=1)
    session = ann.session(log_day, plan, [Done("bridge")])
    with context.store.engine.begin() as conn:
        log_id = conn.execute(
            select(exercise_log.c.id).where(exercise_log.c.session_id == session)
        ).scalar()
        conn.execute(
            insert(symptom_response).values(
                patient_id=ids["Ann Example"],
                uid=uuid.uuid4().hex,
                log_id=log_id,
                region="lumbar",
                level_before=1,
                level_after=3,
                response="peripheralized",
                recorded_at=datetime(2026, 3, 1, tzinfo=UTC),
                local_day=log_day,
            )
        )
    _pain(context, ids["Ann Example"], today - timedelta(days=10), 6)
    _pain(context, ids["Ann Example"], today - timedelta(days=2), 4, red_flags=["bladder_bowel"])
    ben = History(context.store.engine, ids["Ben Sample"])
    old = ben.programme(today - timedelta(days=60), [Item("bridge")], name="Ben's")
    with context.store.engine.begin() as conn:
        conn.execute(
            update(programme)
            .where(programme.c.id == old)
            .values(review_date=today - timedelta(days=3))
        )
    ben.session(today - timedelta(days=10), old, [Done("bridge")])
    _pain(context, ids["Ben Sample"], today - timedelta(days=4), 5, question_for_therapist=True)
    return ids


def _add(context: AppContext, name: str) -> History:
    _, made = context.patients.add(name=name, identifier=name[:3].upper())
    return History(context.store.engine, made.id)


def make_adherence_caseload(context: AppContext) -> dict[str, int]:
    """Six patients whose histories exercise every rule of the adherence ledger (for checking
    the caseload's figures against each patient's Progress page); their ids by name."""
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    today = context.profile.today()
    ids: dict[str, int] = {}

    # Bridge twice a day and plank once, since long ago. Sessions on most days, some partial;
    # in the last seven days one session only, five days ago, with more than prescribed.
    skipper = _add(context, "Skipper")
    ids["Skipper"] = skipper.patient_id
    plan = skipper.programme(
        today - timedelta(days=60), [Item("bridge", times_per_day=2), Item("plank")]
    )
    for back in range(7, 40):
        if back % 3 == 0:
            continue  # a day without a session
        skipper.session(
            today - timedelta(days=back),
            plan,
            [
                Done("bridge"),
                Done("bridge", "partial", done_sets=1, planned_sets=2),
                Done("plank", "skipped" if back % 5 == 0 else "done"),
            ],
        )
    skipper.session(today - timedelta(days=5), plan, [Done("bridge")] * 3 + [Done("plank")] * 2)

    # Fixed weekdays (Monday, Wednesday, Friday) and a walk any three days a week; from nine
    # days ago the bridge is twice on those days. Some work on unscheduled days earns nothing.
    weekdays = _add(context, "Weekdays")
    ids["Weekdays"] = weekdays.patient_id
    start = today - timedelta(days=20)
    items = [Item("bridge", days=[0, 2, 4]), Item("walk", days_per_week=3)]
    plan = weekdays.programme(start, items)
    weekdays.version(
        plan,
        today - timedelta(days=9),
        [Item("bridge", times_per_day=2, days=[0, 2, 4]), Item("walk", days_per_week=3)],
    )
    for back in range(21):
        day = today - timedelta(days=back)
        done = [Done("bridge")] * (2 if back % 2 else 1)
        if day.weekday() in (1, 3, 5, 6):
            done.append(Done("walk"))
        if back % 4 == 0:
            done.append(Done("walk", "partial", done_sets=1, planned_sets=2))
        weekdays.session(day, plan, done)

    # Two programmes: one archived five days ago, one still running; sessions of each, and
    # sessions written without a programme.
    two = _add(context, "Two Programmes")
    ids["Two Programmes"] = two.patient_id
    archived = datetime.combine(today - timedelta(days=5), datetime.min.time(), tzinfo=UTC)
    old = two.programme(today - timedelta(days=50), [Item("curl_up")], archived_at=archived)
    new = two.programme(today - timedelta(days=12), [Item("bird_dog", times_per_day=3)])
    for back in range(0, 30, 2):
        day = today - timedelta(days=back)
        two.session(day, old, [Done("curl_up")])
        two.session(day, new, [Done("bird_dog")] * (back % 3 + 1))
        two.session(day, None, [Done("bird_dog")])

    # A programme rewritten before the 28 days and within them, and ended ten days ago;
    # sessions every day before and after its end.
    ended = _add(context, "Ended")
    ids["Ended"] = ended.patient_id
    plan = ended.programme(
        today - timedelta(days=60), [Item("bridge")], end=today - timedelta(days=10)
    )
    rewritten = [Item("bridge", times_per_day=2), Item("plank")]
    ended.version(plan, today - timedelta(days=40), rewritten)
    ended.version(plan, today - timedelta(days=20), [Item("plank", times_per_day=2)])
    for back in range(45):
        ended.session(
            today - timedelta(days=back), plan, [Done("bridge")] * 2 + [Done("plank")] * 3
        )

    # A programme that starts tomorrow: nothing is prescribed yet, whatever is logged.
    later = _add(context, "Starts Tomorrow")
    ids["Starts Tomorrow"] = later.patient_id
    plan = later.programme(today + timedelta(days=1), [Item("bridge")])
    later.session(today, plan, [Done("bridge")])

    # Nothing but a diary: no programme, no figures.
    ids["No Programme"] = _add(context, "No Programme").patient_id
    return ids


def same_figures(caseload: Adherence | None, progress: Adherence | None) -> None:
    if progress is None:
        assert caseload is None
        return
    assert caseload is not None
    assert (caseload.first, caseload.last) == (progress.first, progress.last)
    assert caseload.prescribed == pytest.approx(progress.prescribed)
    assert caseload.done == pytest.approx(progress.done)
    assert (caseload.full, caseload.partly) == (progress.full, progress.partly)


def check_against_progress(context: AppContext, ids: dict[str, int]) -> None:
    """Each patient's caseload figures against their own Progress page's, for both windows."""
    today = context.profile.today()
    entries = {entry.figures.patient_id: entry for entry in context.caseload.entries()}
    for patient_id in ids.values():
        progress = context.patient(patient_id).progress
        entry = entries[patient_id]
        for days, figure in ((WEEK_DAYS, entry.last_7), (MONTH_DAYS, entry.last_28)):
            same_figures(figure, progress.adherence(today - timedelta(days=days - 1), today))
