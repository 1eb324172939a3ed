"""Guided sessions: starting one, logging each exercise as it ends, finishing, and progress.

The player logs every exercise the moment the session engine reports it (done, partial or
skipped), each in its own short transaction, so a crash or kill loses at most the exercise in
progress; an exercise reopened with Back and ended again rewrites its row. A session a crash left
`in_progress` is closed as stopped by `recover_interrupted`, keeping what it logged.

Today's progress per item follows shared/CLINICAL.md: each log earns its done fraction
(coach.domain.adherence.done_fraction), and the patient sees whole counts, sessions done and
sessions partly done. Adherence over days
and weeks is ProgressService's (coach.domain.adherence_ledger), one definition for the whole app.
All logs of a session carry the session's local day, so a session that runs past midnight
counts for the day it began. Logs point at their programme item row; a same-day programme edit
replaces those rows (the log's item_id becomes NULL), so a log without a live item is matched to
the day's item of the same programme and exercise instead.

The red-flag check is kept as one setting holding the local day it was last passed: only "was it
done today" matters, a passed check is not clinical data worth a history, and it needs no table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from coach.domain.adherence import done_fraction
from coach.domain.days import local_day, zone
from coach.domain.exercise import Exercise, SymptomTracking
from coach.domain.profile import ValidationError
from coach.domain.programme import Programme
from coach.domain.session_engine import ExerciseRecord, SessionItem
from coach.domain.symptoms import Response, SymptomRegion, check_level, region_of, response
from coach.services.changes import Area, Changes
from coach.services.database import Database
from coach.services.profile import ProfileService
from coach.services.programmes import Prescribed, ProgrammeService
from coach.services.session_length import is_static
from coach.services.settings import RED_FLAG_CHECK_DAY
from coach.services.settings_service import SettingsService
from coach.store import session_repo
from coach.store.session_repo import LogRow, NewSession, SessionRow, SymptomRow
from coach.wording.counts import sessions_done_text

EFFORTS = ("easier", "same", "harder")
NOTE_MAX = 2000
SESSIONS = Changes.of(Area.SESSIONS)


@dataclass(frozen=True)
class PlannedSession:
    """What a Start button runs: today's items of one programme, ready for the engine."""

    programme: Programme
    version_id: int
    items: tuple[SessionItem, ...]
    regions: tuple[SymptomRegion | None, ...]  # per item: the symptom scale it asks on

    @property
    def symptom_regions(self) -> tuple[SymptomRegion, ...]:
        """The scales this session asks on, in the order they first appear."""
        return tuple(dict.fromkeys(r for r in self.regions if r is not None))

    @property
    def neck(self) -> bool:
        return SymptomRegion.CERVICAL in self.symptom_regions


@dataclass(frozen=True)
class Credit:
    """What one day's logs of one item add up to: the credit for adherence, and whole counts."""

    done: float = 0.0  # sessions' worth: each log's done fraction, summed
    full: int = 0  # sessions done in full
    partly: int = 0  # sessions with part of the work done


@dataclass(frozen=True)
class ItemProgress:
    """One prescribed item on one day and how many sessions of it are done."""

    prescribed: Prescribed
    name: str
    credit: Credit
    static: bool = False  # a held position alone (see session_length.is_static)

    @property
    def target(self) -> int:
        return self.prescribed.dosage.times_per_day

    @property
    def done(self) -> float:
        """Sessions' worth done, for the figures; a partly done one counts in part."""
        return self.credit.done

    @property
    def full(self) -> int:
        """Sessions done in full, at most the target."""
        return min(self.credit.full, self.target)

    @property
    def partly(self) -> int:
        """Sessions partly done, beyond the full ones and within the target."""
        return min(self.credit.partly, self.target - self.full)

    @property
    def complete(self) -> bool:
        return self.full >= self.target

    @property
    def text(self) -> str:
        return sessions_done_text(self.full, self.partly, self.target)


