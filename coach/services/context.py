"""Everything a front end (GUI or CLI) needs, built once from the data folder or URL.

Two scopes: the shared `AppContext` (library, templates, settings, backups, profile, patients)
and a `PatientContext` per patient (programmes, sessions, diary, outcomes, progress, timeline,
today, reminders, export), made by `AppContext.patient(id)` and cached by patient id.

The profile, settings and backups are made at once: the first window needs them. Every other
service is made (and its module imported) the first time something asks for it, which keeps
start-up fast and lets a CLI command load only what it uses. Add a service as a cached property
with its import inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from coach.domain.clock import Clock
from coach.domain.errors import UserError
from coach.domain.profile import Role
from coach.services.backups import BackupService
from coach.services.changes import Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.services.settings import DAILY_BACKUP
from coach.services.settings_service import SettingsService
from coach.store.opening import Store

if TYPE_CHECKING:
    from coach.exchange.programme_file import Handover
    from coach.paths import DataPaths
    from coach.services.caseload import CaseloadService
    from coach.services.data_export import DataExportService
    from coach.services.diary import DiaryService
    from coach.services.exercises import ExerciseService
    from coach.services.outcomes import OutcomeService
    from coach.services.patients import PatientService
    from coach.services.programme_transfer import ProgrammeTransferService
    from coach.services.programmes import ProgrammeService
    from coach.services.progress import ProgressService
    from coach.services.progress_export import ProgressExportService
    from coach.services.progress_import import ProgressImportService
    from coach.services.questionnaires import QuestionnaireService
    from coach.services.reminders import ReminderService
    from coach.services.sessions import SessionService
    from coach.services.therapist_key import TherapistKeyService
    from coach.services.timeline import TimelineService
    from coach.services.today import TodayService


# The scope of a therapist's copy before its first patient: no row has this id, so every read
# is empty (pages show their empty state) and every write is refused with NoPatientError.
NO_PATIENT = 0
# The user of a patient's copy who has not done the welcome yet (the welcome renames them).
UNNAMED_USER = "Me"


class NoPatientError(UserError):
    """A record was to be written in a therapist's copy that has no patient open."""

    def __init__(self) -> None:
        super().__init__("Add or open a patient first: records are kept for one patient.")


class _NoPatientDatabase(Database):
    """Reads as usual (they find nothing for NO_PATIENT); refuses to write."""

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        raise NoPatientError()
        yield  # pragma: no cover - a generator, so that contextmanager accepts it


class PatientContext:
    """The services for one patient's records; every query they make is scoped to that patient."""

    def __init__(self, app: AppContext, patient_id: int) -> None:
        self.app = app
        self.patient_id = patient_id
        self.db = app.db if patient_id != NO_PATIENT else _NoPatientDatabase(app.store, app.clock)
        self.profile = app.profile
        self.settings = app.settings
        self.clock = app.clock

    def name(self) -> str:
        """The patient's name ("" in the empty scope)."""
        if self.patient_id == NO_PATIENT:
            return ""
        return self.app.patients.get(self.patient_id).name

    @cached_property
    def programmes(self) -> ProgrammeService:
        from coach.services.programmes import ProgrammeService

        return ProgrammeService(self.db, self.profile, self.app.exercises.get, self.patient_id)

    @cached_property
    def programme_transfer(self) -> ProgrammeTransferService:
        from coach.services.programme_transfer import ProgrammeTransferService

        images = self.app.paths.images if self.app.paths else None
        return ProgrammeTransferService(
            self.db,
            self.programmes,
            self.app.exercises,
            images,
            questionnaires=self.app.questionnaires,
            handover=self._handover,
            keeps_recipient=self.app.profile_is_patient,
        )

    def _handover(self) -> Handover | None:
        """What a programme file written here says about the hand-back: in a therapist's copy,
        this patient and the therapist's key (when the copy has a folder to keep it in)."""
        from coach.exchange.programme_file import Handover, TherapistCard

        if self.patient_id == NO_PATIENT or self.app.profile_is_patient():
            return None
        patient = self.app.patients.get(self.patient_id)
        card = None
        if self.app.therapist_key.available:
            me = self.programmes.author()  # the therapist's own details, as programmes carry
            card = TherapistCard(
                self.app.therapist_key.key_pair().public, me.name, me.clinic, me.contact
            )
        return Handover(patient.uid, patient.name, card)

    @cached_property
    def progress_export(self) -> ProgressExportService:
        """Sending progress to the therapist (a patient's copy): see its module docstring."""
        from coach.services.progress_export import ProgressExportService

        def me() -> tuple[str, str]:
            patient = self.app.patients.get(self.patient_id)
            return patient.uid, patient.name

        return ProgressExportService(self.db, self.profile, self.patient_id, me)

    @cached_property
    def diary(self) -> DiaryService:
        from coach.services.diary import DiaryService

        return DiaryService(self.db, self.profile, self.patient_id)

    @cached_property
    def outcomes(self) -> OutcomeService:
        from coach.services.outcomes import OutcomeService

        return OutcomeService(self.db, self.profile, self.patient_id)

    @cached_property
    def sessions(self) -> SessionService:
        from coach.services.sessions import SessionService

        return SessionService(
            self.db,
            self.profile,
            self.programmes,
            self.settings,
            self.app.exercises.get,
            self.patient_id,
        )

    @cached_property
    def timeline(self) -> TimelineService:
        from coach.services.timeline import TimelineService

        return TimelineService(self.db, self.profile, self.diary, self.outcomes, self.patient_id)

    @cached_property
    def progress(self) -> ProgressService:
        from coach.services.progress import ProgressService

        return ProgressService(self.db, self.profile, self.patient_id)

    @cached_property
    def today(self) -> TodayService:
        from coach.services.today import TodayService

        return TodayService(
            self.profile,
            self.settings,
            self.programmes,
            self.sessions,
            self.progress,
            self.diary,
            self.name,
        )

    @cached_property
    def reminders(self) -> ReminderService:
        from coach.services.reminders import ReminderService

        return ReminderService(self.db, self.profile, self.settings, self.sessions, self.patient_id)

    @cached_property
    def data_export(self) -> DataExportService:
        from coach.services.data_export import DataExportService

        return DataExportService(self.db, self.patient_id)


