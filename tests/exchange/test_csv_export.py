"""CSV export: the documented columns, ISO dates and UTC times, sensible rounding, safe text,
clear errors, and the `coach export csv` command."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from histories import Done, History, Item

from coach.cli import EXIT_DATA_ERROR
from coach.exchange.csv_export import (
    ENCODING,
    README,
    TABLES,
    ExportError,
    Kind,
    format_value,
    write_csv,
)
from coach.services.context import AppContext

DAY = date(2026, 3, 2)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=ENCODING, newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(encoding=ENCODING, newline="") as handle:
        return next(csv.reader(handle))


@pytest.fixture
def filled(patient: AppContext) -> AppContext:
    history = History(patient.store.engine)
    p = history.programme(DAY, [Item("bridge", sets=3)], name="Back")
    history.session(
        DAY,
        p,
        [Done("bridge", "partial", planned_sets=3, done_sets=1, done_reps=17)],
        tz="Europe/Berlin",
        at=time(7, 5),
        pain_before=5,
        pain_after=3,
    )
    history.pain(DAY, 6)
    history.checkin(DAY, worst=7, typical=4)
    history.treatment(DAY + timedelta(days=1), "epidural_steroid_injection", "L5-S1")
    history.nprs(DAY, 5)
    return patient


def test_every_file_has_its_documented_columns(filled: AppContext, tmp_path: Path) -> None:
    written = filled.own_patient().data_export.export_csv(tmp_path / "new" / "folder")
    names = sorted(p.name for p in written)
    assert names == sorted([t.file_name for t in TABLES] + [README])
    for table in TABLES:
        assert header(tmp_path / "new" / "folder" / table.file_name) == [
            c.name for c in table.columns
        ]
    readme = (tmp_path / "new" / "folder" / README).read_text(encoding="utf-8")
    for table in TABLES:
        assert table.file_name in readme
        assert all(c.name in readme for c in table.columns)


def test_dates_times_and_numbers_are_iso_and_rounded(filled: AppContext, tmp_path: Path) -> None:
    filled.own_patient().data_export.export_csv(tmp_path)
    (session,) = read(tmp_path / "sessions.csv")
    # 07:05 in Berlin (UTC+1 in March) is 06:05 UTC.
    assert session["started_at"] == "2026-03-02T06:05:00Z"
    assert session["local_day"] == "2026-03-02"
    assert session["timezone"] == "Europe/Berlin"
    assert session["programme_name"] == "Back"
    assert (session["pain_before"], session["pain_after"]) == ("5", "3")
    assert session["ended_at"] == "2026-03-02T06:05:00Z"
    (log,) = read(tmp_path / "exercise_logs.csv")
    assert log["planned_hold_s"] == "0.0"
    assert log["credit"] == "0.57"  # 17 of 30 repetitions: 0.5666...
    (pain,) = read(tmp_path / "pain_entries.csv")
    assert pain["body_regions"] == "low_back"
    assert pain["question_for_therapist"] == "no"
    (score,) = read(tmp_path / "outcome_scores.csv")
    assert (score["instrument"], score["score"], score["details"]) == (
        "nprs",
        "5.00",
        '{"pain": 5}',
    )
    (given,) = read(tmp_path / "treatments.csv")
    assert given["occurred_on"] == "2026-03-03"


def test_an_empty_database_still_writes_headers(patient: AppContext, tmp_path: Path) -> None:
    patient.own_patient().data_export.export_csv(tmp_path)
    for table in TABLES:
        assert read(tmp_path / table.file_name) == []
        assert header(tmp_path / table.file_name)


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (None, Kind.INT, ""),
        (3, Kind.INT, "3"),
        (12.345, Kind.DECIMAL1, "12.3"),
        (35.555555, Kind.DECIMAL2, "35.56"),
        (date(2026, 1, 5), Kind.DATE, "2026-01-05"),
        (datetime(2026, 7, 1, 9, 30, 15, 999, tzinfo=UTC), Kind.INSTANT, "2026-07-01T09:30:15Z"),
        (True, Kind.YES_NO, "yes"),
        (["low_back", "neck"], Kind.LIST, "low_back; neck"),
        ({"sections": [1, None]}, Kind.JSON, '{"sections": [1, null]}'),
        ("=HYPERLINK(1)", Kind.TEXT, "'=HYPERLINK(1)"),
        ("-2 after the walk", Kind.TEXT, "'-2 after the walk"),
        ("plain, with a comma", Kind.TEXT, "plain, with a comma"),
    ],
)
def test_cell_formats(value: object, kind: Kind, text: str) -> None:
    assert format_value(value, kind) == text


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_value(datetime(2026, 1, 1), Kind.INSTANT)


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    empty: dict[str, list[dict[str, object]]] = {t.key: [] for t in TABLES}
    with pytest.raises(ExportError, match="a-file"):
        write_csv(blocker / "inside", empty)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(ExportError, match="Cannot write"):
            write_csv(locked, empty)
        assert list(locked.iterdir()) == []


def run_coach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def test_export_csv_command(filled: AppContext, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run_coach("--data-dir", str(data_dir), "export", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "7 files written" in result.stdout
    assert len(read(out / "exercise_logs.csv")) == 1
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    failed = run_coach("--data-dir", str(data_dir), "export", "csv", "--out", str(blocker))
    assert failed.returncode == EXIT_DATA_ERROR
    assert failed.stderr.startswith("coach: ")
    assert "Traceback" not in failed.stderr
