"""`coach backup list|now|restore FILE`: backups without the GUI (e.g. from cron)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("backup", help="list, take or restore backups")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="list backups, newest first").set_defaults(run=run_list)
    actions.add_parser("now", help="take a backup now").set_defaults(run=run_now)
    restore = actions.add_parser(
        "restore",
        help="restore a backup (data already there is moved aside first, never overwritten)",
    )
    restore.add_argument("file", type=Path, help="the backup file to restore")
    restore.set_defaults(run=run_restore)


def run_list(args: argparse.Namespace) -> int:
    from coach.paths import prepare_data_dir, resolve_data_dir
    from coach.store.backup import list_backups

    paths = prepare_data_dir(resolve_data_dir(args.data_dir))
    found = list_backups(paths.backups)
    if not found:
        print(f"No backups yet in {paths.backups}")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M} UTC  {b.reason:<14} {b.path}")
    return 0


def run_now(args: argparse.Namespace) -> int:
    from coach.app import build_context
    from coach.cli import EXIT_DATA_ERROR, fail
    from coach.paths import DATABASE_NAME, resolve_data_dir

    if args.database is None and not (resolve_data_dir(args.data_dir) / DATABASE_NAME).exists():
        return fail("there is no data to back up yet", EXIT_DATA_ERROR)
    context = build_context(args.data_dir, args.database, create=False)
    try:
        taken = context.backups.now(context.clock.now())
    finally:
        context.close(backup=False)
    if taken is None:
        return fail("backups are only taken of a local database file")
    print(f"Backup written to {taken}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from coach.paths import prepare_data_dir, resolve_data_dir
    from coach.services.backups import restore_backup

    paths = prepare_data_dir(resolve_data_dir(args.data_dir))
    moved = restore_backup(args.file, paths)
    if moved is not None:
        print(f"Your data before the restore was moved aside to {moved}")
    print(f"Restored {args.file.name} to {paths.database}")
    return 0
