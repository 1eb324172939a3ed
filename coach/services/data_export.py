"""Exporting all of the user's records as CSV files (the `coach export csv` command and the
Progress page's "Export data as CSV…"): the store's rows in the exchange layer's format."""

from __future__ import annotations

from pathlib import Path

from coach.exchange.csv_export import write_csv
from coach.services.database import Database
from coach.store import export_rows, failures


class DataExportService:
    def __init__(self, db: Database, patient_id: int) -> None:
        self._patient = patient_id
        self._db = db

    def export_csv(self, directory: Path) -> list[Path]:
        """Write every CSV file and README.txt into `directory` (created if needed).

        Raises coach.exchange.csv_export.ExportError, with a message for the user, when the
        folder cannot be written, and DiskFullError when the disk is full (each file is written
        whole or not at all). Reads in one transaction, so the files agree with each other.
        """
        with failures.translated(directory), self._db.read() as conn:
            return write_csv(directory, export_rows.all_rows(conn, self._patient))
