"""Two patients in one therapist's copy: every output for the open patient shows only theirs.

Both patients have a programme, a session, pain entries, a check-in on the same day (allowed:
one per patient per day), a treatment and a score, each with values only that patient has. Then
every service, the progress sheet's data, the handout's data, the CSV export and the kept first
screen are read for one patient and must hold none of the other's rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from histories import Done, History, Item

from coach.domain.clock import ManualClock
from coach.domain.profile import Role
from coach.services import first_screen, reports
from coach.services.context import AppContext
from coach.services.timeline import EntryKind


@dataclass(frozen=True)
class Person:
    name: str
    identifier: str
    programme: str
    pain: int
    site: str
    score: int


PEOPLE = (
    Person("Jo Doe", "P-1", "Extension for Jo", 3, "left knee", 2),
    Person("Kim Roe", "P-2", "Core for Kim", 8, "neck", 7),
)


@pytest.fixture
def caseload(context: AppContext) -> dict[str, int]:
    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    today = context.profile.today()
    start = today - timedelta(days=6)
    ids: dict[str, int] = {}
    for person in PEOPLE:
        _, patient = context.patients.add(name=person.name, identifier=person.identifier)
        ids[person.name] = patient.id
        history = History(context.store.engine, patient.id)
        programme = history.programme(start, [Item("bridge")], name=person.programme)
        history.session(
            today - timedelta(days=1), programme, [Done("bridge")], pain_before=person.pain
        )
        history.pain(today - timedelta(days=2), person.pain)
        history.checkin(today - timedelta(days=1), worst=person.pain, typical=person.pain)
        history.treatment(today - timedelta(days=3), "epidural_steroid_injection", person.site)
        history.nprs(today - timedelta(days=2), person.score)
    return ids


def _other(person: Person) -> Person:
    return PEOPLE[1] if person is PEOPLE[0] else PEOPLE[0]


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.name)
def test_every_service_shows_only_the_open_patient(
    context: AppContext, caseload: dict[str, int], person: Person
) -> None:
    mine = context.patient(caseload[person.name])
    today = context.profile.today()
    first, last = today - timedelta(days=28), today
    assert [p.name for p in mine.programmes.programmes()] == [person.programme]
    assert [p.name for p in mine.programmes.active_on(today)] == [person.programme]
    assert {p.programme.name for p in mine.programmes.prescription_on(today)} == {person.programme}
    assert [e.intensity for e in mine.diary.pain_between(first, last)] == [person.pain]
    assert [c.typical_pain for c in mine.diary.checkins_between(first, last)] == [person.pain]
    assert [t.site for t in mine.diary.treatments_between(first, last)] == [person.site]
    assert [s.result.score for s in mine.outcomes.between(first, last)] == [person.score]
    timeline = mine.timeline.items(first, last)
    assert sum(1 for i in timeline if i.kind is EntryKind.SESSION) == 1
    assert sum(1 for i in timeline if i.kind is EntryKind.TREATMENT) == 1
    assert all(_other(person).site not in i.detail for i in timeline)
    pains = mine.progress.pain_series(first, last)
    assert {round(p.mean) for p in pains} == {person.pain}
    daily = [
        d for d in mine.progress.daily_adherence(today - timedelta(days=6), today) if d.prescribed
    ]
    assert sum(d.done for d in daily) == 1  # their one session, not the other's
    assert mine.progress.span() is not None and mine.progress.span()[0] == today - timedelta(days=6)
    view = mine.today.view(today)
    assert view.name == person.name
    assert [p.name for p in view.programmes] == [person.programme]
    done = mine.sessions.progress_on(today - timedelta(days=1))
    assert [(i.prescribed.programme.name, i.full) for i in done] == [(person.programme, 1)]
    theirs = context.patient(caseload[_other(person).name]).timeline.items(first, last)
    session_id = next(i.id for i in theirs if i.kind is EntryKind.SESSION)
    assert mine.sessions.session(session_id) is None and mine.sessions.logs(session_id) == []


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.name)
def test_the_printed_documents_are_about_the_open_patient(
    context: AppContext, caseload: dict[str, int], person: Person
) -> None:
    mine = context.patient(caseload[person.name])
    today = context.profile.today()
    sheet = reports.progress_sheet(mine, today - timedelta(days=28), today)
    assert (sheet.header.patient, sheet.header.patient_id) == (person.name, person.identifier)
    assert sheet.header.therapist == "Alex Therapist"
    assert [row.detail for row in sheet.treatments] == [person.site]
    assert [p.name for p in sheet.programmes] == [person.programme]
    handouts = reports.handouts_for_today(mine)
    assert [(h.patient, h.programme) for h in handouts] == [(person.name, person.programme)]


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.name)
def test_the_csv_export_holds_only_the_open_patients_rows(
    context: AppContext, caseload: dict[str, int], person: Person, tmp_path: Path
) -> None:
    mine = context.patient(caseload[person.name])
    written = {p.name: p for p in mine.data_export.export_csv(tmp_path / "out")}

    def rows(name: str) -> list[dict[str, str]]:
        with written[name].open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    assert [r["intensity"] for r in rows("pain_entries.csv")] == [str(person.pain)]
    assert len(rows("sessions.csv")) == 1 and len(rows("exercise_logs.csv")) == 1
    assert [r["typical_pain"] for r in rows("checkins.csv")] == [str(person.pain)]
    assert [r["site"] for r in rows("treatments.csv")] == [person.site]
    assert len(rows("outcome_scores.csv")) == 1


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.name)
def test_the_kept_first_screen_is_the_open_patients(
    context: AppContext, caseload: dict[str, int], person: Person
) -> None:
    context.open_patient(caseload[person.name])
    screen = first_screen.capture(context)
    assert screen is not None and screen.patient_id == caseload[person.name]
    today = screen.view_on(context.profile.today())
    assert today is not None
    assert [p.name for p in today.programmes] == [person.programme]
    assert context.paths is not None
    first_screen.save(context.paths.database, screen)
    kept = first_screen.load(context.paths.database)
    assert kept is not None and kept.patient_id == caseload[person.name]


def test_a_check_in_a_day_is_per_patient(context: AppContext, caseload: dict[str, int]) -> None:
    """Both have a check-in on the same day; a second one for the same patient is refused."""
    from coach.domain.diary import CheckIn
    from coach.domain.profile import ValidationError

    jo = context.patient(caseload["Jo Doe"])
    with pytest.raises(ValidationError):
        jo.diary.add_checkin(CheckIn(context.profile.today() - timedelta(days=1), 5, 4))


def test_one_patient_cannot_reach_anothers_rows_by_id(
    context: AppContext, caseload: dict[str, int]
) -> None:
    jo = context.patient(caseload["Jo Doe"])
    kim = context.patient(caseload["Kim Roe"])
    today = context.profile.today()
    kims = kim.diary.pain_between(today - timedelta(days=28), today)[0]
    assert kims.id is not None and jo.diary.pain(kims.id) is None
    kims_programme = kim.programmes.programmes()[0]
    assert kims_programme.id is not None and jo.programmes.get(kims_programme.id) is None


def test_start_up_closes_every_patients_interrupted_session(
    context: AppContext, caseload: dict[str, int], clock: ManualClock
) -> None:
    """A crash can leave a session open for any patient, not only the one opened next time."""
    from coach.app import build_context

    started = {}
    for name, patient_id in caseload.items():
        mine = context.patient(patient_id)
        programme_id = mine.programmes.programmes()[0].id
        assert programme_id is not None
        plan = mine.sessions.plan(programme_id)
        assert plan is not None
        started[name], _ = mine.sessions.start(plan, 4, {})
    assert context.paths is not None
    reopened = build_context(context.paths.root, clock=clock)
    try:
        assert reopened.recover_interrupted_sessions()
        for name, patient_id in caseload.items():
            stored = reopened.patient(patient_id).sessions.session(started[name])
            assert stored is not None and stored.status == "stopped"
        assert not reopened.recover_interrupted_sessions()
    finally:
        reopened.close(backup=False)