class AppContext:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.clock = clock
        self.store = store
        self.db = Database(store, clock)
        self.paths: DataPaths | None = store.paths
        self.profile = ProfileService(self.db)
        self.settings = SettingsService(self.db)
        self.backups = BackupService(store.paths, self.profile.time_zone)
        self._patients: dict[int, PatientContext] = {}
        self._current: int | None = None

    @cached_property
    def exercises(self) -> ExerciseService:
        from coach.services.exercises import ExerciseService

        return ExerciseService(self.db, self.paths.images if self.paths else None)

    @cached_property
    def patients(self) -> PatientService:
        from coach.services.patients import PatientService

        return PatientService(self.db, self.profile, self.backups)

    @cached_property
    def therapist_key(self) -> TherapistKeyService:
        from coach.services.therapist_key import TherapistKeyService

        return TherapistKeyService(self.db, self.paths)

    @cached_property
    def progress_import(self) -> ProgressImportService:
        """Importing progress files (a therapist's copy): see its module docstring."""
        from coach.services.progress_import import ProgressImportService

        return ProgressImportService(self.db, self.profile, self.therapist_key)

    @cached_property
    def caseload(self) -> CaseloadService:
        from coach.services.caseload import CaseloadService

        return CaseloadService(self.db, self.profile)

    def patient(self, patient_id: int) -> PatientContext:
        """The services for one patient (cached: the same object each time for that patient)."""
        if patient_id not in self._patients:
            self._patients[patient_id] = PatientContext(self, patient_id)
        return self._patients[patient_id]

    def own_patient(self) -> PatientContext:
        """The patient a patient's copy is about: the user. Made from the profile if missing.

        A patient's copy has exactly one patient; the welcome makes it. A copy opened before
        that (or a test) gets it on first use, named as the profile is. Before the welcome,
        and in a therapist's copy without patients, this is the empty NO_PATIENT scope: reading
        it creates nothing.
        """
        found = self.patients.first_id()
        if found is None:
            current = self.profile.get()
            if current is None or current.role is Role.THERAPIST:
                return self.patient(NO_PATIENT)  # before the welcome, or an empty caseload
            _, made = self.patients.add(
                name=current.name,
                identifier=current.patient_identifier,
                date_of_birth=current.date_of_birth,
            )
            found = made.id
        return self.patient(found)

    def own_patient_for_writing(self) -> PatientContext:
        """Like own_patient, but a patient's copy not yet welcomed gets its patient now (the
        welcome names it), so something can be stored for the user before the first window."""
        own = self.own_patient()
        if own.patient_id == NO_PATIENT and self.profile_is_patient():
            _, made = self.patients.add(name=UNNAMED_USER)
            own = self.patient(made.id)
        return own

    def open_patient(self, patient_id: int) -> PatientContext:
        """Make `patient_id` the open patient (see opened_patient)."""
        self._current = patient_id
        return self.patient(patient_id)

    @property
    def opened_patient_id(self) -> int | None:
        """The patient opened with open_patient (or first used), None before that."""
        return self._current

    def profile_is_patient(self) -> bool:
        """Whether this is a patient's own copy (or one not yet set up, which starts as one)."""
        current = self.profile.get()
        return current is None or current.role is Role.PATIENT

    def opened_patient(self) -> PatientContext:
        """The patient a front end has open: the one opened last, else the copy's own (first)
        patient. Only the GUI's `UiContext.patient` and the first screen ask for it; everything
        that reads or writes records is handed the PatientContext it acts for."""
        if self._current is not None:
            return self.patient(self._current)
        opened = self.own_patient()
        if opened.patient_id != NO_PATIENT:  # the empty scope gives way to the first patient
            self._current = opened.patient_id
        return opened

    @cached_property
    def questionnaires(self) -> QuestionnaireService:
        from coach.services.questionnaires import QuestionnaireService

        folder = self.paths.questionnaires if self.paths else None
        return QuestionnaireService(self.settings, self.profile, folder)

    def recover_interrupted_sessions(self) -> Changes:
        """At start: close as stopped every session a crash left in progress, whoever's."""
        from coach.store import session_repo

        with self.db.read() as conn:
            found = session_repo.patients_in_session(conn)
        changes = Changes()
        for patient_id in found:
            changes |= self.patient(patient_id).sessions.recover_interrupted()
        return changes

    def close(self, backup: bool = True) -> None:
        """At exit: a final backup (if the user keeps them), then release the database."""
        try:
            if backup and self.settings.get(DAILY_BACKUP):
                self.backups.at_exit(self.clock.now())
        finally:
            self.store.close()
