"""`coach export csv --out DIR`: every record as CSV files, for spreadsheets and other programs.

The files and their columns are described in coach/exchange/csv_export.py and in the
README.txt written next to them. Further formats go under `coach export` as siblings of `csv`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coach.commands.patient_option import add_patient_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("export", help="export your records to files")
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
    csv = formats.add_parser(
        "csv",
        help="sessions, exercise logs, pain entries, check-ins, treatments and outcome "
        "scores as CSV files, with a README.txt describing every column",
    )
    csv.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="folder to write (created if needed)"
    )
    add_patient_option(csv)
    csv.set_defaults(run=run_csv)


def run_csv(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import EXIT_DATA_ERROR, fail
    from coach.commands.patient_option import chosen_patient
    from coach.exchange.csv_export import ExportError

    context = build_context(args.data_dir, args.database, create=False)
    try:
        written = chosen_patient(context, args).data_export.export_csv(args.out)
    except ExportError as exc:
        return fail(str(exc), EXIT_DATA_ERROR)
    finally:
        context.close(backup=False)
    print(f"{len(written)} files written to {args.out}")
    return 0
