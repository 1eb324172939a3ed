"""The session player driven like a patient: keys and clicks on a fake clock, checked against
exactly the rows it leaves in the log and the adherence figure they make.

What is logged is what was done: time runs on the ManualClock through `run_for`, and keys that
skip work leave it out of the rows."""

from __future__ import annotations

import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage, Sides
from coach.domain.errors import UserError
from coach.domain.profile import ValidationError
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.session_engine import CueKind, StepKind
from coach.services.context import AppContext
from coach.services.settings import GET_READY_S, SESSION_SOUND, SESSION_VOICE
from coach.store.schema import exercise_log, exercise_session, symptom_response
from coach.ui.context import UiContext
from coach.ui.player.questions import (
    AfterSession,
    Confirm,
    PeripheralAdvice,
    Summary,
    SymptomQuestion,
)
from coach.ui.player.sounds import Cues, ensure_wavs
from coach.ui.player.window import GAP_REASON, PlayerWindow

PRESS_UP = ProgrammeItem(
    "prone-press-up", Dosage(sets=1, reps=2, hold_s=2, move_s=1, return_s=1, times_per_day=2)
)
BRIDGE = ProgrammeItem("bridge", Dosage(sets=2, reps=2, hold_s=1, rest_s=5, move_s=1, return_s=1))
# A static hold: no move or come-back steps, a countdown over a minute.
LYING = ProgrammeItem("prone-lying", Dosage(sets=1, reps=1, hold_s=120))
SIDE_PLANK = ProgrammeItem(
    "side-plank-knees",
    Dosage(sets=1, reps=1, hold_s=3, move_s=1, return_s=1, sides=Sides.BOTH),
)


@pytest.fixture
def quiet(patient: AppContext) -> AppContext:
    """No sound or speech in tests: the player must work on visual cues alone."""
    patient.settings.set(SESSION_SOUND, False)
    patient.settings.set(SESSION_VOICE, False)
    patient.settings.set(GET_READY_S, 3)
    return patient


def make_player(ui: UiContext, qtbot: QtBot, *items: ProgrammeItem) -> PlayerWindow:
    patient = ui.scope
    programme_id, _ = patient.programmes.create(
        Programme(
            uid="", name="Morning routine", start_date=patient.programmes.today(), items=items
        )
    )
    plan = patient.sessions.plan(programme_id)
    assert plan is not None
    player = PlayerWindow(ui, patient, plan)
    qtbot.addWidget(player)
    player.show()
    qtbot.waitExposed(player)
    return player


