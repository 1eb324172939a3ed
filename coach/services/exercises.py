"""The exercise library: shipped exercises plus the user's own, searched and filtered.

Shipped exercises are read from assets/exercises once, the first time anything asks (start-up
never waits for 60 files to parse); custom ones come from the database and are re-read after
each change. A file or row that cannot be read is kept as a `LibraryProblem` (where, which field,
what is wrong) so the library page can say so, while every other exercise still loads.

Custom exercises are created, edited and deleted here, each in one transaction returning
Changes.of(Area.EXERCISES). Deleting only hides an exercise from the library: programmes and
history that used it keep its name and instructions.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from coach.domain.exercise import Category, Equipment, Exercise, Position, Region
from coach.domain.profile import ValidationError
from coach.domain.progressions import rungs
from coach.exchange.images import CheckedImage, ImageRejected, read_image, store_image
from coach.services.changes import Area, Changes
from coach.services.custom_exercise import (
    ID_PREFIX,
    ExerciseDraft,
    clean,
    definition_of,
    exercise_of,
)
from coach.services.database import Database
from coach.store import custom_exercise_repo


@dataclass(frozen=True)
class LibraryProblem:
    """Something in the library that could not be read: where, which field, what is wrong."""

    source: str  # a file name, or "custom exercise 'Name'"
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}, field {self.field}" if self.field else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LibraryQuery:
    """What the library page asks for: text (name or synonym) and optional filters."""

    text: str = ""
    category: Category | None = None
    region: Region | None = None
    position: Position | None = None
    equipment: Equipment | None = None

    def accepts(self, exercise: Exercise) -> bool:
        return (
            exercise.matches(self.text)
            and (self.category is None or exercise.category is self.category)
            and (self.region is None or self.region in exercise.regions)
            and (self.position is None or exercise.position is self.position)
            and (self.equipment is None or self.equipment in exercise.equipment)
        )


@dataclass(frozen=True)
class Facets:
    """Which categories, regions, positions and equipment the library's exercises use."""

    categories: tuple[Category, ...]
    regions: tuple[Region, ...]
    positions: tuple[Position, ...]
    equipment: tuple[Equipment, ...]


E = TypeVar("E", Category, Region, Position, Equipment)

ShippedLoader = Callable[[Path], tuple[Sequence[Exercise], Sequence[LibraryProblem]]]


def load_shipped(folder: Path) -> tuple[Sequence[Exercise], Sequence[LibraryProblem]]:
    """Read the shipped exercise files with the exercise file format's loader."""
    from coach.exchange.exercise_format import load_library

    loaded = load_library(folder)
    problems = [
        LibraryProblem(problem.file, problem.field, problem.message) for problem in loaded.problems
    ]
    return loaded.exercises, problems


