"""The command line: global options, and headless subcommands for scripts and clinics.

Without a subcommand Coach starts the GUI. Each subcommand lives in coach/commands/<name>.py
with `register(subparsers)`, which sets `run(args) -> exit code` as the parser default.
Errors a user can fix are printed as one plain sentence on stderr with a non-zero exit: 3 when
the data cannot be opened or written (damaged, newer, locked, full disk), 2 for anything else.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from coach import __version__

COMMANDS = (
    "coach.commands.demo",
    "coach.commands.backups",
    "coach.commands.exercises",
    "coach.commands.illustrations",
    "coach.commands.programme",
    "coach.commands.questionnaire",
    "coach.commands.export",
    "coach.commands.report",
    "coach.commands.handout",
    "coach.commands.patients",
    "coach.commands.progress",
)

EXIT_USER_ERROR = 2
EXIT_DATA_ERROR = 3


def build_parser() -> argparse.ArgumentParser:
    """Every option and subcommand: what --help shows and what a command is parsed with."""
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Coach: your home exercise programme, pain diary and progress. "
        "Without a command, the app window opens.",
    )
    parser.add_argument("--version", action="version", version=f"Coach {__version__}")
    _add_window_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The global options: all a plain start of the window can be given."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all data in DIR instead of the usual place (also: COACH_DATA_DIR)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="use this database instead of the file in the data folder "
        "(e.g. postgresql+psycopg://user@host/coach for a clinic server)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start on a throwaway data folder filled with an example patient",
    )
    parser.add_argument(
        "--therapist",
        action="store_true",
        help="with --demo: a therapist's copy with a caseload of example patients instead",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start with the window closed if Coach is set to keep running in the background "
        "(how it starts at login)",
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help="show the main window, wait for it to be drawn, then exit (a smoke test)",
    )


class _NotAWindowStart(Exception):
    """The command line is more than window options: the full parser must read it."""


class _WindowStartParser(argparse.ArgumentParser):
    """The global options alone, for the usual start of the window: building the full parser
    imports every subcommand's module, which the window does not need. It has no --help or
    --version and no words of its own for mistakes: anything it cannot take as it is goes to
    the full parser, so help, the version and every error read exactly as before."""

    def __init__(self) -> None:
        super().__init__(prog="coach", add_help=False)
        _add_window_options(self)

    def error(self, message: str) -> NoReturn:
        raise _NotAWindowStart(message)


def _data_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    options.add_argument("--database")
    return options


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line. --data-dir and --database may stand anywhere, before or after
    the command (`coach demo --data-dir DIR` and `coach --data-dir DIR demo` are the same)."""
    found, rest = _data_options().parse_known_args(argv)
    args = _window_start(rest) or build_parser().parse_args(rest)
    args.data_dir = found.data_dir
    args.database = found.database
    return args


def _window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a start of the window without a command, or None when `argv` holds
    anything else (a command, --help, --version, a mistake)."""
    try:
        args, rest = _WindowStartParser().parse_known_args(argv)
    except _NotAWindowStart:
        return None
    if rest:
        return None
    args.command = None  # as the full parser's subcommand slot reads without a command
    return args


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand, turning data errors into a sentence and an exit code."""
    from coach.domain.errors import UserError
    from coach.paths import DataDirError
    from coach.store.errors import StoreError

    try:
        code: int = args.run(args)
    except (StoreError, DataDirError) as exc:
        return fail(exc.message, EXIT_DATA_ERROR)
    except UserError as exc:
        return fail(exc.message)
    return code


def fail(message: str, code: int = EXIT_USER_ERROR) -> int:
    print(f"coach: {message}", file=sys.stderr)
    return code
