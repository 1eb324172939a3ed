"""The guided session's step engine: what to do now, for how long, and what was actually done.

A patient on a mat follows the session without touching anything, so the timing must hold even
when the GUI thread is busy. Qt timers drop ticks under load (3 s behind after 10 s, measured),
so nothing here counts ticks: every step has a deadline on `Clock.monotonic()`, and each step
starts at the previous step's deadline rather than at the tick that noticed it, so lateness never
accumulates into drift. The Qt player calls `tick()` often, draws the state and plays the cues it
is handed; the programme builder calls `estimate_seconds()`, which sums the very same expansion,
so the length it promises is the length the player runs.

A gap between two calls longer than `SessionSettings.stall_s` (the laptop slept, the process was
stopped, the machine stalled) pauses the session at the moment of the last call instead of racing
through the steps the patient never saw; the player shows it paused and the patient resumes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from coach.domain.clock import Clock
from coach.domain.dosage import Dosage, Sides
from coach.domain.exercise import Phase
from coach.domain.profile import ValidationError

# Clock readings are sums of floats; a deadline reached to within this counts as reached.
_EPSILON = 1e-9
# Countdown digits round up, but a reading a hair above a whole second must not show the next.
_COUNTDOWN_SLACK = 1e-6
_TICK_SECONDS = 3


class StepKind(StrEnum):
    GET_READY = "get_ready"
    MOVE = "move"
    HOLD = "hold"
    RETURN = "return"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    NEXT_EXERCISE = "next_exercise"
    DONE = "done"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class CueKind(StrEnum):
    """Which sound (or spoken word) the player should give now."""

    START = "start"  # a repetition starts moving
    HOLD = "hold"
    RELEASE = "release"  # come back from the held position
    REST = "rest"  # rest between sets, or switch side
    DONE = "done"  # an exercise or the session is finished
    TICK = "tick"  # each of the last 3 seconds of a hold or a pause


class Outcome(StrEnum):
    """How an exercise ended; the values match the exercise log's status column."""

    DONE = "done"
    PARTIAL = "partial"  # the session was stopped during it
    SKIPPED = "skipped"


_REP_KINDS = frozenset({StepKind.MOVE, StepKind.HOLD, StepKind.RETURN})
# Steps where the patient waits for the count to run out, so the last seconds are ticked.
_TICKED_KINDS = frozenset(
    {
        StepKind.HOLD,
        StepKind.REST,
        StepKind.GET_READY,
        StepKind.SWITCH_SIDE,
        StepKind.NEXT_EXERCISE,
    }
)
_START_CUES: dict[StepKind, CueKind] = {
    StepKind.MOVE: CueKind.START,
    StepKind.HOLD: CueKind.HOLD,
    StepKind.RETURN: CueKind.RELEASE,
    StepKind.REST: CueKind.REST,
    StepKind.SWITCH_SIDE: CueKind.REST,
    # A next-exercise step begins the moment the previous exercise ends.
    StepKind.NEXT_EXERCISE: CueKind.DONE,
    StepKind.DONE: CueKind.DONE,
}
_PHASES: dict[StepKind, Phase] = {
    StepKind.GET_READY: Phase.READY,
    StepKind.NEXT_EXERCISE: Phase.READY,
    StepKind.MOVE: Phase.MOVE,
    StepKind.HOLD: Phase.HOLD,
    StepKind.RETURN: Phase.RETURN,
    StepKind.REST: Phase.REST,
    StepKind.SWITCH_SIDE: Phase.REST,
    StepKind.DONE: Phase.REST,
}
_REP_TITLES = {StepKind.MOVE: "Move", StepKind.HOLD: "Hold", StepKind.RETURN: "Come back"}


@dataclass(frozen=True)
class SessionItem:
    """One exercise of a session, as the programme prescribes it."""

    key: int | None  # the programme item's row id; None for an exercise outside a programme
    exercise_id: str
    name: str
    dosage: Dosage
    tracks_symptoms: bool = False  # McKenzie: ask where the symptoms reach after it


