"""Starting the GUI: open the data (explaining any problem), show the window, close cleanly.

Two ways in. Usually the first screen kept at the last clean exit is still true (see
coach.services.first_screen): the window shows it at once (Today, or a therapist's Patients
page), and the database layer is imported and opened just after the first paint, while input to
the window is held. Otherwise (first run, demo, a server URL, anything written since) the data
is opened first and the window built from it. Problems opening the data are shown as modal
message boxes (with --quit-after-startup, as one line on stderr and exit code 3). A damaged
database has already been moved aside (never overwritten) when we get here; the user chooses
between its newest good backup and a fresh start.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coach import APP_NAME
from coach.app import build_context, demo_data_dir
from coach.cli import EXIT_DATA_ERROR, EXIT_USER_ERROR
from coach.domain.clock import Clock
from coach.paths import DATABASE_NAME, DataDirError, prepare_data_dir, resolve_data_dir
from coach.services import first_screen
from coach.services.changes import Area, Changes
from coach.services.settings import DAILY_BACKUP, LAST_PAGE, TEXT_SCALE
from coach.store.errors import CorruptDatabaseError, StoreError
from coach.ui.context import UiContext
from coach.ui.crash import CrashHandler
from coach.ui.gui_gc import GuiThreadCollector
from coach.ui.hub import ChangeHub
from coach.ui.input_hold import InputHold
from coach.ui.main_window import MainWindow, WindowStart
from coach.ui.ops import mutate
from coach.ui.pages import PATIENTS_PAGE, TODAY_PAGE, opening_page
from coach.ui.qt_app import ensure_application, no_display
from coach.ui.single_instance import RunningInstance, claim, server_name
from coach.ui.style import apply_style
from coach.ui.tasks import TaskRunner

if TYPE_CHECKING:  # a therapist's kept start paints the caseload without Today's views
    from coach.services.caseload import CaseloadEntry
    from coach.services.context import AppContext
    from coach.services.today_view import TodayView


def open_context(
    data_dir: str | Path | None,
    database: str | None,
    clock: Clock | None = None,
    *,
    interactive: bool = True,
) -> AppContext | None:
    """Build the services, talking the user through any problem. None means: give up.

    Not `interactive` (--quit-after-startup, a smoke test nobody watches), a problem is one line
    on stderr instead of a dialog: a modal box offscreen would wait forever.
    """
    while True:
        try:
            return build_context(data_dir, database, clock)
        except (StoreError, DataDirError) as exc:
            if not interactive:
                print(f"coach: {exc.message}", file=sys.stderr)
                return None
            if not isinstance(exc, CorruptDatabaseError):
                _fatal(exc.title or "Coach cannot open your data", exc.message)
                return None
            if not _offer_recovery(exc, data_dir):
                return None


def _offer_recovery(exc: CorruptDatabaseError, data_dir: str | Path | None) -> bool:
    from PySide6.QtWidgets import QMessageBox  # the boxes load when needed, not before a paint

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
        except (OSError, ValueError, StoreError) as err:
            _fatal("The backup could not be restored", str(err))
            return False
        return True
    return clicked == fresh


def _fatal(title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

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
    instance = _claim_instance(args.database, data_dir)
    if instance is None:
        return 0  # the Coach already running on this data came forward instead
    ui = UiContext(ChangeHub(), TaskRunner())
    crashes = CrashHandler(lambda: _report_folder(ui, data_dir), lambda: ui.window, app)
    crashes.install()
    # At login (--background) nothing is painted, so the kept first screen would wait forever.
    quick = not (args.demo or args.database or args.background)
    kept = kept_first_screen(data_dir, ui.clock) if quick else None
    if kept is not None:
        window = window_from_kept_screen(app, ui, *kept)
        if not args.quit_after_startup:
            open_after_first_paint(app, ui, window, data_dir, kept.patient_to_open())
    else:
        context = open_context(data_dir, args.database, interactive=not args.quit_after_startup)
        if context is None:
            return EXIT_DATA_ERROR
        if args.demo and not context.profile.is_set_up:
            from coach.ui.demo_seeding import seed_demo_data

            seed_demo_data(context, therapist=args.therapist)
        data_opened(ui, context)
        apply_style(app, context.settings.get(TEXT_SCALE))
        window = MainWindow(ui)
        if not args.quit_after_startup:
            window.first_painted.connect(lambda: _after_first_paint(ui, window))
    if args.demo:
        example = "example patients" if args.therapist else "an example patient"
        window.setWindowTitle(f"{APP_NAME}: demo with {example} (nothing is kept)")
    if args.quit_after_startup:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    instance.activated.connect(window.come_forward)
    if args.background and window.background.keeps_running() and ui.app.profile.is_set_up:
        _after_first_paint(ui, window)  # the daily backup; the window stays closed
    else:
        window.show()
    code = app.exec()
    crashes.uninstall()
    ui.tasks.wait()
    if ui.ready:
        close_data(
            ui.app, keep_screen=not args.demo, backup=not (args.quit_after_startup or args.demo)
        )
    if args.demo and data_dir is not None:
        shutil.rmtree(data_dir, ignore_errors=True)  # the demo folder is throwaway by design
    return code


def _claim_instance(database: str | None, data_dir: str | Path | None) -> RunningInstance | None:
    """This launch's guard against a second Coach on the same data (ui/single_instance.py)."""
    return claim(server_name(database or str(resolve_data_dir(data_dir))))