class SessionService:
    def __init__(  # noqa: PLR0917 - one collaborator per concern, then the patient
        self,
        db: Database,
        profile: ProfileService,
        programmes: ProgrammeService,
        settings: SettingsService,
        lookup: Callable[[str], Exercise | None],
        patient_id: int,
    ) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile
        self._programmes = programmes
        self._settings = settings
        self._lookup = lookup
        self._open: set[int] = set()  # sessions this process started and has not finished

    def today(self) -> date:
        return self._profile.today()

    def name_of(self, exercise_id: str) -> str:
        found = self._lookup(exercise_id)
        return found.name if found is not None else exercise_id

    # -- planning -------------------------------------------------------------------------

    def plan(self, programme_id: int, day: date | None = None) -> PlannedSession | None:
        """Today's items of one programme; None when it prescribes nothing that day."""
        chosen = [
            p
            for p in self._programmes.prescription_on(day or self.today())
            if p.programme.id == programme_id
        ]
        if not chosen:
            return None
        items: list[SessionItem] = []
        regions: list[SymptomRegion | None] = []
        for entry in chosen:
            exercise = self._lookup(entry.item.exercise_id)
            tracking = exercise.symptom_tracking if exercise else SymptomTracking.NONE
            region = region_of(tracking)
            items.append(
                SessionItem(
                    entry.item_row_id,
                    entry.item.exercise_id,
                    exercise.name if exercise else entry.item.exercise_id,
                    entry.dosage,
                    tracks_symptoms=region is not None,
                    static=is_static(exercise),
                )
            )
            regions.append(region)
        return PlannedSession(
            chosen[0].programme, chosen[0].version_id, tuple(items), tuple(regions)
        )

    # -- recording ------------------------------------------------------------------------

    def start(
        self,
        plan: PlannedSession | None,
        pain_before: int | None,
        symptoms: Mapping[SymptomRegion, int] | None = None,
    ) -> tuple[int, Changes]:
        """Open a session row (in progress) with how the patient feels before it."""
        _check_pain("pain_before", pain_before)
        symptoms = dict(symptoms or {})
        for level in symptoms.values():
            check_level("symptoms_before", level)
        wanted = plan.symptom_regions if plan else ()
        for region in wanted:
            if region not in symptoms:
                raise ValidationError("symptoms_before", "Choose where your symptoms reach now.")
        first = wanted[0] if wanted else None
        now = self._db.clock.now()
        tz_name = self._profile.timezone_name()
        value = NewSession(
            programme_id=plan.programme.id if plan else None,
            version_id=plan.version_id if plan else None,
            started_at=now,
            local_day=local_day(now, zone(tz_name)),
            timezone=tz_name,
            pain_before=pain_before,
            symptom_region=first.value if first else None,
            symptoms_before=symptoms[first] if first else None,
        )
        with self._db.transaction() as conn:
            session_id = session_repo.start(conn, self._patient, value)
        self._open.add(session_id)
        return session_id, SESSIONS

    def log_exercise(
        self, session_id: int, record: ExerciseRecord, replaces: int | None = None
    ) -> tuple[int, Changes]:
        """Commit one exercise as the engine reported it: planned next to done.

        `replaces` is the row of an earlier report of the same exercise in this session (it
        was reopened with Back and ended again): that row is rewritten, not a second added.
        """
        dosage = record.item.dosage
        with self._db.transaction() as conn:
            session = session_repo.get(conn, self._patient, session_id)
            if session is None:
                raise ValidationError("session", "That session is no longer in the log.")
            item_id = record.item.key
            if item_id is not None and not session_repo.item_exists(conn, item_id):
                item_id = None
            row = LogRow(
                session_id=session_id,
                item_id=item_id,
                exercise_id=record.item.exercise_id,
                local_day=session.local_day,
                started_at=record.started_at,
                ended_at=record.ended_at,
                status=record.outcome.value,
                planned_sets=dosage.sets,
                planned_reps=dosage.reps,
                planned_hold_s=float(dosage.hold_s),
                planned_sides=dosage.sides,
                done_sets=record.full_sets,
                done_reps=record.reps_done,
                done_hold_s=record.hold_s,
            )
            if replaces is not None and session_repo.replace_log(
                conn, self._patient, replaces, row
            ):
                return replaces, SESSIONS
            log_id = session_repo.add_log(conn, self._patient, row)
        return log_id, SESSIONS

    def has_symptoms(self, log_id: int) -> bool:
        """Whether where the symptoms reached after this exercise is already recorded."""
        with self._db.read() as conn:
            return session_repo.has_symptoms(conn, self._patient, log_id)

    def record_symptoms(
        self, log_id: int, region: SymptomRegion, before: int, after: int
    ) -> tuple[Response, Changes]:
        """Where symptoms reached before and after a McKenzie exercise, and what that means."""
        found = response(before, after)
        now = self._db.clock.now()
        with self._db.transaction() as conn:
            session_repo.add_symptoms(
                conn,
                self._patient,
                SymptomRow(
                    log_id=log_id,
                    region=region.value,
                    level_before=before,
                    level_after=after,
                    response=found.value,
                    recorded_at=now,
                    local_day=self._profile.day_of(now),
                ),
            )
        return found, SESSIONS

    def finish(
        self,
        session_id: int,
        *,
        stopped: bool,
        pain_after: int | None = None,
        effort: str | None = None,
        note: str = "",
    ) -> Changes:
        _check_pain("pain_after", pain_after)
        if effort is not None and effort not in EFFORTS:
            raise ValidationError("effort", "Choose easier, the same or harder.")
        note = note.strip()
        if len(note) > NOTE_MAX:
            raise ValidationError("note", f"Please keep the note under {NOTE_MAX} characters.")
        with self._db.transaction() as conn:
            session_repo.finish(
                conn,
                self._patient,
                session_id,
                status="stopped" if stopped else "completed",
                ended_at=self._db.clock.now(),
                pain_after=pain_after,
                effort=effort,
                note=note,
            )
        self._open.discard(session_id)
        return SESSIONS

    def recover_interrupted(self) -> Changes:
        """Close sessions a crash left in progress as stopped, with what they logged."""
        with self._db.transaction() as conn:
            stale = [
                i for i in session_repo.in_progress_ids(conn, self._patient) if i not in self._open
            ]
            for session_id in stale:
                session_repo.close_interrupted(conn, self._patient, session_id)
        return SESSIONS if stale else Changes()

    # -- reading --------------------------------------------------------------------------

    def session(self, session_id: int) -> SessionRow | None:
        with self._db.read() as conn:
            return session_repo.get(conn, self._patient, session_id)

    def logs(self, session_id: int) -> list[LogRow]:
        with self._db.read() as conn:
            return session_repo.logs_of(conn, self._patient, session_id)

    def symptoms(self, session_id: int) -> list[SymptomRow]:
        with self._db.read() as conn:
            return session_repo.symptoms_of(conn, self._patient, session_id)

    def progress_on(self, day: date | None = None) -> list[ItemProgress]:
        """Each item prescribed on the day, with the sessions' worth done of it."""
        day = day or self.today()
        prescribed = self._programmes.prescription_on(day)
        with self._db.read() as conn:
            logs = session_repo.logs_between(conn, self._patient, day, day)
        credit = _credit(prescribed, logs)
        return [
            ItemProgress(
                p,
                self.name_of(p.item.exercise_id),
                credit.get(p.item_row_id, Credit()),
                is_static(self._lookup(p.item.exercise_id)),
            )
            for p in prescribed
        ]

    # -- the daily red-flag check ---------------------------------------------------------

    def red_flag_check_done(self, day: date | None = None) -> bool:
        return self._settings.get(RED_FLAG_CHECK_DAY) == (day or self.today()).isoformat()

    def mark_red_flag_check_done(self) -> Changes:
        return self._settings.set(RED_FLAG_CHECK_DAY, self.today().isoformat())