@dataclass(frozen=True)
class SessionSettings:
    """The user's timing choices; the dosage decides everything else."""

    get_ready_s: float = 5.0  # before the first exercise
    switch_side_s: float = 5.0  # between the sides of a both-sides exercise
    next_exercise_s: float = 10.0  # before each later exercise, to get into its position
    stall_s: float = 2.0  # a longer gap between calls pauses the session

    def __post_init__(self) -> None:
        for name in ("get_ready_s", "switch_side_s", "next_exercise_s"):
            value = getattr(self, name)
            if not 0 <= value <= 120:
                raise ValidationError(name, "Pauses must be between 0 and 120 seconds.")
        if not 0.5 <= self.stall_s <= 60:
            raise ValidationError("stall_s", "The stall limit must be between 0.5 and 60 s.")


@dataclass(frozen=True)
class Step:
    """One timed thing to do. Set, rep and side are only filled in where they mean something."""

    index: int  # position in the session's steps
    kind: StepKind
    duration: float
    offset: float  # planned seconds from the session's start to this step's start
    item_index: int  # the exercise it belongs to (the done step: the last exercise)
    phase: Phase  # which pose of the illustration it shows
    title: str  # the big word: "Hold", "Rest", "Switch to your left side"
    label: str  # the detail line: "Rep 3 of 10 · Set 1 of 2 · Left side"
    coming_next: str  # what follows: the next break during reps, the next rep during a break
    set_number: int = 0  # 1-based; 0 outside a repetition
    set_count: int = 0
    rep_number: int = 0  # 1-based, counted per side
    rep_count: int = 0
    side: Side | None = None  # the side worked on, or switched to

    @property
    def is_rep(self) -> bool:
        return self.kind in _REP_KINDS


@dataclass(frozen=True)
class ExerciseRecord:
    """What was done of one exercise, for the log and the summary.

    Repetitions count each side separately: 2 sets of 10 on both sides plan 40.
    """

    item_index: int
    item: SessionItem
    outcome: Outcome
    reps_done: int
    reps_planned: int
    full_sets: int  # sets whose every repetition (on every side) was done
    sets_done: float  # reps_done in sets, partial sets included: adherence counts this
    hold_s: float  # mean seconds actually held in the repetitions done; 0 without a hold
    started: float  # monotonic, when the exercise's first step began
    ended: float  # monotonic
    started_at: datetime
    ended_at: datetime


@dataclass(frozen=True)
class StepStarted:
    step: Step


@dataclass(frozen=True)
class SecondsLeft:
    """The whole seconds to show, rounded up; sent when the number changes."""

    step: Step
    seconds: int


@dataclass(frozen=True)
class CueDue:
    kind: CueKind
    step: Step


@dataclass(frozen=True)
class ExerciseDone:
    record: ExerciseRecord


@dataclass(frozen=True)
class PausedAfterGap:
    """The engine paused itself because `gap_s` passed between two calls."""

    step: Step
    gap_s: float


@dataclass(frozen=True)
class SessionDone:
    stopped: bool
    records: tuple[ExerciseRecord, ...]


Event = StepStarted | SecondsLeft | CueDue | ExerciseDone | PausedAfterGap | SessionDone


def expand(
    items: Sequence[SessionItem], settings: SessionSettings | None = None
) -> tuple[Step, ...]:
    """Every step of a session in order, ending with one zero-length done step.

    Steps that would last 0 s (no hold, no rest, a get-ready of 0) are left out.
    """
    settings = settings or SessionSettings()
    if not items:
        return ()
    drafts: list[Step] = []
    for index, item in enumerate(items):
        drafts.extend(_item_steps(index, item, len(items), settings))
    names = [item.name for item in items]
    drafts.append(_draft(StepKind.DONE, 0.0, len(items) - 1, "Well done", "Session complete"))
    steps: list[Step] = []
    offset = 0.0
    for index, draft in enumerate(drafts):
        steps.append(
            replace(
                draft, index=index, offset=offset, coming_next=_coming_next(drafts, index, names)
            )
        )
        offset += draft.duration
    return tuple(steps)


