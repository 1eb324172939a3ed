"""Programmes: validation, versioned edits that never rewrite the past, progression."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage, Sides
from coach.domain.profile import ValidationError
from coach.domain.programme import (
    Author,
    Programme,
    ProgrammeItem,
    Progressable,
    Progression,
)
from coach.services.context import AppContext
from coach.services.programmes import ProgrammeService

KNOWN = {"prone-press-up", "chin-tuck", "bridge", "bird-dog", "cat-camel"}


@pytest.fixture
def service(patient: AppContext) -> ProgrammeService:
    return ProgrammeService(
        patient.db,
        patient.profile,
        lambda i: object() if i in KNOWN else None,  # type: ignore[arg-type, return-value]
        patient.own_patient().patient_id,
    )


def _programme(start: date, *items: ProgrammeItem, name: str = "Morning") -> Programme:
    return Programme(
        uid="",
        name=name,
        start_date=start,
        items=items,
        goal="Less leg pain",
        author=Author("Dr Lee", "Riverside Physio", "555-0100"),
    )


PRESS_UP = ProgrammeItem("prone-press-up", Dosage(sets=1, reps=10, hold_s=2, times_per_day=6))
BRIDGE = ProgrammeItem(
    "bridge", Dosage(sets=2, reps=12, hold_s=3, rest_s=30), days=frozenset({0, 2, 4})
)


def test_create_and_load_round_trip(service: ProgrammeService) -> None:
    created, changes = service.create(_programme(service.today(), PRESS_UP, BRIDGE))
    loaded = service.get(created)
    assert loaded is not None
    assert loaded.items == (PRESS_UP, BRIDGE)
    assert loaded.author.clinic == "Riverside Physio"
    assert loaded.uid
    assert changes


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "   "}, "name"),
        ({"items": ()}, "items"),
        ({"end_date": date(2020, 1, 1)}, "end_date"),
        ({"review_date": date(2020, 1, 1)}, "review_date"),
        ({"items": (ProgrammeItem("no-such-exercise", Dosage()),)}, "items"),
    ],
)
def test_invalid_programmes_are_refused_and_nothing_is_written(
    service: ProgrammeService, change: dict[str, object], field: str
) -> None:
    bad = dataclasses.replace(_programme(date(2026, 3, 1), PRESS_UP), **change)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        service.create(bad)
    assert caught.value.field == field
    assert service.programmes() == []


def test_dosage_out_of_range_is_refused_at_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Dosage(reps=500)
    assert caught.value.field == "reps"
    assert "between 1 and 50" in caught.value.message


def test_edit_mid_week_leaves_past_days_as_they_were(
    service: ProgrammeService, clock: ManualClock
) -> None:
    monday = date(2026, 3, 9)  # the test clock's Wednesday is 11 March
    created, _ = service.create(_programme(monday, PRESS_UP))
    stronger = dataclasses.replace(PRESS_UP, dosage=dataclasses.replace(PRESS_UP.dosage, reps=15))
    current = service.get(created)
    assert current is not None
    service.save(dataclasses.replace(current, items=(stronger, BRIDGE)))

    tuesday = [p.item for p in service.prescription_on(date(2026, 3, 10))]
    wednesday = [p.item for p in service.prescription_on(date(2026, 3, 11))]
    assert tuesday == [PRESS_UP]
    assert wednesday == [stronger, BRIDGE]
    assert service.version_days(created) == [monday, date(2026, 3, 11)]

    # A second edit the same day replaces today's version; yesterday is still untouched.
    clock.advance(3600)
    service.save(dataclasses.replace(current, items=(stronger,)))
    assert [p.item for p in service.prescription_on(date(2026, 3, 10))] == [PRESS_UP]
    assert [p.item for p in service.prescription_on(date(2026, 3, 11))] == [stronger]
    assert len(service.version_days(created)) == 2


def test_an_edit_after_the_clock_went_back_is_kept_not_refused(
    service: ProgrammeService, clock: ManualClock
) -> None:
    monday = date(2026, 3, 9)
    created, _ = service.create(_programme(monday, PRESS_UP))
    current = service.get(created)
    assert current is not None
    clock.advance(86400)  # Thursday: an edit dated then
    service.save(dataclasses.replace(current, items=(BRIDGE,)))
    clock.set_now(clock.now() - timedelta(days=2))  # put back to Tuesday: the next edit lands
    stronger = dataclasses.replace(PRESS_UP, dosage=dataclasses.replace(PRESS_UP.dosage, reps=15))
    service.save(dataclasses.replace(current, items=(stronger,)))
    assert service.version_days(created) == [monday, date(2026, 3, 12)]
    assert [p.item for p in service.prescription_on(date(2026, 3, 12))] == [stronger]
    assert [p.item for p in service.prescription_on(date(2026, 3, 10))] == [PRESS_UP]


def test_editing_before_the_start_keeps_a_single_version(service: ProgrammeService) -> None:
    later = service.today() + timedelta(days=5)
    created, _ = service.create(_programme(later, PRESS_UP))
    current = service.get(created)
    assert current is not None
    service.save(dataclasses.replace(current, items=(BRIDGE,), start_date=later + timedelta(1)))
    assert service.version_days(created) == [later + timedelta(1)]
    assert service.prescription_on(later) == []


def test_fixed_days_and_two_active_programmes(service: ProgrammeService) -> None:
    monday = date(2026, 3, 9)
    service.create(_programme(monday, PRESS_UP, name="Morning"))
    service.create(_programme(monday, BRIDGE, name="Evening"))
    monday_items = {p.item.exercise_id for p in service.prescription_on(monday)}
    tuesday_items = {p.item.exercise_id for p in service.prescription_on(monday + timedelta(1))}
    assert monday_items == {"prone-press-up", "bridge"}
    assert tuesday_items == {"prone-press-up"}  # the bridge is Mon/Wed/Fri


def test_programme_outside_its_dates_prescribes_nothing(service: ProgrammeService) -> None:
    start = date(2026, 3, 9)
    value = dataclasses.replace(_programme(start, PRESS_UP), end_date=start + timedelta(6))
    service.create(value)
    assert service.prescription_on(start - timedelta(1)) == []
    assert service.prescription_on(start + timedelta(7)) == []
    assert len(service.prescription_on(start + timedelta(6))) == 1


def test_weekly_progression_raises_the_hold_up_to_its_limit(service: ProgrammeService) -> None:
    start = date(2026, 3, 2)
    growing = ProgrammeItem(
        "bird-dog",
        Dosage(sets=1, reps=8, hold_s=5, sides=Sides.ALTERNATE),
        progression=Progression(Progressable.HOLD_S, 2, 10),
    )
    service.create(_programme(start, growing))
    holds = [service.prescription_on(start + timedelta(weeks=w))[0].dosage.hold_s for w in range(5)]
    assert holds == [5, 7, 9, 10, 10]


def test_templates_are_separate_and_can_start_a_programme(service: ProgrammeService) -> None:
    created, _ = service.create(_programme(date(2026, 3, 9), PRESS_UP))
    original = service.get(created)
    assert original is not None
    template_id, _ = service.save_as_template(original)
    assert [t.id for t in service.templates()] == [template_id]
    assert [p.id for p in service.programmes()] == [created]
    template = service.templates()[0]
    fresh = service.from_template(template)
    assert (fresh.id, fresh.is_template, fresh.start_date) == (None, False, service.today())
    assert fresh.uid != template.uid
    service.delete_template(template_id)
    assert service.templates() == []
    with pytest.raises(ValidationError):
        service.delete_template(created)


def test_archived_programmes_prescribe_nothing(service: ProgrammeService) -> None:
    created, _ = service.create(_programme(date(2026, 3, 9), PRESS_UP))
    service.archive(created)
    assert service.prescription_on(service.today()) == []
    assert service.programmes() == []
    assert [p.id for p in service.programmes(include_archived=True)] == [created]
