"""Starting the GUI: open the data (explaining any problem), show the window, close cleanly.

Problems opening the data are shown before the main window exists, as modal message boxes: there
is nothing else to interact with yet. A damaged database has already been moved aside (never
overwritten) when we get here; the user chooses between its newest good backup and a fresh start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from coach import APP_NAME
from coach.app import build_context, demo_data_dir
from coach.cli import EXIT_DATA_ERROR, EXIT_USER_ERROR
from coach.paths import DataDirError, prepare_data_dir, resolve_data_dir
from coach.services.context import AppContext
from coach.services.settings import DAILY_BACKUP, TEXT_SCALE
from coach.store.errors import CorruptDatabaseError, StoreError
from coach.ui.context import UiContext
from coach.ui.gui_gc import GuiThreadCollector
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.qt_app import ensure_application, no_display
from coach.ui.style import apply_style
from coach.ui.tasks import TaskRunner


def open_context(data_dir: str | Path | None, database: str | None) -> AppContext | None:
    """Build the services, talking the user through any problem. None means: give up."""
    while True:
        try:
            return build_context(data_dir, database)
        except CorruptDatabaseError as exc:
            if not _offer_recovery(exc, data_dir):
                return None
        except StoreError as exc:
            _fatal(exc.title, exc.message)
            return None
        except DataDirError as exc:
            _fatal("Coach cannot use its data folder", str(exc))
            return None


def _offer_recovery(exc: CorruptDatabaseError, data_dir: str | Path | None) -> bool:
    from coach.services.backups import restore_backup

    box = QMessageBox(QMessageBox.Icon.Warning, exc.title, exc.message)
    restore = None
    if exc.backup is not None:
        restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton("Start with empty data", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or fresh)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked == restore and exc.backup is not None:
        try:
            restore_backup(exc.backup, prepare_data_dir(resolve_data_dir(data_dir)))
        except (OSError, ValueError) as err:
            _fatal("The backup could not be restored", str(err))
            return False
        return True
    return clicked == fresh


def _fatal(title: str, message: str) -> None:
    QMessageBox.critical(None, title, message)


def run_gui(args: argparse.Namespace) -> int:
    if no_display() and not os.environ.get("QT_QPA_PLATFORM"):
        # Qt would abort with a message about platform plugins; say what is really wrong.
        print(
            "coach: no desktop display was found, so the window cannot open. The commands "
            "work without one: see coach --help.",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    app = ensure_application()
    collector = GuiThreadCollector(app)
    collector.start()
    data_dir = demo_data_dir() if args.demo else args.data_dir
    context = open_context(data_dir, args.database)
    if context is None:
        return EXIT_DATA_ERROR
    if args.demo and not context.profile.is_set_up:
        from coach.services.demo import seed_demo

        seed_demo(context)
    apply_style(app, context.settings.get(TEXT_SCALE))
    ui = UiContext(app=context, hub=ChangeHub(), tasks=TaskRunner())
    window = MainWindow(ui)
    if args.demo:
        window.setWindowTitle(f"{APP_NAME}: demo with an example patient (nothing is kept)")
    if args.quit_after_startup:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        window.first_painted.connect(lambda: _after_first_paint(ui, window))
    window.show()
    code = app.exec()
    ui.tasks.wait()
    try:
        context.close(backup=not (args.quit_after_startup or args.demo))
    except (StoreError, OSError) as exc:
        _fatal("The closing backup failed", getattr(exc, "message", str(exc)))
    if args.demo and data_dir is not None:
        shutil.rmtree(data_dir, ignore_errors=True)  # the demo folder is throwaway by design
    return code


def _after_first_paint(ui: UiContext, window: MainWindow) -> None:
    """Work that must not delay the first paint: the welcome, the daily backup."""
    app = ui.app
    if not app.profile.is_set_up:
        from coach.ui.welcome import WelcomeDialog

        welcome = WelcomeDialog(ui, window)
        welcome.rejected.connect(window.close)
        welcome.open()
    if app.backups.enabled and app.settings.get(DAILY_BACKUP):
        ui.tasks.run(
            lambda: app.backups.daily_if_due(app.clock.now()),
            on_error=lambda exc: window.statusBar().showMessage(
                f"The daily backup failed: {getattr(exc, 'message', exc)}", 15000
            ),
        )