def estimate_seconds(
    items: Sequence[SessionItem], settings: SessionSettings | None = None
) -> float:
    """How long the session runs without pauses or skips."""
    return sum(step.duration for step in expand(items, settings))


def phase_progress(step: Step, seconds_into_step: float) -> float:
    """How far through its step, 0..1; moves and returns ease in and out like a real movement."""
    if step.duration <= 0:
        return 1.0
    fraction = min(1.0, max(0.0, seconds_into_step / step.duration))
    if step.kind in (StepKind.MOVE, StepKind.RETURN):
        return (1 - math.cos(math.pi * fraction)) / 2
    return fraction


def pose_blend(step: Step, seconds_into_step: float) -> float:
    """Where the figure is between the illustration's start (0) and end (1) keyframes."""
    if step.kind == StepKind.MOVE:
        return phase_progress(step, seconds_into_step)
    if step.kind == StepKind.HOLD:
        return 1.0
    if step.kind == StepKind.RETURN:
        return 1.0 - phase_progress(step, seconds_into_step)
    return 0.0


def _draft(
    kind: StepKind,
    duration: float,
    item_index: int,
    title: str,
    label: str,
    *,
    set_number: int = 0,
    set_count: int = 0,
    rep_number: int = 0,
    rep_count: int = 0,
    side: Side | None = None,
) -> Step:
    """A step before its place in the session (index, offset, what comes next) is known."""
    return Step(
        index=0,
        kind=kind,
        duration=float(duration),
        offset=0.0,
        item_index=item_index,
        phase=_PHASES[kind],
        title=title,
        label=label,
        coming_next="",
        set_number=set_number,
        set_count=set_count,
        rep_number=rep_number,
        rep_count=rep_count,
        side=side,
    )


@dataclass(frozen=True)
class _Block:
    """One set on one side (or, alternating, on both sides in turn)."""

    set_number: int
    side: Side | None  # the side of the whole block; None when alternating or sideless
    reps: tuple[tuple[int, Side | None], ...]


def _blocks(dosage: Dosage) -> list[_Block]:
    sets = range(1, dosage.sets + 1)
    reps = range(1, dosage.reps + 1)
    if dosage.sides == Sides.ALTERNATE:
        turns = tuple((rep, side) for rep in reps for side in (Side.LEFT, Side.RIGHT))
        return [_Block(number, None, turns) for number in sets]
    fixed = {
        Sides.NONE: (None,),
        Sides.LEFT: (Side.LEFT,),
        Sides.RIGHT: (Side.RIGHT,),
        Sides.BOTH: (Side.LEFT, Side.RIGHT),
    }[dosage.sides]
    return [
        _Block(number, side, tuple((rep, side) for rep in reps))
        for side in fixed
        for number in sets
    ]


def _item_steps(index: int, item: SessionItem, count: int, settings: SessionSettings) -> list[Step]:
    dosage = item.dosage
    where = f"Exercise {index + 1} of {count}"
    steps: list[Step] = []
    if index == 0 and settings.get_ready_s > 0:
        steps.append(_draft(StepKind.GET_READY, settings.get_ready_s, index, "Get ready", where))
    elif index > 0 and settings.next_exercise_s > 0:
        steps.append(
            _draft(StepKind.NEXT_EXERCISE, settings.next_exercise_s, index, "Next exercise", where)
        )
    previous: _Block | None = None
    for block in _blocks(dosage):
        if previous is not None:
            steps.extend(_break_between(previous, block, index, dosage, settings))
        for rep, side in block.reps:
            label = _rep_label(rep, dosage.reps, block.set_number, dosage.sets, side)
            for kind, seconds in (
                (StepKind.MOVE, dosage.move_s),
                (StepKind.HOLD, dosage.hold_s),
                (StepKind.RETURN, dosage.return_s),
            ):
                if seconds > 0:
                    steps.append(
                        _draft(
                            kind,
                            seconds,
                            index,
                            _REP_TITLES[kind],
                            label,
                            set_number=block.set_number,
                            set_count=dosage.sets,
                            rep_number=rep,
                            rep_count=dosage.reps,
                            side=side,
                        )
                    )
        previous = block
    return steps


