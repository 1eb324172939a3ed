"""The session player driven like a patient: keys and clicks on a fake clock, checked against
exactly the rows it leaves in the log."""

from __future__ import annotations

import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coach.domain.clock import ManualClock
from coach.domain.dosage import Dosage
from coach.domain.programme import Programme, ProgrammeItem
from coach.domain.session_engine import CueKind, StepKind
from coach.services.context import AppContext
from coach.services.settings import GET_READY_S, SESSION_SOUND, SESSION_VOICE
from coach.store.schema import exercise_log, exercise_session, symptom_response
from coach.ui.context import UiContext
from coach.ui.player.questions import (
    AfterSession,
    KeepPartial,
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


@pytest.fixture
def quiet(patient: AppContext) -> AppContext:
    """No sound or speech in tests: the player must work on visual cues alone."""
    patient.settings.set(SESSION_SOUND, False)
    patient.settings.set(SESSION_VOICE, False)
    patient.settings.set(GET_READY_S, 3)
    return patient


def make_player(ui: UiContext, qtbot: QtBot, *items: ProgrammeItem) -> PlayerWindow:
    app = ui.app
    programme_id, _ = app.programmes.create(
        Programme(uid="", name="Morning routine", start_date=app.programmes.today(), items=items)
    )
    plan = app.sessions.plan(programme_id)
    assert plan is not None
    player = PlayerWindow(ui, plan)
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


def test_a_whole_programme_by_key_presses_leaves_exactly_the_expected_rows(
    player: PlayerWindow, qtbot: QtBot, clock: ManualClock
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player, pain=5, reach=3)
    assert session_row(app)["status"] == "in_progress"
    assert app.sessions.red_flag_check_done()
    # Let the first hold run its course; Right skips through everything else.
    for _ in range(2):
        press(qtbot, player, Qt.Key.Key_Right)
    assert player.engine is not None and player.engine.current_step.kind == StepKind.HOLD
    clock.advance(2)
    player.tick()
    right_until(qtbot, player, SymptomQuestion)
    # The press-up was logged the moment it ended, before the question.
    assert logs(app) == [("prone-press-up", "done", 1, 2, 1, 2, 1.0)]
    question = player.question
    assert isinstance(question, SymptomQuestion)
    click(qtbot, question.picker.button(2))
    assert player.stack.currentWidget() is player.run_view
    assert player.run_view.feedback.text().startswith("Good sign")
    right_until(qtbot, player, AfterSession)
    after = player.question
    assert isinstance(after, AfterSession)
    click(qtbot, after.pain.button(3))
    click(qtbot, after.effort.button(0))
    qtbot.keyClicks(after.note, "Easier than yesterday")
    click(qtbot, after.save_button)
    summary = player.question
    assert isinstance(summary, Summary)
    texts = [line.text() for line in summary.lines]
    assert "Exercises done: 2 of 2" in texts
    assert any(text.startswith("Today's adherence: 67 % (2 of 3 sessions done)") for text in texts)

    assert logs(app) == [
        ("prone-press-up", "done", 1, 2, 1, 2, 1.0),
        ("bridge", "done", 2, 2, 2, 4, 0.0),
    ]
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


def test_stopping_halfway_keeps_the_finished_exercises(player: PlayerWindow, qtbot: QtBot) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    right_until(qtbot, player, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    for _ in range(4):  # next-exercise pause, one whole repetition, into the second
        press(qtbot, player, Qt.Key.Key_Right)
    assert player.engine is not None
    assert player.engine.current_step.label == "Rep 2 of 2 · Set 1 of 2"
    press(qtbot, player, Qt.Key.Key_Escape)
    keep = player.question
    assert isinstance(keep, KeepPartial)
    assert keep.keep_button.text() == "Yes, save 1 repetition"
    click(qtbot, keep.drop_button)
    after = player.question
    assert isinstance(after, AfterSession)
    click(qtbot, after.save_button)
    assert logs(app) == [("prone-press-up", "done", 1, 2, 1, 2, 0.0)]
    assert session_row(app)["status"] == "stopped"


def test_stopping_before_any_repetition_asks_nothing(player: PlayerWindow, qtbot: QtBot) -> None:
    answer_precheck(qtbot, player)
    press(qtbot, player, Qt.Key.Key_Right)  # into the first move: nothing done yet
    press(qtbot, player, Qt.Key.Key_Escape)
    assert isinstance(player.question, AfterSession)
    assert logs(player.ui.app) == []


def test_a_kept_partial_exercise_is_logged_as_partial(player: PlayerWindow, qtbot: QtBot) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    right_until(qtbot, player, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    for _ in range(5):  # next-exercise pause and one whole repetition of the bridge
        press(qtbot, player, Qt.Key.Key_Right)
    press(qtbot, player, Qt.Key.Key_Escape)
    assert isinstance(player.question, KeepPartial)
    click(qtbot, player.question.keep_button)
    assert [row[:2] + row[4:6] for row in logs(app)] == [
        ("prone-press-up", "done", 1, 2),
        ("bridge", "partial", 0, 1),
    ]


def test_peripheralization_is_recorded_and_the_advice_shown(
    player: PlayerWindow, qtbot: QtBot
) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player, reach=2)
    right_until(qtbot, player, SymptomQuestion)
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
    quiet: AppContext, ui: UiContext, qtbot: QtBot
) -> None:
    player = make_player(ui, qtbot, PRESS_UP, BRIDGE, PRESS_UP)
    answer_precheck(qtbot, player, reach=1)
    right_until(qtbot, player, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    assert isinstance(player.question, PeripheralAdvice)
    click(qtbot, player.question.skip_button)
    right_until(qtbot, player, AfterSession)
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
    assert not player.ui.app.sessions.red_flag_check_done()


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


def test_the_skip_button_logs_a_skipped_exercise(player: PlayerWindow, qtbot: QtBot) -> None:
    answer_precheck(qtbot, player)
    click(qtbot, player.run_view.skip_button)
    assert logs(player.ui.app)[0][:2] == ("prone-press-up", "skipped")
    assert player.engine is not None
    assert player.run_view.name.text() == "Bridge"


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


def test_closing_mid_session_keeps_what_was_done(player: PlayerWindow, qtbot: QtBot) -> None:
    app = player.ui.app
    answer_precheck(qtbot, player)
    right_until(qtbot, player, SymptomQuestion)
    assert isinstance(player.question, SymptomQuestion)
    click(qtbot, player.question.picker.button(3))
    for _ in range(5):
        press(qtbot, player, Qt.Key.Key_Right)
    player.close()
    assert [row[:2] for row in logs(app)] == [("prone-press-up", "done"), ("bridge", "partial")]
    assert session_row(app)["status"] == "stopped"
