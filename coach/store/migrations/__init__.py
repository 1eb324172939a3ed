"""Alembic migrations, run from code at start-up (see coach.store.migrate).

REVISIONS lists every revision this build knows, oldest first; a test keeps it equal to the
scripts in versions/. Start-up compares the database's stamp with it using plain sqlite3, so the
common case (already up to date) never imports Alembic.
"""

REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_archived_day",
    "0003_patients",
    "0004_adherence_day",
    "0005_progress_day",
    "0006_entry_ids_kept",
    "0007_credit_day",
)
HEAD = REVISIONS[-1]