def _break_between(
    done: _Block, following: _Block, index: int, dosage: Dosage, settings: SessionSettings
) -> list[Step]:
    if done.side is not None and following.side is not None and done.side != following.side:
        if settings.switch_side_s <= 0:
            return []
        title = f"Switch to your {following.side.value} side"
        label = f"{done.side.value.capitalize()} side done"
        return [
            _draft(
                StepKind.SWITCH_SIDE,
                settings.switch_side_s,
                index,
                title,
                label,
                side=following.side,
            )
        ]
    if dosage.rest_s <= 0:
        return []
    label = _join(f"Set {done.set_number} of {dosage.sets} done", _side_text(done.side))
    return [_draft(StepKind.REST, dosage.rest_s, index, "Rest", label, side=following.side)]


def _rep_label(rep: int, reps: int, set_number: int, sets: int, side: Side | None) -> str:
    return _join(
        f"Rep {rep} of {reps}",
        f"Set {set_number} of {sets}" if sets > 1 else "",
        _side_text(side),
    )


def _side_text(side: Side | None) -> str:
    return f"{side.value.capitalize()} side" if side is not None else ""


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _coming_next(drafts: Sequence[Step], index: int, names: Sequence[str]) -> str:
    """During reps, the next break; during a break, the repetition it leads to."""
    here = drafts[index]
    if here.kind == StepKind.DONE:
        return ""
    later = drafts[index + 1 :]
    if not here.is_rep:
        return next(step for step in later if step.is_rep).label
    for step in later:
        if step.kind == StepKind.DONE:
            return "Finish"
        if step.item_index != here.item_index:
            return names[step.item_index]  # shown as "Next: <name>"
        if step.kind == StepKind.REST:
            return f"Rest {_seconds_text(step.duration)}"
        if step.kind == StepKind.SWITCH_SIDE:
            return step.title
    raise AssertionError("a session always ends with a done step")


def _seconds_text(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{seconds:g} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d} min"


@dataclass
class _Work:
    """What has been done of the exercise in progress."""

    item_index: int
    started: float
    began: bool = False  # a repetition was reached, so stopping now leaves partial work
    done: set[tuple[int, Side | None, int]] = field(default_factory=set)  # (set, side, rep)
    held: dict[tuple[int, Side | None, int], float] = field(default_factory=dict)


