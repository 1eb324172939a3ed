"""Programme files in and out: export, preview before import, import in one transaction.

Importing is two steps so nobody stores a file they have not seen: `preview` reads and checks
the whole file (coach.exchange.programme_file checks its shape; here every exercise is matched
to the library or to a custom exercise the file carries, whose content is checked as strictly
as one the user types in) and describes it, storing nothing. `commit` then writes the custom
exercises and the programme in ONE transaction, so a failure leaves the database exactly as it
was. Pictures are files, not rows: they are written just before the transaction and removed
again if it fails (a picture already present, by content hash, is left alone).

A custom exercise in the file whose id is already taken by a different exercise (shipped, or
one of the user's own with other content) is added under a fresh id and the programme's items
are pointed at it, so an import never changes an exercise that is already there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coach.domain.exercise import Exercise
from coach.domain.outcomes import Instrument
from coach.domain.profile import ValidationError
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.reminders import ReminderRules
from coach.exchange.images import CheckedImage, ImageRejected, check_image, store_image
from coach.exchange.programme_file import (
    EmbeddedExercise,
    Handover,
    ProgrammeFile,
    ProgrammeFileError,
    read_programme,
    write_programme,
)
from coach.services import dosage_words, handback_state, programme_words
from coach.services.changes import Area, Changes
from coach.services.custom_exercise import ID_PREFIX, clean, definition_of, draft_of, exercise_of
from coach.services.database import Database
from coach.services.exercises import ExerciseService
from coach.services.programmes import ProgrammeService, new_uid
from coach.services.questionnaires import QuestionnaireService
from coach.services.session_length import session_seconds
from coach.store import custom_exercise_repo, failures, programme_repo


class CustomFate:
    """What happens to a custom exercise the file carries (words shown in the preview)."""

    NEW = "will be added to your exercises"
    SAME = "is already in your exercises"
    COPY = "will be added as a new exercise (one of yours already uses its id)"


@dataclass(frozen=True)
class PreviewItem:
    exercise_id: str  # as it will be stored (after any remapping)
    name: str
    dosage: tuple[str, ...]  # the dosage in plain sentences
    schedule: str
    progression: str
    note: str
    custom: bool


@dataclass(frozen=True)
class PreviewExercise:
    """A custom exercise carried by the file and what importing does with it."""

    file_id: str
    stored_id: str
    exercise: Exercise
    definition: dict[str, object]
    image: CheckedImage | None
    fate: str


@dataclass(frozen=True)
class ImportPreview:
    source: str
    programme: Programme  # as it will be stored: ids remapped, dates settled
    items: tuple[PreviewItem, ...]
    custom_exercises: tuple[PreviewExercise, ...]
    warnings: tuple[str, ...]
    estimated_seconds: float
    reminders: ReminderRules | None = None  # the sender's suggested plan, proposed on import
    questionnaires: frozenset[Instrument] = frozenset()  # turned on at home by the import
    handover: Handover | None = None  # version 2: whom it is for, the therapist to send to

    @property
    def name(self) -> str:
        return self.programme.name

    @property
    def author(self) -> str:
        """Who wrote it, in one line ("Dr Lee, Riverside Physio, 555-0100")."""
        a = self.programme.author
        return ", ".join(part for part in (a.name, a.clinic, a.contact) if part)


@dataclass(frozen=True)
class StarterTemplates:
    """The templates shipped in assets/templates, and any file there that failed to load."""

    templates: tuple[Programme, ...] = ()
    problems: tuple[str, ...] = field(default=())


class ProgrammeTransferService:
    def __init__(
        self,
        db: Database,
        programmes: ProgrammeService,
        exercises: ExerciseService,
        images_dir: Path | None,
        templates_folder: Path | None = None,
        *,
        questionnaires: QuestionnaireService | None = None,
        handover: Callable[[], Handover | None] = lambda: None,
        keeps_recipient: Callable[[], bool] = lambda: False,
    ) -> None:
        """`handover()` is what an exported programme says about the hand-back (a therapist's
        copy: the patient and the therapist's key); `keeps_recipient()` whether an imported
        file's therapist becomes the one progress files are sealed to (a patient's copy)."""
        self._handover = handover
        self._keeps_recipient = keeps_recipient
        self._db = db
        self._questionnaires = questionnaires
        self._programmes = programmes
        self._exercises = exercises
        self._images_dir = images_dir
        self._templates_folder = templates_folder

    # --- import --------------------------------------------------------------------------------

    def preview(self, path: Path) -> ImportPreview:
        """Read and check a programme file and describe it. Stores nothing.

        Raises ProgrammeFileError with the reason if any part of the file cannot be used.
        """
        today = self._programmes.today()
        return self._describe(read_programme(path, today), path.name, today)

    def _describe(self, file: ProgrammeFile, source: str, today: date) -> ImportPreview:
        warnings: list[str] = []
        used = {item.exercise_id for item in file.programme.items}
        customs: dict[str, PreviewExercise] = {}
        for entry in file.custom_exercises:
            if entry.id not in used:
                warnings.append(
                    f"The file also carries an exercise no item uses ({entry.id}); it is left out."
                )
                continue
            customs[entry.id] = self._plan_custom(entry, warnings)

        items: list[ProgrammeItem] = []
        for position, item in enumerate(file.programme.items, start=1):
            if item.exercise_id in customs:
                items.append(
                    dataclasses.replace(item, exercise_id=customs[item.exercise_id].stored_id)
                )
            elif self._exercises.get(item.exercise_id):
                items.append(item)
            else:
                raise ProgrammeFileError(
                    f"Exercise {position} of the programme ({item.exercise_id}) is not in your "
                    "exercise library and the file does not include it, so it cannot be "
                    "imported. Ask the sender for a file exported with this exercise."
                )
        programme = self._settle(
            dataclasses.replace(file.programme, items=tuple(items)), today, warnings
        )
        if programme.is_long:
            warnings.append(
                f"This programme has {len(programme.items)} exercises; shorter programmes "
                "(2-4 exercises) are easier to keep up."
            )

        def lookup(exercise_id: str) -> Exercise | None:
            for planned in customs.values():
                if planned.stored_id == exercise_id:
                    return planned.exercise
            return self._exercises.get(exercise_id)

        described = tuple(self._describe_item(item, lookup) for item in programme.items)
        return ImportPreview(
            source=source,
            programme=programme,
            items=described,
            custom_exercises=tuple(customs.values()),
            warnings=tuple(warnings),
            estimated_seconds=session_seconds(programme.items, lookup),
            reminders=file.reminders,
            questionnaires=file.questionnaires,
            handover=file.handover,
        )

    def _plan_custom(self, entry: EmbeddedExercise, warnings: list[str]) -> PreviewExercise:
        try:
            checked = exercise_of(entry.id, entry.definition, None)
        except ValidationError as exc:
            raise ProgrammeFileError(
                f"The exercise {entry.id} that the file carries cannot be used: "
                f"{exc.field} {exc.message.rstrip('.')}."
            ) from None
        definition: dict[str, object] = definition_of(clean(draft_of(checked)))
        image = entry.image
        if image is not None and self._images_dir is None:
            warnings.append(
                f"The picture for “{checked.name}” is left out: pictures need a local data "
                "folder, and this copy of Coach uses a server database."
            )
            image = None
        existing = self._exercises.get(entry.id)
        if existing is None:
            fate, stored_id = CustomFate.NEW, entry.id
        elif self._same_custom(existing, definition, image):
            fate, stored_id = CustomFate.SAME, entry.id
        else:
            fate, stored_id = CustomFate.COPY, ID_PREFIX + uuid.uuid4().hex[:12]
        return PreviewExercise(
            file_id=entry.id,
            stored_id=stored_id,
            exercise=dataclasses.replace(checked, id=stored_id),
            definition=definition,
            image=image,
            fate=fate,
        )

    def _same_custom(
        self, existing: Exercise, definition: dict[str, object], image: CheckedImage | None
    ) -> bool:
        live = {e.id for e in self._exercises.all()}
        if not existing.custom or existing.id not in live:
            return False  # shipped, or deleted from the library: never reuse it silently
        if definition_of(clean(draft_of(existing))) != definition:
            return False
        stored = Path(existing.image_path).name if existing.image_path else None
        return stored == (image.stored_name if image else None)

    def _settle(self, value: Programme, today: date, warnings: list[str]) -> Programme:
        """Dates and uid as they will be stored, saying what changed and why."""
        with self._db.read() as conn:
            taken = bool(value.uid) and programme_repo.uid_taken(conn, value.uid)
        if taken or not value.uid:
            if taken:
                warnings.append(
                    "You already have this programme; importing adds it again as a separate "
                    "programme."
                )
            value = dataclasses.replace(value, uid=new_uid())
        if value.is_template:
            return value
        if value.end_date is not None and value.end_date < today:
            warnings.append(
                f"This programme ended on {_long_date(value.end_date)}; it is kept for the "
                "record and prescribes nothing."
            )
        elif value.start_date < today:
            warnings.append(
                f"The programme's start date, {_long_date(value.start_date)}, has passed; "
                "it will start today, so the days before count neither for nor against you."
            )
            review = value.review_date
            if review is not None and review < today:
                warnings.append(
                    f"The review date, {_long_date(review)}, has passed too and is left out."
                )
                review = None
            value = dataclasses.replace(value, start_date=today, review_date=review)
        return value

    @staticmethod
    def _describe_item(
        item: ProgrammeItem, lookup: Callable[[str], Exercise | None]
    ) -> PreviewItem:
        exercise = lookup(item.exercise_id)
        return PreviewItem(
            exercise_id=item.exercise_id,
            name=exercise.name if exercise else item.exercise_id,
            dosage=_dosage_lines(item),
            schedule=programme_words.schedule(item),
            progression=programme_words.progression(item.progression) if item.progression else "",
            note=item.note,
            custom=bool(exercise and exercise.custom),
        )

    def commit(self, preview: ImportPreview) -> tuple[int, Changes]:
        """Store what the preview showed: its custom exercises and the programme, all or nothing."""
        programme = preview.programme.validated()
        new = [c for c in preview.custom_exercises if c.fate != CustomFate.SAME]
        folder_existed = self._images_dir is None or self._images_dir.exists()
        written = self._write_pictures(new, folder_existed)
        now = self._db.clock.now()
        try:
            with self._db.transaction() as conn:
                for planned in new:
                    custom_exercise_repo.insert(
                        conn,
                        planned.stored_id,
                        name=planned.exercise.name,
                        definition=dict(planned.definition),
                        image_file=planned.image.stored_name if planned.image else None,
                        now=now,
                    )
                programme_id = programme_repo.insert(
                    conn, self._programmes.patient_id, programme, now
                )
                recipient = (
                    handback_state.recipient_of(preview.handover, programme.uid)
                    if preview.handover is not None and self._keeps_recipient()
                    else None
                )
                if recipient is not None:
                    handback_state.save_recipient(conn, recipient, now)
        except BaseException:
            self._undo_pictures(written, folder_existed)
            raise
        changes = Changes.of(Area.PROGRAMMES)
        if self._questionnaires is not None:
            changes |= self._questionnaires.add_asked(programme.uid, preview.questionnaires)
        if new:
            self._exercises.custom_changed()
            changes |= Changes.of(Area.EXERCISES)
        return programme_id, changes

    def _write_pictures(
        self, planned: Sequence[PreviewExercise], folder_existed: bool
    ) -> list[Path]:
        """Store the new pictures; return the files this call created (to undo on failure)."""
        created: list[Path] = []
        if self._images_dir is None:
            return created
        try:
            for entry in planned:
                if entry.image is None:
                    continue
                target = self._images_dir / entry.image.stored_name
                existed = target.exists()
                store_image(entry.image, self._images_dir)
                if not existed:
                    created.append(target)
        except OSError as exc:
            self._undo_pictures(created, folder_existed)
            raise failures.user_facing(exc, self._images_dir) or ProgrammeFileError(
                f"Coach could not copy the exercise pictures: {exc.strerror or exc}."
            ) from None
        return created

    def _undo_pictures(self, created: Sequence[Path], folder_existed: bool) -> None:
        """A refused import leaves the data folder as it was, down to an empty images/ folder."""
        for picture in created:
            picture.unlink(missing_ok=True)
        if not folder_existed and self._images_dir is not None:
            with contextlib.suppress(OSError):  # not empty: something else put a file there
                self._images_dir.rmdir()

    # --- export --------------------------------------------------------------------------------

    def export(
        self, programme_id: int, path: Path, reminders: ReminderRules | None = None
    ) -> tuple[str, ...]:
        """Write a programme (its newest version), the custom exercises it uses and any
        suggested reminder plan to `path`.

        Returns notes for the user, e.g. a picture that could not be found and was left out.
        """
        value = self._programmes.get(programme_id)
        if value is None:
            raise ValidationError("programme", "That programme no longer exists.")
        notes: list[str] = []
        embedded: list[EmbeddedExercise] = []
        for exercise_id in dict.fromkeys(item.exercise_id for item in value.items):
            exercise = self._exercises.get(exercise_id)
            if exercise is None or not exercise.custom:
                continue
            image = self._picture_of(exercise, notes)
            definition = definition_of(clean(draft_of(exercise)))
            embedded.append(EmbeddedExercise(exercise.id, definition, image))
        try:
            asked = self._questionnaires.asked(value.uid) if self._questionnaires else frozenset()
            handover = None if value.is_template else self._handover()
            write_programme(path, value, embedded, reminders, asked, handover=handover)
        except OSError as exc:
            raise failures.user_facing(exc, path.parent) or ValidationError(
                "file", f"Coach could not write {path.name}: {exc.strerror or exc}."
            ) from None
        return tuple(notes)

    @staticmethod
    def _picture_of(exercise: Exercise, notes: list[str]) -> CheckedImage | None:
        if not exercise.image_path:
            return None
        try:
            return check_image(Path(exercise.image_path).read_bytes())
        except (OSError, ImageRejected):
            notes.append(f"The picture for “{exercise.name}” could not be read and is left out.")
            return None

    # --- starter templates ---------------------------------------------------------------------

    def starters(self) -> StarterTemplates:
        """The shipped starter templates, read with the same parser as any programme file."""
        from coach.paths import templates_dir

        folder = self._templates_folder or templates_dir()
        today = self._programmes.today()
        found: list[Programme] = []
        problems: list[str] = []
        for path in sorted(folder.glob("*.coachprogramme")):
            try:
                preview = self._describe(read_programme(path, today), path.name, today)
            except ProgrammeFileError as exc:
                problems.append(f"{path.name}: {exc.message}")
                continue
            # A starter is read-only and shared: it keeps the uid written in its file.
            found.append(dataclasses.replace(preview.programme, uid=path.stem))
        return StarterTemplates(tuple(found), tuple(problems))


def _dosage_lines(item: ProgrammeItem) -> tuple[str, ...]:
    """How much in one session; how often is the schedule line, said separately."""
    d = item.dosage
    lines = (dosage_words.amount(d), dosage_words.sides(d), dosage_words.rest(d))
    return tuple(line for line in lines if line)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
