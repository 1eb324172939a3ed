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
        help="restore a backup into a data folder that has no database "
        "(after a damaged one was moved aside)",
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
    from coach.cli import fail

    context = build_context(args.data_dir, args.database)
    try:
        taken = context.backups.now(context.clock.now())
    finally:
        context.close(backup=False)
    if taken is None:
        return fail("backups are only taken of a local database file")
    print(f"Backup written to {taken}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from coach.cli import fail
    from coach.paths import prepare_data_dir, resolve_data_dir
    from coach.services.backups import restore_backup

    paths = prepare_data_dir(resolve_data_dir(args.data_dir))
    try:
        restore_backup(args.file, paths)
    except FileExistsError:
        return fail(
            f"{paths.database} exists. Restoring never overwrites data: move it aside first."
        )
    except (ValueError, OSError) as exc:
        return fail(f"cannot restore {args.file}: {exc}")
    print(f"Restored {args.file.name} to {paths.database}")
    return 0