class ExerciseService:
    def __init__(
        self,
        db: Database,
        images_dir: Path | None,
        folder: Path | None = None,
        loader: ShippedLoader = load_shipped,
    ) -> None:
        self._db = db
        self._images_dir = images_dir
        self._folder = folder
        self._loader = loader
        self._lock = threading.Lock()
        self._shipped: tuple[tuple[Exercise, ...], tuple[LibraryProblem, ...]] | None = None
        self._custom: tuple[dict[str, Exercise], tuple[str, ...], tuple[LibraryProblem, ...]]
        self._custom_loaded = False
        self._single: dict[str, Exercise] = {}

    # --- reading -------------------------------------------------------------------------------

    def _shipped_library(self) -> tuple[tuple[Exercise, ...], tuple[LibraryProblem, ...]]:
        # Locked: the GUI may warm the library on a worker thread while a page asks for it.
        with self._lock:
            if self._shipped is None:
                from coach.paths import exercises_dir

                exercises, problems = self._loader(self._folder or exercises_dir())
                self._shipped = (tuple(exercises), tuple(problems))
            return self._shipped

    def _custom_library(
        self,
    ) -> tuple[dict[str, Exercise], tuple[str, ...], tuple[LibraryProblem, ...]]:
        """All custom exercises by id (deleted ones too), the live ids, and unreadable rows."""
        with self._lock:
            if not self._custom_loaded:
                with self._db.read() as conn:
                    rows = custom_exercise_repo.load_all(conn)
                found: dict[str, Exercise] = {}
                live: list[str] = []
                problems: list[LibraryProblem] = []
                for row in rows:
                    try:
                        found[row.uid] = exercise_of(
                            row.uid, row.definition, self._image_path(row.image_file)
                        )
                    except ValidationError as exc:
                        source = f"custom exercise '{row.name}'"
                        problems.append(LibraryProblem(source, exc.field, exc.message))
                        continue
                    if row.deleted_at is None:
                        live.append(row.uid)
                self._custom = (found, tuple(live), tuple(problems))
                self._custom_loaded = True
            return self._custom

    def _image_path(self, image_file: str | None) -> str | None:
        if image_file is None or self._images_dir is None:
            return None
        return str(self._images_dir / image_file)

    def custom_changed(self) -> None:
        """Read the custom exercises again: another service (a programme import) wrote some."""
        with self._lock:
            self._custom_loaded = False

    def warm(self) -> None:
        """Load everything now (call from a worker thread so the first page opens at once)."""
        self._shipped_library()
        self._custom_library()

    def all(self) -> tuple[Exercise, ...]:
        """Every exercise in the library, sorted by name."""
        shipped, _ = self._shipped_library()
        custom, live, _ = self._custom_library()
        return _by_name((*shipped, *(custom[uid] for uid in live)))

    def search(self, query: LibraryQuery) -> tuple[Exercise, ...]:
        return tuple(exercise for exercise in self.all() if query.accepts(exercise))

    def get(self, exercise_id: str) -> Exercise | None:
        """An exercise by id, including deleted custom ones (history still names them)."""
        if self._shipped is None:
            single = self._single_file(exercise_id)
            if single is not None:
                return single
        shipped, _ = self._shipped_library()
        for exercise in shipped:
            if exercise.id == exercise_id:
                return exercise
        custom, _, _ = self._custom_library()
        return custom.get(exercise_id)

    def _single_file(self, exercise_id: str) -> Exercise | None:
        """One shipped exercise read from its own file (named by its id) without loading the
        whole library: the Today page names a handful of exercises before its first paint,
        and reading all of them would double Coach's start-up time."""
        if self._loader is not load_shipped or exercise_id in self._single:
            return self._single.get(exercise_id)
        from coach.exchange.exercise_format import ExerciseFormatError, load_exercise
        from coach.paths import exercises_dir

        path = (self._folder or exercises_dir()) / f"{exercise_id}.json"
        if path.name != f"{exercise_id}.json" or not path.is_file():
            return None
        try:
            found = load_exercise(path)
        except ExerciseFormatError:
            return None  # the full load reports the problem with its file and field
        self._single[exercise_id] = found
        return found

    def easier(self, exercise_id: str) -> Exercise | None:
        """The exercise one step easier on its progression ladder, if there is one."""
        return self._rung(exercise_id, harder=False)

    def harder(self, exercise_id: str) -> Exercise | None:
        """The exercise one step harder on its progression ladder, if there is one."""
        return self._rung(exercise_id, harder=True)

    def _rung(self, exercise_id: str, *, harder: bool) -> Exercise | None:
        rung = rungs().get(exercise_id)
        if rung is None:
            return None
        step = rung.harder if harder else rung.easier
        return self.get(step) if step else None

    def problems(self) -> tuple[LibraryProblem, ...]:
        """Files and rows that could not be read, for the library page to report."""
        _, shipped = self._shipped_library()
        _, _, custom = self._custom_library()
        return (*shipped, *custom)

    def facets(self) -> Facets:
        """The filter values that occur in the library, so no filter offers an empty choice."""
        exercises = self.all()
        return Facets(
            categories=_present(Category, (e.category for e in exercises)),
            regions=_present(Region, (r for e in exercises for r in e.regions)),
            positions=_present(Position, (e.position for e in exercises)),
            equipment=_present(Equipment, (q for e in exercises for q in e.equipment)),
        )

    # --- images --------------------------------------------------------------------------------

    def check_image(self, path: Path) -> CheckedImage:
        """Check an image the user chose; ValidationError("image", reason) if it is refused."""
        if self._images_dir is None:
            raise ValidationError(
                "image",
                "Pictures need a local data folder; this copy of Coach uses a server database.",
            )
        try:
            return read_image(path)
        except ImageRejected as exc:
            raise ValidationError("image", exc.message) from exc

    # --- custom exercises ----------------------------------------------------------------------

    def create_custom(self, draft: ExerciseDraft) -> tuple[Exercise, Changes]:
        cleaned = clean(draft)
        image_file = self._bring_in_image(cleaned, None)
        uid = ID_PREFIX + uuid.uuid4().hex[:12]
        with self._db.transaction() as conn:
            custom_exercise_repo.insert(
                conn,
                uid,
                name=cleaned.name,
                definition=definition_of(cleaned),
                image_file=image_file,
                now=self._db.clock.now(),
            )
        return self._after_change(uid)

    def update_custom(self, exercise_id: str, draft: ExerciseDraft) -> tuple[Exercise, Changes]:
        current = self._live_custom(exercise_id)
        cleaned = clean(draft)
        old_image = Path(current.image_path).name if current.image_path else None
        image_file = self._bring_in_image(cleaned, old_image)
        with self._db.transaction() as conn:
            custom_exercise_repo.update(
                conn,
                exercise_id,
                name=cleaned.name,
                definition=definition_of(cleaned),
                image_file=image_file,
                now=self._db.clock.now(),
            )
        if old_image and old_image != image_file:
            self._forget_image_if_unused(old_image)
        return self._after_change(exercise_id)

    def delete_custom(self, exercise_id: str) -> Changes:
        self._live_custom(exercise_id)
        with self._db.transaction() as conn:
            custom_exercise_repo.mark_deleted(conn, exercise_id, self._db.clock.now())
        self._custom_loaded = False
        return Changes.of(Area.EXERCISES)

    def _live_custom(self, exercise_id: str) -> Exercise:
        custom, live, _ = self._custom_library()
        if exercise_id not in live:
            raise ValidationError("exercise", "This exercise is not one you added, or it is gone.")
        return custom[exercise_id]

    def _bring_in_image(self, draft: ExerciseDraft, current: str | None) -> str | None:
        """The stored image name the saved exercise will use, copying a newly chosen file in."""
        if draft.new_image is not None:
            image = self.check_image(draft.new_image)
            assert self._images_dir is not None  # check_image refuses without a data folder
            try:
                return store_image(image, self._images_dir)
            except OSError as exc:
                raise ValidationError(
                    "image", f"Coach could not copy the picture: {exc.strerror or exc}."
                ) from exc
        if draft.kept_image is not None and draft.kept_image != current:
            raise ValidationError("image", "That picture does not belong to this exercise.")
        return draft.kept_image

    def _forget_image_if_unused(self, image_file: str) -> None:
        """Delete a replaced picture's file once no custom exercise (deleted or not) shows it."""
        if self._images_dir is None:
            return
        with self._db.read() as conn:
            if custom_exercise_repo.uses_of_image(conn, image_file):
                return
        (self._images_dir / image_file).unlink(missing_ok=True)

    def _after_change(self, exercise_id: str) -> tuple[Exercise, Changes]:
        self._custom_loaded = False
        custom, _, _ = self._custom_library()
        return custom[exercise_id], Changes.of(Area.EXERCISES)


def _by_name(exercises: Iterable[Exercise]) -> tuple[Exercise, ...]:
    return tuple(sorted(exercises, key=lambda e: (e.name.casefold(), e.id)))


def _present(kind: type[E], values: Iterable[E]) -> tuple[E, ...]:
    seen = set(values)
    return tuple(member for member in kind if member in seen)
