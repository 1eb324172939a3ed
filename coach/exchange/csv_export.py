"""All of a patient's records as CSV files, for a spreadsheet, a therapist or another program.

One file per kind of record, each column documented in TABLES (and in the README.txt written
next to the files), so the export can be read without Coach. The rules every file follows:

- UTF-8 with a byte-order mark (spreadsheet programs need it to read accents), comma-separated,
  a header row, one record per row, newest last;
- dates are ISO 8601 (2026-03-11); instants are ISO 8601 in UTC with a Z (2026-03-11T15:30:00Z),
  and `local_day` is the user's own calendar day when the record was written;
- numbers are rounded to what they mean: pain and counts whole, seconds to 0.1, scores and
  adherence credit to 0.01; an empty cell is a value that was not recorded;
- lists are separated by "; "; yes/no columns say yes or no;
- free text that starts with = + - or @ gets a leading apostrophe, so a spreadsheet shows it
  as text instead of running it as a formula.

Every file is written to a temporary name first and only when all are complete are they
renamed into place, so an interrupted export (or a full disk) never leaves a half-written file
under a real name, nor a mix of this export's files and an older one's. The rows come from
the caller (services read the store); this module knows only the format.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from coach.domain.errors import UserError

ENCODING = "utf-8-sig"
README = "README.txt"


class Kind(StrEnum):
    INT = "whole number"
    DECIMAL1 = "number, 1 decimal"
    DECIMAL2 = "number, 2 decimals"
    TEXT = "text"
    DATE = "date (YYYY-MM-DD)"
    INSTANT = "date and time in UTC (YYYY-MM-DDThh:mm:ssZ)"
    YES_NO = "yes or no"
    LIST = "list separated by '; '"
    JSON = "JSON object"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str


@dataclass(frozen=True)
class CsvTable:
    key: str
    description: str
    columns: tuple[Column, ...]

    @property
    def file_name(self) -> str:
        return f"{self.key}.csv"


def _c(name: str, kind: Kind, description: str) -> Column:
    return Column(name, kind, description)


TABLES: tuple[CsvTable, ...] = (
    CsvTable(
        "sessions",
        "Exercise sessions, one row per session started in the player.",
        (
            _c("id", Kind.INT, "session number (exercise_logs.session_id refers to it)"),
            _c("local_day", Kind.DATE, "the day of the session in the user's time zone"),
            _c("started_at", Kind.INSTANT, "when the session started"),
            _c("ended_at", Kind.INSTANT, "when it ended; empty if it never finished"),
            _c("timezone", Kind.TEXT, "the user's time zone at the time (IANA name)"),
            _c("status", Kind.TEXT, "completed, stopped (ended early) or in_progress"),
            _c("programme_id", Kind.INT, "the programme followed; empty for a free session"),
            _c("programme_name", Kind.TEXT, "that programme's name"),
            _c("pain_before", Kind.INT, "pain 0-10 before the session"),
            _c("pain_after", Kind.INT, "pain 0-10 after the session"),
            _c("symptom_region", Kind.TEXT, "lumbar or cervical, for symptom tracking"),
            _c("symptoms_before", Kind.INT, "how far symptoms reached before, 0 (none) to 5"),
            _c("effort", Kind.TEXT, "easier, same or harder than last time"),
            _c("note", Kind.TEXT, "the user's note"),
        ),
    ),
    CsvTable(
        "exercise_logs",
        "Each exercise of each session: what was prescribed next to what was done.",
        (
            _c("id", Kind.INT, "log number"),
            _c("session_id", Kind.INT, "the session (sessions.id)"),
            _c("local_day", Kind.DATE, "the day in the user's time zone"),
            _c("exercise_id", Kind.TEXT, "the exercise's identifier in the library"),
            _c("status", Kind.TEXT, "done, partial or skipped"),
            _c("started_at", Kind.INSTANT, "when the exercise started"),
            _c("ended_at", Kind.INSTANT, "when it ended"),
            _c("planned_sets", Kind.INT, "sets prescribed"),
            _c("done_sets", Kind.INT, "sets done in full"),
            _c("planned_reps", Kind.INT, "repetitions prescribed per set (and side)"),
            _c("done_reps", Kind.INT, "repetitions done in all, each side counted"),
            _c("planned_hold_s", Kind.DECIMAL1, "hold prescribed per repetition, seconds"),
            _c("done_hold_s", Kind.DECIMAL1, "mean hold achieved, seconds"),
            _c("planned_sides", Kind.TEXT, "none, both, alternate, left or right"),
            _c(
                "credit",
                Kind.DECIMAL2,
                "how much of one prescribed session this counts for in adherence, 0 to 1",
            ),
        ),
    ),
    CsvTable(
        "pain_entries",
        "Pain diary entries.",
        (
            _c("id", Kind.INT, "entry number"),
            _c("local_day", Kind.DATE, "the day in the user's time zone"),
            _c("recorded_at", Kind.INSTANT, "the time the entry is about"),
            _c("intensity", Kind.INT, "pain 0 (none) to 10 (worst imaginable)"),
            _c("body_regions", Kind.LIST, "where it hurt (body map region names)"),
            _c("qualities", Kind.LIST, "how it felt (aching, burning, ...)"),
            _c("worse", Kind.TEXT, "what made it worse"),
            _c("better", Kind.TEXT, "what made it better"),
            _c("medication", Kind.TEXT, "medicine taken"),
            _c("note", Kind.TEXT, "the user's note"),
            _c("question_for_therapist", Kind.YES_NO, "marked as a question for the therapist"),
            _c("red_flags", Kind.LIST, "warning signs ticked (urgent-care advice was shown)"),
        ),
    ),
    CsvTable(
        "checkins",
        "Daily check-ins, at most one per day.",
        (
            _c("id", Kind.INT, "check-in number"),
            _c("local_day", Kind.DATE, "the day the check-in is about"),
            _c("recorded_at", Kind.INSTANT, "when it was filled in"),
            _c("worst_pain", Kind.INT, "worst pain of the day, 0-10"),
            _c("typical_pain", Kind.INT, "usual pain of the day, 0-10"),
            _c("sleep_quality", Kind.INT, "sleep 0 (very poor) to 10 (very good)"),
            _c("activity_level", Kind.INT, "activity 0 (none) to 10 (as before the problem)"),
            _c("note", Kind.TEXT, "the user's note"),
        ),
    ),
    CsvTable(
        "treatments",
        "Treatments noted in the diary (injections, medicines, visits, surgery...).",
        (
            _c("id", Kind.INT, "treatment number"),
            _c("occurred_on", Kind.DATE, "the day of the treatment"),
            _c("kind", Kind.TEXT, "what it was (e.g. epidural_steroid_injection)"),
            _c("site", Kind.TEXT, "spinal level, site, or medicine and dose"),
            _c("provider", Kind.TEXT, "who gave it"),
            _c("note", Kind.TEXT, "the user's note"),
            _c("recorded_at", Kind.INSTANT, "when it was written in the diary"),
        ),
    ),
    CsvTable(
        "outcome_scores",
        "Outcome measures: NPRS, PSFS, ODI and NDI.",
        (
            _c("id", Kind.INT, "score number"),
            _c("local_day", Kind.DATE, "the day in the user's time zone"),
            _c("recorded_at", Kind.INSTANT, "when it was recorded"),
            _c("instrument", Kind.TEXT, "nprs, psfs, odi or ndi"),
            _c(
                "score",
                Kind.DECIMAL2,
                "NPRS 0-10, PSFS mean 0-10, ODI percent 0-100, NDI total 0-50",
            ),
            _c(
                "details",
                Kind.JSON,
                "the answers: NPRS {pain}, PSFS {ratings: [{activity, rating}]}, "
                "ODI/NDI {sections: ten scores 0-5, null where not answered}",
            ),
            _c("note", Kind.TEXT, "the user's note"),
        ),
    ),
)


class ExportError(UserError):
    """The export could not be written; the message says why, in plain words."""

    title = "The export could not be written"


_FORMULA_START = ("=", "+", "-", "@")


def format_value(value: Any, kind: Kind) -> str:
    """One cell as text, by the rules in the module docstring."""
    if value is None:
        return ""
    if kind is Kind.INT:
        return str(round(value))
    if kind is Kind.DECIMAL1:
        return f"{float(value):.1f}"
    if kind is Kind.DECIMAL2:
        return f"{float(value):.2f}"
    if kind is Kind.DATE:
        return value.isoformat() if isinstance(value, date) else str(value)
    if kind is Kind.INSTANT:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"an instant must be an aware datetime, not {value!r}")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind is Kind.YES_NO:
        return "yes" if value else "no"
    if kind is Kind.LIST:
        return "; ".join(_safe_text(str(v)) for v in value)
    if kind is Kind.JSON:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _safe_text(str(value))


def _safe_text(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def readme_text() -> str:
    """README.txt: the rules and every column of every file."""
    lines = [
        "Coach data export",
        "=================",
        "",
        "One CSV file per kind of record. UTF-8 (with a byte-order mark), comma-separated,",
        "with a header row. Dates are YYYY-MM-DD; times are UTC, YYYY-MM-DDThh:mm:ssZ.",
        "local_day is the user's own calendar day when the record was written. An empty",
        "cell is a value that was not recorded. Text starting with = + - or @ has a",
        "leading apostrophe so that spreadsheets do not treat it as a formula.",
    ]
    for table in TABLES:
        lines += ["", table.file_name, "-" * len(table.file_name), table.description, ""]
        width = max(len(c.name) for c in table.columns)
        lines += [f"  {c.name:<{width}}  {c.description} [{c.kind}]" for c in table.columns]
    return "\n".join(lines) + "\n"


def write_csv(directory: Path, rows: Mapping[str, Iterable[Mapping[Any, Any]]]) -> list[Path]:
    """Write every table (rows keyed by TABLES' keys) and README.txt into `directory`,
    creating it if needed. Returns the files written; ExportError if it cannot be written."""
    missing = {t.key for t in TABLES} - set(rows)
    if missing:
        raise ValueError(f"no rows given for {sorted(missing)}")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot create the folder {directory}: {exc.strerror or exc}.") from exc
    if not directory.is_dir():
        raise ExportError(f"{directory} is not a folder.")
    parts: list[tuple[Path, Path]] = []
    try:
        for table in TABLES:
            parts.append(_write_table(directory, table, rows[table.key]))
        parts.append(_write_text(directory / README, readme_text()))
        for part, target in parts:
            os.replace(part, target)
    except BaseException:
        for part, _ in parts:
            part.unlink(missing_ok=True)
        raise
    return [target for _, target in parts]


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.part")


def _write_table(
    directory: Path, table: CsvTable, rows: Iterable[Mapping[Any, Any]]
) -> tuple[Path, Path]:
    """Write one table to its temporary name; returns (temporary, final name)."""
    target = directory / table.file_name
    part = _temporary(target)
    try:
        with part.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.name for c in table.columns])
            for row in rows:
                writer.writerow([format_value(row[c.name], c.kind) for c in table.columns])
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return part, target


def _write_text(target: Path, text: str) -> tuple[Path, Path]:
    part = _temporary(target)
    try:
        part.write_text(text, encoding="utf-8")
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return part, target
