"""Creating the SQLAlchemy engine, with SQLite set up for durability.

On every SQLite connection: WAL (readers never block the writer), synchronous=FULL (a committed
exercise survives a power cut), foreign keys on (SQLite's default is off), and a busy timeout so
a second reader waits instead of failing at once.

Python 3.11's sqlite3 module opens transactions on its own schedule and cannot be told not to
(`autocommit=False` arrived in 3.12), which breaks SAVEPOINT and transactional DDL. The recipe from
the SQLAlchemy docs: turn the driver's handling off (isolation_level=None) and emit BEGIN ourselves
when SQLAlchemy begins a transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import ConnectionPoolEntry

from coach.store.errors import DatabaseUrlError

BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
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

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
