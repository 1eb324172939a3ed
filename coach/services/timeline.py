"""One list of everything in the diary: pain entries, check-ins, sessions, treatments, scores.

The diary page shows this newest first with filters; building it here keeps the wording and the
ordering testable without Qt. Exercise sessions belong to the session player: they are listed
for context but are changed only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from coach.domain.diary import CheckIn, PainEntry, Treatment
from coach.domain.outcomes import Instrument, OutcomeScore
from coach.domain.safety import RED_FLAGS
from coach.services.database import Database
from coach.services.diary import DiaryService
from coach.services.outcomes import OutcomeService
from coach.services.profile import ProfileService
from coach.store import diary_repo
from coach.store.diary_repo import SessionSummary


class EntryKind(StrEnum):
    PAIN = "pain"
    CHECKIN = "checkin"
    SESSION = "session"
    TREATMENT = "treatment"
    OUTCOME = "outcome"

    @property
    def label(self) -> str:
        return {
            EntryKind.PAIN: "Pain",
            EntryKind.CHECKIN: "Check-in",
            EntryKind.SESSION: "Exercise session",
            EntryKind.TREATMENT: "Treatment",
            EntryKind.OUTCOME: "Outcome measure",
        }[self]


ALL_KINDS = frozenset(EntryKind)
_FLAG_TEXT = {flag.key: flag.text for flag in RED_FLAGS}


@dataclass(frozen=True)
class TimelineItem:
    kind: EntryKind
    id: int
    day: date
    moment: datetime  # orders items within a day
    time_text: str  # "14:05", or "" for things that only have a date
    title: str
    detail: str
    pain: int | None = None
    red_flag: bool = False
    question: bool = False

    @property
    def editable(self) -> bool:
        return self.kind is not EntryKind.SESSION


class TimelineService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        diary: DiaryService,
        outcomes: OutcomeService,
        patient_id: int,
    ) -> None:
        self._patient = patient_id
        self._db = db
        self._profile = profile
        self._diary = diary
        self._outcomes = outcomes

    def items(
        self, first: date, last: date, kinds: frozenset[EntryKind] = ALL_KINDS
    ) -> list[TimelineItem]:
        """Everything from `first` to `last` (local days, inclusive) of `kinds`, newest first."""
        tz = self._profile.time_zone()
        found: list[TimelineItem] = []
        if EntryKind.PAIN in kinds:
            found += [_pain_item(e, tz) for e in self._diary.pain_between(first, last)]
        if EntryKind.CHECKIN in kinds:
            found += [_checkin_item(c, tz) for c in self._diary.checkins_between(first, last)]
        if EntryKind.TREATMENT in kinds:
            found += [_treatment_item(t, tz) for t in self._diary.treatments_between(first, last)]
        if EntryKind.OUTCOME in kinds:
            found += [_outcome_item(s, tz) for s in self._outcomes.between(first, last)]
        if EntryKind.SESSION in kinds:
            with self._db.read() as conn:
                rows = diary_repo.sessions_between(conn, self._patient, first, last)
            found += [_session_item(row, tz) for row in rows]
        found.sort(key=lambda item: (item.day, item.moment, item.kind.value, item.id), reverse=True)
        return found


def _clock_text(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def _end_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=tz)


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _pain_item(entry: PainEntry, tz: ZoneInfo) -> TimelineItem:
    assert entry.local_day is not None
    flags = "; ".join(_FLAG_TEXT[key] for key in entry.red_flags)
    return TimelineItem(
        EntryKind.PAIN,
        entry.id,
        entry.local_day,
        entry.recorded_at,
        _clock_text(entry.recorded_at, tz),
        f"Pain {entry.intensity} of 10",
        _join(
            f"Warning signs: {flags}" if flags else "",
            ", ".join(entry.region_labels),
            ", ".join(q.value for q in entry.qualities),
            f"Worse: {entry.worse}" if entry.worse else "",
            f"Better: {entry.better}" if entry.better else "",
            f"Medicine: {entry.medication}" if entry.medication else "",
            entry.note,
            "Question for my therapist" if entry.question_for_therapist else "",
        ),
        pain=entry.intensity,
        red_flag=bool(entry.red_flags),
        question=entry.question_for_therapist,
    )


def _checkin_item(entry: CheckIn, tz: ZoneInfo) -> TimelineItem:
    # A check-in filed the next morning still belongs at the end of its own day.
    moment = _end_of(entry.day, tz)
    if entry.recorded_at is not None:
        moment = min(entry.recorded_at, moment)
    return TimelineItem(
        EntryKind.CHECKIN,
        entry.id,
        entry.day,
        moment,
        _clock_text(moment, tz) if entry.recorded_at and moment == entry.recorded_at else "",
        f"Check-in: worst {entry.worst_pain}, usual {entry.typical_pain}",
        _join(
            f"Sleep {entry.sleep_quality} of 10" if entry.sleep_quality is not None else "",
            f"Activity {entry.activity_level} of 10" if entry.activity_level is not None else "",
            entry.note,
        ),
        pain=entry.worst_pain,
    )


def _treatment_item(entry: Treatment, tz: ZoneInfo) -> TimelineItem:
    return TimelineItem(
        EntryKind.TREATMENT,
        entry.id,
        entry.occurred_on,
        datetime.combine(entry.occurred_on, time(0, 0), tzinfo=tz),
        "",
        entry.kind.label,
        _join(entry.site, entry.provider, entry.note),
    )


def _outcome_item(score: OutcomeScore, tz: ZoneInfo) -> TimelineItem:
    assert score.local_day is not None
    result = score.result
    short = {
        Instrument.NPRS: "NPRS",
        Instrument.PSFS: "PSFS",
        Instrument.ODI: "ODI",
        Instrument.NDI: "NDI",
    }[score.instrument]
    return TimelineItem(
        EntryKind.OUTCOME,
        score.id,
        score.local_day,
        score.recorded_at,
        _clock_text(score.recorded_at, tz),
        f"{short} {result.text}",
        _join(result.band, result.remark, score.note),
        pain=int(result.score) if score.instrument is Instrument.NPRS else None,
    )


def _session_item(row: SessionSummary, tz: ZoneInfo) -> TimelineItem:
    minutes = round((row.ended_at - row.started_at).total_seconds() / 60) if row.ended_at else None
    return TimelineItem(
        EntryKind.SESSION,
        row.id,
        row.local_day,
        row.started_at,
        _clock_text(row.started_at, tz),
        "Session completed" if row.completed else "Session stopped early",
        _join(
            f"{minutes} min" if minutes is not None else "",
            f"pain {row.pain_before} → {row.pain_after}"
            if row.pain_before is not None and row.pain_after is not None
            else "",
            row.note,
        ),
        pain=row.pain_after,
    )
