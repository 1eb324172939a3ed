"""The Diary page, driven like a user: every entry kind created, edited, deleted and undone
through the real widgets; the timeline's order and filters; refusals at the field; red flags."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.diary import CheckIn, PainEntry, Treatment, TreatmentKind
from coach.domain.outcomes import Instrument, NprsAnswers, OutcomeScore
from coach.services.timeline import EntryKind
from coach.store.schema import exercise_session
from coach.ui.context import UiContext
from coach.ui.diary.body_map import View
from coach.ui.diary.entry_dialog import EntryDialog
from coach.ui.diary.outcome_dialogs import NOT_ANSWERED, PsfsDialog, SectionsDialog
from coach.ui.diary.pain_dialog import PainDialog
from coach.ui.pages.diary import DiaryPage, create_page
from coach.ui.pages.today import TodayPage

# The offscreen platform says this whenever a dialog is shown; it is about the platform plugin.


@pytest.fixture
def page(ui: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[DiaryPage]:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    created = create_page(ui)
    assert isinstance(created, DiaryPage)
    qtbot.addWidget(created)
    created.resize(1100, 700)
    created.show()
    qtbot.waitExposed(created)
    yield created
    if created.dialog is not None:
        created.dialog.reject()


def click(qtbot: QtBot, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: Any) -> None:
    """Click a check box on its box, not on the empty stretch right of its text."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))


def titles(page: DiaryPage) -> list[str]:
    return [item.title for item in page.model.items()]


def open_dialog(qtbot: QtBot, page: DiaryPage, button: Any) -> Any:
    click(qtbot, button)
    dialog = page.dialog
    assert isinstance(dialog, EntryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot: QtBot, dialog: EntryDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        click(qtbot, dialog.save_button)


def select_first(qtbot: QtBot, page: DiaryPage) -> None:
    rect = page.table.visualRect(page.model.index(0, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected() is not None


def edit_first(qtbot: QtBot, page: DiaryPage) -> Any:
    select_first(qtbot, page)
    return open_dialog(qtbot, page, page.edit_button)


def delete_first(qtbot: QtBot, page: DiaryPage) -> None:
    select_first(qtbot, page)
    click(qtbot, page.delete_button)


def test_pain_entry_created_edited_deleted_and_undone(qtbot: QtBot, page: DiaryPage) -> None:
    assert page.views.currentIndex() == 1  # the empty state
    dialog = open_dialog(qtbot, page, page.pain_button)
    assert isinstance(dialog, PainDialog)
    click(qtbot, dialog.scale.button(6))
    body = dialog.body_map
    for key, view in (
        ("low_back", View.BACK),
        ("left_buttock", View.BACK),
        ("left_thigh_back", View.BACK),
    ):
        qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=body.point_of(key, view))
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=body.point_of("left_thigh_back"))
    assert "Left buttock" in dialog.where.text()
    click(qtbot, dialog.qualities[next(iter(dialog.qualities))])
    qtbot.keyClicks(dialog.worse, "sitting")
    qtbot.keyClicks(dialog.medication, "ibuprofen 400 mg")
    tick(qtbot, dialog.question)
    save(qtbot, dialog)
    assert titles(page) == ["Pain 6 of 10"]
    stored = page.model.item(0)
    assert "Low back (middle), Left buttock" in stored.detail
    assert "Back of the left thigh" not in stored.detail  # clicked twice: off again
    assert stored.question

    dialog = edit_first(qtbot, page)
    assert dialog.scale.value() == 6 and dialog.worse.text() == "sitting"
    click(qtbot, dialog.scale.button(4))
    save(qtbot, dialog)
    assert titles(page) == ["Pain 4 of 10"]

    delete_first(qtbot, page)
    assert titles(page) == []
    click(qtbot, page.undo_button)  # undo the delete
    assert titles(page) == ["Pain 4 of 10"]
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["Pain 6 of 10"]  # undo the edit
    click(qtbot, page.undo_button)  # undo the add
    assert titles(page) == []
    assert not page.undo_button.isEnabled()
    for _ in range(3):
        click(qtbot, page.redo_button)
    assert titles(page) == []  # redo: add, edit, delete again
    click(qtbot, page.undo_button)
    assert titles(page) == ["Pain 4 of 10"]


def test_checkin_created_edited_deleted_and_undone(qtbot: QtBot, page: DiaryPage) -> None:
    dialog = open_dialog(qtbot, page, page.checkin_button)
    click(qtbot, dialog.worst.button(7))
    click(qtbot, dialog.typical.button(5))
    click(qtbot, dialog.sleep.button(4))
    qtbot.keyClicks(dialog.note, "long day")
    save(qtbot, dialog)
    assert titles(page) == ["Check-in: worst 7, usual 5"]
    # The check-in button now opens today's check-in for editing.
    dialog = open_dialog(qtbot, page, page.checkin_button)
    assert dialog.entry is not None
    click(qtbot, dialog.typical.button(3))
    save(qtbot, dialog)
    assert titles(page) == ["Check-in: worst 7, usual 3"]
    delete_first(qtbot, page)
    assert titles(page) == []
    click(qtbot, page.undo_button)
    click(qtbot, page.undo_button)
    assert titles(page) == ["Check-in: worst 7, usual 5"]


def test_treatment_created_edited_deleted_and_undone(qtbot: QtBot, page: DiaryPage) -> None:
    dialog = open_dialog(qtbot, page, page.treatment_button)
    assert not dialog.site.isVisibleTo(dialog)
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "Epidural")
    assert dialog.chosen_kind() is TreatmentKind.EPIDURAL_STEROID
    assert dialog.site.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.site, "L5-S1")
    qtbot.keyClicks(dialog.provider, "Pain clinic")
    save(qtbot, dialog)
    assert titles(page) == ["Epidural steroid injection"]
    assert "L5-S1" in page.model.item(0).detail
    dialog = edit_first(qtbot, page)
    dialog.site.clear()
    qtbot.keyClicks(dialog.site, "L4-L5")
    save(qtbot, dialog)
    assert "L4-L5" in page.model.item(0).detail
    delete_first(qtbot, page)
    click(qtbot, page.undo_button)
    assert "L4-L5" in page.model.item(0).detail
    click(qtbot, page.undo_button)
    assert "L5-S1" in page.model.item(0).detail