@pytest.fixture
def player(quiet: AppContext, ui: UiContext, qtbot: QtBot) -> Iterator[PlayerWindow]:
    made = make_player(ui, qtbot, PRESS_UP, BRIDGE)
    yield made
    made.timer.stop()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick_box(qtbot: QtBot, box: QWidget) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(10, box.height() // 2))


def answer_precheck(qtbot: QtBot, player: PlayerWindow, pain: int = 4, reach: int = 3) -> None:
    check = player.precheck
    if check.flags:
        click(qtbot, check.none_button)
    click(qtbot, check.pain.button(pain))
    for picker in check.symptoms.values():
        click(qtbot, picker.button(reach))
    assert check.start_button.isEnabled(), check.hint.text()
    click(qtbot, check.start_button)
    assert player.stack.currentWidget() is player.run_view


def press(qtbot: QtBot, player: PlayerWindow, key: Qt.Key) -> None:
    qtbot.keyClick(player, key)


def right_until(qtbot: QtBot, player: PlayerWindow, stop: type[QWidget] | None) -> None:
    """Press Right until a question of type `stop` is on screen (or the run view is left)."""
    for _ in range(200):
        current = player.stack.currentWidget()
        if stop is not None and isinstance(current, stop):
            return
        if current is not player.run_view:
            break
        press(qtbot, player, Qt.Key.Key_Right)
    assert stop is None or isinstance(player.stack.currentWidget(), stop)


def logs(app: AppContext) -> list[tuple[str, str, int, int, int, int, float]]:
    with app.db.read() as conn:
        rows = conn.execute(select(exercise_log).order_by(exercise_log.c.id)).mappings().all()
    return [
        (
            r["exercise_id"],
            r["status"],
            r["planned_sets"],
            r["planned_reps"],
            r["done_sets"],
            r["done_reps"],
            r["done_hold_s"],
        )
        for r in rows
    ]


def session_row(app: AppContext) -> dict[str, object]:
    with app.db.read() as conn:
        return dict(conn.execute(select(exercise_session)).mappings().one())


def run_for(player: PlayerWindow, clock: ManualClock, seconds: float) -> None:
    """Let time pass in quarter seconds, the player looking at the clock each time."""
    while seconds > 1e-9:
        step = min(0.25, seconds)
        clock.advance(step)
        seconds -= step
        player.tick()


def run_until(player: PlayerWindow, clock: ManualClock, page: type[QWidget]) -> QWidget:
    """Let the session run on its own until `page` is on screen."""
    for _ in range(2000):
        if isinstance(player.stack.currentWidget(), page):
            return player.stack.currentWidget()
        run_for(player, clock, 0.25)
    raise AssertionError(f"{page.__name__} never came")


def refuse_once(
    monkeypatch: pytest.MonkeyPatch, service: object, method: str, error: UserError
) -> None:
    """The service refuses its next call with `error` (a full disk, say), then works again."""
    real = getattr(service, method)
    refusals = [error]

    def flaky(*args: object, **kwargs: object) -> object:
        if refusals:
            raise refusals.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(service, method, flaky)


def adherence_today(app: AppContext) -> float:
    day = app.own_patient().sessions.today()
    figure = app.own_patient().progress.adherence(day, day)
    assert figure is not None
    return figure.fraction


def save_after(qtbot: QtBot, player: PlayerWindow) -> Summary:
    after = player.question
    assert isinstance(after, AfterSession)
    click(qtbot, after.save_button)
    summary = player.question
    assert isinstance(summary, Summary)
    return summary


def summary_texts(summary: Summary) -> list[str]:
    return [line.text() for line in summary.lines]


def test_a_session_done_in_full_is_logged_done(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player, pain=5, reach=3)
    assert session_row(app)["status"] == "in_progress"
    assert app.own_patient().sessions.red_flag_check_done()
    question = run_until(player, clock, SymptomQuestion)
    # The press-up was logged the moment it ended, before the question.
    assert logs(app) == [("prone-press-up", "done", 1, 2, 1, 2, 2.0)]
    assert isinstance(question, SymptomQuestion)
    click(qtbot, question.picker.button(2))
    assert player.run_view.feedback.text().startswith("Good sign")
    after = run_until(player, clock, AfterSession)
    assert isinstance(after, AfterSession)
    assert after.heading.text() == "Well done!"
    click(qtbot, after.pain.button(3))
    click(qtbot, after.effort.button(0))
    qtbot.keyClicks(after.note, "Easier than yesterday")
    summary = save_after(qtbot, player)
    texts = summary_texts(summary)
    assert "Exercises done: 2 of 2" in texts
    assert "Today so far: 2 of 3 sessions done (67 %)" in texts
    assert logs(app) == [
        ("prone-press-up", "done", 1, 2, 1, 2, 2.0),
        ("bridge", "done", 2, 2, 2, 4, 1.0),
    ]
    assert adherence_today(app) == pytest.approx(2 / 3)
    stored = session_row(app)
    assert (stored["status"], stored["pain_before"], stored["pain_after"]) == ("completed", 5, 3)
    assert (stored["symptom_region"], stored["symptoms_before"]) == ("lumbar", 3)
    assert (stored["effort"], stored["note"]) == ("easier", "Easier than yesterday")
    with app.db.read() as conn:
        [response] = conn.execute(select(symptom_response)).mappings().all()
    assert (response["level_before"], response["level_after"], response["response"]) == (
        3,
        2,
        "centralized",
    )
    click(qtbot, summary.close_button)
    assert not player.isVisible()


def test_pressing_right_through_a_session_logs_nothing_done(
    player: PlayerWindow, qtbot: QtBot
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    right_until(qtbot, player, AfterSession)
    after = player.question
    assert isinstance(after, AfterSession)
    assert after.heading.text() == "Session finished"
    summary = save_after(qtbot, player)
    assert logs(app) == [
        ("prone-press-up", "skipped", 1, 2, 0, 0, 0.0),
        ("bridge", "skipped", 2, 2, 0, 0, 0.0),
    ]
    texts = summary_texts(summary)
    assert "Exercises done: 0 of 2" in texts
    assert "   • Bridge: skipped" in texts
    assert "Today so far: 0 of 3 sessions done (0 %)" in texts
    assert adherence_today(app) == 0
    assert session_row(app)["status"] == "completed"


def test_a_hold_cut_short_is_logged_with_the_seconds_held(
    quiet: AppContext, ui: UiContext, qtbot: QtBot, clock: ManualClock
) -> None:
    player = make_player(ui, qtbot, LYING)
    answer_precheck(qtbot, player)
    engine = player.engine
    assert engine is not None
    assert [s.kind for s in engine.steps] == [StepKind.GET_READY, StepKind.HOLD, StepKind.DONE]
    assert player.run_view.coming.text() == "Next: Hold 2:00"
    run_for(player, clock, 3 + 6)
    view = player.run_view
    assert (view.band.text(), view.countdown.text()) == ("Hold", "1:54")
    assert not view.teach.isVisible()
    run_for(player, clock, 9)
    press(qtbot, player, Qt.Key.Key_Right)  # 15 s into the 2-minute hold
    assert logs(quiet) == [("prone-lying", "partial", 1, 1, 0, 1, 15.0)]
    assert not isinstance(player.question, SymptomQuestion)  # asked only after work done
    summary = save_after(qtbot, player)
    texts = summary_texts(summary)
    assert "   • Lying face down: partly done (15 seconds of 2 minutes held)" in texts
    assert "Exercises done: 0 of 1, 1 partly" in texts
    assert adherence_today(quiet) == pytest.approx(15 / 120)
    player.timer.stop()


def test_skip_after_the_left_side_asks_and_keeps_the_left_side(
    quiet: AppContext, ui: UiContext, qtbot: QtBot, clock: ManualClock
) -> None:
    player = make_player(ui, qtbot, SIDE_PLANK)
    answer_precheck(qtbot, player)
    engine = player.engine
    assert engine is not None
    run_for(player, clock, 3 + 5)
    assert engine.current_step.kind == StepKind.SWITCH_SIDE
    press(qtbot, player, Qt.Key.Key_S)
    confirm = player.question
    assert isinstance(confirm, Confirm)
    assert confirm.detail.text().startswith(
        "You have done 1 of 2 repetitions, 3 seconds of 6 seconds held."
    )
    assert engine.is_paused
    assert confirm.keep_button.hasFocus() or not player.isActiveWindow()
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)  # Esc keeps going
    assert player.stack.currentWidget() is player.run_view
    assert not engine.is_paused
    assert engine.current_step.kind == StepKind.SWITCH_SIDE
    assert logs(quiet) == []
    click(qtbot, player.run_view.skip_button)
    confirm = player.question
    assert isinstance(confirm, Confirm)
    click(qtbot, confirm.leave_button)
    assert logs(quiet) == [("side-plank-knees", "partial", 1, 1, 0, 1, 3.0)]
    assert adherence_today(quiet) == pytest.approx(0.5)
    save_after(qtbot, player)
    player.timer.stop()


def test_skip_with_nothing_done_skips_without_asking(player: PlayerWindow, qtbot: QtBot) -> None:
    answer_precheck(qtbot, player)
    click(qtbot, player.run_view.skip_button)
    assert player.stack.currentWidget() is player.run_view
    assert logs(player.ui.app)[0][:2] == ("prone-press-up", "skipped")
    assert player.run_view.name.text() == "Bridge"
    assert adherence_today(player.ui.app) == 0


def test_stop_asks_first_with_the_clock_paused_and_keep_going_the_default(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    engine = player.engine
    assert engine is not None
    run_for(player, clock, 1)
    left = engine.remaining_seconds_in_step
    press(qtbot, player, Qt.Key.Key_Escape)  # a stray key during "Get ready"
    confirm = player.question
    assert isinstance(confirm, Confirm)
    assert confirm.keep_button.isDefault()
    run_for(player, clock, 30)
    assert engine.remaining_seconds_in_step == pytest.approx(left)
    qtbot.keyClick(confirm, Qt.Key.Key_Return)  # Enter picks the default: keep going
    assert player.stack.currentWidget() is player.run_view
    assert engine.current_step.kind == StepKind.GET_READY
    assert not engine.is_paused and not engine.is_finished
    click(qtbot, player.run_view.stop_button)
    confirm = player.question
    assert isinstance(confirm, Confirm)
    click(qtbot, confirm.leave_button)
    save_after(qtbot, player)
    assert logs(app) == []
    assert session_row(app)["status"] == "stopped"


def test_stopping_mid_exercise_logs_the_work_done(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    run_for(player, clock, 3 + 4 + 2)  # get ready, one press-up, 1 s into the second hold
    assert player.engine is not None
    assert player.engine.current_step.kind == StepKind.HOLD
    press(qtbot, player, Qt.Key.Key_Escape)
    confirm = player.question
    assert isinstance(confirm, Confirm)
    click(qtbot, confirm.leave_button)
    summary = save_after(qtbot, player)
    # One hold of 2 s and half of the second: 3 of the 4 seconds held.
    assert logs(app) == [("prone-press-up", "partial", 1, 2, 0, 2, 1.5)]
    assert adherence_today(app) == pytest.approx(0.75 / 3)
    assert "Today so far: 0 of 3 sessions done, 1 partly (25 %)" in summary_texts(summary)
    assert session_row(app)["status"] == "stopped"


def test_back_across_an_exercise_reopens_it_and_rewrites_its_row(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    click(qtbot, player.run_view.skip_button)  # by accident, in "Get ready"
    assert [row[:2] for row in logs(app)] == [("prone-press-up", "skipped")]
    assert player.run_view.name.text() == "Bridge"
    press(qtbot, player, Qt.Key.Key_Left)
    assert player.run_view.name.text() == "Press-up lying face down"
    assert player.engine is not None
    assert player.engine.current_step.kind == StepKind.GET_READY
    question = run_until(player, clock, SymptomQuestion)
    assert logs(app) == [("prone-press-up", "done", 1, 2, 1, 2, 2.0)]  # the same row, rewritten
    assert adherence_today(app) == pytest.approx(1 / 3)  # one of the press-up's two, no bridge
    assert isinstance(question, SymptomQuestion)
    click(qtbot, question.picker.button(3))
    assert player.run_view.name.text() == "Bridge"


def test_a_refused_write_is_shown_and_the_session_carries_on(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = player.ui.app
    refuse_once(
        monkeypatch, app.own_patient().sessions, "log_exercise", UserError("The disk is full.")
    )
    answer_precheck(qtbot, player)
    click(qtbot, player.run_view.skip_button)  # its write is refused
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("The disk is full." in box.text() for box in boxes)
    for box in boxes:
        box.close()
    assert logs(app) == []
    assert player.stack.currentWidget() is player.run_view
    assert player.run_view.name.text() == "Bridge"
    right_until(qtbot, player, AfterSession)
    save_after(qtbot, player)
    assert [row[:2] for row in logs(app)] == [
        ("prone-press-up", "skipped"),
        ("bridge", "skipped"),
    ]


def test_the_player_teaches_while_getting_ready_and_when_paused(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    answer_precheck(qtbot, player)
    view = player.run_view
    assert view.teaching and view.teach.isVisible()
    steps, cautions, stops = view.teach.texts()
    assert steps.startswith("1. Lie face down with your hands flat under your shoulders.")
    assert cautions.startswith("Take care:\n• Start and finish")
    assert stops.startswith("When to stop:\n• Stop and contact your therapist")
    assert view.teach.pixel_size >= 18
    assert view.coming.text() == "Next: Rep 1 of 2"
    run_for(player, clock, 3)
    assert view.band.text() == "Move"
    assert not view.teach.isVisible()
    press(qtbot, player, Qt.Key.Key_Space)
    assert view.band.text() == "Paused" and view.teach.isVisible()
    press(qtbot, player, Qt.Key.Key_Space)
    assert not view.teach.isVisible()


def test_every_button_has_an_accessible_name(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    def unnamed() -> list[str]:
        page = player.stack.currentWidget()
        return [b.text() for b in page.findChildren(QAbstractButton) if not b.accessibleName()]

    assert unnamed() == []
    answer_precheck(qtbot, player)
    assert unnamed() == []
    press(qtbot, player, Qt.Key.Key_Escape)
    assert isinstance(player.question, Confirm)
    assert unnamed() == []
    click(qtbot, player.question.leave_button)
    assert unnamed() == []
    save_after(qtbot, player)
    assert unnamed() == []


def test_peripheralization_is_recorded_and_the_advice_shown(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player, reach=2)
    run_until(player, clock, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(4))  # below the knee: farther than the buttock
    advice = player.question
    assert isinstance(advice, PeripheralAdvice)
    assert advice.isVisible()
    with app.db.read() as conn:
        [response] = conn.execute(select(symptom_response)).mappings().all()
    assert response["response"] == "peripheralized"
    click(qtbot, advice.end_button)
    after = player.question
    assert isinstance(after, AfterSession)
    click(qtbot, after.save_button)
    assert [row[:2] for row in logs(app)] == [("prone-press-up", "done")]
    assert session_row(app)["status"] == "stopped"


def test_leaving_out_a_peripheralizing_exercise_skips_its_later_turns(
    quiet: AppContext, ui: UiContext, qtbot: QtBot, clock: ManualClock
) -> None:
    player = make_player(ui, qtbot, PRESS_UP, BRIDGE, PRESS_UP)
    answer_precheck(qtbot, player, reach=1)
    run_until(player, clock, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    assert isinstance(player.question, PeripheralAdvice)
    click(qtbot, player.question.skip_button)
    run_until(player, clock, AfterSession)
    assert [row[:2] for row in logs(quiet)] == [
        ("prone-press-up", "done"),
        ("bridge", "done"),
        ("prone-press-up", "skipped"),
    ]
    player.timer.stop()


def test_a_red_flag_blocks_the_start(player: PlayerWindow, qtbot: QtBot) -> None:
    check = player.precheck
    assert not check.start_button.isEnabled()
    assert "dizziness" not in check.flags  # neck-only flags: no neck exercises here
    tick_box(qtbot, check.flags["progressive_weakness"])
    assert check.flags["progressive_weakness"].isChecked()
    assert check.urgent.isVisible()
    assert "Do not exercise today" in check.urgent.text()
    assert not check.none_button.isEnabled()
    click(qtbot, check.pain.button(3))
    click(qtbot, check.symptoms[next(iter(check.symptoms))].button(2))
    assert not check.start_button.isEnabled()
    player.start_session()  # even called directly, it does not start
    assert player.engine is None
    with player.ui.app.db.read() as conn:
        assert conn.execute(select(exercise_session)).first() is None
    assert not player.ui.scope.sessions.red_flag_check_done()


def test_neck_flags_are_asked_for_neck_exercises_and_the_check_once_a_day(
    quiet: AppContext, ui: UiContext, qtbot: QtBot
) -> None:
    chin = ProgrammeItem("chin-tuck-sitting", Dosage(sets=1, reps=1, hold_s=1))
    first = make_player(ui, qtbot, chin)
    assert "dizziness" in first.precheck.flags
    assert list(first.precheck.symptoms) == ["cervical"]
    answer_precheck(qtbot, first)
    first.close()
    again = make_player(ui, qtbot, chin)
    assert not again.precheck.flags
    assert again.precheck.red_flag_box is None


def test_space_pauses_and_the_deadline_waits(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    answer_precheck(qtbot, player)
    engine = player.engine
    assert engine is not None
    clock.advance(1)
    player.tick()
    left = engine.remaining_seconds_in_step
    press(qtbot, player, Qt.Key.Key_Space)
    assert engine.is_paused
    assert player.run_view.band.text() == "Paused"
    assert player.run_view.pause_button.text() == "Carry on"
    clock.advance(1.5)
    player.tick()
    assert engine.remaining_seconds_in_step == pytest.approx(left)
    press(qtbot, player, Qt.Key.Key_Space)
    assert not engine.is_paused
    assert player.run_view.band.text() == "Get ready"
    clock.advance(0.5)
    player.tick()
    assert engine.remaining_seconds_in_step == pytest.approx(left - 0.5)


def test_right_and_left_move_between_steps(player: PlayerWindow, qtbot: QtBot) -> None:
    answer_precheck(qtbot, player)
    engine = player.engine
    assert engine is not None
    assert engine.current_step.kind == StepKind.GET_READY
    press(qtbot, player, Qt.Key.Key_Right)
    assert engine.current_step.kind == StepKind.MOVE
    assert player.run_view.band.text() == "Move"
    assert player.run_view.detail.text() == "Rep 1 of 2"
    press(qtbot, player, Qt.Key.Key_Right)
    assert engine.current_step.kind == StepKind.HOLD
    assert player.run_view.countdown.text() == "2"
    press(qtbot, player, Qt.Key.Key_Left)
    assert engine.current_step.kind == StepKind.MOVE
    assert player.run_view.name.text() == "Press-up lying face down"


def test_a_long_stall_pauses_with_a_reason(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    answer_precheck(qtbot, player)
    clock.advance(600)  # the laptop slept
    player.tick()
    assert player.engine is not None and player.engine.is_paused
    assert player.run_view.band.text() == "Paused"
    assert player.run_view.coming.text() == GAP_REASON
    assert player.engine.current_step.kind == StepKind.GET_READY


def test_cues_flash_without_sound(player: PlayerWindow, qtbot: QtBot) -> None:
    answer_precheck(qtbot, player)
    with qtbot.waitSignal(player.cues.cued) as blocker:
        press(qtbot, player, Qt.Key.Key_Right)
    assert blocker.args == [CueKind.START.value]
    assert player.run_view._flash_off.isActive()


def test_missing_audio_is_explained_once(
    quiet: AppContext, ui: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet.settings.set(SESSION_SOUND, True)
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    cues = Cues(quiet.settings)
    assert not cues.has_sound
    assert cues.notice.startswith("Sounds are off: Qt's audio support could not load")
    player = make_player(ui, qtbot, BRIDGE)
    answer_precheck(qtbot, player)
    assert player.run_view.notice.isVisible()
    assert "Follow the screen" in player.run_view.notice.text()
    player.timer.stop()


def test_the_cue_sounds_are_distinct_wav_files(tmp_path: Path) -> None:
    files = ensure_wavs(tmp_path)
    assert set(files) == set(CueKind)
    contents = set()
    for path in files.values():
        with wave.open(str(path)) as read:
            assert (read.getnchannels(), read.getsampwidth()) == (1, 2)
            assert 0.03 < read.getnframes() / read.getframerate() < 0.8
            contents.add(read.readframes(read.getnframes()))
    assert len(contents) == len(CueKind)


def test_closing_mid_session_keeps_what_was_done(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    run_until(player, clock, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    run_for(player, clock, 10 + 3)  # the next-exercise pause and one bridge
    player.close()
    assert [row[:2] for row in logs(app)] == [("prone-press-up", "done"), ("bridge", "partial")]
    assert session_row(app)["status"] == "stopped"


def test_a_refused_finish_is_shown_at_its_field_and_can_be_saved_again(
    player: PlayerWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = player.ui.app
    refusal = ValidationError("note", "That note could not be saved.")
    refuse_once(monkeypatch, app.own_patient().sessions, "finish", refusal)
    answer_precheck(qtbot, player)
    right_until(qtbot, player, AfterSession)
    after = player.question
    assert isinstance(after, AfterSession)
    click(qtbot, after.save_button)
    assert player.question is after
    assert after.error.isVisible() and after.error.text() == "That note could not be saved."
    assert session_row(app)["status"] == "in_progress"
    save_after(qtbot, player)
    assert session_row(app)["status"] == "completed"
