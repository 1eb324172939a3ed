"""The main window: navigation on the left, one page at a time on the right, menus, status bar.

Pages come from coach.ui.pages (`pages_for`: the role decides which) and are built when first
opened; the window knows nothing about what they show, except where one page hands work to
another: pages never look each other up, the window connects them (see `_connect`).
Its size and place and the last page shown are kept in the settings table.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach import APP_NAME
from coach.domain.errors import UserError
from coach.services.changes import Changes
from coach.services.settings import LAST_PAGE, WINDOW_GEOMETRY
from coach.ui.context import UiContext
from coach.ui.ops import mutate, report
from coach.ui.pages import PageSpec, opening_page, pages_for
from coach.ui.pages.base import Page

if TYPE_CHECKING:  # the events' classes load when such an event first comes
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QDialog

    from coach.services.context import AppContext
    from coach.ui.patients.banner import PatientBanner
    from coach.ui.reminders.background import Background
    from coach.ui.reminders.banner import ReminderBanner
    from coach.ui.reminders.chime import ReminderChime
    from coach.ui.reminders.notifications import DesktopNotifications
    from coach.ui.reminders.parts import ReminderParts
    from coach.ui.reminders.watch import ReminderWatch


# The reminder outputs are built this long after the first paint ends: after the work it sets
# going (opening the data behind a kept first screen), well before the first look at the
# schedule (reminders/watch.py waits 1.5 s), and never in a start that quits at the paint.
REMINDERS_AFTER_PAINT_MS = 100


class WindowStart(NamedTuple):
    """What the window needs from the data before it can be built: read from the settings, or
    from the first-screen cache when the services are not open yet."""

    geometry: str  # saveGeometry() in base64; "" for the default size
    last_page: str  # a page key; "" for the first page
    backups: bool  # the data is in a folder of its own, so File offers backups and the folder
    therapist: bool = False  # a therapist's copy: the Patients page comes first


class MainWindow(QMainWindow):
    first_painted = Signal()

    def __init__(self, ui: UiContext, start: WindowStart | None = None) -> None:
        super().__init__()
        self.ui = ui
        if start is None:
            settings = ui.app.settings
            start = WindowStart(
                settings.get(WINDOW_GEOMETRY),
                settings.get(LAST_PAGE),
                ui.app.backups.enabled,
                therapist=not ui.app.profile_is_patient(),
            )
        self.pages = pages_for(start.therapist)
        ui.window = self
        ui.navigator.bind(self._navigate)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(760, 540)
        self._painted = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        # Its width grows with the Text size: style.py (QListWidget#navigation).
        self.navigation.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        self._built: dict[int, Page] = {}
        for index, spec in enumerate(self.pages):
            self._add_entry(index, spec)
        self.navigation.currentRowChanged.connect(self._switch_to)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        self._reminder_parts: ReminderParts | None = None
        self._quitting = False
        pages = QVBoxLayout()
        self._pages_layout = pages  # the reminder banner goes in above the stack, when built
        pages.setSpacing(0)
        self.patient_banner: PatientBanner | None = None
        self.switcher: QDialog | None = None
        if start.therapist:
            from coach.ui.patients.banner import PatientBanner

            self.patient_banner = PatientBanner(self.open_switcher)
            pages.addWidget(self.patient_banner)
            switch = QAction("Switch patient", self)
            switch.setShortcut(QKeySequence("Ctrl+P"))
            switch.triggered.connect(self.open_switcher)
            self.addAction(switch)
            ui.hub.changed.connect(lambda *_: self._show_patient())
        pages.addWidget(self.stack, 1)
        layout.addLayout(pages, 1)
        self.setCentralWidget(central)

        self._build_menus(start.backups, start.therapist)
        # A therapist drops a patient's progress file on the window to import it.
        self.setAcceptDrops(start.therapist)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        ui.tasks.busy_changed.connect(self.busy.setVisible)
        self._restore_state(start)
        # The window's first paint event begins the pass that draws everything in it, the
        # current page (laid out before it) included: the window is then on screen. Watched
        # here rather than on a widget Qt made (the list's viewport, say): the first such widget
        # handed to Python has PySide6 build every widget class's binding to find its type.
        self.installEventFilter(self)

    def reminder_parts(self) -> ReminderParts:
        """The reminder outputs (reminders/parts.py), built just after the first paint, or
        when something asks for one of them before that."""
        if self._reminder_parts is None:
            from coach.ui.reminders.parts import build_reminder_parts

            parts = build_reminder_parts(self.ui, self, self.windowIcon())
            parts.background.quit_requested.connect(self.quit_coach)
            self._pages_layout.insertWidget(self._pages_layout.indexOf(self.stack), parts.banner)
            # Built after the pages, its buttons would come last in the Tab order; they go
            # where the banner is: after the navigation (and the patient's banner).
            before: QWidget = self.navigation
            if self.patient_banner is not None:
                before = self.patient_banner.switch_button
            QWidget.setTabOrder(before, parts.banner.start_button)
            QWidget.setTabOrder(parts.banner.start_button, parts.banner.snooze_button)
            self._reminder_parts = parts
        return self._reminder_parts

    @property
    def reminders(self) -> ReminderWatch:
        return self.reminder_parts().watch

    @property
    def reminder_banner(self) -> ReminderBanner:
        return self.reminder_parts().banner

    @property
    def notifications(self) -> DesktopNotifications | None:
        return self.reminder_parts().notifications

    @property
    def reminder_chime(self) -> ReminderChime:
        return self.reminder_parts().chime

    @property
    def background(self) -> Background:
        return self.reminder_parts().background

    def come_forward(self) -> None:
        """A later launch asked for this Coach (ui/single_instance.py): show the window."""
        self.reminders.show_window()

    def _add_entry(self, index: int, spec: PageSpec) -> None:
        # An empty stand-in keeps the stack's indexes; the page replaces it when first opened.
        self.stack.addWidget(QWidget())
        item = QListWidgetItem(spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.navigation.addItem(item)
        if index < 9:
            action = QAction(spec.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            self.addAction(action)

    def _build(self, index: int) -> Page:
        if index not in self._built:
            page: Page = importlib.import_module(self.pages[index].module).create_page(self.ui)
            stand_in = self.stack.widget(index)
            assert stand_in is not None  # every index has its stand-in (see _add_entry)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self._built[index] = page
            self._connect(page)
        return self._built[index]

    def _connect(self, page: Page) -> None:
        # Connected as the Exercises page is built, so its "Add to programme" is there from the
        # start; the Programmes page itself is built only when an exercise is actually added.
        if page.key == "library":
            from coach.ui.pages.library import LibraryPage

            assert isinstance(page, LibraryPage)
            page.add_to_programme_requested.connect(self.add_to_programme)
        elif page.key == "patients":
            from coach.ui.pages.patients import PatientsPage

            assert isinstance(page, PatientsPage)
            page.open_requested.connect(self.switch_patient)

    def add_to_programme(self, exercise_id: str) -> None:
        """Show the Programmes page with this exercise added to the programme being edited."""
        from coach.ui.pages.programmes import ProgrammesPage

        programmes = self.page("programmes")
        assert isinstance(programmes, ProgrammesPage)
        programmes.add_exercise(exercise_id)
        self.show_page(self.stack.indexOf(programmes))

    def _navigate(self, key: str, request: str, arguments: tuple[object, ...]) -> bool:
        """The navigator's way in (ui/navigator.py): show page `key`, then hand it `request`."""
        keys = [spec.key for spec in self.pages]
        if key not in keys:
            return False
        self.show_page(keys.index(key))
        # A page that asks before it is left (Page.may_leave) keeps the screen: no request then.
        if request and self.stack.currentIndex() == keys.index(key):
            self.page(key).perform(request, *arguments)
        return True

    def _switch_to(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            return
        leaving = self._built.get(self.stack.currentIndex())
        if (
            leaving is None
            or self.stack.currentIndex() == index
            or leaving.may_leave(lambda: self.show_page(index))
        ):
            self._show(index)
        else:
            # The page asks first: the list keeps naming the page still on screen meanwhile.
            self._select_quietly(self.stack.currentIndex())

    def _show(self, index: int) -> None:
        self._build(index)
        self.stack.setCurrentIndex(index)
        self._select_quietly(index)
        self._show_patient()

    def _show_patient(self) -> None:
        """The banner names the open patient on the pages that show their records."""
        if self.patient_banner is None:
            return
        from coach.ui.patients.banner import SCOPED_PAGES

        opened = self.ui.patient if self.ui.ready else None
        shown = None
        if opened is not None and self.current_key() in SCOPED_PAGES:
            from coach.services.patients import MissingPatientError  # the data is open by now

            try:
                shown = self.ui.app.patients.get(opened.patient_id)
            except MissingPatientError:
                shown = None  # deleted meanwhile: the Patients page is where to go next
        self.patient_banner.show_patient(shown)

    def open_switcher(self) -> None:
        """Ctrl+P: the quick switcher over the caseload."""
        from coach.ui.patients.switcher import PatientSwitcher

        self.switcher = PatientSwitcher(self.ui, self, self.switch_patient)
        self.switcher.open()

    def switch_patient(self, patient_id: int) -> None:
        """Open another patient, once every page holding unsaved work has had its say."""
        current = self._built.get(self.stack.currentIndex())
        pages = [current] if current is not None else []
        pages += [page for page in self._built.values() if page is not current]
        for page in pages:
            if not page.may_leave(lambda: self.switch_patient(patient_id)):
                return
        from coach.ui.patients.banner import SCOPED_PAGES

        self.ui.open_patient(patient_id)
        if self.current_key() not in SCOPED_PAGES:
            self.show_page(self.stack.indexOf(self.page("today")))

    def _select_quietly(self, index: int) -> None:
        self.navigation.blockSignals(True)
        try:
            self.navigation.setCurrentRow(index)
        finally:
            self.navigation.blockSignals(False)

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def page(self, key: str) -> Page:
        """The page with this key, built now if it has not been opened yet."""
        return self._build(next(i for i, spec in enumerate(self.pages) if spec.key == key))

    def current_key(self) -> str:
        return self.pages[self.navigation.currentRow()].key

    def _build_menus(self, backups: bool, therapist: bool) -> None:
        file_menu = self.menuBar().addMenu("&File")
        if backups:
            backup = file_menu.addAction("&Back up now")
            backup.triggered.connect(self.back_up_now)
            folder = file_menu.addAction("Open &data folder")
            folder.triggered.connect(self.open_data_folder)
        self._add_handback_menu(file_menu, therapist)
        self._add_print_menu(file_menu)
        settings = file_menu.addAction("&Settings…")
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings.triggered.connect(self.open_settings)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.quit_coach)
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction(f"&About {APP_NAME}")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.open_about)

    def _add_handback_menu(self, file_menu: QMenu, therapist: bool) -> None:
        from coach.ui.handback import words

        file_menu.addSeparator()
        if therapist:
            self.handback_action = file_menu.addAction(words.IMPORT_MENU)
            self.handback_action.triggered.connect(self.import_progress)
            return
        # Sealed when a programme came from a therapist: the text says which, when shown.
        self.handback_action = file_menu.addAction(words.SEND_MENU)
        self.handback_action.triggered.connect(self.send_progress)
        file_menu.aboutToShow.connect(self._name_send_action)

    def _name_send_action(self) -> None:
        from coach.ui.handback.flows import send_menu_text

        self.handback_action.setText(send_menu_text(self.ui))

    def send_progress(self) -> None:
        from coach.ui.handback.flows import send_progress

        send_progress(self.ui, self)

    def import_progress(self) -> None:
        from coach.ui.handback.flows import choose_progress_file

        choose_progress_file(self.ui, self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._consider_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._consider_drag(event)

    def _consider_drag(self, event: QDragMoveEvent) -> None:
        """Only a progress file may be dropped here (QDragEnterEvent is a QDragMoveEvent)."""
        from coach.ui.handback.flows import progress_files

        if self.ui.ready and progress_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped progress file opens its preview (the first, if several are dropped)."""
        from coach.ui.handback.flows import open_progress_file, progress_files

        found = progress_files(event.mimeData()) if self.ui.ready else []
        if not found:
            event.ignore()
            return
        event.acceptProposedAction()
        open_progress_file(self.ui, found[0], self)

    def _add_print_menu(self, file_menu: QMenu) -> None:
        # Printing is imported only when used: it pulls in QtPrintSupport.
        printing = file_menu.addMenu("&Print")
        for label, how in (
            ("Progress sheet: print pre&view…", "preview"),
            ("Progress sheet: &print…", "print"),
            ("Progress sheet: save as P&DF…", "pdf"),
        ):
            action = printing.addAction(label)
            action.triggered.connect(lambda _=False, h=how: self.print_progress(h))
        printing.addSeparator()
        for label, how in (
            ("Programme handout: print previe&w…", "preview"),
            ("Programme handout: p&rint…", "print"),
            ("Programme handout: save as PD&F…", "pdf"),
        ):
            action = printing.addAction(label)
            action.triggered.connect(lambda _=False, h=how: self.print_handout(h))
        file_menu.addSeparator()

    def print_progress(self, how: str) -> None:
        from coach.ui.printing.actions import deliver
        from coach.ui.printing.progress_sheet import ProgressSheet

        deliver(self.ui, self.ui.scope, ProgressSheet.of, how, self)

    def print_handout(self, how: str) -> None:
        from coach.ui.printing.actions import deliver
        from coach.ui.printing.handout import Handout

        deliver(self.ui, self.ui.scope, Handout.in_force_today, how, self)

    def back_up_now(self) -> None:
        app = self.ui.app
        self.statusBar().showMessage("Backing up…")

        def done(path: object) -> None:
            self.statusBar().showMessage(f"Backup saved: {path}", 8000)

        def failed(exc: Exception) -> None:
            self.statusBar().clearMessage()
            if not isinstance(exc, UserError):
                raise exc  # a bug: the crash handler reports it
            report(self.ui, self, exc, title="Backup failed")

        self.ui.tasks.run(lambda: app.backups.now(app.clock.now()), done, failed)

    def open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.ui.app.paths is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ui.app.paths.root)))

    def open_settings(self) -> None:
        from coach.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ui, self).open()

    def open_about(self) -> None:
        from coach.ui.about import AboutDialog

        AboutDialog(self.ui, self).open()

    def _restore_state(self, start: WindowStart) -> None:
        if start.geometry:
            self.restoreGeometry(QByteArray.fromBase64(start.geometry.encode("ascii")))
        else:
            self.resize(1100, 760)
        keys = [spec.key for spec in self.pages]
        self.show_page(keys.index(opening_page(start.last_page, start.therapist)))

    def save_state(self) -> None:
        if not self.ui.ready:
            return  # closed before the data was open: nothing changed, nothing to keep
        encoded = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        page = self.current_key() if 0 <= self.navigation.currentRow() < len(self.pages) else ""

        def persist(app: AppContext) -> Changes:
            changes = app.settings.set(WINDOW_GEOMETRY, encoded)
            return changes | app.settings.set(LAST_PAGE, page) if page else changes

        mutate(self.ui, self, persist)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.removeEventFilter(self)
            self.first_painted.emit()
            # A zero timer runs once the paint is over: counted from this event instead, a paint
            # slower than the delay (a slow machine's) would leave no gap after it, and a start
            # that quits at the paint would build them before it had quit.
            QTimer.singleShot(0, self, self._build_reminders_later)
        return super().eventFilter(watched, event)

    def _build_reminders_later(self) -> None:
        QTimer.singleShot(REMINDERS_AFTER_PAINT_MS, self, self.reminder_parts)

    def quit_coach(self) -> None:
        """File ▸ Quit: close for good, even when closing the window only hides it."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every page may hold unsaved work, the one on screen first; one that asks keeps the
        # window open, and closes it again once its work is saved or discarded.
        current = self._built.get(self.stack.currentIndex())
        pages = [current] if current is not None else []
        pages += [page for page in self._built.values() if page is not current]
        for page in pages:
            if not page.may_leave(self.close):
                event.ignore()
                return
        self.save_state()
        parts = self._reminder_parts  # None if closed before they were built: nothing to stop
        if parts is not None and not self._quitting and parts.background.keeps_running():
            event.ignore()  # hidden, not closed: reminders keep coming (reminders/background.py)
            self.hide()
            parts.background.went_to_background()
            return
        if parts is not None:
            if parts.notifications is not None:
                parts.notifications.close()
            parts.background.close()
        super().closeEvent(event)
