"""`coach handout --out FILE.pdf [--programme NAME] [--paper a4|letter]`: the programme handout
as a PDF. Without --programme, every programme in force today goes into one file, each starting
on its own page.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coach.commands.patient_option import add_patient_option
from coach.commands.report import add_paper, write_document


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("handout", help="write a programme handout as a PDF")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    parser.add_argument(
        "--programme", metavar="NAME", help="the programme's name (default: all in force today)"
    )
    add_paper(parser)
    add_patient_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.ui.printing.handout import Handout

    return write_document(
        args,
        lambda patient: (
            Handout.named(patient, args.programme)
            if args.programme
            else Handout.in_force_today(patient)
        ),
    )
