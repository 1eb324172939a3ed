"""Backups: consistent online copies, the thinning schedule, damaged files moved aside."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.paths import prepare_data_dir
from coach.store import backup
from coach.store.errors import CorruptDatabaseError, DiskFullError
from coach.store.opening import open_store

NOW = datetime(2026, 3, 11, 15, 30, tzinfo=UTC)


def _count_settings(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT count(*) FROM setting").fetchone()[0])
    finally:
        conn.close()


def test_online_backup_sees_committed_rows_still_in_the_wal(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    store = open_store(paths, None, NOW)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2026-03-11')"
        )
    # The store is still open: the row lives in the -wal file, not yet in coach.db itself.
    taken = backup.take_backup(paths.database, paths.backups, NOW, "manual")
    store.close()
    assert _count_settings(taken) == 1
    assert backup.is_healthy(taken)
    assert taken.stat().st_mode & 0o777 == 0o600


def test_backup_names_parse_back() -> None:
    name = backup.backup_name(NOW, "daily")
    parsed = backup.parse_backup(Path(name))
    assert parsed is not None
    assert (parsed.taken_at, parsed.reason) == (NOW, "daily")
    assert backup.parse_backup(Path("notes.txt")) is None
    assert backup.parse_backup(Path("coach-garbage-daily.db")) is None


def _fake_backups(folder: Path, moments: list[datetime]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for moment in moments:
        (folder / backup.backup_name(moment, "daily")).write_bytes(b"")


def test_thinning_keeps_12_daily_10_weekly_9_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    # Two backups a day (daily + exit) for two years.
    moments = [NOW - timedelta(hours=12 * i) for i in range(2 * 730)]
    _fake_backups(folder, moments)
    backup.thin_backups(folder)
    kept = backup.list_backups(folder)
    days = {b.taken_at.date() for b in kept}
    weeks = {b.taken_at.isocalendar()[:2] for b in kept}
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert kept[0].taken_at == NOW  # the newest always survives
    assert len(kept) <= 12 + 10 + 9
    assert len(days) == len(kept)  # never two on the same day
    assert {(NOW - timedelta(days=i)).date() for i in range(12)} <= days
    assert len(weeks) >= 10
    assert len(months) >= 9
    oldest = kept[-1].taken_at
    assert NOW - oldest > timedelta(days=8 * 30)


def test_thinning_a_short_history_removes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _fake_backups(folder, [NOW - timedelta(days=i) for i in range(5)])
    assert backup.thin_backups(folder) == []
    assert len(backup.list_backups(folder)) == 5


def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_offered(
    tmp_path: Path,
) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    open_store(paths, None, NOW).close()
    good = backup.take_backup(paths.database, paths.backups, NOW - timedelta(days=1), "daily")
    broken_backup = paths.backups / backup.backup_name(NOW - timedelta(hours=1), "exit")
    broken_backup.write_bytes(b"not a database at all" * 100)
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000
    paths.database.write_bytes(damaged)

    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(paths, None, NOW)

    error = caught.value
    assert error.backup == good  # the newer, broken backup is skipped
    assert error.moved_to.read_bytes() == damaged  # moved, never overwritten
    assert not paths.database.exists()
    assert "moved aside" in error.message


def test_garbage_file_counts_as_damaged(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    paths.database.write_text("hello, I am a text file that got renamed", encoding="utf-8")
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(paths, None, NOW)
    assert caught.value.backup is None
    assert "No backup" in caught.value.message


def test_restoring_a_backup_after_damage(tmp_path: Path) -> None:
    from coach.services.backups import restore_backup

    paths = prepare_data_dir(tmp_path / "d")
    store = open_store(paths, None, NOW)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2026-03-11')"
        )
    store.close()
    good = backup.take_backup(paths.database, paths.backups, NOW, "daily")
    paths.database.write_bytes(b"\x00" * 4096)
    with pytest.raises(CorruptDatabaseError):
        open_store(paths, None, NOW)
    restore_backup(good, paths)
    open_store(paths, None, NOW).close()
    assert _count_settings(paths.database) == 1


def test_restore_moves_a_database_with_data_aside_and_replaces_an_unused_one(
    tmp_path: Path,
) -> None:
    from coach.services.backups import restore_backup

    paths = prepare_data_dir(tmp_path / "d")
    store = open_store(paths, None, NOW)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2026-03-11')"
        )
    store.close()
    good = backup.take_backup(paths.database, paths.backups, NOW, "daily")
    paths.database.unlink()
    open_store(paths, None, NOW).close()  # a fresh, unused database made since
    assert restore_backup(good, paths) is None
    assert _count_settings(paths.database) == 1
    before = paths.database.read_bytes()
    moved = restore_backup(good, paths)  # now it holds data: kept, never overwritten
    assert moved is not None and moved.read_bytes() == before
    assert restore_backup(good, paths) == moved.with_name(moved.name + "-2")
    assert sorted(p.name for p in paths.root.iterdir() if p.name.startswith("coach.db")) == [
        "coach.db",
        "coach.db.before-restore",
        "coach.db.before-restore-2",
    ]


def test_health_checks_of_backups_leave_no_files(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    open_store(paths, None, NOW).close()
    good = backup.take_backup(paths.database, paths.backups, NOW, "daily")
    before = sorted(p.name for p in paths.backups.iterdir())
    assert backup.is_healthy(good)
    assert backup.newest_good_backup(paths.backups) == good
    assert not backup.holds_user_data(good)
    assert sorted(p.name for p in paths.backups.iterdir()) == before


def test_a_full_disk_during_a_backup_is_the_disk_full_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = prepare_data_dir(tmp_path / "d")
    open_store(paths, None, NOW).close()

    def full(source: Path, target: Path, *, live: bool = True) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_database", full)
    with pytest.raises(DiskFullError):
        backup.take_backup(paths.database, paths.backups, NOW, "manual")


def test_a_data_folder_named_with_uri_characters_opens_and_backs_up(tmp_path: Path) -> None:
    paths = prepare_data_dir(tmp_path / "odd ?name #1 %20")
    open_store(paths, None, NOW).close()
    good = backup.take_backup(paths.database, paths.backups, NOW, "daily")
    assert backup.is_healthy(good)
    open_store(paths, None, NOW).close()
