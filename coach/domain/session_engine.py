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

What is reported is what was done, not which steps were passed: the engine knows only the time
spent in each step, so a hold earns the seconds it was actually held (the longest attempt at each
repetition, never more than prescribed) and a moving repetition counts once its move ran its
course. Pressing Next through a step moves on without crediting it. Each exercise's outcome
follows from its done fraction (coach.domain.adherence.done_fraction, shared/CLINICAL.md): done
only when all the prescribed work was performed, partial when some was, skipped when none was.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from coach.domain.adherence import done_fraction, is_done
from coach.domain.clock import Clock
from coach.domain.cues import CueKind
from coach.domain.dosage import Dosage
from coach.domain.exercise import Phase
from coach.domain.profile import ValidationError
from coach.domain.sides import Sides

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


class Outcome(StrEnum):
    """How much of an exercise was done; the values match the exercise log's status column."""

    DONE = "done"  # all of the prescribed work
    PARTIAL = "partial"  # some of it: cut short, skipped in part, or stopped during it
    SKIPPED = "skipped"  # none of it


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
    # A held position with no movement into it (lying face down): each repetition is its hold
    # alone, with no move or come-back steps. Only meaningful with a hold.
    static: bool = False

    @property
    def holds_only(self) -> bool:
        return self.static and self.dosage.hold_s > 0


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

    Repetitions count each side separately: 2 sets of 10 on both sides plan 40. With a hold,
    `reps_done` counts the repetitions in which anything was held and `hold_s` is their mean,
    so `reps_done * hold_s` is every second held (the log row stores exactly these).
    """

    item_index: int
    item: SessionItem
    outcome: Outcome
    reps_done: int
    reps_planned: int
    full_sets: int  # sets whose every repetition (on every side) was done in full
    fraction: float  # the done fraction of CLINICAL.md: adherence credits exactly this
    hold_s: float  # mean seconds actually held in the repetitions done; 0 without a hold
    started: float  # monotonic, when the exercise's first step began
    ended: float  # monotonic
    started_at: datetime
    ended_at: datetime

    @property
    def held_s(self) -> float:
        """Seconds held in all, over every repetition, set and side."""
        return self.reps_done * self.hold_s

    @property
    def hold_planned_s(self) -> float:
        return self.reps_planned * float(self.item.dosage.hold_s)


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
        for turn, (rep, side) in enumerate(block.reps):
            label = _rep_label(rep, dosage.reps, block.set_number, dosage.sets, side)
            if item.holds_only and turn > 0:
                # Held positions back to back would be one long hold: let go in between, for
                # as long as coming back would take.
                steps.append(_draft(StepKind.REST, dosage.return_s, index, "Relax", label))
            phases = (
                ((StepKind.HOLD, dosage.hold_s),)
                if item.holds_only
                else (
                    (StepKind.MOVE, dosage.move_s),
                    (StepKind.HOLD, dosage.hold_s),
                    (StepKind.RETURN, dosage.return_s),
                )
            )
            for kind, seconds in phases:
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
    """ "Rep 3 of 10 · Set 1 of 2 · Left side"; a single repetition is not numbered."""
    return _join(
        f"Rep {rep} of {reps}" if reps > 1 else "",
        f"Set {set_number} of {sets}" if sets > 1 else "",
        _side_text(side),
    )


def _side_text(side: Side | None) -> str:
    return f"{side.value.capitalize()} side" if side is not None else ""


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _coming_next(drafts: Sequence[Step], index: int, names: Sequence[str]) -> str:
    """What the very next step asks for: during a repetition its next phase ("Hold 2 s",
    "Come back") or the next repetition ("Rep 2 of 10"), then the break, exercise or finish
    that follows; during a break, the repetition it leads to."""
    here = drafts[index]
    if here.kind == StepKind.DONE:
        return ""
    later = drafts[index + 1 :]
    if not here.is_rep:
        following = next(step for step in later if step.is_rep)
        if following.label:
            return following.label
        # A single repetition is announced by what it asks for: "Hold 2:00".
        hold = next(
            (
                step
                for step in later
                if step.kind == StepKind.HOLD and step.item_index == following.item_index
            ),
            None,
        )
        return f"Hold {_seconds_text(hold.duration)}" if hold else following.title
    step = later[0]
    if step.kind == StepKind.DONE:
        return "Finish"
    if step.item_index != here.item_index:
        return names[step.item_index]  # shown as "Next: <name>"
    if step.is_rep and _unit(step) == _unit(here):
        if step.kind == StepKind.HOLD:
            return f"Hold {_seconds_text(step.duration)}"
        return step.title
    if step.is_rep:
        return step.label or step.title
    if step.kind == StepKind.REST:
        return f"Rest {_seconds_text(step.duration)}"
    return step.title


def _unit(step: Step) -> tuple[int, Side | None, int]:
    return (step.set_number, step.side, step.rep_number)


def _seconds_text(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{seconds:g} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


_Unit = tuple[int, Side | None, int]  # (set, side, rep): one repetition on one side


@dataclass
class _Work:
    """What has been done of one exercise: kept while the session runs, so Back can reopen it."""

    item_index: int
    started: float
    moved: set[_Unit] = field(default_factory=set)  # repetitions whose move ran its course
    held: dict[_Unit, float] = field(default_factory=dict)  # longest hold of each, capped
    left_at: int = -1  # the step it was left at, where Back returns to
    reported: bool = False  # an ExerciseDone was sent; a reopened exercise is reported again
    closed: bool = False

    def performed(self, item: SessionItem) -> tuple[int, float, int, float]:
        """(repetitions with work in them, mean seconds held in those, full sets, fraction)."""
        dosage = item.dosage
        hold = float(dosage.hold_s)
        per_set = dosage.reps * dosage.side_count
        if hold > 0:
            units = [unit for unit, seconds in self.held.items() if seconds > _EPSILON]
            full = {unit for unit in units if self.held[unit] >= hold - _COUNTDOWN_SLACK}
            mean = sum(self.held[unit] for unit in units) / len(units) if units else 0.0
        else:
            units = list(self.moved)
            full = set(units)
            mean = 0.0
        full_sets = sum(
            1
            for number in range(1, dosage.sets + 1)
            if sum(1 for unit in full if unit[0] == number) == per_set
        )
        fraction = done_fraction(
            planned_sets=dosage.sets,
            planned_reps=dosage.reps,
            sides=dosage.sides,
            planned_hold_s=hold,
            done_reps=len(units),
            done_hold_s=mean,
        )
        return len(units), mean, full_sets, fraction


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
        self._records: dict[int, ExerciseRecord] = {}  # by item index, in the order reported
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
        self._works: dict[int, _Work] = {0: _Work(0, now)}
        self._work = self._works[0]
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
        """The exercises reported so far, one each (the latest report of a reopened one)."""
        return tuple(self._records.values())

    def work_in_progress(self) -> ExerciseRecord | None:
        """What has been done of the exercise under way, as it would be reported now; None
        when none of its work was done. The player asks before skipping or stopping on it."""
        if self._finished or self._work.closed:
            return None
        at = self._reference()
        work = replace(self._work, moved=set(self._work.moved), held=dict(self._work.held))
        self._account(at, work)
        record = self._record(work, at)
        return record if record.fraction > 0 else None

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
        """The patient moves on: the step ends now, credited only for the time it ran."""
        self._sync()
        if not self._finished:
            at = self._reference()
            self._leave_forward(at)
            self._enter(self._index + 1, at)
        self._settle()

    def previous_step(self) -> None:
        """Go back one step; from an exercise's first step, back into the exercise before.

        The exercise before is reopened where it was left (where it was skipped, or its last
        step), with everything done of it kept; when it ends again it is reported again, and
        that report replaces the first. The very first step restarts instead.
        """
        self._sync()
        if not self._finished:
            at = self._reference()
            here = self.current_step
            self._account(at)
            target = self._index
            if self._index > 0 and self._steps[self._index - 1].item_index == here.item_index:
                target = self._index - 1
            elif here.item_index > 0:
                earlier = self._works.get(here.item_index - 1)
                last = max(s.index for s in self._steps if s.item_index == here.item_index - 1)
                target = earlier.left_at if earlier and earlier.left_at >= 0 else last
                target = min(target, last)
            self._enter(target, at)
        self._settle()

    def skip_exercise(self) -> None:
        """Leave the exercise in progress and start the next one; what was done of it is kept
        and reported (skipped when nothing was)."""
        self._sync()
        if not self._finished:
            at = self._reference()
            skipped = self.current_step.item_index
            self._account(at)
            self._work.left_at = self._index
            self._close_item(at)
            self._enter(self._first_step_after(skipped), at)
        self._settle()

    def stop(self) -> None:
        """End the session now; the exercise under way is reported if any of it was done."""
        self._sync()
        if not self._finished:
            at = self._reference()
            self._stopped_progress = self.progress
            self._account(at)
            work = self._work
            if not work.closed and (work.reported or self._record(work, at).fraction > 0):
                work.left_at = self._index
                self._close_item(at)
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
            self._events.append(SessionDone(self._stopped, self.records))

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
        if step.kind != StepKind.DONE and (
            step.item_index != self._work.item_index or self._work.closed
        ):
            self._work = self._works.setdefault(step.item_index, _Work(step.item_index, at))
            self._work.closed = False  # Back into an exercise already reported reopens it
        self._events.append(StepStarted(step))
        # The first number of a countdown is part of starting, not a tick.
        self._shown_seconds = math.ceil(step.duration - _COUNTDOWN_SLACK)
        if step.duration > 0:
            self._events.append(SecondsLeft(step, self._shown_seconds))
        if step.kind == StepKind.DONE:
            self._finished = True

    def _account(self, at: float, work: _Work | None = None) -> None:
        """Credit the step being left for the time it ran: a hold its seconds (the longest
        attempt counts), a move once it ran its course."""
        step = self.current_step
        work = work or self._work
        if not step.is_rep or work.closed:
            return
        unit = (step.set_number, step.side, step.rep_number)
        spent = at - self._step_start
        if step.kind == StepKind.HOLD:
            held = min(step.duration, max(0.0, spent))
            work.held[unit] = max(work.held.get(unit, 0.0), held)
        elif step.kind == StepKind.MOVE and spent >= step.duration - _COUNTDOWN_SLACK:
            work.moved.add(unit)

    def _leave_forward(self, at: float) -> None:
        step = self.current_step
        self._account(at)
        following = self._steps[self._index + 1]
        if following.kind == StepKind.DONE or following.item_index != step.item_index:
            self._work.left_at = self._index
            self._close_item(at)

    def _first_step_after(self, item_index: int) -> int:
        return next(
            step.index
            for step in self._steps
            if step.item_index > item_index or step.kind == StepKind.DONE
        )

    def _record(self, work: _Work, at: float) -> ExerciseRecord:
        """The report of an exercise as its work stands: the outcome is its done fraction's."""
        item = self._items[work.item_index]
        reps_done, mean_hold, full_sets, fraction = work.performed(item)
        if is_done(fraction):
            outcome = Outcome.DONE
        else:
            outcome = Outcome.PARTIAL if fraction > 0 else Outcome.SKIPPED
        return ExerciseRecord(
            item_index=work.item_index,
            item=item,
            outcome=outcome,
            reps_done=reps_done,
            reps_planned=item.dosage.reps * item.dosage.side_count * item.dosage.sets,
            full_sets=full_sets,
            fraction=fraction,
            hold_s=round(mean_hold, 2),
            started=work.started,
            ended=at,
            started_at=self._wall_time(work.started),
            ended_at=self._wall_time(at),
        )

    def _close_item(self, at: float) -> None:
        work = self._work
        record = self._record(work, at)
        work.closed = True
        work.reported = True
        self._records.pop(work.item_index, None)
        self._records[work.item_index] = record
        self._events.append(ExerciseDone(record))

    def _wall_time(self, monotonic: float) -> datetime:
        return self._clock.now() - timedelta(seconds=self._clock.monotonic() - monotonic)
