"""`coach handout --out FILE.pdf [--programme NAME] [--paper a4|letter]`: the programme handout
as a PDF. Without --programme, every programme in force today goes into one file, each starting
on its own page.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coach.commands.report import add_paper


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("handout", help="write a programme handout as a PDF")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    parser.add_argument(
        "--programme", metavar="NAME", help="the programme's name (default: all in force today)"
    )
    add_paper(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.services.reports import ReportError, find_programme, handout, handouts_for_today

    context = build_context(args.data_dir, args.database, create=False)
    try:
        try:
            if args.programme:
                found = find_programme(context, args.programme)
                assert found.id is not None
                documents = [handout(context, found.id)]
            else:
                documents = handouts_for_today(context)
        except ReportError as exc:
            return fail(str(exc))
        from coach.ui.printing.headless import write_handout

        try:
            pages = write_handout(context, documents, args.out, args.paper)
        except OSError as exc:
            return fail(str(exc))
    finally:
        context.close(backup=False)
    print(f"Handout written to {args.out} ({pages} page{'s' if pages != 1 else ''})")
    return 0
