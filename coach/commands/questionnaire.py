"""`coach questionnaire import FILE`: load a clinic's licensed ODI or NDI statements.

For a clinic setting up copies by script. The file is checked exactly as when it is loaded in
the window (coach.exchange.questionnaire_file; format in assets/questionnaires/README.md), and a
refused file is one plain sentence on stderr with a non-zero exit and nothing written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.services.context import AppContext


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

    context = build_context(args.data_dir, args.database, create=True)
    try:
        return import_statements(context, args.file)
    finally:
        context.close(backup=False)


def import_statements(context: AppContext, path: Path) -> int:
    """Load one questionnaire file; the exit code. Split out so tests run this very path."""
    from coach.cli import fail
    from coach.domain.errors import UserError

    try:
        loaded, _ = context.questionnaires.load_statements(path)
    except UserError as exc:
        return fail(exc.message)
    print(f"Loaded the statements of the {loaded.instrument.label}.")
    return 0
