"""Bringing a database up to this build's schema, safely.

Alembic runs from code (no alembic.ini), inside one transaction we own. On SQLite, batch
migrations rebuild tables (create new, copy, drop old, rename); with foreign keys on, dropping the
old parent would cascade-delete every child row. So foreign keys are switched off *before* BEGIN
(the pragma is a no-op inside a transaction) and `PRAGMA foreign_key_check` must come back empty
before COMMIT; otherwise everything rolls back.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from coach.store.errors import MigrationError
from coach.store.migrations import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(
    connection: Connection | None = None, script_location: Path = MIGRATIONS_DIR
) -> object:
    """An Alembic Config built in code; `connection` is handed to env.py."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = HEAD, script_location: Path = MIGRATIONS_DIR) -> None:
    """Upgrade to `target` (default: head) in a single transaction.

    `script_location` exists for tests that add a migration of their own.
    """
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        # On the raw driver connection: SQLAlchemy would autobegin a transaction first.
        raw = connection.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection, script_location), target)  # type: ignore[arg-type]
                if sqlite:
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        tables = sorted({str(row[0]) for row in problems})
                        raise MigrationError(
                            f"rows would lose their parent in {', '.join(tables)}", None
                        )
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
