"""The exercise library service: search, filters, load problems and custom exercises."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from coach.domain.dosage import Dosage, Sides
from coach.domain.exercise import Category, Equipment, Exercise, Position, Region
from coach.domain.profile import ValidationError
from coach.services.changes import Area, Changes
from coach.services.context import AppContext
from coach.services.custom_exercise import ExerciseDraft, draft_of
from coach.services.exercises import ExerciseService, LibraryProblem, LibraryQuery
from coach.store.schema import custom_exercise


def shipped(
    exercise_id: str,
    name: str,
    category: Category,
    regions: tuple[Region, ...],
    position: Position,
    *,
    synonyms: tuple[str, ...] = (),
    equipment: tuple[Equipment, ...] = (),
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=name,
        category=category,
        regions=regions,
        position=position,
        summary=f"{name} summary",
        steps=("First step.", "Second step."),
        dosage=Dosage(),
        dosage_source="test fixture",
        synonyms=synonyms,
        equipment=equipment,
    )


LIBRARY = (
    shipped(
        "prone-press-up",
        "Prone press-up",
        Category.MCKENZIE,
        (Region.LUMBAR,),
        Position.PRONE,
        synonyms=("Extension in lying",),
        equipment=(Equipment.MAT,),
    ),
    shipped(
        "chin-tuck",
        "Chin tuck",
        Category.MCKENZIE,
        (Region.CERVICAL,),
        Position.SITTING,
        synonyms=("Cervical retraction",),
        equipment=(Equipment.CHAIR,),
    ),
    shipped(
        "bridge",
        "Bridge",
        Category.CORE,
        (Region.LUMBAR, Region.HIP),
        Position.SUPINE,
        equipment=(Equipment.MAT,),
    ),
    shipped(
        "doorway-pec",
        "Doorway chest stretch",
        Category.FLEXIBILITY,
        (Region.THORACIC, Region.SHOULDER),
        Position.STANDING,
        equipment=(Equipment.DOORWAY,),
    ),
)
BROKEN = LibraryProblem("broken.json", "dosage.reps", "must be between 1 and 50")


def fake_loader(folder: Path) -> tuple[Sequence[Exercise], Sequence[LibraryProblem]]:
    return LIBRARY, (BROKEN,)


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def service(patient: AppContext, tmp_path: Path) -> ExerciseService:
    return ExerciseService(patient.db, tmp_path / "images", loader=fake_loader)


def ids(exercises: Sequence[Exercise]) -> list[str]:
    return [e.id for e in exercises]


def draft(**changes: object) -> ExerciseDraft:
    values: dict[str, object] = {
        "name": "  Towel  squeeze ",
        "steps": ("1. Sit tall.", "2) Squeeze the towel between your knees.", "", "Let go."),
        "summary": "Gentle inner-thigh work.",
        "cautions": ("Stop if your groin hurts.",),
        "dosage": Dosage(sets=2, reps=12, hold_s=3, sides=Sides.NONE, times_per_day=2),
        "category": Category.CORE,
        "region": Region.HIP,
        "position": Position.SITTING,
    }
    values.update(changes)
    return ExerciseDraft(**values)  # type: ignore[arg-type]


def test_library_is_sorted_by_name_and_loaded_once(patient: AppContext, tmp_path: Path) -> None:
    calls: list[Path] = []

    def counting(folder: Path) -> tuple[Sequence[Exercise], Sequence[LibraryProblem]]:
        calls.append(folder)
        return fake_loader(folder)

    service = ExerciseService(patient.db, tmp_path, folder=tmp_path / "ex", loader=counting)
    assert calls == []  # nothing is read until the library is first needed
    assert ids(service.all()) == ["bridge", "chin-tuck", "doorway-pec", "prone-press-up"]
    service.search(LibraryQuery(text="bridge"))
    service.get("bridge")
    assert calls == [tmp_path / "ex"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("press", ["prone-press-up"]),
        ("extension in LYING", ["prone-press-up"]),  # a synonym, any case
        ("  cervical   retraction ", ["chin-tuck"]),
        ("", ["bridge", "chin-tuck", "doorway-pec", "prone-press-up"]),
        ("handstand", []),
    ],
)
def test_search_by_name_and_synonym(
    service: ExerciseService, text: str, expected: list[str]
) -> None:
    assert ids(service.search(LibraryQuery(text=text))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (LibraryQuery(category=Category.MCKENZIE), ["chin-tuck", "prone-press-up"]),
        (LibraryQuery(region=Region.LUMBAR), ["bridge", "prone-press-up"]),
        (LibraryQuery(region=Region.SHOULDER), ["doorway-pec"]),
        (LibraryQuery(position=Position.SUPINE), ["bridge"]),
        (LibraryQuery(equipment=Equipment.MAT), ["bridge", "prone-press-up"]),
        (LibraryQuery(equipment=Equipment.STRAP), []),
        (LibraryQuery(text="bridge", category=Category.MCKENZIE), []),
        (LibraryQuery(category=Category.MCKENZIE, region=Region.CERVICAL), ["chin-tuck"]),
    ],
)
def test_each_filter(service: ExerciseService, query: LibraryQuery, expected: list[str]) -> None:
    assert ids(service.search(query)) == expected


def test_facets_offer_only_values_in_use(service: ExerciseService) -> None:
    facets = service.facets()
    assert facets.categories == (Category.MCKENZIE, Category.CORE, Category.FLEXIBILITY)
    assert Region.KNEE not in facets.regions and Region.SHOULDER in facets.regions
    assert facets.equipment == (Equipment.MAT, Equipment.CHAIR, Equipment.DOORWAY)


def test_shipped_problems_are_kept_for_the_page(service: ExerciseService) -> None:
    assert service.problems() == (BROKEN,)
    assert str(BROKEN) == "broken.json, field dosage.reps: must be between 1 and 50"


def test_create_custom_cleans_the_draft_and_stores_it(
    service: ExerciseService, patient: AppContext
) -> None:
    created, changes = service.create_custom(draft())
    assert changes == Changes.of(Area.EXERCISES)
    assert created.custom and created.id.startswith("custom-")
    assert created.name == "Towel squeeze"
    assert created.steps == ("Sit tall.", "Squeeze the towel between your knees.", "Let go.")
    assert created.dosage.reps == 12 and created.regions == (Region.HIP,)
    assert service.get(created.id) == created
    assert ids(service.search(LibraryQuery(text="towel"))) == [created.id]
    assert ids(service.search(LibraryQuery(position=Position.SITTING))) == ["chin-tuck", created.id]
    with patient.db.read() as conn:
        stored = conn.execute(custom_exercise.select()).mappings().one()
    assert stored["definition"]["steps"][0] == "Sit tall."
    assert stored["definition"]["dosage"]["sides"] == "none"
    # A fresh service (the next start) reads the same exercise back.
    again = ExerciseService(patient.db, None, loader=fake_loader)
    assert again.get(created.id) == created


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"steps": ("", "  ")}, "steps"),
        ({"steps": tuple(f"step {n}" for n in range(21))}, "steps"),
        ({"cautions": ("y" * 301,)}, "cautions"),
        ({"summary": "z" * 401}, "summary"),
    ],
)
def test_bad_drafts_name_the_field(
    service: ExerciseService, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        service.create_custom(draft(**changes))
    assert caught.value.field == field
    assert service.all() == tuple(sorted(LIBRARY, key=lambda e: e.name))


def test_edit_custom(service: ExerciseService) -> None:
    created, _ = service.create_custom(draft())
    edited, changes = service.update_custom(
        created.id, draft(name="Towel squeeze, lying", position=Position.SUPINE)
    )
    assert changes.touches(Area.EXERCISES)
    assert edited.id == created.id and edited.position is Position.SUPINE
    assert [e.name for e in service.all() if e.custom] == ["Towel squeeze, lying"]


def test_delete_custom_hides_it_but_history_can_still_name_it(service: ExerciseService) -> None:
    created, _ = service.create_custom(draft())
    assert service.delete_custom(created.id) == Changes.of(Area.EXERCISES)
    assert created.id not in ids(service.all())
    assert service.get(created.id) == created
    with pytest.raises(ValidationError):
        service.delete_custom(created.id)
    with pytest.raises(ValidationError):
        service.update_custom(created.id, draft())


def test_shipped_exercises_cannot_be_edited_or_deleted(service: ExerciseService) -> None:
    with pytest.raises(ValidationError):
        service.update_custom("bridge", draft())
    with pytest.raises(ValidationError):
        service.delete_custom("bridge")


def test_custom_image_is_checked_copied_and_replaced(
    service: ExerciseService, tmp_path: Path
) -> None:
    chosen = tmp_path / "my picture.png"
    chosen.write_bytes(tiny_png())
    created, _ = service.create_custom(draft(new_image=chosen))
    assert created.image_path is not None
    stored = Path(created.image_path)
    assert stored.parent == tmp_path / "images" and stored.read_bytes() == tiny_png()
    chosen.unlink()  # the library keeps its own copy
    kept, _ = service.update_custom(created.id, draft_of(created))
    assert kept.image_path == created.image_path

    svg = tmp_path / "new.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>')
    replaced, _ = service.update_custom(created.id, draft(new_image=svg))
    assert replaced.image_path is not None and replaced.image_path.endswith(".svg")
    assert not stored.exists()  # nothing else used the old picture


def test_bad_image_is_refused_with_the_reason_and_nothing_saved(
    service: ExerciseService, tmp_path: Path
) -> None:
    bad = tmp_path / "photo.png"
    bad.write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>")
    with pytest.raises(ValidationError) as caught:
        service.create_custom(draft(new_image=bad))
    assert caught.value.field == "image" and "script" in caught.value.message
    assert not any(e.custom for e in service.all())
    assert not (tmp_path / "images").exists()


def test_images_need_a_data_folder(patient: AppContext, tmp_path: Path) -> None:
    service = ExerciseService(patient.db, None, loader=fake_loader)
    chosen = tmp_path / "p.png"
    chosen.write_bytes(tiny_png())
    with pytest.raises(ValidationError, match="local data folder"):
        service.create_custom(draft(new_image=chosen))


def test_unreadable_custom_row_is_reported_while_the_rest_load(
    service: ExerciseService, patient: AppContext
) -> None:
    good, _ = service.create_custom(draft())
    with patient.db.read() as conn:
        broken = conn.execute(custom_exercise.select()).mappings().one()["definition"]
    broken["dosage"]["reps"] = 500  # as if edited by hand
    with patient.db.transaction() as conn:
        conn.execute(
            custom_exercise.insert().values(
                uid="custom-broken",
                name="Hand-edited",
                definition=broken,
                created_at=patient.clock.now(),
                updated_at=patient.clock.now(),
            )
        )
    fresh = ExerciseService(patient.db, None, loader=fake_loader)
    assert good.id in ids(fresh.all())
    problem = fresh.problems()[-1]
    assert problem.source == "custom exercise 'Hand-edited'"
    assert problem.field == "dosage.reps" and "between 1 and 50" in problem.message


def test_the_app_context_offers_the_service(patient: AppContext) -> None:
    assert isinstance(patient.exercises, ExerciseService)


def test_malformed_shipped_file_is_reported_while_the_rest_load(
    patient: AppContext, tmp_path: Path
) -> None:
    from coach.paths import exercises_dir

    folder = tmp_path / "exercises"
    folder.mkdir()
    good = json.loads((exercises_dir() / "bridge.json").read_text(encoding="utf-8"))
    (folder / "bridge.json").write_text(json.dumps(good), encoding="utf-8")
    too_many = dict(good, id="bridge-too-many", dosage=dict(good["dosage"], reps=500))
    (folder / "bridge-too-many.json").write_text(json.dumps(too_many), encoding="utf-8")
    (folder / "half-written.json").write_text('{"id": "half-written", "name": ', "utf-8")

    service = ExerciseService(patient.db, None, folder=folder)
    assert ids(service.all()) == ["bridge"]
    problems = {problem.source: problem for problem in service.problems()}
    assert set(problems) == {"bridge-too-many.json", "half-written.json"}
    assert problems["bridge-too-many.json"].field == "dosage.reps"
    assert "50" in problems["bridge-too-many.json"].message
    assert "not valid JSON" in str(problems["half-written.json"])


def test_the_shipped_library_loads_whole(patient: AppContext) -> None:
    library = patient.exercises
    assert len(library.all()) >= 60 and library.problems() == ()
    assert library.search(LibraryQuery(text="extension in lying"))


def test_easier_and_harder_follow_the_ladders(patient: AppContext, tmp_path: Path) -> None:
    real = ExerciseService(patient.db, tmp_path / "images")
    harder = real.harder("bridge")
    assert harder is not None and harder.id == "bridge-march"
    easier = real.easier("side-plank")
    assert easier is not None and easier.id == "side-plank-knees"
    assert real.easier("prone-lying") is None
    assert real.harder("walking-programme") is None
    assert real.harder("no-such-exercise") is None
