"""`coach patients list [--json]` and `coach patients add --name NAME [--identifier ID]
[--born YYYY-MM-DD]`: the caseload of a therapist's copy, for scripts and clinics.

`list --json` prints a list of objects (uid, name, identifier, date_of_birth, archived) that a
script can hand back to `--patient` on the other commands.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from coach.commands.report import iso_day


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("patients", help="list and add patients (a caseload)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the patients, by name")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.add_argument("--archived", action="store_true", help="include archived patients")
    listing.set_defaults(run=run_list)
    add = actions.add_parser("add", help="add a patient")
    add.add_argument("--name", required=True)
    add.add_argument("--identifier", default="", metavar="ID", help="e.g. the clinic's number")
    add.add_argument("--born", type=iso_day, metavar="YYYY-MM-DD", help="date of birth")
    add.set_defaults(run=run_add)


def run_list(args: argparse.Namespace) -> int:
    from coach.app import build_context

    context = build_context(args.data_dir, args.database, create=False)
    try:
        patients = context.patients.list(archived=None if args.archived else False)
    finally:
        context.close(backup=False)
    if args.json:
        listed = [
            {
                "uid": p.uid,
                "name": p.name,
                "identifier": p.identifier,
                "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
                "archived": p.archived,
            }
            for p in patients
        ]
        print(json.dumps(listed, indent=2))
        return 0
    if not patients:
        print("No patients yet. Add one with: coach patients add --name NAME")
    for p in patients:
        born = f", born {p.date_of_birth.isoformat()}" if p.date_of_birth else ""
        shown = f" [{p.identifier}]" if p.identifier else ""
        archived = " (archived)" if p.archived else ""
        print(f"{p.name}{shown}{born}{archived}  uid {p.uid}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from coach.app import build_context

    context = build_context(args.data_dir, args.database, create=False)
    try:
        _, added = context.patients.add(
            name=args.name, identifier=args.identifier, date_of_birth=args.born
        )
    finally:
        context.close(backup=False)
    print(f"Added {added.name} (uid {added.uid})")
    return 0
