"""Programme transfer use cases: preview wording and warnings, export, what commit returns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coach.domain.dosage import Dosage, Sides
from coach.domain.profile import ValidationError
from coach.domain.programme import Author, Programme, ProgrammeItem, Progressable, Progression
from coach.exchange.programme_file import FORMAT_NAME, ProgrammeFileError, to_document
from coach.services.changes import Area
from coach.services.context import AppContext


def programme(*items: ProgrammeItem, **changes: object) -> Programme:
    values: dict[str, object] = {
        "uid": "",
        "name": "Morning",
        "start_date": date(2026, 3, 12),
        "items": items or (ProgrammeItem("bridge", Dosage(sets=2, reps=12, hold_s=3)),),
        "author": Author("Dr Lee", "Riverside Physio", ""),
    }
    values.update(changes)
    return Programme(**values)  # type: ignore[arg-type]


def write(path: Path, value: Programme) -> Path:
    path.write_text(json.dumps(to_document(value)), encoding="utf-8")
    return path


def test_preview_describes_the_programme_in_plain_words(
    patient: AppContext, tmp_path: Path
) -> None:
    mine = patient.own_patient()
    value = programme(
        ProgrammeItem(
            "bird-dog",
            Dosage(sets=2, reps=6, hold_s=5, sides=Sides.ALTERNATE),
            days=frozenset({0, 2, 4}),
            progression=Progression(Progressable.HOLD_S, 2, 10),
            note="Back level.",
        ),
        ProgrammeItem("prone-press-up", Dosage(reps=10, times_per_day=6, days_per_week=3), None),
    )
    preview = mine.programme_transfer.preview(write(tmp_path / "p.coachprogramme", value))
    first, second = preview.items
    assert (preview.name, preview.author) == ("Morning", "Dr Lee, Riverside Physio")
    assert first.name == "Bird dog"
    assert first.dosage[0] == "2 sets of 6 repetitions, holding each for 5 seconds."
    assert first.schedule == "once a day, on Mon, Wed and Fri"
    assert first.progression == "Hold 2 seconds longer each week, up to 10 seconds."
    assert first.note == "Back level."
    assert second.schedule == "6 times a day, any 3 days a week"
    assert preview.estimated_seconds > 60
    assert preview.warnings == ()
    assert mine.programmes.programmes() == []


def test_long_and_finished_programmes_are_imported_with_a_warning(
    patient: AppContext, tmp_path: Path
) -> None:
    items = tuple(
        ProgrammeItem(exercise, Dosage())
        for exercise in ("bridge", "bird-dog", "cat-camel", "dead-bug", "clamshell")
    )
    value = programme(*items, start_date=date(2026, 1, 5), end_date=date(2026, 2, 1))
    preview = patient.own_patient().programme_transfer.preview(
        write(tmp_path / "p.coachprogramme", value)
    )
    assert any("5 exercises" in w for w in preview.warnings)
    assert any("ended on 1 February 2026" in w for w in preview.warnings)
    assert preview.programme.start_date == date(2026, 1, 5)  # history stays as it was


def test_an_unused_embedded_exercise_is_left_out(patient: AppContext, tmp_path: Path) -> None:
    mine = patient.own_patient()
    document = to_document(programme())
    document["custom_exercises"] = [
        {
            "id": "custom-aaaaaaaaaaaa",
            "definition": {
                "name": "Unused",
                "category": "core",
                "regions": ["hip"],
                "position": "sitting",
                "steps": ["Sit."],
                "dosage": {},
            },
            "image": None,
        }
    ]
    path = tmp_path / "p.coachprogramme"
    path.write_text(json.dumps(document))
    preview = mine.programme_transfer.preview(path)
    assert preview.custom_exercises == ()
    assert "no item uses" in preview.warnings[0]
    _, changes = mine.programme_transfer.commit(preview)
    assert changes.areas == {Area.PROGRAMMES}
    assert patient.exercises.get("custom-aaaaaaaaaaaa") is None


def test_templates_import_as_templates(patient: AppContext, tmp_path: Path) -> None:
    mine = patient.own_patient()
    document = to_document(programme(is_template=True))
    del document["programme"]["start_date"]
    assert document["format"] == FORMAT_NAME
    path = tmp_path / "t.coachprogramme"
    path.write_text(json.dumps(document))
    template_id, _ = mine.programme_transfer.commit(mine.programme_transfer.preview(path))
    assert [t.id for t in mine.programmes.templates()] == [template_id]
    assert mine.programmes.programmes() == []


def test_export_of_a_missing_programme_or_to_a_missing_folder_says_so(
    patient: AppContext, tmp_path: Path
) -> None:
    mine = patient.own_patient()
    with pytest.raises(ValidationError, match="no longer exists"):
        mine.programme_transfer.export(999, tmp_path / "x.coachprogramme")
    created, _ = mine.programmes.create(programme())
    with pytest.raises(ValidationError, match="could not write"):
        mine.programme_transfer.export(created, tmp_path / "nowhere" / "x.coachprogramme")


def test_an_exported_file_reads_back(patient: AppContext, tmp_path: Path) -> None:
    mine = patient.own_patient()
    created, _ = mine.programmes.create(programme())
    out = tmp_path / "morning.coachprogramme"
    mine.programme_transfer.export(created, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == (FORMAT_NAME, 1)
    assert document["programme"]["items"][0]["days"] == [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun"
    ]  # fmt: skip
    assert not list(tmp_path.glob(".export-*"))  # no temporary file left behind


def test_a_missing_file_is_refused_plainly(patient: AppContext, tmp_path: Path) -> None:
    mine = patient.own_patient()
    with pytest.raises(ProgrammeFileError, match="does not exist"):
        mine.programme_transfer.preview(tmp_path / "gone.coachprogramme")
    with pytest.raises(ProgrammeFileError, match="is a folder"):
        mine.programme_transfer.preview(tmp_path)
