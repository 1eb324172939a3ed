"""Starting from the first screen kept at the last exit: the window shows it before the data is
open, holds the user's input until it is, then reloads from the database; a problem found only
then is explained and Coach exits without showing stale data any longer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coach.app import build_context
from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.profile import Role
from coach.domain.programme import Programme, ProgrammeItem
from coach.services import first_screen
from coach.services.settings import SESSION_SOUND
from coach.ui import application
from coach.ui.context import UiContext
from coach.ui.hub import ChangeHub
from coach.ui.main_window import MainWindow
from coach.ui.pages.today import TodayPage
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


def test_a_therapists_kept_screen_builds_the_therapists_window(
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
    application.close_data(context, keep_screen=True, backup=False)
    window, page = started(qtbot, ui, data_dir)
    assert window.pages[0].key == "patients"  # not a patient's window
    assert [card.summary.name for card in page.cards] == ["Neck routine"]
