"""Diary entries keep their numbers: a deleted entry's id is never given to a new one.

Undo puts a deleted pain entry, check-in, treatment or outcome score back under its own id. On
SQLite a plain INTEGER PRIMARY KEY hands the highest id out again once its row is deleted, so
an entry made meanwhile outside the diary's undo history (the evening check-in prompt, the
Today page, an imported progress file) could take that id, and the undo then overwrote it.
AUTOINCREMENT makes SQLite remember the highest id ever given, as PostgreSQL's sequences
already do; there this revision changes nothing.

SQLite cannot add AUTOINCREMENT to a table in place, so each table is rebuilt with its rows
(migrate.py keeps foreign keys off during the rebuild and checks them before committing).

Revision ID: 0006_entry_ids_kept
Revises: 0005_progress_day
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_entry_ids_kept"
down_revision: str | None = "0005_progress_day"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose deleted rows undo writes back under their old id.
RESTORABLE = ("pain_entry", "daily_checkin", "treatment", "outcome_score")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in RESTORABLE:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
