"""`coach programme list | export NAME --out FILE | import FILE [--dry-run]`.

For a clinic sending programme files by script, and for a patient without the window open. An
import prints the same preview the builder shows (author, exercises, dosage, warnings) before it
stores anything; `--dry-run` stops after the preview. Every refusal is one plain sentence on
stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.commands.patient_option import add_patient_option, chosen_patient

if TYPE_CHECKING:
    from coach.domain.programme import Programme
    from coach.services.context import AppContext, PatientContext
    from coach.services.programme_transfer import ImportPreview


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("programme", help="list, export and import programmes")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list programmes, templates and starter templates")
    add_patient_option(listing)
    listing.set_defaults(run=run_list)
    export = actions.add_parser("export", help="write a programme to a .coachprogramme file")
    export.add_argument("name", help="the programme's (or template's) name")
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write")
    add_patient_option(export)
    export.set_defaults(run=run_export)
    load = actions.add_parser("import", help="import a .coachprogramme file")
    load.add_argument("file", type=Path, help="the programme file")
    load.add_argument(
        "--dry-run", action="store_true", help="only show what the file holds; store nothing"
    )
    add_patient_option(load)
    load.set_defaults(run=run_import)


def _open(args: argparse.Namespace, *, create: bool = False) -> tuple[AppContext, PatientContext]:
    """The data and --patient's patient; only a real import may create the database (see
    build_context), and only it gets a patient made for a copy not yet set up."""
    from coach.app import build_context

    context = build_context(args.data_dir, args.database, create=create)
    try:
        patient = chosen_patient(context, args, for_writing=create)
    except BaseException:
        context.close(backup=False)
        raise
    return context, patient


def _line(value: Programme) -> str:
    count = len(value.items)
    dates = "" if value.is_template else f", from {value.start_date.isoformat()}"
    if value.end_date is not None:
        dates += f" to {value.end_date.isoformat()}"
    return f"  {value.name} ({count} exercise{'s' if count != 1 else ''}{dates})"


def run_list(args: argparse.Namespace) -> int:
    context, patient = _open(args)
    try:
        starters = patient.programme_transfer.starters()
        sections = (
            ("Programmes", patient.programmes.programmes()),
            ("Your templates", patient.programmes.templates()),
            ("Starter templates", list(starters.templates)),
        )
    finally:
        context.close(backup=False)
    for problem in starters.problems:
        print(f"coach: starter template left out: {problem}", file=sys.stderr)
    for title, values in sections:
        print(f"{title}:")
        for value in values:
            print(_line(value))
        if not values:
            print("  (none)")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from coach.cli import fail
    from coach.domain.profile import ValidationError

    context, patient = _open(args)
    try:
        wanted = " ".join(args.name.split()).casefold()
        found = [
            p
            for p in (*patient.programmes.programmes(), *patient.programmes.templates())
            if p.name.casefold() == wanted
        ]
        if not found:
            return fail(f"there is no programme called “{args.name}”; see `coach programme list`.")
        if len(found) > 1:
            return fail(f"{len(found)} programmes are called “{args.name}”; rename one first.")
        assert found[0].id is not None
        try:
            notes = patient.programme_transfer.export(found[0].id, args.out)
        except ValidationError as exc:
            return fail(exc.message)
    finally:
        context.close(backup=False)
    for note in notes:
        print(f"Note: {note}")
    print(f"Exported “{found[0].name}” to {args.out}")
    return 0


def print_preview(preview: ImportPreview) -> None:
    from coach.services.session_length import in_words

    kind = "Template" if preview.programme.is_template else "Programme"
    print(f"{kind}: {preview.name}")
    print(f"From: {preview.author or 'no author given'}")
    if preview.programme.goal:
        print(f"Goal: {preview.programme.goal}")
    if not preview.programme.is_template:
        print(f"Starts: {preview.programme.start_date.isoformat()}")
    print(f"Session length: {in_words(preview.estimated_seconds).lower()}")
    if preview.questionnaires:
        asked = ", ".join(sorted(i.label for i in preview.questionnaires))
        print(f"Asks you to fill in: {asked}")
    for number, item in enumerate(preview.items, start=1):
        mine = " (custom exercise)" if item.custom else ""
        print(f"{number}. {item.name}{mine}")
        for line in (*item.dosage, item.schedule.capitalize() + ".", item.progression, item.note):
            if line:
                print(f"   {line}")
    for custom in preview.custom_exercises:
        print(f"Exercise “{custom.exercise.name}” {custom.fate}.")
    for warning in preview.warnings:
        print(f"Warning: {warning}")


def run_import(args: argparse.Namespace) -> int:
    context, patient = _open(args, create=not args.dry_run)
    try:
        return import_file(patient, args.file, dry_run=args.dry_run)
    finally:
        context.close(backup=False)


def import_file(patient: PatientContext, path: Path, *, dry_run: bool) -> int:
    """Preview a programme file, then (unless `dry_run`) store it; the exit code.

    Split from run_import so the hostile-file corpus runs this very path in process, on one
    patient (tests/exchange/test_hostile_corpus.py).
    """
    from coach.cli import fail
    from coach.exchange.programme_file import ProgrammeFileError

    try:
        preview = patient.programme_transfer.preview(path)
    except ProgrammeFileError as exc:
        return fail(exc.message)
    print_preview(preview)
    if dry_run:
        print("Dry run: nothing was imported.")
        return 0
    try:
        patient.programme_transfer.commit(preview)
    except ProgrammeFileError as exc:
        return fail(exc.message)
    print(f"Imported “{preview.name}”.")
    return 0