def test_nprs_and_psfs_created_edited_deleted_and_undone(qtbot: QtBot, page: DiaryPage) -> None:
    page.measure_actions[Instrument.NPRS].trigger()
    dialog = page.dialog
    assert dialog is not None
    click(qtbot, dialog.scale.button(5))
    save(qtbot, dialog)
    assert titles(page) == ["NPRS 5 of 10"]

    page.measure_actions[Instrument.PSFS].trigger()
    dialog = page.dialog
    assert isinstance(dialog, PsfsDialog)
    for row, (name, rating) in enumerate((("Walking", 3), ("Sitting", 4), ("Stairs", 8))):
        qtbot.keyClicks(dialog.names[row], name)
        click(qtbot, dialog.ratings[row].button(rating))
    assert "5.0 of 10" in dialog.result_label.text()
    save(qtbot, dialog)
    assert titles(page)[0] == "PSFS 5.0 of 10 (mean of 3 activities)"

    dialog = edit_first(qtbot, page)
    assert [n.text() for n in dialog.names[:3]] == ["Walking", "Sitting", "Stairs"]
    click(qtbot, dialog.ratings[0].button(6))
    save(qtbot, dialog)
    assert titles(page)[0] == "PSFS 6.0 of 10 (mean of 3 activities)"
    delete_first(qtbot, page)
    assert titles(page) == ["NPRS 5 of 10"]
    click(qtbot, page.undo_button)
    click(qtbot, page.undo_button)
    assert titles(page)[0] == "PSFS 5.0 of 10 (mean of 3 activities)"

    # The next PSFS starts from the same activities, to be rated again.
    page.measure_actions[Instrument.PSFS].trigger()
    dialog = page.dialog
    assert [n.text() for n in dialog.names[:3]] == ["Walking", "Sitting", "Stairs"]


@pytest.mark.parametrize("instrument", [Instrument.ODI, Instrument.NDI])
def test_odi_and_ndi_created_edited_deleted_and_undone(
    qtbot: QtBot, page: DiaryPage, instrument: Instrument
) -> None:
    page.measure_actions[instrument].trigger()
    dialog = page.dialog
    assert isinstance(dialog, SectionsDialog)
    scores = (2, 2, 1, 2, 2, 2, 2, 1, 2, None)
    for picker, value in zip(dialog.sections, scores, strict=True):
        click(qtbot, picker.button(NOT_ANSWERED if value is None else value))
    expected = "ODI 35.6 %" if instrument is Instrument.ODI else "NDI 17.8 of 50 (36 %)"
    assert expected.split(" ", 1)[1] in dialog.result_label.text()
    assert "Moderate disability" in dialog.result_label.text()
    assert "1 section was not answered" in dialog.result_label.text()
    save(qtbot, dialog)
    assert titles(page) == [expected]

    dialog = edit_first(qtbot, page)
    click(qtbot, dialog.sections[9].button(2))
    save(qtbot, dialog)
    changed = "ODI 36.0 %" if instrument is Instrument.ODI else "NDI 18 of 50 (36 %)"
    assert titles(page) == [changed]
    delete_first(qtbot, page)
    assert titles(page) == []
    click(qtbot, page.undo_button)
    click(qtbot, page.undo_button)
    assert titles(page) == [expected]


