"""`coach illustrations --out DIR [--format png|svg] [--size PX]`: every figure pose to files.

One file per keyframe of each exercise, named <exercise id>--<keyframe>.<format>. Works without
a display: Qt's offscreen platform is chosen when there is no screen to talk to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

MIN_SIZE = 32
MAX_SIZE = 4096


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "illustrations", help="write each exercise's keyframe pictures to image files"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write to")
    parser.add_argument("--format", choices=("png", "svg"), default="png", help="default: png")
    parser.add_argument(
        "--size", type=int, default=400, metavar="PX", help="width and height (default: 400)"
    )
    parser.add_argument(
        "--exercise", action="append", metavar="ID", help="only this exercise (repeatable)"
    )
    parser.add_argument(
        "--other-side", action="store_true", help="draw the mirrored pose (the other side)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import fail
    from coach.exchange.exercise_format import load_library
    from coach.paths import exercises_dir

    if not MIN_SIZE <= args.size <= MAX_SIZE:
        return fail(f"--size must be between {MIN_SIZE} and {MAX_SIZE} pixels")
    exercises, problems = load_library(exercises_dir())
    for problem in problems:
        print(f"coach: {problem}", file=sys.stderr)
    if args.exercise:
        known = {e.id for e in exercises}
        unknown = [name for name in args.exercise if name not in known]
        if unknown:
            return fail(f"no exercise with id {', '.join(unknown)}")
        exercises = [e for e in exercises if e.id in args.exercise]
    from coach.ui.figure_files import write_keyframes
    from coach.ui.qt_app import ensure_application

    ensure_application(offscreen_without_display=True)
    try:
        written = write_keyframes(exercises, args.out, args.format, args.size, args.other_side)
    except OSError as exc:
        return fail(str(exc))
    print(f"Wrote {len(written)} {args.format.upper()} files to {args.out}")
    return 1 if problems else 0
