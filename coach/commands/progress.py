"""`coach progress export --out FILE [--since DAY] | import FILE [--dry-run] [--patient ID] | key`.

The hand-back without the window. `export` (a patient's copy) writes the progress file, sealed
to the therapist whose programme was imported (unsealed, and saying so, without one). `import`
(a therapist's copy) prints the preview (patient, days, new rows per kind, rows already there)
and then stores the file in one transaction, into --patient, else the patient of the file's
uid, else a new patient; `--dry-run` stops after the preview. `key` prints this copy's key
fingerprint (a therapist's, made on first need) or the one progress files are sealed to (a
patient's), so both can be compared over the phone. Refusals are one sentence, exit 2.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.services.progress_export import SendPlan
    from coach.services.progress_import import ProgressPreview


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-16") from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "progress", help="send progress to the therapist, or import a patient's progress file"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a .coachprogress file for your therapist")
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write")
    export.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="first day to include (default: where the last file ended, else the programme's "
        "start)",
    )
    export.set_defaults(run=run_export)
    load = actions.add_parser("import", help="import a patient's .coachprogress file")
    load.add_argument("file", type=Path, help="the progress file")
    load.add_argument(
        "--dry-run", action="store_true", help="only show what the file holds; store nothing"
    )
    load.add_argument(
        "--patient",
        metavar="ID",
        help="import into this patient (identifier or uid); default: the patient whose uid "
        "the file names, else a new patient",
    )
    load.set_defaults(run=run_import)
    key = actions.add_parser("key", help="show the key fingerprint to compare over the phone")
    key.set_defaults(run=run_key)


def print_plan(plan: SendPlan) -> None:
    from coach.wording.handback import kind_label

    print(f"Days: {plan.first.isoformat()} to {plan.last.isoformat()}")
    for kind, count in plan.counts.items():
        if count:
            print(f"  {kind_label(kind)}: {count}")
    if not plan.total:
        print("  (nothing recorded in these days)")


def _has_data(args: argparse.Namespace) -> bool:
    """Whether there is a database to read (commands that only read never create one)."""
    from coach.paths import DATABASE_NAME, resolve_data_dir

    return args.database is not None or (resolve_data_dir(args.data_dir) / DATABASE_NAME).exists()


def run_export(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.wording.handback import therapist_line

    if not _has_data(args):
        return fail("there is nothing recorded here yet to send")
    context = build_context(args.data_dir, args.database, create=False)
    try:
        if not context.profile_is_patient():
            return fail("progress files are sent from a patient's copy of Coach")
        sent = context.own_patient().progress_export.export(args.out, args.since)
    finally:
        context.close(backup=False)
    print_plan(sent.plan)
    recipient = sent.plan.recipient
    if recipient is None:
        print("Not protected: this file is not sealed; anyone who has it can read it.")
    else:
        who = therapist_line(recipient.name, recipient.clinic)
        print(f"Sealed to {who} (key {recipient.fingerprint}).")
    print(f"Written to {sent.path} ({sent.size_bytes} bytes)")
    return 0


def print_preview(preview: ProgressPreview) -> None:
    from coach.wording.handback import kind_label

    file = preview.file
    print(f"Patient: {file.patient_name} ({file.patient_uid})")
    if preview.target is not None:
        print(f"Into: {preview.target.name} ({preview.target.uid})")
    else:
        print("Into: a new patient (nobody in this copy has that uid)")
    print(f"Days: {file.first.isoformat()} to {file.last.isoformat()}")
    if not file.sealed:
        print("Not protected: this file was not sealed, so Coach cannot tell if it was changed.")
    if preview.older_than_last:
        print("Older than the last file imported for this patient: it replaces nothing newer.")
    for kind, counts in preview.counts.items():
        if counts.new or counts.present or counts.replaced:
            parts = [f"{counts.new} new"]
            if counts.present:
                parts.append(f"{counts.present} already here")
            if counts.replaced:
                parts.append(f"{counts.replaced} newer versions")
            print(f"  {kind_label(kind)}: {', '.join(parts)}")


def run_import(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail

    context = build_context(args.data_dir, args.database, create=not args.dry_run)
    try:
        if context.profile_is_patient() and context.profile.get() is not None:
            return fail("progress files are imported into a therapist's copy of Coach")
        chosen = context.patients.find(args.patient).id if args.patient else None
        service = context.progress_import
        preview = service.preview(args.file, chosen)
        print_preview(preview)
        if args.dry_run:
            print("Dry run: nothing was imported.")
            return 0
        outcome = service.commit(preview, chosen)
    finally:
        context.close(backup=False)
    added = sum(c.new for c in outcome.counts.values())
    replaced = sum(c.replaced for c in outcome.counts.values())
    print(f"Imported {added} new records and {replaced} newer versions for {preview.patient_name}.")
    return 0


def run_key(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import fail
    from coach.wording.handback import therapist_line

    if not _has_data(args):
        return fail("there is no data here yet, so there is no key to show")
    context = build_context(args.data_dir, args.database, create=False)
    try:
        if context.profile_is_patient():
            recipient = context.own_patient().progress_export.recipient()
            if recipient is None:
                return fail("no programme from a therapist yet, so there is no key to show")
            who = therapist_line(recipient.name, recipient.clinic)
            print(f"Progress files are sealed to {who}: {recipient.fingerprint}")
            return 0
        print(f"Your key: {context.therapist_key.fingerprint()}")
    finally:
        context.close(backup=False)
    return 0