def test_second_odi_shows_the_change_against_the_important_change(
    qtbot: QtBot, page: DiaryPage, clock: ManualClock
) -> None:
    page.measure_actions[Instrument.ODI].trigger()
    dialog = page.dialog
    for picker in dialog.sections:
        click(qtbot, picker.button(3))
    save(qtbot, dialog)
    clock.advance(14 * 86400)
    page.measure_actions[Instrument.ODI].trigger()
    dialog = page.dialog
    for picker in dialog.sections:
        click(qtbot, picker.button(2))
    assert "20.0 percentage points better" in dialog.result_label.text()
    assert "a clinically important change" in dialog.result_label.text()


def visible_error(dialog: EntryDialog, field: str) -> str:
    message = dialog.errors.label_for(field)
    assert message.isVisibleTo(dialog), f"no message shown at {field}"
    return message.text()


def test_bad_input_is_refused_at_the_field_and_nothing_saved(
    qtbot: QtBot, page: DiaryPage, ui: UiContext
) -> None:
    dialog = open_dialog(qtbot, page, page.pain_button)
    click(qtbot, dialog.save_button)
    assert "how much it hurts" in visible_error(dialog, "intensity")
    click(qtbot, dialog.scale.button(3))
    dialog.when.setDateTime(dialog.when.dateTime().addDays(2))
    click(qtbot, dialog.save_button)
    assert "future" in visible_error(dialog, "recorded_at")
    assert not dialog.errors.label_for("intensity").isVisibleTo(dialog)
    assert dialog.isVisible()
    dialog.reject()

    page.measure_actions[Instrument.PSFS].trigger()
    dialog = page.dialog
    qtbot.keyClicks(dialog.names[0], "Walking")
    click(qtbot, dialog.ratings[0].button(3))
    qtbot.keyClicks(dialog.names[2], "Sitting")
    click(qtbot, dialog.ratings[2].button(3))
    click(qtbot, dialog.save_button)
    assert "3 to 5 activities" in visible_error(dialog, "psfs.activities")
    qtbot.keyClicks(dialog.names[3], "Walking")
    click(qtbot, dialog.ratings[3].button(3))
    click(qtbot, dialog.save_button)
    assert "twice" in visible_error(dialog, "psfs.activity.3")  # the row on screen
    qtbot.keyClicks(dialog.names[4], "Lifting")
    click(qtbot, dialog.save_button)
    assert "rate" in visible_error(dialog, "psfs.rating.4")
    dialog.reject()

    page.measure_actions[Instrument.ODI].trigger()
    dialog = page.dialog
    for picker in dialog.sections[:7]:
        click(qtbot, picker.button(1))
    click(qtbot, dialog.save_button)
    assert "choose a score" in visible_error(dialog, "odi.section.7")
    for picker in dialog.sections[7:]:
        click(qtbot, picker.button(NOT_ANSWERED))
    click(qtbot, dialog.save_button)
    assert "at least 8" in visible_error(dialog, "odi.sections")
    dialog.reject()

    page.open_checkin()
    dialog = page.dialog
    click(qtbot, dialog.worst.button(3))
    click(qtbot, dialog.typical.button(6))
    click(qtbot, dialog.save_button)
    assert "higher than the worst" in visible_error(dialog, "typical_pain")
    dialog.reject()

    today = ui.scope.diary.today()
    assert ui.scope.timeline.items(today - timedelta(days=400), today + timedelta(days=400)) == []


