"""Every screen of the main window with the demo patient's data, one after another.

The text-fit, accessibility and rendering checks walk the same screens: each page of the
navigation, a programme open in the editor, the exercise detail, the session player (its first
screen, a symptom question after an exercise if the programme asks one, and the summary at the
end), and the dialogs a patient opens from the pages (the diary's entry forms, settings,
welcome, about, the user's own exercise). `demo_window` builds the window over the demo data
at a text size and window size; `screens` shows each screen in turn and yields its name and the
widget to check (the window for a page, the dialog for a dialog).

A therapist's window is walked too: `therapist_window` builds one over a small invented caseload
and `therapist_screens` shows the Patients page, the patient dialog (add and edit), the quick
switcher, and the open patient's Today and Diary under the banner.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.outcomes import Instrument
from coach.services.changes import Area, Changes
from coach.services.context import AppContext
from coach.services.demo import seed_demo
from coach.ui.context import UiContext
from coach.ui.dialogs import PersistentDialog
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages import PAGES
from coach.ui.style import apply_style
from coach.ui.tasks import TaskRunner

TEXT_SCALES = (1.0, 1.25, 1.5)  # the choices of coach.services.settings.TEXT_SCALE
WINDOW_SIZES = ((1100, 760), (1920, 1080))  # the smallest supported layout, and maximised


@contextmanager
def text_size(scale: float) -> Iterator[None]:
    """The application styled at `scale`, and as it was again afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = QFont(app.font()), app.styleSheet()
    apply_style(app, scale)
    try:
        yield
    finally:
        app.setFont(font)
        app.setStyleSheet(sheet)


@contextmanager
def demo_window(
    qtbot: QtBot, context: AppContext, size: tuple[int, int]
) -> Iterator[tuple[MainWindow, UiContext]]:
    """The main window over the demo patient's data, shown at `size`."""
    seed_demo(context)
    with _shown_window(qtbot, context, size) as shown:
        yield shown


@contextmanager
def _shown_window(
    qtbot: QtBot, context: AppContext, size: tuple[int, int]
) -> Iterator[tuple[MainWindow, UiContext]]:
    """The main window over `context` as it is, shown at `size` and painted once."""
    runner = TaskRunner()
    ui = UiContext(app=context, hub=ChangeHub(), tasks=runner)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitSignal(window.first_painted, timeout=10000):
        window.show()
    try:
        yield window, ui
    finally:
        runner.wait()


CASELOAD = (
    ("Ann Example", "AE-0001", date(1968, 4, 23)),
    ("Bartholomew Longname-Fitzgerald", "CLINIC-2026-0042", date(1951, 11, 30)),
    ("Cy Test", "", None),
    ("Dee Sample", "DS-7", date(1990, 1, 2)),
)


@contextmanager
def therapist_window(
    qtbot: QtBot, context: AppContext, size: tuple[int, int]
) -> Iterator[tuple[MainWindow, UiContext]]:
    """A therapist's main window over four invented patients (the first with the demo's diary
    and programmes, the second with programmes only, the last archived), shown at `size` on
    the Patients page."""
    from coach.domain.profile import Role
    from coach.services.demo_diary import seed_diary
    from coach.services.demo_programmes import seed_programmes

    context.profile.welcome("Alex Therapist", Role.THERAPIST, accepted_notice=True)
    ids = []
    for name, identifier, born in CASELOAD:
        _, made = context.patients.add(name=name, identifier=identifier, date_of_birth=born)
        ids.append(made.id)
    seed_diary(context.patient(ids[0]))
    seed_programmes(context.patient(ids[0]))
    seed_programmes(context.patient(ids[1]))
    context.patients.archive(ids[-1])  # one in the archive, for "Show archived"
    context.open_patient(ids[0])
    with _shown_window(qtbot, context, size) as shown:
        yield shown


def _settle(ui: UiContext, root: QWidget) -> None:
    """Let background loads finish and their results reach the widgets, and layouts settle:
    each round of layout can ask for another (a label that wraps changes its height), so repeat
    until no widget under `root` moves."""
    last: list[object] = []
    for _ in range(20):
        ui.tasks.wait()
        QApplication.processEvents()
        # processEvents() leaves deleteLater() to the event loop; a test has none running.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        now: list[object] = [child.geometry() for child in root.findChildren(QWidget)]
        if now == last:
            return
        last = now


def _dialogs(window: MainWindow, ui: UiContext) -> list[tuple[str, Callable[[], QDialog]]]:
    from coach.ui.about import AboutDialog
    from coach.ui.library.custom_dialog import CustomExerciseDialog
    from coach.ui.pages.diary import DiaryPage
    from coach.ui.settings_dialog import SettingsDialog
    from coach.ui.welcome import WelcomeDialog

    diary = window.page("diary")
    assert isinstance(diary, DiaryPage)
    found: list[tuple[str, Callable[[], QDialog]]] = [
        ("pain entry", diary.new_pain),
        ("check-in", diary.open_checkin),
        ("treatment", diary.new_treatment),
    ]
    for instrument in Instrument:
        found.append((f"{instrument.value} entry", lambda i=instrument: diary.new_outcome(i)))
    found += [
        ("settings", lambda: SettingsDialog(ui, window)),
        ("welcome", lambda: WelcomeDialog(ui, window)),
        ("about", lambda: AboutDialog(ui, window)),
        ("own exercise", lambda: CustomExerciseDialog(ui, parent=window)),
    ]
    return found


