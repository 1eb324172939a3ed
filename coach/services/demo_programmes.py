"""The demo patient's programmes: McKenzie extension from the therapist, and an evening core set.

Made up, to match the diary's story (coach.services.demo_diary): low back pain with leg symptoms
that ease with extension. The therapist starts a McKenzie extension programme on the first day
of the diary and adjusts it once, five weeks in (prone on elbows dropped, press-ups longer,
standing extension added for work days), so the history shows an edit that left the earlier
weeks as they were. A short evening core programme starts four weeks before today.

Programmes are created through ProgrammeService; the mid-way edit is written with the
programme repository directly, because the service always edits "from today" and the demo
needs an edit made weeks ago.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from coach.domain.dosage import Dosage
from coach.domain.programme import Author, Programme, ProgrammeItem, Progressable, Progression
from coach.domain.sides import Sides
from coach.services.changes import Area, Changes
from coach.services.context import PatientContext
from coach.services.demo_diary import DAYS
from coach.store import programme_repo

THERAPIST = Author("Alex Morgan", "Riverside Physio (demo)", "555-0142")
EDIT_AFTER_DAYS = 35
CORE_DAYS = 28

PRONE_LYING = ProgrammeItem(
    "prone-lying",
    Dosage(sets=1, reps=1, hold_s=120, rest_s=0, times_per_day=4),
    note="Start here: let your back relax for two minutes.",
)
FIRST_EXTENSION = (
    PRONE_LYING,
    ProgrammeItem(
        "prone-on-elbows",
        Dosage(sets=1, reps=1, hold_s=120, rest_s=0, times_per_day=4),
        note="Breathe slowly and notice where you feel the leg symptoms.",
    ),
    ProgrammeItem(
        "prone-press-up",
        Dosage(sets=1, reps=10, hold_s=1, rest_s=0, times_per_day=4),
        note="Hips stay on the mat. A little higher each time.",
    ),
)
EDITED_EXTENSION = (
    PRONE_LYING,
    ProgrammeItem(
        "prone-press-up",
        Dosage(sets=1, reps=12, hold_s=2, rest_s=0, times_per_day=4),
        note="Now hold two seconds at the top and breathe out.",
    ),
    ProgrammeItem(
        "standing-extension",
        Dosage(sets=1, reps=10, hold_s=1, rest_s=0, times_per_day=2),
        days=frozenset({0, 1, 2, 3, 4}),
        note="At work, after sitting for a long time.",
    ),
)
EVENING_CORE = (
    ProgrammeItem(
        "abdominal-bracing",
        Dosage(sets=1, reps=8, hold_s=10, rest_s=5, move_s=1, return_s=1),
        days=frozenset({0, 2, 4, 5}),
    ),
    ProgrammeItem(
        "bird-dog",
        Dosage(sets=1, reps=6, hold_s=5, rest_s=5, sides=Sides.ALTERNATE),
        days=frozenset({0, 2, 4, 5}),
        progression=Progression(Progressable.HOLD_S, 1, 10),
        note="Keep your back level, like a table top.",
    ),
)


def seed_programmes(context: PatientContext, *, review_in_days: int = 14) -> Changes:
    service = context.programmes
    today = service.today()
    start = today - timedelta(days=DAYS - 1)
    extension_id, _ = service.create(
        Programme(
            uid="",
            name="Low back: extension exercises",
            start_date=start,
            review_date=today + timedelta(days=review_in_days),
            goal="Less leg pain, and sitting through a film without it spreading.",
            notes=(
                "Do the set about every three to four hours while you are awake. If the pain, "
                "tingling or numbness spreads further down your leg, stop and call me."
            ),
            author=THERAPIST,
            items=FIRST_EXTENSION,
        )
    )
    stored = service.get(extension_id)
    assert stored is not None
    edited = dataclasses.replace(stored, items=EDITED_EXTENSION).validated()
    with context.db.transaction() as conn:
        programme_repo.update(
            conn,
            service.patient_id,
            edited,
            start + timedelta(days=EDIT_AFTER_DAYS),
            context.clock.now(),
        )
    service.create(
        Programme(
            uid="",
            name="Evening core",
            start_date=today - timedelta(days=CORE_DAYS),
            goal="A steadier trunk for lifting the shopping.",
            notes="After dinner, on a mat. Quality over speed.",
            author=THERAPIST,
            items=EVENING_CORE,
        )
    )
    return Changes.of(Area.PROGRAMMES)