def test_red_flag_shows_the_urgent_advice(
    qtbot: QtBot, page: DiaryPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, ...]] = []
    monkeypatch.setattr(
        "coach.ui.diary.pain_dialog.show_urgent_advice",
        lambda parent, keys: shown.append(tuple(keys)),
    )
    dialog = open_dialog(qtbot, page, page.pain_button)
    assert not dialog.advice.isVisibleTo(dialog)
    tick(qtbot, dialog.flags["saddle_numbness"])
    assert dialog.advice.isVisibleTo(dialog)
    click(qtbot, dialog.scale.button(7))
    save(qtbot, dialog)
    assert shown == [("saddle_numbness",)]
    item = page.model.item(0)
    assert item.red_flag
    assert page.model.data(page.model.index(0, 2)).startswith("⚠")


def test_urgent_advice_box_names_the_flags(qtbot: QtBot) -> None:
    from coach.domain.safety import URGENT_ADVICE
    from coach.ui.diary.urgent import show_urgent_advice

    box = show_urgent_advice(None, ["trauma"])
    qtbot.addWidget(box)
    assert "fall, accident" in box.text() and URGENT_ADVICE in box.text()
    box.close()


def test_timeline_order_filters_and_sessions(
    qtbot: QtBot, page: DiaryPage, ui: UiContext, qtmodeltester: Any
) -> None:
    app = ui.app
    now = app.clock.now()
    today = app.own_patient().diary.today()
    app.own_patient().diary.add_pain(PainEntry(now - timedelta(days=10), 7))
    app.own_patient().diary.add_pain(PainEntry(now - timedelta(hours=3), 5))
    app.own_patient().diary.add_checkin(CheckIn(today - timedelta(days=1), 6, 4))
    app.own_patient().diary.add_treatment(
        Treatment(TreatmentKind.MASSAGE, today - timedelta(days=2))
    )
    app.own_patient().outcomes.record(OutcomeScore(NprsAnswers(4), now - timedelta(hours=1)))
    with app.db.transaction() as conn:
        conn.execute(
            exercise_session.insert().values(
                patient_id=app.own_patient().patient_id,
                uid="a-session",
                started_at=now - timedelta(hours=2),
                ended_at=now - timedelta(hours=2) + timedelta(minutes=12),
                local_day=today,
                timezone="UTC",
                status="completed",
                pain_before=5,
                pain_after=3,
            )
        )
    page.reload()
    assert [i.kind for i in page.model.items()] == [
        EntryKind.OUTCOME,
        EntryKind.SESSION,
        EntryKind.PAIN,
        EntryKind.CHECKIN,
        EntryKind.TREATMENT,
        EntryKind.PAIN,
    ]
    qtmodeltester.check(page.model)
    session_row = 1
    rect = page.table.visualRect(page.model.index(session_row, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    assert "12 min" in page.model.item(session_row).detail

    click(qtbot, page.kind_buttons[EntryKind.PAIN])
    assert EntryKind.PAIN not in {i.kind for i in page.model.items()}
    assert page.kind_buttons[EntryKind.PAIN].text() == "Pain"
    click(qtbot, page.kind_buttons[EntryKind.PAIN])
    for kind in (EntryKind.CHECKIN, EntryKind.SESSION, EntryKind.TREATMENT, EntryKind.OUTCOME):
        click(qtbot, page.kind_buttons[kind])
    assert [i.kind for i in page.model.items()] == [EntryKind.PAIN, EntryKind.PAIN]

    page.range.setCurrentIndex(0)
    page.range.activated.emit(0)  # "Last 7 days"
    assert [i.title for i in page.model.items()] == ["Pain 5 of 10"]
    page.set_dates(today - timedelta(days=12), today - timedelta(days=5))
    assert [i.title for i in page.model.items()] == ["Pain 7 of 10"]
    page.set_dates(today, today - timedelta(days=1))
    assert page.views.currentIndex() == 1 and "first date is after" in page.empty.text()


def test_evening_checkin_card(qtbot: QtBot, ui: UiContext, clock: ManualClock) -> None:
    today_page = TodayPage(ui)
    qtbot.addWidget(today_page)
    today_page.show()
    card = today_page.checkin
    assert not card.isVisible()  # 15:30: not evening yet
    clock.set_now(datetime(2026, 3, 11, 19, 0, tzinfo=UTC))
    today_page.tick()  # the page's minute timer
    assert card.isVisible()
    click(qtbot, card.button)
    dialog = card.dialog
    assert dialog is not None
    click(qtbot, dialog.worst.button(5))
    click(qtbot, dialog.typical.button(3))
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.save_button)
    assert not card.isVisible()
    assert ui.scope.diary.checkin_on(ui.scope.diary.today()) is not None