def _programme_editor(window: MainWindow, ui: UiContext) -> Iterator[tuple[str, QWidget]]:
    """The patient's first programme open in the editor, chosen with a click in the list."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QListView

    lists = [
        view
        for view in window.page("programmes").findChildren(QListView)
        if view.accessibleName() == "Programmes and templates"
    ]
    assert len(lists) == 1, "the Programmes page lists programmes and templates"
    view = lists[0]
    model = view.model()
    first = next(
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsSelectable
    )
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
    )
    _settle(ui, window)
    yield "programme editor", window


def _player(window: MainWindow, ui: UiContext) -> Iterator[tuple[str, QWidget]]:
    """The session player as the Today page's first Start button opens it (a window of its own,
    found among the top-level widgets so the check does not depend on how it is built)."""
    from coach.ui.today.programme_card import ProgrammeCard

    window.show_page(0)
    _settle(ui, window)
    before = set(QApplication.topLevelWidgets())
    cards = window.page("today").findChildren(ProgrammeCard)
    assert cards, "the demo patient has a programme for today"
    cards[0].start_button.click()
    opened = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    assert len(opened) == 1, opened
    player = opened[0]
    player.resize(window.size())
    _settle(ui, player)
    try:
        yield "player", player
        yield from _session(ui, player)
    finally:
        player.close()


def _session(ui: UiContext, player: QWidget) -> Iterator[tuple[str, QWidget]]:
    """The session run through on the test's clock: the first symptom question after an
    exercise (if the programme asks one), then the summary after the closing questions."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from coach.domain.clock import ManualClock
    from coach.ui.player.questions import AfterSession, Confirm, Summary, SymptomQuestion
    from coach.ui.player.window import PlayerWindow

    assert isinstance(player, PlayerWindow)
    clock = ui.app.clock
    assert isinstance(clock, ManualClock)

    def click(button: QWidget) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    check = player.precheck
    if check.flags:
        click(check.none_button)
    click(check.pain.button(3))
    for picker in check.symptoms.values():
        click(picker.button(1))
    click(check.start_button)
    asked = False
    for _ in range(5000):
        current = player.stack.currentWidget()
        if isinstance(current, Summary):
            _settle(ui, player)
            yield "summary", player
            return
        if isinstance(current, SymptomQuestion):
            if not asked:
                asked = True
                _settle(ui, player)
                yield "symptom question", player
            click(current.picker.button(1))  # unchanged: the session carries on
        elif isinstance(current, AfterSession):
            click(current.save_button)
        elif isinstance(current, Confirm):
            click(current.keep_button)
        else:  # the session running: time passes (in steps short of a stall, which pauses it)
            engine = player.engine
            assert engine is not None
            clock.advance(min(1.5, max(0.25, engine.remaining_seconds_in_step)))
            player.tick()
    raise AssertionError(f"the session never reached its summary: {player.stack.currentWidget()}")


def screens(qtbot: QtBot, window: MainWindow, ui: UiContext) -> Iterator[tuple[str, QWidget]]:
    """Show each screen in turn; yield (its name, the widget that holds it)."""
    from coach.ui.pages.library import LibraryPage

    for index, spec in enumerate(PAGES):
        window.show_page(index)
        _settle(ui, window)
        yield spec.key, window
        if spec.key == "programmes":
            yield from _programme_editor(window, ui)
    library = window.page("library")
    assert isinstance(library, LibraryPage)
    everything = ui.app.exercises.all()
    longest_names = sorted(everything, key=lambda exercise: -len(exercise.name))[:2]
    for exercise in (everything[0], *longest_names):
        window.show_page([spec.key for spec in PAGES].index("library"))
        library.open_exercise(exercise)
        _settle(ui, window)
        yield "exercise detail", window
    library.show_browse()
    yield from _player(window, ui)
    for name, make in _dialogs(window, ui):
        yield from _walk_dialog(qtbot, ui, window, name, make())
    yield from _send_dialogs(qtbot, window, ui)


def _walk_dialog(
    qtbot: QtBot, ui: UiContext, window: QWidget, name: str, dialog: QDialog
) -> Iterator[tuple[str, QWidget]]:
    """Open `dialog` as it opens on a screen the size of the window, yield it, close it."""
    _opened(qtbot, ui, dialog, window.size())
    try:
        yield name, dialog
    finally:
        dialog.reject()
        dialog.deleteLater()
        _settle(ui, window)


