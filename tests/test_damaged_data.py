"""The damaged-database matrix, through the command line and `--quit-after-startup`.

Each case starts from a healthy data folder, damages or blocks it, then runs `coach programme
list` (a command that only reads) and, on a fresh copy, `coach --quit-after-startup` with a
timeout: both must exit 3 with one line saying what is wrong, never wait on a dialog, and leave
the original where it was or moved aside intact. Damaged files are then restored from the backup
the message names. The full disk and read-only cases need root (a small tmpfs; a read-only
remount); without it, or if mounting fails, they are skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coach.app import build_context
from coach.cli import EXIT_DATA_ERROR
from coach.domain.profile import Role
from coach.store import backup

MOUNT_SIZE = "1m"


def coach(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """A closed, healthy database with a profile, and a backup of it."""
    folder = tmp_path_factory.mktemp("healthy")
    context = build_context(folder)
    context.profile.welcome("Test patient", Role.PATIENT, accepted_notice=True)
    context.close(backup=False)
    taken = backup.take_backup(
        folder / "coach.db", folder / "backups", context.clock.now(), "daily"
    )
    return (folder / "coach.db").read_bytes(), taken.read_bytes()


def lay_out(data: Path, database: bytes, good_backup: bytes) -> Path:
    (data / "backups").mkdir(parents=True)
    (data / "backups" / "coach-20260310T120000Z-daily.db").write_bytes(good_backup)
    (data / "coach.db").write_bytes(database)
    return data / "coach.db"


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])


def garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:16] = b"not SQLite at al"
    path.write_bytes(bytes(data))


def not_a_database(path: Path) -> None:
    path.write_text("Dear diary, today I did my exercises.\n" * 200, encoding="utf-8")


def newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


DAMAGED = "failed its health check"
MOVED = "moved aside"
KEPT = "kept"
CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("truncated", truncated, DAMAGED, MOVED),
    ("garbage header", garbage_header, DAMAGED, MOVED),
    ("not a database", not_a_database, DAMAGED, MOVED),
    ("newer revision", newer, "newer version of Coach", KEPT),
]
FRONTS = {"cli": ("programme", "list"), "window": ("--quit-after-startup",)}


def check_state(data: Path, before: bytes, state: str) -> None:
    if state == KEPT:
        assert (data / "coach.db").read_bytes() == before
        return
    assert not (data / "coach.db").exists()  # and no empty one was made in its place
    (moved,) = data.glob("coach.db.damaged-*[0-9]Z")
    assert moved.read_bytes() == before


@pytest.mark.parametrize("front", FRONTS)
@pytest.mark.parametrize(("case", "damage", "message", "state"), CASES, ids=[c[0] for c in CASES])
def test_damaged_data_exits_3_with_the_reason_and_keeps_the_file(  # noqa: PLR0917
    tmp_path: Path,
    healthy: tuple[bytes, bytes],
    front: str,
    case: str,
    damage: Callable[[Path], None],
    message: str,
    state: str,
) -> None:
    data = tmp_path / "data"
    database = lay_out(data, *healthy)
    damage(database)
    before = database.read_bytes()
    result = coach(data, *FRONTS[front])
    assert result.returncode == EXIT_DATA_ERROR, result.stderr
    assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    check_state(data, before, state)
    if state == MOVED:
        assert "coach-20260310T120000Z-daily.db" in result.stderr
        restored = coach(data, "backup", "restore", str(next((data / "backups").iterdir())))
        assert restored.returncode == 0, restored.stderr
        assert coach(data, "programme", "list").returncode == 0


@pytest.mark.parametrize("front", FRONTS)
def test_a_locked_database_exits_3_and_is_left_alone(
    tmp_path: Path, healthy: tuple[bytes, bytes], front: str
) -> None:
    data = tmp_path / "data"
    database = lay_out(data, *healthy)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = coach(data, *FRONTS[front])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == EXIT_DATA_ERROR, result.stderr
    assert "is using your data right now" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert database.read_bytes() == healthy[0]


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A tmpfs of MOUNT_SIZE at `folder`; skips the test with the reason where none can be had."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={MOUNT_SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs failed: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int) -> None:
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as out:
        out.write(b"\0" * max(0, free - leave_bytes))
    with contextlib.suppress(OSError), (folder / "filler-rest").open("wb") as out:
        while shutil.disk_usage(folder).free > leave_bytes:
            out.write(b"\0" * 1024)
            out.flush()


@pytest.mark.parametrize("front", FRONTS)
@pytest.mark.parametrize("leave_kb", [0, 24, 100])
def test_a_full_disk_exits_3_with_the_disk_full_message(
    tmp_path: Path, healthy: tuple[bytes, bytes], front: str, leave_kb: int
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        database = lay_out(data, *healthy)
        fill(disk, leave_kb * 1024)
        first = coach(data, *FRONTS[front])
        after_first = database.read_bytes()
        taken = coach(data, "backup", "now")
        after_backup = database.read_bytes()
        backups = sorted(p.name for p in (data / "backups").iterdir())
    for run in (first, taken):
        if run.returncode != 0:
            assert run.returncode == EXIT_DATA_ERROR, run.stderr
            assert "the disk is full" in run.stderr and run.stderr.count("\n") == 1, run.stderr
    if leave_kb <= 24:  # with more, opening (which needs the -wal and -shm files) can work
        assert first.returncode == EXIT_DATA_ERROR
        assert after_first == healthy[0]
    assert taken.returncode == EXIT_DATA_ERROR
    assert after_backup == after_first
    assert backups == ["coach-20260310T120000Z-daily.db"]  # no partial copy left


@pytest.mark.parametrize("front", FRONTS)
def test_a_read_only_folder_exits_3_and_changes_nothing(
    tmp_path: Path, healthy: tuple[bytes, bytes], front: str
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        database = lay_out(data, *healthy)
        remounted = subprocess.run(
            ["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True, check=False
        )
        if remounted.returncode != 0:
            pytest.skip(f"a read-only remount failed: {remounted.stderr.strip()}")
        result = coach(data, *FRONTS[front])
        kept = database.read_bytes()
    assert result.returncode == EXIT_DATA_ERROR, result.stderr
    assert "cannot write to its data folder" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert kept == healthy[0]


def test_commands_that_only_read_create_no_database(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    listed = coach(data, "programme", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Programmes:\n  (none)" in listed.stdout
    nothing = coach(data, "backup", "now")
    assert nothing.returncode == EXIT_DATA_ERROR
    assert "no data to back up yet" in nothing.stderr
    assert not (data / "coach.db").exists()


@pytest.mark.parametrize("command", ["report", "handout"])
def test_a_pdf_on_a_full_disk_says_so_and_keeps_the_old_file(tmp_path: Path, command: str) -> None:
    data = tmp_path / "data"
    assert coach(data, "demo").returncode == 0  # something to print
    with small_disk(tmp_path / "disk") as disk:
        target = disk / f"{command}.pdf"
        target.write_bytes(b"%PDF-1.4 the copy printed last week\n%%EOF\n")
        fill(disk, 0)
        result = coach(data, command, "--out", str(target))
        left = sorted(p.name for p in disk.iterdir() if not p.name.startswith("filler"))
        kept = target.read_bytes()
    assert result.returncode == EXIT_DATA_ERROR, result.stderr
    assert "the disk is full" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert kept == b"%PDF-1.4 the copy printed last week\n%%EOF\n"
    assert left == [target.name]  # no half-written PDF beside it
