"""The diary and outcome services: create, edit, delete, undo; refusals write nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from coach.domain.clock import ManualClock
from coach.domain.diary import CheckIn, PainEntry, PainQuality, Treatment, TreatmentKind
from coach.domain.outcomes import (
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
    Verdict,
)
from coach.domain.profile import ValidationError
from coach.services.changes import Area
from coach.services.context import AppContext
from coach.services.diary import MissingEntryError
from coach.services.timeline import EntryKind
from coach.store.schema import daily_checkin, outcome_score, pain_entry, psfs_activity, treatment


def count(ctx: AppContext, table: object) -> int:
    with ctx.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def pain(ctx: AppContext, intensity: int = 5, **kw: object) -> PainEntry:
    return PainEntry(recorded_at=ctx.clock.now(), intensity=intensity, **kw)  # type: ignore[arg-type]


def test_pain_entry_round_trip_with_regions_and_flags(patient: AppContext) -> None:
    mine = patient.own_patient()
    entry = pain(
        patient,
        6,
        regions=("left_buttock", "low_back", "low_back"),
        qualities=(PainQuality.TINGLING, PainQuality.ACHING),
        worse=" sitting ",
        medication="ibuprofen 400 mg",
        question_for_therapist=True,
        red_flags=("night_pain",),
    )
    saved = mine.diary.add_pain(entry)
    assert saved.changes.touches(Area.DIARY)
    stored = mine.diary.pain(saved.record.id)
    assert stored == saved.record
    assert stored is not None
    assert stored.regions == ("low_back", "left_buttock")
    assert stored.qualities == (PainQuality.ACHING, PainQuality.TINGLING)
    assert stored.worse == "sitting"
    assert stored.local_day == date(2026, 3, 11)


def test_edit_delete_and_undo_restore_exactly(patient: AppContext) -> None:
    mine = patient.own_patient()
    first = mine.diary.add_pain(pain(patient, 4, note="morning")).record
    edited = mine.diary.update_pain(first.id, pain(patient, 7, note="after gardening"))
    assert edited.before == first
    assert mine.diary.pain(first.id) == edited.record
    mine.diary.restore_pain(edited.before)  # undo the edit
    assert mine.diary.pain(first.id) == first
    gone = mine.diary.delete_pain(first.id)
    assert mine.diary.pain(first.id) is None
    mine.diary.restore_pain(gone.record)  # undo the delete
    back = mine.diary.pain(first.id)
    assert back == first and back is not None and back.local_day == first.local_day


def test_future_pain_is_refused_and_nothing_written(patient: AppContext) -> None:
    mine = patient.own_patient()
    soon = patient.clock.now() + timedelta(minutes=4)
    mine.diary.add_pain(PainEntry(recorded_at=soon, intensity=2))
    later = patient.clock.now() + timedelta(minutes=6)
    with pytest.raises(ValidationError) as caught:
        mine.diary.add_pain(PainEntry(recorded_at=later, intensity=2))
    assert caught.value.field == "recorded_at"
    assert count(patient, pain_entry) == 1


@pytest.mark.parametrize("bad", [-1, 11, 5.5, True])
def test_out_of_range_pain_is_refused_at_the_field(patient: AppContext, bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        PainEntry(recorded_at=patient.clock.now(), intensity=bad)  # type: ignore[arg-type]
    assert caught.value.field == "intensity"


def test_local_day_follows_the_profile_time_zone(patient: AppContext) -> None:
    mine = patient.own_patient()
    patient.profile.update(
        name="Robin",
        role=patient.profile.get().role,  # type: ignore[union-attr]
        timezone="Pacific/Auckland",
    )
    late = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)  # 01:00 on 12 March in Auckland
    saved = mine.diary.add_pain(PainEntry(recorded_at=late, intensity=3)).record
    assert saved.local_day == date(2026, 3, 12)
    # Editing only the note keeps the day it was filed under, even if the zone changes.
    patient.profile.update(
        name="Robin",
        role=patient.profile.get().role,  # type: ignore[union-attr]
        timezone="UTC",
    )
    edited = mine.diary.update_pain(saved.id, PainEntry(recorded_at=late, intensity=3, note="x"))
    assert edited.record.local_day == date(2026, 3, 12)
    moved = mine.diary.update_pain(
        saved.id, PainEntry(recorded_at=late - timedelta(hours=1), intensity=3)
    )
    assert moved.record.local_day == date(2026, 3, 11)


def test_one_checkin_per_day(patient: AppContext) -> None:
    mine = patient.own_patient()
    today = mine.diary.today()
    saved = mine.diary.add_checkin(CheckIn(today, 6, 4, sleep_quality=5, activity_level=3))
    assert mine.diary.checkin_on(today) == saved.record
    with pytest.raises(ValidationError) as caught:
        mine.diary.add_checkin(CheckIn(today, 2, 1))
    assert caught.value.field == "day"
    assert count(patient, daily_checkin) == 1
    yesterday = mine.diary.add_checkin(CheckIn(today - timedelta(days=1), 5, 5)).record
    with pytest.raises(ValidationError):
        mine.diary.update_checkin(yesterday.id, CheckIn(today, 5, 5))
    edited = mine.diary.update_checkin(saved.record.id, CheckIn(today, 7, 4, note="long walk"))
    assert edited.before == saved.record
    gone = mine.diary.delete_checkin(saved.record.id)
    assert mine.diary.checkin_on(today) is None
    mine.diary.restore_checkin(gone.record)
    restored = mine.diary.checkin_on(today)
    assert restored == edited.record
    assert restored is not None and restored.recorded_at == edited.record.recorded_at


def test_checkin_rules(patient: AppContext) -> None:
    mine = patient.own_patient()
    today = mine.diary.today()
    with pytest.raises(ValidationError) as caught:
        CheckIn(today, worst_pain=3, typical_pain=5)
    assert caught.value.field == "typical_pain"
    with pytest.raises(ValidationError) as caught:
        CheckIn(today, 3, 2, sleep_quality=12)
    assert caught.value.field == "sleep_quality"
    with pytest.raises(ValidationError) as caught:
        mine.diary.add_checkin(CheckIn(today + timedelta(days=1), 3, 2))
    assert caught.value.field == "day"
    assert count(patient, daily_checkin) == 0


def test_treatments(patient: AppContext) -> None:
    mine = patient.own_patient()
    today = mine.diary.today()
    saved = mine.diary.add_treatment(
        Treatment(
            TreatmentKind.EPIDURAL_STEROID,
            today - timedelta(days=3),
            site="L5-S1",
            provider="Dr Example",
        )
    )
    assert saved.changes.touches(Area.TREATMENTS) and not saved.changes.touches(Area.DIARY)
    # A massage has no spinal level: the site is not kept.
    massage = mine.diary.add_treatment(Treatment(TreatmentKind.MASSAGE, today, site="back"))
    assert massage.record.site == ""
    with pytest.raises(ValidationError) as caught:
        mine.diary.add_treatment(Treatment(TreatmentKind.MASSAGE, today + timedelta(days=1)))
    assert caught.value.field == "occurred_on"
    with pytest.raises(ValidationError) as caught:
        Treatment("made-up", today)  # type: ignore[arg-type]
    assert caught.value.field == "kind"
    gone = mine.diary.delete_treatment(saved.record.id)
    mine.diary.restore_treatment(gone.record)
    assert mine.diary.treatment(saved.record.id) == saved.record
    assert count(patient, treatment) == 2


def test_missing_entries_say_so(patient: AppContext) -> None:
    mine = patient.own_patient()
    with pytest.raises(MissingEntryError):
        mine.diary.delete_pain(99)
    with pytest.raises(MissingEntryError):
        mine.diary.update_treatment(99, Treatment(TreatmentKind.MASSAGE, mine.diary.today()))


NAMES = ("Walking", "Sitting", "Gardening")


def psfs(*ratings: int, names: tuple[str, ...] = NAMES) -> PsfsAnswers:
    return PsfsAnswers(tuple(PsfsRating(n, r) for n, r in zip(names, ratings, strict=True)))


def test_outcomes_change_against_the_previous_score(
    patient: AppContext, clock: ManualClock
) -> None:
    mine = patient.own_patient()
    first = mine.outcomes.record(
        OutcomeScore(SectionAnswers(Instrument.ODI, (3,) * 10), clock.now())
    ).record
    assert mine.outcomes.change(first) is None
    clock.advance(21 * 86400)
    second = mine.outcomes.record(
        OutcomeScore(SectionAnswers(Instrument.ODI, (2, 2, 2, 2, 2, 2, 2, 2, 2, None)), clock.now())
    ).record
    change = mine.outcomes.change(second)
    assert change is not None
    assert change.previous == 60 and change.current == 40
    assert change.verdict is Verdict.IMPORTANT and change.improved
    assert change.since == first.local_day


def test_psfs_keeps_the_activity_list(patient: AppContext, clock: ManualClock) -> None:
    mine = patient.own_patient()
    mine.outcomes.record(OutcomeScore(psfs(2, 3, 4), clock.now()))
    assert mine.outcomes.psfs_activities() == ["Walking", "Sitting", "Gardening"]
    clock.advance(3600)
    names = ("Walking", "Sitting", "Climbing stairs", "Driving")
    second = mine.outcomes.record(OutcomeScore(psfs(5, 6, 2, 4, names=names), clock.now()))
    assert mine.outcomes.psfs_activities() == list(names)
    changes = mine.outcomes.activity_changes(second.record)
    assert [(c.activity, c.important) for c in changes] == [("Walking", True), ("Sitting", True)]
    assert count(patient, psfs_activity) == 5  # Gardening retired, not deleted


def test_outcome_edit_delete_undo_and_future_refusal(
    patient: AppContext, clock: ManualClock
) -> None:
    mine = patient.own_patient()
    saved = mine.outcomes.record(OutcomeScore(NprsAnswers(6), clock.now(), note="a")).record
    edited = mine.outcomes.update(saved.id, OutcomeScore(NprsAnswers(4), clock.now()))
    assert edited.before == saved
    with pytest.raises(ValueError):
        mine.outcomes.update(saved.id, OutcomeScore(psfs(1, 2, 3), clock.now()))
    gone = mine.outcomes.delete(saved.id)
    assert mine.outcomes.get(saved.id) is None
    mine.outcomes.restore(gone.record)
    assert mine.outcomes.get(saved.id) == edited.record
    with pytest.raises(ValidationError):
        mine.outcomes.record(OutcomeScore(NprsAnswers(3), clock.now() + timedelta(hours=1)))
    assert count(patient, outcome_score) == 1


def test_timeline_orders_newest_first_and_filters(patient: AppContext, clock: ManualClock) -> None:
    mine = patient.own_patient()
    today = mine.diary.today()
    yesterday = today - timedelta(days=1)
    mine.diary.add_treatment(Treatment(TreatmentKind.PHYSICAL_THERAPY, yesterday))
    mine.diary.add_pain(PainEntry(clock.now() - timedelta(hours=2), 5))
    mine.diary.add_pain(PainEntry(clock.now(), 3, red_flags=("trauma",)))
    mine.diary.add_checkin(CheckIn(today - timedelta(days=1), 6, 4))
    mine.outcomes.record(OutcomeScore(NprsAnswers(4), clock.now() - timedelta(hours=1)))
    items = mine.timeline.items(today - timedelta(days=7), today)
    assert [(i.kind, i.day) for i in items] == [
        (EntryKind.PAIN, today),
        (EntryKind.OUTCOME, today),
        (EntryKind.PAIN, today),
        (EntryKind.CHECKIN, today - timedelta(days=1)),
        (EntryKind.TREATMENT, today - timedelta(days=1)),
    ]
    assert items[0].red_flag and "Warning signs" in items[0].detail
    only = mine.timeline.items(today, today, frozenset({EntryKind.OUTCOME}))
    assert [i.title for i in only] == ["NPRS 4 of 10"]
    assert mine.timeline.items(today - timedelta(days=30), today - timedelta(days=2)) == []


def test_demo_diary_tells_a_story_of_pain_that_responds(context: AppContext) -> None:
    from coach.services.demo import seed_demo
    from coach.services.demo_diary import INJECTION_DAY

    seed_demo(context)
    today = context.own_patient().diary.today()
    first = today - timedelta(days=69)
    pains = context.own_patient().diary.pain_between(first, today)
    treatments = context.own_patient().diary.treatments_between(first, today)
    assert len(pains) > 50 and len(context.own_patient().diary.checkins_between(first, today)) > 50
    assert {t.kind for t in treatments} == {
        TreatmentKind.EPIDURAL_STEROID,
        TreatmentKind.PHYSICAL_THERAPY,
    }
    injection = first + timedelta(days=INJECTION_DAY)

    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    before = [p.intensity for p in pains if p.local_day and p.local_day < injection]
    after = [
        p.intensity for p in pains if p.local_day and p.local_day > injection + timedelta(days=14)
    ]
    assert mean(before) - mean(after) >= 2
    odi = context.own_patient().outcomes.history(Instrument.ODI)
    psfs_scores = context.own_patient().outcomes.history(Instrument.PSFS)
    assert len(odi) == len(psfs_scores) == 4
    assert odi[-1].result.score < odi[0].result.score
    assert psfs_scores[-1].result.score > psfs_scores[0].result.score


def test_undoing_a_delete_never_overwrites_an_entry_made_since(
    patient: AppContext, clock: ManualClock
) -> None:
    """The evening prompt and the Today page add entries outside the diary's undo history: an
    undone delete must come back beside them, not in place of one that took its number."""
    mine = patient.own_patient()
    today = mine.diary.today()
    yesterday = mine.diary.add_checkin(CheckIn(today - timedelta(days=1), 6, 4)).record
    removed_checkin = mine.diary.delete_checkin(yesterday.id).record
    tonight = mine.diary.add_checkin(CheckIn(today, 3, 2)).record
    morning = mine.diary.add_pain(pain(patient, 4, note="morning")).record
    removed_pain = mine.diary.delete_pain(morning.id).record
    evening = mine.diary.add_pain(pain(patient, 2, note="evening")).record
    week = mine.diary.add_treatment(Treatment(TreatmentKind.MASSAGE, today)).record
    removed_treatment = mine.diary.delete_treatment(week.id).record
    later = mine.diary.add_treatment(Treatment(TreatmentKind.ACUPUNCTURE, today)).record
    score = mine.outcomes.record(OutcomeScore(NprsAnswers(6), clock.now())).record
    removed_score = mine.outcomes.delete(score.id).record
    newer = mine.outcomes.record(OutcomeScore(NprsAnswers(3), clock.now())).record

    mine.diary.restore_checkin(removed_checkin)
    mine.diary.restore_pain(removed_pain)
    mine.diary.restore_treatment(removed_treatment)
    mine.outcomes.restore(removed_score)

    assert mine.diary.checkin(tonight.id) == tonight
    assert mine.diary.checkin(removed_checkin.id) == removed_checkin
    assert mine.diary.pain(evening.id) == evening
    assert mine.diary.pain(removed_pain.id) == removed_pain
    assert mine.diary.treatment(later.id) == later
    assert mine.diary.treatment(removed_treatment.id) == removed_treatment
    assert mine.outcomes.get(newer.id) == newer
    assert mine.outcomes.get(removed_score.id) == removed_score
    assert count(patient, daily_checkin) == 2 and count(patient, pain_entry) == 2
    assert count(patient, treatment) == 2 and count(patient, outcome_score) == 2
