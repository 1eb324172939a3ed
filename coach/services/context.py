"""Everything a front end (GUI or CLI) needs, built once from the data folder or URL."""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.clock import Clock
from coach.paths import DataPaths
from coach.services.backups import BackupService
from coach.services.database import Database
from coach.services.diary import DiaryService
from coach.services.exercises import ExerciseService
from coach.services.outcomes import OutcomeService
from coach.services.profile import ProfileService
from coach.services.settings import DAILY_BACKUP, SettingsService
from coach.services.timeline import TimelineService
from coach.store.opening import Store


@dataclass
class AppContext:
    clock: Clock
    store: Store
    db: Database
    paths: DataPaths | None
    profile: ProfileService
    settings: SettingsService
    backups: BackupService
    diary: DiaryService
    outcomes: OutcomeService
    timeline: TimelineService
    exercises: ExerciseService

    @classmethod
    def create(cls, store: Store, clock: Clock) -> AppContext:
        db = Database(store, clock)
        profile = ProfileService(db)
        diary = DiaryService(db, profile)
        outcomes = OutcomeService(db, profile)
        return cls(
            clock=clock,
            store=store,
            db=db,
            paths=store.paths,
            profile=profile,
            settings=SettingsService(db),
            backups=BackupService(store.paths, profile.timezone_name()),
            diary=diary,
            outcomes=outcomes,
            timeline=TimelineService(db, profile, diary, outcomes),
            exercises=ExerciseService(db, store.paths.images if store.paths else None),
        )

    def close(self, backup: bool = True) -> None:
        """At exit: a final backup (if the user keeps them), then release the database."""
        try:
            if backup and self.settings.get(DAILY_BACKUP):
                self.backups.at_exit(self.clock.now())
        finally:
            self.store.close()
