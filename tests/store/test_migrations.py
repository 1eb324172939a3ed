"""Migrations: upgrade keeps data, parents can be rebuilt without losing children, newer
databases are refused untouched, and a backup is taken before any upgrade."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from coach.paths import prepare_data_dir
from coach.store import schema
from coach.store.backup import list_backups
from coach.store.errors import MigrationError, NewerDatabaseError
from coach.store.migrate import MIGRATIONS_DIR, upgrade
from coach.store.migrations import HEAD, REVISIONS
from coach.store.opening import open_store

NOW = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)

REBUILD_PARENT = '''
"""Test-only: rebuild the programme table (a parent of programme_version) in batch mode."""
import sqlalchemy as sa
from alembic import op

revision = "0099_rebuild_parent"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("programme", recreate="always") as batch:
        batch.add_column(sa.Column("colour", sa.String(16), nullable=True))


def downgrade():
    pass
'''

ORPHANING = '''
"""Test-only: a broken migration that leaves child rows without their parent."""
from alembic import op

revision = "0099_orphans"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM programme")


def downgrade():
    pass
'''


def _scripts_with(tmp_path: Path, body: str, name: str) -> Path:
    scripts = tmp_path / "scripts"
    shutil.copytree(MIGRATIONS_DIR, scripts)
    (scripts / "versions" / f"{name}.py").write_text(body.format(head=HEAD), encoding="utf-8")
    return scripts


def _programme_with_children(store_engine: object) -> None:
    with store_engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(
            schema.programme.insert().values(
                id=1,
                uid="u-1",
                name="Morning",
                start_date=date(2026, 3, 1),
                created_at=NOW,
                is_template=True,
            )
        )
        conn.execute(
            schema.programme_version.insert().values(
                id=1, programme_id=1, effective_from=date(2026, 3, 1), created_at=NOW
            )
        )
        conn.execute(
            schema.programme_item.insert().values(
                version_id=1,
                position=0,
                exercise_id="prone-press-up",
                sets=1,
                reps=10,
                hold_s=2,
                rest_s=0,
                move_s=2,
                return_s=2,
                sides="none",
                times_per_day=6,
            )
        )


def test_revisions_constant_matches_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    from coach.store.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(ordered) == REVISIONS
    assert scripts.get_current_head() == HEAD


def test_migrated_schema_matches_the_tables_in_code(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(prepare_data_dir(tmp_path / "d"), None, NOW)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    store.close()
    assert diff == []


def _clauses(sql: str) -> tuple[bool, frozenset[str]]:
    """A CREATE TABLE's AUTOINCREMENT and its named constraints, whatever their order."""
    flat = re.sub(r"\s+", " ", sql)
    return "AUTOINCREMENT" in flat, frozenset(re.findall(r"CONSTRAINT (\w+)", flat))


def test_migrated_tables_keep_the_checks_and_id_rules_in_code(tmp_path: Path) -> None:
    """Alembic's comparison skips CHECK constraints and AUTOINCREMENT; rebuilt tables must keep
    both (undo relies on ids never handed out twice)."""
    store = open_store(prepare_data_dir(tmp_path / "d"), None, NOW)
    store.close()
    fresh = tmp_path / "fresh.db"
    schema.metadata.create_all(create_engine(f"sqlite:///{fresh}"))

    def tables(path: Path) -> dict[str, tuple[bool, frozenset[str]]]:
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            return {name: _clauses(sql) for name, sql in rows if name in schema.metadata.tables}

    migrated, in_code = tables(store.paths.database), tables(fresh)
    assert migrated == in_code
    restorable = ("pain_entry", "daily_checkin", "treatment", "outcome_score")
    assert all(migrated[name][0] for name in restorable)


def test_upgrade_rebuilding_a_parent_table_keeps_child_rows(tmp_path: Path) -> None:
    store = open_store(prepare_data_dir(tmp_path / "d"), None, NOW)
    _programme_with_children(store.engine)
    upgrade(store.engine, "0099_rebuild_parent", _scripts_with(tmp_path, REBUILD_PARENT, "r"))
    with store.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("programme")}
        items = conn.execute(select(schema.programme_item.c.exercise_id)).scalars().all()
        versions = conn.execute(select(schema.programme_version.c.id)).scalars().all()
        foreign_keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    store.close()
    assert "colour" in columns
    assert items == ["prone-press-up"]
    assert versions == [1]
    assert foreign_keys == 1  # switched back on after the migration


def test_the_trap_is_real_rebuilding_with_foreign_keys_on_deletes_children(
    tmp_path: Path,
) -> None:
    """Without foreign_keys=OFF, dropping the old parent cascades to every child row."""
    store = open_store(prepare_data_dir(tmp_path / "d"), None, NOW)
    _programme_with_children(store.engine)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE programme_new AS SELECT * FROM programme")
        conn.exec_driver_sql("DROP TABLE programme")
        conn.exec_driver_sql("ALTER TABLE programme_new RENAME TO programme")
        left = conn.exec_driver_sql("SELECT count(*) FROM programme_version").scalar()
    store.close()
    assert left == 0


def test_migration_leaving_orphans_is_rolled_back(tmp_path: Path) -> None:
    store = open_store(prepare_data_dir(tmp_path / "d"), None, NOW)
    _programme_with_children(store.engine)
    with pytest.raises(MigrationError, match="programme_version"):
        upgrade(store.engine, "0099_orphans", _scripts_with(tmp_path, ORPHANING, "o"))
    with store.engine.connect() as conn:
        programmes = conn.execute(select(schema.programme.c.name)).scalars().all()
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    store.close()
    assert programmes == ["Morning"]
    assert revision == HEAD


def _stamp(database: Path, revision: str) -> None:
    conn = sqlite3.connect(database)
    conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.commit()
    conn.close()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    open_store(paths, None, NOW).close()
    _stamp(paths.database, "9999_from_the_future")
    before = _fingerprint(paths.root)
    with pytest.raises(NewerDatabaseError) as caught:
        open_store(paths, None, NOW)
    assert "newer version of Coach" in caught.value.message
    assert _fingerprint(paths.root) == before
    assert not paths.backups.exists()


def test_an_older_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    store = open_store(paths, None, NOW)
    _programme_with_children(store.engine)
    store.close()
    # Pretend the file is one revision behind by rolling its stamp back to "nothing applied
    # after the baseline": delete the stamp row and add a fake older revision to the scripts.
    scripts = _scripts_with(tmp_path, REBUILD_PARENT, "r")
    from coach.store import migrations as known

    monkey_revisions = (*known.REVISIONS, "0099_rebuild_parent")
    pytest.MonkeyPatch().setattr(known, "REVISIONS", monkey_revisions)
    from coach.store import opening

    mp = pytest.MonkeyPatch()
    mp.setattr(opening, "REVISIONS", monkey_revisions)
    mp.setattr(opening, "HEAD", "0099_rebuild_parent")
    mp.setattr("coach.store.migrate.MIGRATIONS_DIR", scripts)
    mp.setattr("coach.store.migrate.HEAD", "0099_rebuild_parent")
    try:
        upgraded = open_store(paths, None, NOW)
        upgraded.close()
    finally:
        mp.undo()
    backups = list_backups(paths.backups)
    assert [b.reason for b in backups] == ["before-0099_rebuild_parent"]
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    assert conn.execute("SELECT count(*) FROM programme_item").fetchone() == (1,)
    conn.close()
