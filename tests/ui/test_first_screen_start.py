"""Starting from the first screen kept at the last exit: the window shows it before the data is
open, holds the user's input until it is, then reloads from the database; a problem found only
then is explained and Coach exits without showing stale data any longer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from caseloads import make_caseload
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.services import first_screen
from coach.services.settings import LAST_PAGE, SESSION_SOUND
from coach.ui import application
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.patients import PatientsPage
from coach.ui.pages.today import TodayPage
from coach.ui.patients.caseload_model import ID_ROLE
from coach.ui.tasks import TaskRunner

ITEMS = (ProgrammeItem("bridge", Dosage(sets=2, reps=12, hold_s=3)),)


def keep_a_first_screen(data_dir: Path, clock: ManualClock) -> None:
    """A patient with one programme, closed the way the app closes at exit."""
    context = build_context(data_dir, clock=clock)
    context.profile.welcome("Robin", Role.PATIENT, accepted_notice=True)
    context.settings.set(SESSION_SOUND, False)
    today = context.own_patient().programmes.today()
    context.own_patient().programmes.create(
        Programme(uid="", name="Back routine", start_date=today, items=ITEMS)
    )
    application.close_data(context, keep_screen=True, backup=False)


@pytest.fixture
def ui(qtbot: QtBot, clock: ManualClock) -> Iterator[UiContext]:
    runner = TaskRunner()
    made = UiContext(ChangeHub(), runner, clock=clock)
    yield made
    runner.wait()
    if made.ready:
        made.app.close(backup=False)


def started(qtbot: QtBot, ui: UiContext, data_dir: Path) -> tuple[MainWindow, TodayPage]:
    kept = application.kept_first_screen(data_dir, ui.clock)
    assert kept is not None
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = application.window_from_kept_screen(app, ui, *kept)
    qtbot.addWidget(window)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    return window, page


def test_the_kept_screen_shows_first_then_the_data_opens(
    qtbot: QtBot, ui: UiContext, data_dir: Path, clock: ManualClock
) -> None:
    keep_a_first_screen(data_dir, clock)
    window, page = started(qtbot, ui, data_dir)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert not ui.ready
    assert [card.summary.name for card in page.cards] == ["Back routine"]
    assert page.greeting_label.text() == "Good afternoon, Robin."
    kept_card = page.cards[0]
    application.open_after_first_paint(app, ui, window, data_dir)
    with qtbot.waitSignal(ui.hub.changed, timeout=5000):
        window.show()
        # Until the data is open, a click on Start is held back rather than reaching code
        # that needs it.
        qtbot.mouseClick(kept_card.start_button, Qt.MouseButton.LeftButton)
        assert page.player is None
    assert ui.ready
    assert [card.summary.name for card in page.cards] == ["Back routine"]
    assert page.cards[0] is not kept_card  # reloaded from the database
    qtbot.mouseClick(page.cards[0].start_button, Qt.MouseButton.LeftButton)
    assert page.player is not None and page.player.isVisible()
    page.player.close()


def test_a_kept_screen_of_another_day_is_not_used(data_dir: Path, clock: ManualClock) -> None:
    keep_a_first_screen(data_dir, clock)
    assert application.kept_first_screen(data_dir, clock) is not None
    clock.advance(3 * 86400)  # three days kept: today and the next two
    assert application.kept_first_screen(data_dir, clock) is None


def test_a_kept_screen_in_a_time_zone_this_system_lacks_is_not_used(
    data_dir: Path, clock: ManualClock
) -> None:
    keep_a_first_screen(data_dir, clock)
    kept = data_dir / first_screen.FILE_NAME
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["time_zone"] = "Atlantis/Capital"  # e.g. after a time zone database update
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert first_screen.load(data_dir / "coach.db") is not None
    assert application.kept_first_screen(data_dir, clock) is None


def test_a_database_written_since_is_not_shown_from_the_kept_screen(
    data_dir: Path, clock: ManualClock
) -> None:
    keep_a_first_screen(data_dir, clock)
    context = build_context(data_dir, clock=clock)
    context.own_patient().programmes.archive(
        context.own_patient().programmes.active_on(context.own_patient().programmes.today())[0].id
        or 0
    )
    context.close(backup=False)  # as a command-line import or another program might
    assert application.kept_first_screen(data_dir, clock) is None


def test_data_that_fails_to_open_after_the_first_paint_is_explained(
    qtbot: QtBot,
    ui: UiContext,
    data_dir: Path,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text))
    )
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    keep_a_first_screen(data_dir, clock)
    window, _ = started(qtbot, ui, data_dir)
    # Written by a newer Coach between the check and the opening.
    with sqlite3.connect(data_dir / "coach.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application.open_after_first_paint(app, ui, window, data_dir)
    window.show()
    qtbot.waitUntil(lambda: bool(exits), timeout=5000)
    assert exits == [application.EXIT_DATA_ERROR]
    assert not ui.ready and not window.isVisible()
    assert "newer version of Coach" in shown[0]


def test_a_therapist_who_left_on_today_gets_that_patients_today_first(
    qtbot: QtBot, ui: UiContext, data_dir: Path, clock: ManualClock
) -> None:
    context = build_context(data_dir, clock=clock)
    context.profile.welcome("Dr Lee", Role.THERAPIST, accepted_notice=True)
    _, patient = context.patients.add(name="Jo Doe")
    context.open_patient(patient.id)
    today = context.own_patient().programmes.today()
    context.own_patient().programmes.create(
        Programme(uid="", name="Neck routine", start_date=today, items=ITEMS)
    )
    context.settings.set(LAST_PAGE, "today")
    application.close_data(context, keep_screen=True, backup=False)
    window, page = started(qtbot, ui, data_dir)
    assert window.pages[0].key == "patients"  # not a patient's window
    assert window.current_key() == "today"
    assert [card.summary.name for card in page.cards] == ["Neck routine"]


def _cells(page: PatientsPage) -> list[list[str]]:
    proxy = page.proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_a_therapists_caseload_paints_first_and_the_data_repaints_it_the_same(
    qtbot: QtBot, ui: UiContext, data_dir: Path, clock: ManualClock, tmp_path: Path
) -> None:
    context = build_context(data_dir, clock=clock)
    make_caseload(context)
    # What the page shows once the data is open, as a start from the data would show it.
    from_data = [entry.figures.name for entry in context.caseload.entries()]
    application.close_data(context, keep_screen=True, backup=False)
    kept = application.kept_first_screen(data_dir, clock)
    assert kept is not None and kept.view is None and kept.patient_to_open() is None
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = application.window_from_kept_screen(app, ui, *kept)
    qtbot.addWidget(window)
    page = window.page("patients")
    assert isinstance(page, PatientsPage)
    assert window.current_key() == "patients" and not ui.ready
    kept_cells = _cells(page)
    assert [row[0] for row in kept_cells] == from_data
    assert kept_cells[0][1] == "Red flag reported, Symptoms spreading"  # flagged as of today
    assert page.selected_id() == page.proxy.index(0, 0).data(ID_ROLE)
    # The window as first painted, grabbed just before the data opens (both wait for the paint).
    shots: list[tuple[bool, QPixmap]] = []
    window.first_painted.connect(
        lambda: QTimer.singleShot(0, lambda: shots.append((ui.ready, window.grab())))
    )
    application.open_after_first_paint(app, ui, window, data_dir, kept.patient_to_open())
    with qtbot.waitSignal(ui.hub.changed, timeout=5000):
        window.show()
    assert ui.ready
    assert _cells(page) == kept_cells
    [(ready, before)] = shots
    qtbot.waitUntil(lambda: not window.busy.isVisible())  # the daily backup, begun as data opened
    after = window.grab()
    before.save(str(tmp_path / "kept.png"))
    after.save(str(tmp_path / "data.png"))
    assert not ready
    assert before.toImage() == after.toImage()  # no jump when the data takes over


def test_a_kept_caseload_is_for_the_days_it_names(data_dir: Path, clock: ManualClock) -> None:
    context = build_context(data_dir, clock=clock)
    make_caseload(context)
    application.close_data(context, keep_screen=True, backup=False)
    clock.advance(2 * 86400)
    kept = application.kept_first_screen(data_dir, clock)
    assert kept is not None and kept.caseload is not None
    context = build_context(data_dir, clock=clock)
    assert kept.caseload == context.caseload.entries()  # two days on, read from the data
    context.close(backup=False)
    clock.advance(86400)
    assert application.kept_first_screen(data_dir, clock) is None