class SessionEngine:
    """Runs the steps of `expand(items, settings)` against `clock.monotonic()` deadlines.

    The session starts when the engine is made. Call `tick()` often (every 20-50 ms); it returns
    what happened since the previous call. The controls (`pause`, `resume`, `next_step`,
    `previous_step`, `skip_exercise`, `stop`) queue their events for the next `tick()`.
    """

    def __init__(
        self, items: Sequence[SessionItem], clock: Clock, settings: SessionSettings | None = None
    ) -> None:
        if not items:
            raise ValueError("a session needs at least one exercise")
        self._items = tuple(items)
        self._clock = clock
        self._settings = settings or SessionSettings()
        self._steps = expand(self._items, self._settings)
        self._total = sum(step.duration for step in self._steps)
        now = clock.monotonic()
        self._events: list[Event] = []
        self._records: list[ExerciseRecord] = []
        self._index = 0
        self._step_start = now
        self._last_sync = now
        self._paused_at: float | None = None
        self._shown_seconds = 0
        self._cue_pending = False
        self._finished = False
        self._stopped = False
        self._announced = False
        self._stopped_progress = 0.0
        self._work = _Work(0, now)
        self._enter(0, now)
        self._settle()

    # -- what the player shows ---------------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._steps

    @property
    def items(self) -> tuple[SessionItem, ...]:
        return self._items

    @property
    def current_step(self) -> Step:
        return self._steps[self._index]

    @property
    def upcoming(self) -> Step | None:
        """The step after this one, or None at the end."""
        if self._finished or self._index + 1 >= len(self._steps):
            return None
        return self._steps[self._index + 1]

    @property
    def is_paused(self) -> bool:
        return self._paused_at is not None

    @property
    def is_finished(self) -> bool:
        return self._finished

    @property
    def records(self) -> tuple[ExerciseRecord, ...]:
        """The exercises reported so far, in the order they ended."""
        return tuple(self._records)

    @property
    def seconds_into_step(self) -> float:
        step = self.current_step
        return min(step.duration, max(0.0, self._reference() - self._step_start))

    @property
    def remaining_seconds_in_step(self) -> float:
        if self._finished:
            return 0.0
        return self.current_step.duration - self.seconds_into_step

    @property
    def progress(self) -> float:
        """Share of the planned session time behind us, 0..1."""
        if self._stopped:
            return self._stopped_progress
        if self._finished or self._total <= 0:
            return 1.0
        return min(1.0, (self.current_step.offset + self.seconds_into_step) / self._total)

    # -- driving it --------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Advance to the clock's present and return every event since the previous call."""
        self._sync()
        self._settle()
        events, self._events = self._events, []
        return events

    def pause(self) -> None:
        now = self._sync()
        if not self._finished and self._paused_at is None:
            self._paused_at = now
        self._settle()

    def resume(self) -> None:
        """Carry on where the pause began: the step's deadline moves by the time paused."""
        now = self._clock.monotonic()
        if self._paused_at is not None and not self._finished:
            self._step_start += now - self._paused_at
            self._paused_at = None
            self._last_sync = now
        self._settle()

    def next_step(self) -> None:
        """The patient is done with this step; a repetition skipped through counts as done."""
        self._sync()
        if not self._finished:
            at = self._reference()
            self._leave_forward(at)
            self._enter(self._index + 1, at)
        self._settle()

    def previous_step(self) -> None:
        """Go back one step within the exercise; its first step restarts instead.

        An exercise already reported stays closed, so nothing logged is ever reopened.
        """
        self._sync()
        if not self._finished:
            here = self.current_step
            target = self._index
            if self._index > 0 and self._steps[self._index - 1].item_index == here.item_index:
                target = self._index - 1
            self._enter(target, self._reference())
        self._settle()

    def skip_exercise(self) -> None:
        """Report the exercise in progress as skipped and start the next one."""
        self._sync()
        if not self._finished:
            at = self._reference()
            skipped = self.current_step.item_index
            self._close_item(Outcome.SKIPPED, at)
            self._enter(self._first_step_after(skipped), at)
        self._settle()

    def stop(self) -> None:
        """End the session now; an exercise with a repetition reached is reported as partial."""
        self._sync()
        if not self._finished:
            at = self._reference()
            self._stopped_progress = self.progress
            if self._work.began:
                self._close_item(Outcome.PARTIAL, at)
            self._stopped = True
            self._finished = True
            self._cue_pending = False
        self._settle()

    # -- inside ------------------------------------------------------------------------------

    def _reference(self) -> float:
        """The moment the session's state stands at: the pause's start, or now."""
        if self._paused_at is not None:
            return self._paused_at
        return self._clock.monotonic()

    def _sync(self) -> float:
        """Catch up with the clock, or pause if it jumped further than a stall allows."""
        now = self._clock.monotonic()
        gap = now - self._last_sync
        if self._paused_at is None and not self._finished and gap > self._settings.stall_s:
            # Everything up to the previous call was already handled; freeze there.
            self._paused_at = self._last_sync
            self._events.append(PausedAfterGap(self.current_step, gap))
        self._last_sync = now
        while self._paused_at is None and not self._finished:
            deadline = self._step_start + self.current_step.duration
            if now + _EPSILON < deadline:
                break
            self._leave_forward(deadline)
            self._enter(self._index + 1, deadline)
        return now

    def _settle(self) -> None:
        """Queue the cue of a newly entered step, the countdown, and the session's end."""
        if self._cue_pending:
            self._cue_pending = False
            cue = _START_CUES.get(self.current_step.kind)
            if cue is not None:
                self._events.append(CueDue(cue, self.current_step))
        if not self._finished:
            self._count_down()
        if self._finished and not self._announced:
            self._announced = True
            self._events.append(SessionDone(self._stopped, tuple(self._records)))

    def _count_down(self) -> None:
        step = self.current_step
        remaining = step.duration - self.seconds_into_step
        seconds = math.ceil(remaining - _COUNTDOWN_SLACK)
        if seconds < 1 or seconds == self._shown_seconds:
            return
        self._shown_seconds = seconds
        self._events.append(SecondsLeft(step, seconds))
        if seconds <= _TICK_SECONDS and step.kind in _TICKED_KINDS:
            self._events.append(CueDue(CueKind.TICK, step))

    def _enter(self, index: int, at: float) -> None:
        step = self._steps[index]
        self._index = index
        self._step_start = at
        self._cue_pending = True
        if step.item_index != self._work.item_index:
            self._work = _Work(step.item_index, at)
        if step.is_rep:
            self._work.began = True
        self._events.append(StepStarted(step))
        # The first number of a countdown is part of starting, not a tick.
        self._shown_seconds = math.ceil(step.duration - _COUNTDOWN_SLACK)
        if step.duration > 0:
            self._events.append(SecondsLeft(step, self._shown_seconds))
        if step.kind == StepKind.DONE:
            self._finished = True

    def _leave_forward(self, at: float) -> None:
        step = self.current_step
        unit = (step.set_number, step.side, step.rep_number)
        if step.kind == StepKind.HOLD:
            self._work.held[unit] = at - self._step_start
        if step.kind == StepKind.RETURN:
            self._work.done.add(unit)
        following = self._steps[self._index + 1]
        if following.kind == StepKind.DONE or following.item_index != step.item_index:
            self._close_item(Outcome.DONE, at)

    def _first_step_after(self, item_index: int) -> int:
        return next(
            step.index
            for step in self._steps
            if step.item_index > item_index or step.kind == StepKind.DONE
        )

    def _close_item(self, outcome: Outcome, at: float) -> None:
        work = self._work
        item = self._items[work.item_index]
        dosage = item.dosage
        per_set = dosage.reps * dosage.side_count
        planned = per_set * dosage.sets
        full_sets = sum(
            1
            for number in range(1, dosage.sets + 1)
            if sum(1 for unit in work.done if unit[0] == number) == per_set
        )
        holds = [work.held[unit] for unit in work.done if unit in work.held]
        hold_s = round(sum(holds) / len(holds), 2) if holds else 0.0
        record = ExerciseRecord(
            item_index=work.item_index,
            item=item,
            outcome=outcome,
            reps_done=len(work.done),
            reps_planned=planned,
            full_sets=full_sets,
            sets_done=len(work.done) / per_set,
            hold_s=hold_s,
            started=work.started,
            ended=at,
            started_at=self._wall_time(work.started),
            ended_at=self._wall_time(at),
        )
        self._records.append(record)
        self._events.append(ExerciseDone(record))
        # Closed: later steps of this item (after a skip) must not reopen it.
        self._work = _Work(-1, at)

    def _wall_time(self, monotonic: float) -> datetime:
        return self._clock.now() - timedelta(seconds=self._clock.monotonic() - monotonic)
