"""When to back up, and restoring a backup after the database was found damaged.

Only a local SQLite database is backed up here; a clinic server is the server's to back up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.domain.days import local_day
from coach.paths import DataPaths
from coach.store import backup


class BackupService:
    def __init__(self, paths: DataPaths | None, time_zone: Callable[[], ZoneInfo]) -> None:
        """`time_zone` is asked each time, so a zone changed in Settings counts at once."""
        self._paths = paths
        self._time_zone = time_zone

    @property
    def enabled(self) -> bool:
        return self._paths is not None

    def folder(self) -> Path | None:
        return self._paths.backups if self._paths else None

    def list(self) -> list[backup.Backup]:
        return backup.list_backups(self._paths.backups) if self._paths else []

    def daily_if_due(self, now: datetime) -> Path | None:
        """One backup per local day; cheap to call at every start."""
        if self._paths is None or not self._paths.database.exists():
            return None
        tz = self._time_zone()
        today = local_day(now, tz)
        if any(local_day(b.taken_at, tz) == today for b in self.list()):
            return None
        return self._take(now, "daily")

    def at_exit(self, now: datetime) -> Path | None:
        if self._paths is None or not self._paths.database.exists():
            return None
        return self._take(now, "exit")

    def now(self, now: datetime) -> Path | None:
        """A backup the user asked for."""
        if self._paths is None:
            return None
        return self._take(now, "manual")

    def _take(self, now: datetime, reason: str) -> Path:
        assert self._paths is not None
        taken = backup.take_backup(self._paths.database, self._paths.backups, now, reason)
        backup.thin_backups(self._paths.backups)
        return taken


def restore_backup(source: Path, paths: DataPaths) -> None:
    """Put a backup in place of a database that is missing (a damaged one was moved aside).

    Refuses to overwrite: restoring never destroys the file that is there.
    """
    if paths.database.exists():
        raise FileExistsError(f"{paths.database} exists; move it aside before restoring")
    if not backup.is_healthy(source):
        raise ValueError(f"{source.name} is not a healthy backup")
    backup.copy_database(source, paths.database)
