"""The starter templates: each loads through the programme file parser and makes sense."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.domain.programme import COMFORTABLE_LENGTH
from coach.exchange.programme_file import SUFFIX, read_programme
from coach.paths import templates_dir
from coach.services.context import AppContext
from coach.services.session_length import session_seconds

FILES = sorted(templates_dir().glob(f"*{SUFFIX}"))
REQUIRED = {
    "mckenzie-lumbar-extension",
    "mckenzie-cervical-retraction",
    "lumbar-flexion-bias",
    "core-stability-beginners",
    "mcgill-big-three",
    "low-back-flexibility",
    "neck-upper-back-posture",
}


def test_every_starter_named_by_the_brief_is_shipped() -> None:
    assert {path.stem for path in FILES} >= REQUIRED


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_template_validates_against_the_library(patient: AppContext, path: Path) -> None:
    parsed = read_programme(path, patient.own_patient().programmes.today())
    value = parsed.programme
    assert value.is_template and value.goal and value.notes
    assert 2 <= len(value.items) <= COMFORTABLE_LENGTH
    assert parsed.custom_exercises == ()
    for item in value.items:
        exercise = patient.exercises.get(item.exercise_id)
        assert exercise is not None and not exercise.custom, item.exercise_id
    # A programme a patient would keep up: well under a quarter of an hour a session.
    assert 60 < session_seconds(value.items, patient.exercises.get) < 15 * 60


def test_the_service_offers_them_all_without_problems(patient: AppContext) -> None:
    starters = patient.own_patient().programme_transfer.starters()
    assert starters.problems == ()
    assert len(starters.templates) == len(FILES) >= 7
    assert len({t.name for t in starters.templates}) == len(FILES)


def test_a_broken_template_is_reported_and_the_rest_still_load(
    patient: AppContext, tmp_path: Path
) -> None:
    from coach.services.programme_transfer import ProgrammeTransferService

    for path in FILES[:2]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "broken.coachprogramme").write_text('{"format": "coach-programme"')
    service = ProgrammeTransferService(
        patient.db,
        patient.own_patient().programmes,
        patient.exercises,
        None,
        templates_folder=tmp_path,
    )
    starters = service.starters()
    assert len(starters.templates) == 2
    (problem,) = starters.problems
    assert problem.startswith("broken.coachprogramme: ") and "not valid JSON" in problem
