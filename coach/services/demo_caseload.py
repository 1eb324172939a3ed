"""A therapist's example caseload for `coach --demo --therapist`: 25 made-up patients.

Every patient is invented ("Ann Example", identifiers DEMO-1001 on) and seeded with the same
story as the single demo patient (coach.services.demo_diary and friends), varied per patient:
a different random seed, pain higher or lower, with or without the injection, more or fewer
missed days. A few are shaped so the Patients page shows each of its flags at least once: a
warning sign reported, symptoms spreading, a question for the therapist, no session for a week,
and a review that is due. Deterministic: every demo caseload is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.domain.days import zone
from coach.domain.diary import PainEntry, PainQuality
from coach.domain.profile import Role
from coach.services.changes import Area, Changes
from coach.services.context import AppContext, PatientContext
from coach.services.demo import AlreadySetUpError
from coach.services.demo_diary import DAYS, seed_diary
from coach.services.demo_programmes import THERAPIST, seed_programmes
from coach.services.demo_sessions import MISSED_DAY, PERIPHERALIZED_DAY, seed_sessions
from coach.store.engine import unsynced_writes

FIRST_NAMES = (
    "Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kit", "Lena", "Max",
    "Nia", "Otto", "Pia", "Quin", "Rosa", "Sol", "Tess", "Uma", "Vic", "Wren", "Yusuf", "Zoe",
)  # fmt: skip
SURNAMES = ("Example", "Sample", "Demo", "Placeholder", "Testwood")
CASELOAD_SIZE = len(FIRST_NAMES)  # the demo's patients: one for each first name
FIRST_IDENTIFIER = 1001


@dataclass(frozen=True)
class Variation:
    """How one demo patient's story differs from the single demo patient's."""

    offset: float = 0.0
    injection: bool = True
    missed_day: float = MISSED_DAY
    spread_day: int = PERIPHERALIZED_DAY
    quiet_days: int = 0
    review_in_days: int = 14
    red_flag: bool = False
    question: bool = False


def variation(index: int) -> Variation:
    """Patient `index`'s story: spread evenly over the caseload, the flags on a few."""
    return Variation(
        offset=(index % 5 - 2) * 0.6,
        injection=index % 3 != 1,
        missed_day=(0.05, 0.12, 0.25, 0.45, 0.7)[index % 5],
        spread_day=DAYS - 5 if index in (2, 13) else PERIPHERALIZED_DAY,
        quiet_days=(9 if index in (4, 11, 19) else 0),
        review_in_days=(-2 if index in (6, 17) else 14 + index % 4 * 7),
        red_flag=index == 8,
        question=index in (3, 15, 22),
    )


def seed_caseload(
    context: AppContext,
    count: int = CASELOAD_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> Changes:
    """Make this empty copy a therapist's, with `count` example patients (25 by default).

    Seeding takes a while (about a second a patient), so `progress` is told after each patient
    how many of `count` are done: the demo window shows it before it can open."""
    if context.profile.is_set_up:
        raise AlreadySetUpError(
            "this data folder already has a profile; demo data goes only into an empty one"
        )
    with unsynced_writes(context.store.engine):  # invented rows: see unsynced_writes
        changes = context.profile.welcome(THERAPIST.name, Role.THERAPIST, accepted_notice=True)
        changes |= context.profile.update(
            name=THERAPIST.name,
            role=Role.THERAPIST,
            timezone=context.profile.timezone_name(),
            clinic=THERAPIST.clinic,
            contact=THERAPIST.contact,
            profession="Physical therapist",
        )
        today = context.profile.today()
        for index in range(count):
            name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {SURNAMES[index % len(SURNAMES)]}"
            _, made = context.patients.add(
                name=name,
                identifier=f"DEMO-{FIRST_IDENTIFIER + index}",
                date_of_birth=date(1950 + index * 37 % 50, 1 + index % 12, 1 + index * 7 % 28),
            )
            _seed_one(context.patient(made.id), index, variation(index), today)
            if progress is not None:
                progress(index + 1, count)
        return changes | Changes.of(Area.PATIENTS, Area.EVERYTHING)


def _seed_one(context: PatientContext, index: int, how: Variation, today: date) -> None:
    seed_diary(context, 20260311 + index, offset=how.offset, injection=how.injection)
    seed_programmes(context, review_in_days=how.review_in_days)
    seed_sessions(
        context,
        20260312 + index,
        missed_day=how.missed_day,
        spread_day=how.spread_day,
        quiet_days=how.quiet_days,
    )
    if how.red_flag or how.question:
        when = datetime.combine(today - timedelta(days=2), time(12, 30))
        context.diary.add_pain(
            PainEntry(
                recorded_at=when.replace(tzinfo=zone(context.profile.timezone_name())),
                intensity=7,
                regions=("low_back", "left_thigh_back"),
                qualities=(PainQuality.ACHING,),
                red_flags=("bladder_bowel",) if how.red_flag else (),
                question_for_therapist=how.question,
                note="Can I keep doing the press-ups when my leg tingles?" if how.question else "",
            )
        )
