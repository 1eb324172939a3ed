"""Everything a front end (GUI or CLI) needs, built once from the data folder or URL.

The profile, settings and backups are made at once: the first window needs them. Every other
service is made (and its module imported) the first time something asks for it, which keeps
start-up fast and lets a CLI command load only what it uses. Add a service as a cached property
with its import inside.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from coach.domain.clock import Clock
from coach.services.backups import BackupService
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.services.settings import DAILY_BACKUP
from coach.services.settings_service import SettingsService
from coach.store.opening import Store

if TYPE_CHECKING:
    from coach.paths import DataPaths
    from coach.services.data_export import DataExportService
    from coach.services.diary import DiaryService
    from coach.services.exercises import ExerciseService
    from coach.services.outcomes import OutcomeService
    from coach.services.programme_transfer import ProgrammeTransferService
    from coach.services.programmes import ProgrammeService
    from coach.services.progress import ProgressService
    from coach.services.questionnaires import QuestionnaireService
    from coach.services.reminders import ReminderService
    from coach.services.sessions import SessionService
    from coach.services.timeline import TimelineService
    from coach.services.today import TodayService


class AppContext:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.clock = clock
        self.store = store
        self.db = Database(store, clock)
        self.paths: DataPaths | None = store.paths
        self.profile = ProfileService(self.db)
        self.settings = SettingsService(self.db)
        self.backups = BackupService(store.paths, self.profile.time_zone)

    @cached_property
    def exercises(self) -> ExerciseService:
        from coach.services.exercises import ExerciseService

        return ExerciseService(self.db, self.paths.images if self.paths else None)

    @cached_property
    def programmes(self) -> ProgrammeService:
        from coach.services.programmes import ProgrammeService

        return ProgrammeService(self.db, self.profile, self.exercises.get)

    @cached_property
    def programme_transfer(self) -> ProgrammeTransferService:
        from coach.services.programme_transfer import ProgrammeTransferService

        images = self.paths.images if self.paths else None
        return ProgrammeTransferService(
            self.db, self.programmes, self.exercises, images, questionnaires=self.questionnaires
        )

    @cached_property
    def diary(self) -> DiaryService:
        from coach.services.diary import DiaryService

        return DiaryService(self.db, self.profile)

    @cached_property
    def outcomes(self) -> OutcomeService:
        from coach.services.outcomes import OutcomeService

        return OutcomeService(self.db, self.profile)

    @cached_property
    def questionnaires(self) -> QuestionnaireService:
        from coach.services.questionnaires import QuestionnaireService

        folder = self.paths.questionnaires if self.paths else None
        return QuestionnaireService(self.settings, self.profile, folder)

    @cached_property
    def sessions(self) -> SessionService:
        from coach.services.sessions import SessionService

        return SessionService(
            self.db, self.profile, self.programmes, self.settings, self.exercises.get
        )

    @cached_property
    def timeline(self) -> TimelineService:
        from coach.services.timeline import TimelineService

        return TimelineService(self.db, self.profile, self.diary, self.outcomes)

    @cached_property
    def progress(self) -> ProgressService:
        from coach.services.progress import ProgressService

        return ProgressService(self.db, self.profile, self.diary, self.outcomes)

    @cached_property
    def today(self) -> TodayService:
        from coach.services.today import TodayService

        return TodayService(
            self.profile, self.settings, self.programmes, self.sessions, self.progress, self.diary
        )

    @cached_property
    def reminders(self) -> ReminderService:
        from coach.services.reminders import ReminderService

        return ReminderService(self.db, self.profile, self.settings, self.sessions)

    @cached_property
    def data_export(self) -> DataExportService:
        from coach.services.data_export import DataExportService

        return DataExportService(self.db)

    def close(self, backup: bool = True) -> None:
        """At exit: a final backup (if the user keeps them), then release the database."""
        try:
            if backup and self.settings.get(DAILY_BACKUP):
                self.backups.at_exit(self.clock.now())
        finally:
            self.store.close()