def data_opened(ui: UiContext, context: AppContext) -> None:
    """Hand the open data to the window, once: a session a crash left open shows as stopped."""
    ui.attach(context)
    mutate(ui, None, lambda app: app.recover_interrupted_sessions())


def _report_folder(ui: UiContext, data_dir: str | Path | None) -> Path | None:
    """Where crash reports go: the data folder once known; None for a server without one."""
    if ui.ready:
        return ui.app.paths.root if ui.app.paths is not None else None
    try:
        folder = resolve_data_dir(data_dir)
    except DataDirError:
        return None
    return folder if folder.is_dir() else None


class KeptStart(NamedTuple):
    """A kept first screen still true today, with what the page the window opens on shows."""

    screen: first_screen.FirstScreen
    view: TodayView | None  # when the window opens on Today
    caseload: list[CaseloadEntry] | None  # when it opens on the Patients page

    def patient_to_open(self) -> int | None:
        """Whose data the window shows: the patient whose Today is kept; none on Patients, as
        when a therapist's copy starts from the data."""
        return self.screen.patient_id if self.view is not None else None


def kept_first_screen(data_dir: str | Path | None, clock: Clock) -> KeptStart | None:
    """The screen kept at the last exit, if it is still true today and opens on Today (or, in a
    therapist's copy, on the Patients page)."""
    try:
        screen = first_screen.load(resolve_data_dir(data_dir) / DATABASE_NAME)
        if screen is None:
            return None
        day = clock.now().astimezone(ZoneInfo(screen.time_zone)).date()
    except (DataDirError, ValueError, OSError, KeyError):  # ZoneInfoNotFoundError: KeyError
        return None
    page = opening_page(screen.last_page, screen.therapist)
    if page == TODAY_PAGE.key:
        view = screen.view_on(day)
        return None if view is None else KeptStart(screen, view, None)
    if page == PATIENTS_PAGE.key:
        caseload = screen.caseload_on(day)
        return None if caseload is None else KeptStart(screen, None, caseload)
    return None


def window_from_kept_screen(
    app: QApplication,
    ui: UiContext,
    screen: first_screen.FirstScreen,
    view: TodayView | None,
    caseload: list[CaseloadEntry] | None = None,
) -> MainWindow:
    """The main window as it was left, its first page as the kept screen has it; no services
    yet."""
    apply_style(app, screen.text_scale)
    start = WindowStart(screen.geometry, screen.last_page, backups=True, therapist=screen.therapist)
    window = MainWindow(ui, start)
    if view is not None:
        from coach.ui.pages.today import TodayPage

        today = window.page(TODAY_PAGE.key)
        assert isinstance(today, TodayPage)
        today.show_view(view, ZoneInfo(screen.time_zone))
    if caseload is not None:
        from coach.ui.pages.patients import PatientsPage

        patients = window.page(PATIENTS_PAGE.key)
        assert isinstance(patients, PatientsPage)
        patients.show_entries(caseload)
    return window


def open_after_first_paint(
    app: QApplication,
    ui: UiContext,
    window: MainWindow,
    data_dir: str | Path | None,
    patient_id: int | None = None,
) -> None:
    """Once the window is on screen, open the data behind it; every page then reloads.

    Input to the window is held until then. If the data cannot be opened (and the user gives
    up), the window goes and Coach exits with EXIT_DATA_ERROR.
    """
    hold = InputHold(app, window)

    def open_data() -> None:
        context = open_context(data_dir, None, ui.clock)
        hold.release()
        if context is None:
            QApplication.exit(EXIT_DATA_ERROR)
            window.hide()
            return
        if patient_id is not None and any(p.id == patient_id for p in context.patients.list()):
            context.open_patient(patient_id)  # the patient whose Today was on screen
        data_opened(ui, context)
        ui.hub.publish(Changes.of(Area.EVERYTHING))
        _after_first_paint(ui, window)

    window.first_painted.connect(lambda: QTimer.singleShot(0, open_data))


def close_data(context: AppContext, *, keep_screen: bool, backup: bool) -> None:
    """Take the closing backup, release the database and keep the next start's first screen."""
    screen = None
    keep_screen = keep_screen and context.paths is not None
    if keep_screen:
        try:
            page = opening_page(context.settings.get(LAST_PAGE), not context.profile_is_patient())
            screen = first_screen.capture(context, caseload=page == PATIENTS_PAGE.key)
        except (StoreError, OSError):
            screen = None  # a cache: without it the next start is only slower
    try:
        context.close(backup=backup)
    except (StoreError, OSError) as exc:
        _fatal("The closing backup failed", getattr(exc, "message", str(exc)))
    if keep_screen and context.paths is not None:
        with contextlib.suppress(OSError):  # as above: the next start opens the data first
            first_screen.save(context.paths.database, screen)


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
