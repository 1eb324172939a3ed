"""`coach questionnaire import FILE`: load a clinic's licensed ODI or NDI statements.

For a clinic setting up copies by script. The file is checked exactly as when it is loaded in
the window (coach.exchange.questionnaire_file; format in assets/questionnaires/README.md), and a
refused file is one plain sentence on stderr with a non-zero exit and nothing written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "questionnaire", help="load licensed ODI or NDI statements from a questionnaire file"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = actions.add_parser("import", help="load the statements in a questionnaire file")
    load.add_argument("file", type=Path, help="the questionnaire file (.json)")
    load.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.domain.errors import UserError

    context = build_context(args.data_dir, args.database, create=True)
    try:
        loaded, _ = context.questionnaires.load_statements(args.file)
    except UserError as exc:
        return fail(exc.message)
    finally:
        context.close(backup=False)
    print(f"Loaded the statements of the {loaded.instrument.label}.")
    return 0