def _check_pain(field: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError(field, "Pain is a whole number from 0 to 10.")


def _credit(prescribed: Sequence[Prescribed], logs: Sequence[LogRow]) -> dict[int, Credit]:
    """Credit and whole counts per prescribed item row id, from one day's logs."""
    by_row = {p.item_row_id for p in prescribed}
    fallback: dict[tuple[int | None, str], int] = {}
    for p in prescribed:
        fallback.setdefault((p.programme.id, p.item.exercise_id), p.item_row_id)
    credit: dict[int, Credit] = defaultdict(Credit)
    for log in logs:
        if log.item_id in by_row:
            target: int | None = log.item_id
        else:
            target = fallback.get((log.programme_id, log.exercise_id))
        if target is None or log.status == "skipped":
            continue
        fraction = log_fraction(log)
        was = credit[target]
        credit[target] = Credit(
            was.done + fraction,
            was.full + (log.status == "done"),
            was.partly + (log.status == "partial" and fraction > 0),
        )
    return dict(credit)


def log_fraction(log: LogRow) -> float:
    """What one log row earns (the same as coach.store.progress_queries.log_credit)."""
    if log.status == "done":
        return 1.0
    if log.status != "partial":
        return 0.0
    return done_fraction(
        planned_sets=log.planned_sets,
        planned_reps=log.planned_reps,
        sides=log.planned_sides,
        planned_hold_s=log.planned_hold_s,
        done_reps=log.done_reps,
        done_hold_s=log.done_hold_s,
        done_sets=log.done_sets,
    )
