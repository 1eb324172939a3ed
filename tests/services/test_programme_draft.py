"""The builder's draft without Qt: what is open, what changed, how it saves, and how a new
programme starts (signed with the therapist's details, without a template's own notes)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Author, Programme, ProgrammeItem
from coach.services.context import AppContext
from coach.services.programme_draft import Kind, ProgrammeDraft

BRIDGE = ProgrammeItem("bridge", Dosage(sets=2, reps=12))
BIRD_DOG = ProgrammeItem("bird-dog", Dosage(reps=8, hold_s=5))


def _settings_with_therapist(app: AppContext) -> None:
    app.profile.update(
        name="Robin",
        role=Role.PATIENT,
        timezone=app.profile.timezone_name(),
        therapist_name="Dr Lee",
        clinic="Riverside Physio",
        contact="555-0100",
    )


def test_a_new_programme_is_signed_with_the_therapist_from_settings(patient: AppContext) -> None:
    mine = patient.own_patient()
    assert ProgrammeDraft.new(mine.programmes).value.author == Author()
    _settings_with_therapist(patient)
    draft = ProgrammeDraft.new(mine.programmes)
    assert draft.value.author == Author("Dr Lee", "Riverside Physio", "555-0100")
    assert draft.value.start_date == mine.programmes.today()
    assert (draft.kind, draft.editable, draft.stored, draft.changed) == (
        Kind.PROGRAMME,
        True,
        False,
        False,
    )


def test_a_programme_from_a_template_leaves_the_template_notes_behind(
    patient: AppContext,
) -> None:
    mine = patient.own_patient()
    template = Programme(
        uid="starter-1",
        name="Core basics",
        start_date=date(2026, 1, 1),
        items=(BRIDGE,),
        goal="A stronger back",
        notes="Check with your therapist that it suits you.",
        author=Author("Template author"),
        is_template=True,
    )
    starter = ProgrammeDraft(Kind.STARTER, template)
    assert not starter.editable and starter.key == "starter-1"
    fresh = starter.started_programme(mine.programmes)
    value = fresh.value
    assert value.notes == "" and value.goal == "A stronger back" and value.items == (BRIDGE,)
    assert (value.is_template, value.id, fresh.kind, fresh.changed) == (
        False,
        None,
        Kind.PROGRAMME,
        True,
    )
    assert value.author == Author("Template author")  # no therapist kept in Settings
    _settings_with_therapist(patient)
    signed = starter.started_programme(mine.programmes).value
    assert signed.author.name == "Dr Lee"
    with pytest.raises(ValueError, match="template"):
        fresh.started_programme(mine.programmes)


def test_edits_mark_the_draft_changed_only_when_something_differs(patient: AppContext) -> None:
    draft = ProgrammeDraft.new(patient.own_patient().programmes)
    draft.set_items(())
    draft.edit(draft.value)
    assert not draft.changed
    draft.edit(dataclasses.replace(draft.value, name="Morning", items=(BIRD_DOG,)))
    assert draft.changed and draft.value.name == "Morning"
    assert draft.value.items == ()  # the fields never carry the items
    draft.set_items((BRIDGE,))
    assert draft.value.items == (BRIDGE,)


def test_a_starter_takes_no_edits_and_is_not_saved(patient: AppContext) -> None:
    value = Programme(uid="s", name="S", start_date=date(2026, 1, 1), items=(BRIDGE,))
    starter = ProgrammeDraft(Kind.STARTER, dataclasses.replace(value, is_template=True))
    starter.set_items((BIRD_DOG,))
    assert not starter.changed and starter.value.items == (BRIDGE,)
    with pytest.raises(ValueError, match="starter"):
        starter.save(patient.own_patient().programmes)


def test_saving_creates_then_versions_from_today(patient: AppContext) -> None:
    service = patient.own_patient().programmes
    draft = ProgrammeDraft.new(service)
    draft.edit(dataclasses.replace(draft.value, name="Evening"))
    draft.set_items((BRIDGE,))
    created = draft.save(service)
    assert created.changes and not created.from_today and created.kind is Kind.PROGRAMME
    stored = service.get(created.programme_id)
    assert stored is not None and stored.name == "Evening"

    reopened = ProgrammeDraft(Kind.PROGRAMME, stored)
    reopened.set_items((BRIDGE, BIRD_DOG))
    edited = reopened.save(service)
    assert edited.programme_id == created.programme_id and edited.from_today
    again = service.get(created.programme_id)
    assert again is not None and [i.exercise_id for i in again.items] == ["bridge", "bird-dog"]

    later = dataclasses.replace(stored, start_date=service.today() + timedelta(days=7))
    assert not ProgrammeDraft(Kind.PROGRAMME, later).save(service).from_today

    as_template = reopened.save_as_template(service)
    assert as_template.kind is Kind.TEMPLATE
    assert [t.id for t in service.templates()] == [as_template.programme_id]


def test_a_swap_up_the_ladder_is_an_edit_saved_with_the_programme(patient: AppContext) -> None:
    mine = patient.own_patient()
    draft = ProgrammeDraft.new(mine.programmes)
    draft.edit(dataclasses.replace(draft.value, name="Core"))
    draft.set_items([BIRD_DOG, BRIDGE])
    harder = patient.exercises.harder("bridge")
    assert harder is not None
    item = draft.swap_exercise(1, harder)
    assert draft.changed and draft.value.items == (BIRD_DOG, item)
    assert item.exercise_id == "bridge-march" and item.days == BRIDGE.days
    saved = draft.save(mine.programmes)
    stored = mine.programmes.get(saved.programme_id)
    assert stored is not None and [i.exercise_id for i in stored.items] == [
        "bird-dog",
        "bridge-march",
    ]
