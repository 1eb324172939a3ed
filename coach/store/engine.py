"""Creating the SQLAlchemy engine, with SQLite set up for durability.

On every SQLite connection: WAL (readers never block the writer), synchronous=FULL (a committed
exercise survives a power cut), foreign keys on (SQLite's default is off), and a busy timeout so
a second reader waits instead of failing at once. `unsynced_writes` lifts synchronous=FULL for a
block of invented data (the demo), where a flush to disk at every commit buys nothing.

Python 3.11's sqlite3 module opens transactions on its own schedule and cannot be told not to
(`autocommit=False` arrived in 3.12), which breaks SAVEPOINT and transactional DDL. The recipe from
the SQLAlchemy docs: turn the driver's handling off (isolation_level=None) and emit BEGIN ourselves
when SQLAlchemy begins a transaction.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from coach.store.errors import DatabaseUrlError

BUSY_TIMEOUT_MS = 5000
SYNCED = "FULL"
# Engines inside an unsynced_writes block: their connections are handed out with synchronous=OFF.
_unsynced: weakref.WeakSet[Engine] = weakref.WeakSet()
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    f"PRAGMA synchronous={SYNCED}",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite gets the pragmas and the transaction recipe."""
    try:
        engine = create_engine(url, future=True)
    except NoSuchModuleError as exc:
        raise DatabaseUrlError(url, "this kind of database is not supported") from exc
    except ArgumentError as exc:
        raise DatabaseUrlError(url, "it is not a valid database address") from exc
    except ModuleNotFoundError as exc:
        raise DatabaseUrlError(url, f"the driver {exc.name!r} is not installed") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        assert isinstance(dbapi_connection, sqlite3.Connection)
        dbapi_connection.isolation_level = None
        for pragma in SQLITE_PRAGMAS:
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
        wanted = "OFF" if engine in _unsynced else SYNCED
        if record.info.get("synchronous", SYNCED) != wanted:
            dbapi_connection.execute(f"PRAGMA synchronous={wanted}")
            record.info["synchronous"] = wanted

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def unsynced_writes(engine: Engine) -> Iterator[None]:
    """Commits in the block are not flushed to disk one by one (SQLite only; elsewhere nothing
    changes), and the whole is flushed when it ends.

    For the demo's invented history only: tens of thousands of small transactions, each one
    waiting for the disk, made `coach demo --therapist` take 38 s instead of 23. A crash of the
    program inside the block loses nothing committed; a power cut may, which for a demo being
    written means writing it again. Connections pooled during the block are set back to
    synchronous=FULL when next handed out."""
    if not is_sqlite(engine):
        yield
        return
    _unsynced.add(engine)
    try:
        yield
    finally:
        _unsynced.discard(engine)
        with engine.connect() as conn:  # handed out synced again: the checkpoint is flushed
            conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
