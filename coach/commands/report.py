"""`coach report --out FILE.pdf [--from DATE] [--to DATE] [--paper a4|letter]`: the progress
sheet as a PDF, without opening a window (for clinics that print in batches, and for scripts).

Drawing needs a Qt application, so one is made on the offscreen platform when none exists; the
drawing itself is the GUI's, so the file matches what the print preview shows.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.commands.patient_option import add_patient_option

if TYPE_CHECKING:
    from coach.services.context import PatientContext
    from coach.ui.printing.document import Document

PAPERS = ("a4", "letter")


def iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01"
        ) from None


def add_paper(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper",
        choices=PAPERS,
        help="paper size (default: the Settings choice, else the locale's usual paper)",
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="write the progress sheet as a PDF")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    parser.add_argument(
        "--from",
        dest="first",
        type=iso_day,
        metavar="DATE",
        help="first day (default: 4 weeks ago)",
    )
    parser.add_argument(
        "--to", dest="last", type=iso_day, metavar="DATE", help="last day (default: today)"
    )
    add_paper(parser)
    add_patient_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.ui.printing.progress_sheet import ProgressSheet

    return write_document(args, lambda patient: ProgressSheet.of(patient, args.first, args.last))


def write_document(args: argparse.Namespace, build: Callable[[PatientContext], Document]) -> int:
    """Build a printed document from the data folder and write it to --out as a PDF."""
    from coach.app import build_context
    from coach.commands.patient_option import chosen_patient
    from coach.ui.printing.headless import write

    # A refusal (nothing to print, no such patient, a full disk) reaches cli.run_command, which
    # says it in one line with its exit code.
    context = build_context(args.data_dir, args.database, create=False)
    try:
        document = build(chosen_patient(context, args))
        pages = write(context, document, args.out, args.paper)
    finally:
        context.close(backup=False)
    what = document.kind[0].upper() + document.kind[1:]
    print(f"{what} written to {args.out} ({pages} page{'s' if pages != 1 else ''})")
    return 0
