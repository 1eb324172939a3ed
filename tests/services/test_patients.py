"""The caseload: patients are added, edited, archived, found and deleted; identifiers stay
unique; a patient's copy has its one patient from the welcome."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.domain.profile import Role, ValidationError
from coach.services.changes import Area
from coach.services.context import AppContext
from coach.services.patients import MissingPatientError
from coach.store.backup import list_backups


@pytest.fixture
def therapist(context: AppContext) -> AppContext:
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    return context


def test_the_welcome_as_a_patient_makes_the_one_patient(patient: AppContext) -> None:
    assert [p.name for p in patient.patients.list()] == ["Robin"]
    assert patient.own_patient().patient_id == patient.patients.list()[0].id


def test_a_therapist_starts_without_patients(therapist: AppContext) -> None:
    assert therapist.patients.list() == []


def test_a_patient_profile_edit_reaches_the_patient_row(patient: AppContext) -> None:
    patient.profile.update(
        name="Robin Example",
        role=Role.PATIENT,
        timezone=patient.profile.timezone_name(),
        date_of_birth=date(1980, 5, 4),
        patient_identifier="R-9",
    )
    (row,) = patient.patients.list()
    assert (row.name, row.date_of_birth, row.identifier) == (
        "Robin Example",
        date(1980, 5, 4),
        "R-9",
    )


def test_add_edit_archive_and_find(therapist: AppContext) -> None:
    changes, jo = therapist.patients.add(name="  Jo   Doe ", identifier=" P-1 ")
    assert changes.touches(Area.PATIENTS)
    assert (jo.name, jo.identifier) == ("Jo Doe", "P-1") and len(jo.uid) == 32
    therapist.patients.add(name="Kim Roe")
    assert [p.name for p in therapist.patients.list()] == ["Jo Doe", "Kim Roe"]
    _, edited = therapist.patients.update(jo.id, name="Joanna Doe", identifier="P-1")
    assert edited.uid == jo.uid
    assert therapist.patients.find("P-1").name == "Joanna Doe"
    assert therapist.patients.find(jo.uid).id == jo.id
    therapist.patients.archive(jo.id)
    assert [p.name for p in therapist.patients.list()] == ["Kim Roe"]
    assert [p.name for p in therapist.patients.list(archived=True)] == ["Joanna Doe"]
    assert len(therapist.patients.list(archived=None)) == 2
    with pytest.raises(MissingPatientError):
        therapist.patients.find("nobody")


def test_a_duplicate_identifier_is_refused_at_its_field(therapist: AppContext) -> None:
    therapist.patients.add(name="Jo Doe", identifier="P-1")
    _, kim = therapist.patients.add(name="Kim Roe")
    with pytest.raises(ValidationError) as refused:
        therapist.patients.add(name="Sam Poe", identifier="P-1")
    assert refused.value.field == "identifier"
    with pytest.raises(ValidationError) as refused:
        therapist.patients.update(kim.id, name="Kim Roe", identifier="P-1")
    assert refused.value.field == "identifier"
    therapist.patients.add(name="Sam Poe")  # many may have no identifier
    assert len(therapist.patients.list()) == 3


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "Jo", "identifier": "x" * 65}, "identifier"),
        ({"name": "Jo", "date_of_birth": date(1899, 12, 31)}, "date_of_birth"),
    ],
)
def test_bad_input_is_refused_with_its_field(
    therapist: AppContext, fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        therapist.patients.add(**fields)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert therapist.patients.list() == []


def test_a_date_of_birth_in_the_future_is_refused(therapist: AppContext) -> None:
    tomorrow = therapist.profile.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        therapist.patients.add(name="Jo", date_of_birth=tomorrow)
    assert refused.value.field == "date_of_birth"


def test_deleting_a_patient_takes_a_backup_and_their_records_go(therapist: AppContext) -> None:
    from coach.domain.diary import PainEntry

    _, jo = therapist.patients.add(name="Jo Doe")
    _, kim = therapist.patients.add(name="Kim Roe")
    now = therapist.clock.now()
    therapist.patient(jo.id).diary.add_pain(PainEntry(now, 4))
    therapist.patient(kim.id).diary.add_pain(PainEntry(now, 6))
    assert therapist.paths is not None
    before = len(list_backups(therapist.paths.backups))
    changes = therapist.patients.delete(jo.id)
    assert changes.touches(Area.PATIENTS)
    assert len(list_backups(therapist.paths.backups)) == before + 1
    assert [p.name for p in therapist.patients.list()] == ["Kim Roe"]
    today = therapist.profile.today()
    assert therapist.patient(jo.id).diary.pain_between(today, today) == []
    assert [e.intensity for e in therapist.patient(kim.id).diary.pain_between(today, today)] == [6]
    with pytest.raises(MissingPatientError):
        therapist.patients.delete(jo.id)


def test_an_empty_caseload_reads_empty_and_refuses_to_write(therapist: AppContext) -> None:
    from coach.domain.diary import PainEntry
    from coach.services.context import NoPatientError

    today = therapist.profile.today()
    assert therapist.own_patient().diary.pain_between(today, today) == []
    assert therapist.own_patient().programmes.programmes() == []
    assert therapist.own_patient().today.view(today).programmes == ()
    with pytest.raises(NoPatientError):
        therapist.own_patient().diary.add_pain(PainEntry(therapist.clock.now(), 4))
    assert therapist.patients.list() == []  # reading made no patient
    _, jo = therapist.patients.add(name="Jo Doe")
    assert therapist.opened_patient().patient_id == jo.id  # the first patient opens from then on


def test_reading_before_the_welcome_makes_no_patient(context: AppContext) -> None:
    today = context.profile.today()
    assert context.own_patient().today.view(today).name == ""
    assert context.patients.list() == []
    context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
    assert [p.name for p in context.patients.list()] == ["Robin"]
