"""Opening the user's database: check it, refuse what is unsafe, back up, migrate.

The order matters and each step writes nothing until the ones before it have passed:
1. a read-only preflight with plain sqlite3 (fast, and never modifies the file): quick_check,
   then the schema revision; a damaged file (quick_check fails, SQLITE_CORRUPT, SQLITE_NOTADB)
   is moved aside whole and the newest good backup is named, while a file that merely cannot be
   read now (locked, full disk, permissions) stays where it is; a revision this build does not
   know means a newer Coach wrote it, and we stop;
2. the engine (pragmas on every connection);
3. if the schema is behind: an online backup, then the migration in one transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from coach.paths import DATABASE_NAME, DataPaths, secure_file
from coach.store import backup, failures
from coach.store.engine import make_engine
from coach.store.errors import (
    CorruptDatabaseError,
    DiskError,
    MigrationError,
    MissingDatabaseError,
    NewerDatabaseError,
    StoreError,
)
from coach.store.migrations import HEAD, REVISIONS

SIDECARS = ("-wal", "-shm", "-journal")
IN_MEMORY_URL = "sqlite://"
# Only these say the file itself is damaged; any other failure to read it leaves it in place.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


@dataclass
class Store:
    """An open database. `paths` is None for a server database (backups are the server's job)."""

    engine: Engine
    paths: DataPaths | None
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


class _Damaged(sqlite3.DatabaseError):
    """quick_check found the file damaged."""


@dataclass(frozen=True)
class Preflight:
    exists: bool
    revision: str | None


def user_facing_errors(store: Store | None = None) -> contextlib.AbstractContextManager[None]:
    """Turn low-level database failures (full disk, locked, I/O) into errors that say what to do."""
    return failures.translated(store.paths.root if store and store.paths else None)


def preflight(database: Path, now: datetime, backups: Path) -> Preflight:
    """Read-only look at an existing file; moves a damaged one aside."""
    if not database.exists() or database.stat().st_size == 0:
        return Preflight(exists=database.exists(), revision=None)
    try:
        conn = sqlite3.connect(backup.read_only_uri(database), uri=True, timeout=5)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise _Damaged(str(check[0]) if check else "no answer")
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = None
            if has_version:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if isinstance(exc, _Damaged) or code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise _move_aside(database, now, backups, str(exc)) from exc
        # Locked, a full disk, an unreadable file: the file may be fine, so it stays put.
        raise failures.user_facing(exc, database.parent) or DiskError(str(exc)) from exc
    if revision is not None and revision not in REVISIONS:
        raise NewerDatabaseError(revision)
    return Preflight(exists=True, revision=revision)


def _move_aside(database: Path, now: datetime, backups: Path, detail: str) -> StoreError:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = database.with_name(f"{database.name}.damaged-{stamp}")
    database.rename(target)
    for suffix in SIDECARS:
        sidecar = database.with_name(database.name + suffix)
        if sidecar.exists():
            sidecar.rename(target.with_name(target.name + suffix))
    return CorruptDatabaseError(target, backup.newest_good_backup(backups), detail)


def open_store(
    paths: DataPaths | None, url: str | None, now: datetime, *, create: bool = True
) -> Store:
    """Open (upgrading as needed) the database at `url` or in `paths`.

    A missing file in `paths` is created only when `create` is true; a command that only reads
    passes False and gets `_nothing_yet`.
    """
    if url is None:
        if paths is None:
            raise ValueError("open_store needs a data folder or a database URL")
        url = paths.database_url
        state = preflight(paths.database, now, paths.backups)
        if not state.exists and not create:
            return _nothing_yet(paths, now)
    else:
        state = Preflight(exists=True, revision=None)
    engine = make_engine(url)
    store = Store(engine, paths if url == (paths and paths.database_url) else None, url)
    try:
        with user_facing_errors(store):
            _migrate_if_needed(store, state, now)
            # The first connection runs the pragmas; WAL needs its -wal and -shm files, so a
            # full disk or a lock shows here, while the caller can still say so, and not at
            # the first read, deep in whatever the window or the command does first.
            store.engine.connect().close()
    except BaseException:
        engine.dispose()
        raise
    if store.paths is not None:
        secure_file(store.paths.database)
    return store


def _nothing_yet(paths: DataPaths, now: datetime) -> Store:
    """For a command that only reads, when there is no database: write nothing.

    On a fresh install that is an empty store in memory (the command sees no records, as it
    should). If backups or a damaged file show that there was data, MissingDatabaseError names
    the backup to restore instead: an empty answer would hide the loss, and an empty file here
    would be one more thing in the way of the restore.
    """
    if backup.list_backups(paths.backups) or any(paths.root.glob(f"{DATABASE_NAME}.damaged-*")):
        raise MissingDatabaseError(paths.database, backup.newest_good_backup(paths.backups))
    store = Store(make_engine(IN_MEMORY_URL), None, IN_MEMORY_URL)
    _migrate_if_needed(store, Preflight(exists=False, revision=None), now)
    return store


def _migrate_if_needed(store: Store, state: Preflight, now: datetime) -> None:
    from coach.store import migrate

    if store.paths is not None:
        if state.revision == HEAD:
            return
        revision = state.revision
    else:
        with store.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        if revision is not None and revision not in REVISIONS:
            raise NewerDatabaseError(revision)
        if revision == HEAD:
            return
    taken = None
    if store.paths is not None and state.exists and revision is not None:
        taken = backup.take_backup(store.paths.database, store.paths.backups, now, f"before-{HEAD}")
    try:
        migrate.upgrade(store.engine)
    except MigrationError as exc:
        raise MigrationError(exc.detail, taken) from exc
    except StoreError:
        raise
    except Exception as exc:
        folder = store.paths.root if store.paths else None
        raise failures.user_facing(exc, folder) or MigrationError(
            str(exc).splitlines()[0], taken
        ) from exc
