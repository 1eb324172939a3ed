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
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Coach: your home exercise programme, pain diary and progress. "
        "Without a command, the app window opens.",
    )
    parser.add_argument("--version", action="version", version=f"Coach {__version__}")
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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def _data_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    options.add_argument("--database")
    return options


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line. --data-dir and --database may stand anywhere, before or after
    the command (`coach demo --data-dir DIR` and `coach --data-dir DIR demo` are the same)."""
    window = _window_start(argv)
    if window is not None:
        return window
    found, rest = _data_options().parse_known_args(argv)
    args = build_parser().parse_args(rest)
    args.data_dir = found.data_dir
    args.database = found.database
    return args


# The global options, spelt out in full, as the usual start of the window is given them (the
# desktop file, the login item, a script). tests/test_cli.py checks they are build_parser's.
WINDOW_FLAGS = {
    "--demo": "demo",
    "--therapist": "therapist",
    "--background": "background",
    "--quit-after-startup": "quit_after_startup",
}
WINDOW_VALUES = {"--data-dir": "data_dir", "--database": "database"}


def _window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the full parser makes of a start of the window given only global options in full,
    read without building it: that imports every subcommand's module and sets up argparse's
    parsers, none of which the window needs before its first paint. None for anything else
    (a command, --help, --version, an abbreviation, a mistake): the parsers read that, so
    help, the version and every error read as they always did."""
    found: dict[str, object] = dict.fromkeys(WINDOW_FLAGS.values(), False)
    found |= dict.fromkeys(WINDOW_VALUES.values())
    tokens = iter(argv)
    for token in tokens:
        if token in WINDOW_FLAGS:
            found[WINDOW_FLAGS[token]] = True
            continue
        name, equals, value = token.partition("=")
        if name not in WINDOW_VALUES:
            return None
        if not equals:
            value = next(tokens, "-")  # a missing value, or an option where it should be
            if value.startswith("-"):
                return None
        found[WINDOW_VALUES[name]] = value
    return argparse.Namespace(command=None, **found)


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
