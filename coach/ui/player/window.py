"""The session player window: pre-session check, the running session, questions, summary.

Timing lives in coach.domain.session_engine. A Pacer calls `tick()` every 30 ms and at each
step's deadline; a tick asks the engine what happened since the last one, plays the cues it
hands over and repaints. It never counts ticks, so a busy GUI thread makes the picture late,
never the session. Each key press calls the engine and then `tick()` at once, so the screen
answers without waiting for the timer.

Logging follows the engine's reports: every exercise is written the moment it is reported (done,
partly done or skipped: what was actually done, SessionService.log_exercise, its own
transaction); an exercise reopened with Back and ended again rewrites its row. Every write goes
through coach.ui.ops.mutate_for, for the patient the window was opened for: a refused one is
shown, and the record is kept and written again with the next one, so a failed write never loses
the session in progress.

Nothing ends by accident: Stop (or Esc) and Skip exercise on a partly done exercise ask first,
with "Keep going" as the default and the clock paused while asking.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from coach.domain.exercise import Exercise
from coach.domain.session_engine import (
    CueDue,
    Event,
    ExerciseDone,
    ExerciseRecord,
    Outcome,
    PausedAfterGap,
    SessionDone,
    SessionEngine,
    SessionSettings,
    StepKind,
    StepStarted,
)
from coach.domain.symptoms import Response, SymptomRegion
from coach.services.dosage_words import duration
from coach.services.sessions import PlannedSession
from coach.services.settings import GET_READY_S
from coach.ui.context import UiContext
from coach.ui.ops import mutate_for
from coach.ui.player.pacer import Pacer
from coach.ui.player.precheck import PreCheck
from coach.ui.player.questions import (
    CENTRALIZED_PRAISE,
    UNCHANGED_NOTE,
    AfterSession,
    Confirm,
    PeripheralAdvice,
    Summary,
    SymptomQuestion,
)
from coach.ui.player.run_view import RunView
from coach.ui.player.sounds import Cues
from coach.ui.player.summary_words import done_words, summary_lines

if TYPE_CHECKING:
    from coach.services.context import PatientContext

GAP_REASON = "The session paused because the computer was asleep or too busy to keep time."
FEEDBACK_MS = 6000


class PlayerWindow(QWidget):
    """One session of one programme, from the check before it to the summary after it."""

    closed = Signal()

    def __init__(
        self,
        ui: UiContext,
        patient: PatientContext,
        plan: PlannedSession,
        cues: Cues | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ui = ui
        self.patient = patient  # the session is theirs, whoever is opened meanwhile
        self.plan = plan
        app = ui.app
        self.setWindowTitle(f"{plan.programme.name} · Coach")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.cues = cues if cues is not None else Cues(app.settings, self)
        self.engine: SessionEngine | None = None
        self.session_id: int | None = None
        self.levels: dict[SymptomRegion, int] = {}
        self.avoided: set[str] = set()
        self.done_event: SessionDone | None = None
        self.waiting = False  # a question is on screen; the engine is paused for it
        self.paused_reason = ""
        self.records: dict[int, ExerciseRecord] = {}  # by item index: the latest report
        self.log_ids: dict[int, int] = {}  # by item index: its row in the log
        self.unsaved: dict[int, ExerciseRecord] = {}  # reports a refused write left unwritten
        self.confirm: Confirm | None = None
        self._spoken_index = -1
        self._exercises: dict[str, Exercise | None] = {}

        self.stack = QStackedWidget()
        self.precheck = PreCheck(plan, ask_red_flags=not patient.sessions.red_flag_check_done())
        self.precheck.start_requested.connect(self.start_session)
        self.precheck.cancelled.connect(self.close)
        self.run_view = RunView()
        self.run_view.pause_button.clicked.connect(self.toggle_pause)
        self.run_view.next_button.clicked.connect(self.next_step)
        self.run_view.previous_button.clicked.connect(self.previous_step)
        self.run_view.skip_button.clicked.connect(self.skip_exercise)
        self.run_view.stop_button.clicked.connect(self.stop)
        self.finished = False  # the session row is closed
        self.cues.cued.connect(lambda _kind: self.run_view.flash())
        self.question: QWidget | None = None
        self.stack.addWidget(self.precheck)
        self.stack.addWidget(self.run_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.timer = Pacer(self.tick, self)
        self._feedback_off = QTimer(self)
        self._feedback_off.setSingleShot(True)
        self._feedback_off.setInterval(FEEDBACK_MS)
        self._feedback_off.timeout.connect(lambda: self.run_view.show_feedback(""))
        self.resize(1280, 800)

    # -- starting ---------------------------------------------------------------------------

    def start_session(self) -> None:
        """Everything before the session is answered: open the session row and start timing."""
        if self.precheck.blocked() or self.engine is not None:
            return
        app = self.ui.app
        if self.precheck.flags and not mutate_for(
            self.ui, self.patient, self, lambda p: p.sessions.mark_red_flag_check_done()
        ):
            return
        self.levels = self.precheck.symptom_levels()
        pain = self.precheck.pain.value()
        started = mutate_for(
            self.ui,
            self.patient,
            self,
            lambda p: p.sessions.start(self.plan, pain, self.levels),
            fields=self.precheck,
        )
        if started is None:
            return
        self.session_id = started[0]
        self.run_view.show_notice(self.cues.notice)
        self.stack.setCurrentWidget(self.run_view)
        settings = SessionSettings(get_ready_s=float(app.settings.get(GET_READY_S)))
        # Made only now: the engine's clock starts with it, and a late first tick is a stall.
        self.engine = SessionEngine(self.plan.items, app.clock, settings)
        self.setFocus()
        self.tick()
        self.timer.start()

    # -- the timer and the controls --------------------------------------------------------

    def tick(self) -> None:
        if self.engine is None:
            return
        self._pump()
        self._render()
        engine = self.engine
        if self.timer.isActive() and not engine.is_paused and not engine.is_finished:
            self.timer.arm(engine.remaining_seconds_in_step)

    def toggle_pause(self) -> None:
        if not self._controllable():
            return
        assert self.engine is not None
        if self.engine.is_paused:
            self.paused_reason = ""
            self.engine.resume()
        else:
            self.engine.pause()
        self.tick()

    def next_step(self) -> None:
        if self._controllable():
            assert self.engine is not None
            self.engine.next_step()
            self.tick()

    def previous_step(self) -> None:
        if self._controllable():
            assert self.engine is not None
            self.engine.previous_step()
            self.tick()

    def skip_exercise(self) -> None:
        """Skip the rest of the exercise; with part of it done, ask first (that part is kept)."""
        if not self._controllable():
            return
        assert self.engine is not None
        done = self.engine.work_in_progress()
        if done is None:
            self.engine.skip_exercise()
            self.tick()
            return
        self._ask(
            f"Skip the rest of {done.item.name}?",
            f"You have done {done_words(done)}. That is kept; the rest is left out.",
            "Skip the rest",
            self._skip_confirmed,
        )

    def _skip_confirmed(self) -> None:
        assert self.engine is not None
        self.engine.skip_exercise()

    def stop(self) -> None:
        """Ask whether to end the session; what was done is kept either way."""
        if not self._controllable():
            return
        self._ask(
            "Stop the session?",
            "What you have done so far is saved. You can keep going where you were.",
            "Stop the session",
            self._stop_confirmed,
        )

    def _stop_confirmed(self) -> None:
        assert self.engine is not None
        self.engine.stop()

    def _ask(self, heading: str, detail: str, leave: str, then: Callable[[], None]) -> None:
        """Pause and ask; "Keep going" resumes as it was, the other choice runs `then`."""
        engine = self.engine
        assert engine is not None
        was_paused = engine.is_paused
        engine.pause()
        self.waiting = True
        page = Confirm(heading, detail, leave)
        self.confirm = page

        def decided(leave_now: bool) -> None:
            self.confirm = None
            if leave_now:
                then()
            self._back_to_run(resume=not was_paused)

        page.decided.connect(decided)
        self._show(page)
        page.keep_button.setFocus()

    def _controllable(self) -> bool:
        return self.engine is not None and not self.engine.is_finished and not self.waiting

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.stack.currentWidget() is not self.run_view:
            super().keyPressEvent(event)
            return
        actions = {
            Qt.Key.Key_Space: self.toggle_pause,
            Qt.Key.Key_Right: self.next_step,
            Qt.Key.Key_Left: self.previous_step,
            Qt.Key.Key_S: self.skip_exercise,
            Qt.Key.Key_Escape: self.stop,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    # -- what the engine reports ------------------------------------------------------------

    def _pump(self) -> None:
        assert self.engine is not None
        events = self.engine.tick()
        while True:
            for event in events:
                self._handle(event)
            if not self._skip_avoided():
                break
            events = self.engine.tick()
        self._speak_step()
        if self.done_event is not None and not self.waiting:
            self._after_run()

    def _handle(self, event: Event) -> None:
        if isinstance(event, CueDue):
            self.cues.play(event.kind)
        elif isinstance(event, ExerciseDone):
            self._exercise_done(event.record)
        elif isinstance(event, PausedAfterGap):
            self.paused_reason = GAP_REASON
        elif isinstance(event, SessionDone):
            self.timer.stop()
            self.done_event = event
        elif isinstance(event, StepStarted):
            self.paused_reason = ""

    def _skip_avoided(self) -> bool:
        """Skip an exercise the patient chose to leave out after it spread their symptoms."""
        engine = self.engine
        assert engine is not None
        if engine.is_finished or self.waiting:
            return False
        if engine.items[engine.current_step.item_index].exercise_id not in self.avoided:
            return False
        engine.skip_exercise()
        return True

    def _exercise_done(self, record: ExerciseRecord) -> None:
        index = record.item_index
        first_report = index not in self.records
        self.records[index] = record
        log_id = self._log(record)
        region = self.plan.regions[index]
        if (
            log_id is not None
            and record.outcome == Outcome.DONE
            and region is not None
            and region in self.levels
            and (first_report or not self.patient.sessions.has_symptoms(log_id))
        ):
            self._ask_symptoms(log_id, record, region)

    def _log(self, record: ExerciseRecord) -> int | None:
        """Write one report (and any a refused write left behind); None if it was refused."""
        assert self.session_id is not None
        self.unsaved[record.item_index] = record
        for index, waiting in sorted(self.unsaved.items()):  # a copy: _write takes from it
            if not self._write(waiting, self.log_ids.get(index)):
                return None  # kept in `unsaved`; tried again with the next one and at the end
        return self.log_ids.get(record.item_index)

    def _write(self, record: ExerciseRecord, replaces: int | None) -> bool:
        session_id = self.session_id
        assert session_id is not None
        written = mutate_for(
            self.ui,
            self.patient,
            self,
            lambda p: p.sessions.log_exercise(session_id, record, replaces=replaces),
            title="This exercise could not be saved yet",
        )
        if written is None:
            return False
        self.log_ids[record.item_index] = written[0]
        del self.unsaved[record.item_index]
        return True

    def _speak_step(self) -> None:
        engine = self.engine
        assert engine is not None
        step = engine.current_step
        if step.index == self._spoken_index or engine.is_paused:
            return
        self._spoken_index = step.index
        name = engine.items[step.item_index].name
        words = {
            StepKind.GET_READY: f"Get ready: {name}",
            StepKind.NEXT_EXERCISE: f"Next: {name}",
            StepKind.HOLD: "Hold",
            StepKind.RETURN: "Relax",
            StepKind.REST: "Rest",
            StepKind.SWITCH_SIDE: step.title,
            StepKind.DONE: "Well done",
        }
        self.cues.say(words.get(step.kind, ""))

    # -- questions --------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        if self.question is not None:
            self.stack.removeWidget(self.question)
            self.question.deleteLater()
        self.question = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _back_to_run(self, resume: bool = True) -> None:
        self.waiting = False
        self.stack.setCurrentWidget(self.run_view)
        if self.question is not None:
            self.stack.removeWidget(self.question)
            self.question.deleteLater()
            self.question = None
        self.setFocus()
        if resume and self.engine is not None and not self.engine.is_finished:
            self.engine.resume()
        self.tick()

    def _ask_symptoms(self, log_id: int, record: ExerciseRecord, region: SymptomRegion) -> None:
        assert self.engine is not None
        self.engine.pause()
        self.waiting = True
        before = self.levels[region]
        page = SymptomQuestion(record.item.name, region, before)
        page.answered.connect(
            lambda level: self._symptoms_answered(log_id, record, region, before, level)
        )
        self._show(page)

    def _symptoms_answered(
        self, log_id: int, record: ExerciseRecord, region: SymptomRegion, before: int, after: int
    ) -> None:
        answered = mutate_for(
            self.ui,
            self.patient,
            self,
            lambda p: p.sessions.record_symptoms(log_id, region, before, after),
        )
        if answered is None:
            return  # the question stays on screen to be answered again
        found = answered[0]
        self.levels[region] = after
        if found == Response.PERIPHERALIZED:
            later = any(
                item.exercise_id == record.item.exercise_id
                for item in self.plan.items[record.item_index + 1 :]
            )
            page = PeripheralAdvice(record.item.name, later)
            page.skip_chosen.connect(lambda: self._leave_out(record.item.exercise_id))
            page.end_chosen.connect(self._end_after_advice)
            self._show(page)
            return
        praise = CENTRALIZED_PRAISE if found == Response.CENTRALIZED else UNCHANGED_NOTE
        self.run_view.show_feedback(praise)
        self._feedback_off.start()
        self._back_to_run()

    def _leave_out(self, exercise_id: str) -> None:
        self.avoided.add(exercise_id)
        self._back_to_run()

    def _end_after_advice(self) -> None:
        self.waiting = False
        if self.engine is not None and not self.engine.is_finished:
            self.engine.stop()
        self.tick()

    # -- after the session ------------------------------------------------------------------

    def _after_run(self) -> None:
        done = self.done_event
        assert done is not None
        if isinstance(self.question, AfterSession | Summary):
            return
        page = AfterSession(self._heading(well_done="Well done!"))
        page.saved.connect(self._save_after)
        self.waiting = True
        self._show(page)

    def _heading(self, well_done: str) -> str:
        """Praise only a session done in full; a stopped or partly done one says so."""
        assert self.done_event is not None
        if self.done_event.stopped:
            return "Session stopped"
        if len(self.records) == len(self.plan.items) and all(
            r.outcome == Outcome.DONE for r in self.records.values()
        ):
            return well_done
        return "Session finished"

    def _save_after(self) -> None:
        page = self.question
        assert isinstance(page, AfterSession) and self.session_id is not None
        if self.unsaved and self._log(next(iter(self.unsaved.values()))) is None:
            return  # still refused: shown, and Save can be pressed again
        if self._finish(page.pain.value(), page.effort_value(), page.note_text(), page):
            self._show_summary()

    def _finish(
        self,
        pain: int | None = None,
        effort: str | None = None,
        note: str = "",
        fields: AfterSession | None = None,
    ) -> bool:
        assert self.session_id is not None and self.engine is not None
        session_id, stopped = self.session_id, self.done_event is None or self.done_event.stopped
        finished = mutate_for(
            self.ui,
            self.patient,
            self,
            lambda p: p.sessions.finish(
                session_id, stopped=stopped, pain_after=pain, effort=effort, note=note
            ),
            fields=fields,
        )
        self.finished = finished is not None
        return self.finished

    def summary_lines(self) -> list[str]:
        patient = self.patient
        session = patient.sessions.session(self.session_id) if self.session_id else None
        seconds = None
        if session is not None and session.ended_at is not None:
            seconds = (session.ended_at - session.started_at).total_seconds()
        day = patient.sessions.today()
        return summary_lines(
            [self.records[i] for i in sorted(self.records)],
            len(self.plan.items),
            None if seconds is None else duration(round(seconds)),
            patient.progress.adherence(day, day),
        )

    def _show_summary(self) -> None:
        page = Summary(self._heading(well_done="Session complete"), self.summary_lines())
        page.closed.connect(self.close)
        self._show(page)
        page.close_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-session keeps what was done, the exercise under way included."""
        self.timer.stop()
        if self.session_id is not None and not self.finished and self.engine is not None:
            if not self.engine.is_finished:
                self.engine.stop()
                for item in self.engine.tick():
                    if isinstance(item, ExerciseDone):
                        self.records[item.record.item_index] = item.record
                        self._log(item.record)
            elif self.unsaved:
                self._log(next(iter(self.unsaved.values())))
            self._finish()
        self.closed.emit()
        super().closeEvent(event)

    # -- drawing ----------------------------------------------------------------------------

    def _exercise(self, exercise_id: str) -> Exercise | None:
        if exercise_id not in self._exercises:
            self._exercises[exercise_id] = self.ui.app.exercises.get(exercise_id)
        return self._exercises[exercise_id]

    def _render(self) -> None:
        engine = self.engine
        if engine is None or self.stack.currentWidget() is not self.run_view:
            return
        step = engine.current_step
        item = engine.items[step.item_index]
        self.run_view.show_exercise(
            self._exercise(item.exercise_id),
            item.name,
            f"Exercise {step.item_index + 1} of {len(engine.items)}",
        )
        seconds_left = math.ceil(engine.remaining_seconds_in_step - 1e-6)
        self.run_view.show_step(
            step,
            engine.seconds_into_step,
            seconds_left,
            engine.progress,
            paused=engine.is_paused,
            paused_reason=self.paused_reason,
        )
