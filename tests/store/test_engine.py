"""The engine's promises: pragmas on every connection, honest time, real transactions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, select, text
from sqlalchemy.exc import StatementError

from coach.store.engine import make_engine, unsynced_writes
from coach.store.errors import DatabaseUrlError
from coach.store.types import UTCDateTime


def test_pragmas_are_in_force_on_every_connection(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    seen = []
    # Several connections at once, so the pool has to open new ones.
    connections = [engine.connect() for _ in range(3)]
    for conn in connections:
        seen.append(
            tuple(
                conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            )
        )
    for conn in connections:
        conn.close()
    engine.dispose()
    assert seen == [("wal", 2, 1, 5000)] * 3


def test_unsynced_writes_lift_full_sync_in_the_block_only(tmp_path: Path) -> None:
    """Inside the block every connection handed out commits without waiting for the disk
    (synchronous 0); after it, every one is back to FULL (2), including those pooled while
    it lasted, and what the block wrote is there."""
    engine = make_engine(f"sqlite:///{tmp_path / 'u.db'}")

    def modes() -> list[int]:
        connections = [engine.connect() for _ in range(3)]  # the pool opens new ones too
        found = [c.exec_driver_sql("PRAGMA synchronous").scalar() for c in connections]
        for conn in connections:
            conn.close()
        return found

    assert modes() == [2, 2, 2]
    with unsynced_writes(engine):
        assert modes() == [0, 0, 0]
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (n INTEGER)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    assert modes() == [2, 2, 2]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT n FROM t").scalar() == 1
    engine.dispose()


def test_rollback_really_rolls_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        raise RuntimeError("user action failed half way")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
    engine.dispose()


def test_savepoints_work_with_the_python_311_recipe(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        nested = conn.begin_nested()
        conn.exec_driver_sql("INSERT INTO t VALUES (2)")
        nested.rollback()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT x FROM t").scalars().all() == [1]
    engine.dispose()


@pytest.fixture
def stamped(tmp_path: Path) -> tuple[object, Table]:
    engine = make_engine(f"sqlite:///{tmp_path / 'u.db'}")
    meta = MetaData()
    table = Table("t", meta, Column("id", Integer, primary_key=True), Column("at", UTCDateTime))
    meta.create_all(engine)
    return engine, table


def test_aware_datetimes_round_trip_as_utc(stamped: tuple[object, Table]) -> None:
    engine, table = stamped
    berlin_evening = datetime(2026, 3, 29, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    with engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(table.insert().values(id=1, at=berlin_evening))
        back = conn.execute(select(table.c.at)).scalar_one()
        raw = conn.execute(text("SELECT at FROM t")).scalar_one()
    assert back == berlin_evening
    assert back.tzinfo == UTC
    assert raw.startswith("2026-03-29 21:30:00")


def test_naive_datetimes_are_refused(stamped: tuple[object, Table]) -> None:
    engine, table = stamped
    with pytest.raises(StatementError, match="naive datetime"), engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(table.insert().values(id=1, at=datetime(2026, 1, 1, 9, 0)))


def test_plain_datetime_column_would_have_lost_the_offset(tmp_path: Path) -> None:
    """The trap UTCDateTime exists for: SQLite drops offsets from DateTime(timezone=True)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'trap.db'}")
    meta = MetaData()
    table = Table("t", meta, Column("at", DateTime(timezone=True)))
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert().values(at=datetime(2026, 1, 1, 9, tzinfo=UTC)))
        assert conn.execute(select(table.c.at)).scalar_one().tzinfo is None


@pytest.mark.parametrize("url", ["nosuchdb://x", "not a url", "postgresql+nodriver://h/db"])
def test_unknown_urls_give_a_plain_message(url: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        make_engine(url)
    assert "cannot be used" in caught.value.message
