"""Which low-level failures mean "the disk is full" or "the data is in use", for every write.

A full disk does not always say so. SQLite reports SQLITE_FULL when a page cannot be written,
but with only a few KB free the first failure is often creating the -wal or -shm file at
connect, which SQLite reports as a plain SQLITE_IOERR ("disk I/O error"); files written by
Coach itself (backups, exports, pictures) fail with ENOSPC. So an I/O error counts as "full"
when the folder it concerns has almost no space left, and anything else that is an I/O error
is still said in words (DiskError), never shown as a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from coach.store.errors import DatabaseLockedError, DiskError, DiskFullError, StoreError

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_FULL = 13
# Below this much free space an I/O error is taken as the disk being full: SQLite needs a few
# pages for the -wal, -shm and journal files before it can write anything.
LOW_SPACE_BYTES = 1024 * 1024
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if isinstance(current, DBAPIError) and isinstance(current.orig, BaseException):
            yield current.orig
        current = current.__cause__


def _space_is_low(folder: Path | None) -> bool:
    if folder is None:
        return False
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free < LOW_SPACE_BYTES
    except OSError:
        return False


def user_facing(exc: BaseException, folder: Path | None) -> StoreError | None:
    """The StoreError that `exc` (or what caused it) means, or None if it is none of ours.

    `folder` is where the failed write was going, to tell a full disk from another I/O error.
    """
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS:
            return DiskFullError()
        if isinstance(cause, sqlite3.Error):
            code = getattr(cause, "sqlite_errorcode", 0) & 0xFF
            text = str(cause).lower()
            if code == SQLITE_FULL or "disk is full" in text:
                return DiskFullError()
            if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text or "busy" in text:
                return DatabaseLockedError()
            if code == SQLITE_IOERR or "disk i/o error" in text:
                return DiskFullError() if _space_is_low(folder) else DiskError(str(cause))
    return None


@contextlib.contextmanager
def translated(folder: Path | None) -> Iterator[None]:
    """Raise the user-facing StoreError for a full disk, a lock or an I/O error in the block."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # also a refusal whose cause was the disk (an export's ExportError)
        error = user_facing(exc, folder)
        if error is None:
            raise
        raise error from exc
