"""When to back up, and restoring a backup after the database was found damaged.

Only a local SQLite database is backed up here; a clinic server is the server's to back up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.domain.days import local_day
from coach.paths import DataPaths, secure_file
from coach.store import backup, failures
from coach.store.errors import StoreError
from coach.store.opening import SIDECARS


class RestoreError(StoreError, ValueError):
    title = "The backup could not be restored"


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


def restore_backup(source: Path, paths: DataPaths) -> Path | None:
    """Put a healthy backup in place of the database; returns where the current one went.

    A missing database (a damaged one was moved aside) or one that holds nothing the user
    entered (made by a start since) is simply replaced. One that holds data is moved aside
    whole, with its -wal and -shm, before the backup is copied in: restoring never destroys
    the file that is there.
    """
    if not backup.is_healthy(source):
        raise RestoreError(f"{source.name} is not a healthy Coach backup, so it was not restored.")
    moved = None
    database = paths.database
    with failures.translated(paths.root):
        if database.exists():
            if backup.holds_user_data(database):
                moved = _free_name(database.with_name(database.name + ".before-restore"))
                _move_with_sidecars(database, moved)
            else:
                _move_with_sidecars(database, None)
        backup.copy_database(source, database, live=False)
    secure_file(database)
    return moved


def _free_name(wanted: Path) -> Path:
    candidate, n = wanted, 1
    while candidate.exists():
        n += 1
        candidate = wanted.with_name(f"{wanted.name}-{n}")
    return candidate


def _move_with_sidecars(database: Path, target: Path | None) -> None:
    """Move (or, with no target, delete) the database and its -wal and -shm files."""
    for suffix in ("", *SIDECARS):
        path = database.with_name(database.name + suffix)
        if not path.exists():
            continue
        if target is None:
            path.unlink()
        else:
            path.rename(target.with_name(target.name + suffix))
