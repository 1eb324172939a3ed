"""A small constructed caseload of three patients, each showing different figures and flags."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from histories import Done, History, Item
from sqlalchemy import insert, select, update

from coach.domain.profile import Role
from coach.services.context import AppContext
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
