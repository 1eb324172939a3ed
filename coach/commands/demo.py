"""`coach demo [--therapist]`: fill an empty data folder with the example patient, or with a
therapist's example caseload."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill an empty data folder (see --data-dir) with an example patient"
    )
    parser.add_argument(
        "--therapist",
        action="store_true",
        default=argparse.SUPPRESS,  # so `coach --therapist demo` is not reset to False
        help="a therapist's copy with a caseload of about 25 example patients instead",
    )
    parser.set_defaults(run=run)


def counter(stream: TextIO) -> Callable[[int, int], None] | None:
    """On a terminal, one line counting the example patients as they are made (it takes about
    half a minute); nothing when the output goes to a file or to another program."""
    if not stream.isatty():
        return None

    def made(done: int, total: int) -> None:
        stream.write(f"\rMaking example patients: {done} of {total}")
        stream.write("\n" if done == total else "")
        stream.flush()

    return made


def run(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.services.demo import AlreadySetUpError, seed_demo
    from coach.services.demo_caseload import seed_caseload

    context = build_context(args.data_dir, args.database)
    try:
        if getattr(args, "therapist", False):
            seed_caseload(context, progress=counter(sys.stderr))
        else:
            seed_demo(context)
    except AlreadySetUpError as exc:
        return fail(str(exc))
    finally:
        context.close(backup=False)
    where = context.paths.root if context.paths else args.database
    print(f"Demo data written to {where}")
    return 0
