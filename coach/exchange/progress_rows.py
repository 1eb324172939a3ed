"""The rows a progress file carries: their kinds, every field's type and range, and the rules a
row must keep beyond its fields (a day inside the file's range, the domain's own rules for pain
entries, check-ins, treatments and scores, an end after its start).

coach.exchange.progress_file reads and writes the file around them. Each field type reads the
JSON value (ValueError saying what is wrong) and writes it back; FIELDS lists them per kind,
under the database column names, with links to other rows by uid.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.domain.diary import (
    RED_FLAG_KEYS,
    REGIONS_BY_KEY,
    SHORT_TEXT_MAX,
    TEXT_MAX,
    CheckIn,
    PainEntry,
    PainQuality,
    Treatment,
    TreatmentKind,
)
from coach.domain.outcomes import (
    SECTIONS,
    Answers,
    Instrument,
    NprsAnswers,
    OutcomeScore,
    PsfsAnswers,
    PsfsRating,
    SectionAnswers,
    score,
)
from coach.domain.profile import ValidationError
from coach.domain.programme import NOTE_MAX
from coach.domain.sides import Sides
from coach.domain.symptoms import Response, SymptomRegion
from coach.exchange.programme_file import ID_MAX, ID_PATTERN
from coach.exchange.strict_json import kind_of, quoted

ZONE_MAX = 64
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2199, 12, 31)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
_UID = re.compile(r"[0-9A-Za-z-]{1,36}")  # a uuid4 hex, or a dashed uuid (36)

Row = dict[str, Any]


class Kind(StrEnum):
    """The kinds of rows a progress file carries, in the order they are stored."""

    SESSIONS = "sessions"
    EXERCISE_LOGS = "exercise_logs"
    SYMPTOM_RESPONSES = "symptom_responses"
    PAIN_ENTRIES = "pain_entries"
    CHECKINS = "checkins"
    TREATMENTS = "treatments"
    PSFS_ACTIVITIES = "psfs_activities"
    OUTCOME_SCORES = "outcome_scores"


class RowProblem(ValueError):
    """A row breaks a rule: `field` is where, `problem` what (the reader adds the row's path)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


class Field(ABC):
    """One field of a row: reads the JSON value (raising with the reason) and writes it back."""

    nullable = False

    @abstractmethod
    def read(self, value: object) -> Any:
        """The value as Coach holds it; ValueError saying what is wrong with it."""

    def write(self, value: Any) -> Any:
        return value


class Text(Field):
    def __init__(self, limit: int, *, required: bool = False) -> None:
        self.limit, self.required = limit, required

    def read(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {kind_of(value)}")
        if len(value) > self.limit:
            raise ValueError(f"is {len(value)} characters long; at most {self.limit} fit")
        if self.required and not value.strip():
            raise ValueError("must not be empty")
        return value


class Whole(Field):
    def __init__(self, low: int, high: int, *, nullable: bool = False) -> None:
        self.low, self.high, self.nullable = low, high, nullable

    def read(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {kind_of(value)}")
        if not self.low <= value <= self.high:
            raise ValueError(f"is {value}; it must be between {self.low} and {self.high}")
        return value


class Real(Field):
    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def read(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {kind_of(value)}")
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise ValueError(f"is {value:g}; it must be between {self.low:g} and {self.high:g}")
        return float(value)


class ExerciseId(Field):
    """An exercise id as the library and custom exercises spell them (programme files' rule)."""

    def read(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > ID_MAX or not ID_PATTERN.fullmatch(value):
            raise ValueError("is not an exercise id")
        return value


class Zone(Field):
    """An IANA time zone name that this machine knows (sessions are shown in their zone)."""

    def read(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > ZONE_MAX:
            raise ValueError("must be a time zone name like Europe/London")
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"is {quoted(value)}, which is not a time zone Coach knows") from None
        return value


class Flag(Field):
    def read(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {kind_of(value)}")
        return value


class Choice(Field):
    def __init__(self, choices: Sequence[str], *, nullable: bool = False) -> None:
        self.choices, self.nullable = tuple(choices), nullable

    def read(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise ValueError(f"must be one of: {', '.join(self.choices)}")
        return value


class Keys(Field):
    """A list of distinct keys from a fixed set (body regions, pain qualities, red flags)."""

    def __init__(self, allowed: frozenset[str] | set[str]) -> None:
        self.allowed = frozenset(allowed)

    def read(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise ValueError(f"must be a list, not {kind_of(value)}")
        if len(value) > len(self.allowed):
            raise ValueError(f"lists {len(value)} entries; at most {len(self.allowed)} exist")
        for item in value:
            if not isinstance(item, str) or item not in self.allowed:
                shown = quoted(item) if isinstance(item, str) else kind_of(item)
                raise ValueError(f"lists {shown}, which Coach does not know")
        if len(set(value)) != len(value):
            raise ValueError("lists an entry twice")
        return list(value)


class Day(Field):
    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> date:
        return read_day(value)

    def write(self, value: Any) -> Any:
        return value.isoformat()


class Instant(Field):
    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> datetime:
        return read_instant(value)

    def write(self, value: Any) -> Any:
        return write_instant(value)


class Uid(Field):
    """A row's uid, or (as a link) the uid of another row: `session`, `log`, `programme`."""

    def __init__(self, *, nullable: bool = False) -> None:
        self.nullable = nullable

    def read(self, value: object) -> str:
        if not isinstance(value, str) or not _UID.fullmatch(value):
            raise ValueError("is not a row uid (1-36 letters, digits or dashes)")
        return value


class Details(Field):
    """An outcome score's answers; checked against the instrument by check_score."""

    def read(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"must be an object, not {kind_of(value)}")
        return dict(value)


PAIN = Whole(0, 10)
PAIN_OR_NONE = Whole(0, 10, nullable=True)
STATUS_SESSION = ("in_progress", "completed", "stopped")
STATUS_LOG = ("done", "partial", "skipped")

# The fields of each kind: database column names, but links by uid (session, log, programme).
FIELDS: dict[Kind, dict[str, Field]] = {
    Kind.SESSIONS: {
        "programme": Uid(nullable=True),
        "started_at": Instant(),
        "ended_at": Instant(nullable=True),
        "local_day": Day(),
        "timezone": Zone(),
        "status": Choice(STATUS_SESSION),
        "pain_before": PAIN_OR_NONE,
        "pain_after": PAIN_OR_NONE,
        "symptom_region": Choice([r.value for r in SymptomRegion], nullable=True),
        "symptoms_before": Whole(0, 5, nullable=True),
        "effort": Choice(("easier", "same", "harder"), nullable=True),
        "note": Text(NOTE_MAX),
    },
    Kind.EXERCISE_LOGS: {
        "session": Uid(),
        "exercise_id": ExerciseId(),
        "local_day": Day(),
        "started_at": Instant(),
        "ended_at": Instant(),
        "status": Choice(STATUS_LOG),
        "planned_sets": Whole(1, 10),
        "planned_reps": Whole(1, 50),
        "planned_hold_s": Real(0, 600),
        "planned_sides": Choice([s.value for s in Sides]),
        "done_sets": Whole(0, 10),
        "done_reps": Whole(0, 50),
        "done_hold_s": Real(0, 600),
    },
    Kind.SYMPTOM_RESPONSES: {
        "log": Uid(),
        "region": Choice([r.value for r in SymptomRegion]),
        "level_before": Whole(0, 5),
        "level_after": Whole(0, 5),
        "response": Choice([r.value for r in Response]),
        "recorded_at": Instant(),
        "local_day": Day(),
    },
    Kind.PAIN_ENTRIES: {
        "recorded_at": Instant(),
        "local_day": Day(),
        "intensity": PAIN,
        "body_regions": Keys(set(REGIONS_BY_KEY)),
        "qualities": Keys({q.value for q in PainQuality}),
        "worse": Text(TEXT_MAX),
        "better": Text(TEXT_MAX),
        "medication": Text(TEXT_MAX),
        "note": Text(TEXT_MAX),
        "question_for_therapist": Flag(),
        "red_flags": Keys(RED_FLAG_KEYS),
    },
    Kind.CHECKINS: {
        "local_day": Day(),
        "recorded_at": Instant(),
        "worst_pain": PAIN,
        "typical_pain": PAIN,
        "sleep_quality": PAIN_OR_NONE,
        "activity_level": PAIN_OR_NONE,
        "note": Text(TEXT_MAX),
    },
    Kind.TREATMENTS: {
        "occurred_on": Day(),
        "recorded_at": Instant(),
        "kind": Choice([k.value for k in TreatmentKind]),
        "site": Text(SHORT_TEXT_MAX),
        "provider": Text(SHORT_TEXT_MAX),
        "note": Text(TEXT_MAX),
    },
    Kind.PSFS_ACTIVITIES: {
        "name": Text(SHORT_TEXT_MAX, required=True),
        "created_at": Instant(),
        "retired_at": Instant(nullable=True),
    },
    Kind.OUTCOME_SCORES: {
        "instrument": Choice([i.value for i in Instrument]),
        "recorded_at": Instant(),
        "local_day": Day(),
        "score": Real(0, 100),
        "details": Details(),
        "note": Text(500),
    },
}
# Which link each kind has to rows of another kind in the same file.
LINKS: dict[Kind, tuple[str, Kind]] = {
    Kind.EXERCISE_LOGS: ("session", Kind.SESSIONS),
    Kind.SYMPTOM_RESPONSES: ("log", Kind.EXERCISE_LOGS),
}
# Fields whose value is unique among a patient's rows of that kind (one check-in a day, one
# symptom response per exercise log), on top of the uid.
ONE_PER: dict[Kind, str] = {Kind.CHECKINS: "local_day", Kind.SYMPTOM_RESPONSES: "log"}
# The day that places each kind's rows in the file's range. Logs and symptom responses go with
# their session (LINKS); PSFS activities have none: all of them are sent.
DAY_FIELD: dict[Kind, str] = {
    Kind.SESSIONS: "local_day",
    Kind.PAIN_ENTRIES: "local_day",
    Kind.CHECKINS: "local_day",
    Kind.TREATMENTS: "occurred_on",
    Kind.OUTCOME_SCORES: "local_day",
}


def read_day(value: object) -> date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ValueError("must be a date written like 2026-03-16")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{quoted(value)} is not a date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"is {value}, outside the years Coach keeps")
    return day


def read_instant(value: object) -> datetime:
    if not isinstance(value, str) or not _INSTANT.fullmatch(value):
        raise ValueError("must be a UTC time written like 2026-03-16T08:15:00Z")
    try:
        moment = datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"{quoted(value)} is not a time") from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise ValueError(f"is {value}, outside the years Coach keeps")
    return moment


def write_instant(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def check_row(kind: Kind, row: Row, first: date, last: date) -> None:
    """The rules beyond each field's own: the range, and the domain's rules for the record.

    Raises RowProblem naming the field and what is wrong with it."""
    day_field = DAY_FIELD.get(kind)
    if day_field is not None and not first <= row[day_field] <= last:
        raise RowProblem(day_field, "falls outside the file's range of days")
    try:
        if kind is Kind.PAIN_ENTRIES:
            PainEntry(
                recorded_at=row["recorded_at"],
                intensity=row["intensity"],
                regions=tuple(row["body_regions"]),
                qualities=tuple(PainQuality(q) for q in row["qualities"]),
                red_flags=tuple(row["red_flags"]),
            )
        elif kind is Kind.CHECKINS:
            CheckIn(row["local_day"], row["worst_pain"], row["typical_pain"])
        elif kind is Kind.TREATMENTS:
            Treatment(TreatmentKind(row["kind"]), row["occurred_on"])
        elif kind is Kind.OUTCOME_SCORES:
            check_score(row)
    except ValidationError as exc:
        raise RowProblem(exc.field or "", exc.message.rstrip(".").lower()) from None
    for start, end in (("started_at", "ended_at"), ("created_at", "retired_at")):
        if row.get(start) and row.get(end) and row[end] < row[start]:
            raise RowProblem(end, f"comes before {start}")


def check_score(row: Row) -> None:
    """An outcome's answers must fit its instrument and give the score it states."""
    instrument = Instrument(row["instrument"])
    answers = answers_of(instrument, row["details"])
    OutcomeScore(answers, row["recorded_at"])
    if abs(score(answers).score - row["score"]) > 1e-6:
        raise ValidationError("score", "Does not match the answers it was computed from.")


def answers_of(instrument: Instrument, details: dict[str, Any]) -> Answers:
    """The answers in an outcome score's `details`, checked; ValidationError when they do not
    fit the instrument (the shape coach.store.outcome_repo writes)."""
    wrong = ValidationError("details", f"Are not answers to the {instrument.value.upper()}.")
    try:
        if instrument is Instrument.NPRS:
            if set(details) != {"pain"}:
                raise wrong
            return NprsAnswers(details["pain"])
        if instrument is Instrument.PSFS:
            ratings = details.get("ratings")
            if set(details) != {"ratings"} or not isinstance(ratings, list):
                raise wrong
            items = []
            for entry in ratings:
                if not isinstance(entry, dict) or set(entry) != {"activity", "rating"}:
                    raise wrong
                if not isinstance(entry["activity"], str):
                    raise wrong
                items.append(PsfsRating(entry["activity"], entry["rating"]))
            return PsfsAnswers(tuple(items))
        sections = details.get("sections")
        if set(details) != {"sections"} or not isinstance(sections, list):
            raise wrong
        if len(sections) != SECTIONS or any(
            s is not None and (isinstance(s, bool) or not isinstance(s, int)) for s in sections
        ):
            raise wrong
        return SectionAnswers(instrument, tuple(sections))
    except TypeError:
        raise wrong from None
