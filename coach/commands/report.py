"""`coach report --out FILE.pdf [--from DATE] [--to DATE] [--paper a4|letter]`: the progress
sheet as a PDF, without opening a window (for clinics that print in batches, and for scripts).

Drawing needs a Qt application, so one is made on the offscreen platform when none exists; the
drawing itself is the GUI's, so the file matches what the print preview shows.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.services.reports import ReportError, default_period, progress_sheet

    context = build_context(args.data_dir, args.database, create=False)
    try:
        start, end = default_period(context)
        last = args.last or end
        first = args.first or last - (end - start)
        try:
            data = progress_sheet(context, first, last)
        except ReportError as exc:
            return fail(str(exc))
        from coach.ui.printing.headless import write_progress_sheet

        try:
            pages = write_progress_sheet(context, data, args.out, args.paper)
        except OSError as exc:
            return fail(str(exc))
    finally:
        context.close(backup=False)
    print(f"Progress sheet written to {args.out} ({pages} page{'s' if pages != 1 else ''})")
    return 0
