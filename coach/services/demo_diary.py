"""The demo patient's diary: ten weeks of low back pain with sciatica down the left leg.

A made-up story, not anyone's record: pain around 6-7 with symptoms reaching the calf, an
epidural steroid injection in week 4 after which the pain settles and retreats towards the back,
and weekly physical-therapy visits throughout. PSFS, ODI and NPRS are re-rated every three
weeks. The random source is seeded, so every demo folder holds the same diary; everything is
written through the services, so the demo obeys the same rules as a user.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from coach.domain.days import zone
from coach.domain.diary import CheckIn, PainEntry, PainQuality, Treatment, TreatmentKind
from coach.domain.outcomes import (
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
)
from coach.services.changes import Area, Changes
from coach.services.context import PatientContext

DAYS = 70
INJECTION_DAY = 24
PHYSIO_DAYS = (7, 14, 21, 28, 35, 42, 49, 56, 63)
MEASURE_DAYS = (1, 22, 43, 64)
ACTIVITIES = ("Sitting through a film", "Putting on socks", "Walking for 30 minutes")
PSFS_RATINGS = ((3, 2, 4), (4, 3, 4), (6, 6, 7), (7, 7, 8))
# ODI sections per re-rating; None is a section the demo patient left blank.
ODI_SECTIONS: tuple[tuple[int | None, ...], ...] = (
    (3, 2, 3, 2, 3, 2, 3, 2, 2, 2),
    (3, 2, 2, 2, 3, 2, 2, 2, 2, 2),
    (2, 1, 2, 1, 2, 1, 1, 1, 1, None),
    (1, 1, 2, 1, 1, 1, 1, 1, 1, None),
)
WORSE = ("sitting", "bending to put on socks", "a long drive", "coughing")
BETTER = ("walking", "lying on my back with knees bent", "the exercises", "a warm shower")


def typical_pain(day_index: int) -> float:
    """The story's underlying pain level on a day (before day-to-day noise)."""
    if day_index < INJECTION_DAY:
        return 6.6 - 0.02 * day_index
    since = day_index - INJECTION_DAY
    return 6.1 - 2.6 * (1 - math.exp(-since / 4)) - 0.015 * since


def _regions(day_index: int) -> tuple[str, ...]:
    # Symptoms reach the calf before the injection and retreat towards the back after it.
    if day_index < INJECTION_DAY + 3:
        return ("low_back", "left_buttock", "left_thigh_back", "left_calf")
    if day_index < INJECTION_DAY + 20:
        return ("low_back", "left_buttock", "left_thigh_back")
    return ("low_back", "left_low_back")


def seed_diary(
    context: PatientContext, seed: int = 20260311, *, offset: float = 0.0, injection: bool = True
) -> Changes:
    """Write the story; `offset` shifts the pain up or down and `injection=False` leaves the
    injection out, so the demo caseload (coach.services.demo_caseload) varies it per patient."""
    rng = random.Random(seed)
    tz = zone(context.profile.timezone_name())
    now = context.clock.now()
    today = context.diary.today()
    first = today - timedelta(days=DAYS - 1)

    def at(day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=tz)

    for index in range(DAYS):
        day = first + timedelta(days=index)
        level = max(0.0, typical_pain(index) + offset)
        if index in PHYSIO_DAYS:
            context.diary.add_treatment(
                Treatment(
                    TreatmentKind.PHYSICAL_THERAPY,
                    day,
                    provider="Riverside Physio (demo)",
                    note="Reviewed the home programme; added one exercise."
                    if index % 14 == 0
                    else "",
                )
            )
        if injection and index == INJECTION_DAY:
            context.diary.add_treatment(
                Treatment(
                    TreatmentKind.EPIDURAL_STEROID,
                    day,
                    site="L5-S1, left side",
                    provider="Pain clinic (demo)",
                    note="Sore at the injection site for two days.",
                )
            )
        morning = at(day, 7 + rng.randint(0, 2), rng.randint(0, 59))
        if rng.random() < 0.85 and morning <= now:
            intensity = max(0, min(10, round(level + rng.uniform(-1.2, 1.2))))
            early = index < INJECTION_DAY + 10
            context.diary.add_pain(
                PainEntry(
                    recorded_at=morning,
                    intensity=intensity,
                    regions=_regions(index),
                    qualities=(PainQuality.ACHING, PainQuality.TINGLING)
                    if early
                    else (PainQuality.ACHING,),
                    worse=rng.choice(WORSE),
                    better=rng.choice(BETTER),
                    medication="ibuprofen 400 mg" if early and rng.random() < 0.5 else "",
                    question_for_therapist=index == 40,
                    note="Is it fine that the tingling comes back after sitting?"
                    if index == 40
                    else "",
                )
            )
        evening = at(day, 21, rng.randint(0, 30))
        if rng.random() < 0.9 and evening <= now:
            worst = max(0, min(10, round(level + rng.uniform(0.5, 2.0))))
            usual = max(0, min(worst, round(level + rng.uniform(-0.8, 0.8))))
            context.diary.add_checkin(
                CheckIn(
                    day,
                    worst_pain=worst,
                    typical_pain=usual,
                    sleep_quality=max(0, min(10, round(10 - level + rng.uniform(-1.5, 1.0)))),
                    activity_level=max(0, min(10, round(3 + index / 14 + rng.uniform(-1, 1)))),
                )
            )
        if index in MEASURE_DAYS and at(day, 10, 0) <= now:
            _measures(context, at(day, 10, 0), MEASURE_DAYS.index(index), level)
    return Changes.of(Area.DIARY, Area.TREATMENTS, Area.OUTCOMES)


def _measures(context: PatientContext, when: datetime, round_no: int, level: float) -> None:
    context.outcomes.record(OutcomeScore(NprsAnswers(round(level)), when))
    ratings = PSFS_RATINGS[round_no]
    context.outcomes.record(
        OutcomeScore(
            PsfsAnswers(tuple(PsfsRating(a, r) for a, r in zip(ACTIVITIES, ratings, strict=True))),
            when,
        )
    )
    context.outcomes.record(
        OutcomeScore(
            SectionAnswers(Instrument.ODI, ODI_SECTIONS[round_no]),
            when,
            note="Employment section left blank: not working at the moment."
            if ODI_SECTIONS[round_no][-1] is None
            else "",
        )
    )
