"""Backups of the SQLite database: online copies, named by time, thinned like Time Machine.

A live WAL database must never be copied as a file (the copy can miss committed pages still in
the -wal file); sqlite3's backup API gives a consistent snapshot while Coach keeps running.
Backups are taken daily, at exit and before every migration, then thinned to about 12 daily,
10 weekly and 9 monthly copies so the folder stays small but a bad week can still be undone.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from coach.store import failures

PREFIX = "coach-"
SUFFIX = ".db"
STAMP = "%Y%m%dT%H%M%SZ"
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def backup_name(taken_at: datetime, reason: str) -> str:
    return f"{PREFIX}{taken_at.astimezone(UTC).strftime(STAMP)}-{reason}{SUFFIX}"


def parse_backup(path: Path) -> Backup | None:
    """The backup a file name describes, or None for files that are not ours."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    stem = name[len(PREFIX) : -len(SUFFIX)]
    stamp, _, reason = stem.partition("-")
    try:
        taken_at = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return Backup(path, taken_at, reason or "manual")


def list_backups(folder: Path) -> list[Backup]:
    """Backups in the folder, newest first."""
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := parse_backup(p)) is not None]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def read_only_uri(database: Path) -> str:
    """A URI that reads without creating anything next to the file.

    A WAL database keeps its -wal and -shm files while any connection is open and removes them
    when the last one closes cleanly. With neither present nobody has it open, so it can be
    read as immutable (no -shm is created); otherwise a normal read-only open uses the files
    that are already there, including any committed pages still in the -wal.
    """
    sidecars_present = any(
        database.with_name(database.name + suffix).exists() for suffix in ("-wal", "-shm")
    )
    return f"file:{quote(str(database))}?mode=ro" + ("" if sidecars_present else "&immutable=1")


def copy_database(source: Path, target: Path, *, live: bool = True) -> None:
    """A consistent copy of a database, made with the online backup API.

    `live` is for Coach's own open database (read through its -wal); otherwise the source (a
    backup being restored) is read as `read_only_uri` says, leaving nothing beside it. Written
    to a temporary name and renamed, so a crash mid-copy never leaves a half copy that looks
    complete. The copy is readable by its owner only.
    """
    partial = target.with_name(target.name + ".partial")
    uri = f"file:{quote(str(source))}?mode=ro" if live else read_only_uri(source)
    reader = sqlite3.connect(uri, uri=True)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        reader.close()
    if os.name == "posix":
        partial.chmod(0o600)
    partial.replace(target)


def take_backup(database: Path, folder: Path, now: datetime, reason: str) -> Path:
    """Copy the live database to a new, time-stamped file in the backup folder.

    A full disk comes out as DiskFullError, with no partial copy left behind.
    """
    made_folder = not folder.exists()
    try:
        with failures.translated(folder):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = folder / backup_name(now, reason)
            n = 1
            while target.exists():
                target = folder / backup_name(now, f"{reason}{n}")
                n += 1
            copy_database(database, target)
    except BaseException:
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return target


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes quick_check; creates no file beside it."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == "ok"


def holds_user_data(path: Path) -> bool:
    """True unless the database has no row beyond its schema revision (made, never used).

    A file that cannot be read counts as holding data: it is moved aside, never replaced.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
                )
            ]
            return any(
                conn.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for name in tables
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True


def newest_good_backup(folder: Path) -> Path | None:
    for backup in list_backups(folder):
        if is_healthy(backup.path):
            return backup.path
    return None


def has_backup_on(folder: Path, day: date) -> bool:
    return any(b.taken_at.date() == day for b in list_backups(folder))


def backups_to_keep(backups: list[Backup]) -> set[Path]:
    """Newest backup per day for the 12 newest days that have one; older than those, the
    newest per ISO week for 10 weeks; older still, the newest per month for 9 months.

    Each tier starts where the one before it ends, so together they reach back about a year.
    """
    remaining = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = set()
    tiers: tuple[tuple[Callable[[Backup], Hashable], int], ...] = (
        (lambda b: b.taken_at.date(), KEEP_DAILY),
        (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
    )
    for key_of, limit in tiers:
        seen: set[Hashable] = set()
        kept_here: list[Backup] = []
        for b in remaining:
            key = key_of(b)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(key)
            kept_here.append(b)
        keep.update(b.path for b in kept_here)
        if kept_here:
            # The next tier only looks at buckets older than everything this tier covered.
            last_key = key_of(kept_here[-1])
            remaining = [
                b
                for b in remaining
                if b.taken_at < kept_here[-1].taken_at and key_of(b) != last_key
            ]
    return keep


def thin_backups(folder: Path) -> list[Path]:
    """Delete backups the schedule no longer needs; returns what was removed."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed
