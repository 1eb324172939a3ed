"""Contact sheets of the whole exercise library: every keyframe of every exercise, by eye.

The automated checks (tests/domain/test_illustration_checks.py) catch floating hands and bodies
through walls; they cannot tell whether a picture reads as the movement it names. These sheets
let a therapist (or a reviewer of a change to the figure) look at all of it in a few images:

    QT_QPA_PLATFORM=offscreen python packaging/contact_sheets.py [FOLDER] [--per-sheet N]

It writes FOLDER/sheet-01.png, sheet-02.png, ... (default folder: contact-sheets/ in the
current directory), one row per exercise, in library order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.exchange.exercise_format import load_library
from coach.paths import exercises_dir
from coach.ui.application import ensure_application
from coach.ui.figure_files import write_contact_sheet


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="contact-sheets", type=Path)
    parser.add_argument("--per-sheet", type=int, default=12)
    parser.add_argument("--cell", type=int, default=180)
    args = parser.parse_args(argv)
    ensure_application()
    exercises, problems = load_library(exercises_dir())
    for problem in problems:
        print(problem, file=sys.stderr)
    args.folder.mkdir(parents=True, exist_ok=True)
    ordered = sorted(exercises, key=lambda e: (e.category.value, e.id))
    for index in range(0, len(ordered), args.per_sheet):
        path = args.folder / f"sheet-{index // args.per_sheet + 1:02d}.png"
        write_contact_sheet(ordered[index : index + args.per_sheet], path, cell=args.cell)
        print(path)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