def _send_dialogs(qtbot: QtBot, window: MainWindow, ui: UiContext) -> Iterator[tuple[str, QWidget]]:
    """ "Send progress": first unprotected (the demo patient's programmes are their own), then
    sealed, once a therapist's programme file (written in a copy of its own) is imported."""
    from coach.ui.diary.moments import to_qdate
    from coach.ui.handback.send_dialog import SendProgressDialog
    from tests.ui.handback_helpers import hand_over, therapist_copy

    patient = ui.patient
    assert patient is not None
    export = patient.progress_export
    yield from _walk_dialog(
        qtbot, ui, window, "export progress", SendProgressDialog(ui, export, window)
    )
    with tempfile.TemporaryDirectory() as folder:
        therapist = therapist_copy(Path(folder) / "therapist", ui.app.clock)
        try:
            hand_over(therapist, ui.app, Path(folder))
        finally:
            therapist.close(backup=False)
        dialog = SendProgressDialog(ui, export, window)
        span = patient.progress.span()
        assert span is not None, "the demo patient has a diary"
        dialog.since.setDate(to_qdate(span[0]))  # all of it: every kind of entry, counted
        yield from _walk_dialog(qtbot, ui, window, "send progress", dialog)


def _opened(qtbot: QtBot, ui: UiContext, dialog: QDialog, size: QSize) -> None:
    if isinstance(dialog, PersistentDialog):
        # As it would open on a screen the size of the window (the test's screen is not).
        dialog.fit_default_size(size)
    if not dialog.isVisible():
        dialog.open()
    qtbot.waitExposed(dialog)
    _settle(ui, dialog)


def therapist_screens(
    qtbot: QtBot, window: MainWindow, ui: UiContext
) -> Iterator[tuple[str, QWidget]]:
    """A therapist's screens: the caseload, the patient dialog to add and to edit, the quick
    switcher, and the open patient's Today and Diary with the banner above them."""
    from coach.ui.pages.patients import PatientsPage
    from coach.ui.patients.patient_dialog import PatientDialog

    keys = [spec.key for spec in window.pages]
    page = window.page("patients")
    assert isinstance(page, PatientsPage)
    window.show_page(keys.index("patients"))
    _settle(ui, window)
    yield "patients", window
    page.show_archived.click()
    _settle(ui, window)
    yield "patients with archived", window
    page.show_archived.click()
    page.select(ui.app.opened_patient_id)
    for name, action in (("add patient", page.add_patient), ("edit patient", page.edit_selected)):
        action()
        dialog = page.dialog
        assert isinstance(dialog, PatientDialog), name
        _opened(qtbot, ui, dialog, window.size())
        try:
            yield name, dialog
        finally:
            dialog.reject()
            dialog.deleteLater()
            _settle(ui, window)
    for key in ("today", "diary"):
        window.show_page(keys.index(key))
        _settle(ui, window)
        assert window.patient_banner is not None and window.patient_banner.isVisible()
        yield f"{key} with banner", window
    window.open_switcher()
    switcher = window.switcher
    assert switcher is not None
    _opened(qtbot, ui, switcher, window.size())
    try:
        yield "switcher", switcher
    finally:
        switcher.reject()
        switcher.deleteLater()
    yield from _import_dialogs(qtbot, window, ui)


def _import_dialogs(
    qtbot: QtBot, window: MainWindow, ui: UiContext
) -> Iterator[tuple[str, QWidget]]:
    """The preview of a progress file: a sealed one with the whole demo diary from a patient
    the therapist wrote a programme for, and an unprotected one from a patient on nobody's
    caseload (with the choice of whom it goes to); then Settings and About, which show the key
    those files are sealed to."""
    from coach.app import build_context
    from coach.domain.profile import Role
    from coach.services.demo_diary import seed_diary
    from coach.ui.about import AboutDialog
    from coach.ui.handback.import_dialog import ImportProgressDialog
    from coach.ui.settings_dialog import SettingsDialog
    from tests.ui.handback_helpers import hand_over, record_pain

    therapist = ui.app
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, sealed in (("Robin Example", True), ("Sam Elsewhere", False)):
            patient = build_context(Path(folder) / name, clock=therapist.clock)
            try:
                patient.profile.welcome(name, Role.PATIENT, accepted_notice=True)
                if sealed:
                    hand_over(therapist, patient, Path(folder))
                    seed_diary(patient.own_patient())
                else:
                    record_pain(patient)
                since = therapist.profile.today() - timedelta(days=365) if sealed else None
                target = Path(folder) / f"{name}.coachprogress"
                files.append(patient.own_patient().progress_export.export(target, since).path)
            finally:
                patient.close(backup=False)
        ui.apply(Changes.of(Area.PATIENTS))
        for screen, path in zip(
            ("import progress", "import progress, no match"), files, strict=True
        ):
            preview = therapist.progress_import.preview(path)
            dialog = ImportProgressDialog(ui, path, preview, window)
            yield from _walk_dialog(qtbot, ui, window, screen, dialog)
    yield from _walk_dialog(qtbot, ui, window, "therapist settings", SettingsDialog(ui, window))
    yield from _walk_dialog(qtbot, ui, window, "therapist about", AboutDialog(ui, window))
