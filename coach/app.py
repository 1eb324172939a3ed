"""Composition root: command line -> paths -> store -> services -> (Qt) main window.

`build_context` is the one way in for the GUI, the CLI and tests; it needs no Qt. Heavy modules
(Qt, pyqtgraph, Alembic) are imported only on the paths that use them, to keep start-up fast.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coach.domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    from coach.services.context import AppContext


def build_context(
    data_dir: str | Path | None = None,
    database_url: str | None = None,
    clock: Clock | None = None,
    *,
    create: bool = True,
) -> AppContext:
    """Open (creating or migrating) the store and return the services. Raises StoreError or
    DataDirError with a message for the user when the data cannot be opened safely.

    `create=False` is for commands that only read: a missing database is an error for them, not
    a new empty file (which would stand in the way of restoring a backup)."""
    from coach.paths import prepare_data_dir, resolve_data_dir
    from coach.services.context import AppContext
    from coach.store.opening import open_store

    clock = clock or SystemClock()
    paths = None if database_url else prepare_data_dir(resolve_data_dir(data_dir))
    store = open_store(paths, database_url, clock.now(), create=create)
    return AppContext(store, clock)


def demo_data_dir() -> Path:
    """A throwaway folder for `--demo`, so trying Coach never mixes with real data."""
    return Path(tempfile.mkdtemp(prefix="coach-demo-"))


def main(argv: Sequence[str] | None = None) -> int:
    from coach import cli

    args = cli.parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.command is not None:
        return cli.run_command(args)
    from coach.ui.application import run_gui

    return run_gui(args)
