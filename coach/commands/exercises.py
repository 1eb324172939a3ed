"""`coach exercises list [--json]`: the exercise library without the GUI.

Lists the shipped exercises (assets/exercises) and reports any file that fails to load, with the
file, the field and what is wrong, so a clinic editing the files can check them from a shell.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("exercises", help="list the exercise library")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="list every exercise; problems with exercise files go to stderr"
    )
    listing.add_argument("--json", action="store_true", help="print the full exercises as JSON")
    listing.add_argument(
        "--folder",
        type=Path,
        metavar="DIR",
        help="read exercise files from DIR instead of the shipped library",
    )
    listing.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    from coach.exchange.exercise_format import load_library, to_json_dict
    from coach.paths import exercises_dir

    exercises, problems = load_library(args.folder or exercises_dir())
    if args.json:
        json.dump([to_json_dict(e) for e in exercises], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        rows = [
            (e.id, e.category.value, e.position.value.replace("_", "-"), e.name) for e in exercises
        ]
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
        for row in rows:
            print(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
                + "  "
                + row[3]
            )
        print(f"{len(exercises)} exercises")
    for problem in problems:
        print(f"coach: {problem}", file=sys.stderr)
    return 1 if problems else 0
